// records/{recordId}: the metadata of a health record a patient (or their doctor, during care)
// uploaded: type, title, date (YYYY-MM-DD), provider, the Storage path, status pending | ready |
// rejected, and `shares` {doctorUid: until}. Written only by the health-records functions
// (requestRecordUpload, confirmRecordUpload, shareRecords, deleteMyAccount); files are reached
// only through signed URLs. A record is readable only once it is `ready`, and then by:
// - its patient (patientUid, the matrix "owner");
// - a doctor (doctor role) it is shared with, while the share's timestamp is in the future;
// - a doctor with the patient's consent, consents/{patientUid}_{doctorUid} naming them in
//   granteeUid, or consents/{patientUid}_org:{org} naming their organisation's `org` claim in
//   granteeOrg: active, unexpired, covering the record's type and, if the scope has from / to,
//   the record's date. The consent's own fields must name the patient and the grantee.
// Nobody else: no pharmacist, no admin. Nobody writes it.
import {
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
import { describe } from "vitest";
import {
  ACTORS,
  ORG_A,
  ORG_B,
  OWNERS,
  RECORD_DATE,
  RECORD_ID,
  SHARED_UNTIL,
  SHARE_ENDED_AT,
  record,
  runMatrix,
  useRulesEnv,
  type Actor,
  type Decision,
  runRevokedFor,
  expectEach,
} from "./support";
import { documentMatrix } from "./templates/documentSuite";
import {
  OTHER_ORG_DOCTOR,
  PATIENT,
  PATIENT_READS_ONLY,
  addConsents,
  byName,
  byOrg,
  consentSuite,
  deniedTo,
  ofTypes,
  otherRolesOf,
  readMatrix,
  type Read,
  type ReadCase,
} from "./templates/consentSuite";

const rules = useRulesEnv();
const owner = PATIENT;
/** The doctor of an appointment the patient shares records with (shareRecords). */
const sharedDoctor: Actor = { ...OWNERS.doctor, label: "the doctor it is shared with" };
const localPharmacist: Actor = { ...OWNERS.pharmacist, label: "pharmacist (same org)" };

const recordRef = (db: Firestore, id = RECORD_ID) => doc(db, "records", id);
const records = (db: Firestore) => collection(db, "records");
/** What the patient's record list asks for: their ready records. */
const readyOf = (db: Firestore, patientUid: string = owner.uid) =>
  query(records(db), where("patientUid", "==", patientUid), where("status", "==", "ready"));
/** The query that returns exactly this record's kind: its patient, ready, its type, its date. */
const thisRecord = (db: Firestore) =>
  query(
    records(db),
    where("patientUid", "==", owner.uid),
    where("status", "==", "ready"),
    where("type", "==", "lab_report"),
    where("date", "==", RECORD_DATE),
  );

/**
 * The other patient's ready record, and two more of the owner's: an imaging report from another
 * year and a pending upload (each a different case of what a consent or the status reaches).
 */
async function seedOthers(db: Firestore) {
  await setDoc(
    recordRef(db, "record-other"),
    record(ACTORS.otherPatient.uid, { path: `records/${ACTORS.otherPatient.uid}/record-other` }),
  );
  await setDoc(
    recordRef(db, "record-imaging"),
    record(owner.uid, {
      type: "imaging",
      title: "Chest X-ray",
      date: "2025-06-01",
      contentType: "image/jpeg",
      path: `records/${owner.uid}/record-imaging`,
    }),
  );
  await setDoc(
    recordRef(db, "record-pending"),
    record(owner.uid, { status: "pending", path: `records/${owner.uid}/record-pending`, readyAt: null }),
  );
}
async function seedAll(db: Firestore, overrides: Record<string, unknown> = {}) {
  await seedOthers(db);
  await setDoc(recordRef(db), record(owner.uid, overrides));
}

const matrix = documentMatrix(
  {
    collection: "records",
    owner,
    others: seedOthers,
    ref: (db) => recordRef(db),
    list: (db) => thisRecord(db),
    stored: () => record(owner.uid),
    created: () => record(owner.uid, { createdAt: serverTimestamp(), readyAt: serverTimestamp() }),
    update: { title: "CBC (repeat)", tags: ["blood", "repeat"] },
  },
  PATIENT_READS_ONLY,
);
runMatrix(rules, matrix);
runRevokedFor(rules, matrix, [[owner, ["get", "list"]]]);

const getRecord: Read = { what: "get the record", request: (db) => getDoc(recordRef(db)) };
const listReady: Read = { what: "list the patient's ready records", request: (db) => getDocs(readyOf(db)) };
/** A consent scope of these dates (from and to inclusive), of every type or of `t`. */

describe("records: the owner", () => {
  expectEach(rules, "records", seedAll, [
    ["owner can list their ready records", "allow", owner, listReady.request],
    [
      "owner can list their ready lab reports of January 2026",
      "allow",
      owner,
      (db) =>
        getDocs(
          query(
            readyOf(db),
            where("type", "==", "lab_report"),
            where("date", ">=", "2026-01-01"),
            where("date", "<=", "2026-01-31"),
          ),
        ),
    ],
    // Pending and rejected uploads are no one's to read; the query must leave them out.
    [
      "owner cannot list their records without filtering on status",
      "deny",
      owner,
      (db) => getDocs(query(records(db), where("patientUid", "==", owner.uid))),
    ],
    [
      "owner cannot get another patient's record",
      "deny",
      owner,
      (db) => getDoc(recordRef(db, "record-other")),
    ],
    ["otherPatient cannot list the owner's ready records", "deny", ACTORS.otherPatient, listReady.request],
  ]);
});

describe("records: only ready records are readable", () => {
  const notReady: Array<[string, Record<string, unknown>]> = [
    ["pending", { status: "pending", readyAt: null }],
    [
      "rejected",
      {
        status: "rejected",
        readyAt: null,
        rejectReason: "the file is not a PDF",
        rejectedAt: Timestamp.fromDate(new Date("2026-01-15T09:31:00.000Z")),
      },
    ],
  ];
  for (const [status, overrides] of notReady) {
    const seed = async (db: Firestore) => {
      await seedAll(db, { ...overrides, shares: { [sharedDoctor.uid!]: SHARED_UNTIL } });
      await addConsents(db, byName(ACTORS.doctor.uid), byOrg(ORG_B));
    };
    readMatrix(rules, {
      collection: "records",
      seed,
      cases: deniedTo([
        owner,
        sharedDoctor,
        { ...ACTORS.doctor, label: "doctor with consent" },
        { ...OTHER_ORG_DOCTOR, label: "a doctor of a consented organisation" },
      ]),
      reads: [{ what: `get a ${status} record`, request: (db) => getDoc(recordRef(db)) }],
    });
    expectEach(rules, "records", seed, [
      [
        `owner cannot list their ${status} records`,
        "deny",
        owner,
        (db) =>
          getDocs(query(records(db), where("patientUid", "==", owner.uid), where("status", "==", status))),
      ],
    ]);
  }
});

const dates = (range: { from?: string; to?: string }, t: string[] | "all" = "all") => ({
  scope: t === "all" ? { all: true, types: [], ...range } : { all: false, types: t, ...range },
});
const doctor = ACTORS.doctor;

// The record is dated RECORD_DATE (2026-01-10): a consent limited to dates must include it.
const dated: Array<[string, Record<string, unknown>, Decision]> = [
  ["doctor with consent to January 2026", dates({ from: "2026-01-01", to: "2026-01-31" }), "allow"],
  [
    "doctor with consent to lab reports of January 2026",
    dates({ from: "2026-01-01", to: "2026-01-31" }, ["lab_report"]),
    "allow",
  ],
  ["doctor with consent from the record's date", dates({ from: RECORD_DATE }), "allow"],
  ["doctor with consent up to the record's date", dates({ to: RECORD_DATE }), "allow"],
  ["doctor with consent to the record's day only", dates({ from: RECORD_DATE, to: RECORD_DATE }), "allow"],
  [
    "doctor with consent to February 2026 (after the record)",
    dates({ from: "2026-02-01", to: "2026-02-28" }),
    "deny",
  ],
  [
    "doctor with consent to 2025 (before the record)",
    dates({ from: "2025-01-01", to: "2025-12-31" }),
    "deny",
  ],
  ["doctor with consent from the day after the record", dates({ from: "2026-01-11" }), "deny"],
  ["doctor with consent up to the day before the record", dates({ to: "2026-01-09" }), "deny"],
  [
    "doctor with consent to imaging of January 2026 (the right dates, another type)",
    dates({ from: "2026-01-01", to: "2026-01-31" }, ["imaging"]),
    "deny",
  ],
  // Neither type of clinical document covers an uploaded record.
  [
    "doctor with consent to clinical notes and prescriptions only",
    ofTypes("clinical_note", "prescription"),
    "deny",
  ],
];
const datedCases: ReadCase[] = dated.map(([label, overrides, decision]) => ({
  label,
  actor: doctor,
  consents: [byName(doctor.uid, overrides)],
  decision,
}));

consentSuite(rules, {
  collection: "records",
  noun: "record",
  kind: {
    type: "lab_report",
    label: "lab reports",
    other: "imaging",
    otherLabel: "imaging",
    bothLabel: "imaging and lab reports",
  },
  seed: (db) => seedAll(db),
  reads: [
    getRecord,
    {
      what: "list the patient's ready lab reports of the record's date",
      request: (db) => getDocs(thisRecord(db)),
    },
  ],
  get: (db, id) => getDoc(recordRef(db, id)),
  list: { listed: "ready records", request: (db, patientUid) => getDocs(readyOf(db, patientUid)) },
  otherPatientsDocs: { inOrgA: "record-other", inOrgB: "record-other" },
  collision: {
    idOf: (patientUid) => `record-${patientUid}`,
    seed: (db, id, patientUid) =>
      setDoc(recordRef(db, id), record(patientUid, { path: `records/${patientUid}/${id}` })),
  },
  beyond: {
    // The consent covers lab reports only.
    consent: ofTypes("lab_report"),
    together: {
      listed: "the ready records",
      request: (db, patientUids) =>
        getDocs(
          query(
            records(db),
            where("patientUid", "in", patientUids),
            where("status", "==", "ready"),
            where("type", "==", "lab_report"),
          ),
        ),
    },
    more: [
      [
        "doctor with consent to lab reports can list the patient's ready lab reports",
        "allow",
        doctor,
        (db) => getDocs(query(readyOf(db), where("type", "==", "lab_report"))),
      ],
      [
        "doctor with consent to lab reports cannot list the patient's ready records of every type",
        "deny",
        doctor,
        listReady.request,
      ],
      [
        "doctor with consent to lab reports cannot get the patient's imaging report",
        "deny",
        doctor,
        (db) => getDoc(recordRef(db, "record-imaging")),
      ],
      [
        "doctor with consent cannot list another patient's ready records",
        "deny",
        doctor,
        (db) => getDocs(query(readyOf(db, ACTORS.otherPatient.uid), where("type", "==", "lab_report"))),
      ],
      [
        "doctor with consent cannot list every ready lab report",
        "deny",
        doctor,
        (db) =>
          getDocs(query(records(db), where("status", "==", "ready"), where("type", "==", "lab_report"))),
      ],
      [
        "doctor with consent cannot get the patient's pending upload",
        "deny",
        doctor,
        (db) => getDoc(recordRef(db, "record-pending")),
      ],
    ],
  },
  more: {
    byName: datedCases,
    byOrganisation: [
      {
        label: "doctor of an organisation consented to for January 2026",
        actor: doctor,
        consents: [byOrg(ORG_A, dates({ from: "2026-01-01", to: "2026-01-31" }))],
        decision: "allow",
      },
      {
        label: "doctor of an organisation consented to for 2025",
        actor: doctor,
        consents: [byOrg(ORG_A, dates({ from: "2025-01-01", to: "2025-12-31" }))],
        decision: "deny",
      },
    ],
  },
});

describe("records: what a consent to every type, or to January, does not reach", () => {
  /** Everything, and the patient's consent to the doctor by name. */
  const consentedTo =
    (overrides: Record<string, unknown> = {}) =>
    async (db: Firestore) => {
      await seedAll(db);
      await addConsents(db, byName(doctor.uid, overrides));
    };
  expectEach(rules, "records", consentedTo(), [
    [
      "doctor with consent to every type can list the patient's ready records",
      "allow",
      doctor,
      listReady.request,
    ],
  ]);
  expectEach(rules, "records", consentedTo(dates({ from: "2026-01-01", to: "2026-01-31" })), [
    [
      "doctor with consent to January 2026 can list the patient's ready records dated in January",
      "allow",
      doctor,
      (db) =>
        getDocs(query(readyOf(db), where("date", ">=", "2026-01-01"), where("date", "<=", "2026-01-31"))),
    ],
    [
      "doctor with consent to January 2026 cannot list the patient's ready records of every date",
      "deny",
      doctor,
      listReady.request,
    ],
    [
      "doctor with consent to January 2026 cannot get the patient's record of June 2025",
      "deny",
      doctor,
      (db) => getDoc(recordRef(db, "record-imaging")),
    ],
  ]);
});

describe("records: shares", () => {
  const sharedUntil =
    (until: Timestamp, uid: string = sharedDoctor.uid!) =>
    (db: Firestore) =>
      seedAll(db, { appointmentId: null, shares: { [uid]: until }, sharedFor: ["appt-a"] });
  const getIt = (db: Firestore) => getDoc(recordRef(db));
  // Each share's end (read when the test runs: "a minute from now"), and whether its doctor reads.
  const byEnd: Array<[string, Decision, () => Timestamp]> = [
    ["the doctor it is shared with can get it while the share lasts", "allow", () => SHARED_UNTIL],
    [
      "the doctor it is shared with can get it a minute before the share ends",
      "allow",
      () => Timestamp.fromMillis(Date.now() + 60_000),
    ],
    ["the doctor it was shared with cannot get it after the share ended", "deny", () => SHARE_ENDED_AT],
    [
      "the doctor it was shared with cannot get it a minute after the share ended",
      "deny",
      () => Timestamp.fromMillis(Date.now() - 60_000),
    ],
  ];
  for (const [name, decision, until] of byEnd)
    expectEach(rules, "records", (db) => sharedUntil(until())(db), [[name, decision, sharedDoctor, getIt]]);
  expectEach(rules, "records", (db) => seedAll(db, { shares: { [sharedDoctor.uid!]: true } }), [
    ["a share that is not a timestamp lets nobody read", "deny", sharedDoctor, getIt],
  ]);
  expectEach(rules, "records", sharedUntil(SHARED_UNTIL), [
    [
      "the doctor it is shared with cannot get the patient's other records",
      "deny",
      sharedDoctor,
      (db) => getDoc(recordRef(db, "record-imaging")),
    ],
    ["doctor (same org) cannot get a record shared with a colleague", "deny", ACTORS.doctor, getIt],
    [
      "orgAdmin cannot get a record shared with a doctor of their organisation",
      "deny",
      ACTORS.orgAdmin,
      getIt,
    ],
    [
      "the doctor it is shared with cannot extend the share",
      "deny",
      sharedDoctor,
      (db) =>
        updateDoc(recordRef(db), {
          [`shares.${sharedDoctor.uid}`]: Timestamp.fromDate(new Date("2046-01-15T09:30:00.000Z")),
        }),
    ],
  ]);
  readMatrix(rules, {
    collection: "records",
    seed: sharedUntil(SHARED_UNTIL),
    cases: otherRolesOf(sharedDoctor, "the shared doctor's"),
    reads: [{ what: "get the shared record", request: getIt }],
  });
  expectEach(rules, "records", sharedUntil(SHARED_UNTIL, ACTORS.pharmacist.uid), [
    ["a pharmacist named in shares cannot get the record", "deny", ACTORS.pharmacist, getIt],
  ]);
  expectEach(rules, "records", sharedUntil(SHARE_ENDED_AT), [
    [
      "the doctor whose share ended cannot renew it",
      "deny",
      sharedDoctor,
      (db) => updateDoc(recordRef(db), { [`shares.${sharedDoctor.uid}`]: SHARED_UNTIL }),
    ],
  ]);
});

describe("records: pharmacists and admins never read them", () => {
  readMatrix(rules, {
    collection: "records",
    seed: seedAll,
    cases: deniedTo([
      localPharmacist,
      ACTORS.pharmacist,
      ACTORS.orgAdmin,
      ACTORS.otherOrgAdmin,
      ACTORS.platformAdmin,
    ]),
    reads: [getRecord, listReady],
  });
  readMatrix(rules, {
    collection: "records",
    seed: seedAll,
    cases: deniedTo([owner, sharedDoctor, ACTORS.doctor, ACTORS.orgAdmin, ACTORS.platformAdmin]),
    reads: [
      { what: "list every record", request: (db) => getDocs(records(db)) },
      {
        what: "list every ready record",
        request: (db) => getDocs(query(records(db), where("status", "==", "ready"))),
      },
    ],
  });
});

describe("records: nobody writes directly", () => {
  // Uploads go through requestRecordUpload (a signed URL) and confirmRecordUpload (the file's
  // real type and size checked); shares through shareRecords; erasure through deleteMyAccount.
  expectEach(rules, "records", seedOthers, [
    [
      "owner cannot create a ready record without an upload",
      "deny",
      owner,
      (db) =>
        setDoc(
          recordRef(db, "record-new"),
          record(owner.uid, { createdAt: serverTimestamp(), readyAt: serverTimestamp() }),
        ),
    ],
    [
      "owner cannot create a pending record",
      "deny",
      owner,
      (db) =>
        setDoc(
          recordRef(db, "record-new"),
          record(owner.uid, { status: "pending", readyAt: null, createdAt: serverTimestamp() }),
        ),
    ],
    [
      "a doctor cannot upload a ready record for the patient directly",
      "deny",
      sharedDoctor,
      (db) =>
        setDoc(
          recordRef(db, "record-new"),
          record(owner.uid, {
            uploadedBy: sharedDoctor.uid,
            uploaderRole: "doctor",
            appointmentId: "appt-a",
          }),
        ),
    ],
    [
      "otherPatient cannot create a record in the owner's name",
      "deny",
      ACTORS.otherPatient,
      (db) => setDoc(recordRef(db, "record-new"), record(owner.uid, { uploadedBy: ACTORS.otherPatient.uid })),
    ],
  ]);
  expectEach(rules, "records", seedAll, [
    [
      "owner cannot mark their pending upload ready",
      "deny",
      owner,
      (db) => updateDoc(recordRef(db, "record-pending"), { status: "ready", readyAt: serverTimestamp() }),
    ],
    [
      "owner cannot point the record at another file",
      "deny",
      owner,
      (db) => updateDoc(recordRef(db), { path: `records/${ACTORS.otherPatient.uid}/record-other` }),
    ],
    [
      "owner cannot share the record by writing shares",
      "deny",
      owner,
      (db) => updateDoc(recordRef(db), { [`shares.${ACTORS.doctor.uid}`]: SHARED_UNTIL }),
    ],
    [
      "owner cannot give the record to another patient",
      "deny",
      owner,
      (db) => updateDoc(recordRef(db), { patientUid: ACTORS.otherPatient.uid }),
    ],
    ["owner cannot delete the record directly", "deny", owner, (db) => deleteDoc(recordRef(db))],
    ["orgAdmin cannot delete the record", "deny", ACTORS.orgAdmin, (db) => deleteDoc(recordRef(db))],
    [
      "platformAdmin cannot mark a pending upload ready",
      "deny",
      ACTORS.platformAdmin,
      (db) => updateDoc(recordRef(db, "record-pending"), { status: "ready" }),
    ],
  ]);
  expectEach(
    rules,
    "records",
    (db) => seedAll(db, { status: "rejected", readyAt: null, rejectReason: "the file is not a PDF" }),
    [
      [
        "owner cannot mark a rejected upload ready",
        "deny",
        owner,
        (db) => updateDoc(recordRef(db), { status: "ready", rejectReason: null }),
      ],
    ],
  );
  expectEach(
    rules,
    "records",
    async (db) => {
      await seedAll(db, { type: "imaging" });
      await addConsents(db, byName(doctor.uid, ofTypes("lab_report")));
    },
    [
      [
        "doctor with consent cannot retype the record into their scope",
        "deny",
        ACTORS.doctor,
        (db) => updateDoc(recordRef(db), { type: "lab_report" }),
      ],
    ],
  );
});
