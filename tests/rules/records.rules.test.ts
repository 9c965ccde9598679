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
import { describe, it } from "vitest";
import {
  ACTORS,
  COLLIDING,
  CONSENT_EXPIRED_AT,
  ORG_A,
  ORG_B,
  OWNERS,
  RECORD_DATE,
  RECORD_ID,
  SHARED_UNTIL,
  SHARE_ENDED_AT,
  consent,
  consentIdFor,
  expectDecision,
  orgConsent,
  orgConsentIdFor,
  readOnly,
  record,
  row,
  runMatrix,
  useRulesEnv,
  type Actor,
  type Decision,
  type MatrixTable,
  runRevokedCases,
  type MatrixSpec,
} from "./support";

const rules = useRulesEnv();
const owner = { ...OWNERS.patient, label: "owner (the patient)" };
/** The doctor of an appointment the patient shares records with (shareRecords). */
const sharedDoctor: Actor = { ...OWNERS.doctor, label: "the doctor it is shared with" };
const otherOrgDoctor: Actor = {
  label: "a doctor of another organisation",
  uid: "doctor-b",
  claims: { role: "doctor", org: ORG_B },
};
/** A doctor whose token carries no organisation (an org consent cannot name them). */
const orglessDoctor: Actor = {
  label: "a doctor without an org claim",
  uid: "doctor-orgless",
  claims: { role: "doctor" },
};
const localPharmacist: Actor = { ...OWNERS.pharmacist, label: "pharmacist (same org)" };

const recordRef = (db: Firestore, id = RECORD_ID) => doc(db, "records", id);
const records = (db: Firestore) => collection(db, "records");
const consentRef = (db: Firestore, id: string) => doc(db, "consents", id);
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

const table: MatrixTable = {
  anonymous: row("deny"),
  owner: readOnly("allow"),
  otherPatient: row("deny"),
  doctor: row("deny"),
  pharmacist: row("deny"),
  orgAdmin: row("deny"),
  otherOrgAdmin: row("deny"),
  platformAdmin: row("deny"),
};

const matrix: MatrixSpec = {
  collection: "records",
  owner,
  async seed(db, op) {
    await seedOthers(db);
    if (op !== "create") await setDoc(recordRef(db), record(owner.uid));
  },
  requests: {
    get: (db) => getDoc(recordRef(db)),
    list: (db) => getDocs(thisRecord(db)),
    create: (db) =>
      setDoc(recordRef(db), record(owner.uid, { createdAt: serverTimestamp(), readyAt: serverTimestamp() })),
    update: (db) => updateDoc(recordRef(db), { title: "CBC (repeat)", tags: ["blood", "repeat"] }),
    delete: (db) => deleteDoc(recordRef(db)),
  },
  table,
};
runMatrix(rules, matrix);
runRevokedCases(rules, {
  collection: "records",
  actor: owner,
  seed: matrix.seed,
  requests: { get: matrix.requests.get, list: matrix.requests.list },
});

describe("records: the owner", () => {
  it("records: owner can list their ready records", async () => {
    await rules.seed(seedAll);
    await expectDecision("allow", getDocs(readyOf(rules.db(owner))));
  });
  it("records: owner can list their ready lab reports of January 2026", async () => {
    await rules.seed(seedAll);
    const january = query(
      readyOf(rules.db(owner)),
      where("type", "==", "lab_report"),
      where("date", ">=", "2026-01-01"),
      where("date", "<=", "2026-01-31"),
    );
    await expectDecision("allow", getDocs(january));
  });
  it("records: owner cannot list their records without filtering on status", async () => {
    // Pending and rejected uploads are no one's to read; the query must leave them out.
    await rules.seed(seedAll);
    await expectDecision(
      "deny",
      getDocs(query(records(rules.db(owner)), where("patientUid", "==", owner.uid))),
    );
  });
  it("records: owner cannot get another patient's record", async () => {
    await rules.seed(seedAll);
    await expectDecision("deny", getDoc(recordRef(rules.db(owner), "record-other")));
  });
  it("records: otherPatient cannot list the owner's ready records", async () => {
    await rules.seed(seedAll);
    await expectDecision("deny", getDocs(readyOf(rules.db(ACTORS.otherPatient))));
  });
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
      await setDoc(
        consentRef(db, consentIdFor(owner.uid, ACTORS.doctor.uid)),
        consent(owner.uid, ACTORS.doctor.uid),
      );
      await setDoc(consentRef(db, orgConsentIdFor(owner.uid, ORG_B)), orgConsent(owner.uid, ORG_B));
    };
    const readers: Actor[] = [
      owner,
      sharedDoctor,
      { ...ACTORS.doctor, label: "doctor with consent" },
      { ...otherOrgDoctor, label: "a doctor of a consented organisation" },
    ];
    for (const actor of readers) {
      it(`records: ${actor.label} cannot get a ${status} record`, async () => {
        await rules.seed(seed);
        await expectDecision("deny", getDoc(recordRef(rules.db(actor))));
      });
    }
    it(`records: owner cannot list their ${status} records`, async () => {
      await rules.seed(seed);
      const ofStatus = query(
        records(rules.db(owner)),
        where("patientUid", "==", owner.uid),
        where("status", "==", status),
      );
      await expectDecision("deny", getDocs(ofStatus));
    });
  }
});

