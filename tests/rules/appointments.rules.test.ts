// appointments/{id}: written only by the booking functions (book, reschedule, cancel,
// recordOutcome), in transactions that keep a slot booked once. The appointment has two
// owners: its patient (patientUid, the matrix "owner") and its treating doctor (doctorUid,
// with the doctor role). Both read it, as do the admins of its organisation and platform
// admins; another doctor of the same organisation does not. Nobody writes it directly.
//
// Queries must be provably limited to what the reader may see: the patient filters on
// patientUid, the doctor on doctorUid, an organisation admin on org. The matrix's list query
// pins all three, so each reader's own rule branch decides its cell; each reader's everyday
// query and the unfiltered list have their own tests below.
import {
  arrayUnion,
  collection,
  deleteDoc,
  doc,
  getDoc,
  getDocs,
  query,
  serverTimestamp,
  setDoc,
  Timestamp,
  updateDoc,
  where,
  type Firestore,
} from "firebase/firestore";
import { describe, it } from "vitest";
import {
  ACTORS,
  ORG_A,
  ORG_B,
  OWNERS,
  appointment,
  expectDecision,
  runMatrix,
  slotLockIdFor,
  useRulesEnv,
  type Actor,
  type Decision,
  type MatrixTable,
  type MatrixSpec,
  onlyReaders,
  runRevokedFor,
  expectEach,
} from "./support";

const rules = useRulesEnv();
const owner = { ...OWNERS.patient, label: "owner (the patient)" };
const treatingDoctor: Actor = { ...OWNERS.doctor, label: "treatingDoctor" };
const APPOINTMENT = "appt-a";
const appointmentRef = (db: Firestore, id = APPOINTMENT) => doc(db, "appointments", id);
const appointments = (db: Firestore) => collection(db, "appointments");
const byField = (db: Firestore, field: "patientUid" | "doctorUid" | "org", value: string) =>
  query(appointments(db), where(field, "==", value));
/** The query that returns exactly this appointment's kind: its patient, its doctor, its org. */
const thisAppointment = (db: Firestore) =>
  query(
    appointments(db),
    where("patientUid", "==", owner.uid),
    where("doctorUid", "==", treatingDoctor.uid!),
    where("org", "==", ORG_A),
  );

const later = Timestamp.fromDate(new Date("2026-02-02T05:00:00.000Z"));
const elsewhere = Timestamp.fromDate(new Date("2026-02-03T06:00:00.000Z"));

/** The other patient's appointment with the colleague, and an appointment in ORG_B. */
async function seedOthers(db: Firestore) {
  await setDoc(
    appointmentRef(db, "appt-colleague"),
    appointment(ACTORS.otherPatient.uid, ACTORS.doctor.uid, { start: later }),
  );
  await setDoc(
    appointmentRef(db, "appt-b"),
    appointment(ACTORS.otherPatient.uid, "doctor-b", { org: ORG_B, start: elsewhere, mode: "in_person" }),
  );
}
async function seedAll(db: Firestore) {
  await seedOthers(db);
  await setDoc(appointmentRef(db), appointment(owner.uid, treatingDoctor.uid!));
}

const table: MatrixTable = onlyReaders("owner", "orgAdmin", "platformAdmin");

const matrix: MatrixSpec = {
  collection: "appointments",
  owner,
  async seed(db, op) {
    await seedOthers(db);
    if (op !== "create") await setDoc(appointmentRef(db), appointment(owner.uid, treatingDoctor.uid!));
  },
  requests: {
    get: (db) => getDoc(appointmentRef(db)),
    list: (db) => getDocs(thisAppointment(db)),
    create: (db) =>
      setDoc(
        appointmentRef(db),
        appointment(owner.uid, treatingDoctor.uid!, {
          createdAt: serverTimestamp(),
          updatedAt: serverTimestamp(),
        }),
      ),
    update: (db) => updateDoc(appointmentRef(db), { status: "cancelled", updatedAt: serverTimestamp() }),
    delete: (db) => deleteDoc(appointmentRef(db)),
  },
  table,
};
runMatrix(rules, matrix);
runRevokedFor(rules, matrix, [
  [owner, ["get", "list"]],
  [ACTORS.orgAdmin, ["get", "list"]],
  [treatingDoctor, ["get"]],
]);

