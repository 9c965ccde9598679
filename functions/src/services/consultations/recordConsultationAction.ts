import type { AuditInput } from "../../domain/audit/entry";
import type { EventIds, EventType } from "../../domain/events/events";
import { recordAction } from "../../repo/actions";
import type { Transaction } from "../../repo/transaction";

/**
 * Records an action on an appointment's consultation, or on the appointment itself, with
 * recordAction: the audit entry's target is the appointment's id, and the domain event (when the
 * action has one) is keyed by it, so a retried transition records its event once.
 */
export function recordConsultationAction(
  tx: Transaction,
  record: {
    action: AuditInput["action"];
    on: "consultation" | "appointment";
    appointmentId: string;
    by: Pick<AuditInput, "actor" | "org" | "origin">;
    event?: { type: EventType; ids: EventIds };
  },
  now: Date,
): void {
  const { action, on, appointmentId, by, event } = record;
  recordAction(
    tx,
    {
      action,
      ...by,
      target: { type: on, id: appointmentId },
      ...(event ? { event: { ...event, key: appointmentId } } : {}),
    },
    now,
  );
}