describe("records: consent", () => {
  interface ConsentCase {
    label: string;
    actor: Actor;
    /** The consent documents seeded: their ids and contents. */
    consents: Array<[string, Record<string, unknown>]>;
    decision: Decision;
  }
  const doctor = ACTORS.doctor;
  /** A consent to `actor` by name, at its own id. */
  const toDoctor = (
    actor: Actor,
    overrides: Record<string, unknown> = {},
  ): [string, Record<string, unknown>] => [
    consentIdFor(owner.uid, actor.uid!),
    consent(owner.uid, actor.uid!, overrides),
  ];
  /** A consent to every doctor of `org`, at its own id. */
  const toOrg = (org: string, overrides: Record<string, unknown> = {}): [string, Record<string, unknown>] => [
    orgConsentIdFor(owner.uid, org),
    orgConsent(owner.uid, org, overrides),
  ];
  const types = (...t: string[]) => ({ scope: { all: false, types: t } });
  const dates = (range: { from?: string; to?: string }, t: string[] | "all" = "all") => ({
    scope: t === "all" ? { all: true, types: [], ...range } : { all: false, types: t, ...range },
  });

  const cases: ConsentCase[] = [
    // By name.
    {
      label: "doctor with consent to every record type",
      actor: doctor,
      consents: [toDoctor(doctor)],
      decision: "allow",
    },
    {
      label: "doctor with consent to lab reports",
      actor: doctor,
      consents: [toDoctor(doctor, types("lab_report"))],
      decision: "allow",
    },
    {
      label: "doctor with consent to imaging and lab reports",
      actor: doctor,
      consents: [toDoctor(doctor, types("imaging", "lab_report"))],
      decision: "allow",
    },
    {
      label: "a doctor of another organisation with consent",
      actor: otherOrgDoctor,
      consents: [toDoctor(otherOrgDoctor)],
      decision: "allow",
    },
    { label: "doctor without consent", actor: doctor, consents: [], decision: "deny" },
    {
      label: "a doctor of another organisation without consent",
      actor: otherOrgDoctor,
      consents: [],
      decision: "deny",
    },
    {
      label: "doctor with consent to imaging only (another type)",
      actor: doctor,
      consents: [toDoctor(doctor, types("imaging"))],
      decision: "deny",
    },
    {
      label: "doctor with consent to clinical notes and prescriptions only",
      actor: doctor,
      consents: [toDoctor(doctor, types("clinical_note", "prescription"))],
      decision: "deny",
    },
    {
      label: "doctor with consent to no type",
      actor: doctor,
      consents: [toDoctor(doctor, types())],
      decision: "deny",
    },
    // Dates: the record is dated RECORD_DATE (2026-01-10); from and to are inclusive.
    {
      label: "doctor with consent to January 2026",
      actor: doctor,
      consents: [toDoctor(doctor, dates({ from: "2026-01-01", to: "2026-01-31" }))],
      decision: "allow",
    },
    {
      label: "doctor with consent to lab reports of January 2026",
      actor: doctor,
      consents: [toDoctor(doctor, dates({ from: "2026-01-01", to: "2026-01-31" }, ["lab_report"]))],
      decision: "allow",
    },
    {
      label: "doctor with consent from the record's date",
      actor: doctor,
      consents: [toDoctor(doctor, dates({ from: RECORD_DATE }))],
      decision: "allow",
    },
    {
      label: "doctor with consent up to the record's date",
      actor: doctor,
      consents: [toDoctor(doctor, dates({ to: RECORD_DATE }))],
      decision: "allow",
    },
    {
      label: "doctor with consent to the record's day only",
      actor: doctor,
      consents: [toDoctor(doctor, dates({ from: RECORD_DATE, to: RECORD_DATE }))],
      decision: "allow",
    },
    {
      label: "doctor with consent to February 2026 (after the record)",
      actor: doctor,
      consents: [toDoctor(doctor, dates({ from: "2026-02-01", to: "2026-02-28" }))],
      decision: "deny",
    },
    {
      label: "doctor with consent to 2025 (before the record)",
      actor: doctor,
      consents: [toDoctor(doctor, dates({ from: "2025-01-01", to: "2025-12-31" }))],
      decision: "deny",
    },
    {
      label: "doctor with consent from the day after the record",
      actor: doctor,
      consents: [toDoctor(doctor, dates({ from: "2026-01-11" }))],
      decision: "deny",
    },
    {
      label: "doctor with consent up to the day before the record",
      actor: doctor,
      consents: [toDoctor(doctor, dates({ to: "2026-01-09" }))],
      decision: "deny",
    },
    {
      label: "doctor with consent to imaging of January 2026 (the right dates, another type)",
      actor: doctor,
      consents: [toDoctor(doctor, dates({ from: "2026-01-01", to: "2026-01-31" }, ["imaging"]))],
      decision: "deny",
    },
    // Expired, revoked.
    {
      label: "doctor whose consent expired",
      actor: doctor,
      consents: [toDoctor(doctor, { expiresAt: CONSENT_EXPIRED_AT })],
      decision: "deny",
    },
    {
      label: "doctor whose consent expired a minute ago",
      actor: doctor,
      consents: [toDoctor(doctor, { expiresAt: Timestamp.fromMillis(Date.now() - 60_000) })],
      decision: "deny",
    },
    {
      label: "doctor whose consent has no expiry",
      actor: doctor,
      consents: [toDoctor(doctor, { expiresAt: null })],
      decision: "deny",
    },
    {
      label: "doctor whose consent was revoked",
      actor: doctor,
      consents: [toDoctor(doctor, { status: "revoked", revokedAt: Timestamp.now() })],
      decision: "deny",
    },
    // The document's fields, not its id, name the patient and the grantee.
    {
      label: "doctor, with a consent at their id whose fields name another patient",
      actor: doctor,
      consents: [[consentIdFor(owner.uid, doctor.uid), consent(ACTORS.otherPatient.uid, doctor.uid)]],
      decision: "deny",
    },
    {
      label: "doctor, with a consent at their id whose fields name another grantee",
      actor: doctor,
      consents: [[consentIdFor(owner.uid, doctor.uid), consent(owner.uid, otherOrgDoctor.uid!)]],
      decision: "deny",
    },
    {
      label: "doctor, with a consent at their id that names no grantee",
      actor: doctor,
      consents: [
        [consentIdFor(owner.uid, doctor.uid), { ...consent(owner.uid, doctor.uid), granteeUid: null }],
      ],
      decision: "deny",
    },
    {
      label: "doctor, with a consent at their id that names their organisation instead",
      actor: doctor,
      consents: [[consentIdFor(owner.uid, doctor.uid), orgConsent(owner.uid, ORG_A)]],
      decision: "deny",
    },
    {
      label: "doctor, when the patient consented to another doctor",
      actor: doctor,
      consents: [toDoctor(otherOrgDoctor)],
      decision: "deny",
    },
    {
      label: "doctor, with another patient's consent to them",
      actor: doctor,
      consents: [
        [consentIdFor(ACTORS.otherPatient.uid, doctor.uid), consent(ACTORS.otherPatient.uid, doctor.uid)],
      ],
      decision: "deny",
    },
    // An organisation's doctors (consents/{patient}_org:{org}, granteeOrg).
    {
      label: "doctor of a consented organisation",
      actor: doctor,
      consents: [toOrg(ORG_A)],
      decision: "allow",
    },
    {
      label: "a doctor of another organisation, consented to by organisation",
      actor: otherOrgDoctor,
      consents: [toOrg(ORG_B)],
      decision: "allow",
    },
    {
      label: "doctor of an organisation consented to for lab reports",
      actor: doctor,
      consents: [toOrg(ORG_A, types("lab_report"))],
      decision: "allow",
    },
    {
      label: "doctor of an organisation consented to for January 2026",
      actor: doctor,
      consents: [toOrg(ORG_A, dates({ from: "2026-01-01", to: "2026-01-31" }))],
      decision: "allow",
    },
    {
      label: "a doctor of another organisation, when ORG_A is consented to",
      actor: otherOrgDoctor,
      consents: [toOrg(ORG_A)],
      decision: "deny",
    },
    {
      label: "a doctor without an org claim, when ORG_A is consented to",
      actor: orglessDoctor,
      consents: [toOrg(ORG_A)],
      decision: "deny",
    },
    {
      label: "doctor of an organisation consented to for imaging only",
      actor: doctor,
      consents: [toOrg(ORG_A, types("imaging"))],
      decision: "deny",
    },
    {
      label: "doctor of an organisation consented to for 2025",
      actor: doctor,
      consents: [toOrg(ORG_A, dates({ from: "2025-01-01", to: "2025-12-31" }))],
      decision: "deny",
    },
    {
      label: "doctor of an organisation whose consent expired",
      actor: doctor,
      consents: [toOrg(ORG_A, { expiresAt: CONSENT_EXPIRED_AT })],
      decision: "deny",
    },
    {
      label: "doctor of an organisation whose consent was revoked",
      actor: doctor,
      consents: [toOrg(ORG_A, { status: "revoked", revokedAt: Timestamp.now() })],
      decision: "deny",
    },
    {
      label: "doctor, with an org consent at ORG_A's id whose fields name ORG_B",
      actor: doctor,
      consents: [[orgConsentIdFor(owner.uid, ORG_A), orgConsent(owner.uid, ORG_B)]],
      decision: "deny",
    },
    {
      label: "a doctor of ORG_B, with an org consent at ORG_A's id whose fields name ORG_B",
      actor: otherOrgDoctor,
      consents: [[orgConsentIdFor(owner.uid, ORG_A), orgConsent(owner.uid, ORG_B)]],
      decision: "deny",
    },
    {
      label: "doctor, with an org consent at ORG_A's id whose fields name another patient",
      actor: doctor,
      consents: [[orgConsentIdFor(owner.uid, ORG_A), orgConsent(ACTORS.otherPatient.uid, ORG_A)]],
      decision: "deny",
    },
    {
      label: "doctor, with an org consent at ORG_A's id that names a grantee uid instead",
      actor: doctor,
      consents: [[orgConsentIdFor(owner.uid, ORG_A), consent(owner.uid, doctor.uid)]],
      decision: "deny",
    },
    {
      label: "doctor, when a revoked consent by name sits beside an active one to their organisation",
      actor: doctor,
      consents: [toDoctor(doctor, { status: "revoked" }), toOrg(ORG_A)],
      decision: "allow",
    },
    {
      label: "doctor, when an expired org consent sits beside a consent by name to imaging only",
      actor: doctor,
      consents: [toDoctor(doctor, types("imaging")), toOrg(ORG_A, { expiresAt: CONSENT_EXPIRED_AT })],
      decision: "deny",
    },
    // Consent reaches doctors only.
    {
      label: "pharmacist named in a consent",
      actor: ACTORS.pharmacist,
      consents: [toDoctor(ACTORS.pharmacist)],
      decision: "deny",
    },
    {
      label: "pharmacist of a consented organisation",
      actor: localPharmacist,
      consents: [toOrg(ORG_A)],
      decision: "deny",
    },
    {
      label: "orgAdmin named in a consent",
      actor: ACTORS.orgAdmin,
      consents: [toDoctor(ACTORS.orgAdmin)],
      decision: "deny",
    },
    {
      label: "orgAdmin of a consented organisation",
      actor: ACTORS.orgAdmin,
      consents: [toOrg(ORG_A)],
      decision: "deny",
    },
    {
      label: "platformAdmin, when ORG_A is consented to",
      actor: ACTORS.platformAdmin,
      consents: [toOrg(ORG_A)],
      decision: "deny",
    },
    {
      label: "a consented doctor's uid with a patient role",
      actor: { label: "patient", uid: doctor.uid, claims: { role: "patient" } },
      consents: [toDoctor(doctor)],
      decision: "deny",
    },
  ];

  for (const c of cases) {
    const seed = async (db: Firestore) => {
      await seedAll(db);
      for (const [id, data] of c.consents) await setDoc(consentRef(db, id), data);
    };
    const verb = c.decision === "allow" ? "can" : "cannot";
    it(`records: ${c.label} ${verb} get the record`, async () => {
      await rules.seed(seed);
      await expectDecision(c.decision, getDoc(recordRef(rules.db(c.actor))));
    });
    it(`records: ${c.label} ${verb} list the patient's ready lab reports of the record's date`, async () => {
      await rules.seed(seed);
      await expectDecision(c.decision, getDocs(thisRecord(rules.db(c.actor))));
    });
  }

  describe("records: the id-collision case", () => {
    // consents/p_x_d is patient p's consent to x_d; it is not patient p_x's consent to d.
    const d: Actor = { label: "doctor d", uid: COLLIDING.doctorUid, claims: { role: "doctor", org: ORG_A } };
    const xd: Actor = {
      label: "doctor x_d",
      uid: COLLIDING.granteeUid,
      claims: { role: "doctor", org: ORG_B },
    };
    const seed = async (db: Firestore) => {
      await seedAll(db);
      await setDoc(
        recordRef(db, "record-p"),
        record(COLLIDING.patientUid, { path: `records/${COLLIDING.patientUid}/record-p` }),
      );
      await setDoc(
        recordRef(db, "record-p_x"),
        record(COLLIDING.otherPatientUid, { path: `records/${COLLIDING.otherPatientUid}/record-p_x` }),
      );
      await setDoc(consentRef(db, COLLIDING.consentId), consent(COLLIDING.patientUid, COLLIDING.granteeUid));
    };
    it("records: doctor d cannot get patient p_x's record through p's consent to x_d (consents/p_x_d)", async () => {
      await rules.seed(seed);
      await expectDecision("deny", getDoc(recordRef(rules.db(d), "record-p_x")));
    });
    it("records: doctor d cannot list patient p_x's ready records through consents/p_x_d", async () => {
      await rules.seed(seed);
      await expectDecision("deny", getDocs(readyOf(rules.db(d), COLLIDING.otherPatientUid)));
    });
    it("records: doctor d cannot get patient p's record", async () => {
      await rules.seed(seed);
      await expectDecision("deny", getDoc(recordRef(rules.db(d), "record-p")));
    });
    it("records: doctor x_d, whom p consented to, can get p's record", async () => {
      await rules.seed(seed);
      await expectDecision("allow", getDoc(recordRef(rules.db(xd), "record-p")));
    });
    it("records: doctor x_d cannot get patient p_x's record", async () => {
      await rules.seed(seed);
      await expectDecision("deny", getDoc(recordRef(rules.db(xd), "record-p_x")));
    });
  });

  describe("records: what a consent does not reach", () => {
    const seedConsented = async (db: Firestore) => {
      await seedAll(db);
      await setDoc(
        consentRef(db, consentIdFor(owner.uid, doctor.uid)),
        consent(owner.uid, doctor.uid, types("lab_report")),
      );
    };
    it("records: doctor with consent to every type can list the patient's ready records", async () => {
      await rules.seed(async (db) => {
        await seedAll(db);
        await setDoc(consentRef(db, consentIdFor(owner.uid, doctor.uid)), consent(owner.uid, doctor.uid));
      });
      await expectDecision("allow", getDocs(readyOf(rules.db(doctor))));
    });
    it("records: doctor with consent to lab reports can list the patient's ready lab reports", async () => {
      await rules.seed(seedConsented);
      await expectDecision(
        "allow",
        getDocs(query(readyOf(rules.db(doctor)), where("type", "==", "lab_report"))),
      );
    });
    it("records: doctor with consent to lab reports cannot list the patient's ready records of every type", async () => {
      await rules.seed(seedConsented);
      await expectDecision("deny", getDocs(readyOf(rules.db(doctor))));
    });
    it("records: doctor with consent to lab reports cannot get the patient's imaging report", async () => {
      await rules.seed(seedConsented);
      await expectDecision("deny", getDoc(recordRef(rules.db(doctor), "record-imaging")));
    });
    it("records: doctor with consent to January 2026 can list the patient's ready records dated in January", async () => {
      await rules.seed(async (db) => {
        await seedAll(db);
        await setDoc(
          consentRef(db, consentIdFor(owner.uid, doctor.uid)),
          consent(owner.uid, doctor.uid, dates({ from: "2026-01-01", to: "2026-01-31" })),
        );
      });
      const january = query(
        readyOf(rules.db(doctor)),
        where("date", ">=", "2026-01-01"),
        where("date", "<=", "2026-01-31"),
      );
      await expectDecision("allow", getDocs(january));
    });
    it("records: doctor with consent to January 2026 cannot list the patient's ready records of every date", async () => {
      await rules.seed(async (db) => {
        await seedAll(db);
        await setDoc(
          consentRef(db, consentIdFor(owner.uid, doctor.uid)),
          consent(owner.uid, doctor.uid, dates({ from: "2026-01-01", to: "2026-01-31" })),
        );
      });
      await expectDecision("deny", getDocs(readyOf(rules.db(doctor))));
    });
    it("records: doctor with consent to January 2026 cannot get the patient's record of June 2025", async () => {
      await rules.seed(async (db) => {
        await seedAll(db);
        await setDoc(
          consentRef(db, consentIdFor(owner.uid, doctor.uid)),
          consent(owner.uid, doctor.uid, dates({ from: "2026-01-01", to: "2026-01-31" })),
        );
      });
      await expectDecision("deny", getDoc(recordRef(rules.db(doctor), "record-imaging")));
    });
    it("records: doctor with consent cannot get another patient's record", async () => {
      await rules.seed(seedConsented);
      await expectDecision("deny", getDoc(recordRef(rules.db(doctor), "record-other")));
    });
    it("records: doctor with consent cannot list another patient's ready records", async () => {
      await rules.seed(seedConsented);
      await expectDecision(
        "deny",
        getDocs(query(readyOf(rules.db(doctor), ACTORS.otherPatient.uid), where("type", "==", "lab_report"))),
      );
    });
    it("records: doctor with consent cannot list the ready records of the patient and another patient together", async () => {
      await rules.seed(seedConsented);
      const both = query(
        records(rules.db(doctor)),
        where("patientUid", "in", [owner.uid, ACTORS.otherPatient.uid]),
        where("status", "==", "ready"),
        where("type", "==", "lab_report"),
      );
      await expectDecision("deny", getDocs(both));
    });
    it("records: doctor with consent cannot list every ready lab report", async () => {
      await rules.seed(seedConsented);
      await expectDecision(
        "deny",
        getDocs(
          query(records(rules.db(doctor)), where("status", "==", "ready"), where("type", "==", "lab_report")),
        ),
      );
    });
    it("records: doctor with consent cannot get the patient's pending upload", async () => {
      await rules.seed(seedConsented);
      await expectDecision("deny", getDoc(recordRef(rules.db(doctor), "record-pending")));
    });
  });
});

