import { HttpsError, type CallableRequest } from "firebase-functions/v2/https";
import { logger } from "firebase-functions/v2";
import { downloadBuffer, saveBuffer, signedDownloadUrl } from "../../adapters/storage/bucket";
import { recordAudit } from "../../repo/audit";
import { COLLECTIONS, db } from "../../repo/firestore";
import { requestOrigin, requireActor } from "../context";
import { enforceRateLimit } from "../rateLimit";

const EXPORT_LINK_SECONDS = 60 * 60;

/** Firestore values as JSON: timestamps as ISO strings, geo points as {lat, lng}. */
function plain(value: unknown): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (
    typeof value === "object" &&
    "toDate" in (value as object) &&
    typeof (value as { toDate: unknown }).toDate === "function"
  ) {
    return (value as { toDate: () => Date }).toDate().toISOString();
  }
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === "object") {
    if ("latitude" in (value as object) && "longitude" in (value as object)) {
      const g = value as { latitude: number; longitude: number };
      return { lat: g.latitude, lng: g.longitude };
    }
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, plain(v)]),
    );
  }
  return value;
}

async function byPatient(
  collection: string,
  uid: string,
): Promise<Array<Record<string, unknown> & { id: string }>> {
  const snap = await db().collection(collection).where("patientUid", "==", uid).get();
  return snap.docs.map((d) => ({ ...(plain(d.data()) as Record<string, unknown>), id: d.id }));
}

/**
 * "Export my data": the patient's profile, appointments, consultations, clinical records with
 * every version, prescriptions, health-record metadata, consents and access log as `data.json`,
 * with the record files and prescription PDFs, in one ZIP in Cloud Storage behind a signed link
 * valid one hour.
 */
export async function exportMyData(request: CallableRequest<unknown>, now = new Date()) {
  const actor = await requireActor(request, { checkRevoked: true });
  await enforceRateLimit(actor, "export", now);
  if (actor.role !== "patient")
    throw new HttpsError("permission-denied", "exports are of a patient's own data");
  const uid = actor.uid;
  const [profile, appointments, consultations, clinicalRecords, prescriptions, records, consents, accessLog] =
    await Promise.all([
      db().collection(COLLECTIONS.patients).doc(uid).get(),
      byPatient(COLLECTIONS.appointments, uid),
      byPatient(COLLECTIONS.consultations, uid),
      byPatient(COLLECTIONS.clinicalRecords, uid),
      byPatient(COLLECTIONS.prescriptions, uid),
      byPatient(COLLECTIONS.records, uid),
      byPatient(COLLECTIONS.consents, uid),
      byPatient(COLLECTIONS.accessLog, uid),
    ]);
  const withVersions = await Promise.all(
    clinicalRecords.map(async (r) => {
      const versions = await db()
        .collection(COLLECTIONS.clinicalRecords)
        .doc(r.id)
        .collection(COLLECTIONS.versions)
        .orderBy("version")
        .get();
      return { ...r, versions: versions.docs.map((v) => plain(v.data())) };
    }),
  );
  const JSZip = (await import("jszip")).default;
  const zip = new JSZip();
  const files: string[] = [];
  for (const r of records.filter((r) => r.status === "ready")) {
    const data = await downloadBuffer(r.path as string);
    if (!data) continue;
    const name = `files/records/${r.id}.${String(r.contentType).split("/")[1]}`;
    zip.file(name, data);
    files.push(name);
  }
  for (const p of prescriptions) {
    const data = await downloadBuffer(p.pdfPath as string);
    if (!data) continue;
    const name = `files/prescriptions/${p.id}.pdf`;
    zip.file(name, data);
    files.push(name);
  }
  const exported = {
    exportedAt: now.toISOString(),
    uid,
    profile: profile.exists ? plain(profile.data()) : null,
    appointments,
    consultations,
    clinicalRecords: withVersions,
    prescriptions,
    records,
    consents,
    accessLog,
    files,
  };
  zip.file("data.json", JSON.stringify(exported, null, 2));
  const archive = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
  const path = `exports/${uid}/${now.getTime()}.zip`;
  await saveBuffer(path, archive, "application/zip", { kind: "export" });
  const link = await signedDownloadUrl({
    path,
    expiresInSeconds: EXPORT_LINK_SECONDS,
    downloadName: `arogya-export-${now.toISOString().slice(0, 10)}.zip`,
  });
  await recordAudit(
    {
      action: "data.exported",
      actor,
      org: null,
      target: { type: "patient", id: uid },
      origin: requestOrigin(request),
    },
    now,
  );
  logger.info("data.exported", { uid, bytes: archive.length, files: files.length });
  return {
    url: link.url,
    expiresAt: link.expiresAt,
    bytes: archive.length,
    counts: {
      appointments: appointments.length,
      consultations: consultations.length,
      clinicalRecords: clinicalRecords.length,
      prescriptions: prescriptions.length,
      records: records.length,
      consents: consents.length,
      accessLog: accessLog.length,
      files: files.length,
    },
  };
}
