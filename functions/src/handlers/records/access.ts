import { HttpsError, type CallableRequest } from "firebase-functions/v2/https";
import { FieldValue, Timestamp } from "firebase-admin/firestore";
import { signedDownloadUrl } from "../../adapters/storage/bucket";
import { recordAccess } from "../../authz/clinical";
import { recordAudit } from "../../repo/audit";
import { appointmentRef } from "../../repo/appointments";
import { consentsFor } from "../../repo/consents";
import { getRecord, logAccess, recordRef, recordsPage } from "../../repo/records";
import { db } from "../../repo/firestore";
import {
  listRecordsRequestSchema,
  recordIdRequestSchema,
  shareRecordsRequestSchema,
} from "../../schemas/records";
import { requestOrigin, requireActor } from "../context";
import { parseRequest } from "../errors";

/** Download links live 5 minutes: long enough to open, short enough not to be passed around. */
const DOWNLOAD_SECONDS = 5 * 60;
/** A record shared for an appointment stays readable by its doctor until 30 days after it ends. */
const SHARE_AFTER_MS = 30 * 86_400_000;

/**
 * A patient's records, filtered by type, date range and provider, newest first, a page at a time.
 * The patient lists their own; a doctor lists what shares and consents allow (the others on the
 * page are left out). Every record returned is written to the access log (the patient's own
 * reads too, with basis `owner`; the patient's view of the log shows the others).
 */
export async function listRecords(request: CallableRequest<unknown>, now = new Date()) {
  const actor = await requireActor(request);
  const input = parseRequest(listRecordsRequestSchema, request.data);
  const patientUid = input.patientUid ?? actor.uid;
  if (patientUid !== actor.uid && actor.role !== "doctor")
    throw new HttpsError("permission-denied", "only the patient and doctors they allow read their records");
  const consents = await consentsFor(patientUid, actor);
  // A doctor may see only some records: pages are read until a page's worth is visible (at most
  // five reads), and the cursor is the last *visible* record, so no other record id leaks.
  const visible: Array<{
    record: Awaited<ReturnType<typeof recordsPage>>["records"][number];
    access: NonNullable<ReturnType<typeof recordAccess>>;
  }> = [];
  let cursor: string | FirebaseFirestore.DocumentSnapshot | undefined = input.cursor;
  let exhausted = false;
  for (let reads = 0; reads < 5 && visible.length < input.pageSize && !exhausted; reads += 1) {
    const page = await recordsPage(patientUid, input, input.pageSize, cursor);
    for (const record of page.records) {
      const access = recordAccess(actor, record, consents, now);
      if (access && visible.length < input.pageSize) visible.push({ record, access });
    }
    cursor = page.lastSnapshot ?? undefined;
    exhausted = page.lastSnapshot === null;
  }
  const nextCursor =
    exhausted && visible.length < input.pageSize ? null : (visible.at(-1)?.record.id ?? null);
  await logAccess(
    visible.map(({ record, access }) => ({
      patientUid,
      recordId: record.id,
      actorUid: actor.uid,
      actorRole: actor.role,
      action: "list" as const,
      basis: access.basis,
      consentId: access.basis === "consent" ? access.consentId : null,
      at: now,
    })),
  );
  return {
    records: visible.map(({ record }) => ({
      recordId: record.id,
      type: record.type,
      title: record.title,
      date: record.date,
      provider: record.provider,
      tags: record.tags,
      contentType: record.contentType,
      sizeBytes: record.sizeBytes,
      uploadedBy: record.uploadedBy,
    })),
    nextCursor,
  };
}

/**
 * A short-lived signed download link, after the same check the rules make: owner, share or
 * consent (revoked or expired consent stops the next request). Logged in the access log.
 */
export async function recordDownloadLink(request: CallableRequest<unknown>, now = new Date()) {
  const actor = await requireActor(request);
  const { recordId } = parseRequest(recordIdRequestSchema, request.data);
  const record = await getRecord(recordId);
  const access =
    record && record.status === "ready"
      ? recordAccess(actor, record, await consentsFor(record.patientUid, actor), now)
      : null;
  // The same answer whether it does not exist or is not yours.
  if (!record || !access) throw new HttpsError("not-found", "no such record, or no consent to read it");
  const link = await signedDownloadUrl({
    path: record.path,
    expiresInSeconds: DOWNLOAD_SECONDS,
    downloadName: `${record.title}.${record.contentType.split("/")[1]}`,
  });
  await logAccess([
    {
      patientUid: record.patientUid,
      recordId,
      actorUid: actor.uid,
      actorRole: actor.role,
      action: "download",
      basis: access.basis,
      consentId: access.basis === "consent" ? access.consentId : null,
      at: now,
    },
  ]);
  return { url: link.url, expiresAt: link.expiresAt };
}

/** The patient shares records with the doctor of one of their appointments, for that care. */
export async function shareRecords(request: CallableRequest<unknown>, now = new Date()) {
  const actor = await requireActor(request);
  const input = parseRequest(shareRecordsRequestSchema, request.data);
  const appointment = await appointmentRef(input.appointmentId).get();
  if (!appointment.exists || appointment.get("patientUid") !== actor.uid)
    throw new HttpsError("not-found", "no such appointment of yours");
  if (appointment.get("status") === "cancelled")
    throw new HttpsError("failed-precondition", "this appointment was cancelled");
  const until = Timestamp.fromMillis(appointment.get("end").toMillis() + SHARE_AFTER_MS);
  const doctorUid = appointment.get("doctorUid") as string;
  const records = await Promise.all(input.recordIds.map((id) => getRecord(id)));
  const missing = input.recordIds.filter(
    (_, i) => !records[i] || records[i]!.patientUid !== actor.uid || records[i]!.status !== "ready",
  );
  if (missing.length)
    throw new HttpsError("not-found", `no such ready record of yours: ${missing.join(", ")}`);
  const batch = db().batch();
  for (const id of input.recordIds)
    batch.update(recordRef(id), {
      [`shares.${doctorUid}`]: until,
      sharedFor: FieldValue.arrayUnion(input.appointmentId),
    });
  await batch.commit();
  await recordAudit(
    {
      action: "record.shared",
      actor,
      org: appointment.get("org"),
      target: { type: "appointment", id: input.appointmentId },
      origin: requestOrigin(request),
    },
    now,
  );
  return { shared: input.recordIds.length, doctorUid, until: until.toDate().toISOString() };
}
