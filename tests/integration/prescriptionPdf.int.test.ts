// A prescription's PDF is not on the doctor's wait (issue 18): issuePrescription answers with the
// signed prescription and leaves the PDF `pdfPending`; the first that needs it renders and stores
// it: the SMS with the patient's link before it is sent, else the first link or export
// (functions/src/services/prescriptions/prescriptionPdf.ts). tests/integration/prescriptions.int.test.ts
// checks the PDF's content through a link right after the issue.
import { beforeAll, describe, expect, it } from "vitest";
import { emulatorOrigin } from "../../functions/src/adapters/storage/emulator";
import { admin, callError, signUp, type Client } from "../../tools/emulator-client";
import { DEFAULT_BUCKET } from "../../tools/gcs.mjs";
import { labelsFor } from "../../functions/src/domain/prescriptions/labels";
import {
  approvedDoctor,
  makeOrg,
  orgAdmin,
  platformAdmin,
  provePhoneByAuth,
  startedVisit,
  pdfText,
} from "./fixtures";
import { CETIRIZINE } from "../factories";

const TWILIO = "http://127.0.0.1:4599";
const GCS = emulatorOrigin(process.env.STORAGE_EMULATOR_HOST ?? "127.0.0.1:4443");
const stored = async (path: string) =>
  (await fetch(`${GCS}/storage/v1/b/${DEFAULT_BUCKET}/o/${encodeURIComponent(path)}`)).status === 200;
const prescription = async (id: string) => (await admin().db.doc(`prescriptions/${id}`).get()).data()!;
const outbox = async (id: string) => (await admin().db.doc(`outbox/${id}`).get()).data();

async function eventually<T>(what: string, check: () => Promise<T | undefined | null | false>): Promise<T> {
  for (let i = 0; i < 240; i += 1) {
    const value = await check();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`still not: ${what}`);
}

let org: string;
let doctor: Client;

/** A patient with a profile (a phone or not) and a started appointment with `doctor`. */
async function patientWithAppointment(phone?: string): Promise<{ patient: Client; appointmentId: string }> {
  const patient = await signUp();
  await admin()
    .db.doc(`patients/${patient.user.uid}`)
    .set({
      name: "Harjit Kaur",
      dateOfBirth: "1975-02-03",
      sex: "female",
      ...(phone ? { phone } : {}),
      language: "pa",
      address: { line1: "Ward 5", district: "Ludhiana", state: "Punjab", pincode: "141001" },
      updatedAt: new Date(),
    });
  // Messages go only to a number the patient proved (services/contacts/).
  if (phone) await provePhoneByAuth(patient, phone);
  const appointmentId = await startedVisit({ org, doctorUid: doctor.user.uid, patientUid: patient.user.uid });
  return { patient, appointmentId };
}

const lines = [CETIRIZINE];

beforeAll(async () => {
  org = await makeOrg("clinic");
  doctor = await approvedDoctor(org);
});

