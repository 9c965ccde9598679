// clinicalRecords/{appointmentId}: the current version of an appointment's clinical record
// (SOAP note, diagnoses, vitals), and every version under versions/{0001, 0002, ...}. Written only
// by writeClinicalRecord (amendments add a version, never overwrite one). Read by the patient
// (patientUid, the matrix "owner"), the treating doctor (doctorUid, with the doctor role), and a
// doctor the patient consented to: consents/{patientUid}_{doctorUid}, active, not expired, and
// covering 'clinical_note' (scope all, or the type listed), whatever the doctor's organisation.
// Nobody else reads it: no colleague without consent, no admin, no pharmacist; nobody writes it.
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
  CONSULTED_APPOINTMENT_ID,
  ORG_A,
  ORG_B,
  OWNERS,
  clinicalRecord,
  consent,
  consentIdFor,
  expectDecision,
  orgConsent,
  orgConsentIdFor,
  readOnly,
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
const treatingDoctor: Actor = { ...OWNERS.doctor, label: "treatingDoctor" };
const demoted: Actor = {
  label: "the treating doctor's uid with a patient role",
  uid: treatingDoctor.uid,
  claims: { role: "patient" },
};
const otherOrgDoctor: Actor = {
  label: "a doctor of another organisation",
  uid: "doctor-b",
  claims: { role: "doctor", org: ORG_B },
};

const recordRef = (db: Firestore, id = CONSULTED_APPOINTMENT_ID) => doc(db, "clinicalRecords", id);
const records = (db: Firestore) => collection(db, "clinicalRecords");
const versionRef = (db: Firestore, version = "0001", id = CONSULTED_APPOINTMENT_ID) =>
  doc(db, "clinicalRecords", id, "versions", version);
const versions = (db: Firestore, id = CONSULTED_APPOINTMENT_ID) =>
  collection(db, "clinicalRecords", id, "versions");
const consentRef = (db: Firestore, patientUid: string, granteeUid: string) =>
  doc(db, "consents", consentIdFor(patientUid, granteeUid));
const byField = (db: Firestore, field: "patientUid" | "doctorUid" | "org", value: string) =>
  query(records(db), where(field, "==", value));
/** The query that returns exactly this record's kind: its patient, its doctor, its org. */
const thisRecord = (db: Firestore) =>
  query(
    records(db),
    where("patientUid", "==", owner.uid),
    where("doctorUid", "==", treatingDoctor.uid!),
    where("org", "==", ORG_A),
  );

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
    clinicalRecord(ACTORS.otherPatient.uid, otherOrgDoctor.uid!, { appointmentId: "appt-b", org: ORG_B }),
  );
  await setDoc(
    recordRef(db, "appt-owner-b"),
    clinicalRecord(owner.uid, otherOrgDoctor.uid!, { appointmentId: "appt-owner-b", org: ORG_B }),
  );
  await setDoc(
    versionRef(db, "0001", "appt-b"),
    clinicalRecord(ACTORS.otherPatient.uid, otherOrgDoctor.uid!, { appointmentId: "appt-b", org: ORG_B }),
  );
}
/** Everything, with the record under test amended once: versions 0001 and 0002. */
async function seedAll(db: Firestore) {
  await seedOthers(db);
  await setDoc(recordRef(db), clinicalRecord(owner.uid, treatingDoctor.uid!, amended));
  await setDoc(versionRef(db, "0001"), clinicalRecord(owner.uid, treatingDoctor.uid!));
  await setDoc(versionRef(db, "0002"), clinicalRecord(owner.uid, treatingDoctor.uid!, amended));
}
/** Everything, and a consent document from `patientUid` to `granteeUid`. */
const seedWithConsent =
  (patientUid: string, granteeUid: string, overrides: Record<string, unknown> = {}) =>
  async (db: Firestore) => {
    await seedAll(db);
    await setDoc(consentRef(db, patientUid, granteeUid), consent(patientUid, granteeUid, overrides));
  };

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
  collection: "clinicalRecords",
  owner,
  async seed(db, op) {
    await seedOthers(db);
    if (op !== "create") await setDoc(recordRef(db), clinicalRecord(owner.uid, treatingDoctor.uid!));
  },
  requests: {
    get: (db) => getDoc(recordRef(db)),
    list: (db) => getDocs(thisRecord(db)),
    create: (db) =>
      setDoc(
        recordRef(db),
        clinicalRecord(owner.uid, treatingDoctor.uid!, {
          writtenAt: serverTimestamp(),
          createdAt: serverTimestamp(),
        }),
      ),
    update: (db) => updateDoc(recordRef(db), { ...amended, writtenAt: serverTimestamp() }),
    delete: (db) => deleteDoc(recordRef(db)),
  },
  table,
};
runMatrix(rules, matrix);
runRevokedCases(rules, {
  collection: "clinicalRecords",
  actor: owner,
  seed: matrix.seed,
  requests: { get: matrix.requests.get, list: matrix.requests.list },
});
runRevokedCases(rules, {
  collection: "clinicalRecords",
  actor: treatingDoctor,
  seed: matrix.seed,
  requests: { get: matrix.requests.get },
});
runRevokedCases(rules, {
  collection: "clinicalRecords",
  actor: { ...ACTORS.doctor, label: "consented doctor" },
  seed: seedWithConsent(owner.uid, ACTORS.doctor.uid!),
  requests: { get: matrix.requests.get },
});

