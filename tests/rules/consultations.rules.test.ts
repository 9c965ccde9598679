// consultations/{appointmentId}: the live state of an appointment's video consultation (status,
// who is present), and its events/{id} log. Written only by the consultation functions
// (joinConsultation, leaveConsultation, startConsultation, endConsultation, the no-show job).
// Read only by the two participants: the patient (patientUid, the matrix "owner") and the
// treating doctor (doctorUid, with the doctor role). Nobody else reads it: not a colleague, not
// the admins, and not a doctor the patient consented to (consent covers records, not the
// session). The events are read by the same two, through the parent document.
import {
  collection,
  collectionGroup,
  deleteDoc,
  doc,
  getDoc,
  getDocs,
  query,
  setDoc,
  updateDoc,
  where,
  type Firestore,
} from "firebase/firestore";
import { describe, it } from "vitest";
import {
  ACTORS,
  CONSULTED_APPOINTMENT_ID,
  ORG_B,
  consultation,
  consultationEvent,
  expectDecision,
  runMatrix,
  useRulesEnv,
  type MatrixSpec,
  runRevokedFor,
  expectEach,
} from "./support";
import { documentMatrix } from "./templates/documentSuite";
import {
  OTHER_ORG_DOCTOR,
  PATIENT,
  PATIENT_READS_ONLY,
  byName,
  deniedTo,
  noWideLists,
  otherRolesOf,
  readMatrix,
  type Read,
  TREATING_DOCTOR,
  patientDocuments,
} from "./templates/consentSuite";

const rules = useRulesEnv();
const owner = PATIENT;
const treatingDoctor = TREATING_DOCTOR;
const otherOrgDoctor = OTHER_ORG_DOCTOR;

const consultationRef = (db: Firestore, id = CONSULTED_APPOINTMENT_ID) => doc(db, "consultations", id);
const { all: consultations, byField, ofKind: thisConsultation } = patientDocuments("consultations");
const eventRef = (db: Firestore, id = "event-1", appointmentId = CONSULTED_APPOINTMENT_ID) =>
  doc(db, "consultations", appointmentId, "events", id);
const events = (db: Firestore, appointmentId = CONSULTED_APPOINTMENT_ID) =>
  collection(db, "consultations", appointmentId, "events");

/** The other patient's consultation with the colleague (and its event), and one in ORG_B. */
async function seedOthers(db: Firestore) {
  await setDoc(
    consultationRef(db, "appt-colleague"),
    consultation(ACTORS.otherPatient.uid, ACTORS.doctor.uid, { appointmentId: "appt-colleague" }),
  );
  await setDoc(eventRef(db, "event-1", "appt-colleague"), consultationEvent());
  await setDoc(
    consultationRef(db, "appt-b"),
    consultation(ACTORS.otherPatient.uid, otherOrgDoctor.uid, { appointmentId: "appt-b", org: ORG_B }),
  );
}
async function seedAll(db: Firestore) {
  await seedOthers(db);
  await setDoc(consultationRef(db), consultation(owner.uid, treatingDoctor.uid!));
  await setDoc(eventRef(db), consultationEvent());
  await setDoc(
    eventRef(db, "event-2"),
    consultationEvent({
      type: "joined",
      role: "doctor",
      at: consultation(owner.uid, treatingDoctor.uid!).startMs,
    }),
  );
}

const getConsultation: Read = { what: "get the consultation", request: (db) => getDoc(consultationRef(db)) };
const listEvents: Read = { what: "list the events", request: (db) => getDocs(events(db)) };

const matrix = documentMatrix(
  {
    collection: "consultations",
    owner,
    others: seedOthers,
    ref: (db) => consultationRef(db),
    list: (db) => thisConsultation(db),
    stored: () => consultation(owner.uid, treatingDoctor.uid!),
    update: { status: "ended", endedBy: "doctor" },
  },
  PATIENT_READS_ONLY,
);
runMatrix(rules, matrix);
runRevokedFor(rules, matrix, [
  [owner, ["get", "list"]],
  [treatingDoctor, ["get"]],
]);

