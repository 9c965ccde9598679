// Issue 13, "nothing lost between a change and its record": each change commits with its audit
// entry and domain event, or not at all. The handlers run in this process against the Firestore
// emulator (and the harness's fake-gcs-server), with an exact `now`, so the test can make the
// audit or the event write fail: every Firestore write goes through a WriteBatch (a transaction
// keeps one, DocumentReference.create makes one), and `failWritesTo("auditLog")` makes that
// batch throw for documents of that collection, as an unavailable store would. A change written
// in the same commit as its record is then not written either; one written before it is.
import { generateKeyPairSync, randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { buildMedicineDoc } from "../../functions/src/domain/pharmacy/medicines";
import type { Actor } from "../../functions/src/domain/identity/actor";
import { wallTimeOf } from "../../functions/src/domain/scheduling/slots";
import { signPrescription, verificationCode } from "../../functions/src/domain/prescriptions/signing";
import { rxKeysFrom } from "../../functions/src/adapters/keys/rxSigningKey";
import { deletePrefix, saveBuffer } from "../../functions/src/adapters/storage/bucket";
import type { Call } from "../../functions/src/registry/define";
import { PROJECT_ID, admin, signUp } from "../../tools/emulator-client";
import {
  appointmentFixture,
  approvedDoctor,
  approvedPharmacy,
  auditFor,
  eventually,
  freeSlots,
  makeOrg,
  startedVisit,
} from "./fixtures";
import { paracetamol } from "../factories";

const functionsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../functions");
const fromFunctions = createRequire(path.join(functionsDir, "package.json"));

type Batch = Record<"create" | "set" | "update", (ref: { path: string }, ...rest: unknown[]) => unknown>;
/** Makes every write to documents of `collection` throw, in transactions, batches and single writes. */
function failWritesTo(collection: string): void {
  const { WriteBatch } = fromFunctions("firebase-admin/firestore") as { WriteBatch: { prototype: Batch } };
  for (const method of ["create", "set", "update"] as const) {
    const original = WriteBatch.prototype[method];
    vi.spyOn(WriteBatch.prototype, method).mockImplementation(function (this: Batch, ref, ...rest) {
      if (ref.path.startsWith(`${collection}/`)) throw new Error(`injected: ${collection} is unavailable`);
      return original.call(this, ref, ...rest);
    });
  }
}
afterEach(() => vi.restoreAllMocks());

const NOW = new Date();
const call = <I>(actor: Actor, input: I, now = NOW): Call<I> =>
  ({ actor, input, now, origin: { ip: "203.0.113.7", userAgent: "vitest" }, raw: {} }) as unknown as Call<I>;
const doc = async (p: string) => (await admin().db.doc(p).get()).data();
const exists = async (p: string) => (await admin().db.doc(p).get()).exists;
const eventsOf = async (type: string, field: string, id: string) =>
  (await admin().db.collection("events").where("type", "==", type).where(`ids.${field}`, "==", id).get())
    .docs;

let org: string;
// This file's signing key and API base are its own: put back for the next file in this process.
const savedEnv = {
  RX_SIGNING_KEY: process.env.RX_SIGNING_KEY,
  PUBLIC_API_BASE_URL: process.env.PUBLIC_API_BASE_URL,
};
afterAll(() => {
  for (const [key, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});
beforeAll(async () => {
  const { getApps, initializeApp } = fromFunctions("firebase-admin/app");
  if (!getApps().length) initializeApp({ projectId: PROJECT_ID });
  process.env.RX_SIGNING_KEY = generateKeyPairSync("ed25519")
    .privateKey.export({ format: "der", type: "pkcs8" })
    .toString("base64");
  process.env.PUBLIC_API_BASE_URL ??= "http://127.0.0.1:5000/api";
  org = await makeOrg("clinic");
});

describe("sign-up (the blocking trigger)", () => {
  const signUpEvent = (uid: string) =>
    ({ data: { uid }, ipAddress: "203.0.113.7", userAgent: "vitest" }) as never;

  it("records the audit entry and the event once, however often the trigger runs", async () => {
    const { assignPatientRole } = await import("../../functions/src/handlers/auth/beforeUserCreated");
    const uid = `signup-${randomUUID()}`;
    expect(await assignPatientRole(signUpEvent(uid), NOW)).toEqual({ customClaims: { role: "patient" } });
    await assignPatientRole(signUpEvent(uid), new Date(NOW.getTime() + 1000));
    expect(await auditFor(uid, "user.registered")).toHaveLength(1);
    expect(await eventsOf("user.registered", "uid", uid)).toHaveLength(1);
  });

  it("writes neither when the event cannot be written, and refuses the sign-up", async () => {
    const { assignPatientRole } = await import("../../functions/src/handlers/auth/beforeUserCreated");
    const uid = `signup-${randomUUID()}`;
    failWritesTo("events");
    await expect(assignPatientRole(signUpEvent(uid), NOW)).rejects.toThrow(/injected/);
    vi.restoreAllMocks();
    expect(await auditFor(uid, "user.registered")).toHaveLength(0);
    // The retried sign-up then records both, once.
    await assignPatientRole(signUpEvent(uid), NOW);
    expect(await auditFor(uid, "user.registered")).toHaveLength(1);
    expect(await eventsOf("user.registered", "uid", uid)).toHaveLength(1);
  });
});

describe("booking (the appointment-created trigger records it)", () => {
  /**
   * A booking through `book`, once the emulator's trigger has settled it (recorded, confirmed).
   * With `undo`, its record is then taken back and its confirmation set pending again, as if the
   * trigger had not run yet: the handler then runs in this process alone (an update fires no
   * appointment-created trigger), with an exact `now`.
   */
  async function settledBooking(undo = false) {
    const doctor = await approvedDoctor(org);
    const patient = await signUp();
    const slot = (await freeSlots(patient, doctor.user.uid)).find(
      (s) => Date.parse(s.start) > Date.now() + 6 * 3_600_000,
    )!;
    const { appointmentId: id } = await patient.call<{ appointmentId: string }>("book", {
      doctorUid: doctor.user.uid,
      start: slot.start,
      mode: "video",
    });
    await Promise.all([doctor.close(), patient.close()]);
    await eventually(
      async () => (await doc(`appointments/${id}`))?.confirmation !== "pending",
      "the booking's trigger",
    );
    if (undo) {
      await admin().db.doc(`auditLog/appointment.booked:${id}`).delete();
      await admin().db.doc(`events/appointment.booked:${id}`).delete();
      await admin()
        .db.doc(`appointments/${id}`)
        .update({ confirmation: "pending", bookedFrom: { ip: "203.0.113.7", userAgent: "vitest" } });
    }
    return { id, patientUid: patient.user.uid, bookedAt: (await doc(`appointments/${id}`))!.createdAt };
  }

  it("records the audit entry and the event once, at the booking's time, however often the trigger runs", async () => {
    const { confirmBooking } = await import("../../functions/src/handlers/booking/confirmBooking");
    const { id, patientUid, bookedAt } = await settledBooking();
    // The emulator's trigger ran; this repeated delivery finds the booking recorded.
    expect(await confirmBooking(id, NOW)).toBe("skipped");
    const audit = await auditFor(id, "appointment.booked");
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorUid: patientUid,
      actorRole: "patient",
      org,
      target: { type: "appointment", id },
      at: bookedAt,
    });
    expect(await exists(`auditLog/appointment.booked:${id}`)).toBe(true);
    const events = await eventsOf("appointment.booked", "appointmentId", id);
    expect(events.map((e) => e.id)).toEqual([`appointment.booked:${id}`]);
    expect(events[0].data()).toMatchObject({ org, occurredAt: bookedAt });
    // Where it was booked from is the audit log's, no longer the appointment's.
    expect((await doc(`appointments/${id}`))!.bookedFrom).toBeUndefined();
  });

  it("writes neither when the event cannot be written, and leaves the confirmation pending for the retry", async () => {
    const { confirmBooking } = await import("../../functions/src/handlers/booking/confirmBooking");
    const { id, bookedAt } = await settledBooking(true);
    failWritesTo("events");
    await expect(confirmBooking(id, NOW)).rejects.toThrow(/injected/);
    vi.restoreAllMocks();
    expect(await auditFor(id, "appointment.booked")).toHaveLength(0);
    expect(await doc(`appointments/${id}`)).toMatchObject({
      confirmation: "pending",
      bookedFrom: { ip: "203.0.113.7" },
    });
    // The retried trigger then records both, once, with the origin; again, nothing more.
    expect(await confirmBooking(id, NOW)).toBe("none");
    expect(await confirmBooking(id, NOW)).toBe("skipped");
    const audit = await auditFor(id, "appointment.booked");
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ ip: "203.0.113.7", userAgent: "vitest", at: bookedAt });
    expect(await eventsOf("appointment.booked", "appointmentId", id)).toHaveLength(1);
    expect((await doc(`appointments/${id}`))!.bookedFrom).toBeUndefined();
  });

  it("answers `unreadable` for an appointment that does not parse, writing nothing (no retry can mend it)", async () => {
    const { confirmBooking } = await import("../../functions/src/handlers/booking/confirmBooking");
    const id = `malformed-${randomUUID()}`;
    // Written by hand with a start that is not a time; the emulator's trigger meets it too.
    const stored = { patientUid: "nobody", status: "booked", start: "not a time", confirmation: "pending" };
    await admin().db.doc(`appointments/${id}`).set(stored);
    expect(await confirmBooking(id, NOW)).toBe("unreadable");
    expect(await doc(`appointments/${id}`)).toEqual(stored);
    expect(await exists(`auditLog/appointment.booked:${id}`)).toBe(false);
    expect(await exists(`events/appointment.booked:${id}`)).toBe(false);
    await admin().db.doc(`appointments/${id}`).delete();
  });
});

