// Clinical records and e-prescriptions against the emulators: notes written only by the
// treating doctor and amended with history; prescription validation; the signed PDF in Cloud
// Storage (fake-gcs-server), parsed back to text; the public verify endpoint, tampering, and
// dispensing exactly once under concurrency.
import { collection, doc, getDoc, getDocs } from "firebase/firestore";
import { beforeAll, describe, expect, it } from "vitest";
import {
  admin,
  callError,
  HOSTING_URL,
  signUp,
  userWithClaims,
  type Client,
} from "../../tools/emulator-client";
import { parseShortCode } from "../../functions/src/domain/prescriptions/shortCode";
import {
  approvedDoctor,
  approvedPharmacy,
  auditFor,
  makeOrg,
  provePhoneByAuth,
  startedVisit,
  pdfText,
} from "./fixtures";
import { AMOXICILLIN, CETIRIZINE, PARACETAMOL_ID, PARACETAMOL_TDS } from "../factories";

let org: string;
let doctor: Client;
let otherDoctor: Client;
let patient: Client;
let stranger: Client;
let appointmentId: string;

/** A booked video appointment written directly, so its times are exact: it started ten minutes ago. */
const appointment = (patientUid: string, doctorUid: string) => startedVisit({ org, doctorUid, patientUid });

beforeAll(async () => {
  org = await makeOrg("clinic");
  [doctor, otherDoctor, patient, stranger] = await Promise.all([
    approvedDoctor(org),
    approvedDoctor(org),
    signUp(),
    signUp(),
  ]);
  await admin()
    .db.doc(`patients/${patient.user.uid}`)
    .set({
      name: "Gurpreet Sandhu",
      dateOfBirth: "1980-05-17",
      sex: "male",
      phone: "+919812399001",
      language: "hi",
      address: { line1: "Ward 2", district: "Ludhiana", state: "Punjab", pincode: "141001" },
      updatedAt: new Date(),
    });
  // The prescription SMS goes only to a proven number: proven as phone sign-in proves it.
  await provePhoneByAuth(patient, "+919812399001");
  appointmentId = await appointment(patient.user.uid, doctor.user.uid);
});

const note = {
  soap: {
    subjective: "Fever and sore throat for 3 days",
    objective: "Temp 38.4 C, throat congested",
    assessment: "Acute pharyngitis",
    plan: "Paracetamol, fluids, review in 5 days",
  },
  diagnoses: [{ code: "j02.9", description: "Acute pharyngitis, unspecified", primary: true }],
  vitals: { temperatureC: 38.4, pulseBpm: 96, systolicMmHg: 124, diastolicMmHg: 82, spo2Percent: 97 },
};

