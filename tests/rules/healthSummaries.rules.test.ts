// healthSummaries/{patientUid}: the patient's health summary (docs/patient-chart.md). Written by
// functions only (addHealthSummaryEntry, which marks each entry with who recorded it); read
// directly by the patient alone. Clinicians read it, with the profile, only through
// getPatientChart, which decides and logs: so the treating doctor, in the care window or after
// it, and a doctor under a consent covering the chart are refused here, like everyone else.
//
// Also here: the patient profile is refused to those clinicians too (the chart's demographics
// come through the logged callable), and a doctor's day is one query over their appointments,
// which carry the patient card.
import {
  collection,
  deleteDoc,
  doc,
  getDoc,
  getDocs,
  orderBy,
  query,
  setDoc,
  Timestamp,
  updateDoc,
  where,
  type Firestore,
} from "firebase/firestore";
import { describe, expect, it } from "vitest";
import {
  ACTORS,
  ORG_A,
  OWNERS,
  SEEDED_AT,
  appointment,
  expectDecision,
  patientProfile,
  runMatrix,
  runRevokedCases,
  useRulesEnv,
  type Actor,
  type Decision,
  type MatrixSpec,
} from "./support";
import { PATIENT, PATIENT_READS_ONLY, byName, byOrg, ofTypes, addConsents } from "./templates/consentSuite";

const rules = useRulesEnv();
const owner = PATIENT;
const DAY = 86_400_000;

const summaryRef = (db: Firestore, uid = owner.uid!) => doc(db, "healthSummaries", uid);
const summaries = (db: Firestore) => collection(db, "healthSummaries");

function summary(patientUid: string, recordedBy = patientUid) {
  return {
    patientUid,
    entries: [
      {
        id: "entry-1",
        kind: "allergy",
        substance: "penicillin",
        recordedBy,
        recordedRole: recordedBy === patientUid ? "patient" : "doctor",
        recordedByName: null,
        appointmentId: null,
        recordedAt: SEEDED_AT,
      },
    ],
    updatedAt: SEEDED_AT,
  };
}

async function seedOthers(db: Firestore) {
  await setDoc(summaryRef(db, ACTORS.otherPatient.uid), summary(ACTORS.otherPatient.uid));
}

const matrix: MatrixSpec = {
  collection: "healthSummaries",
  owner,
  async seed(db, op) {
    await seedOthers(db);
    if (op !== "create") await setDoc(summaryRef(db), summary(owner.uid!));
  },
  requests: {
    get: (db) => getDoc(summaryRef(db)),
    list: (db) => getDocs(query(summaries(db), where("patientUid", "==", owner.uid))),
    create: (db) => setDoc(summaryRef(db), summary(owner.uid!)),
    update: (db) => updateDoc(summaryRef(db), { entries: [] }),
    delete: (db) => deleteDoc(summaryRef(db)),
  },
  // The patient gets their summary by its id; nobody lists summaries, nobody writes one.
  table: { ...PATIENT_READS_ONLY, owner: { ...PATIENT_READS_ONLY.owner, list: "deny" } },
};
runMatrix(rules, matrix);

runRevokedCases(rules, {
  collection: "healthSummaries",
  actor: owner,
  seed: (db) => setDoc(summaryRef(db), summary(owner.uid!)),
  requests: { get: (db) => getDoc(summaryRef(db)) },
});

// ---- the clinicians the chart is for: never directly --------------------------------------------

/** The treating doctor (ORG_A), of an appointment with the patient that ends `endsAgoMs` before now. */
const treating: Actor = { ...OWNERS.doctor, label: "the treating doctor" };

async function seedCare(db: Firestore, endsAgoMs: number, status = "booked") {
  const start = Timestamp.fromMillis(Date.now() - endsAgoMs - 30 * 60_000);
  await setDoc(
    doc(db, "appointments", "appt-care"),
    appointment(owner.uid!, treating.uid!, {
      start,
      end: Timestamp.fromMillis(start.toMillis() + 30 * 60_000),
      status,
    }),
  );
  await setDoc(summaryRef(db), summary(owner.uid!, treating.uid!));
  await setDoc(doc(db, "patients", owner.uid!), patientProfile({}, SEEDED_AT));
}

const OPS_OF_A_CLINICIAN: Array<[string, (db: Firestore) => Promise<unknown>]> = [
  ["get the health summary", (db) => getDoc(summaryRef(db))],
  [
    "list health summaries of the patient",
    (db) => getDocs(query(summaries(db), where("patientUid", "==", owner.uid))),
  ],
  ["create the health summary", (db) => setDoc(summaryRef(db), summary(owner.uid!, treating.uid!))],
  ["update the health summary", (db) => updateDoc(summaryRef(db), { entries: [] })],
  ["delete the health summary", (db) => deleteDoc(summaryRef(db))],
  ["get the patient's profile", (db) => getDoc(doc(db, "patients", owner.uid!))],
];

