// The patient's chart for the people treating them (issue 14, item 3; docs/patient-chart.md),
// through the client SDK as a new clinician would use it: a doctor's day is one query whose
// appointments carry each patient's name, age and sex; the doctor reads the chart of a booked
// patient (logged in the patient's access log) and not of an unrelated one, nor after the care
// window, but again under a consent; the doctor adds to the health summary, marked as theirs;
// a profile edit reaches the card on the appointments.
import {
  collection,
  doc,
  getDoc,
  getDocs,
  orderBy,
  query,
  serverTimestamp,
  setDoc,
  Timestamp,
  updateDoc,
  where,
} from "firebase/firestore";
import { beforeAll, describe, expect, it } from "vitest";
import { CHART_WINDOW_DAYS } from "../../functions/src/config/chart";
import { ageAt } from "../../functions/src/domain/patients/age";
import { admin, callError, signUp, type Client } from "../../tools/emulator-client";
import { appointmentFixture, approvedDoctor, eventually, freeSlots, makeOrg } from "./fixtures";
import { trackClients } from "./clients";

const DAY = 86_400_000;
const SLOW = 120_000;
const track = trackClients();

let org: string;
let doctor: Client;
let booked: Client;
let appointmentId: string;
let slotStart: string;

const PROFILE = {
  name: "Asha Devi",
  dateOfBirth: "1988-03-14",
  sex: "female",
  phone: "+919876500011",
  address: { line1: "Ward 4", village: "Dakha", district: "Ludhiana", state: "Punjab", pincode: "141102" },
  language: "pa",
};

/** A patient with a profile written under the rules, as any client writes it. */
async function patientWithProfile(overrides: Record<string, unknown> = {}): Promise<Client> {
  const client = track(await signUp());
  await setDoc(doc(client.db, "patients", client.user.uid), {
    ...PROFILE,
    ...overrides,
    updatedAt: serverTimestamp(),
  });
  return client;
}

const chart = (client: Client, patientUid: string) => client.call<Chart>("getPatientChart", { patientUid });
const addEntry = (client: Client, entry: Record<string, unknown>, patientUid?: string) =>
  client.call<{ entryId: string; recordedBy: string; recordedRole: string }>("addHealthSummaryEntry", {
    ...(patientUid ? { patientUid } : {}),
    entry,
  });

interface Chart {
  patientUid: string;
  access: { basis: string; appointmentId?: string; until?: string; consentId?: string };
  demographics: { name: string; age: number; sex: string; language: string; village: string | null };
  summary: {
    allergies: Array<Record<string, unknown>>;
    conditions: Array<Record<string, unknown>>;
    medications: Array<Record<string, unknown>>;
    pregnancy: Record<string, unknown> | null;
    bloodGroup: Record<string, unknown> | null;
  };
  consultations: unknown[];
  records: unknown[];
}

/** The access log of a patient, as the Admin SDK sees it. */
async function accessLogOf(patientUid: string) {
  const snap = await admin().db.collection("accessLog").where("patientUid", "==", patientUid).get();
  return snap.docs.map((d) => d.data());
}
const summaryOf = async (patientUid: string) =>
  (await admin().db.doc(`healthSummaries/${patientUid}`).get()).data();

beforeAll(async () => {
  org = await makeOrg();
  doctor = track(await approvedDoctor(org));
  booked = await patientWithProfile();
  const slot = (await freeSlots(booked, doctor.user.uid, 7)).find(
    (s) => Date.parse(s.start) > Date.now() + 3_600_000,
  )!;
  slotStart = slot.start;
  ({ appointmentId } = await booked.call<{ appointmentId: string }>("book", {
    doctorUid: doctor.user.uid,
    start: slot.start,
    mode: "video",
  }));
  // The patient card is put on by the appointment-created trigger (services/booking/patientCard.ts).
  await eventually(
    async () => (await admin().db.doc(`appointments/${appointmentId}`).get()).get("patient"),
    "the patient card",
  );
}, SLOW);