describe("records: shares", () => {
  const sharedUntil =
    (until: Timestamp, uid: string = sharedDoctor.uid!) =>
    (db: Firestore) =>
      seedAll(db, { appointmentId: null, shares: { [uid]: until }, sharedFor: ["appt-a"] });
  it("records: the doctor it is shared with can get it while the share lasts", async () => {
    await rules.seed(sharedUntil(SHARED_UNTIL));
    await expectDecision("allow", getDoc(recordRef(rules.db(sharedDoctor))));
  });
  it("records: the doctor it is shared with can get it a minute before the share ends", async () => {
    await rules.seed(sharedUntil(Timestamp.fromMillis(Date.now() + 60_000)));
    await expectDecision("allow", getDoc(recordRef(rules.db(sharedDoctor))));
  });
  it("records: the doctor it was shared with cannot get it after the share ended", async () => {
    await rules.seed(sharedUntil(SHARE_ENDED_AT));
    await expectDecision("deny", getDoc(recordRef(rules.db(sharedDoctor))));
  });
  it("records: the doctor it was shared with cannot get it a minute after the share ended", async () => {
    await rules.seed(sharedUntil(Timestamp.fromMillis(Date.now() - 60_000)));
    await expectDecision("deny", getDoc(recordRef(rules.db(sharedDoctor))));
  });
  it("records: a share that is not a timestamp lets nobody read", async () => {
    await rules.seed((db) => seedAll(db, { shares: { [sharedDoctor.uid!]: true } }));
    await expectDecision("deny", getDoc(recordRef(rules.db(sharedDoctor))));
  });
  it("records: the doctor it is shared with cannot get the patient's other records", async () => {
    await rules.seed(sharedUntil(SHARED_UNTIL));
    await expectDecision("deny", getDoc(recordRef(rules.db(sharedDoctor), "record-imaging")));
  });
  it("records: doctor (same org) cannot get a record shared with a colleague", async () => {
    await rules.seed(sharedUntil(SHARED_UNTIL));
    await expectDecision("deny", getDoc(recordRef(rules.db(ACTORS.doctor))));
  });
  it("records: orgAdmin cannot get a record shared with a doctor of their organisation", async () => {
    await rules.seed(sharedUntil(SHARED_UNTIL));
    await expectDecision("deny", getDoc(recordRef(rules.db(ACTORS.orgAdmin))));
  });
  const notADoctor: Actor[] = [
    {
      label: "the shared doctor's uid with a patient role",
      uid: sharedDoctor.uid,
      claims: { role: "patient" },
    },
    {
      label: "the shared doctor's uid with an admin role",
      uid: sharedDoctor.uid,
      claims: { role: "admin", org: ORG_A },
    },
    {
      label: "the shared doctor's uid with a pharmacist role",
      uid: sharedDoctor.uid,
      claims: { role: "pharmacist", org: ORG_A, pharmacy: "pharmacy-a" },
    },
  ];
  for (const actor of notADoctor) {
    it(`records: ${actor.label} cannot get the shared record`, async () => {
      await rules.seed(sharedUntil(SHARED_UNTIL));
      await expectDecision("deny", getDoc(recordRef(rules.db(actor))));
    });
  }
  it("records: a pharmacist named in shares cannot get the record", async () => {
    await rules.seed(sharedUntil(SHARED_UNTIL, ACTORS.pharmacist.uid));
    await expectDecision("deny", getDoc(recordRef(rules.db(ACTORS.pharmacist))));
  });
  it("records: the doctor it is shared with cannot extend the share", async () => {
    await rules.seed(sharedUntil(SHARED_UNTIL));
    await expectDecision(
      "deny",
      updateDoc(recordRef(rules.db(sharedDoctor)), {
        [`shares.${sharedDoctor.uid}`]: Timestamp.fromDate(new Date("2046-01-15T09:30:00.000Z")),
      }),
    );
  });
  it("records: the doctor whose share ended cannot renew it", async () => {
    await rules.seed(sharedUntil(SHARE_ENDED_AT));
    await expectDecision(
      "deny",
      updateDoc(recordRef(rules.db(sharedDoctor)), { [`shares.${sharedDoctor.uid}`]: SHARED_UNTIL }),
    );
  });
});