describe("dispensing", () => {
  let pharmacyId: string;
  let pharmacist: Actor;
  const patientUid = `patient-${randomUUID().slice(0, 8)}`;
  const doctorUid = `doctor-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    ({ pharmacyId } = await approvedPharmacy(org, { withPharmacist: false }));
    pharmacist = {
      uid: `pharmacist-${randomUUID().slice(0, 8)}`,
      role: "pharmacist",
      org,
      pharmacy: pharmacyId,
      platform: false,
    };
  });

  /** A signed prescription (with the key this process signs with) for an appointment of `status`. */
  async function prescription(status: "booked" | "cancelled" = "booked") {
    const start = Date.now() - 20 * 60_000;
    const appointment = await appointmentFixture({
      org,
      doctorUid,
      patientUid,
      startMs: start,
      endMs: start + 30 * 60_000,
      status,
    });
    const keys = rxKeysFrom(process.env.RX_SIGNING_KEY!);
    const id = `rx-${randomUUID().slice(0, 12)}`;
    const content = {
      id,
      patientUid,
      patientName: "Gurpreet Sandhu",
      doctorUid,
      doctorName: "Dr. Fixture",
      registrationNumber: "PMC-10001",
      org,
      orgName: "Test clinic",
      appointmentId: appointment.id,
      issuedAt: new Date().toISOString(),
      lines: [paracetamol()],
      keyId: keys.keyId,
    };
    const signature = signPrescription(content, keys.privateKey);
    const { Timestamp } = await import("firebase-admin/firestore");
    await admin()
      .db.doc(`prescriptions/${id}`)
      .set({
        content,
        signature,
        verificationCode: verificationCode(signature),
        patientUid,
        doctorUid,
        org,
        appointmentId: appointment.id,
        language: "en",
        pdfPath: `prescriptions/${patientUid}/${id}.pdf`,
        status: "issued",
        createdAt: Timestamp.now(),
      });
    return { prescriptionId: id, signature };
  }

  it("writes the claim, the dispensed status, the audit entry and the event together, or none of them", async () => {
    const { dispensePrescription } =
      await import("../../functions/src/handlers/prescriptions/dispensePrescription");
    const rx = await prescription();
    failWritesTo("auditLog");
    await expect(dispensePrescription(call(pharmacist, rx))).rejects.toThrow(/injected/);
    vi.restoreAllMocks();
    expect(await exists(`dispensations/${rx.prescriptionId}`)).toBe(false);
    expect((await doc(`prescriptions/${rx.prescriptionId}`))?.status).toBe("issued");
    expect(await eventsOf("prescription.dispensed", "prescriptionId", rx.prescriptionId)).toHaveLength(0);

    failWritesTo("events");
    await expect(dispensePrescription(call(pharmacist, rx))).rejects.toThrow(/injected/);
    vi.restoreAllMocks();
    expect(await exists(`dispensations/${rx.prescriptionId}`)).toBe(false);
    expect(await auditFor(rx.prescriptionId, "prescription.dispensed")).toHaveLength(0);

    // With the stores back, the retry dispenses, once.
    await dispensePrescription(call(pharmacist, rx));
    const again = dispensePrescription(call(pharmacist, rx));
    await expect(again).rejects.toMatchObject({ code: "failed-precondition" });
    await expect(again).rejects.toThrow(/already dispensed by your pharmacy/);
    expect((await doc(`prescriptions/${rx.prescriptionId}`))?.status).toBe("dispensed");
    expect(await auditFor(rx.prescriptionId, "prescription.dispensed")).toHaveLength(1);
    expect(await eventsOf("prescription.dispensed", "prescriptionId", rx.prescriptionId)).toHaveLength(1);
  });
});

describe("issuing a prescription", () => {
  it("deletes the stored PDF when the prescription's transaction fails", async () => {
    const { issuePrescription } =
      await import("../../functions/src/handlers/prescriptions/issuePrescription");
    const doctor: Actor = { uid: `doctor-${randomUUID().slice(0, 8)}`, role: "doctor", org, platform: false };
    const patientUid = `patient-${randomUUID().slice(0, 8)}`;
    await admin()
      .db.doc(`doctors/${doctor.uid}`)
      .set({
        uid: doctor.uid,
        name: "Dr. Fixture",
        specialties: ["General medicine"],
        registrationNumber: "PMC-10001",
        feeInr: 200,
        languages: ["hi"],
        timezone: "Asia/Kolkata",
        org,
        status: "approved",
        approvedAt: new Date(),
        approvedBy: "fixture",
        updatedAt: new Date(),
      });
    await admin().db.doc(`patients/${patientUid}`).set({
      name: "Gurpreet Sandhu",
      dateOfBirth: "1980-05-17",
      sex: "male",
      language: "en",
      updatedAt: new Date(),
    });
    const appointmentId = await startedVisit({ org, doctorUid: doctor.uid, patientUid });
    const request = { appointmentId, lines: [paracetamol()] };
    failWritesTo("prescriptions");
    await expect(issuePrescription(call(doctor, request as never))).rejects.toThrow(/injected/);
    vi.restoreAllMocks();
    // deletePrefix answers how many objects it found: the PDF was deleted when the write failed.
    expect(await deletePrefix(`prescriptions/${patientUid}/`)).toBe(0);
    const issued = await admin()
      .db.collection("prescriptions")
      .where("appointmentId", "==", appointmentId)
      .get();
    expect(issued.size).toBe(0);
  });
});

describe("health records and consents", () => {
  const patient: Actor = { uid: `patient-${randomUUID().slice(0, 8)}`, role: "patient", platform: false };
  const PNG = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.alloc(56, 7),
  ]);

  async function pendingRecord(): Promise<string> {
    const { Timestamp } = await import("firebase-admin/firestore");
    const recordId = `rec-${randomUUID().slice(0, 12)}`;
    const p = `records/${patient.uid}/${recordId}`;
    await saveBuffer(p, PNG, "image/png", {});
    await admin().db.doc(`records/${recordId}`).set({
      patientUid: patient.uid,
      type: "lab_report",
      title: "CBC",
      date: "2030-01-01",
      provider: null,
      tags: [],
      contentType: "image/png",
      sizeBytes: PNG.length,
      path: p,
      status: "pending",
      uploadedBy: patient.uid,
      uploaderRole: "patient",
      appointmentId: null,
      shares: {},
      createdAt: Timestamp.now(),
    });
    return recordId;
  }

  it("confirms an upload with its audit entry and event, or not at all", async () => {
    const { confirmRecordUpload } =
      await import("../../functions/src/handlers/healthRecords/confirmRecordUpload");
    const recordId = await pendingRecord();
    failWritesTo("auditLog");
    await expect(confirmRecordUpload(call(patient, { recordId }))).rejects.toThrow(/injected/);
    vi.restoreAllMocks();
    expect((await doc(`records/${recordId}`))?.status).toBe("pending");
    expect(await eventsOf("record.uploaded", "recordId", recordId)).toHaveLength(0);

    expect(await confirmRecordUpload(call(patient, { recordId }))).toEqual({ recordId, status: "ready" });
    await confirmRecordUpload(call(patient, { recordId }));
    expect(await auditFor(recordId, "record.uploaded")).toHaveLength(1);
    expect(await eventsOf("record.uploaded", "recordId", recordId)).toHaveLength(1);
  });

  it("shares records with their audit entry, or not at all", async () => {
    const { shareRecords } = await import("../../functions/src/handlers/healthRecords/shareRecords");
    const { confirmRecordUpload } =
      await import("../../functions/src/handlers/healthRecords/confirmRecordUpload");
    const recordId = await pendingRecord();
    await confirmRecordUpload(call(patient, { recordId }));
    const doctorUid = `doctor-${randomUUID().slice(0, 8)}`;
    const start = Date.now() + 86_400_000;
    const appointment = await appointmentFixture({
      org,
      doctorUid,
      patientUid: patient.uid,
      startMs: start,
      endMs: start + 1_800_000,
    });
    failWritesTo("auditLog");
    await expect(
      shareRecords(call(patient, { appointmentId: appointment.id, recordIds: [recordId] })),
    ).rejects.toThrow(/injected/);
    vi.restoreAllMocks();
    expect((await doc(`records/${recordId}`))?.shares).toEqual({});
    await shareRecords(call(patient, { appointmentId: appointment.id, recordIds: [recordId] }));
    expect(Object.keys((await doc(`records/${recordId}`))?.shares ?? {})).toEqual([doctorUid]);
    expect(await auditFor(appointment.id, "record.shared")).toHaveLength(1);
  });

  it("grants and revokes a consent with its audit entry and event, or not at all", async () => {
    const { grantConsent } = await import("../../functions/src/handlers/consents/grantConsent");
    const { revokeConsent } = await import("../../functions/src/handlers/consents/revokeConsent");
    const granteeOrg = await makeOrg("clinic");
    const consentId = `${patient.uid}_org:${granteeOrg}`;
    const grant = {
      granteeOrg,
      purpose: "treatment",
      scope: { all: true },
      expiresAt: new Date(NOW.getTime() + 30 * 86_400_000).toISOString(),
    };
    failWritesTo("events");
    await expect(grantConsent(call(patient, grant as never))).rejects.toThrow(/injected/);
    vi.restoreAllMocks();
    expect(await exists(`consents/${consentId}`)).toBe(false);
    expect(await auditFor(consentId, "consent.granted")).toHaveLength(0);

    await grantConsent(call(patient, grant as never));
    expect(await auditFor(consentId, "consent.granted")).toHaveLength(1);
    expect(await eventsOf("consent.granted", "consentId", consentId)).toHaveLength(1);

    const later = new Date(NOW.getTime() + 60_000);
    failWritesTo("auditLog");
    await expect(revokeConsent(call(patient, { granteeOrg }, later))).rejects.toThrow(/injected/);
    vi.restoreAllMocks();
    expect((await doc(`consents/${consentId}`))?.status).toBe("active");
    expect(await eventsOf("consent.revoked", "consentId", consentId)).toHaveLength(0);

    await revokeConsent(call(patient, { granteeOrg }, later));
    await revokeConsent(call(patient, { granteeOrg }, later));
    expect((await doc(`consents/${consentId}`))?.status).toBe("revoked");
    expect(await auditFor(consentId, "consent.revoked")).toHaveLength(1);
    expect(await eventsOf("consent.revoked", "consentId", consentId)).toHaveLength(1);
  });
});

describe("stock and the medicine master", () => {
  const run = randomUUID()
    .slice(0, 6)
    .replace(/\d/g, (d) => "abcdefghij"[Number(d)]);
  const platform: Actor = { uid: `platform-${run}`, role: "admin", platform: true };
  let pharmacyId: string;
  let pharmacist: Actor;
  let medicineId: string;
  const inYears = (n: number) => {
    const today = wallTimeOf(Date.now(), "Asia/Kolkata").localDate;
    return `${Number(today.slice(0, 4)) + n}-${today.slice(5, 7)}`;
  };

  beforeAll(async () => {
    const pharmacyOrg = await makeOrg("pharmacy");
    ({ pharmacyId } = await approvedPharmacy(pharmacyOrg, { withPharmacist: false }));
    pharmacist = {
      uid: `pharmacist-${run}`,
      role: "pharmacist",
      org: pharmacyOrg,
      pharmacy: pharmacyId,
      platform: false,
    };
    const medicine = buildMedicineDoc(
      {
        generic: `Atomicillin${run}`,
        brands: [],
        strength: "250 mg",
        form: "capsule",
        packSize: 10,
        prescriptionOnly: true,
      },
      new Date(),
    );
    medicineId = medicine.medicineId;
    await admin().db.doc(`medicines/${medicineId}`).set(medicine);
  });

  const stock = (quantity: number) => ({
    pharmacyId,
    medicineId,
    batches: [{ batch: "B1", expiry: inYears(1), quantity }],
    priceInr: 3,
    lowStockThreshold: 5,
  });
  const inventory = () => doc(`pharmacies/${pharmacyId}/inventory/${medicineId}`);
  const target = () => `${pharmacyId}/${medicineId}`;

  it("saves a medicine with its audit entry, or not at all", async () => {
    const { upsertMedicine } = await import("../../functions/src/handlers/pharmacy/upsertMedicine");
    const input = {
      generic: `Savedomycin${run}`,
      brands: [],
      strength: "5 mg",
      form: "tablet",
      packSize: 10,
      prescriptionOnly: true,
    };
    const id = buildMedicineDoc(input as never, NOW).medicineId;
    failWritesTo("auditLog");
    await expect(upsertMedicine(call(platform, input as never))).rejects.toThrow(/injected/);
    vi.restoreAllMocks();
    expect(await exists(`medicines/${id}`)).toBe(false);
    expect(await upsertMedicine(call(platform, input as never))).toEqual({ medicineId: id, created: true });
    expect(await auditFor(id, "medicine.saved")).toHaveLength(1);
  });

  it("sets stock with its audit entry, and a stock-out with its event, or not at all", async () => {
    const { setStockItem } = await import("../../functions/src/handlers/pharmacy/setStockItem");
    failWritesTo("auditLog");
    await expect(setStockItem(call(pharmacist, stock(50)))).rejects.toThrow(/injected/);
    vi.restoreAllMocks();
    expect(await inventory()).toBeUndefined();

    await setStockItem(call(pharmacist, stock(50)));
    expect(await auditFor(target(), "stock.updated")).toHaveLength(1);

    const out = new Date(NOW.getTime() + 60_000);
    failWritesTo("events");
    await expect(setStockItem(call(pharmacist, stock(0), out))).rejects.toThrow(/injected/);
    vi.restoreAllMocks();
    expect((await inventory())?.state).toBe("in_stock");
    expect(await auditFor(target(), "stock.updated")).toHaveLength(1);

    await setStockItem(call(pharmacist, stock(0), out));
    expect((await inventory())?.state).toBe("out");
    expect(await auditFor(target(), "stock.updated")).toHaveLength(2);
    expect(await eventsOf("stock.out", "medicineId", medicineId)).toHaveLength(1);
  });

  it("imports stock with its audit entry, or not at all", async () => {
    const { importStockCsv } = await import("../../functions/src/handlers/pharmacy/importStockCsv");
    const csv = `medicine_id,batch,expiry,quantity,price,low_stock_threshold\n${medicineId},C1,${inYears(2)},80,4.00,5\n`;
    failWritesTo("auditLog");
    await expect(importStockCsv(call(pharmacist, { pharmacyId, csv }))).rejects.toMatchObject({
      code: "unavailable",
    });
    vi.restoreAllMocks();
    const batches = ((await inventory())?.batches ?? []) as Array<{ batch: string }>;
    expect(batches.map((b) => b.batch)).toEqual(["B1"]);

    const result = await importStockCsv(call(pharmacist, { pharmacyId, csv }));
    expect(result.medicines).toEqual({ changed: 1, unchanged: 0 });
    expect((await inventory())?.batches).toEqual([expect.objectContaining({ batch: "C1", quantity: 80 })]);
    expect(await auditFor(`${pharmacyId}/${result.importId}`, "stock.imported")).toHaveLength(1);
  });
});
