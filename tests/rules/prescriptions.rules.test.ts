// prescriptions/{id}: a signed prescription (lines, signature, status). Written only by the
// prescription functions (issuePrescription, dispensePrescription, cancellation); the signature
// covers its content, so nothing may edit it in place. Read by the patient (patientUid, the
// matrix "owner"), the prescribing doctor (doctorUid, with the doctor role), and a doctor the
// patient consented to: consents/{patientUid}_{doctorUid}, active, not expired, covering
// 'prescription' (scope all, or the type listed), whatever the doctor's organisation.
// Pharmacies never read prescription documents: they verify the signed link through the public
// endpoint. No admin reads them either, and nobody writes them directly.
// The consent matrix is the one of every clinical document (templates/consentSuite.ts).
import {
  deleteDoc,
  doc,
  getDoc,
  getDocs,
  query,
  serverTimestamp,
  setDoc,
  updateDoc,
  where,
  type Firestore,
} from "firebase/firestore";
import { describe } from "vitest";
import {
  ACTORS,
  CONSULTED_APPOINTMENT_ID,
  ORG_B,
  OWNERS,
  PRESCRIPTION_ID,
  prescription,
  useRulesEnv,
  type Actor,
  runRevokedFor,
  expectEach,
} from "./support";
import { runDocumentMatrix, seedDocument, type DocumentSuite } from "./templates/documentSuite";
import {
  OTHER_ORG_DOCTOR,
  PATIENT,
  PATIENT_READS_ONLY,
  consentSuite,
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
/** The pharmacist of pharmacy A (ORG_A), where the patient takes the prescription. */
const localPharmacist: Actor = { ...OWNERS.pharmacist, label: "pharmacist of pharmacy A (same org)" };

const prescriptionRef = (db: Firestore, id = PRESCRIPTION_ID) => doc(db, "prescriptions", id);
const { all: prescriptions, byField, ofKind: thisPrescription } = patientDocuments("prescriptions");

/**
 * The other patient's prescription from the colleague, one in ORG_B, and the owner's own
 * prescription from a visit to an ORG_B doctor (consent covers every prescription of the patient).
 */
async function seedOthers(db: Firestore) {
  await setDoc(
    prescriptionRef(db, "rx-colleague"),
    prescription(ACTORS.otherPatient.uid, ACTORS.doctor.uid, {
      id: "rx-colleague",
      appointmentId: "appt-colleague",
    }),
  );
  await setDoc(
    prescriptionRef(db, "rx-b"),
    prescription(ACTORS.otherPatient.uid, otherOrgDoctor.uid, {
      id: "rx-b",
      appointmentId: "appt-b",
      org: ORG_B,
    }),
  );
  await setDoc(
    prescriptionRef(db, "rx-owner-b"),
    prescription(owner.uid, otherOrgDoctor.uid, {
      id: "rx-owner-b",
      appointmentId: "appt-owner-b",
      org: ORG_B,
    }),
  );
}
/** The prescription under test, dispensed. */
async function seedDispensed(db: Firestore) {
  await seedOthers(db);
  await setDoc(prescriptionRef(db), prescription(owner.uid, treatingDoctor.uid!, { status: "dispensed" }));
}

const getPrescription: Read = { what: "get the prescription", request: (db) => getDoc(prescriptionRef(db)) };
const listByPatient: Read = {
  what: "list the patient's prescriptions by patientUid",
  request: (db) => getDocs(byField(db, "patientUid", owner.uid)),
};

const issued: DocumentSuite = {
  collection: "prescriptions",
  owner,
  others: seedOthers,
  ref: (db) => prescriptionRef(db),
  list: thisPrescription,
  stored: () => prescription(owner.uid, treatingDoctor.uid!),
  created: () => prescription(owner.uid, treatingDoctor.uid!, { createdAt: serverTimestamp() }),
  update: { status: "dispensed" },
};
const matrix = runDocumentMatrix(rules, issued, PATIENT_READS_ONLY);
const seedAll = seedDocument(issued);
runRevokedFor(rules, matrix, [
  [owner, ["get", "list"]],
  [treatingDoctor, ["get"]],
]);

describe("prescriptions: the prescribing doctor", () => {
  expectEach(rules, "prescriptions", seedAll, [
    ["treatingDoctor can get the prescription", "allow", treatingDoctor, getPrescription.request],
    [
      "treatingDoctor can list their prescriptions by doctorUid",
      "allow",
      treatingDoctor,
      (db) => getDocs(byField(db, "doctorUid", treatingDoctor.uid!)),
    ],
    [
      "treatingDoctor can list their prescriptions for the appointment",
      "allow",
      treatingDoctor,
      (db) =>
        getDocs(
          query(
            prescriptions(db),
            where("doctorUid", "==", treatingDoctor.uid),
            where("appointmentId", "==", CONSULTED_APPOINTMENT_ID),
          ),
        ),
    ],
    [
      "treatingDoctor cannot list the appointment's prescriptions without filtering on doctorUid",
      "deny",
      treatingDoctor,
      (db) => getDocs(byField(db, "appointmentId", CONSULTED_APPOINTMENT_ID)),
    ],
    [
      "treatingDoctor cannot get the patient's prescription from another doctor",
      "deny",
      treatingDoctor,
      (db) => getDoc(prescriptionRef(db, "rx-owner-b")),
    ],
    [
      "treatingDoctor cannot list the patient's prescriptions by patientUid",
      "deny",
      treatingDoctor,
      listByPatient.request,
    ],
  ]);
  readMatrix(rules, {
    collection: "prescriptions",
    seed: seedAll,
    cases: otherRolesOf(treatingDoctor, "the prescribing doctor's"),
    reads: [
      getPrescription,
      { what: "list by doctorUid", request: (db) => getDocs(byField(db, "doctorUid", treatingDoctor.uid!)) },
    ],
  });
});

consentSuite(rules, {
  collection: "prescriptions",
  noun: "prescription",
  kind: {
    type: "prescription",
    label: "prescriptions",
    other: "clinical_note",
    otherLabel: "clinical notes",
    bothLabel: "clinical notes and prescriptions",
  },
  seed: seedAll,
  reads: [getPrescription, listByPatient],
  get: (db, id) => getDoc(prescriptionRef(db, id)),
  list: {
    listed: "prescriptions",
    request: (db, patientUid) => getDocs(byField(db, "patientUid", patientUid)),
  },
  otherPatientsDocs: { inOrgA: "rx-colleague", inOrgB: "rx-b" },
  collision: {
    idOf: (patientUid) => `rx-${patientUid}`,
    seed: (db, id, patientUid) =>
      setDoc(
        prescriptionRef(db, id),
        prescription(patientUid, treatingDoctor.uid!, { id, appointmentId: `appt-${patientUid}` }),
      ),
  },
  beyond: {
    ownDocInOrgB: "rx-owner-b",
    together: {
      listed: "prescriptions",
      request: (db, patientUids) => getDocs(query(prescriptions(db), where("patientUid", "in", patientUids))),
    },
    more: [
      [
        "doctor with consent cannot list every prescription",
        "deny",
        ACTORS.doctor,
        (db) => getDocs(prescriptions(db)),
      ],
      [
        "doctor with consent cannot cancel the prescription",
        "deny",
        ACTORS.doctor,
        (db) => updateDoc(prescriptionRef(db), { status: "cancelled" }),
      ],
      [
        "doctor with consent cannot reissue it under their name",
        "deny",
        ACTORS.doctor,
        (db) =>
          setDoc(
            prescriptionRef(db, "rx-reissued"),
            prescription(owner.uid, ACTORS.doctor.uid, { id: "rx-reissued" }),
          ),
      ],
    ],
  },
});

describe("prescriptions: pharmacists never read them", () => {
  // Pharmacies check a prescription through the signed verify link, not by reading the document.
  readMatrix(rules, {
    collection: "prescriptions",
    seed: seedAll,
    cases: deniedTo([localPharmacist, ACTORS.pharmacist]),
    reads: [
      getPrescription,
      listByPatient,
      {
        what: "list issued prescriptions",
        request: (db) => getDocs(query(prescriptions(db), where("status", "==", "issued"))),
      },
    ],
  });
  expectEach(rules, "prescriptions", seedDispensed, [
    [
      "pharmacist of pharmacy A cannot get a prescription it dispensed",
      "deny",
      localPharmacist,
      getPrescription.request,
    ],
  ]);
});

describe("prescriptions: each reader's query", () => {
  expectEach(rules, "prescriptions", seedAll, [
    ["owner can list their prescriptions by patientUid", "allow", owner, listByPatient.request],
    [
      "owner can list their issued prescriptions",
      "allow",
      owner,
      (db) =>
        getDocs(
          query(prescriptions(db), where("patientUid", "==", owner.uid), where("status", "==", "issued")),
        ),
    ],
    [
      "owner can get their prescription from another organisation",
      "allow",
      owner,
      (db) => getDoc(prescriptionRef(db, "rx-owner-b")),
    ],
    [
      "owner cannot list the appointment's prescriptions without filtering on patientUid",
      "deny",
      owner,
      (db) => getDocs(byField(db, "appointmentId", CONSULTED_APPOINTMENT_ID)),
    ],
    [
      "owner cannot get another patient's prescription",
      "deny",
      owner,
      (db) => getDoc(prescriptionRef(db, "rx-colleague")),
    ],
    [
      "otherPatient cannot list the owner's prescriptions by patientUid",
      "deny",
      ACTORS.otherPatient,
      listByPatient.request,
    ],
    [
      "doctor (same org) can get their own prescription",
      "allow",
      ACTORS.doctor,
      (db) => getDoc(prescriptionRef(db, "rx-colleague")),
    ],
  ]);
  noWideLists(rules, {
    collection: "prescriptions",
    noun: "prescription",
    plural: "prescriptions",
    seed: seedAll,
    byOrg: (db, org) => getDocs(byField(db, "org", org)),
    all: (db) => getDocs(prescriptions(db)),
    listers: [owner, treatingDoctor, ACTORS.orgAdmin, ACTORS.platformAdmin],
  });
});

describe("prescriptions: nobody writes directly", () => {
  // The signature covers the content; status changes go through the prescription functions.
  const line = prescription(owner.uid, treatingDoctor.uid!).lines[0];
  expectEach(rules, "prescriptions", seedOthers, [
    [
      "treatingDoctor cannot issue a prescription directly",
      "deny",
      treatingDoctor,
      (db) =>
        setDoc(
          prescriptionRef(db),
          prescription(owner.uid, treatingDoctor.uid!, { createdAt: serverTimestamp() }),
        ),
    ],
    [
      "owner cannot write a prescription for themselves",
      "deny",
      owner,
      (db) =>
        setDoc(
          prescriptionRef(db, "rx-self"),
          prescription(owner.uid, treatingDoctor.uid!, { id: "rx-self" }),
        ),
    ],
    [
      "platformAdmin cannot create a prescription in another organisation",
      "deny",
      ACTORS.platformAdmin,
      (db) =>
        setDoc(
          prescriptionRef(db, "rx-new"),
          prescription(ACTORS.otherPatient.uid, otherOrgDoctor.uid, { id: "rx-new", org: ORG_B }),
        ),
    ],
  ]);
  expectEach(rules, "prescriptions", seedAll, [
    [
      "treatingDoctor cannot change a signed line",
      "deny",
      treatingDoctor,
      (db) => updateDoc(prescriptionRef(db), { lines: [{ ...line, quantity: 30, durationDays: 10 }] }),
    ],
    [
      "treatingDoctor cannot cancel the prescription directly",
      "deny",
      treatingDoctor,
      (db) => updateDoc(prescriptionRef(db), { status: "cancelled" }),
    ],
    [
      "treatingDoctor cannot delete the prescription",
      "deny",
      treatingDoctor,
      (db) => deleteDoc(prescriptionRef(db)),
    ],
    [
      "owner cannot raise a quantity",
      "deny",
      owner,
      (db) => updateDoc(prescriptionRef(db), { lines: [{ ...line, quantity: 150 }] }),
    ],
    [
      "pharmacist of pharmacy A cannot mark the prescription dispensed",
      "deny",
      localPharmacist,
      (db) => updateDoc(prescriptionRef(db), { status: "dispensed" }),
    ],
    [
      "orgAdmin cannot cancel a prescription",
      "deny",
      ACTORS.orgAdmin,
      (db) => updateDoc(prescriptionRef(db), { status: "cancelled" }),
    ],
    [
      "platformAdmin cannot delete a prescription",
      "deny",
      ACTORS.platformAdmin,
      (db) => deleteDoc(prescriptionRef(db)),
    ],
  ]);
  expectEach(rules, "prescriptions", seedDispensed, [
    [
      "owner cannot mark the prescription issued again after it was dispensed",
      "deny",
      owner,
      (db) => updateDoc(prescriptionRef(db), { status: "issued" }),
    ],
  ]);
});