// The events of the same consultation: the same readers, decided through the parent document.
const eventsMatrix: MatrixSpec = {
  collection: "consultation events",
  owner,
  async seed(db, op) {
    await seedOthers(db);
    await setDoc(consultationRef(db), consultation(owner.uid, treatingDoctor.uid!));
    if (op !== "create") await setDoc(eventRef(db), consultationEvent());
  },
  requests: {
    get: (db) => getDoc(eventRef(db)),
    list: (db) => getDocs(events(db)),
    create: (db) => setDoc(eventRef(db), consultationEvent()),
    update: (db) => updateDoc(eventRef(db), { type: "left" }),
    delete: (db) => deleteDoc(eventRef(db)),
  },
  table: PATIENT_READS_ONLY,
};
runMatrix(rules, eventsMatrix);
runRevokedFor(rules, eventsMatrix, [
  [owner, ["get", "list"]],
  [treatingDoctor, ["get", "list"]],
]);

describe("consultations: the treating doctor", () => {
  expectEach(rules, "consultations", seedAll, [
    ["treatingDoctor can get the consultation", "allow", treatingDoctor, getConsultation.request],
    [
      "treatingDoctor can list their consultations by doctorUid",
      "allow",
      treatingDoctor,
      (db) => getDocs(byField(db, "doctorUid", treatingDoctor.uid!)),
    ],
    [
      "treatingDoctor can list their consultations waiting for them",
      "allow",
      treatingDoctor,
      (db) =>
        getDocs(
          query(
            consultations(db),
            where("doctorUid", "==", treatingDoctor.uid),
            where("status", "==", "waiting"),
          ),
        ),
    ],
    [
      "treatingDoctor can get an event of the consultation",
      "allow",
      treatingDoctor,
      (db) => getDoc(eventRef(db)),
    ],
    ["treatingDoctor can list the consultation's events", "allow", treatingDoctor, listEvents.request],
    [
      "treatingDoctor cannot get another doctor's consultation",
      "deny",
      treatingDoctor,
      (db) => getDoc(consultationRef(db, "appt-colleague")),
    ],
    [
      "treatingDoctor cannot list another doctor's consultation events",
      "deny",
      treatingDoctor,
      (db) => getDocs(events(db, "appt-colleague")),
    ],
  ]);
  readMatrix(rules, {
    collection: "consultations",
    seed: seedAll,
    cases: otherRolesOf(treatingDoctor, "the treating doctor's"),
    reads: [
      getConsultation,
      { what: "list by doctorUid", request: (db) => getDocs(byField(db, "doctorUid", treatingDoctor.uid!)) },
      listEvents,
    ],
  });
});

describe("consultations: consent does not open the live session", () => {
  // Consent covers clinical records and prescriptions; the session is the participants' alone.
  readMatrix(rules, {
    collection: "consultations",
    seed: seedAll,
    cases: [
      [ACTORS.doctor, "doctor (same org) with the patient's consent to everything"] as const,
      [otherOrgDoctor, "a doctor of another organisation with the patient's consent to everything"] as const,
    ].map(([actor, label]) => ({ label, actor, consents: [byName(actor.uid)], decision: "deny" as const })),
    reads: [
      getConsultation,
      {
        what: "list the patient's consultations",
        request: (db) => getDocs(byField(db, "patientUid", owner.uid)),
      },
      { what: "list the consultation's events", request: listEvents.request },
    ],
  });
});

describe("consultations: each reader's query", () => {
  expectEach(rules, "consultations", seedAll, [
    [
      "owner can list their consultations by patientUid",
      "allow",
      owner,
      (db) => getDocs(byField(db, "patientUid", owner.uid)),
    ],
    [
      "owner cannot list their doctor's consultations by doctorUid",
      "deny",
      owner,
      (db) => getDocs(byField(db, "doctorUid", treatingDoctor.uid!)),
    ],
    [
      "owner cannot get another patient's consultation",
      "deny",
      owner,
      (db) => getDoc(consultationRef(db, "appt-colleague")),
    ],
    [
      "owner cannot list another patient's consultation events",
      "deny",
      owner,
      (db) => getDocs(events(db, "appt-colleague")),
    ],
    [
      "otherPatient cannot list the owner's consultations by patientUid",
      "deny",
      ACTORS.otherPatient,
      (db) => getDocs(byField(db, "patientUid", owner.uid)),
    ],
    [
      "doctor (same org) can get their own consultation",
      "allow",
      ACTORS.doctor,
      (db) => getDoc(consultationRef(db, "appt-colleague")),
    ],
    [
      "doctor (same org) cannot list the treating doctor's consultations",
      "deny",
      ACTORS.doctor,
      (db) => getDocs(byField(db, "doctorUid", treatingDoctor.uid!)),
    ],
  ]);
  noWideLists(rules, {
    collection: "consultations",
    noun: "consultation",
    plural: "consultations",
    seed: seedAll,
    byOrg: (db, org) => getDocs(byField(db, "org", org)),
    all: (db) => getDocs(consultations(db)),
    listers: [owner, treatingDoctor, ACTORS.doctor, ACTORS.orgAdmin, ACTORS.platformAdmin],
  });
});