describe("appointments: the treating doctor", () => {
  expectEach(rules, "appointments", seedAll, [
    ["treatingDoctor can get the appointment", "allow", treatingDoctor, (db) => getDoc(appointmentRef(db))],
    [
      "treatingDoctor can list their appointments by doctorUid",
      "allow",
      treatingDoctor,
      (db) => getDocs(byField(db, "doctorUid", treatingDoctor.uid!)),
    ],
  ]);
  it("appointments: treatingDoctor can list their booked appointments from a start time", async () => {
    await rules.seed(seedAll);
    const upcoming = query(
      appointments(rules.db(treatingDoctor)),
      where("doctorUid", "==", treatingDoctor.uid),
      where("status", "==", "booked"),
      where("start", ">=", Timestamp.fromDate(new Date("2026-02-01T00:00:00.000Z"))),
    );
    await expectDecision("allow", getDocs(upcoming));
  });
  it("appointments: treatingDoctor cannot create an appointment for the patient", async () => {
    await rules.seed(seedOthers);
    await expectDecision(
      "deny",
      setDoc(appointmentRef(rules.db(treatingDoctor)), appointment(owner.uid, treatingDoctor.uid!)),
    );
  });
  expectEach(rules, "appointments", seedAll, [
    [
      "treatingDoctor cannot mark the appointment completed",
      "deny",
      treatingDoctor,
      (db) =>
        updateDoc(appointmentRef(db), {
          status: "completed",
          updatedAt: serverTimestamp(),
          history: arrayUnion({
            event: "completed",
            at: Timestamp.now(),
            by: treatingDoctor.uid,
            role: "doctor",
          }),
        }),
    ],
    [
      "treatingDoctor cannot mark the patient a no-show",
      "deny",
      treatingDoctor,
      (db) =>
        updateDoc(appointmentRef(db), {
          status: "no_show",
          updatedAt: serverTimestamp(),
        }),
    ],
    [
      "treatingDoctor cannot delete the appointment",
      "deny",
      treatingDoctor,
      (db) => deleteDoc(appointmentRef(db)),
    ],
  ]);

  const demoted: Actor = { label: "demoted", uid: treatingDoctor.uid, claims: { role: "patient" } };
  expectEach(rules, "appointments", seedAll, [
    [
      "the treating doctor's uid with a patient role cannot get the appointment",
      "deny",
      demoted,
      (db) => getDoc(appointmentRef(db)),
    ],
    [
      "the treating doctor's uid with a patient role cannot list by doctorUid",
      "deny",
      demoted,
      (db) => getDocs(byField(db, "doctorUid", treatingDoctor.uid!)),
    ],
  ]);
});

describe("appointments: a doctor who is not treating (same org)", () => {
  expectEach(rules, "appointments", seedAll, [
    [
      "doctor cannot list the treating doctor's appointments",
      "deny",
      ACTORS.doctor,
      (db) => getDocs(byField(db, "doctorUid", treatingDoctor.uid!)),
    ],
    [
      "doctor cannot list their organisation's appointments",
      "deny",
      ACTORS.doctor,
      (db) => getDocs(byField(db, "org", ORG_A)),
    ],
    [
      "doctor cannot list the patient's appointments",
      "deny",
      ACTORS.doctor,
      (db) => getDocs(byField(db, "patientUid", owner.uid)),
    ],
    [
      "doctor can list their own appointments by doctorUid",
      "allow",
      ACTORS.doctor,
      (db) => getDocs(byField(db, "doctorUid", ACTORS.doctor.uid)),
    ],
    [
      "doctor can get their own appointment",
      "allow",
      ACTORS.doctor,
      (db) => getDoc(appointmentRef(db, "appt-colleague")),
    ],
  ]);
});

describe("appointments: each reader's query", () => {
  it("appointments: owner can list their appointments by patientUid", async () => {
    await rules.seed(seedAll);
    await expectDecision("allow", getDocs(byField(rules.db(owner), "patientUid", owner.uid)));
  });
  it("appointments: owner can list their booked appointments", async () => {
    await rules.seed(seedAll);
    const booked = query(
      appointments(rules.db(owner)),
      where("patientUid", "==", owner.uid),
      where("status", "==", "booked"),
    );
    await expectDecision("allow", getDocs(booked));
  });
  expectEach(rules, "appointments", seedAll, [
    [
      "owner cannot list another patient's appointments by patientUid",
      "deny",
      owner,
      (db) => getDocs(byField(db, "patientUid", ACTORS.otherPatient.uid)),
    ],
    [
      "owner cannot get another patient's appointment",
      "deny",
      owner,
      (db) => getDoc(appointmentRef(db, "appt-colleague")),
    ],
    [
      "owner cannot list their doctor's appointments by doctorUid",
      "deny",
      owner,
      (db) => getDocs(byField(db, "doctorUid", treatingDoctor.uid!)),
    ],
    [
      "otherPatient cannot list the owner's appointments by patientUid",
      "deny",
      ACTORS.otherPatient,
      (db) => getDocs(byField(db, "patientUid", owner.uid)),
    ],
  ]);

  const orgQueries: Array<[Actor, string, Decision]> = [
    [ACTORS.orgAdmin, ORG_A, "allow"],
    [ACTORS.orgAdmin, ORG_B, "deny"],
    [ACTORS.otherOrgAdmin, ORG_A, "deny"],
    [ACTORS.otherOrgAdmin, ORG_B, "allow"],
    [ACTORS.platformAdmin, ORG_A, "allow"],
    [ACTORS.platformAdmin, ORG_B, "allow"],
    [ACTORS.pharmacist, ORG_B, "deny"],
    [{ label: "orgless admin", uid: "admin-orgless", claims: { role: "admin" } }, ORG_A, "deny"],
  ];
  for (const [actor, org, decision] of orgQueries) {
    it(`appointments: ${actor.label} ${decision === "allow" ? "can" : "cannot"} list appointments where org is ${org}`, async () => {
      await rules.seed(seedAll);
      await expectDecision(decision, getDocs(byField(rules.db(actor), "org", org)));
    });
  }
  it("appointments: orgAdmin cannot list a doctor's appointments without filtering on org", async () => {
    await rules.seed(seedAll);
    await expectDecision(
      "deny",
      getDocs(byField(rules.db(ACTORS.orgAdmin), "doctorUid", treatingDoctor.uid!)),
    );
  });
  it("appointments: orgAdmin can list a doctor's appointments in their organisation", async () => {
    await rules.seed(seedAll);
    const ofDoctor = query(
      appointments(rules.db(ACTORS.orgAdmin)),
      where("org", "==", ORG_A),
      where("doctorUid", "==", treatingDoctor.uid),
    );
    await expectDecision("allow", getDocs(ofDoctor));
  });
  it("appointments: orgAdmin cannot get another organisation's appointment", async () => {
    await rules.seed(seedAll);
    await expectDecision("deny", getDoc(appointmentRef(rules.db(ACTORS.orgAdmin), "appt-b")));
  });
});