// The record's versions: the same readers, decided through the parent record.
const versionsMatrix: MatrixSpec = {
  collection: "clinicalRecord versions",
  owner,
  async seed(db, op) {
    await seedOthers(db);
    await setDoc(recordRef(db), clinicalRecord(owner.uid, treatingDoctor.uid!));
    if (op !== "create") await setDoc(versionRef(db), clinicalRecord(owner.uid, treatingDoctor.uid!));
  },
  requests: {
    get: (db) => getDoc(versionRef(db)),
    list: (db) => getDocs(versions(db)),
    create: (db) =>
      setDoc(
        versionRef(db),
        clinicalRecord(owner.uid, treatingDoctor.uid!, { writtenAt: serverTimestamp() }),
      ),
    update: (db) => updateDoc(versionRef(db), { "soap.assessment": "Something else entirely." }),
    delete: (db) => deleteDoc(versionRef(db)),
  },
  table,
};
runMatrix(rules, versionsMatrix);
runRevokedCases(rules, {
  collection: "clinicalRecord versions",
  actor: owner,
  seed: versionsMatrix.seed,
  requests: { get: versionsMatrix.requests.get, list: versionsMatrix.requests.list },
});
runRevokedCases(rules, {
  collection: "clinicalRecord versions",
  actor: treatingDoctor,
  seed: versionsMatrix.seed,
  requests: { get: versionsMatrix.requests.get, list: versionsMatrix.requests.list },
});

describe("clinicalRecords: the treating doctor", () => {
  it("clinicalRecords: treatingDoctor can get the record", async () => {
    await rules.seed(seedAll);
    await expectDecision("allow", getDoc(recordRef(rules.db(treatingDoctor))));
  });
  it("clinicalRecords: treatingDoctor can list their records by doctorUid", async () => {
    await rules.seed(seedAll);
    await expectDecision(
      "allow",
      getDocs(byField(rules.db(treatingDoctor), "doctorUid", treatingDoctor.uid!)),
    );
  });
  it("clinicalRecords: treatingDoctor can get the first version", async () => {
    await rules.seed(seedAll);
    await expectDecision("allow", getDoc(versionRef(rules.db(treatingDoctor), "0001")));
  });
  it("clinicalRecords: treatingDoctor can list the versions", async () => {
    await rules.seed(seedAll);
    await expectDecision("allow", getDocs(versions(rules.db(treatingDoctor))));
  });
  it("clinicalRecords: treatingDoctor cannot get the patient's record from another doctor's visit", async () => {
    await rules.seed(seedAll);
    await expectDecision("deny", getDoc(recordRef(rules.db(treatingDoctor), "appt-owner-b")));
  });
  it("clinicalRecords: treatingDoctor cannot list the patient's records by patientUid", async () => {
    // Being the doctor of one visit is not consent to the patient's whole history.
    await rules.seed(seedAll);
    await expectDecision("deny", getDocs(byField(rules.db(treatingDoctor), "patientUid", owner.uid)));
  });

  const notADoctor: Array<[Actor, string]> = [
    [demoted, "the treating doctor's uid with a patient role"],
    [
      {
        label: "pharmacist",
        uid: treatingDoctor.uid,
        claims: { role: "pharmacist", org: ORG_A, pharmacy: "pharmacy-a" },
      },
      "the treating doctor's uid with a pharmacist role",
    ],
    [
      { label: "admin", uid: treatingDoctor.uid, claims: { role: "admin", org: ORG_A } },
      "the treating doctor's uid with an admin role",
    ],
  ];
  for (const [actor, label] of notADoctor) {
    it(`clinicalRecords: ${label} cannot get the record`, async () => {
      await rules.seed(seedAll);
      await expectDecision("deny", getDoc(recordRef(rules.db(actor))));
    });
    it(`clinicalRecords: ${label} cannot list by doctorUid`, async () => {
      await rules.seed(seedAll);
      await expectDecision("deny", getDocs(byField(rules.db(actor), "doctorUid", treatingDoctor.uid!)));
    });
    it(`clinicalRecords: ${label} cannot list the versions`, async () => {
      await rules.seed(seedAll);
      await expectDecision("deny", getDocs(versions(rules.db(actor))));
    });
  }
});

