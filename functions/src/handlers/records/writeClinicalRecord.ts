import { HttpsError, type CallableRequest } from "firebase-functions/v2/https";
import { logger } from "firebase-functions/v2";
import { isTreatingDoctor } from "../../authz/clinical";
import { buildVersion, nextVersion } from "../../domain/clinical/record";
import { appendAudit } from "../../repo/audit";
import { getAppointment } from "../../repo/appointments";
import { clinicalRecordRef, clinicalVersionRef, getCurrentVersion } from "../../repo/clinical";
import { db } from "../../repo/firestore";
import { writeClinicalRecordRequestSchema } from "../../schemas/clinical";
import { requestOrigin, requireActor } from "../context";
import { parseRequest } from "../errors";

/**
 * The treating doctor writes the SOAP note, diagnoses and vitals of an appointment. A second
 * write is an amendment: it needs a reason, becomes the next version, and the earlier version
 * stays readable under clinicalRecords/{appointment}/versions.
 */
export async function writeClinicalRecord(
  request: CallableRequest<unknown>,
  now = new Date(),
): Promise<{ appointmentId: string; version: number; amendment: boolean }> {
  const actor = await requireActor(request);
  const input = parseRequest(writeClinicalRecordRequestSchema, request.data);
  const result = await db().runTransaction(async (tx) => {
    const appointment = await getAppointment(input.appointmentId, tx);
    if (!appointment) throw new HttpsError("not-found", "no such appointment");
    if (!isTreatingDoctor(actor, appointment))
      throw new HttpsError(
        "permission-denied",
        "only the treating doctor writes this appointment's clinical record",
      );
    if (appointment.status === "cancelled")
      throw new HttpsError("failed-precondition", "this appointment was cancelled");
    const current = await getCurrentVersion(tx, input.appointmentId);
    const decision = nextVersion(current, input.amendmentReason);
    if (!decision.ok) throw new HttpsError(decision.code, decision.message);
    const parties = {
      appointmentId: input.appointmentId,
      patientUid: appointment.patientUid,
      doctorUid: appointment.doctorUid,
      org: appointment.org,
    };
    const version = buildVersion(
      parties,
      { soap: input.soap, diagnoses: input.diagnoses, vitals: input.vitals ?? null },
      decision.version,
      actor.uid,
      input.amendmentReason ?? null,
      now,
    );
    tx.create(clinicalVersionRef(input.appointmentId, decision.version), version);
    tx.set(clinicalRecordRef(input.appointmentId), {
      ...version,
      createdAt: current?.createdAt ?? now,
      updatedAt: now,
    });
    appendAudit(
      tx,
      {
        action: decision.amendment ? "clinicalRecord.amended" : "clinicalRecord.written",
        actor,
        org: appointment.org,
        target: { type: "clinicalRecord", id: input.appointmentId },
        origin: requestOrigin(request),
      },
      now,
    );
    return { appointmentId: input.appointmentId, version: decision.version, amendment: decision.amendment };
  });
  logger.info(result.amendment ? "clinicalRecord.amended" : "clinicalRecord.written", {
    appointmentId: result.appointmentId,
    version: result.version,
  });
  return result;
}