describe("records: pharmacists and admins never read them", () => {
  const actors: Actor[] = [
    localPharmacist,
    ACTORS.pharmacist,
    ACTORS.orgAdmin,
    ACTORS.otherOrgAdmin,
    ACTORS.platformAdmin,
  ];
  for (const actor of actors) {
    it(`records: ${actor.label} cannot get the record`, async () => {
      await rules.seed(seedAll);
      await expectDecision("deny", getDoc(recordRef(rules.db(actor))));
    });
    it(`records: ${actor.label} cannot list the patient's ready records`, async () => {
      await rules.seed(seedAll);
      await expectDecision("deny", getDocs(readyOf(rules.db(actor))));
    });
  }
  for (const actor of [owner, sharedDoctor, ACTORS.doctor, ACTORS.orgAdmin, ACTORS.platformAdmin]) {
    it(`records: ${actor.label} cannot list every record`, async () => {
      await rules.seed(seedAll);
      await expectDecision("deny", getDocs(records(rules.db(actor))));
    });
    it(`records: ${actor.label} cannot list every ready record`, async () => {
      await rules.seed(seedAll);
      await expectDecision("deny", getDocs(query(records(rules.db(actor)), where("status", "==", "ready"))));
    });
  }
});

describe("records: nobody writes directly", () => {
  // Uploads go through requestRecordUpload (a signed URL) and confirmRecordUpload (the file's
  // real type and size checked); shares through shareRecords; erasure through deleteMyAccount.
  it("records: owner cannot create a ready record without an upload", async () => {
    await rules.seed(seedOthers);
    await expectDecision(
      "deny",
      setDoc(
        recordRef(rules.db(owner), "record-new"),
        record(owner.uid, { createdAt: serverTimestamp(), readyAt: serverTimestamp() }),
      ),
    );
  });
  it("records: owner cannot create a pending record", async () => {
    await rules.seed(seedOthers);
    await expectDecision(
      "deny",
      setDoc(
        recordRef(rules.db(owner), "record-new"),
        record(owner.uid, { status: "pending", readyAt: null, createdAt: serverTimestamp() }),
      ),
    );
  });
  it("records: owner cannot mark their pending upload ready", async () => {
    await rules.seed(seedAll);
    await expectDecision(
      "deny",
      updateDoc(recordRef(rules.db(owner), "record-pending"), {
        status: "ready",
        readyAt: serverTimestamp(),
      }),
    );
  });
  it("records: owner cannot mark a rejected upload ready", async () => {
    await rules.seed((db) =>
      seedAll(db, { status: "rejected", readyAt: null, rejectReason: "the file is not a PDF" }),
    );
    await expectDecision(
      "deny",
      updateDoc(recordRef(rules.db(owner)), { status: "ready", rejectReason: null }),
    );
  });
  it("records: owner cannot point the record at another file", async () => {
    await rules.seed(seedAll);
    await expectDecision(
      "deny",
      updateDoc(recordRef(rules.db(owner)), { path: `records/${ACTORS.otherPatient.uid}/record-other` }),
    );
  });
  it("records: owner cannot share the record by writing shares", async () => {
    await rules.seed(seedAll);
    await expectDecision(
      "deny",
      updateDoc(recordRef(rules.db(owner)), { [`shares.${ACTORS.doctor.uid}`]: SHARED_UNTIL }),
    );
  });
  it("records: owner cannot give the record to another patient", async () => {
    await rules.seed(seedAll);
    await expectDecision(
      "deny",
      updateDoc(recordRef(rules.db(owner)), { patientUid: ACTORS.otherPatient.uid }),
    );
  });
  it("records: owner cannot delete the record directly", async () => {
    await rules.seed(seedAll);
    await expectDecision("deny", deleteDoc(recordRef(rules.db(owner))));
  });
  it("records: doctor with consent cannot retype the record into their scope", async () => {
    await rules.seed(async (db) => {
      await seedAll(db, { type: "imaging" });
      await setDoc(
        consentRef(db, consentIdFor(owner.uid, ACTORS.doctor.uid)),
        consent(owner.uid, ACTORS.doctor.uid, { scope: { all: false, types: ["lab_report"] } }),
      );
    });
    await expectDecision("deny", updateDoc(recordRef(rules.db(ACTORS.doctor)), { type: "lab_report" }));
  });
  it("records: a doctor cannot upload a ready record for the patient directly", async () => {
    await rules.seed(seedOthers);
    await expectDecision(
      "deny",
      setDoc(
        recordRef(rules.db(sharedDoctor), "record-new"),
        record(owner.uid, { uploadedBy: sharedDoctor.uid, uploaderRole: "doctor", appointmentId: "appt-a" }),
      ),
    );
  });
  it("records: otherPatient cannot create a record in the owner's name", async () => {
    await rules.seed(seedOthers);
    await expectDecision(
      "deny",
      setDoc(
        recordRef(rules.db(ACTORS.otherPatient), "record-new"),
        record(owner.uid, { uploadedBy: ACTORS.otherPatient.uid }),
      ),
    );
  });
  it("records: orgAdmin cannot delete the record", async () => {
    await rules.seed(seedAll);
    await expectDecision("deny", deleteDoc(recordRef(rules.db(ACTORS.orgAdmin))));
  });
  it("records: platformAdmin cannot mark a pending upload ready", async () => {
    await rules.seed(seedAll);
    await expectDecision(
      "deny",
      updateDoc(recordRef(rules.db(ACTORS.platformAdmin), "record-pending"), { status: "ready" }),
    );
  });
});
