import { getAuth } from "firebase-admin/auth";
import { HttpsError, type CallableRequest } from "firebase-functions/v2/https";
import { logger } from "firebase-functions/v2";
import { deletePrefix } from "../../adapters/storage/bucket";
import { RETAINED, RETAINED_SUBCOLLECTIONS, retainUntil } from "../../domain/records/retention";
import { recordAudit } from "../../repo/audit";
import { chunks, COLLECTIONS, db } from "../../repo/firestore";
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
 * consultations, clinical records, prescriptions and consents moved into `retained/{uid}`, which
 * no rule opens, for the legal period; the Auth user deleted last. Refused while an appointment
 * is still ahead: cancel it first (the slot goes back to the doctor).
 */
export async function deleteMyAccount(request: CallableRequest<unknown>, now = new Date()) {
  const actor = await requireActor(request, { checkRevoked: true });
  parseRequest(deleteAccountRequestSchema, request.data);
  if (actor.role !== "patient")
    throw new HttpsError(
      "failed-precondition",
      "clinician and admin accounts are closed by an administrator",
    );
  const uid = actor.uid;
  const upcoming = await db()
    .collection(COLLECTIONS.appointments)
    .where("patientUid", "==", uid)
    .where("status", "==", "booked")
    .get();
  const ahead = upcoming.docs.filter((d) => d.get("end").toMillis() > now.getTime());
  if (ahead.length)
    throw new HttpsError("failed-precondition", `cancel your ${ahead.length} upcoming appointment(s) first`);

  const query = (collection: string, field = "patientUid") =>
    db().collection(collection).where(field, "==", uid).get();
  const [records, accessLog, outbox, ...retained] = await Promise.all([
    query(COLLECTIONS.records),
    query(COLLECTIONS.accessLog),
    query(COLLECTIONS.outbox, "recipientUid"),
    ...RETAINED.map((c) => query(c)),
  ]);
  const until = retainUntil(now);
  const archive = db().collection(COLLECTIONS.retained).doc(uid);
  const ops: Array<(b: FirebaseFirestore.WriteBatch) => void> = [
    (b) =>
      b.set(archive, {
        patientUid: uid,
        deletedAt: now,
        retainUntil: until,
        policy: "IMC Regulations 2002, 1.3.1: three years",
      }),
  ];
  let moved = 0;
  // Subcollections (versions, events) of every retained document, read in parallel.
  const childrenOf = new Map(
    await Promise.all(
      RETAINED.flatMap((collection, i) => {
        const sub = RETAINED_SUBCOLLECTIONS[collection];
        return sub
          ? retained[i].docs.map(async (d) => [d.ref.path, (await d.ref.collection(sub).get()).docs] as const)
          : [];
      }),
    ),
  );
  for (const [i, collection] of RETAINED.entries()) {
    const sub = RETAINED_SUBCOLLECTIONS[collection];
    for (const d of retained[i].docs) {
      const data =
        collection === "consents" && d.get("status") === "active"
          ? { ...d.data(), status: "revoked", revokedAt: now }
          : d.data();
      ops.push((b) => b.set(archive.collection(collection).doc(d.id), { ...data, retainUntil: until }));
      ops.push((b) => b.delete(d.ref));
      moved += 1;
      if (sub) {
        for (const c of childrenOf.get(d.ref.path) ?? []) {
          ops.push((b) =>
            b.set(archive.collection(`${collection}_${sub}`).doc(`${d.id}_${c.id}`), {
              ...c.data(),
              parentId: d.id,
            }),
          );
          ops.push((b) => b.delete(c.ref));
        }
      }
    }
  }
  ops.push(
    ...records.docs.map((d) => (b: FirebaseFirestore.WriteBatch) => b.delete(d.ref)),
    ...accessLog.docs.map((d) => (b: FirebaseFirestore.WriteBatch) => b.delete(d.ref)),
    ...outbox.docs.map((d) => (b: FirebaseFirestore.WriteBatch) => b.delete(d.ref)),
    (b) => b.delete(db().collection(COLLECTIONS.patients).doc(uid)),
    (b) => b.delete(db().collection(COLLECTIONS.bookingState).doc(uid)),
  );
  const [recordFiles, exportFiles] = await Promise.all([
    deletePrefix(`records/${uid}/`),
    deletePrefix(`exports/${uid}/`),
  ]);
  await commitInBatches(ops);
  await recordAudit(
    {
      action: "account.deleted",
      actor,
      org: null,
      target: { type: "patient", id: uid },
      origin: requestOrigin(request),
    },
    now,
  );
  await getAuth().deleteUser(uid);
  const consentIndex = RETAINED.indexOf("consents");
  const summary = {
    erased: {
      records: records.size,
      files: recordFiles + exportFiles,
      accessLog: accessLog.size,
      messages: outbox.size,
      profile: 1,
    },
    revokedConsents: retained[consentIndex].docs.filter((d) => d.get("status") === "active").length,
    retained: Object.fromEntries(RETAINED.map((c, i) => [c, retained[i].size])),
    retainUntil: until.toISOString(),
  };
  logger.info("account.deleted", { uid, moved, retained: summary.retained });
  return summary;
}