describe("clinicalRecords: consent", () => {
  interface ConsentCase {
    label: string;
    actor: Actor;
    /** The consent document seeded, or none. */
    consent: { patientUid: string; granteeUid: string; overrides?: Record<string, unknown> } | null;
    decision: Decision;
  }
  const to = (actor: Actor, overrides: Record<string, unknown> = {}) => ({
    patientUid: owner.uid,
    granteeUid: actor.uid!,
    overrides,
  });
  const doctor = ACTORS.doctor;
  const cases: ConsentCase[] = [
    {
      label: "doctor (same org) with consent to every record type",
      actor: doctor,
      consent: to(doctor),
      decision: "allow",
    },
    {
      label: "doctor with consent to clinical notes",
      actor: doctor,
      consent: to(doctor, { scope: { all: false, types: ["clinical_note"] } }),
      decision: "allow",
    },
    {
      label: "doctor with consent to clinical notes and prescriptions",
      actor: doctor,
      consent: to(doctor, { scope: { all: false, types: ["prescription", "clinical_note"] } }),
      decision: "allow",
    },
    {
      label: "a doctor of another organisation with consent",
      actor: otherOrgDoctor,
      consent: to(otherOrgDoctor),
      decision: "allow",
    },
    {
      label: "a doctor of another organisation with consent to clinical notes",
      actor: otherOrgDoctor,
      consent: to(otherOrgDoctor, { scope: { all: false, types: ["clinical_note"] } }),
      decision: "allow",
    },
    { label: "doctor without consent", actor: doctor, consent: null, decision: "deny" },
    {
      label: "a doctor of another organisation without consent",
      actor: otherOrgDoctor,
      consent: null,
      decision: "deny",
    },
    {
      label: "doctor with consent to prescriptions only",
      actor: doctor,
      consent: to(doctor, { scope: { all: false, types: ["prescription"] } }),
      decision: "deny",
    },
    {
      label: "doctor with consent to no type",
      actor: doctor,
      consent: to(doctor, { scope: { all: false, types: [] } }),
      decision: "deny",
    },
    {
      label: "doctor with a consent scope that lists no types",
      actor: doctor,
      consent: to(doctor, { scope: { all: false } }),
      decision: "deny",
    },
    {
      label: "doctor whose consent expired",
      actor: doctor,
      consent: to(doctor, { expiresAt: CONSENT_EXPIRED_AT }),
      decision: "deny",
    },
    {
      label: "doctor whose consent expired a minute ago",
      actor: doctor,
      consent: to(doctor, { expiresAt: Timestamp.fromMillis(Date.now() - 60_000) }),
      decision: "deny",
    },
    {
      label: "doctor whose consent has no expiry",
      actor: doctor,
      consent: to(doctor, { expiresAt: null }),
      decision: "deny",
    },
    {
      label: "doctor whose consent was revoked",
      actor: doctor,
      consent: to(doctor, { status: "revoked", revokedAt: Timestamp.now() }),
      decision: "deny",
    },
    {
      label: "a doctor of another organisation whose consent was revoked",
      actor: otherOrgDoctor,
      consent: to(otherOrgDoctor, { status: "revoked" }),
      decision: "deny",
    },
    {
      label: "doctor with consent from another patient",
      actor: doctor,
      consent: { patientUid: ACTORS.otherPatient.uid, granteeUid: doctor.uid },
      decision: "deny",
    },
    {
      label: "doctor, when the patient consented to another doctor",
      actor: doctor,
      consent: { patientUid: owner.uid, granteeUid: otherOrgDoctor.uid! },
      decision: "deny",
    },
    // Consent reaches clinicians with the doctor role only.
    {
      label: "pharmacist named in a consent to every record type",
      actor: ACTORS.pharmacist,
      consent: to(ACTORS.pharmacist),
      decision: "deny",
    },
    {
      label: "a pharmacist of the same organisation named in a consent",
      actor: { ...OWNERS.pharmacist, label: "pharmacist (same org)" },
      consent: to(OWNERS.pharmacist),
      decision: "deny",
    },
    {
      label: "orgAdmin named in a consent",
      actor: ACTORS.orgAdmin,
      consent: to(ACTORS.orgAdmin),
      decision: "deny",
    },
    {
      label: "a consented doctor's uid with a patient role",
      actor: { label: "patient", uid: doctor.uid, claims: { role: "patient" } },
      consent: to(doctor),
      decision: "deny",
    },
  ];

  for (const c of cases) {
    const seed = async (db: Firestore) => {
      if (c.consent)
        await seedWithConsent(c.consent.patientUid, c.consent.granteeUid, c.consent.overrides)(db);
      else await seedAll(db);
    };
    const verb = c.decision === "allow" ? "can" : "cannot";
    it(`clinicalRecords: ${c.label} ${verb} get the record`, async () => {
      await rules.seed(seed);
      await expectDecision(c.decision, getDoc(recordRef(rules.db(c.actor))));
    });
    it(`clinicalRecords: ${c.label} ${verb} list the patient's records by patientUid`, async () => {
      await rules.seed(seed);
      await expectDecision(c.decision, getDocs(byField(rules.db(c.actor), "patientUid", owner.uid)));
    });
    it(`clinicalRecords: ${c.label} ${verb} get the first version`, async () => {
      await rules.seed(seed);
      await expectDecision(c.decision, getDoc(versionRef(rules.db(c.actor), "0001")));
    });
    it(`clinicalRecords: ${c.label} ${verb} list the versions`, async () => {
      await rules.seed(seed);
      await expectDecision(c.decision, getDocs(versions(rules.db(c.actor))));
    });
  }

  describe("clinicalRecords: what a consent does not reach", () => {
    const seedConsented = seedWithConsent(owner.uid, ACTORS.doctor.uid);
    it("clinicalRecords: doctor with consent can get the patient's record from another organisation", async () => {
      await rules.seed(seedConsented);
      await expectDecision("allow", getDoc(recordRef(rules.db(ACTORS.doctor), "appt-owner-b")));
    });
    it("clinicalRecords: doctor with consent cannot get another patient's record", async () => {
      await rules.seed(seedConsented);
      await expectDecision("deny", getDoc(recordRef(rules.db(ACTORS.doctor), "appt-b")));
    });
    it("clinicalRecords: doctor with consent cannot list another patient's versions", async () => {
      await rules.seed(seedConsented);
      await expectDecision("deny", getDocs(versions(rules.db(ACTORS.doctor), "appt-b")));
    });
    it("clinicalRecords: doctor with consent cannot list another patient's records by patientUid", async () => {
      await rules.seed(seedConsented);
      await expectDecision(
        "deny",
        getDocs(byField(rules.db(ACTORS.doctor), "patientUid", ACTORS.otherPatient.uid)),
      );
    });
    it("clinicalRecords: doctor with consent cannot list records of the patient and another patient together", async () => {
      await rules.seed(seedConsented);
      const both = query(
        records(rules.db(ACTORS.doctor)),
        where("patientUid", "in", [owner.uid, ACTORS.otherPatient.uid]),
      );
      await expectDecision("deny", getDocs(both));
    });
    it("clinicalRecords: doctor with consent cannot list the treating doctor's records by doctorUid", async () => {
      await rules.seed(seedConsented);
      await expectDecision(
        "deny",
        getDocs(byField(rules.db(ACTORS.doctor), "doctorUid", treatingDoctor.uid!)),
      );
    });
    it("clinicalRecords: doctor with consent cannot list every record", async () => {
      await rules.seed(seedConsented);
      await expectDecision("deny", getDocs(records(rules.db(ACTORS.doctor))));
    });
    it("clinicalRecords: doctor with consent cannot amend the record", async () => {
      await rules.seed(seedConsented);
      await expectDecision(
        "deny",
        updateDoc(recordRef(rules.db(ACTORS.doctor)), { ...amended, version: 3, author: ACTORS.doctor.uid }),
      );
    });
    it("clinicalRecords: doctor with consent cannot add a version", async () => {
      await rules.seed(seedConsented);
      await expectDecision(
        "deny",
        setDoc(
          versionRef(rules.db(ACTORS.doctor), "0003"),
          clinicalRecord(owner.uid, treatingDoctor.uid!, {
            ...amended,
            version: 3,
            author: ACTORS.doctor.uid,
          }),
        ),
      );
    });
    it("clinicalRecords: doctor cannot grant themselves consent", async () => {
      await rules.seed(seedAll);
      await expectDecision(
        "deny",
        setDoc(
          consentRef(rules.db(ACTORS.doctor), owner.uid, ACTORS.doctor.uid),
          consent(owner.uid, ACTORS.doctor.uid),
        ),
      );
    });
  });
});