describe("clinical records", () => {
  it("are written only by the treating doctor", async () => {
    const fresh = await appointment(patient.user.uid, doctor.user.uid);
    for (const [client, label] of [
      [otherDoctor, "another doctor"],
      [patient, "the patient"],
      [stranger, "a stranger"],
    ] as const) {
      const error = await callError(client.call("writeClinicalRecord", { appointmentId: fresh, ...note }));
      expect(error.code, label).toBe("functions/permission-denied");
    }
    expect((await admin().db.doc(`clinicalRecords/${fresh}`).get()).exists).toBe(false);
  });

  it("refuses bad codes and implausible vitals, writing nothing", async () => {
    const fresh = await appointment(patient.user.uid, doctor.user.uid);
    const error = await callError(
      doctor.call("writeClinicalRecord", {
        appointmentId: fresh,
        soap: note.soap,
        diagnoses: [{ code: "XYZ", description: "x" }],
        vitals: { temperatureC: 52, systolicMmHg: 80, diastolicMmHg: 95 },
      }),
    );
    expect(error.code).toBe("functions/invalid-argument");
    expect(error.message).toMatch(/diagnoses\.0\.code: must be an ICD-10 code/);
    expect(error.message).toMatch(/vitals\.temperatureC/);
    expect(error.message).toMatch(/vitals\.diastolicMmHg: must be lower than systolic/);
    expect((await admin().db.doc(`clinicalRecords/${fresh}`).get()).exists).toBe(false);
  });

  it("keep every version when amended; the patient reads them, another doctor cannot", async () => {
    const first = await doctor.call<{ version: number }>("writeClinicalRecord", { appointmentId, ...note });
    expect(first.version).toBe(1);
    const unexplained = await callError(doctor.call("writeClinicalRecord", { appointmentId, ...note }));
    expect(unexplained.code).toBe("functions/invalid-argument");
    expect(unexplained.message).toMatch(/amendmentReason/);
    const amended = await doctor.call<{ version: number; amendment: boolean }>("writeClinicalRecord", {
      appointmentId,
      ...note,
      soap: { ...note.soap, assessment: "Acute streptococcal pharyngitis" },
      diagnoses: [{ code: "J02.0", description: "Streptococcal pharyngitis", primary: true }],
      amendmentReason: "Rapid strep test came back positive",
    });
    expect(amended).toEqual({ appointmentId, version: 2, amendment: true });

    const current = await getDoc(doc(patient.db, "clinicalRecords", appointmentId));
    expect(current.get("version")).toBe(2);
    expect(current.get("diagnoses")[0].code).toBe("J02.0");
    const versions = await getDocs(collection(patient.db, "clinicalRecords", appointmentId, "versions"));
    expect(versions.docs.map((d) => [d.get("version"), d.get("soap").assessment])).toEqual([
      [1, "Acute pharyngitis"],
      [2, "Acute streptococcal pharyngitis"],
    ]);
    expect(versions.docs[0].get("diagnoses")[0].code).toBe("J02.9");
    expect(versions.docs[1].get("amendmentReason")).toBe("Rapid strep test came back positive");
    await expect(getDoc(doc(otherDoctor.db, "clinicalRecords", appointmentId))).rejects.toMatchObject({
      code: "permission-denied",
    });
    expect((await auditFor(appointmentId)).map((a) => a.action)).toEqual(
      expect.arrayContaining(["clinicalRecord.written", "clinicalRecord.amended"]),
    );
  });
});

const lines = [
  { ...PARACETAMOL_TDS, medicineId: PARACETAMOL_ID, instructions: "After food" },
  AMOXICILLIN,
  CETIRIZINE,
];

