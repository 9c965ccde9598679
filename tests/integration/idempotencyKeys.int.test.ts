// Issue 13: every callable that creates something takes an optional idempotency key. A retry with
// the same key and the same request (a flaky rural link) answers as the first call did and
// creates nothing more; the same key with a different request is refused and writes nothing.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { wallTimeOf } from "../../functions/src/domain/scheduling/slots";
import { buildMedicineDoc } from "../../functions/src/domain/pharmacy/medicines";
import { admin, callError, signUp, type Client } from "../../tools/emulator-client";
import {
  approvedDoctor,
  approvedPharmacy,
  auditFor,
  doctorApplication,
  makeOrg,
  platformAdmin,
  startedVisit,
} from "./fixtures";
import { PARACETAMOL_TDS } from "../factories";

const key = () => `k-${randomUUID()}`;
const count = async (collection: string, field: string, value: string) =>
  (await admin().db.collection(collection).where(field, "==", value).get()).size;

/** Two calls with one key: the same answer; then the key with another request: refused. */
async function retried<T>(
  client: Client,
  name: string,
  request: Record<string, unknown>,
  different: Record<string, unknown>,
): Promise<T> {
  const idempotencyKey = key();
  const first = await client.call<T>(name, { ...request, idempotencyKey });
  const second = await client.call<T>(name, { ...request, idempotencyKey });
  expect(second).toEqual(first);
  const misuse = await callError(client.call(name, { ...different, idempotencyKey }));
  expect(misuse.code).toBe("functions/already-exists");
  expect(misuse.message).toBe("this idempotency key was already used for a different request");
  return first;
}

let org: string;
let doctor: Client;
let patient: Client;
const line = PARACETAMOL_TDS;

beforeAll(async () => {
  org = await makeOrg("clinic");
  [doctor, patient] = await Promise.all([approvedDoctor(org), signUp()]);
  await admin()
    .db.doc(`patients/${patient.user.uid}`)
    .set({
      name: "Balwinder Singh",
      dateOfBirth: "1970-01-01",
      sex: "male",
      language: "en",
      address: { line1: "Ward 1", district: "Ludhiana", state: "Punjab", pincode: "141001" },
      updatedAt: new Date(),
    });
});

const visit = () => startedVisit({ org, doctorUid: doctor.user.uid, patientUid: patient.user.uid });

