// Issue 14's "Done when", as ONE journey through the client SDK (the typed `arogya.*` callables
// and Firestore reads under the rules), as a new clinician and the people around them would live
// it: the doctor proves their number and says how to be messaged, receives the booking SMS (the
// local Twilio API's recorder), opens the day's list with names and ages (one query), reads the
// chart of a booked patient and not of an unrelated one, proposes a new time that the patient
// accepts (the patient told by message), and a suspension cancels and notifies every future
// appointment. Each part has its own suites for the refusals and edge cases (clinicians,
// chart, scheduleChanges); this file proves they hold together.
import {
  collection,
  doc,
  getDoc,
  getDocs,
  orderBy,
  query,
  serverTimestamp,
  setDoc,
  where,
} from "firebase/firestore";
import { describe, expect, it } from "vitest";
import type { ArogyaError } from "../../client/src";
import { ageAt } from "../../functions/src/domain/patients/age";
import { admin, signUp, type Client } from "../../tools/emulator-client";
import { approvedDoctor, auditFor, eventually, freeSlots, makeOrg, orgAdmin, recordedTo } from "./fixtures";
import { trackClients } from "./clients";

const HOUR = 3_600_000;
const track = trackClients();

let sequence = Math.floor(Math.random() * 800_000) + 100_000;
/** A fresh Indian mobile number (never one the Twilio emulator fails once: …0503, …0429). */
const freshPhone = () => `+9193${String(sequence++).padStart(6, "0")}12`;

/**
 * Proves a number as phone sign-in leaves it: on the Auth account (the only Admin SDK step, as
 * the phone sign-in itself is not part of this journey), then taken as proven by the callable.
 */
async function provePhone(client: Client, phone: string) {
  await admin().auth.updateUser(client.user.uid, { phoneNumber: phone });
  const proven = await client.arogya.requestPhoneVerification({ phone });
  expect(proven.status).toBe("verified");
}

/** A patient who writes their own profile under the rules and proves their phone. */
async function patientWithProfile(name: string, dateOfBirth: string, sex: string) {
  const client = track(await signUp());
  const phone = freshPhone();
  await setDoc(doc(client.db, "patients", client.user.uid), {
    name,
    dateOfBirth,
    sex,
    phone,
    language: "en",
    address: { line1: "Ward 4", village: "Dakha", district: "Ludhiana", state: "Punjab", pincode: "141102" },
    updatedAt: serverTimestamp(),
  });
  await provePhone(client, phone);
  return { client, phone };
}

const appointment = async (id: string) => (await admin().db.doc(`appointments/${id}`).get()).data()!;
const messageTo = (phone: string, text: string) =>
  eventually(
    async () => (await recordedTo(phone)).find((m) => m.body.includes(text)),
    `"${text}" to ${phone}`,
  );

