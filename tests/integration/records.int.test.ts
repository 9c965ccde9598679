// Health records against the emulators, end to end through the callables and the signed URLs
// of Cloud Storage (fake-gcs-server, which enforces none of the signed headers, so the real bytes
// are checked on confirm): upload, listing with filters and pages, byte-identical download;
// forged and oversize files; a doctor's upload during care; consent by name and by organisation,
// revocation and expiry, in functions and in rules; shares for an appointment; the access log;
// "export my data"; account deletion with legal retention.
import { collection, doc, getDoc, getDocs, query, where } from "firebase/firestore";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { attachmentDisposition } from "../../functions/src/adapters/storage/bucket";
import { emulatorOrigin } from "../../functions/src/adapters/storage/emulator";
import { RECORD_MAX_BYTES } from "../../functions/src/schemas/records";
import { admin, callError, HOSTING_URL, signUp, type Client } from "../../tools/emulator-client";
import { DEFAULT_BUCKET } from "../../tools/gcs.mjs";
import { appointmentFixture, approvedDoctor, auditFor, completedVisit, makeOrg } from "./fixtures";
import { PARACETAMOL_TDS } from "../factories";

const GCS = emulatorOrigin(process.env.STORAGE_EMULATOR_HOST ?? "127.0.0.1:4443");
const SLOW = 180_000;
const DAY = 86_400_000;

type ContentType = "application/pdf" | "image/png" | "image/jpeg";

interface UploadTicket {
  recordId: string;
  upload: { url: string; method: "PUT"; headers: Record<string, string>; expiresAt: string };
}
interface Listed {
  recordId: string;
  type: string;
  title: string;
  date: string;
  provider: string | null;
  tags: string[];
  contentType: string;
  sizeBytes: number;
  uploadedBy: string;
}
interface Page {
  records: Listed[];
  nextCursor: string | null;
}
interface RecordMeta {
  type: string;
  title: string;
  date: string;
  provider?: string;
  tags?: string[];
  contentType: ContentType;
  patientUid?: string;
  appointmentId?: string;
}

// ---- files: distinct bytes per record, so "byte-identical" means something -------------------