describe("a doctor's day", () => {
  it("is one query whose appointments carry each patient's name, age and sex", async () => {
    const dayStart = Timestamp.fromMillis(Date.parse(slotStart) - 12 * 3_600_000);
    const dayEnd = Timestamp.fromMillis(Date.parse(slotStart) + 12 * 3_600_000);
    const snap = await getDocs(
      query(
        collection(doctor.db, "appointments"),
        where("doctorUid", "==", doctor.user.uid),
        where("start", ">=", dayStart),
        where("start", "<", dayEnd),
        orderBy("start"),
      ),
    );
    const mine = snap.docs.find((d) => d.id === appointmentId);
    expect(mine?.get("patient")).toEqual({
      name: "Asha Devi",
      sex: "female",
      age: ageAt(PROFILE.dateOfBirth, new Date(slotStart), "Asia/Kolkata"),
    });
    // Without a read per patient: the doctor cannot even read the profile itself.
    const profile = await getDoc(doc(doctor.db, "patients", booked.user.uid)).then(
      () => "read",
      (e: { code?: string }) => e.code,
    );
    expect(profile).toBe("permission-denied");
  });

  it(
    "follows the patient's profile edits, and the age is on the visit's day",
    async () => {
      const patient = await patientWithProfile({
        name: "Ravi Kumar",
        sex: "male",
        dateOfBirth: "1970-01-01",
      });
      const slot = (await freeSlots(patient, doctor.user.uid, 7)).find(
        (s) => Date.parse(s.start) > Date.now() + 3_600_000 && s.start !== slotStart,
      )!;
      const { appointmentId: id } = await patient.call<{ appointmentId: string }>("book", {
        doctorUid: doctor.user.uid,
        start: slot.start,
        mode: "in_person",
      });
      const cardOf = async () => (await getDoc(doc(doctor.db, "appointments", id))).get("patient");
      // The card is put on by the appointment-created trigger (services/booking/patientCard.ts).
      expect(await eventually(cardOf, "the patient card")).toMatchObject({ name: "Ravi Kumar", sex: "male" });
      await updateDoc(doc(patient.db, "patients", patient.user.uid), {
        name: "Ravi K. Sharma",
        dateOfBirth: "1971-06-30",
        updatedAt: serverTimestamp(),
      });
      const expected = {
        name: "Ravi K. Sharma",
        sex: "male",
        age: ageAt("1971-06-30", new Date(slot.start), "Asia/Kolkata"),
      };
      await eventually(async () => {
        const card = await cardOf();
        return card?.name === expected.name && card;
      }, "the card to follow the profile");
      expect(await cardOf()).toEqual(expected);
    },
    SLOW,
  );
});

