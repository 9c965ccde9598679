// The patient's record as FHIR R4 (issue 19): the patient's own export carries it as NDJSON, a
// Bundle and ABDM documents; a doctor with a consent reads what it covers, logged; without a
// consent, or for a deleted patient, nothing is answered and nothing is written.
import type { Bundle, Resource } from "@medplum/fhirtypes";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { verhoeffDigit } from "../../functions/src/schemas/checksums";
import { admin, callError, signUp, type Client } from "../../tools/emulator-client";
import { validateFhir } from "../../tools/fhirValidation";
import { approvedDoctor, completedVisit, makeOrg } from "./fixtures";

const SLOW = 120_000;

interface FhirAnswer {
  bundle: Bundle;
  documents: Bundle[];
  problems: Array<{ resource: string; field: string; problem: string }>;
}

const abha = (() => {
  const body = "4312345678901";
  const digits = body + String(verhoeffDigit(body));
  return `${digits.slice(0, 2)}-${digits.slice(2, 6)}-${digits.slice(6, 10)}-${digits.slice(10)}`;
})();

let clinic: string;
let hospital: string;
let doctor: Client;
let specialist: Client;
let colleague: Client;
let stranger: Client;
let patient: Client;
let careAppt: string;
let labReport: string;
let xray: string;

const resourcesOf = (bundle: Bundle): Resource[] => (bundle.entry ?? []).map((e) => e.resource as Resource);
const ofType = (bundle: Bundle, type: string) => resourcesOf(bundle).filter((r) => r.resourceType === type);

async function accessLogBy(actorUid: string) {
  const snap = await admin().db.collection("accessLog").where("actorUid", "==", actorUid).get();
  return snap.docs.map((d) => d.data());
}

async function recordFixture(over: Record<string, unknown>): Promise<string> {
  const ref = admin().db.collection("records").doc();
  await ref.set({
    patientUid: patient.user.uid,
    type: "lab_report",
    title: "HbA1c",
    date: "2026-11-01",
    provider: null,
    tags: [],
    contentType: "application/pdf",
    sizeBytes: 2048,
    path: `records/${patient.user.uid}/${ref.id}.pdf`,
    status: "ready",
    uploadedBy: patient.user.uid,
    uploaderRole: "patient",
    appointmentId: null,
    shares: {},
    createdAt: new Date(),
    ...over,
  });
  return ref.id;
}

const inAYear = () => new Date(Date.now() + 300 * 86_400_000).toISOString();

beforeAll(async () => {
  [clinic, hospital] = await Promise.all([makeOrg("clinic"), makeOrg("clinic")]);
  [doctor, specialist] = await Promise.all([approvedDoctor(clinic), approvedDoctor(hospital)]);
  [colleague, stranger] = await Promise.all([approvedDoctor(hospital), approvedDoctor(clinic)]);
  patient = await signUp();
  await admin()
    .db.doc(`patients/${patient.user.uid}`)
    .set({
      name: "Gurpreet Kaur",
      dateOfBirth: "1968-07-14",
      sex: "female",
      phone: "+919812377009",
      language: "pa",
      abhaNumber: abha,
      address: {
        line1: "Ward 2",
        village: "Sidhwan",
        district: "Ludhiana",
        state: "Punjab",
        pincode: "141001",
      },
      updatedAt: new Date(),
    });
  careAppt = await completedVisit({ org: clinic, doctorUid: doctor.user.uid, patientUid: patient.user.uid });
  await doctor.call("writeClinicalRecord", {
    appointmentId: careAppt,
    soap: {
      subjective: "Thirst for a month",
      objective: "",
      assessment: "Type 2 diabetes",
      plan: "Metformin",
    },
    diagnoses: [
      { code: "E11.9", description: "Type 2 diabetes mellitus without complications", primary: true },
    ],
    vitals: { systolicMmHg: 138, diastolicMmHg: 88, weightKg: 71, pulseBpm: 82 },
  });
  await doctor.call("issuePrescription", {
    appointmentId: careAppt,
    lines: [
      {
        name: "Metformin",
        strength: "500 mg",
        form: "tablet",
        dose: { amount: 1, unit: "tablet" },
        frequency: "BD",
        route: "oral",
        durationDays: 30,
        quantity: 60,
      },
    ],
  });
  labReport = await recordFixture({ type: "lab_report", date: "2026-11-01" });
  xray = await recordFixture({
    type: "imaging",
    title: "Chest X-ray",
    contentType: "image/png",
    date: "2026-10-01",
  });
}, SLOW);