const pdf = (label: string) =>
  Buffer.from(
    `%PDF-1.4\n% ${label}\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
    "latin1",
  );
const png = (label: string) =>
  Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.from(`\0\0\0\rIHDR ${label}`, "latin1"),
  ]);
const jpeg = (label: string) =>
  Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(`\0\x10JFIF\0 ${label}`, "latin1")]);

// ---- callables and Storage ---------------------------------------------------------------

function requestUpload(client: Client, meta: RecordMeta, sizeBytes: number): Promise<UploadTicket> {
  return client.call<UploadTicket>("requestRecordUpload", { ...meta, sizeBytes });
}

/** The PUT a client makes: the signed URL with exactly the headers it came with. */
async function put(ticket: UploadTicket, bytes: Buffer): Promise<void> {
  const res = await fetch(ticket.upload.url, {
    method: ticket.upload.method,
    headers: ticket.upload.headers,
    body: new Uint8Array(bytes),
  });
  expect(res.status).toBe(200);
}

/** Request, PUT and confirm; the record is ready. */
async function uploadRecord(client: Client, meta: RecordMeta, bytes: Buffer): Promise<string> {
  const ticket = await requestUpload(client, meta, bytes.length);
  await put(ticket, bytes);
  expect(await client.call("confirmRecordUpload", { recordId: ticket.recordId })).toEqual({
    recordId: ticket.recordId,
    status: "ready",
  });
  return ticket.recordId;
}

/** A download link through the callable, fetched: the bytes. */
async function download(client: Client, recordId: string): Promise<Buffer> {
  const { url } = await client.call<{ url: string; expiresAt: string }>("recordDownloadLink", { recordId });
  expect(new URL(url).origin).toBe(GCS);
  expect(new URL(url).searchParams.get("X-Goog-Expires")).toBe("300");
  const res = await fetch(url);
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

/** A copy without some keys (the callable SDK would send an undefined value as null). */
function without<T extends object>(value: T, ...keys: Array<keyof T>): T {
  const copy = { ...value };
  for (const key of keys) delete copy[key];
  return copy;
}

const list = (client: Client, filters: Record<string, unknown> = {}) =>
  client.call<Page>("listRecords", filters);
const ids = (page: Page) => page.records.map((r) => r.recordId);

/** Whether the object exists in the bucket, through fake-gcs-server's JSON API. */
async function objectExists(path: string): Promise<boolean> {
  const res = await fetch(`${GCS}/storage/v1/b/${DEFAULT_BUCKET}/o/${encodeURIComponent(path)}`);
  if (res.status === 404) return false;
  expect(res.status).toBe(200);
  return true;
}

async function objectsUnder(prefix: string): Promise<string[]> {
  const res = await fetch(`${GCS}/storage/v1/b/${DEFAULT_BUCKET}/o?prefix=${encodeURIComponent(prefix)}`);
  expect(res.status).toBe(200);
  const body = (await res.json()) as { items?: Array<{ name: string }> };
  return (body.items ?? []).map((i) => i.name);
}

// ---- what a call left behind ---------------------------------------------------------------

const recordDoc = async (id: string) => (await admin().db.doc(`records/${id}`).get()).data();
const recordsOf = async (patientUid: string) =>
  (await admin().db.collection("records").where("patientUid", "==", patientUid).get()).docs;
const consentExists = async (id: string) => (await admin().db.doc(`consents/${id}`).get()).exists;

interface LogKey {
  actorUid: string;
  recordId: string;
  action: "list" | "download";
  basis: "owner" | "share" | "consent";
  consentId: string | null;
}
const byKey = (a: LogKey, b: LogKey) => JSON.stringify(a).localeCompare(JSON.stringify(b));

/** Access-log entries about a patient's records by one actor, through the Admin SDK. */
async function adminLogBy(patientUid: string, actorUid: string): Promise<LogKey[]> {
  const snap = await admin().db.collection("accessLog").where("patientUid", "==", patientUid).get();
  return snap.docs.map((d) => d.data()).filter((e) => e.actorUid === actorUid) as LogKey[];
}

// ---- actors -------------------------------------------------------------------------------

let clinic: string; // orgA: the treating doctor and a doctor with no relation to the patient
let hospital: string; // orgB: the specialist the patient consents to by name
let lab: string; // orgC: the organisation the patient consents to
let doctor: Client; // treats `patient` (careAppt)
let otherDoctor: Client;
let specialist: Client;
let colleague: Client; // a doctor of `lab`
let lapsedDoctor: Client; // holds an expired consent
let patient: Client;
let otherPatient: Client;
let lister: Client; // a patient with exactly five ready records
let careAppt: string; // doctor x patient, ended half an hour ago
let strangerAppt: string; // doctor x otherPatient

/** What the access log should hold about `patient` from doctors, built as the doctors read. */
const expectedLog: LogKey[] = [];
const logged = (
  actor: Client,
  recordIds: string[],
  action: "list" | "download",
  basis: "share" | "consent",
  consentId: string | null = null,
) =>
  expectedLog.push(
    ...recordIds.map((recordId) => ({ actorUid: actor.user.uid, recordId, action, basis, consentId })),
  );

beforeAll(async () => {
  [clinic, hospital, lab] = await Promise.all([makeOrg("clinic"), makeOrg("clinic"), makeOrg("lab")]);
  // A few at a time: each sign-up runs the blocking function in its own emulator worker.
  [doctor, otherDoctor, specialist] = await Promise.all([
    approvedDoctor(clinic),
    approvedDoctor(clinic),
    approvedDoctor(hospital),
  ]);
  [colleague, lapsedDoctor] = await Promise.all([approvedDoctor(lab), approvedDoctor(hospital)]);
  [patient, otherPatient, lister] = await Promise.all([signUp(), signUp(), signUp()]);
  await admin()
    .db.doc(`patients/${patient.user.uid}`)
    .set({
      name: "Harjeet Kaur",
      dateOfBirth: "1975-03-02",
      sex: "female",
      phone: "+919812377001",
      language: "pa",
      address: { line1: "Ward 5", district: "Ludhiana", state: "Punjab", pincode: "141001" },
      updatedAt: new Date(),
    });
  careAppt = await completedVisit({ org: clinic, doctorUid: doctor.user.uid, patientUid: patient.user.uid });
  strangerAppt = await completedVisit({
    org: clinic,
    doctorUid: doctor.user.uid,
    patientUid: otherPatient.user.uid,
  });
}, SLOW);

// ---- 1. upload, list, download ---------------------------------------------------------------

describe("a patient's upload", () => {
  const files = {
    blood: pdf("blood test, January"),
    ultrasound: png("ultrasound"),
    thyroid: pdf("thyroid panel"),
    discharge: pdf("discharge summary"),
    vaccine: jpeg("tetanus booster"),
  };
  const recordIds: Record<keyof typeof files, string> = {
    blood: "",
    ultrasound: "",
    thyroid: "",
    discharge: "",
    vaccine: "",
  };

  it("goes through a signed PUT URL, is pending until confirmed, then ready", async () => {
    const meta: RecordMeta = {
      type: "lab_report",
      title: "Blood test, January",
      date: "2025-01-10",
      provider: "SRL Diagnostics",
      tags: ["Blood", "CBC"],
      contentType: "application/pdf",
    };
    const ticket = await requestUpload(lister, meta, files.blood.length);
    const url = new URL(ticket.upload.url);
    expect(url.origin).toBe(GCS);
    expect(decodeURIComponent(url.pathname)).toBe(
      `/${DEFAULT_BUCKET}/records/${lister.user.uid}/${ticket.recordId}`,
    );
    expect(url.searchParams.get("X-Goog-Expires")).toBe("900");
    expect(ticket.upload.method).toBe("PUT");
    expect(ticket.upload.headers).toEqual({
      "Content-Type": "application/pdf",
      "x-goog-content-length-range": `0,${RECORD_MAX_BYTES}`,
    });
    expect(await recordDoc(ticket.recordId)).toMatchObject({
      patientUid: lister.user.uid,
      status: "pending",
      type: "lab_report",
      tags: ["blood", "cbc"],
      sizeBytes: files.blood.length,
      uploadedBy: lister.user.uid,
    });

    // Confirming before the PUT: nothing to check yet, the record stays pending.
    const early = await callError(lister.call("confirmRecordUpload", { recordId: ticket.recordId }));
    expect(early.code).toBe("functions/failed-precondition");
    expect(early.message).toMatch(/nothing has been uploaded/);
    expect((await recordDoc(ticket.recordId))!.status).toBe("pending");
    expect(ids(await list(lister))).toEqual([]);

    // Someone else cannot confirm it.
    expect(
      (await callError(otherPatient.call("confirmRecordUpload", { recordId: ticket.recordId }))).code,
    ).toBe("functions/not-found");

    await put(ticket, files.blood);
    expect(await lister.call("confirmRecordUpload", { recordId: ticket.recordId })).toEqual({
      recordId: ticket.recordId,
      status: "ready",
    });
    expect(await recordDoc(ticket.recordId)).toMatchObject({ status: "ready" });
    expect(await auditFor(ticket.recordId, "record.uploaded")).toHaveLength(1);
    recordIds.blood = ticket.recordId;
  });

  it("downloads byte-identical through a short-lived link, under its title", async () => {
    const { url } = await lister.call<{ url: string }>("recordDownloadLink", { recordId: recordIds.blood });
    expect(new URL(url).searchParams.get("X-Goog-Expires")).toBe("300");
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe(attachmentDisposition("Blood test, January.pdf"));
    expect(Buffer.from(await res.arrayBuffer()).equals(files.blood)).toBe(true);
    // Not for another patient, who learns nothing: the same answer as for a record that does not exist.
    expect(
      (await callError(otherPatient.call("recordDownloadLink", { recordId: recordIds.blood }))).code,
    ).toBe("functions/not-found");
    expect(
      (await callError(otherPatient.call("recordDownloadLink", { recordId: "no-such-record" }))).code,
    ).toBe("functions/not-found");
  });

  describe("listing", () => {
    beforeAll(async () => {
      recordIds.ultrasound = await uploadRecord(
        lister,
        {
          type: "imaging",
          title: "Abdominal ultrasound",
          date: "2025-02-15",
          provider: "Civil Hospital Ludhiana",
          contentType: "image/png",
        },
        files.ultrasound,
      );
      recordIds.thyroid = await uploadRecord(
        lister,
        {
          type: "lab_report",
          title: "Thyroid panel",
          date: "2025-03-20",
          provider: "SRL Diagnostics",
          contentType: "application/pdf",
        },
        files.thyroid,
      );
      recordIds.discharge = await uploadRecord(
        lister,
        {
          type: "discharge_summary",
          title: "Discharge summary",
          date: "2025-04-05",
          provider: "Civil Hospital Ludhiana",
          contentType: "application/pdf",
        },
        files.discharge,
      );
      recordIds.vaccine = await uploadRecord(
        lister,
        {
          type: "vaccination",
          title: "Tetanus booster",
          date: "2025-05-01",
          provider: "PHC Sahnewal",
          contentType: "image/jpeg",
        },
        files.vaccine,
      );
    }, SLOW);

    it("lists the patient's records newest first, with their metadata", async () => {
      const page = await list(lister);
      expect(ids(page)).toEqual([
        recordIds.vaccine,
        recordIds.discharge,
        recordIds.thyroid,
        recordIds.ultrasound,
        recordIds.blood,
      ]);
      expect(page.nextCursor).toBeNull();
      expect(page.records[4]).toEqual({
        recordId: recordIds.blood,
        type: "lab_report",
        title: "Blood test, January",
        date: "2025-01-10",
        provider: "SRL Diagnostics",
        tags: ["blood", "cbc"],
        contentType: "application/pdf",
        sizeBytes: files.blood.length,
        uploadedBy: lister.user.uid,
      });
      expect(Buffer.compare(await download(lister, recordIds.vaccine), files.vaccine)).toBe(0);
      expect(Buffer.compare(await download(lister, recordIds.ultrasound), files.ultrasound)).toBe(0);
    });

    it("filters by type, by date range and by provider", async () => {
      expect(ids(await list(lister, { type: "lab_report" }))).toEqual([recordIds.thyroid, recordIds.blood]);
      expect(ids(await list(lister, { from: "2025-02-01", to: "2025-04-30" }))).toEqual([
        recordIds.discharge,
        recordIds.thyroid,
        recordIds.ultrasound,
      ]);
      expect(ids(await list(lister, { from: "2025-04-05" }))).toEqual([
        recordIds.vaccine,
        recordIds.discharge,
      ]);
      expect(ids(await list(lister, { to: "2025-01-10" }))).toEqual([recordIds.blood]);
      expect(ids(await list(lister, { provider: "SRL Diagnostics" }))).toEqual([
        recordIds.thyroid,
        recordIds.blood,
      ]);
      expect(ids(await list(lister, { provider: "Civil Hospital Ludhiana", type: "imaging" }))).toEqual([
        recordIds.ultrasound,
      ]);
      expect(ids(await list(lister, { type: "referral" }))).toEqual([]);
      const backwards = await callError(list(lister, { from: "2025-05-01", to: "2025-01-01" }));
      expect(backwards.code).toBe("functions/invalid-argument");
      expect(backwards.message).toMatch(/to: must not be before from/);
    });

    it("pages: 2 + 2 + 1 with pageSize 2, and no cursor after the last page", async () => {
      const first = await list(lister, { pageSize: 2 });
      expect(ids(first)).toEqual([recordIds.vaccine, recordIds.discharge]);
      expect(first.nextCursor).toBe(recordIds.discharge);
      const second = await list(lister, { pageSize: 2, cursor: first.nextCursor });
      expect(ids(second)).toEqual([recordIds.thyroid, recordIds.ultrasound]);
      expect(second.nextCursor).toBe(recordIds.ultrasound);
      const third = await list(lister, { pageSize: 2, cursor: second.nextCursor });
      expect(ids(third)).toEqual([recordIds.blood]);
      expect(third.nextCursor).toBeNull();
    });

    it("are the patient's own: another patient may not list them", async () => {
      expect((await callError(list(otherPatient, { patientUid: lister.user.uid }))).code).toBe(
        "functions/permission-denied",
      );
      expect(ids(await list(otherPatient))).toEqual([]);
      await expect(getDoc(doc(otherPatient.db, "records", recordIds.blood))).rejects.toMatchObject({
        code: "permission-denied",
      });
      expect((await getDoc(doc(lister.db, "records", recordIds.blood))).get("title")).toBe(
        "Blood test, January",
      );
    });
  });

  // ---- 2. forged files ----------------------------------------------------------------------

  describe("whose bytes are not what was declared", () => {
    for (const [label, bytes, reason] of [
      [
        "a PNG declared as a PDF",
        png("not a pdf"),
        "the file is image/png, not the application/pdf declared",
      ],
      [
        "plain text declared as a PDF",
        Buffer.from("Patient is fit to travel. Signed, Dr. Nobody.\n", "utf8"),
        "the file is not a PDF, JPEG or PNG",
      ],
    ] as const) {
      it(`is rejected on confirm and deleted: ${label}`, async () => {
        const ticket = await requestUpload(
          lister,
          { type: "lab_report", title: "Forged report", date: "2025-06-01", contentType: "application/pdf" },
          bytes.length,
        );
        await put(ticket, bytes);
        const path = `records/${lister.user.uid}/${ticket.recordId}`;
        expect(await objectExists(path)).toBe(true);

        const refused = await callError(lister.call("confirmRecordUpload", { recordId: ticket.recordId }));
        expect(refused.code).toBe("functions/failed-precondition");
        expect(refused.message).toBe(`rejected and deleted: ${reason}`);
        expect(await objectExists(path)).toBe(false);
        expect(await recordDoc(ticket.recordId)).toMatchObject({ status: "rejected", rejectReason: reason });
        expect(await auditFor(ticket.recordId, "record.rejected")).toHaveLength(1);
        expect(await auditFor(ticket.recordId, "record.uploaded")).toHaveLength(0);

        // A second confirm answers the same verdict; nothing can be downloaded or listed.
        expect(await lister.call("confirmRecordUpload", { recordId: ticket.recordId })).toEqual({
          recordId: ticket.recordId,
          status: "rejected",
          reason,
        });
        expect((await callError(lister.call("recordDownloadLink", { recordId: ticket.recordId }))).code).toBe(
          "functions/not-found",
        );
        expect(ids(await list(lister))).not.toContain(ticket.recordId);
        expect((await list(lister)).records).toHaveLength(5);
        await expect(getDoc(doc(lister.db, "records", ticket.recordId))).rejects.toMatchObject({
          code: "permission-denied",
        });
      });
    }
  });

  // ---- 3. size ----------------------------------------------------------------------------

  describe("size", () => {
    it("over 10 MB, or of a type that is not allowed, is refused when asked for, writing nothing", async () => {
      const before = (await recordsOf(lister.user.uid)).length;
      const big = await callError(
        requestUpload(
          lister,
          { type: "imaging", title: "MRI", date: "2025-06-02", contentType: "application/pdf" },
          RECORD_MAX_BYTES + 1,
        ),
      );
      expect(big.code).toBe("functions/invalid-argument");
      expect(big.message).toMatch(/sizeBytes: must be at most 10 MB/);
      const zip = await callError(
        lister.call("requestRecordUpload", {
          type: "imaging",
          title: "MRI",
          date: "2025-06-02",
          contentType: "application/zip",
          sizeBytes: 1000,
        }),
      );
      expect(zip.code).toBe("functions/invalid-argument");
      expect(zip.message).toMatch(/contentType: must be application\/pdf, image\/jpeg or image\/png/);
      expect((await recordsOf(lister.user.uid)).length).toBe(before);
    });

    it("more bytes than declared are rejected on confirm and deleted", async () => {
      const declared = pdf("declared");
      const sent = Buffer.concat([declared, Buffer.alloc(500, 0x20)]);
      const ticket = await requestUpload(
        lister,
        { type: "lab_report", title: "Padded report", date: "2025-06-03", contentType: "application/pdf" },
        declared.length,
      );
      await put(ticket, sent);
      const refused = await callError(lister.call("confirmRecordUpload", { recordId: ticket.recordId }));
      expect(refused.code).toBe("functions/failed-precondition");
      expect(refused.message).toMatch(
        new RegExp(`the file is ${sent.length} bytes, not the ${declared.length} declared`),
      );
      expect(await objectExists(`records/${lister.user.uid}/${ticket.recordId}`)).toBe(false);
      expect((await recordDoc(ticket.recordId))!.status).toBe("rejected");
    });

    it(
      "more than 10 MB sent through a link for 10 MB is rejected on confirm and deleted",
      async () => {
        const sent = Buffer.alloc(RECORD_MAX_BYTES + 1, 0x20);
        pdf("huge").copy(sent);
        const ticket = await requestUpload(
          lister,
          { type: "imaging", title: "CT scan", date: "2025-06-04", contentType: "application/pdf" },
          RECORD_MAX_BYTES,
        );
        await put(ticket, sent);
        const refused = await callError(lister.call("confirmRecordUpload", { recordId: ticket.recordId }));
        expect(refused.code).toBe("functions/failed-precondition");
        expect(refused.message).toMatch(
          new RegExp(`the file is ${RECORD_MAX_BYTES + 1} bytes; the limit is ${RECORD_MAX_BYTES}`),
        );
        expect(await objectExists(`records/${lister.user.uid}/${ticket.recordId}`)).toBe(false);
        expect((await recordDoc(ticket.recordId))!.status).toBe("rejected");
        expect((await list(lister)).records).toHaveLength(5);
      },
      SLOW,
    );
  });
});

// ---- 3b. what was checked is what is served ------------------------------------------------------

describe("a file that was checked and accepted", () => {
  it("cannot be replaced through its upload URL: the download stays the accepted PNG", async () => {
    const owner = await signUp();
    const accepted = png("accepted chest x-ray");
    const ticket = await requestUpload(
      owner,
      { type: "imaging", title: "Chest X-ray", date: "2025-06-05", contentType: "image/png" },
      accepted.length,
    );
    await put(ticket, accepted);
    expect(await owner.call("confirmRecordUpload", { recordId: ticket.recordId })).toEqual({
      recordId: ticket.recordId,
      status: "ready",
    });

    // The same signed URL, still unexpired, after the check: a page instead of the picture.
    const html = Buffer.from("<!doctype html><script>document.location='https://evil.example'</script>");
    await fetch(ticket.upload.url, {
      method: "PUT",
      headers: ticket.upload.headers,
      body: new Uint8Array(html),
    });

    expect(Buffer.compare(await download(owner, ticket.recordId), accepted)).toBe(0);
    // Confirming again checks nothing new and serves nothing new.
    expect(await owner.call("confirmRecordUpload", { recordId: ticket.recordId })).toEqual({
      recordId: ticket.recordId,
      status: "ready",
    });
    const { url } = await owner.call<{ url: string }>("recordDownloadLink", { recordId: ticket.recordId });
    const res = await fetch(url);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(Buffer.compare(Buffer.from(await res.arrayBuffer()), accepted)).toBe(0);
    expect((await recordDoc(ticket.recordId))!.status).toBe("ready");
  });

  it("is the upload as it was checked, and the upload object is gone once it is ready", async () => {
    const owner = await signUp();
    const bytes = pdf("discharge, checked once");
    const ticket = await requestUpload(
      owner,
      { type: "discharge_summary", title: "Discharge", date: "2025-06-06", contentType: "application/pdf" },
      bytes.length,
    );
    await put(ticket, bytes);
    await owner.call("confirmRecordUpload", { recordId: ticket.recordId });
    const stored = await recordDoc(ticket.recordId);
    // Served from an object no signed URL was ever issued for.
    expect(stored!.path).not.toBe(`records/${owner.user.uid}/${ticket.recordId}`);
    expect(stored!.path.startsWith(`records/${owner.user.uid}/`)).toBe(true);
    expect(await objectsUnder(`records/${owner.user.uid}/`)).toEqual([stored!.path]);
  });
});

// ---- 3c. cursors ------------------------------------------------------------------------------------

describe("a listing cursor", () => {
  it("from another patient's record, or from no record at all, is refused the same way and reveals nothing", async () => {
    const [owner, stranger] = await Promise.all([signUp(), signUp()]);
    const mine = await uploadRecord(
      owner,
      { type: "lab_report", title: "Lipid profile", date: "2025-03-01", contentType: "application/pdf" },
      pdf("owner's lipid profile"),
    );
    const theirs = await uploadRecord(
      stranger,
      { type: "lab_report", title: "HbA1c", date: "2025-02-01", contentType: "application/pdf" },
      pdf("stranger's HbA1c"),
    );
    const answers = [];
    for (const cursor of [theirs, "no-such-record-0000"]) {
      const refused = await callError(list(owner, { cursor }));
      expect(refused.code).toBe("functions/invalid-argument");
      answers.push(refused.message);
    }
    expect(answers[0]).toBe(answers[1]);
    expect(answers[0]).toMatch(/^cursor: /);
    // The owner's own cursor still pages; the stranger's listing is untouched and nothing was logged.
    expect(ids(await list(owner, { cursor: mine }))).toEqual([]);
    expect(ids(await list(owner))).toEqual([mine]);
    expect(await adminLogBy(stranger.user.uid, owner.user.uid)).toEqual([]);
  });

  it("of a record the patient holds but is not listed (pending) is refused too", async () => {
    const owner = await signUp();
    const ticket = await requestUpload(
      owner,
      { type: "lab_report", title: "Pending", date: "2025-03-02", contentType: "application/pdf" },
      10,
    );
    expect((await callError(list(owner, { cursor: ticket.recordId }))).code).toBe(
      "functions/invalid-argument",
    );
  });
});

// ---- 4. a doctor's upload ------------------------------------------------------------------------

let labA: string; // lab_report, 2025-06-10, uploaded by the patient
let labB: string; // lab_report, 2025-07-01, uploaded by the treating doctor
let xray: string; // imaging, 2024-11-20, uploaded by the patient
/** The bytes uploaded, by record id. */
const bytesOf: Record<string, Buffer> = {};

describe("a doctor's upload for a patient", () => {
  const labBBytes = pdf("lipid profile");
  const meta = (extra: Partial<RecordMeta> = {}): RecordMeta => ({
    type: "lab_report",
    title: "Lipid profile",
    date: "2025-07-01",
    provider: "Dr Lal PathLabs",
    contentType: "application/pdf",
    patientUid: patient.user.uid,
    appointmentId: careAppt,
    ...extra,
  });

  it("is refused outside their care, writing nothing", async () => {
    const now = Date.now();
    const [old, cancelled] = await Promise.all([
      appointmentFixture({
        org: clinic,
        doctorUid: doctor.user.uid,
        patientUid: patient.user.uid,
        startMs: now - 9 * DAY,
        endMs: now - 9 * DAY + 30 * 60_000,
        status: "completed",
      }),
      appointmentFixture({
        org: clinic,
        doctorUid: doctor.user.uid,
        patientUid: patient.user.uid,
        startMs: now - 2 * DAY,
        endMs: now - 2 * DAY + 30 * 60_000,
        status: "cancelled",
      }),
    ]);
    const before = (await recordsOf(patient.user.uid)).length;
    const beforeOther = (await recordsOf(otherPatient.user.uid)).length;

    const noAppointment = await callError(
      requestUpload(doctor, without(meta(), "appointmentId"), labBBytes.length),
    );
    expect(noAppointment.code).toBe("functions/invalid-argument");
    expect(noAppointment.message).toBe("appointmentId: a doctor uploads for a patient within an appointment");
    const cases: Array<[Client, RecordMeta, string]> = [
      [otherDoctor, meta(), "another doctor's patient"],
      [doctor, meta({ patientUid: otherPatient.user.uid }), "a patient not of this appointment"],
      [doctor, meta({ appointmentId: strangerAppt }), "another patient's appointment"],
      [doctor, meta({ appointmentId: old.id }), "more than 7 days after the appointment"],
      [doctor, meta({ appointmentId: cancelled.id }), "a cancelled appointment"],
      [otherPatient, meta(), "another patient"],
      [doctor, without(meta(), "patientUid", "appointmentId"), "the doctor's own records"],
    ];
    for (const [client, request, label] of cases) {
      expect((await callError(requestUpload(client, request, labBBytes.length))).code, label).toBe(
        "functions/permission-denied",
      );
    }
    expect((await recordsOf(patient.user.uid)).length).toBe(before);
    expect((await recordsOf(otherPatient.user.uid)).length).toBe(beforeOther);
    expect((await recordsOf(doctor.user.uid)).length).toBe(0);
  });

  it("is accepted during care: the record is the patient's, uploaded by the doctor", async () => {
    labB = await uploadRecord(doctor, meta(), labBBytes);
    bytesOf[labB] = labBBytes;
    expect(await recordDoc(labB)).toMatchObject({
      patientUid: patient.user.uid,
      uploadedBy: doctor.user.uid,
      uploaderRole: "doctor",
      appointmentId: careAppt,
      status: "ready",
    });
    const mine = await list(patient);
    expect(mine.records.find((r) => r.recordId === labB)).toMatchObject({
      title: "Lipid profile",
      uploadedBy: doctor.user.uid,
    });
    expect(Buffer.compare(await download(patient, labB), labBBytes)).toBe(0);
    // The patient confirms nothing they did not upload.
    expect((await callError(patient.call("confirmRecordUpload", { recordId: labB }))).code).toBe(
      "functions/not-found",
    );
  });
});

// ---- 5. consent ---------------------------------------------------------------------------------

describe("consent", () => {
  const inAWeek = () => new Date(Date.now() + 7 * DAY).toISOString();
  let byName: string; // consent to the specialist
  let byOrg: string; // consent to the lab's doctors

  beforeAll(async () => {
    const hba1c = pdf("HbA1c");
    const chest = png("chest x-ray");
    labA = await uploadRecord(
      patient,
      {
        type: "lab_report",
        title: "HbA1c",
        date: "2025-06-10",
        provider: "SRL Diagnostics",
        contentType: "application/pdf",
      },
      hba1c,
    );
    xray = await uploadRecord(
      patient,
      {
        type: "imaging",
        title: "Chest X-ray",
        date: "2024-11-20",
        provider: "Civil Hospital Ludhiana",
        contentType: "image/png",
      },
      chest,
    );
    bytesOf[labA] = hba1c;
    bytesOf[xray] = chest;
  }, SLOW);

  it("without it a doctor sees nothing: an empty list, no links, no documents, nothing logged", async () => {
    expect(ids(await list(specialist, { patientUid: patient.user.uid }))).toEqual([]);
    for (const recordId of [labA, labB, xray]) {
      expect((await callError(specialist.call("recordDownloadLink", { recordId }))).code).toBe(
        "functions/not-found",
      );
      await expect(getDoc(doc(specialist.db, "records", recordId))).rejects.toMatchObject({
        code: "permission-denied",
      });
    }
    expect(await adminLogBy(patient.user.uid, specialist.user.uid)).toEqual([]);
  });

  it("is granted only by the patient, to an approved doctor or an organisation, for at most a year ahead", async () => {
    const request = {
      granteeUid: specialist.user.uid,
      purpose: "second_opinion",
      scope: { types: ["lab_report"] },
      expiresAt: inAWeek(),
    };
    const past = await callError(
      patient.call("grantConsent", { ...request, expiresAt: new Date(Date.now() - DAY).toISOString() }),
    );
    expect(past.code).toBe("functions/invalid-argument");
    expect(past.message).toMatch(/expiresAt: must be in the future/);
    const far = await callError(
      patient.call("grantConsent", { ...request, expiresAt: new Date(Date.now() + 400 * DAY).toISOString() }),
    );
    expect(far.message).toMatch(/expiresAt: at most a year ahead/);
    expect(
      (await callError(patient.call("grantConsent", { ...request, granteeUid: otherPatient.user.uid }))).code,
    ).toBe("functions/not-found");
    expect(
      (
        await callError(
          patient.call("grantConsent", {
            ...without(request, "granteeUid"),
            granteeOrg: "org-does-not-exist",
          }),
        )
      ).code,
    ).toBe("functions/not-found");
    expect((await callError(patient.call("grantConsent", { ...request, granteeOrg: lab }))).code).toBe(
      "functions/invalid-argument",
    );
    expect((await callError(patient.call("grantConsent", { ...request, scope: {} }))).message).toMatch(
      /scope: name record types, or all/,
    );
    expect((await callError(doctor.call("grantConsent", { ...request }))).code).toBe(
      "functions/permission-denied",
    );
    expect(await consentExists(`${patient.user.uid}_${specialist.user.uid}`)).toBe(false);
    expect(await consentExists(`${patient.user.uid}_${otherPatient.user.uid}`)).toBe(false);
    expect(await consentExists(`${patient.user.uid}_org:org-does-not-exist`)).toBe(false);
    expect(await consentExists(`${doctor.user.uid}_${specialist.user.uid}`)).toBe(false);
  });

  it("by name, for lab reports: the doctor lists and downloads them, and nothing else", async () => {
    const granted = await patient.call<{ consentId: string; expiresAt: string }>("grantConsent", {
      granteeUid: specialist.user.uid,
      purpose: "second_opinion",
      scope: { types: ["lab_report"] },
      expiresAt: inAWeek(),
    });
    byName = granted.consentId;
    expect(byName).toBe(`${patient.user.uid}_${specialist.user.uid}`);
    expect(await auditFor(byName, "consent.granted")).toHaveLength(1);
    // The grantee reads the consent that names them.
    expect((await getDoc(doc(specialist.db, "consents", byName))).get("status")).toBe("active");

    const page = await list(specialist, { patientUid: patient.user.uid });
    expect(ids(page)).toEqual([labB, labA]);
    logged(specialist, ids(page), "list", "consent", byName);
    expect(Buffer.compare(await download(specialist, labA), bytesOf[labA])).toBe(0);
    logged(specialist, [labA], "download", "consent", byName);

    // Imaging is not in the consent.
    expect((await callError(specialist.call("recordDownloadLink", { recordId: xray }))).code).toBe(
      "functions/not-found",
    );
    expect(ids(await list(specialist, { patientUid: patient.user.uid, type: "imaging" }))).toEqual([]);

    // The rules make the same decision for the metadata.
    expect((await getDoc(doc(specialist.db, "records", labA))).get("title")).toBe("HbA1c");
    await expect(getDoc(doc(specialist.db, "records", xray))).rejects.toMatchObject({
      code: "permission-denied",
    });
    // A doctor of the same organisation is not named by it.
    expect((await callError(lapsedDoctor.call("recordDownloadLink", { recordId: labA }))).code).toBe(
      "functions/not-found",
    );
  });

  it("to an organisation, from a date: that organisation's doctors read what it covers; others do not", async () => {
    const granted = await patient.call<{ consentId: string }>("grantConsent", {
      granteeOrg: lab,
      purpose: "referral",
      scope: { all: true, from: "2025-01-01" },
      expiresAt: inAWeek(),
    });
    byOrg = granted.consentId;
    expect(byOrg).toBe(`${patient.user.uid}_org:${lab}`);

    const page = await list(colleague, { patientUid: patient.user.uid });
    expect(ids(page)).toEqual([labB, labA]); // the X-ray of 2024 is before the consent's range
    logged(colleague, ids(page), "list", "consent", byOrg);
    expect(Buffer.compare(await download(colleague, labB), bytesOf[labB])).toBe(0);
    logged(colleague, [labB], "download", "consent", byOrg);
    expect((await callError(colleague.call("recordDownloadLink", { recordId: xray }))).code).toBe(
      "functions/not-found",
    );
    expect((await getDoc(doc(colleague.db, "records", labB))).get("title")).toBe("Lipid profile");
    await expect(getDoc(doc(colleague.db, "records", xray))).rejects.toMatchObject({
      code: "permission-denied",
    });

    // Doctors of other organisations gain nothing from it.
    expect((await callError(otherDoctor.call("recordDownloadLink", { recordId: labB }))).code).toBe(
      "functions/not-found",
    );
    expect(ids(await list(otherDoctor, { patientUid: patient.user.uid }))).toEqual([]);
    await expect(getDoc(doc(otherDoctor.db, "records", labB))).rejects.toMatchObject({
      code: "permission-denied",
    });
  });

  it("revoked, stops the very next request, in functions and in rules", async () => {
    // A link is handed out just before...
    expect(Buffer.compare(await download(specialist, labB), bytesOf[labB])).toBe(0);
    logged(specialist, [labB], "download", "consent", byName);
    expect(await patient.call("revokeConsent", { granteeUid: specialist.user.uid })).toEqual({
      consentId: byName,
      status: "revoked",
    });
    // ...and refused just after.
    const logBefore = (await adminLogBy(patient.user.uid, specialist.user.uid)).length;
    expect((await callError(specialist.call("recordDownloadLink", { recordId: labB }))).code).toBe(
      "functions/not-found",
    );
    expect(ids(await list(specialist, { patientUid: patient.user.uid }))).toEqual([]);
    await expect(getDoc(doc(specialist.db, "records", labA))).rejects.toMatchObject({
      code: "permission-denied",
    });
    expect((await adminLogBy(patient.user.uid, specialist.user.uid)).length).toBe(logBefore);
    expect(await auditFor(byName, "consent.revoked")).toHaveLength(1);
    // Revoking again is harmless; revoking what was never granted is not found.
    expect(await patient.call("revokeConsent", { granteeUid: specialist.user.uid })).toEqual({
      consentId: byName,
      status: "revoked",
    });
    expect((await callError(patient.call("revokeConsent", { granteeUid: otherDoctor.user.uid }))).code).toBe(
      "functions/not-found",
    );
    expect(await consentExists(`${patient.user.uid}_${otherDoctor.user.uid}`)).toBe(false);

    await patient.call("revokeConsent", { granteeOrg: lab });
    expect((await callError(colleague.call("recordDownloadLink", { recordId: labB }))).code).toBe(
      "functions/not-found",
    );
    await expect(getDoc(doc(colleague.db, "records", labB))).rejects.toMatchObject({
      code: "permission-denied",
    });
  });

  it("expired, counts for nothing", async () => {
    const { Timestamp } = await import("firebase-admin/firestore");
    const id = `${patient.user.uid}_${lapsedDoctor.user.uid}`;
    await admin()
      .db.doc(`consents/${id}`)
      .set({
        patientUid: patient.user.uid,
        granteeUid: lapsedDoctor.user.uid,
        purpose: "treatment",
        scope: { all: true, types: [] },
        status: "active",
        grantedAt: Timestamp.fromMillis(Date.now() - 8 * DAY),
        expiresAt: Timestamp.fromMillis(Date.now() - 60_000),
        revokedAt: null,
      });
    expect((await callError(lapsedDoctor.call("recordDownloadLink", { recordId: labA }))).code).toBe(
      "functions/not-found",
    );
    expect(ids(await list(lapsedDoctor, { patientUid: patient.user.uid }))).toEqual([]);
    await expect(getDoc(doc(lapsedDoctor.db, "records", labA))).rejects.toMatchObject({
      code: "permission-denied",
    });
    expect(await adminLogBy(patient.user.uid, lapsedDoctor.user.uid)).toEqual([]);
  });
});

// ---- 6. shares ----------------------------------------------------------------------------------

describe("sharing for an appointment", () => {
  it("is refused for someone else's appointment or records, writing nothing", async () => {
    expect(
      (await callError(patient.call("shareRecords", { appointmentId: strangerAppt, recordIds: [xray] })))
        .code,
    ).toBe("functions/not-found");
    const listerRecord = (await recordsOf(lister.user.uid)).find((d) => d.get("status") === "ready")!;
    const notMine = await callError(
      patient.call("shareRecords", { appointmentId: careAppt, recordIds: [xray, listerRecord.id] }),
    );
    expect(notMine.code).toBe("functions/not-found");
    expect(notMine.message).toContain(listerRecord.id);
    expect((await recordDoc(xray))!.shares).toEqual({});
    expect((await recordDoc(listerRecord.id))!.shares).toEqual({});
  });

  it("lets that appointment's doctor download the record; another doctor cannot", async () => {
    expect((await callError(doctor.call("recordDownloadLink", { recordId: xray }))).code).toBe(
      "functions/not-found",
    );
    const shared = await patient.call<{ shared: number; doctorUid: string; until: string }>("shareRecords", {
      appointmentId: careAppt,
      recordIds: [xray],
    });
    const end = (await admin().db.doc(`appointments/${careAppt}`).get()).get("end").toMillis();
    expect(shared).toEqual({
      shared: 1,
      doctorUid: doctor.user.uid,
      until: new Date(end + 30 * DAY).toISOString(),
    });
    expect(await auditFor(careAppt, "record.shared")).toHaveLength(1);

    expect(Buffer.compare(await download(doctor, xray), bytesOf[xray])).toBe(0);
    logged(doctor, [xray], "download", "share");
    const page = await list(doctor, { patientUid: patient.user.uid });
    expect(ids(page)).toEqual([xray]); // not the records that were not shared, nor the one the doctor uploaded
    logged(doctor, ids(page), "list", "share");
    expect((await getDoc(doc(doctor.db, "records", xray))).get("title")).toBe("Chest X-ray");
    await expect(getDoc(doc(doctor.db, "records", labA))).rejects.toMatchObject({
      code: "permission-denied",
    });

    expect((await callError(otherDoctor.call("recordDownloadLink", { recordId: xray }))).code).toBe(
      "functions/not-found",
    );
    await expect(getDoc(doc(otherDoctor.db, "records", xray))).rejects.toMatchObject({
      code: "permission-denied",
    });
    expect(await adminLogBy(patient.user.uid, otherDoctor.user.uid)).toEqual([]);
  });
});

// ---- 7. access log ----------------------------------------------------------------------------

describe("the access log", () => {
  it("shows the patient every list and download by each doctor, with the basis and consent", async () => {
    const snap = await getDocs(
      query(collection(patient.db, "accessLog"), where("patientUid", "==", patient.user.uid)),
    );
    const entries = snap.docs.map((d) => d.data());
    const byDoctors = entries
      .filter((e) => e.actorUid !== patient.user.uid)
      .map((e): LogKey => ({
        actorUid: e.actorUid,
        recordId: e.recordId,
        action: e.action,
        basis: e.basis,
        consentId: e.consentId,
      }));
    expect(byDoctors.sort(byKey)).toEqual([...expectedLog].sort(byKey));
    expect(new Set(byDoctors.map((e) => e.actorUid))).toEqual(
      new Set([specialist.user.uid, colleague.user.uid, doctor.user.uid]),
    );
    for (const e of entries.filter((x) => x.actorUid !== patient.user.uid)) {
      expect(e.actorRole).toBe("doctor");
      expect(typeof e.at.toDate).toBe("function");
    }
    // The patient's own reads are on it too, as the owner's.
    for (const e of entries.filter((x) => x.actorUid === patient.user.uid))
      expect(e).toMatchObject({ basis: "owner", consentId: null });
  });

  it("is the patient's alone", async () => {
    const theirs = query(
      collection(otherPatient.db, "accessLog"),
      where("patientUid", "==", patient.user.uid),
    );
    await expect(getDocs(theirs)).rejects.toMatchObject({ code: "permission-denied" });
    await expect(
      getDocs(query(collection(doctor.db, "accessLog"), where("patientUid", "==", patient.user.uid))),
    ).rejects.toMatchObject({ code: "permission-denied" });
    await expect(
      getDocs(query(collection(specialist.db, "accessLog"), where("actorUid", "==", specialist.user.uid))),
    ).rejects.toMatchObject({ code: "permission-denied" });
    expect(
      (
        await getDocs(
          query(collection(otherPatient.db, "accessLog"), where("patientUid", "==", otherPatient.user.uid)),
        )
      ).size,
    ).toBe(0);
  });
});

// ---- 8. export ----------------------------------------------------------------------------------

const note = {
  soap: {
    subjective: "Tiredness and thirst for a month",
    objective: "BP 138/88, BMI 29",
    assessment: "Type 2 diabetes mellitus",
    plan: "Metformin, diet, HbA1c in 3 months",
  },
  diagnoses: [
    { code: "E11.9", description: "Type 2 diabetes mellitus without complications", primary: true },
  ],
  vitals: { temperatureC: 36.8, pulseBpm: 82, systolicMmHg: 138, diastolicMmHg: 88, spo2Percent: 98 },
};
const rxLine = PARACETAMOL_TDS;
let rx: { prescriptionId: string; verificationCode: string; signature: string };

describe("export my data", () => {
  beforeAll(async () => {
    expect(await doctor.call("writeClinicalRecord", { appointmentId: careAppt, ...note })).toMatchObject({
      version: 1,
    });
    rx = await doctor.call("issuePrescription", { appointmentId: careAppt, lines: [rxLine] });
  }, SLOW);

  it("is a patient's own: a doctor gets nothing and no archive is written", async () => {
    expect((await callError(doctor.call("exportMyData"))).code).toBe("functions/permission-denied");
    expect(await objectsUnder(`exports/${doctor.user.uid}/`)).toEqual([]);
  });

  it(
    "is a ZIP behind a signed link with data.json and every file, byte-identical",
    async () => {
      const exported = await patient.call<{ url: string; bytes: number; counts: Record<string, number> }>(
        "exportMyData",
      );
      expect(new URL(exported.url).origin).toBe(GCS);
      expect(new URL(exported.url).searchParams.get("X-Goog-Expires")).toBe("3600");
      const res = await fetch(exported.url);
      expect(res.status).toBe(200);
      const archive = Buffer.from(await res.arrayBuffer());
      expect(archive.length).toBe(exported.bytes);
      const zip = await JSZip.loadAsync(archive);
      const json = await zip.file("data.json")!.async("string");
      const data = JSON.parse(json);
      const uid = patient.user.uid;
      const idsOf = (list: Array<{ id: string }>) => list.map((x) => x.id).sort();
      const adminIds = async (collectionName: string) =>
        (await admin().db.collection(collectionName).where("patientUid", "==", uid).get()).docs
          .map((d) => d.id)
          .sort();

      expect(data.uid).toBe(uid);
      expect(data.profile).toMatchObject({
        name: "Harjeet Kaur",
        dateOfBirth: "1975-03-02",
        phone: "+919812377001",
      });
      expect(idsOf(data.appointments)).toEqual(await adminIds("appointments"));
      expect(data.appointments.find((a: { id: string }) => a.id === careAppt)).toMatchObject({
        doctorUid: doctor.user.uid,
        status: "completed",
        start: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      });
      expect(data.clinicalRecords).toHaveLength(1);
      expect(data.clinicalRecords[0]).toMatchObject({
        id: careAppt,
        version: 1,
        soap: note.soap,
        diagnoses: [expect.objectContaining({ code: "E11.9" })],
      });
      expect(data.clinicalRecords[0].versions).toMatchObject([
        { version: 1, soap: { assessment: "Type 2 diabetes mellitus" } },
      ]);
      expect(data.prescriptions).toHaveLength(1);
      expect(data.prescriptions[0]).toMatchObject({
        id: rx.prescriptionId,
        verificationCode: rx.verificationCode,
        content: { lines: [expect.objectContaining({ name: "Paracetamol" })] },
      });
      expect(idsOf(data.records)).toEqual([labA, labB, xray].sort());
      expect(data.records.find((r: { id: string }) => r.id === labB)).toMatchObject({
        title: "Lipid profile",
        uploadedBy: doctor.user.uid,
        status: "ready",
      });
      expect(idsOf(data.consents)).toEqual(
        [`${uid}_${specialist.user.uid}`, `${uid}_org:${lab}`, `${uid}_${lapsedDoctor.user.uid}`].sort(),
      );
      expect(data.consents.find((c: { id: string }) => c.id === `${uid}_org:${lab}`)).toMatchObject({
        status: "revoked",
        granteeOrg: lab,
        scope: { all: true, from: "2025-01-01" },
      });
      expect(idsOf(data.accessLog)).toEqual(await adminIds("accessLog"));
      expect(data.accessLog.filter((e: { actorUid: string }) => e.actorUid !== uid)).toHaveLength(
        expectedLog.length,
      );
      expect(exported.counts).toEqual({
        appointments: data.appointments.length,
        consultations: 0,
        clinicalRecords: 1,
        prescriptions: 1,
        records: 3,
        consents: 3,
        accessLog: data.accessLog.length,
        files: 4,
      });

      // The files, as uploaded and as issued.
      const recordFiles: Array<[string, string]> = [
        [labA, "pdf"],
        [labB, "pdf"],
        [xray, "png"],
      ];
      expect([...data.files].sort()).toEqual(
        [
          ...recordFiles.map(([id, ext]) => `files/records/${id}.${ext}`),
          `files/prescriptions/${rx.prescriptionId}.pdf`,
        ].sort(),
      );
      for (const [id, ext] of recordFiles) {
        expect(
          Buffer.compare(await zip.file(`files/records/${id}.${ext}`)!.async("nodebuffer"), bytesOf[id]),
          id,
        ).toBe(0);
      }
      const { url } = await patient.call<{ url: string }>("prescriptionLink", {
        prescriptionId: rx.prescriptionId,
      });
      const issued = Buffer.from(await (await fetch(url)).arrayBuffer());
      expect(issued.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      expect(
        Buffer.compare(
          await zip.file(`files/prescriptions/${rx.prescriptionId}.pdf`)!.async("nodebuffer"),
          issued,
        ),
      ).toBe(0);

      // Nobody else's data.
      for (const other of [lister, otherPatient]) expect(json).not.toContain(other.user.uid);
      expect(json).not.toContain(strangerAppt);
      expect(await auditFor(uid, "data.exported")).toHaveLength(1);
    },
    SLOW,
  );
});

// ---- 9. deletion ---------------------------------------------------------------------------------

describe("deleting the account", () => {
  let upcoming: string;
  const uid = () => patient.user.uid;

  it("is refused while an appointment is ahead, or without the exact words, and changes nothing", async () => {
    const start = Date.now() + 3 * DAY;
    upcoming = (
      await appointmentFixture({
        org: clinic,
        doctorUid: doctor.user.uid,
        patientUid: uid(),
        startMs: start,
        endMs: start + 30 * 60_000,
      })
    ).id;

    const words = await callError(patient.call("deleteMyAccount", { confirm: "delete my account" }));
    expect(words.code).toBe("functions/invalid-argument");
    expect(words.message).toMatch(/confirm: must be exactly "DELETE MY ACCOUNT"/);
    const ahead = await callError(patient.call("deleteMyAccount", { confirm: "DELETE MY ACCOUNT" }));
    expect(ahead.code).toBe("functions/failed-precondition");
    expect(ahead.message).toMatch(/cancel your 1 upcoming appointment/);

    await expect(admin().auth.getUser(uid())).resolves.toMatchObject({ uid: uid() });
    expect((await admin().db.doc(`patients/${uid()}`).get()).exists).toBe(true);
    expect((await recordsOf(uid())).length).toBe(3);
    expect(await objectsUnder(`records/${uid()}/`)).toHaveLength(3);
    expect((await admin().db.doc(`appointments/${careAppt}`).get()).exists).toBe(true);
    expect((await admin().db.collection(`retained/${uid()}/clinicalRecords`).get()).size).toBe(0);
    expect((await admin().db.doc(`consents/${uid()}_${lapsedDoctor.user.uid}`).get()).get("status")).toBe(
      "active",
    );
    expect(await auditFor(uid(), "account.deleted")).toHaveLength(0);
  });

  it(
    "erases what the patient provided and keeps the record of care, readable by nobody",
    async () => {
      expect(await patient.call("cancel", { appointmentId: upcoming })).toMatchObject({
        status: "cancelled",
      });

      // Before: the treating doctor reads the note, the prescription and the appointment; the shared X-ray downloads.
      expect((await getDoc(doc(doctor.db, "clinicalRecords", careAppt))).exists()).toBe(true);
      expect((await getDoc(doc(doctor.db, "prescriptions", rx.prescriptionId))).exists()).toBe(true);
      expect((await getDoc(doc(doctor.db, "appointments", careAppt))).exists()).toBe(true);
      const oldLink = await doctor.call<{ url: string }>("recordDownloadLink", { recordId: xray });

      const appointmentIds = (
        await admin().db.collection("appointments").where("patientUid", "==", uid()).get()
      ).docs.map((d) => d.id);
      const accessLogSize = (await admin().db.collection("accessLog").where("patientUid", "==", uid()).get())
        .size;
      const activeConsents = (
        await admin()
          .db.collection("consents")
          .where("patientUid", "==", uid())
          .where("status", "==", "active")
          .get()
      ).size;
      const summary = await patient.call<Record<string, unknown>>("deleteMyAccount", {
        confirm: "DELETE MY ACCOUNT",
      });
      expect(summary).toMatchObject({
        erased: { records: 3, files: 4, accessLog: accessLogSize, profile: 1 },
        revokedConsents: activeConsents,
        retained: {
          appointments: appointmentIds.length,
          consultations: 0,
          clinicalRecords: 1,
          prescriptions: 1,
          consents: 3,
        },
      });

      // Erased: the Auth user, the profile, the records and their files, exports, the access log, booking state.
      await expect(admin().auth.getUser(uid())).rejects.toMatchObject({ code: "auth/user-not-found" });
      expect((await admin().db.doc(`patients/${uid()}`).get()).exists).toBe(false);
      expect((await admin().db.doc(`bookingState/${uid()}`).get()).exists).toBe(false);
      expect(await recordsOf(uid())).toEqual([]);
      expect(await objectsUnder(`records/${uid()}/`)).toEqual([]);
      expect(await objectsUnder(`exports/${uid()}/`)).toEqual([]);
      expect((await fetch(oldLink.url)).status).toBe(404);
      expect((await admin().db.collection("accessLog").where("patientUid", "==", uid()).get()).size).toBe(0);

      // Consents: all revoked, and moved to the archive with the rest.
      expect((await admin().db.collection("consents").where("patientUid", "==", uid()).get()).size).toBe(0);
      const consents = (await admin().db.collection(`retained/${uid()}/consents`).get()).docs;
      expect(consents).toHaveLength(3);
      for (const c of consents) expect(c.data(), c.id).toMatchObject({ status: "revoked" });

      // Retained for the legal period in retained/{uid}, which no rule opens; gone from where clients read.
      const retained = [
        ...appointmentIds.map((id) => ["appointments", id]),
        ["clinicalRecords", careAppt],
        ["prescriptions", rx.prescriptionId],
        ["clinicalRecords_versions", `${careAppt}_0001`],
      ];
      for (const [collection, id] of retained) {
        if (!collection.includes("_"))
          expect((await admin().db.doc(`${collection}/${id}`).get()).exists, `${collection}/${id}`).toBe(
            false,
          );
        const kept = await admin().db.doc(`retained/${uid()}/${collection}/${id}`).get();
        expect(kept.exists, `retained ${collection}/${id}`).toBe(true);
        if (!collection.includes("_"))
          expect(kept.get("retainUntil").toDate().getUTCFullYear(), collection).toBe(
            new Date().getUTCFullYear() + 3,
          );
      }
      expect((await admin().db.doc(`retained/${uid()}`).get()).get("policy")).toMatch(/1\.3\.1/);
      expect(await objectExists(`prescriptions/${uid()}/${rx.prescriptionId}.pdf`)).toBe(true);
      for (const [ref, label] of [
        [doc(doctor.db, "clinicalRecords", careAppt), "the note"],
        [doc(doctor.db, "clinicalRecords", careAppt, "versions", "0001"), "its first version"],
        [doc(doctor.db, "prescriptions", rx.prescriptionId), "the prescription"],
        [doc(doctor.db, "appointments", careAppt), "the appointment"],
      ] as const) {
        await expect(getDoc(ref), label).rejects.toMatchObject({ code: "permission-denied" });
      }
      expect(
        (await callError(doctor.call("prescriptionLink", { prescriptionId: rx.prescriptionId }))).code,
      ).toBe("functions/not-found");
      // The public check answers as for an id that never existed (the same status and body).
      const verify = await fetch(`${HOSTING_URL}/api/rx/verify?id=${rx.prescriptionId}&sig=${rx.signature}`);
      const never = await fetch(`${HOSTING_URL}/api/rx/verify?id=never-issued-0000&sig=${rx.signature}`);
      expect(verify.status).toBe(never.status);
      const verifyBody = await verify.json();
      expect(verifyBody).toEqual(await never.json());
      expect(verifyBody).toMatchObject({ valid: false });
      expect(JSON.stringify(verifyBody)).not.toContain("Paracetamol");

      // Nor written to: an amendment or an upload for the appointment is refused, and the note stays retained.
      const amend = await callError(
        doctor.call("writeClinicalRecord", {
          appointmentId: careAppt,
          ...note,
          amendmentReason: "Late lab result",
        }),
      );
      expect(amend.code).toBe("functions/not-found");
      expect((await admin().db.doc(`clinicalRecords/${careAppt}`).get()).exists).toBe(false);
      expect(
        (await admin().db.doc(`retained/${uid()}/clinicalRecords/${careAppt}`).get()).get("version"),
      ).toBe(1);
      expect((await admin().db.collection(`clinicalRecords/${careAppt}/versions`).get()).size).toBe(0);
      const upload = await callError(
        requestUpload(
          doctor,
          {
            type: "lab_report",
            title: "Late result",
            date: "2025-07-02",
            contentType: "application/pdf",
            patientUid: uid(),
            appointmentId: careAppt,
          },
          100,
        ),
      );
      expect(upload.code).toBe("functions/permission-denied");
      expect(await recordsOf(uid())).toEqual([]);

      // Nothing of theirs is readable by the doctors who could read it before.
      expect((await callError(doctor.call("recordDownloadLink", { recordId: xray }))).code).toBe(
        "functions/not-found",
      );
      expect(ids(await list(doctor, { patientUid: uid() }))).toEqual([]);
      for (const reader of [doctor, specialist, colleague]) {
        for (const recordId of [labA, labB, xray]) {
          await expect(getDoc(doc(reader.db, "records", recordId))).rejects.toMatchObject({
            code: "permission-denied",
          });
        }
      }
      // Nor through a list query (rules do not filter queries; the documents are gone from them).
      for (const name of ["appointments", "clinicalRecords", "prescriptions"]) {
        const mine = await getDocs(
          query(collection(doctor.db, name), where("doctorUid", "==", doctor.user.uid)),
        );
        expect(
          mine.docs.filter((d) => d.get("patientUid") === uid()).map((d) => d.id),
          name,
        ).toEqual([]);
      }
      expect(await auditFor(uid(), "account.deleted")).toHaveLength(1);
    },
    SLOW,
  );
});
