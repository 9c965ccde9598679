// clinicalRecords/{appointmentId}: the current version of an appointment's clinical record
// (SOAP note, diagnoses, vitals), and every version under versions/{0001, 0002, ...}. Written only
// by writeClinicalRecord (amendments add a version, never overwrite one). Read by the patient
// (patientUid, the matrix "owner"), the treating doctor (doctorUid, with the doctor role), and a
// doctor the patient consented to: consents/{patientUid}_{doctorUid}, active, not expired, and
// covering 'clinical_note' (scope all, or the type listed), whatever the doctor's organisation.
// Nobody else reads it: no colleague without consent, no admin, no pharmacist; nobody writes it.
// The consent matrix is the one of every clinical document (templates/consentSuite.ts).
import {
  collection,
  collectionGroup,
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
import { describe, it } from "vitest";
import {
  ACTORS,
  CONSULTED_APPOINTMENT_ID,
  ORG_B,
  OWNERS,
  clinicalRecord,
  expectDecision,
  runRevokedCases,
  useRulesEnv,
  runRevokedFor,
  expectEach,
} from "./support";
import { runDocumentMatrix } from "./templates/documentSuite";
import {
  OTHER_ORG_DOCTOR,
  PATIENT,
  PATIENT_READS_ONLY,
  addConsents,
  byName,
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

const recordRef = (db: Firestore, id = CONSULTED_APPOINTMENT_ID) => doc(db, "clinicalRecords", id);
const { all: records, byField, ofKind: thisRecord } = patientDocuments("clinicalRecords");
const versionRef = (db: Firestore, version = "0001", id = CONSULTED_APPOINTMENT_ID) =>
  doc(db, "clinicalRecords", id, "versions", version);
const versions = (db: Firestore, id = CONSULTED_APPOINTMENT_ID) =>
  collection(db, "clinicalRecords", id, "versions");

const amended = {
  soap: {
    subjective: "Fever and sore throat for three days.",
    objective: "Throat congested, no exudate. Rapid strep negative.",
    assessment: "Acute viral upper respiratory infection.",
    plan: "Paracetamol, fluids, review in five days if not better.",
  },
  version: 2,
  amendmentReason: "Strep test result added",
};

/**
 * The other patient's record with the colleague, one in ORG_B, and the owner's own record from
 * a visit to an ORG_B doctor (consent covers every record of the patient, whichever clinic).
 */
async function seedOthers(db: Firestore) {
  await setDoc(
    recordRef(db, "appt-colleague"),
    clinicalRecord(ACTORS.otherPatient.uid, ACTORS.doctor.uid, { appointmentId: "appt-colleague" }),
  );
  await setDoc(
    recordRef(db, "appt-b"),
    clinicalRecord(ACTORS.otherPatient.uid, otherOrgDoctor.uid, { appointmentId: "appt-b", org: ORG_B }),
  );
  await setDoc(
    recordRef(db, "appt-owner-b"),
    clinicalRecord(owner.uid, otherOrgDoctor.uid, { appointmentId: "appt-owner-b", org: ORG_B }),
  );
  await setDoc(
    versionRef(db, "0001", "appt-b"),
    clinicalRecord(ACTORS.otherPatient.uid, otherOrgDoctor.uid, { appointmentId: "appt-b", org: ORG_B }),
  );
}
/** Everything, with the record under test amended once: versions 0001 and 0002. */
async function seedAll(db: Firestore) {
  await seedOthers(db);
  await setDoc(recordRef(db), clinicalRecord(owner.uid, treatingDoctor.uid!, amended));
  await setDoc(versionRef(db, "0001"), clinicalRecord(owner.uid, treatingDoctor.uid!));
  await setDoc(versionRef(db, "0002"), clinicalRecord(owner.uid, treatingDoctor.uid!, amended));
}

const getRecord: Read = { what: "get the record", request: (db) => getDoc(recordRef(db)) };
const listVersions: Read = { what: "list the versions", request: (db) => getDocs(versions(db)) };
const listByPatient: Read = {
  what: "list the patient's records by patientUid",
  request: (db) => getDocs(byField(db, "patientUid", owner.uid)),
};

const matrix = runDocumentMatrix(
  rules,
  {
    collection: "clinicalRecords",
    owner,
    others: seedOthers,
    ref: (db) => recordRef(db),
    list: thisRecord,
    stored: () => clinicalRecord(owner.uid, treatingDoctor.uid!),
    created: () =>
      clinicalRecord(owner.uid, treatingDoctor.uid!, {
        writtenAt: serverTimestamp(),
        createdAt: serverTimestamp(),
      }),
    update: { ...amended, writtenAt: serverTimestamp() },
  },
  PATIENT_READS_ONLY,
);
runRevokedFor(rules, matrix, [
  [owner, ["get", "list"]],
  [treatingDoctor, ["get"]],
]);
runRevokedCases(rules, {
  collection: "clinicalRecords",
  actor: { ...ACTORS.doctor, label: "consented doctor" },
  seed: async (db) => {
    await seedAll(db);
    await addConsents(db, byName(ACTORS.doctor.uid));
  },
  requests: { get: matrix.requests.get },
});

// The record's versions: the same readers, decided through the parent record.
const versionsMatrix = runDocumentMatrix(
  rules,
  {
    collection: "clinicalRecord versions",
    owner,
    async others(db) {
      await seedOthers(db);
      await setDoc(recordRef(db), clinicalRecord(owner.uid, treatingDoctor.uid!));
    },
    ref: (db) => versionRef(db),
    list: (db) => versions(db),
    stored: () => clinicalRecord(owner.uid, treatingDoctor.uid!),
    created: () => clinicalRecord(owner.uid, treatingDoctor.uid!, { writtenAt: serverTimestamp() }),
    update: { "soap.assessment": "Something else entirely." },
  },
  PATIENT_READS_ONLY,
);
runRevokedFor(rules, versionsMatrix, [
  [owner, ["get", "list"]],
  [treatingDoctor, ["get", "list"]],
]);

describe("clinicalRecords: the treating doctor", () => {
  expectEach(rules, "clinicalRecords", seedAll, [
    ["treatingDoctor can get the record", "allow", treatingDoctor, (db) => getDoc(recordRef(db))],
    [
      "treatingDoctor can list their records by doctorUid",
      "allow",
      treatingDoctor,
      (db) => getDocs(byField(db, "doctorUid", treatingDoctor.uid!)),
    ],
    [
      "treatingDoctor can get the first version",
      "allow",
      treatingDoctor,
      (db) => getDoc(versionRef(db, "0001")),
    ],
    ["treatingDoctor can list the versions", "allow", treatingDoctor, (db) => getDocs(versions(db))],
    [
      "treatingDoctor cannot get the patient's record from another doctor's visit",
      "deny",
      treatingDoctor,
      (db) => getDoc(recordRef(db, "appt-owner-b")),
    ],
    // Being the doctor of one visit is not consent to the patient's whole history.
    [
      "treatingDoctor cannot list the patient's records by patientUid",
      "deny",
      treatingDoctor,
      (db) => getDocs(byField(db, "patientUid", owner.uid)),
    ],
  ]);
  readMatrix(rules, {
    collection: "clinicalRecords",
    seed: seedAll,
    cases: otherRolesOf(treatingDoctor, "the treating doctor's"),
    reads: [
      getRecord,
      { what: "list by doctorUid", request: (db) => getDocs(byField(db, "doctorUid", treatingDoctor.uid!)) },
      listVersions,
    ],
  });
});

consentSuite(rules, {
  collection: "clinicalRecords",
  noun: "record",
  kind: {
    type: "clinical_note",
    label: "clinical notes",
    other: "prescription",
    otherLabel: "prescriptions",
    bothLabel: "clinical notes and prescriptions",
  },
  seed: seedAll,
  reads: [
    getRecord,
    listByPatient,
    { what: "get the first version", request: (db) => getDoc(versionRef(db, "0001")) },
    listVersions,
  ],
  get: (db, id) => getDoc(recordRef(db, id)),
  list: { listed: "records", request: (db, patientUid) => getDocs(byField(db, "patientUid", patientUid)) },
  listVersions: (db, id) => getDocs(versions(db, id)),
  otherPatientsDocs: { inOrgA: "appt-colleague", inOrgB: "appt-b" },
  collision: {
    idOf: (patientUid) => `appt-${patientUid}`,
    async seed(db, id, patientUid) {
      await setDoc(recordRef(db, id), clinicalRecord(patientUid, treatingDoctor.uid!, { appointmentId: id }));
      await setDoc(
        versionRef(db, "0001", id),
        clinicalRecord(patientUid, treatingDoctor.uid!, { appointmentId: id }),
      );
    },
  },
  beyond: {
    ownDocInOrgB: "appt-owner-b",
    together: {
      listed: "records",
      request: (db, patientUids) => getDocs(query(records(db), where("patientUid", "in", patientUids))),
    },
    more: [
      [
        "doctor with consent cannot list another patient's versions",
        "deny",
        ACTORS.doctor,
        (db) => getDocs(versions(db, "appt-b")),
      ],
      [
        "doctor with consent cannot list another patient's records by patientUid",
        "deny",
        ACTORS.doctor,
        (db) => getDocs(byField(db, "patientUid", ACTORS.otherPatient.uid)),
      ],
      [
        "doctor with consent cannot list the treating doctor's records by doctorUid",
        "deny",
        ACTORS.doctor,
        (db) => getDocs(byField(db, "doctorUid", treatingDoctor.uid!)),
      ],
      ["doctor with consent cannot list every record", "deny", ACTORS.doctor, (db) => getDocs(records(db))],
      [
        "doctor with consent cannot amend the record",
        "deny",
        ACTORS.doctor,
        (db) => updateDoc(recordRef(db), { ...amended, version: 3, author: ACTORS.doctor.uid }),
      ],
      [
        "doctor with consent cannot add a version",
        "deny",
        ACTORS.doctor,
        (db) =>
          setDoc(
            versionRef(db, "0003"),
            clinicalRecord(owner.uid, treatingDoctor.uid!, {
              ...amended,
              version: 3,
              author: ACTORS.doctor.uid,
            }),
          ),
      ],
    ],
  },
});

describe("clinicalRecords: a consent is the patient's to give", () => {
  expectEach(rules, "clinicalRecords", seedAll, [
    [
      "doctor cannot grant themselves consent",
      "deny",
      ACTORS.doctor,
      (db) => addConsents(db, byName(ACTORS.doctor.uid)),
    ],
  ]);
});

describe("clinicalRecords: pharmacists never read them", () => {
  readMatrix(rules, {
    collection: "clinicalRecords",
    seed: seedAll,
    cases: deniedTo([{ ...OWNERS.pharmacist, label: "pharmacist (same org)" }, ACTORS.pharmacist]),
    reads: [
      getRecord,
      listByPatient,
      { what: "get a version", request: (db) => getDoc(versionRef(db, "0002")) },
    ],
  });
});

describe("clinicalRecords: each reader's query", () => {
  expectEach(rules, "clinicalRecords", seedAll, [
    ["owner can list their records by patientUid", "allow", owner, listByPatient.request],
    [
      "owner can get the record of their visit to another organisation",
      "allow",
      owner,
      (db) => getDoc(recordRef(db, "appt-owner-b")),
    ],
    ["owner can get the amended version", "allow", owner, (db) => getDoc(versionRef(db, "0002"))],
    [
      "owner cannot list their doctor's records by doctorUid",
      "deny",
      owner,
      (db) => getDocs(byField(db, "doctorUid", treatingDoctor.uid!)),
    ],
    [
      "owner cannot get another patient's record",
      "deny",
      owner,
      (db) => getDoc(recordRef(db, "appt-colleague")),
    ],
    [
      "otherPatient cannot list the owner's records by patientUid",
      "deny",
      ACTORS.otherPatient,
      listByPatient.request,
    ],
    [
      "owner cannot query versions as a collection group",
      "deny",
      owner,
      (db) => getDocs(query(collectionGroup(db, "versions"), where("patientUid", "==", owner.uid))),
    ],
  ]);
  it("clinicalRecords: owner cannot list the versions of a record that does not exist", async () => {
    await rules.seed(async (db) => {
      await seedAll(db);
      await setDoc(
        versionRef(db, "0001", "appt-gone"),
        clinicalRecord(owner.uid, treatingDoctor.uid!, { appointmentId: "appt-gone" }),
      );
    });
    await expectDecision("deny", getDocs(versions(rules.db(owner), "appt-gone")));
  });
  noWideLists(rules, {
    collection: "clinicalRecords",
    noun: "record",
    plural: "records",
    seed: seedAll,
    byOrg: (db, org) => getDocs(byField(db, "org", org)),
    all: (db) => getDocs(records(db)),
    listers: [owner, treatingDoctor, ACTORS.orgAdmin, ACTORS.platformAdmin],
  });
});

describe("clinicalRecords: nobody writes directly", () => {
  // writeClinicalRecord checks the author, the appointment and the amendment reason, and keeps every version.
  expectEach(rules, "clinicalRecords", seedOthers, [
    [
      "treatingDoctor cannot write the first version directly",
      "deny",
      treatingDoctor,
      (db) =>
        setDoc(
          recordRef(db),
          clinicalRecord(owner.uid, treatingDoctor.uid!, { writtenAt: serverTimestamp() }),
        ),
    ],
    [
      "platformAdmin cannot create a record in another organisation",
      "deny",
      ACTORS.platformAdmin,
      (db) =>
        setDoc(
          recordRef(db, "appt-new"),
          clinicalRecord(ACTORS.otherPatient.uid, otherOrgDoctor.uid, { org: ORG_B }),
        ),
    ],
  ]);
  expectEach(rules, "clinicalRecords", seedAll, [
    [
      "treatingDoctor cannot amend the record in place",
      "deny",
      treatingDoctor,
      (db) =>
        updateDoc(recordRef(db), {
          ...amended,
          version: 3,
          amendmentReason: "Typo",
          writtenAt: serverTimestamp(),
        }),
    ],
    [
      "treatingDoctor cannot rewrite an earlier version",
      "deny",
      treatingDoctor,
      (db) => updateDoc(versionRef(db, "0001"), { "soap.assessment": "Bacterial pharyngitis." }),
    ],
    [
      "treatingDoctor cannot add a version",
      "deny",
      treatingDoctor,
      (db) =>
        setDoc(
          versionRef(db, "0003"),
          clinicalRecord(owner.uid, treatingDoctor.uid!, { ...amended, version: 3, amendmentReason: "Typo" }),
        ),
    ],
    [
      "treatingDoctor cannot delete an earlier version",
      "deny",
      treatingDoctor,
      (db) => deleteDoc(versionRef(db, "0001")),
    ],
    [
      "owner cannot correct their own vitals",
      "deny",
      owner,
      (db) => updateDoc(recordRef(db), { "vitals.weightKg": 58 }),
    ],
    ["owner cannot delete their record", "deny", owner, (db) => deleteDoc(recordRef(db))],
    ["orgAdmin cannot delete a record", "deny", ACTORS.orgAdmin, (db) => deleteDoc(recordRef(db))],
    [
      "platformAdmin cannot delete a version",
      "deny",
      ACTORS.platformAdmin,
      (db) => deleteDoc(versionRef(db, "0002")),
    ],
  ]);
});