describe("clinicalRecords: a consent counts by its fields, not its id", () => {
  const doctor = ACTORS.doctor;
  interface FieldCase {
    label: string;
    /** Where the consent is stored, and what it says. */
    id: string;
    data: Record<string, unknown>;
  }
  const cases: FieldCase[] = [
    {
      label: "a consent at the doctor's id whose fields name another patient",
      id: consentIdFor(owner.uid, doctor.uid),
      data: consent(ACTORS.otherPatient.uid, doctor.uid),
    },
    {
      label: "a consent at the doctor's id whose fields name another grantee",
      id: consentIdFor(owner.uid, doctor.uid),
      data: consent(owner.uid, otherOrgDoctor.uid!),
    },
    {
      label: "a consent at the doctor's id that names their organisation instead",
      id: consentIdFor(owner.uid, doctor.uid),
      data: orgConsent(owner.uid, ORG_A),
    },
    {
      label: "an org consent at ORG_A's id whose fields name ORG_B",
      id: orgConsentIdFor(owner.uid, ORG_A),
      data: orgConsent(owner.uid, ORG_B),
    },
    {
      label: "an org consent at ORG_A's id whose fields name another patient",
      id: orgConsentIdFor(owner.uid, ORG_A),
      data: orgConsent(ACTORS.otherPatient.uid, ORG_A),
    },
    {
      label: "an org consent at ORG_A's id that names the doctor by uid instead",
      id: orgConsentIdFor(owner.uid, ORG_A),
      data: consent(owner.uid, doctor.uid),
    },
  ];
  for (const c of cases) {
    const seed = async (db: Firestore) => {
      await seedAll(db);
      await setDoc(doc(db, "consents", c.id), c.data);
    };
    it(`clinicalRecords: doctor (same org), with ${c.label}, cannot get the record`, async () => {
      await rules.seed(seed);
      await expectDecision("deny", getDoc(recordRef(rules.db(doctor))));
    });
    it(`clinicalRecords: doctor (same org), with ${c.label}, cannot list the patient's records by patientUid`, async () => {
      await rules.seed(seed);
      await expectDecision("deny", getDocs(byField(rules.db(doctor), "patientUid", owner.uid)));
    });
    it(`clinicalRecords: doctor (same org), with ${c.label}, cannot list the versions`, async () => {
      await rules.seed(seed);
      await expectDecision("deny", getDocs(versions(rules.db(doctor))));
    });
  }

  describe("clinicalRecords: the id-collision case", () => {
    // consents/p_x_d is patient p's consent to x_d; it is not patient p_x's consent to d.
    const d: Actor = { label: "doctor d", uid: COLLIDING.doctorUid, claims: { role: "doctor", org: ORG_A } };
    const xd: Actor = {
      label: "doctor x_d",
      uid: COLLIDING.granteeUid,
      claims: { role: "doctor", org: ORG_B },
    };
    const seed = async (db: Firestore) => {
      await seedAll(db);
      for (const patientUid of [COLLIDING.patientUid, COLLIDING.otherPatientUid]) {
        const id = `appt-${patientUid}`;
        await setDoc(
          recordRef(db, id),
          clinicalRecord(patientUid, treatingDoctor.uid!, { appointmentId: id }),
        );
        await setDoc(
          versionRef(db, "0001", id),
          clinicalRecord(patientUid, treatingDoctor.uid!, { appointmentId: id }),
        );
      }
      await setDoc(
        consentRef(db, COLLIDING.patientUid, COLLIDING.granteeUid),
        consent(COLLIDING.patientUid, COLLIDING.granteeUid),
      );
    };
    it("clinicalRecords: doctor d cannot get patient p_x's record through p's consent to x_d (consents/p_x_d)", async () => {
      await rules.seed(seed);
      await expectDecision("deny", getDoc(recordRef(rules.db(d), `appt-${COLLIDING.otherPatientUid}`)));
    });
    it("clinicalRecords: doctor d cannot list patient p_x's records through consents/p_x_d", async () => {
      await rules.seed(seed);
      await expectDecision("deny", getDocs(byField(rules.db(d), "patientUid", COLLIDING.otherPatientUid)));
    });
    it("clinicalRecords: doctor d cannot list the versions of patient p_x's record through consents/p_x_d", async () => {
      await rules.seed(seed);
      await expectDecision("deny", getDocs(versions(rules.db(d), `appt-${COLLIDING.otherPatientUid}`)));
    });
    it("clinicalRecords: doctor x_d, whom p consented to, can get p's record", async () => {
      await rules.seed(seed);
      await expectDecision("allow", getDoc(recordRef(rules.db(xd), `appt-${COLLIDING.patientUid}`)));
    });
    it("clinicalRecords: doctor x_d cannot get patient p_x's record", async () => {
      await rules.seed(seed);
      await expectDecision("deny", getDoc(recordRef(rules.db(xd), `appt-${COLLIDING.otherPatientUid}`)));
    });
  });
});