describe("getPatientChart", () => {
  it("shows a booked patient's chart to their doctor and logs the read", async () => {
    const before = await accessLogOf(booked.user.uid);
    const read = await chart(doctor, booked.user.uid);
    expect(read.access).toMatchObject({ basis: "care", appointmentId });
    expect(Date.parse(read.access.until!)).toBeGreaterThan(
      Date.parse(slotStart) + (CHART_WINDOW_DAYS - 1) * DAY,
    );
    expect(read.demographics).toEqual({
      name: "Asha Devi",
      age: ageAt(PROFILE.dateOfBirth, new Date(), "Asia/Kolkata"),
      sex: "female",
      language: "pa",
      village: "Dakha",
    });
    const after = await accessLogOf(booked.user.uid);
    expect(after).toHaveLength(before.length + 1);
    expect(after.filter((e) => e.action === "chart")).toContainEqual(
      expect.objectContaining({
        actorUid: doctor.user.uid,
        actorRole: "doctor",
        basis: "care",
        appointmentId,
        recordId: null,
        consentId: null,
      }),
    );
    // The patient sees that read in their own access log, through the rules.
    const own = await getDocs(
      query(collection(booked.db, "accessLog"), where("patientUid", "==", booked.user.uid)),
    );
    expect(own.docs.some((d) => d.get("action") === "chart" && d.get("actorUid") === doctor.user.uid)).toBe(
      true,
    );
  });

  it("refuses an unrelated patient's chart and logs nothing", async () => {
    const unrelated = await patientWithProfile({ name: "Unrelated Person" });
    const refused = await callError(chart(doctor, unrelated.user.uid));
    expect(refused.code).toBe("functions/permission-denied");
    expect(refused.message).not.toMatch(/Unrelated/);
    expect(await accessLogOf(unrelated.user.uid)).toEqual([]);
    // Nor can another doctor read the booked patient's chart.
    const other = track(await approvedDoctor(org));
    expect((await callError(chart(other, booked.user.uid))).code).toBe("functions/permission-denied");
    expect((await accessLogOf(booked.user.uid)).filter((e) => e.actorUid === other.user.uid)).toEqual([]);
    // The patient and a pharmacist are refused by role.
    expect((await callError(chart(booked, booked.user.uid))).code).toBe("functions/permission-denied");
  });

  it(
    `refuses the treating doctor ${CHART_WINDOW_DAYS} days after the visit, and allows them under a consent`,
    async () => {
      const patient = await patientWithProfile({ name: "Past Patient" });
      const endMs = Date.now() - CHART_WINDOW_DAYS * DAY - 60_000;
      await appointmentFixture({
        org,
        doctorUid: doctor.user.uid,
        patientUid: patient.user.uid,
        startMs: endMs - 30 * 60_000,
        endMs,
        status: "completed",
      });
      expect((await callError(chart(doctor, patient.user.uid))).code).toBe("functions/permission-denied");
      expect(await accessLogOf(patient.user.uid)).toEqual([]);
      // A consent to other types does not open the chart; one covering health_summary does.
      const grant = (types: string[]) =>
        patient.call("grantConsent", {
          granteeUid: doctor.user.uid,
          purpose: "follow_up",
          scope: { types },
          expiresAt: new Date(Date.now() + 30 * DAY).toISOString(),
        });
      await grant(["lab_report"]);
      expect((await callError(chart(doctor, patient.user.uid))).code).toBe("functions/permission-denied");
      await grant(["health_summary"]);
      const read = await chart(doctor, patient.user.uid);
      expect(read.access).toEqual({ basis: "consent", consentId: `${patient.user.uid}_${doctor.user.uid}` });
      expect(read.demographics.name).toBe("Past Patient");
      expect(await accessLogOf(patient.user.uid)).toEqual([
        expect.objectContaining({ action: "chart", basis: "consent", actorUid: doctor.user.uid }),
      ]);
      // Still no direct read of the summary or profile for that doctor: the callable is the door.
      const direct = await getDoc(doc(doctor.db, "healthSummaries", patient.user.uid)).then(
        () => "read",
        (e: { code?: string }) => e.code,
      );
      expect(direct).toBe("permission-denied");
    },
    SLOW,
  );
});

