import { Timestamp } from "firebase-admin/firestore";
import { logger } from "firebase-functions/v2";
import { buildVersion, nextVersion } from "../../domain/clinical/record";
import { recordAction } from "../../repo/actions";
import { createClinicalVersion, getClinicalRecord, setClinicalRecord } from "../../repo/clinical";
import { getRecordedAnswer, createRecordedAnswer, idempotentCall } from "../../repo/idempotency";
import { runTransaction } from "../../repo/transaction";
import type { Call } from "../../registry/define";
import type { WriteClinicalRecordRequest } from "../../schemas/clinical";
import { appError, refusalError } from "../../schemas/errors";
import { getTreatedAppointment } from "../../services/clinical/treatedAppointment";

/**
 * The treating doctor writes the SOAP note, diagnoses and vitals of an appointment. A second
 * write is an amendment: it needs a reason, becomes the next version, and the earlier version
 * stays readable under clinicalRecords/{appointment}/versions. With an idempotency key, a retry
 * returns the first answer instead of a second version (or, for a first write, a refusal).
 */
export async function writeClinicalRecord({
  actor,
  input,
  now,
  origin,
}: Call<WriteClinicalRecordRequest>): Promise<{
  appointmentId: string;
  version: number;
  amendment: boolean;
}> {
  const call = idempotentCall(actor.uid, "writeClinicalRecord", input);
  type Written = { appointmentId: string; version: number; amendment: boolean };
  const recorded = await getRecordedAnswer<Written>(call);
  if (recorded) return recorded;
  let fresh = false;
  const result = await runTransaction(async (tx) => {
    const again = await getRecordedAnswer<Written>(call, tx);
    if (again) return again;
    const appointment = await getTreatedAppointment(
      actor,
      input.appointmentId,
      "writes this appointment's clinical record",
      tx,
    );
    if (appointment.status === "cancelled")
      throw appError("failed-precondition", "appointment-cancelled", "this appointment was cancelled");
    const current = await getClinicalRecord(input.appointmentId, tx);
    const decision = nextVersion(current, input.amendmentReason);
    if (!decision.ok) throw refusalError(decision);
    const written = buildVersion(
      {
        parties: {
          appointmentId: input.appointmentId,
          patientUid: appointment.patientUid,
          doctorUid: appointment.doctorUid,
          org: appointment.org,
        },
        content: { soap: input.soap, diagnoses: input.diagnoses, vitals: input.vitals ?? null },
        version: decision.version,
        author: actor.uid,
        amendmentReason: input.amendmentReason ?? null,
      },
      now,
    );
    const version = { ...written, writtenAt: Timestamp.fromDate(written.writtenAt) };
    const at = Timestamp.fromDate(now);
    createClinicalVersion(tx, version);
    setClinicalRecord(tx, { ...version, createdAt: current?.createdAt ?? at, updatedAt: at });
    recordAction(
      tx,
      {
        action: decision.amendment ? "clinicalRecord.amended" : "clinicalRecord.written",
        actor,
        org: appointment.org,
        target: { type: "clinicalRecord", id: input.appointmentId },
        origin,
      },
      now,
    );
    const answer: Written = {
      appointmentId: input.appointmentId,
      version: decision.version,
      amendment: decision.amendment,
    };
    createRecordedAnswer(tx, call, answer, now);
    fresh = true;
    return answer;
  });
  if (!fresh) return result;
  logger.info(result.amendment ? "clinicalRecord.amended" : "clinicalRecord.written", {
    appointmentId: result.appointmentId,
    version: result.version,
  });
  return result;
}