describe("clinicalRecords: consent to an organisation's doctors", () => {
  interface OrgCase {
    label: string;
    actor: Actor;
    org: string;
    overrides?: Record<string, unknown>;
    decision: Decision;
  }
  const orglessDoctor: Actor = {
    label: "a doctor without an org claim",
    uid: "doctor-orgless",
    claims: { role: "doctor" },
  };
  const cases: OrgCase[] = [
    { label: "doctor of the consented organisation", actor: ACTORS.doctor, org: ORG_A, decision: "allow" },
    {
      label: "doctor of an organisation consented to for clinical notes",
      actor: ACTORS.doctor,
      org: ORG_A,
      overrides: { scope: { all: false, types: ["clinical_note"] } },
      decision: "allow",
    },
    {
      label: "a doctor of another organisation consented to by organisation",
      actor: otherOrgDoctor,
      org: ORG_B,
      decision: "allow",
    },
    {
      label: "a doctor of another organisation, when ORG_A is consented to",
      actor: otherOrgDoctor,
      org: ORG_A,
      decision: "deny",
    },
    {
      label: "a doctor without an org claim, when ORG_A is consented to",
      actor: orglessDoctor,
      org: ORG_A,
      decision: "deny",
    },
    {
      label: "doctor of an organisation consented to for prescriptions only",
      actor: ACTORS.doctor,
      org: ORG_A,
      overrides: { scope: { all: false, types: ["prescription"] } },
      decision: "deny",
    },
    {
      label: "doctor of an organisation whose consent expired",
      actor: ACTORS.doctor,
      org: ORG_A,
      overrides: { expiresAt: CONSENT_EXPIRED_AT },
      decision: "deny",
    },
    {
      label: "doctor of an organisation whose consent was revoked",
      actor: ACTORS.doctor,
      org: ORG_A,
      overrides: { status: "revoked", revokedAt: Timestamp.now() },
      decision: "deny",
    },
    { label: "orgAdmin of the consented organisation", actor: ACTORS.orgAdmin, org: ORG_A, decision: "deny" },
    {
      label: "pharmacist of the consented organisation",
      actor: { ...OWNERS.pharmacist, label: "pharmacist (same org)" },
      org: ORG_A,
      decision: "deny",
    },
    {
      label: "platformAdmin, when ORG_A is consented to",
      actor: ACTORS.platformAdmin,
      org: ORG_A,
      decision: "deny",
    },
  ];
  for (const c of cases) {
    const seed = async (db: Firestore) => {
      await seedAll(db);
      await setDoc(
        doc(db, "consents", orgConsentIdFor(owner.uid, c.org)),
        orgConsent(owner.uid, c.org, c.overrides),
      );
    };
    const verb = c.decision === "allow" ? "can" : "cannot";
    it(`clinicalRecords: ${c.label} ${verb} get the record`, async () => {
      await rules.seed(seed);
      await expectDecision(c.decision, getDoc(recordRef(rules.db(c.actor))));
    });
    it(`clinicalRecords: ${c.label} ${verb} list the patient's records by patientUid`, async () => {
      await rules.seed(seed);
      await expectDecision(c.decision, getDocs(byField(rules.db(c.actor), "patientUid", owner.uid)));
    });
    it(`clinicalRecords: ${c.label} ${verb} get the first version`, async () => {
      await rules.seed(seed);
      await expectDecision(c.decision, getDoc(versionRef(rules.db(c.actor), "0001")));
    });
  }
  it("clinicalRecords: doctor of the consented organisation cannot get another patient's record", async () => {
    await rules.seed(async (db) => {
      await seedAll(db);
      await setDoc(doc(db, "consents", orgConsentIdFor(owner.uid, ORG_B)), orgConsent(owner.uid, ORG_B));
    });
    await expectDecision("deny", getDoc(recordRef(rules.db(otherOrgDoctor), "appt-colleague")));
  });
});