describe("addHealthSummaryEntry", () => {
  it("lets the patient and then the treating doctor add entries, each marked with who recorded it", async () => {
    const mine = await addEntry(booked, { kind: "allergy", substance: "penicillin", severity: "severe" });
    expect(mine).toMatchObject({ recordedBy: booked.user.uid, recordedRole: "patient" });
    const theirs = await addEntry(
      doctor,
      { kind: "medication", name: "metformin", dose: "500 mg" },
      booked.user.uid,
    );
    expect(theirs).toMatchObject({ recordedBy: doctor.user.uid, recordedRole: "doctor" });
    // The patient reads their summary directly; the doctor's entry names the doctor and the visit.
    const own = await getDoc(doc(booked.db, "healthSummaries", booked.user.uid));
    const entries = own.get("entries") as Array<Record<string, unknown>>;
    expect(entries.map((e) => [e.kind, e.recordedBy, e.recordedRole])).toEqual([
      ["allergy", booked.user.uid, "patient"],
      ["medication", doctor.user.uid, "doctor"],
    ]);
    expect(entries[1]).toMatchObject({ recordedByName: "Dr. Fixture", appointmentId });
    expect(entries[1].recordedAt).toBeInstanceOf(Timestamp);
    // The chart shows both.
    const read = await chart(doctor, booked.user.uid);
    expect(read.summary.allergies).toEqual([
      expect.objectContaining({ substance: "penicillin", recordedBy: booked.user.uid }),
    ]);
    expect(read.summary.medications).toEqual([
      expect.objectContaining({
        name: "metformin",
        recordedBy: doctor.user.uid,
        recordedByName: "Dr. Fixture",
      }),
    ]);
  });

  it("refuses another doctor, an unrelated patient's summary and bad entries, writing nothing", async () => {
    const unrelated = await patientWithProfile({ name: "Someone Else", sex: "male" });
    const other = track(await approvedDoctor(org));
    const before = await summaryOf(booked.user.uid);
    const cases: Array<[() => Promise<unknown>, string, RegExp?]> = [
      [
        () => addEntry(doctor, { kind: "allergy", substance: "dust" }, unrelated.user.uid),
        "permission-denied",
      ],
      [() => addEntry(other, { kind: "allergy", substance: "dust" }, booked.user.uid), "permission-denied"],
      [
        () => addEntry(unrelated, { kind: "allergy", substance: "dust" }, booked.user.uid),
        "permission-denied",
      ],
      [
        () => addEntry(booked, { kind: "allergy", substance: "  " }),
        "invalid-argument",
        /substance: must not be empty/,
      ],
      [() => addEntry(booked, { kind: "bloodGroup", bloodGroup: "C+" }), "invalid-argument", /bloodGroup/],
      [
        () => addEntry(booked, { kind: "allergy", substance: "dust", recordedBy: doctor.user.uid }),
        "invalid-argument",
        /recordedBy/,
      ],
      [
        () => addEntry(booked, { kind: "condition", name: "asthma", since: "2999-01-01" }),
        "invalid-argument",
        /entry.since: must not be after today/,
      ],
      [
        () => addEntry(unrelated, { kind: "pregnancy", pregnant: true }),
        "invalid-argument",
        /entry.kind: pregnancy is recorded for female or other patients/,
      ],
    ];
    for (const [call, code, message] of cases) {
      const refused = await callError(call());
      expect(refused.code).toBe(`functions/${code}`);
      if (message) expect(refused.message).toMatch(message);
    }
    expect(await summaryOf(booked.user.uid)).toEqual(before);
    expect(await summaryOf(unrelated.user.uid)).toBeUndefined();
  });
});

