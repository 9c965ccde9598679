import { Timestamp } from "firebase-admin/firestore";
import { appError } from "../../schemas/errors";
import { patientOf, type Actor } from "../../domain/identity/actor";
import type { Origin } from "../../registry/define";
import { recordAction } from "../../repo/actions";
import { getAppointment, updateAppointment } from "../../repo/appointments";
import { runTransaction } from "../../repo/transaction";
import { appointmentAction } from "./appointmentActions";

/**
 * The patient confirms they will attend a booked appointment ahead (an SMS reply 1 or the
 * voice line): `attendanceConfirmedAt` on the appointment and its audit entry, in one
 * transaction. Confirming again answers the same and writes nothing.
 */
export async function confirmAttendance(
  actor: Actor,
  appointmentId: string,
  origin: Origin,
  now: Date,
): Promise<{ fresh: boolean }> {
  return runTransaction(async (tx) => {
    const appointment = await getAppointment(appointmentId, tx);
    // The patient, or the holder of their family account (`onBehalfOf`, checked by actingFor).
    if (!appointment || appointment.patientUid !== patientOf(actor))
      throw appError("not-found", "appointment-not-found", "no such appointment");
    if (appointment.status !== "booked")
      throw appError(
        "failed-precondition",
        "appointment-closed",
        "only a booked appointment can be confirmed",
      );
    if (appointment.start.toMillis() <= now.getTime())
      throw appError(
        "failed-precondition",
        "too-late-to-change",
        "only an appointment ahead can be confirmed",
      );
    if (appointment.attendanceConfirmedAt) return { fresh: false };
    updateAppointment(tx, appointmentId, {
      attendanceConfirmedAt: Timestamp.fromDate(now),
      updatedAt: Timestamp.fromDate(now),
    });
    recordAction(
      tx,
      appointmentAction({ appointmentId, appointment, actor, origin }, "appointment.attendanceConfirmed"),
      now,
    );
    return { fresh: true };
  });
}