describe("a new clinician's journey (issue 14, done when)", () => {
  it("booking SMS, the day's list, the chart, a proposal accepted, and a suspension that cancels and tells everyone", async () => {
    // --- the doctor: approved in a clinic, proves their number, chooses how to be messaged ----
    const org = await makeOrg();
    const doctor = track(await approvedDoctor(org));
    const doctorUid = doctor.user.uid;
    await admin()
      .db.doc(`organisations/${org}/members/${doctorUid}`)
      .set({ uid: doctorUid, role: "doctor", status: "active", since: new Date() });
    const doctorPhone = freshPhone();
    await provePhone(doctor, doctorPhone);
    await doctor.arogya.setClinicianContact({ language: "en", channel: "sms", quietHours: null });

    // --- a patient books: the doctor receives the booking SMS (Twilio recorder) -------------
    const asha = await patientWithProfile("Asha Rani Devi", "1988-03-14", "female");
    const ravi = await patientWithProfile("Ravi Kumar", "1970-01-01", "male");
    const unrelated = await patientWithProfile("Unrelated Person", "1999-09-09", "male");
    const slots = (await freeSlots(asha.client, doctorUid, 7)).filter(
      (s) => Date.parse(s.start) > Date.now() + 30 * HOUR,
    );
    const booked = await asha.client.arogya.book({ doctorUid, start: slots[0].start, mode: "video" });
    expect(booked.status).toBe("booked");
    const bookingSms = await messageTo(doctorPhone, "New video call with Asha D.");
    expect(bookingSms.body).not.toMatch(/Rani|Devi|1988|Dakha/);

    // --- the day's list: one query; each appointment carries the patient's name, age, sex ---
    const visitMs = Date.parse(slots[0].start);
    const day = await getDocs(
      query(
        collection(doctor.db, "appointments"),
        where("doctorUid", "==", doctorUid),
        where("start", ">=", new Date(visitMs - 12 * HOUR)),
        where("start", "<", new Date(visitMs + 12 * HOUR)),
        orderBy("start"),
      ),
    );
    const listed = day.docs.find((d) => d.id === booked.appointmentId);
    expect(listed?.get("patient")).toEqual({
      name: "Asha Rani Devi",
      sex: "female",
      age: ageAt("1988-03-14", new Date(slots[0].start), "Asia/Kolkata"),
    });
    // Without a read per patient: the profile itself stays the patient's.
    await expect(getDoc(doc(doctor.db, "patients", asha.client.user.uid))).rejects.toMatchObject({
      code: "permission-denied",
    });

    // --- the chart of the booked patient, logged; not of an unrelated one -------------------
    const chart = await doctor.arogya.getPatientChart({ patientUid: asha.client.user.uid });
    expect(chart.access).toMatchObject({ basis: "care", appointmentId: booked.appointmentId });
    expect(chart.demographics).toMatchObject({ name: "Asha Rani Devi", sex: "female", village: "Dakha" });
    const refused = (await doctor.arogya
      .getPatientChart({ patientUid: unrelated.client.user.uid })
      .catch((e: unknown) => e)) as ArogyaError;
    expect(refused.code).toBe("permission-denied");
    expect(refused.reason).toBe("chart-not-open");
    const logOf = async (uid: string) =>
      (await admin().db.collection("accessLog").where("patientUid", "==", uid).get()).docs.map((d) =>
        d.data(),
      );
    expect(await logOf(asha.client.user.uid)).toContainEqual(
      expect.objectContaining({ action: "chart", actorUid: doctorUid, basis: "care" }),
    );
    expect(await logOf(unrelated.client.user.uid)).toEqual([]);

    // --- the doctor proposes a new time; the patient accepts and is told ---------------------
    const to = slots[3];
    const proposed = await doctor.arogya.proposeTime({
      appointmentId: booked.appointmentId,
      start: to.start,
      reason: "Clinic closes early that day",
    });
    expect(proposed.proposal).toMatchObject({ start: to.start, round: 1 });
    await messageTo(asha.phone, "asks to move");
    const moved = await asha.client.arogya.answerProposal({
      appointmentId: booked.appointmentId,
      accept: true,
    });
    expect(moved).toMatchObject({ appointmentId: booked.appointmentId, start: to.start, status: "booked" });
    const told = await messageTo(asha.phone, "has moved to");
    expect(told.body).toContain("Dr Fixture");
    await messageTo(doctorPhone, "was accepted by Asha D.");

    // --- a suspension cancels and notifies every future appointment --------------------------
    const second = await ravi.client.arogya.book({ doctorUid, start: slots[1].start, mode: "in_person" });
    await messageTo(doctorPhone, "New clinic visit with Ravi K.");
    const clinicAdmin = track(await orgAdmin(org));
    const request = {
      uid: doctorUid,
      org,
      status: "suspended" as const,
      reason: "registration under review",
    };
    const preview = await clinicAdmin.arogya.setUserStatus({ ...request, dryRun: true });
    const future = [booked.appointmentId, second.appointmentId].sort();
    expect((preview.affected ?? []).map((a) => a.appointmentId).sort()).toEqual(future);
    const done = await clinicAdmin.arogya.setUserStatus({ ...request, confirmAffected: future });
    expect([...(done.schedule?.cancelled ?? [])].sort()).toEqual(future);
    for (const id of future) {
      const stored = await appointment(id);
      expect(stored.status).toBe("cancelled");
      expect((await admin().db.doc(`slotLocks/${stored.slotLockId}`).get()).exists).toBe(false);
      expect(await auditFor(id, "appointment.cancelled")).toHaveLength(1);
    }
    for (const phone of [asha.phone, ravi.phone]) await messageTo(phone, "has been cancelled by the clinic");
    await messageTo(doctorPhone, "your schedule changed: 2 visits cancelled, 0 offered a new time");
    // The doctor's slots are no longer offered.
    const gone = (await unrelated.client.arogya
      .listSlots({
        doctorUid,
        from: new Date().toISOString(),
        to: new Date(Date.now() + 48 * HOUR).toISOString(),
      })
      .catch((e: unknown) => e)) as ArogyaError;
    expect(gone.reason).toBe("doctor-not-found");
  });
});