const clinicianCases: Array<[label: string, actor: Actor, seed: (db: Firestore) => Promise<unknown>]> = [
  ["the treating doctor during the visit", treating, (db) => seedCare(db, -10 * 60_000)],
  ["the treating doctor a day after the visit (in the care window)", treating, (db) => seedCare(db, DAY)],
  ["the treating doctor 30 days after the visit (past the window)", treating, (db) => seedCare(db, 30 * DAY)],
  [
    "a doctor under a consent covering the chart",
    ACTORS.doctor,
    async (db) => {
      await seedCare(db, DAY);
      await addConsents(db, byName(ACTORS.doctor.uid, ofTypes("health_summary")));
    },
  ],
  [
    "a doctor of the organisation under an org consent to everything",
    ACTORS.doctor,
    async (db) => {
      await seedCare(db, DAY);
      await addConsents(db, byOrg(ORG_A));
    },
  ],
  ["another doctor", ACTORS.doctor, (db) => seedCare(db, DAY)],
  ["the clinic's admin", ACTORS.orgAdmin, (db) => seedCare(db, DAY)],
  ["a pharmacist", ACTORS.pharmacist, (db) => seedCare(db, DAY)],
  ["anonymous", ACTORS.anonymous, (db) => seedCare(db, DAY)],
];

describe("healthSummaries: clinicians read the chart only through getPatientChart (logged)", () => {
  for (const [label, actor, seed] of clinicianCases)
    for (const [what, request] of OPS_OF_A_CLINICIAN)
      it(`healthSummaries: ${label} cannot ${what}`, async () => {
        await rules.seed(seed);
        await expectDecision("deny", request(rules.db(actor)));
      });
  it("healthSummaries: the patient can get their summary and profile while a doctor treats them", async () => {
    await rules.seed((db) => seedCare(db, DAY));
    await expectDecision("allow", getDoc(summaryRef(rules.db(owner))));
    await expectDecision("allow", getDoc(doc(rules.db(owner), "patients", owner.uid!)));
  });
});

// ---- a doctor's day: one query over their appointments, each with the patient card --------------

const DAY_START = Timestamp.fromDate(new Date("2026-02-02T00:00:00+05:30"));
const DAY_END = Timestamp.fromMillis(DAY_START.toMillis() + DAY);
const card = { name: "Gurpreet Kaur", sex: "female", age: 35 };

async function seedDay(db: Firestore) {
  const at = (hour: number) => Timestamp.fromMillis(DAY_START.toMillis() + hour * 3_600_000);
  await setDoc(
    doc(db, "appointments", "day-1"),
    appointment(owner.uid!, treating.uid!, { start: at(10), patient: card }),
  );
  await setDoc(
    doc(db, "appointments", "day-2"),
    appointment(ACTORS.otherPatient.uid, treating.uid!, {
      start: at(11),
      patient: { name: "Ravi Kumar", sex: "male", age: 61 },
    }),
  );
  // Another doctor's appointment the same day, and the treating doctor's the next day.
  await setDoc(
    doc(db, "appointments", "other-doctor"),
    appointment(owner.uid!, ACTORS.doctor.uid, { start: at(10), patient: card }),
  );
  await setDoc(
    doc(db, "appointments", "next-day"),
    appointment(owner.uid!, treating.uid!, { start: at(30), patient: card }),
  );
}

const dayOf = (db: Firestore, doctorUid: string) =>
  getDocs(
    query(
      collection(db, "appointments"),
      where("doctorUid", "==", doctorUid),
      where("start", ">=", DAY_START),
      where("start", "<", DAY_END),
      orderBy("start"),
    ),
  );

describe("appointments: a doctor's day is one query, with the patient cards", () => {
  it("appointments: the doctor can list their day and reads each patient's name, age and sex from it", async () => {
    await rules.seed(seedDay);
    const snap = await dayOf(rules.db(treating), treating.uid!);
    expect(snap.docs.map((d) => [d.id, d.get("patient")])).toEqual([
      ["day-1", card],
      ["day-2", { name: "Ravi Kumar", sex: "male", age: 61 }],
    ]);
  });
  const refused: Array<[string, Decision, Actor, (db: Firestore) => Promise<unknown>]> = [
    ["another doctor cannot list the doctor's day", "deny", ACTORS.doctor, (db) => dayOf(db, treating.uid!)],
    ["a patient cannot list the doctor's day", "deny", owner, (db) => dayOf(db, treating.uid!)],
    [
      "a pharmacist cannot list the doctor's day",
      "deny",
      ACTORS.pharmacist,
      (db) => dayOf(db, treating.uid!),
    ],
    ["anonymous cannot list the doctor's day", "deny", ACTORS.anonymous, (db) => dayOf(db, treating.uid!)],
    [
      "the doctor cannot list the day without naming themselves",
      "deny",
      treating,
      (db) =>
        getDocs(
          query(
            collection(db, "appointments"),
            where("start", ">=", DAY_START),
            where("start", "<", DAY_END),
          ),
        ),
    ],
    [
      "an admin of another organisation cannot list the doctor's day",
      "deny",
      ACTORS.otherOrgAdmin,
      (db) => dayOf(db, treating.uid!),
    ],
  ];
  for (const [name, decision, actor, request] of refused)
    it(`appointments: ${name}`, async () => {
      await rules.seed(seedDay);
      await expectDecision(decision, request(rules.db(actor)));
    });
});