describe("appointments: the unfiltered list", () => {
  const cases: Array<[Actor, Decision]> = [
    [ACTORS.anonymous, "deny"],
    [owner, "deny"],
    [treatingDoctor, "deny"],
    [ACTORS.otherPatient, "deny"],
    [ACTORS.doctor, "deny"],
    [ACTORS.pharmacist, "deny"],
    [ACTORS.orgAdmin, "deny"],
    [ACTORS.otherOrgAdmin, "deny"],
    [ACTORS.platformAdmin, "allow"],
  ];
  for (const [actor, decision] of cases) {
    it(`appointments: ${actor.label} ${decision === "allow" ? "can" : "cannot"} list every appointment`, async () => {
      await rules.seed(seedAll);
      await expectDecision(decision, getDocs(appointments(rules.db(actor))));
    });
  }
});

describe("appointments: nobody writes directly", () => {
  it("appointments: owner cannot book by creating their own appointment under a new id", async () => {
    await rules.seed(seedOthers);
    await expectDecision(
      "deny",
      setDoc(
        appointmentRef(rules.db(owner), "appt-self-booked"),
        appointment(owner.uid, treatingDoctor.uid!, {
          createdAt: serverTimestamp(),
          updatedAt: serverTimestamp(),
        }),
      ),
    );
  });
  expectEach(rules, "appointments", seedAll, [
    [
      "owner cannot reschedule by moving start and end",
      "deny",
      owner,
      (db) =>
        updateDoc(appointmentRef(db), {
          start: later,
          end: Timestamp.fromMillis(later.toMillis() + 30 * 60 * 1000),
          slotLockId: slotLockIdFor(treatingDoctor.uid!, later),
          updatedAt: serverTimestamp(),
        }),
    ],
    [
      "owner cannot mark their own appointment completed",
      "deny",
      owner,
      (db) => updateDoc(appointmentRef(db), { status: "completed", updatedAt: serverTimestamp() }),
    ],
    [
      "owner cannot move the appointment to another organisation",
      "deny",
      owner,
      (db) => updateDoc(appointmentRef(db), { org: ORG_B, updatedAt: serverTimestamp() }),
    ],
    [
      "doctor (same org) cannot take over the appointment",
      "deny",
      ACTORS.doctor,
      (db) =>
        updateDoc(appointmentRef(db), {
          doctorUid: ACTORS.doctor.uid,
          updatedAt: serverTimestamp(),
        }),
    ],
    [
      "orgAdmin cannot cancel the appointment directly",
      "deny",
      ACTORS.orgAdmin,
      (db) =>
        updateDoc(appointmentRef(db), {
          status: "cancelled",
          updatedAt: serverTimestamp(),
          history: arrayUnion({
            event: "cancelled",
            at: Timestamp.now(),
            by: ACTORS.orgAdmin.uid,
            role: "admin",
            reason: "Doctor unwell",
          }),
        }),
    ],
  ]);
  it("appointments: platformAdmin cannot create an appointment in another organisation", async () => {
    await expectDecision(
      "deny",
      setDoc(
        appointmentRef(rules.db(ACTORS.platformAdmin), "appt-new"),
        appointment(ACTORS.otherPatient.uid, "doctor-b", { org: ORG_B }),
      ),
    );
  });
});