describe("e-prescriptions", () => {
  let rx: { prescriptionId: string; verificationCode: string; signature: string };

  beforeAll(async () => {
    rx = await doctor.call("issuePrescription", { appointmentId, lines, advice: "Drink plenty of water" });
  });

  it("refuse inconsistent lines with clear messages, writing nothing", async () => {
    const before = (
      await admin().db.collection("prescriptions").where("appointmentId", "==", appointmentId).get()
    ).size;
    const error = await callError(
      doctor.call("issuePrescription", {
        appointmentId,
        lines: [
          { ...lines[0], quantity: 5 },
          lines[1],
          { ...lines[1] },
          { ...lines[2], dose: { amount: 9, unit: "tablet" } },
        ],
      }),
    );
    expect(error.code).toBe("functions/invalid-argument");
    expect(error.message).toMatch(/line 1 quantity: quantity 5 is less than the 15 tablets needed/);
    expect(error.message).toMatch(/line 3 name: /);
    expect(error.message).toMatch(/line 4 dose/);
    const shape = await callError(
      doctor.call("issuePrescription", {
        appointmentId,
        lines: [{ ...lines[0], frequency: "SOMETIMES", route: "by mouth" }],
      }),
    );
    expect(shape.code).toBe("functions/invalid-argument");
    expect(shape.message).toMatch(/lines\.0\.frequency/);
    expect(shape.message).toMatch(/lines\.0\.route/);
    expect(
      (await admin().db.collection("prescriptions").where("appointmentId", "==", appointmentId).get()).size,
    ).toBe(before);
  });

  it("are issued only by the treating doctor", async () => {
    expect((await callError(otherDoctor.call("issuePrescription", { appointmentId, lines }))).code).toBe(
      "functions/permission-denied",
    );
    expect((await callError(patient.call("issuePrescription", { appointmentId, lines }))).code).toBe(
      "functions/permission-denied",
    );
  });

  it("store a PDF with the lines and the verification code, behind a short-lived link for the patient", async () => {
    // The short code (XXX-XXX-XXX with a check symbol) that opens the verification page.
    expect(rx.verificationCode).toMatch(
      /^[0-9A-HJKMNP-TV-Z]{3}-[0-9A-HJKMNP-TV-Z]{3}-[0-9A-HJKMNP-TV-Z]{3}$/,
    );
    expect(parseShortCode(rx.verificationCode)).toBe(rx.verificationCode.replace(/-/g, ""));
    const { url, expiresAt } = await patient.call<{ url: string; expiresAt: string }>("prescriptionLink", {
      prescriptionId: rx.prescriptionId,
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:4443\/.*X-Goog-Signature=/);
    expect(Date.parse(expiresAt) - Date.now()).toBeLessThanOrEqual(15 * 60_000);
    const res = await fetch(url);
    expect(res.status).toBe(200);
    const text = await pdfText(await res.arrayBuffer());
    for (const line of lines) {
      expect(text).toContain(line.name);
      expect(text).toContain(line.strength);
    }
    expect(text).toContain(rx.verificationCode);
    // Issue 16: the number printed is the short code, read aloud at a counter; not the raw id.
    expect(text.replace(/\s+/g, "")).toContain(`Prescriptionno.${rx.verificationCode}`);
    expect(text).not.toContain(rx.prescriptionId);
    expect(text).toContain("Gurpreet Sandhu");
    expect(text).toMatch(/दवा/); // the patient's language is Hindi
    expect(
      (await callError(stranger.call("prescriptionLink", { prescriptionId: rx.prescriptionId }))).code,
    ).toBe("functions/not-found");
  });

  it("text the patient a link through the outbox, without their name", async () => {
    const message = (await admin().db.doc(`outbox/rx-${rx.prescriptionId}`).get()).data()!;
    expect(message).toMatchObject({ kind: "prescription.ready", to: "+919812399001", language: "hi" });
    // A short one-use link through Hosting (issue 16), which leads to a fresh signed download.
    const short = /http:\/\/127\.0\.0\.1:5000\/s\/[A-Za-z0-9_-]{10}/.exec(message.body)?.[0];
    expect(short).toBeDefined();
    expect(message.body).not.toContain("Gurpreet");
    const opened = await fetch(short!, { method: "POST", redirect: "manual" });
    expect(opened.status).toBe(303);
    expect(opened.headers.get("location")).toMatch(/^http:\/\/127\.0\.0\.1:4443\/.*X-Goog-Signature=/);
    expect((await fetch(short!, { method: "POST", redirect: "manual" })).status).toBe(410);
  });

  it("verify publicly from the QR, with the issuer and lines and the patient's initials only", async () => {
    const stored = (await admin().db.doc(`prescriptions/${rx.prescriptionId}`).get()).data()!;
    expect(stored.signature).toBe(rx.signature);
    const res = await fetch(`${HOSTING_URL}/api/rx/verify?id=${rx.prescriptionId}&sig=${rx.signature}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      valid: true,
      verificationCode: rx.verificationCode,
      dispensed: false,
      issuedBy: { doctorName: "Dr. Fixture", registrationNumber: "PMC-10001" },
      patient: { initials: "G. S." },
    });
    expect((body.lines as Array<{ name: string }>).map((l) => l.name)).toEqual(lines.map((l) => l.name));
    expect(JSON.stringify(body)).not.toContain("Gurpreet");
    const bad = await fetch(`${HOSTING_URL}/api/rx/verify?id=${rx.prescriptionId}&sig=${"A".repeat(85)}Q`);
    expect(((await bad.json()) as { valid: boolean }).valid).toBe(false);
    expect((await fetch(`${HOSTING_URL}/api/rx/verify?id=nope`)).status).toBe(400);
  });

  it("a tampered prescription fails verification and cannot be dispensed", async () => {
    const other = await doctor.call<{ prescriptionId: string; signature: string }>("issuePrescription", {
      appointmentId,
      lines: [lines[2]],
    });
    await admin()
      .db.doc(`prescriptions/${other.prescriptionId}`)
      .update({ "content.lines": [{ ...lines[2], quantity: 50 }] });
    const res = await fetch(`${HOSTING_URL}/api/rx/verify?id=${other.prescriptionId}&sig=${other.signature}`);
    const body = (await res.json()) as { valid: boolean; reason: string; lines?: unknown };
    expect(body.valid).toBe(false);
    expect(body.reason).toMatch(/altered/);
    expect(body.lines).toBeUndefined();
    const { pharmacist } = await approvedPharmacy(org);
    const refused = await callError(
      pharmacist!.call("dispensePrescription", {
        prescriptionId: other.prescriptionId,
        signature: other.signature,
      }),
    );
    expect(refused.code).toBe("functions/failed-precondition");
    expect((await admin().db.doc(`dispensations/${other.prescriptionId}`).get()).exists).toBe(false);
  });

  it("verify answers a wrong signature and an id that does not exist identically (no existence oracle)", async () => {
    const wrongSig = `${"A".repeat(85)}Q`;
    const unknownId = `${rx.prescriptionId.slice(0, -4)}zzzz`;
    expect((await admin().db.doc(`prescriptions/${unknownId}`).get()).exists).toBe(false);
    const answers = await Promise.all(
      [
        `id=${rx.prescriptionId}&sig=${wrongSig}`,
        `id=${unknownId}&sig=${wrongSig}`,
        `id=${unknownId}&sig=${rx.signature}`,
      ].map(async (q) => {
        const res = await fetch(`${HOSTING_URL}/api/rx/verify?${q}`);
        return { status: res.status, body: await res.json() };
      }),
    );
    expect(answers[0].body).toMatchObject({ valid: false });
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
  });

  it("is dispensed exactly once when two pharmacies try at the same moment", async () => {
    const contested = await doctor.call<{ prescriptionId: string; signature: string }>("issuePrescription", {
      appointmentId,
      lines: [lines[0]],
    });
    const pharmacists = await Promise.all([
      approvedPharmacy(org),
      approvedPharmacy(org),
      approvedPharmacy(org),
    ]);
    // warm the workers, so the race is between the calls and not the cold starts
    await Promise.all(
      pharmacists.map((p) =>
        callError(
          p.pharmacist!.call("dispensePrescription", {
            prescriptionId: "warm-up",
            signature: contested.signature,
          }),
        ),
      ),
    );
    const outcomes = await Promise.allSettled(
      pharmacists.map((p) =>
        p.pharmacist!.call("dispensePrescription", {
          prescriptionId: contested.prescriptionId,
          signature: contested.signature,
        }),
      ),
    );
    const won = outcomes.filter((o) => o.status === "fulfilled");
    expect(won).toHaveLength(1);
    for (const lost of outcomes.filter((o) => o.status === "rejected")) {
      expect((lost as PromiseRejectedResult).reason.code).toBe("functions/failed-precondition");
      expect((lost as PromiseRejectedResult).reason.message).toMatch(/already dispensed/);
    }
    const dispensation = (await admin().db.doc(`dispensations/${contested.prescriptionId}`).get()).data()!;
    expect(pharmacists.map((p) => p.pharmacyId)).toContain(dispensation.pharmacyId);
    const res = await fetch(
      `${HOSTING_URL}/api/rx/verify?id=${contested.prescriptionId}&sig=${contested.signature}`,
    );
    expect(await res.json()).toMatchObject({ valid: true, dispensed: true });
    expect((await auditFor(contested.prescriptionId, "prescription.dispensed")).length).toBe(1);
    const again = await callError(
      pharmacists[0].pharmacist!.call("dispensePrescription", {
        prescriptionId: contested.prescriptionId,
        signature: contested.signature,
      }),
    );
    expect(again.message).toMatch(/already dispensed/);
  });

  it("is not dispensed by someone who is not a pharmacist", async () => {
    const error = await callError(
      patient.call("dispensePrescription", { prescriptionId: rx.prescriptionId, signature: rx.signature }),
    );
    expect(error.code).toBe("functions/permission-denied");
    const admin2 = await userWithClaims({ role: "admin", org }, "admin");
    expect(
      (
        await callError(
          admin2.call("dispensePrescription", { prescriptionId: rx.prescriptionId, signature: rx.signature }),
        )
      ).code,
    ).toBe("functions/permission-denied");
    expect((await admin().db.doc(`dispensations/${rx.prescriptionId}`).get()).exists).toBe(false);
  });
});