describe("clinicalRecords: pharmacists never read them", () => {
  const pharmacists: Actor[] = [{ ...OWNERS.pharmacist, label: "pharmacist (same org)" }, ACTORS.pharmacist];
  for (const actor of pharmacists) {
    it(`clinicalRecords: ${actor.label} cannot get the record`, async () => {
      await rules.seed(seedAll);
      await expectDecision("deny", getDoc(recordRef(rules.db(actor))));
    });
    it(`clinicalRecords: ${actor.label} cannot list the patient's records by patientUid`, async () => {
      await rules.seed(seedAll);
      await expectDecision("deny", getDocs(byField(rules.db(actor), "patientUid", owner.uid)));
    });
    it(`clinicalRecords: ${actor.label} cannot get a version`, async () => {
      await rules.seed(seedAll);
      await expectDecision("deny", getDoc(versionRef(rules.db(actor), "0002")));
    });
  }
});

describe("clinicalRecords: each reader's query", () => {
  it("clinicalRecords: owner can list their records by patientUid", async () => {
    await rules.seed(seedAll);
    await expectDecision("allow", getDocs(byField(rules.db(owner), "patientUid", owner.uid)));
  });
  it("clinicalRecords: owner can get the record of their visit to another organisation", async () => {
    await rules.seed(seedAll);
    await expectDecision("allow", getDoc(recordRef(rules.db(owner), "appt-owner-b")));
  });
  it("clinicalRecords: owner can get the amended version", async () => {
    await rules.seed(seedAll);
    await expectDecision("allow", getDoc(versionRef(rules.db(owner), "0002")));
  });
  it("clinicalRecords: owner cannot list their doctor's records by doctorUid", async () => {
    await rules.seed(seedAll);
    await expectDecision("deny", getDocs(byField(rules.db(owner), "doctorUid", treatingDoctor.uid!)));
  });
  it("clinicalRecords: owner cannot get another patient's record", async () => {
    await rules.seed(seedAll);
    await expectDecision("deny", getDoc(recordRef(rules.db(owner), "appt-colleague")));
  });
  it("clinicalRecords: otherPatient cannot list the owner's records by patientUid", async () => {
    await rules.seed(seedAll);
    await expectDecision("deny", getDocs(byField(rules.db(ACTORS.otherPatient), "patientUid", owner.uid)));
  });
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

  const orgQueries: Array<[Actor, string]> = [
    [ACTORS.orgAdmin, ORG_A],
    [ACTORS.otherOrgAdmin, ORG_B],
    [ACTORS.platformAdmin, ORG_A],
    [ACTORS.doctor, ORG_A],
  ];
  for (const [actor, org] of orgQueries) {
    it(`clinicalRecords: ${actor.label} cannot list records where org is ${org}`, async () => {
      await rules.seed(seedAll);
      await expectDecision("deny", getDocs(byField(rules.db(actor), "org", org)));
    });
  }
  for (const actor of [owner, treatingDoctor, ACTORS.orgAdmin, ACTORS.platformAdmin]) {
    it(`clinicalRecords: ${actor.label} cannot list every record`, async () => {
      await rules.seed(seedAll);
      await expectDecision("deny", getDocs(records(rules.db(actor))));
    });
  }
  it("clinicalRecords: owner cannot query versions as a collection group", async () => {
    await rules.seed(seedAll);
    await expectDecision(
      "deny",
      getDocs(query(collectionGroup(rules.db(owner), "versions"), where("patientUid", "==", owner.uid))),
    );
  });
});

