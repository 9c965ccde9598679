import { Timestamp } from "firebase-admin/firestore";
import type { Call } from "../../registry/define";
import { getAppointment } from "../../repo/appointments";
import { recordAction } from "../../repo/actions";
import { getRecord, shareRecord } from "../../repo/records";
import { runTransaction } from "../../repo/transaction";
import type { ShareRecordsRequest } from "../../schemas/records";
import { appError } from "../../schemas/errors";

/** A record shared for an appointment stays readable by its doctor until 30 days after it ends. */
const SHARE_AFTER_MS = 30 * 86_400_000;

/** The patient shares records with the doctor of one of their appointments, for that care. */
export async function shareRecords({ actor, input, now, origin }: Call<ShareRecordsRequest>) {
  const appointment = await getAppointment(input.appointmentId);
  if (!appointment || appointment.patientUid !== actor.uid)
    throw appError("not-found", "appointment-not-found", "no such appointment of yours");
  if (appointment.status === "cancelled")
    throw appError("failed-precondition", "appointment-cancelled", "this appointment was cancelled");
  const until = Timestamp.fromMillis(appointment.end.toMillis() + SHARE_AFTER_MS);
  const doctorUid = appointment.doctorUid;
  const records = await Promise.all(input.recordIds.map((id) => getRecord(id)));
  const missing = input.recordIds.filter(
    (_, i) => !records[i] || records[i]!.patientUid !== actor.uid || records[i]!.status !== "ready",
  );
  if (missing.length)
    throw appError("not-found", "record-not-found", `no such ready record of yours: ${missing.join(", ")}`);
  await runTransaction(async (tx) => {
    for (const id of input.recordIds)
      shareRecord(tx, id, { doctorUid, appointmentId: input.appointmentId, until });
    recordAction(
      tx,
      {
        action: "record.shared",
        actor,
        org: appointment.org,
        target: { type: "appointment", id: input.appointmentId },
        origin,
      },
      now,
    );
  });
  return { shared: input.recordIds.length, doctorUid, until: until.toDate().toISOString() };
}
