import type { AuditAction } from "../../domain/audit/entry";
import type { EventType } from "../../domain/events/events";
import type { Actor } from "../../domain/identity/actor";
import type { Origin } from "../../registry/define";
import type { ActionRecord } from "../../repo/actions";
import type { AppointmentDoc } from "../../repo/appointments";

/** The appointment a change is made to, and by whom from where. */
export interface AppointmentSubject {
  appointmentId: string;
  appointment: Pick<AppointmentDoc, "org" | "patientUid" | "doctorUid">;
  /** Who made the change (an Actor; for a booking recorded by its trigger, the history's entry). */
  actor: Pick<Actor, "uid" | "onBehalfOf"> & { role: string };
  origin: Origin;
}

/**
 * What `recordAction` writes for a change to an appointment: the audit entry and, when
 * analytics counts the change, its domain event by ids only (`byActor` adds who acted).
 */
export function appointmentAction(
  subject: AppointmentSubject,
  action: AuditAction,
  event?: { type: EventType; byActor?: boolean },
): ActionRecord {
  const { appointmentId, appointment, actor } = subject;
  return {
    action,
    actor,
    org: appointment.org,
    target: { type: "appointment", id: appointmentId },
    origin: subject.origin,
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