describe("a prescription's PDF", () => {
  it("is not rendered on the doctor's call: the first link renders and stores it, once", async () => {
    const { patient, appointmentId } = await patientWithAppointment();
    const rx = await doctor.call<Record<string, unknown>>("issuePrescription", { appointmentId, lines });
    expect(Object.keys(rx).sort()).toEqual(["prescriptionId", "signature", "verificationCode"]);
    const id = rx.prescriptionId as string;
    // No phone, so no SMS: nothing has needed the PDF yet.
    const issued = await prescription(id);
    expect(issued.pdfPending).toBe(true);
    expect(await stored(issued.pdfPath)).toBe(false);

    const { url } = await patient.call<{ url: string }>("prescriptionLink", { prescriptionId: id });
    const pdf = Buffer.from(await (await fetch(url)).arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const after = await prescription(id);
    expect(after.pdfPending).toBeUndefined();
    expect(after.pdfBytes).toBe(pdf.length);

    // A second link finds it stored and renders nothing.
    await patient.call("prescriptionLink", { prescriptionId: id });
    expect((await prescription(id)).pdfStoredAt.isEqual(after.pdfStoredAt)).toBe(true);
  });

  it("is stored before the SMS with the patient's link is sent", async () => {
    const phone = `+9198${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;
    const { appointmentId } = await patientWithAppointment(phone);
    const rx = await doctor.call<{ prescriptionId: string }>("issuePrescription", { appointmentId, lines });
    await eventually(
      "the SMS is sent",
      async () => (await outbox(`rx-${rx.prescriptionId}`))?.state === "sent",
    );
    const sent = await prescription(rx.prescriptionId);
    expect(sent.pdfPending).toBeUndefined();
    expect(await stored(sent.pdfPath)).toBe(true);
    // When Twilio (tools/twilio-emulator.mjs) received it: after the PDF was stored.
    const { messages } = (await (await fetch(`${TWILIO}/__emulator/messages`)).json()) as {
      messages: Array<{ to: string; receivedAt: string }>;
    };
    const [sms] = messages.filter((m) => m.to === phone);
    expect(sent.pdfStoredAt.toMillis()).toBeLessThanOrEqual(Date.parse(sms.receivedAt));
  });
});

/** A text with all whitespace removed (wrapping splits values over lines and items). */
const compact = (text: string) => text.replace(/\s+/g, "");

describe("what the PDF prints (issue 16)", () => {
  it("the clinic's name, address and phone, the doctor's qualification and registration, the short code as its number, sex and units in Punjabi", async () => {
    // The clinic is created with its address and phone, as a platform admin does; a phone that
    // is not a number is refused first, writing nothing.
    const platform = await platformAdmin();
    const name = `Nabha Civil Clinic ${Math.random().toString(36).slice(2, 7)}`;
    const address = {
      line1: "Hospital Road",
      village: "Nabha",
      district: "Patiala",
      state: "Punjab",
      pincode: "147201",
    };
    const bad = await callError(
      platform.call("createOrganisation", {
        name,
        type: "clinic",
        district: "Patiala",
        state: "Punjab",
        address,
        phone: "01765-220111",
      }),
    );
    expect(bad.code).toBe("functions/invalid-argument");
    expect(bad.message).toContain("phone");
    expect((await admin().db.collection("organisations").where("name", "==", name).get()).size).toBe(0);
    const { id: clinic } = await platform.call<{ id: string }>("createOrganisation", {
      name,
      type: "clinic",
      district: "Patiala",
      state: "Punjab",
      address,
      phone: "+911765220111",
    });
    const prescriber = await approvedDoctor(clinic);
    // As the approval copies it from the doctor's application.
    await admin().db.doc(`doctors/${prescriber.user.uid}`).update({ qualification: "MBBS, MD (Medicine)" });
    const patient = await signUp();
    await admin().db.doc(`patients/${patient.user.uid}`).set({
      name: "Harjit Kaur",
      dateOfBirth: "1975-02-03",
      sex: "female",
      language: "pa",
      updatedAt: new Date(),
    });
    const appointmentId = await startedVisit({
      org: clinic,
      doctorUid: prescriber.user.uid,
      patientUid: patient.user.uid,
    });
    const rx = await prescriber.call<{ prescriptionId: string; verificationCode: string }>(
      "issuePrescription",
      {
        appointmentId,
        lines: [{ ...lines[0], quantity: 10 }],
      },
    );
    const { url } = await patient.call<{ url: string }>("prescriptionLink", {
      prescriptionId: rx.prescriptionId,
    });
    const text = compact(await pdfText(await (await fetch(url)).arrayBuffer()));
    const pa = labelsFor("pa");

    expect(text).toContain(compact(name));
    expect(text).toContain(compact("Hospital Road, Nabha, Patiala, Punjab 147201"));
    expect(text).toContain(compact("+91 1765220111"));
    expect(text).toContain(compact("Dr. Fixture, MBBS, MD (Medicine)"));
    expect(text).toContain("PMC-10001");
    // The number read aloud at the counter is the grouped short code, not the 20-character id.
    expect(rx.verificationCode).toMatch(
      /^[0-9A-HJKMNP-TV-Z]{3}-[0-9A-HJKMNP-TV-Z]{3}-[0-9A-HJKMNP-TV-Z]{3}$/,
    );
    expect(text).toContain(compact(`${pa.prescriptionNumber} / Prescription no.${rx.verificationCode}`));
    expect(text).not.toContain(rx.prescriptionId);
    // Sex and units in Punjabi, not the stored `female`.
    expect(text).toContain(compact(pa.sexText("female")));
    expect(text).not.toMatch(/female/i);
    expect(text).toContain(compact(`10${pa.formText("tablet", 10)}`));
    expect(text).toContain(compact(pa.years));
  });

  it("an organisation's admin sets its address and phone; another organisation's admin and a bad phone are refused, writing nothing", async () => {
    const clinic = await makeOrg("clinic");
    const [admin1, stranger] = await Promise.all([orgAdmin(clinic), orgAdmin(await makeOrg("clinic"))]);
    const address = { line1: "Civil Lines", district: "Ludhiana", state: "Punjab", pincode: "141001" };
    const stored = async () => (await admin().db.doc(`organisations/${clinic}`).get()).data()!;
    const audited = async () =>
      (await admin().db.collection("auditLog").where("org", "==", clinic).get()).docs.map((d) =>
        d.get("action"),
      );

    const other = await callError(stranger.call("setOrganisationContact", { org: clinic, address }));
    expect(other.code).toBe("functions/permission-denied");
    const bad = await callError(admin1.call("setOrganisationContact", { org: clinic, phone: "98123 45678" }));
    expect(bad.code).toBe("functions/invalid-argument");
    expect(bad.message).toContain("phone: must be an E.164 number");
    const none = await callError(admin1.call("setOrganisationContact", { org: clinic }));
    expect(none.code).toBe("functions/invalid-argument");
    expect((await stored()).address).toBeUndefined();
    expect((await stored()).phone).toBeUndefined();
    expect(await audited()).not.toContain("organisation.contactUpdated");

    await admin1.call("setOrganisationContact", { org: clinic, address, phone: "+911612444555" });
    expect(await stored()).toMatchObject({ address, phone: "+911612444555" });
    expect(await audited()).toContain("organisation.contactUpdated");
  });
});