describe("the chart lists what the rules let the doctor open, on the same cases", () => {
  it(
    "shows exactly the consultations and records the doctor may get directly",
    async () => {
      const patient = await patientWithProfile({ name: "Chart Cases" });
      const other = track(await approvedDoctor(org));
      const { db } = admin();
      const now = Date.now();
      const { id: visitId } = await appointmentFixture({
        org,
        doctorUid: doctor.user.uid,
        patientUid: patient.user.uid,
        startMs: now - 2 * 3_600_000,
        endMs: now - 3_600_000,
        status: "completed",
      });
      const { id: otherVisitId } = await appointmentFixture({
        org,
        doctorUid: other.user.uid,
        patientUid: patient.user.uid,
        startMs: now - 5 * DAY,
        endMs: now - 5 * DAY + 1_800_000,
        status: "completed",
      });
      const note = (appointmentId: string, doctorUid: string, writtenMs: number) => {
        const at = new Date(writtenMs);
        return {
          appointmentId,
          patientUid: patient.user.uid,
          doctorUid,
          org,
          soap: { subjective: "s", objective: "", assessment: "a", plan: "p" },
          diagnoses: [],
          vitals: null,
          version: 1,
          author: doctorUid,
          amendmentReason: null,
          writtenAt: at,
          createdAt: at,
          updatedAt: at,
        };
      };
      await db.doc(`clinicalRecords/${visitId}`).set(note(visitId, doctor.user.uid, now - 3_000_000));
      await db.doc(`clinicalRecords/${otherVisitId}`).set(note(otherVisitId, other.user.uid, now - 5 * DAY));
      const record = (id: string, shares: Record<string, Date>) =>
        db.doc(`records/${id}`).set({
          patientUid: patient.user.uid,
          type: "lab_report",
          title: `Report ${id}`,
          date: "2026-11-01",
          provider: null,
          tags: [],
          contentType: "application/pdf",
          sizeBytes: 1000,
          path: `records/${patient.user.uid}/${id}`,
          status: "ready",
          uploadedBy: patient.user.uid,
          uploaderRole: "patient",
          appointmentId: null,
          shares,
          createdAt: new Date(now - DAY),
        });
      const suffix = patient.user.uid.slice(0, 8);
      const [shared, expired, notShared] = [`shared-${suffix}`, `expired-${suffix}`, `private-${suffix}`];
      await record(shared, { [doctor.user.uid]: new Date(now + 30 * DAY) });
      await record(expired, { [doctor.user.uid]: new Date(now - DAY) });
      await record(notShared, { [other.user.uid]: new Date(now + 30 * DAY) });

      const opens = async (path: string) =>
        getDoc(doc(doctor.db, path)).then(
          () => true,
          () => false,
        );
      const read = await chart(doctor, patient.user.uid);
      const listedConsultations = (read.consultations as Array<{ appointmentId: string }>).map(
        (c) => c.appointmentId,
      );
      const listedRecords = (read.records as Array<{ recordId: string }>).map((r) => r.recordId);
      for (const id of [visitId, otherVisitId])
        expect(listedConsultations.includes(id), `consultation ${id}`).toBe(
          await opens(`clinicalRecords/${id}`),
        );
      for (const id of [shared, expired, notShared])
        expect(listedRecords.includes(id), `record ${id}`).toBe(await opens(`records/${id}`));
      // And the cases are not all one way.
      expect(listedConsultations).toEqual([visitId]);
      expect(listedRecords).toEqual([shared]);
      // The chart read and the record it listed are both in the access log.
      expect(await accessLogOf(patient.user.uid)).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ action: "chart", basis: "care", appointmentId: visitId }),
          expect.objectContaining({ action: "list", basis: "share", recordId: shared }),
        ]),
      );

      // Under a consent to clinical notes and lab reports as well, the other doctor's note and the
      // unshared record join, in the chart and under the rules alike.
      await patient.call("grantConsent", {
        granteeUid: doctor.user.uid,
        purpose: "follow_up",
        scope: { types: ["clinical_note", "lab_report"] },
        expiresAt: new Date(now + 30 * DAY).toISOString(),
      });
      const again = await chart(doctor, patient.user.uid);
      const consultationsNow = (again.consultations as Array<{ appointmentId: string }>).map(
        (c) => c.appointmentId,
      );
      const recordsNow = (again.records as Array<{ recordId: string }>).map((r) => r.recordId);
      for (const id of [visitId, otherVisitId])
        expect(consultationsNow.includes(id), `consultation ${id}`).toBe(
          await opens(`clinicalRecords/${id}`),
        );
      for (const id of [shared, expired, notShared])
        expect(recordsNow.includes(id), `record ${id}`).toBe(await opens(`records/${id}`));
      expect(consultationsNow.sort()).toEqual([visitId, otherVisitId].sort());
      expect(recordsNow.sort()).toEqual([shared, expired, notShared].sort());
    },
    SLOW,
  );
});
