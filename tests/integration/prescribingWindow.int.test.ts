// Issue 13: a prescription only for a consultation that took place, and void once its
// appointment is cancelled; nothing issued (no PDF either) when issuing is refused.
import { beforeAll, describe, expect, it } from "vitest";
import { deletePrefix } from "../../functions/src/adapters/storage/bucket";
import { admin, callError, HOSTING_URL, signUp, type Client } from "../../tools/emulator-client";
import { appointmentFixture, approvedDoctor, approvedPharmacy, makeOrg } from "./fixtures";
import { PARACETAMOL_TDS } from "../factories";

const HOUR = 3_600_000;
const line = PARACETAMOL_TDS;

let org: string;
let doctor: Client;
let patient: Client;

const profile = (name?: string) => ({
  ...(name ? { name } : {}),
  dateOfBirth: "1980-05-17",
  sex: "male",
  language: "en",
  address: { line1: "Ward 2", district: "Ludhiana", state: "Punjab", pincode: "141001" },
  updatedAt: new Date(),
});

beforeAll(async () => {
  org = await makeOrg("clinic");
  [doctor, patient] = await Promise.all([approvedDoctor(org), signUp()]);
  await admin().db.doc(`patients/${patient.user.uid}`).set(profile("Harjit Kaur"));
});

const appointment = (startMs: number, status?: "booked" | "cancelled" | "completed" | "no_show") =>
  appointmentFixture({
    org,
    doctorUid: doctor.user.uid,
    patientUid: patient.user.uid,
    startMs,
    endMs: startMs + 30 * 60_000,
    status,
  });
const prescriptionsFor = async (appointmentId: string) =>
  (await admin().db.collection("prescriptions").where("appointmentId", "==", appointmentId).get()).size;

describe("issuePrescription refuses an appointment outside its prescribing window", () => {
  it.each([
    ["that has not started", () => Date.now() + 2 * HOUR, "booked", /has not started yet/],
    ["that was a no-show", () => Date.now() - HOUR, "no_show", /no-show/],
    ["that was cancelled", () => Date.now() - 10 * 60_000, "cancelled", /cancelled/],
    ["that ended more than 72 hours ago", () => Date.now() - 80 * HOUR, "booked", /closed 72 hours after/],
  ] as const)("an appointment %s", async (_, start, status, message) => {
    const { id } = await appointment(start(), status);
    const error = await callError(doctor.call("issuePrescription", { appointmentId: id, lines: [line] }));
    expect(error.code).toBe("functions/failed-precondition");
    expect(error.message).toMatch(message);
    expect(await prescriptionsFor(id)).toBe(0);
  });

  it("issues from the start of the appointment, and within 72 hours after it", async () => {
    for (const start of [Date.now() - 60_000, Date.now() - 70 * HOUR]) {
      const { id } = await appointment(start, start < Date.now() - HOUR ? "completed" : "booked");
      await doctor.call("issuePrescription", { appointmentId: id, lines: [line] });
      expect(await prescriptionsFor(id)).toBe(1);
    }
  });
});

describe("issuePrescription checks everything before it stores the PDF", () => {
  it("refuses a patient without a name and leaves no file behind", async () => {
    const nameless = await signUp();
    await admin().db.doc(`patients/${nameless.user.uid}`).set(profile());
    const start = Date.now() - 5 * 60_000;
    const { id } = await appointmentFixture({
      org,
      doctorUid: doctor.user.uid,
      patientUid: nameless.user.uid,
      startMs: start,
      endMs: start + 30 * 60_000,
    });
    const error = await callError(doctor.call("issuePrescription", { appointmentId: id, lines: [line] }));
    expect(error.code).toBe("functions/failed-precondition");
    expect(error.message).toMatch(/has no name/);
    expect(await prescriptionsFor(id)).toBe(0);
    // deletePrefix answers how many objects it found: none was stored for this patient.
    expect(await deletePrefix(`prescriptions/${nameless.user.uid}/`)).toBe(0);
  });
});

describe("a prescription whose appointment was cancelled is void", () => {
  it("is not dispensed and does not verify at the counter", async () => {
    const { id } = await appointment(Date.now() - 10 * 60_000);
    const rx = await doctor.call<{ prescriptionId: string; signature: string }>("issuePrescription", {
      appointmentId: id,
      lines: [line],
    });
    const verify = () =>
      fetch(`${HOSTING_URL}/api/rx/verify?id=${rx.prescriptionId}&sig=${encodeURIComponent(rx.signature)}`);
    expect(await (await verify()).json()).toMatchObject({ valid: true, dispensed: false });

    await admin().db.doc(`appointments/${id}`).update({ status: "cancelled" });
    const { pharmacist } = await approvedPharmacy(org);
    const error = await callError(
      pharmacist!.call("dispensePrescription", {
        prescriptionId: rx.prescriptionId,
        signature: rx.signature,
      }),
    );
    expect(error.code).toBe("functions/failed-precondition");
    expect(error.message).toMatch(/was cancelled: the prescription is void; do not dispense it/);
    expect((await admin().db.doc(`dispensations/${rx.prescriptionId}`).get()).exists).toBe(false);
    expect((await admin().db.doc(`prescriptions/${rx.prescriptionId}`).get()).get("status")).toBe("issued");
    expect(await (await verify()).json()).toMatchObject({
      valid: false,
      void: true,
      reason: expect.stringMatching(/was cancelled/),
    });
  });
});
