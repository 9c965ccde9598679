import { getAuth } from "firebase-admin/auth";
import { HttpsError, type CallableRequest } from "firebase-functions/v2/https";
import { logger } from "firebase-functions/v2";
import { deletePrefix } from "../../adapters/storage/bucket";
import { RETAINED, retainUntil } from "../../domain/records/retention";
import { recordAudit } from "../../repo/audit";
import { COLLECTIONS, db } from "../../repo/firestore";
import { chunks } from "../../repo/medicines";
import { deleteAccountRequestSchema } from "../../schemas/records";
import { requestOrigin, requireActor } from "../context";
import { parseRequest } from "../errors";

const WRITES_PER_BATCH = 400;

async function commitInBatches(ops: Array<(batch: FirebaseFirestore.WriteBatch) => void>): Promise<void> {
  for (const part of chunks(ops, WRITES_PER_BATCH)) {
    const batch = db().batch();
    for (const op of part) op(batch);
    await batch.commit();
  }
}

/**
 * A patient deletes their account (domain/records/retention.ts): consents revoked; uploaded
 * records, the access log, the profile, exports and their messages erased; appointments,
 * consultations, clinical records and prescriptions kept for the legal period, marked
 * `patientDeleted` so that nobody can read them; the Auth user deleted last. Refused while an
 * appointment is still ahead: cancel it first (the slot goes back to the doctor).
 */
export async function deleteMyAccount(request: CallableRequest<unknown>, now = new Date()) {
  const actor = await requireActor(request, { checkRevoked: true });
  parseRequest(deleteAccountRequestSchema, request.data);
  if (actor.role !== "patient") throw new HttpsError("failed-precondition", "clinician and admin accounts are closed by an administrator");
  const uid = actor.uid;
  const upcoming = await db().collection(COLLECTIONS.appointments).where("patientUid", "==", uid).where("status", "==", "booked").get();
  const ahead = upcoming.docs.filter((d) => d.get("end").toMillis() > now.getTime());
  if (ahead.length) throw new HttpsError("failed-precondition", `cancel your ${ahead.length} upcoming appointment(s) first`);

  const query = (collection: string, field = "patientUid") => db().collection(collection).where(field, "==", uid).get();
  const [consents, records, accessLog, outbox, ...retained] = await Promise.all([
    query(COLLECTIONS.consents),
    query(COLLECTIONS.records),
    query(COLLECTIONS.accessLog),
    query(COLLECTIONS.outbox, "recipientUid"),
    ...RETAINED.map((c) => query(c)),
  ]);
  const until = retainUntil(now);
  const ops: Array<(b: FirebaseFirestore.WriteBatch) => void> = [
    ...consents.docs.map((d) => (b: FirebaseFirestore.WriteBatch) => b.update(d.ref, { status: "revoked", revokedAt: now, patientDeleted: true })),
    ...records.docs.map((d) => (b: FirebaseFirestore.WriteBatch) => b.delete(d.ref)),
    ...accessLog.docs.map((d) => (b: FirebaseFirestore.WriteBatch) => b.delete(d.ref)),
    ...outbox.docs.map((d) => (b: FirebaseFirestore.WriteBatch) => b.delete(d.ref)),
    ...retained.flatMap((snap) => snap.docs.map((d) => (b: FirebaseFirestore.WriteBatch) => b.update(d.ref, { patientDeleted: true, retainUntil: until }))),
    (b) => b.delete(db().collection(COLLECTIONS.patients).doc(uid)),
    (b) => b.delete(db().collection(COLLECTIONS.bookingState).doc(uid)),
  ];
  const [recordFiles, exportFiles] = await Promise.all([deletePrefix(`records/${uid}/`), deletePrefix(`exports/${uid}/`)]);
  await commitInBatches(ops);
  await recordAudit({ action: "account.deleted", actor, org: null, target: { type: "patient", id: uid }, origin: requestOrigin(request) }, now);
  await getAuth().deleteUser(uid);
  const summary = {
    erased: { records: records.size, files: recordFiles + exportFiles, accessLog: accessLog.size, messages: outbox.size, profile: 1 },
    revokedConsents: consents.size,
    retained: Object.fromEntries(RETAINED.map((c, i) => [c, retained[i].size])),
    retainUntil: until.toISOString(),
  };
  logger.info("account.deleted", { uid, retained: summary.retained });
  return summary;
}