describe("clinicalRecords: nobody writes directly", () => {
  // writeClinicalRecord checks the author, the appointment and the amendment reason, and keeps every version.
  it("clinicalRecords: treatingDoctor cannot write the first version directly", async () => {
    await rules.seed(seedOthers);
    await expectDecision(
      "deny",
      setDoc(
        recordRef(rules.db(treatingDoctor)),
        clinicalRecord(owner.uid, treatingDoctor.uid!, { writtenAt: serverTimestamp() }),
      ),
    );
  });
  it("clinicalRecords: treatingDoctor cannot amend the record in place", async () => {
    await rules.seed(seedAll);
    await expectDecision(
      "deny",
      updateDoc(recordRef(rules.db(treatingDoctor)), {
        ...amended,
        version: 3,
        amendmentReason: "Typo",
        writtenAt: serverTimestamp(),
      }),
    );
  });
  it("clinicalRecords: treatingDoctor cannot rewrite an earlier version", async () => {
    await rules.seed(seedAll);
    await expectDecision(
      "deny",
      updateDoc(versionRef(rules.db(treatingDoctor), "0001"), {
        "soap.assessment": "Bacterial pharyngitis.",
      }),
    );
  });
  it("clinicalRecords: treatingDoctor cannot add a version", async () => {
    await rules.seed(seedAll);
    await expectDecision(
      "deny",
      setDoc(
        versionRef(rules.db(treatingDoctor), "0003"),
        clinicalRecord(owner.uid, treatingDoctor.uid!, { ...amended, version: 3, amendmentReason: "Typo" }),
      ),
    );
  });
  it("clinicalRecords: treatingDoctor cannot delete an earlier version", async () => {
    await rules.seed(seedAll);
    await expectDecision("deny", deleteDoc(versionRef(rules.db(treatingDoctor), "0001")));
  });
  it("clinicalRecords: owner cannot correct their own vitals", async () => {
    await rules.seed(seedAll);
    await expectDecision("deny", updateDoc(recordRef(rules.db(owner)), { "vitals.weightKg": 58 }));
  });
  it("clinicalRecords: owner cannot delete their record", async () => {
    await rules.seed(seedAll);
    await expectDecision("deny", deleteDoc(recordRef(rules.db(owner))));
  });
  it("clinicalRecords: orgAdmin cannot delete a record", async () => {
    await rules.seed(seedAll);
    await expectDecision("deny", deleteDoc(recordRef(rules.db(ACTORS.orgAdmin))));
  });
  it("clinicalRecords: platformAdmin cannot create a record in another organisation", async () => {
    await rules.seed(seedOthers);
    await expectDecision(
      "deny",
      setDoc(
        recordRef(rules.db(ACTORS.platformAdmin), "appt-new"),
        clinicalRecord(ACTORS.otherPatient.uid, otherOrgDoctor.uid!, { org: ORG_B }),
      ),
    );
  });
  it("clinicalRecords: platformAdmin cannot delete a version", async () => {
    await rules.seed(seedAll);
    await expectDecision("deny", deleteDoc(versionRef(rules.db(ACTORS.platformAdmin), "0002")));
  });
});
