import { isTreatingDoctor } from "../../authz/clinical";
import type { Actor } from "../../domain/identity/actor";
import { getAppointment, type AppointmentDoc } from "../../repo/appointments";
import type { Transaction } from "../../repo/transaction";
import { appError } from "../../schemas/errors";

/**
 * The appointment a treating doctor writes for (its clinical record, a prescription), read by id,
 * in `tx` when given. A missing appointment is `not-found`; a caller who is not its doctor is
 * refused with `only the treating doctor <does>`.
 */
export async function getTreatedAppointment(
  actor: Actor,
  appointmentId: string,
  does: string,
  tx?: Transaction,
): Promise<AppointmentDoc> {
  const appointment = await getAppointment(appointmentId, tx);
  if (!appointment) throw appError("not-found", "appointment-not-found", "no such appointment");
  if (!isTreatingDoctor(actor, appointment))
    throw appError("permission-denied", "not-treating-doctor", `only the treating doctor ${does}`);
  return appointment;
}