describe("a retried call with the same idempotency key creates one thing", () => {
  it("issuePrescription", async () => {
    const appointmentId = await visit();
    const other = await visit();
    const first = await retried<{ prescriptionId: string }>(
      doctor,
      "issuePrescription",
      { appointmentId, lines: [line] },
      { appointmentId: other, lines: [line] },
    );
    expect(await count("prescriptions", "appointmentId", appointmentId)).toBe(1);
    expect(await count("prescriptions", "appointmentId", other)).toBe(0);
    expect(await auditFor(first.prescriptionId, "prescription.issued")).toHaveLength(1);
  });

  it("writeClinicalRecord", async () => {
    const appointmentId = await visit();
    const note = {
      soap: { subjective: "Cough", objective: "Chest clear", assessment: "URTI", plan: "Fluids" },
      diagnoses: [{ code: "J06.9", description: "Acute upper respiratory infection", primary: true }],
    };
    const first = await retried(
      doctor,
      "writeClinicalRecord",
      { appointmentId, ...note },
      {
        appointmentId,
        ...note,
        amendmentReason: "a different request",
      },
    );
    expect(first).toEqual({ appointmentId, version: 1, amendment: false });
    const versions = await admin().db.collection(`clinicalRecords/${appointmentId}/versions`).get();
    expect(versions.size).toBe(1);
  });

  it("grantConsent", async () => {
    const grantee = await makeOrg("clinic");
    const grant = {
      granteeOrg: grantee,
      purpose: "treatment",
      scope: { all: true },
      expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    };
    const first = await retried<{ consentId: string }>(patient, "grantConsent", grant, {
      ...grant,
      purpose: "second_opinion",
    });
    expect(await auditFor(first.consentId, "consent.granted")).toHaveLength(1);
    expect((await admin().db.doc(`consents/${first.consentId}`).get()).get("purpose")).toBe("treatment");
  });

  it("requestRecordUpload", async () => {
    const uploader = await signUp();
    const upload = {
      type: "lab_report",
      title: "Blood sugar",
      date: "2030-01-02",
      contentType: "application/pdf",
      sizeBytes: 1000,
    };
    const first = await retried<{ recordId: string }>(uploader, "requestRecordUpload", upload, {
      ...upload,
      title: "Another report",
    });
    expect(await count("records", "uploadedBy", uploader.user.uid)).toBe(1);
    expect((await admin().db.doc(`records/${first.recordId}`).get()).get("title")).toBe("Blood sugar");
  });

  it("exportMyData", async () => {
    const exporter = await signUp();
    const idempotencyKey = key();
    const first = await exporter.call<{ url: string }>("exportMyData", { idempotencyKey });
    const second = await exporter.call<{ url: string }>("exportMyData", { idempotencyKey });
    expect(second).toEqual(first);
    expect(await auditFor(exporter.user.uid, "data.exported")).toHaveLength(1);
    // Another callable's request under the same key is a different request.
    const misuse = await callError(
      exporter.call("grantConsent", {
        granteeOrg: org,
        purpose: "treatment",
        scope: { all: true },
        expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
        idempotencyKey,
      }),
    );
    expect(misuse.code).toBe("functions/already-exists");
    expect((await admin().db.doc(`consents/${exporter.user.uid}_org:${org}`).get()).exists).toBe(false);
  });

  it("importStockCsv", async () => {
    const pharmacyOrg = await makeOrg("pharmacy");
    const { pharmacyId, pharmacist } = await approvedPharmacy(pharmacyOrg);
    const medicine = buildMedicineDoc(
      {
        generic: `Retrycillin${randomUUID().slice(0, 6).replace(/\d/g, "x")}`,
        brands: [],
        strength: "250 mg",
        form: "capsule",
        packSize: 10,
        prescriptionOnly: true,
      },
      new Date(),
    );
    await admin().db.doc(`medicines/${medicine.medicineId}`).set(medicine);
    const expiry = `${Number(wallTimeOf(Date.now(), "Asia/Kolkata").localDate.slice(0, 4)) + 1}-06`;
    const csv = `medicine_id,batch,expiry,quantity,price,low_stock_threshold\n${medicine.medicineId},R1,${expiry},40,2.00,5\n`;
    const first = await retried<{ importId: string; medicines: { changed: number } }>(
      pharmacist!,
      "importStockCsv",
      { pharmacyId, csv },
      { pharmacyId, csv: csv.replace(",40,", ",41,") },
    );
    // The replay is the first answer (one medicine changed), not a second import's (unchanged).
    expect(first.medicines).toEqual({ changed: 1, unchanged: 0 });
    expect(await auditFor(`${pharmacyId}/${first.importId}`, "stock.imported")).toHaveLength(1);
    const stored = await admin().db.doc(`pharmacies/${pharmacyId}/inventory/${medicine.medicineId}`).get();
    expect(stored.get("batches")).toEqual([expect.objectContaining({ batch: "R1", quantity: 40 })]);
  });

  it("applyForRole", async () => {
    const applicant = await signUp();
    const clinic = await makeOrg("clinic");
    const application = doctorApplication(clinic);
    const first = await retried(applicant, "applyForRole", application, {
      ...application,
      doctor: { ...application.doctor, feeInr: 300 },
    });
    expect(first).toEqual({ status: "pending", role: "doctor", org: clinic });
    expect(await auditFor(applicant.user.uid, "application.submitted")).toHaveLength(1);
    expect((await admin().db.doc(`applications/${applicant.user.uid}`).get()).get("doctor.feeInr")).toBe(200);
  });

  it("createOrganisation", async () => {
    const platform = await platformAdmin();
    const name = `Retry clinic ${randomUUID().slice(0, 8)}`;
    const request = { name, type: "clinic", district: "Ludhiana", state: "Punjab" };
    const first = await retried<{ id: string }>(platform, "createOrganisation", request, {
      ...request,
      name: `${name} 2`,
    });
    expect(await count("organisations", "name", name)).toBe(1);
    expect(await count("organisations", "name", `${name} 2`)).toBe(0);
    expect(await auditFor(first.id, "organisation.created")).toHaveLength(1);
  });
});