describe("readPatientFhir", () => {
  it("without a consent answers not-found and logs nothing", async () => {
    const error = await callError(specialist.call("readPatientFhir", { patientUid: patient.user.uid }));
    expect(error.code).toBe("functions/not-found");
    // Through the typed client: the reason a client acts on, the same as a record read without consent.
    await expect(specialist.arogya.readPatientFhir({ patientUid: patient.user.uid })).rejects.toMatchObject({
      code: "not-found",
      reason: "record-not-found",
    });
    expect(await accessLogBy(specialist.user.uid)).toEqual([]);
  });

  it("is for doctors: a patient asking is refused before anything is read", async () => {
    const error = await callError(patient.call("readPatientFhir", { patientUid: patient.user.uid }));
    expect(error.code).toBe("functions/permission-denied");
  });

  it("refuses a malformed id as invalid-argument", async () => {
    const error = await callError(specialist.call("readPatientFhir", { patientUid: "a/b" }));
    expect(error.code).toBe("functions/invalid-argument");
  });

  it(
    "with a consent to all, answers valid FHIR R4 and ABDM documents, and logs each document read",
    async () => {
      await patient.call("grantConsent", {
        granteeUid: specialist.user.uid,
        purpose: "second_opinion",
        scope: { all: true },
        expiresAt: inAYear(),
      });
      const answer = await specialist.call<FhirAnswer>("readPatientFhir", { patientUid: patient.user.uid });
      validateFhir(answer.bundle);
      for (const resource of resourcesOf(answer.bundle)) validateFhir(resource);
      expect(answer.problems).toEqual([]);

      const [fhirPatient] = ofType(answer.bundle, "Patient") as Array<{
        identifier: Array<{ system: string; value: string }>;
      }>;
      expect(fhirPatient.identifier).toContainEqual(
        expect.objectContaining({ system: "https://healthid.abdm.gov.in", value: abha }),
      );
      expect(ofType(answer.bundle, "Condition")).toEqual([
        expect.objectContaining({
          code: expect.objectContaining({
            coding: [expect.objectContaining({ system: "http://hl7.org/fhir/sid/icd-10", code: "E11.9" })],
          }),
        }),
      ]);
      const [request] = ofType(answer.bundle, "MedicationRequest") as Array<{
        dosageInstruction: Array<{ timing: { code: { coding: Array<{ code: string }> } } }>;
      }>;
      expect(request.dosageInstruction[0].timing.code.coding[0].code).toBe("BID");
      const documentRefs = ofType(answer.bundle, "DocumentReference") as Array<{
        id: string;
        content: Array<{ attachment: { url: string } }>;
      }>;
      expect(documentRefs.map((d) => d.id).sort()).toEqual([labReport, xray].sort());
      expect(documentRefs[0].content[0].attachment.url).toMatch(/^https?:\/\//);

      const documentIds = answer.documents.map((d) => d.id as string);
      expect(documentIds).toHaveLength(2);
      expect(documentIds).toContain(`op-${careAppt}`);
      expect(documentIds.filter((id) => id.startsWith("rx-"))).toHaveLength(1);
      for (const document of answer.documents) {
        validateFhir(document);
        expect(document.entry?.[0].resource?.resourceType).toBe("Composition");
      }

      const log = await accessLogBy(specialist.user.uid);
      expect(log.map((e) => e.action)).toEqual(["fhir", "fhir", "fhir", "fhir"]);
      const logged = log.map((e) => e.recordId as string);
      expect(logged).toHaveLength(4);
      expect(logged).toEqual(expect.arrayContaining([careAppt, labReport, xray]));
      expect(
        log.every(
          (e) => e.basis === "consent" && e.consentId === `${patient.user.uid}_${specialist.user.uid}`,
        ),
      ).toBe(true);
    },
    SLOW,
  );

  it(
    "gives an organisation's doctor only what its consent covers: lab reports from a date",
    async () => {
      await patient.call("grantConsent", {
        granteeOrg: hospital,
        purpose: "referral",
        scope: { types: ["lab_report"], from: "2026-10-15" },
        expiresAt: inAYear(),
      });
      const answer = await colleague.call<FhirAnswer>("readPatientFhir", { patientUid: patient.user.uid });
      validateFhir(answer.bundle);
      expect(ofType(answer.bundle, "DocumentReference").map((d) => d.id)).toEqual([labReport]);
      expect(ofType(answer.bundle, "Condition")).toEqual([]);
      expect(ofType(answer.bundle, "MedicationRequest")).toEqual([]);
      expect(answer.documents).toEqual([]);
      expect((await accessLogBy(colleague.user.uid)).map((e) => e.recordId)).toEqual([labReport]);
    },
    SLOW,
  );

  it("reports what cannot be mapped with its field, and answers the rest", async () => {
    const odd = await recordFixture({ type: "ecg_trace", date: "2026-11-05", title: "ECG" });
    try {
      const answer = await specialist.call<FhirAnswer>("readPatientFhir", { patientUid: patient.user.uid });
      // An unknown record type is no consent type either: a consent to all covers it, and it is reported.
      expect(answer.problems).toContainEqual(
        expect.objectContaining({ resource: "DocumentReference", field: "type" }),
      );
      validateFhir(answer.bundle);
      expect(ofType(answer.bundle, "DocumentReference").map((d) => d.id)).toContain(odd);
    } finally {
      await admin().db.doc(`records/${odd}`).delete();
    }
  });

  it(
    "a revoked consent stops the next read, which writes nothing",
    async () => {
      await patient.call("grantConsent", {
        granteeUid: stranger.user.uid,
        purpose: "follow_up",
        scope: { types: ["prescription"] },
        expiresAt: inAYear(),
      });
      const answer = await stranger.call<FhirAnswer>("readPatientFhir", { patientUid: patient.user.uid });
      expect(ofType(answer.bundle, "MedicationRequest")).toHaveLength(1);
      const logged = (await accessLogBy(stranger.user.uid)).length;
      expect(logged).toBe(1);
      await patient.call("revokeConsent", { granteeUid: stranger.user.uid });
      const error = await callError(stranger.call("readPatientFhir", { patientUid: patient.user.uid }));
      expect(error.code).toBe("functions/not-found");
      expect(await accessLogBy(stranger.user.uid)).toHaveLength(logged);
    },
    SLOW,
  );
});

describe("the patient's own export", () => {
  it(
    "carries the record as FHIR: NDJSON, a Bundle and the ABDM documents, all valid",
    async () => {
      const exported = await patient.call<{ url: string }>("exportMyData");
      const zip = await JSZip.loadAsync(Buffer.from(await (await fetch(exported.url)).arrayBuffer()));
      const lines = (await zip.file("fhir/resources.ndjson")!.async("string")).trim().split("\n");
      const resources = lines.map((l) => JSON.parse(l) as Resource);
      resources.forEach(validateFhir);
      expect(new Set(resources.map((r) => r.resourceType))).toEqual(
        new Set([
          "Patient",
          "Practitioner",
          "PractitionerRole",
          "Organization",
          "Appointment",
          "Encounter",
          "Condition",
          "Observation",
          "MedicationRequest",
          "DocumentReference",
          "Consent",
        ]),
      );
      const bundle = JSON.parse(await zip.file("fhir/bundle.json")!.async("string")) as Bundle;
      validateFhir(bundle);
      expect(bundle.entry).toHaveLength(resources.length);
      const op = JSON.parse(await zip.file(`fhir/documents/op-${careAppt}.json`)!.async("string")) as Bundle;
      validateFhir(op);
      expect(op.type).toBe("document");
      expect(zip.file("fhir/problems.json")).toBeNull();
    },
    SLOW,
  );
});

describe("a deleted patient", () => {
  it(
    "is never exported: a consent holder gets not-found and nothing is logged",
    async () => {
      await patient.call("deleteMyAccount", { confirm: "DELETE MY ACCOUNT" });
      const since = new Date();
      const error = await callError(specialist.call("readPatientFhir", { patientUid: patient.user.uid }));
      expect(error.code).toBe("functions/not-found");
      const after = await admin()
        .db.collection("accessLog")
        .where("actorUid", "==", specialist.user.uid)
        .where("at", ">=", since)
        .get();
      expect(after.size).toBe(0);
    },
    SLOW,
  );
});
