import type { AuditAction } from "../../domain/audit/entry";
import type { EventType } from "../../domain/events/events";
import type { Actor } from "../../domain/identity/actor";
import type { Origin } from "../../registry/define";
import type { ActionRecord } from "../../repo/actions";
import type { AppointmentDoc } from "../../repo/appointments";

/** A change to an appointment, as the audit log and analytics keep it. */
export interface AppointmentChange {
  action: AuditAction;
  appointmentId: string;
  appointment: Pick<AppointmentDoc, "org" | "patientUid" | "doctorUid">;
  actor: Actor;
  origin: Origin;
  /** The domain event analytics counts, if any; `byActor` adds who acted to its ids. */
  event?: { type: EventType; byActor?: boolean };
}

/** What `recordAction` writes for a change to an appointment: the entry, and the event by ids only. */
export function appointmentAction(change: AppointmentChange): ActionRecord {
  const { appointmentId, appointment, actor, event } = change;
  return {
    action: change.action,
    actor,
    org: appointment.org,
    target: { type: "appointment", id: appointmentId },
    origin: change.origin,
    ...(event && {
      event: {
        type: event.type,
        ids: {
          appointmentId,
          patientUid: appointment.patientUid,
          doctorUid: appointment.doctorUid,
          ...(event.byActor && { actorUid: actor.uid }),
        },
        key: appointmentId,
      },
    }),
  };
}