describe("consultations: events", () => {
  it("consultations: owner cannot list the events of a consultation that does not exist", async () => {
    await rules.seed(async (db) => {
      await seedAll(db);
      await setDoc(eventRef(db, "event-1", "appt-gone"), consultationEvent());
    });
    await expectDecision("deny", getDocs(events(rules.db(owner), "appt-gone")));
  });
  // No rule matches a collection-group query on events: clients read one consultation's log by its path.
  readMatrix(rules, {
    collection: "consultations",
    seed: seedAll,
    cases: deniedTo([owner, treatingDoctor, ACTORS.platformAdmin]),
    reads: [
      {
        what: "query events as a collection group",
        request: (db) => getDocs(query(collectionGroup(db, "events"), where("type", "==", "joined"))),
      },
    ],
  });
});

describe("consultations: nobody writes directly", () => {
  // Every change goes through the consultation functions, which keep the session's state machine.
  expectEach(rules, "consultations", seedAll, [
    [
      "owner cannot mark themselves present",
      "deny",
      owner,
      (db) =>
        updateDoc(consultationRef(db), {
          "participants.patient.present": true,
          "participants.patient.joins": 2,
        }),
    ],
    [
      "owner cannot end the consultation",
      "deny",
      owner,
      (db) => updateDoc(consultationRef(db), { status: "ended", endedBy: "patient" }),
    ],
    [
      "owner cannot append an event",
      "deny",
      owner,
      (db) => setDoc(eventRef(db, "event-3"), consultationEvent({ type: "left" })),
    ],
    [
      "treatingDoctor cannot start the consultation",
      "deny",
      treatingDoctor,
      (db) => updateDoc(consultationRef(db), { status: "in_progress", startedAt: Date.now() }),
    ],
    [
      "treatingDoctor cannot mark the patient a no-show",
      "deny",
      treatingDoctor,
      (db) =>
        updateDoc(consultationRef(db), {
          status: "no_show",
          noShow: { absent: "patient" },
        }),
    ],
    ["treatingDoctor cannot delete an event", "deny", treatingDoctor, (db) => deleteDoc(eventRef(db))],
    [
      "doctor (same org) cannot take over the consultation",
      "deny",
      ACTORS.doctor,
      (db) => updateDoc(consultationRef(db), { doctorUid: ACTORS.doctor.uid }),
    ],
    [
      "orgAdmin cannot end the consultation",
      "deny",
      ACTORS.orgAdmin,
      (db) => updateDoc(consultationRef(db), { status: "ended", endedBy: "system" }),
    ],
    [
      "platformAdmin cannot delete a consultation",
      "deny",
      ACTORS.platformAdmin,
      (db) => deleteDoc(consultationRef(db)),
    ],
  ]);
  expectEach(rules, "consultations", seedOthers, [
    [
      "treatingDoctor cannot open a consultation for the appointment",
      "deny",
      treatingDoctor,
      (db) =>
        setDoc(consultationRef(db), consultation(owner.uid, treatingDoctor.uid!, { status: "created" })),
    ],
    [
      "platformAdmin cannot create a consultation in another organisation",
      "deny",
      ACTORS.platformAdmin,
      (db) =>
        setDoc(
          consultationRef(db, "appt-new"),
          consultation(ACTORS.otherPatient.uid, otherOrgDoctor.uid, { org: ORG_B }),
        ),
    ],
  ]);
});
