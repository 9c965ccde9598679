// The reads of a patient's clinical documents, declared once for every collection that holds them
// (clinicalRecords, prescriptions, records). Such a document is read by its patient, by the doctor
// who wrote it, and by a doctor the patient consented to: by name (consents/{patientUid}_{doctorUid},
// granteeUid) or by organisation (consents/{patientUid}_org:{org}, granteeOrg, the doctor's `org`
// claim). A consent counts while it is active, unexpired and covers the document's type, and only
// through its fields, not its id. Nobody else reads: not a doctor without consent, a pharmacist, an
// admin, or a consented doctor's uid with another role.
//
// `readMatrix` is the runner underneath, also used for the other "only these people read it"
// blocks: one it() per case (an actor, the consents seeded beside the collection, the decision)
// and read, named "<collection>: <case> can|cannot <read>".
import { collection, doc, query, setDoc, Timestamp, where, type Firestore } from "firebase/firestore";
import { describe, it } from "vitest";
import {
  ACTORS,
  COLLIDING,
  CONSENT_EXPIRED_AT,
  ORG_A,
  ORG_B,
  OWNERS,
  PHARMACY_A,
  consent,
  consentIdFor,
  expectDecision,
  expectEach,
  orgConsent,
  orgConsentIdFor,
  readOnly,
  row,
  type Actor,
  type Decision,
  type Expectation,
  type MatrixTable,
  type RulesHarness,
} from "../support";

// ---- the actors of a patient's documents ---------------------------------------------------

/** The patient, the matrix "owner" of every document here. */
export const PATIENT = { ...OWNERS.patient, label: "owner (the patient)" } satisfies Actor;
export const OTHER_ORG_DOCTOR = {
  label: "a doctor of another organisation",
  uid: "doctor-b",
  claims: { role: "doctor", org: ORG_B },
} satisfies Actor;
/** A doctor whose token carries no organisation (an org consent cannot name them). */
export const ORGLESS_DOCTOR: Actor = {
  label: "a doctor without an org claim",
  uid: "doctor-orgless",
  claims: { role: "doctor" },
};

/** The doctor who wrote the documents under test (OWNERS.doctor, of ORG_A). */
export const TREATING_DOCTOR = { ...OWNERS.doctor, label: "treatingDoctor" } satisfies Actor;

/**
 * The listings of a collection of patients' documents: all of it, by one field, and the query that
 * names exactly the kind of the document under test (its patient, its treating doctor, ORG_A).
 */
export function patientDocuments(name: string) {
  const all = (db: Firestore) => collection(db, name);
  return {
    all,
    byField: (db: Firestore, field: string, value: string) => query(all(db), where(field, "==", value)),
    ofKind: (db: Firestore) =>
      query(
        all(db),
        where("patientUid", "==", PATIENT.uid),
        where("doctorUid", "==", TREATING_DOCTOR.uid),
        where("org", "==", ORG_A),
      ),
  };
}

/** Only the patient reads; nobody writes (the functions do, with the Admin SDK). */
export const PATIENT_READS_ONLY: MatrixTable = {
  anonymous: row("deny"),
  owner: readOnly("allow"),
  otherPatient: row("deny"),
  doctor: row("deny"),
  pharmacist: row("deny"),
  orgAdmin: row("deny"),
  otherOrgAdmin: row("deny"),
  platformAdmin: row("deny"),
};

// ---- the runner --------------------------------------------------------------------------------

/** A request an actor makes, as test names say it ("get the record"). */
export interface Read {
  what: string;
  request(db: Firestore): Promise<unknown>;
}

/** A consent document seeded beside the collection: its id under consents/, and its fields. */
export type ConsentSeed = readonly [id: string, data: Record<string, unknown>];

export interface ReadCase {
  /** Who asks, as test names say it. */
  label: string;
  actor: Actor;
  consents?: readonly ConsentSeed[];
  decision: Decision;
}

/** One it() per case and read: "<collection>: <label> can|cannot <read>". */
export function readMatrix(
  rules: RulesHarness,
  spec: {
    collection: string;
    seed(db: Firestore): Promise<unknown>;
    cases: readonly ReadCase[];
    reads: readonly Read[];
  },
): void {
  for (const c of spec.cases) {
    const seed = async (db: Firestore) => {
      await spec.seed(db);
      await addConsents(db, ...(c.consents ?? []));
    };
    const verb = c.decision === "allow" ? "can" : "cannot";
    for (const read of spec.reads) {
      it(`${spec.collection}: ${c.label} ${verb} ${read.what}`, async () => {
        await rules.seed(seed);
        await expectDecision(c.decision, read.request(rules.db(c.actor)));
      });
    }
  }
}

/** Each actor refused, named by its label. */
export function deniedTo(actors: readonly Actor[]): ReadCase[] {
  return actors.map((actor) => ({ label: actor.label, actor, decision: "deny" }));
}

/**
 * A doctor's uid with a patient's, a pharmacist's and an admin's claims: the rules must check the
 * role, not only the uid. `whose` names the doctor: "the treating doctor's uid with a patient role".
 */
export function otherRolesOf(doctor: Actor, whose: string): ReadCase[] {
  const as = (role: string, claims: Actor["claims"]): ReadCase => ({
    label: `${whose} uid with ${role} role`,
    actor: { label: role, uid: doctor.uid, claims },
    decision: "deny",
  });
  return [
    as("a patient", { role: "patient" }),
    as("a pharmacist", { role: "pharmacist", org: ORG_A, pharmacy: PHARMACY_A }),
    as("an admin", { role: "admin", org: ORG_A }),
  ];
}

/**
 * No list wider than a reader's own documents: not by organisation (an org is not a reader; asked
 * by its doctors and admins), and not the whole collection (asked by `listers`).
 */
export function noWideLists(
  rules: RulesHarness,
  spec: {
    collection: string;
    /** One document, and several, as test names say them: "record", "records". */
    noun: string;
    plural: string;
    seed(db: Firestore): Promise<unknown>;
    byOrg(db: Firestore, org: string): Promise<unknown>;
    all(db: Firestore): Promise<unknown>;
    listers: readonly Actor[];
  },
): void {
  const askers: Array<[Actor, string]> = [
    [ACTORS.orgAdmin, ORG_A],
    [ACTORS.otherOrgAdmin, ORG_B],
    [ACTORS.platformAdmin, ORG_A],
    [ACTORS.doctor, ORG_A],
  ];
  expectEach(
    rules,
    spec.collection,
    spec.seed,
    askers.map(([actor, org]) => [
      `${actor.label} cannot list ${spec.plural} where org is ${org}`,
      "deny",
      actor,
      (db) => spec.byOrg(db, org),
    ]),
  );
  readMatrix(rules, {
    collection: spec.collection,
    seed: spec.seed,
    cases: deniedTo(spec.listers),
    reads: [{ what: `list every ${spec.noun}`, request: spec.all }],
  });
}

// ---- consents ----------------------------------------------------------------------------------

/** The patient's consent to `granteeUid` by name, at its own id. */
export const byName = (granteeUid: string, overrides: Record<string, unknown> = {}): ConsentSeed => [
  consentIdFor(PATIENT.uid, granteeUid),
  consent(PATIENT.uid, granteeUid, overrides),
];
/** The patient's consent to every doctor of `org`, at its own id. */
export const byOrg = (org: string, overrides: Record<string, unknown> = {}): ConsentSeed => [
  orgConsentIdFor(PATIENT.uid, org),
  orgConsent(PATIENT.uid, org, overrides),
];
/** Writes consent documents (seeds run with the rules disabled). */
export async function addConsents(db: Firestore, ...seeds: readonly ConsentSeed[]): Promise<void> {
  for (const [id, data] of seeds) await setDoc(doc(db, "consents", id), data);
}
/** A scope of these record types only. */
export const ofTypes = (...types: string[]) => ({ scope: { all: false, types } });

/** The record type that covers a collection's documents, and one that does not. */
export interface ConsentKind {
  /** The scope type: "clinical_note". */
  type: string;
  /** As test names say it: "clinical notes". */
  label: string;
  other: string;
  otherLabel: string;
  /** Both, as test names say them (the consent lists the other first). */
  bothLabel: string;
}

/** Consents by name: active, expired, revoked, of another scope, to someone else, to another role. */
export function consentsByName(kind: ConsentKind): ReadCase[] {
  const doctor = ACTORS.doctor;
  const pharmacist: Actor = { ...OWNERS.pharmacist, label: "pharmacist (same org)" };
  const allow = "allow" as const;
  const deny = "deny" as const;
  return [
    {
      label: "doctor (same org) with consent to every record type",
      actor: doctor,
      consents: [byName(doctor.uid)],
      decision: allow,
    },
    {
      label: `doctor with consent to ${kind.label}`,
      actor: doctor,
      consents: [byName(doctor.uid, ofTypes(kind.type))],
      decision: allow,
    },
    {
      label: `doctor with consent to ${kind.bothLabel}`,
      actor: doctor,
      consents: [byName(doctor.uid, ofTypes(kind.other, kind.type))],
      decision: allow,
    },
    {
      label: "a doctor of another organisation with consent",
      actor: OTHER_ORG_DOCTOR,
      consents: [byName(OTHER_ORG_DOCTOR.uid)],
      decision: allow,
    },
    {
      label: `a doctor of another organisation with consent to ${kind.label}`,
      actor: OTHER_ORG_DOCTOR,
      consents: [byName(OTHER_ORG_DOCTOR.uid, ofTypes(kind.type))],
      decision: allow,
    },
    { label: "doctor without consent", actor: doctor, decision: deny },
    { label: "a doctor of another organisation without consent", actor: OTHER_ORG_DOCTOR, decision: deny },
    {
      label: `doctor with consent to ${kind.otherLabel} only`,
      actor: doctor,
      consents: [byName(doctor.uid, ofTypes(kind.other))],
      decision: deny,
    },
    {
      label: "doctor with consent to no type",
      actor: doctor,
      consents: [byName(doctor.uid, ofTypes())],
      decision: deny,
    },
    {
      label: "doctor with a consent scope that lists no types",
      actor: doctor,
      consents: [byName(doctor.uid, { scope: { all: false } })],
      decision: deny,
    },
    {
      label: "doctor whose consent expired",
      actor: doctor,
      consents: [byName(doctor.uid, { expiresAt: CONSENT_EXPIRED_AT })],
      decision: deny,
    },
    {
      label: "doctor whose consent expired a minute ago",
      actor: doctor,
      consents: [byName(doctor.uid, { expiresAt: Timestamp.fromMillis(Date.now() - 60_000) })],
      decision: deny,
    },
    {
      label: "doctor whose consent has no expiry",
      actor: doctor,
      consents: [byName(doctor.uid, { expiresAt: null })],
      decision: deny,
    },
    {
      label: "doctor whose consent was revoked",
      actor: doctor,
      consents: [byName(doctor.uid, { status: "revoked", revokedAt: Timestamp.now() })],
      decision: deny,
    },
    {
      label: "a doctor of another organisation whose consent was revoked",
      actor: OTHER_ORG_DOCTOR,
      consents: [byName(OTHER_ORG_DOCTOR.uid, { status: "revoked" })],
      decision: deny,
    },
    {
      label: "doctor with consent from another patient",
      actor: doctor,
      consents: [
        [consentIdFor(ACTORS.otherPatient.uid, doctor.uid), consent(ACTORS.otherPatient.uid, doctor.uid)],
      ],
      decision: deny,
    },
    {
      label: "doctor, when the patient consented to another doctor",
      actor: doctor,
      consents: [byName(OTHER_ORG_DOCTOR.uid)],
      decision: deny,
    },
    // Consent reaches clinicians with the doctor role only.
    {
      label: "pharmacist named in a consent to every record type",
      actor: ACTORS.pharmacist,
      consents: [byName(ACTORS.pharmacist.uid)],
      decision: deny,
    },
    {
      label: "a pharmacist of the same organisation named in a consent",
      actor: pharmacist,
      consents: [byName(pharmacist.uid!)],
      decision: deny,
    },
    {
      label: `a pharmacist of the same organisation named in a consent to ${kind.label}`,
      actor: pharmacist,
      consents: [byName(pharmacist.uid!, ofTypes(kind.type))],
      decision: deny,
    },
    {
      label: "orgAdmin named in a consent",
      actor: ACTORS.orgAdmin,
      consents: [byName(ACTORS.orgAdmin.uid)],
      decision: deny,
    },
    {
      label: "a consented doctor's uid with a patient role",
      actor: { label: "patient", uid: doctor.uid, claims: { role: "patient" } },
      consents: [byName(doctor.uid)],
      decision: deny,
    },
  ];
}

/** Consents stored at the doctor's (or their organisation's) id whose fields say something else. */
export function consentsByMisleadingIds(): ReadCase[] {
  const doctor = ACTORS.doctor;
  const patientUid = PATIENT.uid;
  const doctorsId = consentIdFor(patientUid, doctor.uid);
  const orgsId = orgConsentIdFor(patientUid, ORG_A);
  const cases: Array<[string, ConsentSeed]> = [
    [
      "a consent at the doctor's id whose fields name another patient",
      [doctorsId, consent(ACTORS.otherPatient.uid, doctor.uid)],
    ],
    [
      "a consent at the doctor's id whose fields name another grantee",
      [doctorsId, consent(patientUid, OTHER_ORG_DOCTOR.uid)],
    ],
    [
      "a consent at the doctor's id that names no grantee",
      [doctorsId, { ...consent(patientUid, doctor.uid), granteeUid: null }],
    ],
    [
      "a consent at the doctor's id that names their organisation instead",
      [doctorsId, orgConsent(patientUid, ORG_A)],
    ],
    ["an org consent at ORG_A's id whose fields name ORG_B", [orgsId, orgConsent(patientUid, ORG_B)]],
    [
      "an org consent at ORG_A's id whose fields name another patient",
      [orgsId, orgConsent(ACTORS.otherPatient.uid, ORG_A)],
    ],
    [
      "an org consent at ORG_A's id that names the doctor by uid instead",
      [orgsId, consent(patientUid, doctor.uid)],
    ],
  ];
  return cases.map(([what, seed]) => ({
    label: `doctor (same org), with ${what},`,
    actor: doctor,
    consents: [seed],
    decision: "deny",
  }));
}

/** Consents to an organisation's doctors: which doctors they reach, and which they do not. */
export function consentsByOrganisation(kind: ConsentKind): ReadCase[] {
  const doctor = ACTORS.doctor;
  return [
    {
      label: "doctor of the consented organisation",
      actor: doctor,
      consents: [byOrg(ORG_A)],
      decision: "allow",
    },
    {
      label: `doctor of an organisation consented to for ${kind.label}`,
      actor: doctor,
      consents: [byOrg(ORG_A, ofTypes(kind.type))],
      decision: "allow",
    },
    {
      label: "a doctor of another organisation consented to by organisation",
      actor: OTHER_ORG_DOCTOR,
      consents: [byOrg(ORG_B)],
      decision: "allow",
    },
    {
      label: "doctor, when a revoked consent by name sits beside an active one to their organisation",
      actor: doctor,
      consents: [byName(doctor.uid, { status: "revoked" }), byOrg(ORG_A)],
      decision: "allow",
    },
    {
      label: "a doctor of another organisation, when ORG_A is consented to",
      actor: OTHER_ORG_DOCTOR,
      consents: [byOrg(ORG_A)],
      decision: "deny",
    },
    {
      label: "a doctor without an org claim, when ORG_A is consented to",
      actor: ORGLESS_DOCTOR,
      consents: [byOrg(ORG_A)],
      decision: "deny",
    },
    {
      label: `doctor of an organisation consented to for ${kind.otherLabel} only`,
      actor: doctor,
      consents: [byOrg(ORG_A, ofTypes(kind.other))],
      decision: "deny",
    },
    {
      label: "doctor of an organisation whose consent expired",
      actor: doctor,
      consents: [byOrg(ORG_A, { expiresAt: CONSENT_EXPIRED_AT })],
      decision: "deny",
    },
    {
      label: "doctor of an organisation whose consent was revoked",
      actor: doctor,
      consents: [byOrg(ORG_A, { status: "revoked", revokedAt: Timestamp.now() })],
      decision: "deny",
    },
    {
      label: `doctor, when an expired org consent sits beside a consent by name to ${kind.otherLabel} only`,
      actor: doctor,
      consents: [byName(doctor.uid, ofTypes(kind.other)), byOrg(ORG_A, { expiresAt: CONSENT_EXPIRED_AT })],
      decision: "deny",
    },
    {
      label: "a doctor of ORG_B, with an org consent at ORG_A's id whose fields name ORG_B",
      actor: OTHER_ORG_DOCTOR,
      consents: [[orgConsentIdFor(PATIENT.uid, ORG_A), orgConsent(PATIENT.uid, ORG_B)]],
      decision: "deny",
    },
    {
      label: "orgAdmin of the consented organisation",
      actor: ACTORS.orgAdmin,
      consents: [byOrg(ORG_A)],
      decision: "deny",
    },
    {
      label: "pharmacist of the consented organisation",
      actor: { ...OWNERS.pharmacist, label: "pharmacist (same org)" },
      consents: [byOrg(ORG_A)],
      decision: "deny",
    },
    {
      label: "platformAdmin, when ORG_A is consented to",
      actor: ACTORS.platformAdmin,
      consents: [byOrg(ORG_A)],
      decision: "deny",
    },
  ];
}

// ---- the suite -------------------------------------------------------------------------------

export interface ConsentSuiteSpec {
  /** The collection as test names say it. */
  collection: string;
  /** One document, as test names say it: "record". */
  noun: string;
  kind: ConsentKind;
  /**
   * Seeds the document under test (the patient's, written by the treating doctor) and the others
   * the reads must not reach, among them `otherPatientsDocId`.
   */
  seed(db: Firestore): Promise<unknown>;
  /** What every consent case is asked about the document under test. */
  reads: readonly Read[];
  /** Reads a document of the collection (the one under test when `id` is omitted). */
  get(db: Firestore, id?: string): Promise<unknown>;
  /** Lists a patient's documents, as their readers do; `listed` is how test names say them. */
  list: { listed: string; request(db: Firestore, patientUid: string): Promise<unknown> };
  /** Lists a document's subcollection, read through the document (clinical record versions). */
  listVersions?(db: Firestore, id: string): Promise<unknown>;
  /** ACTORS.otherPatient's documents: written by ACTORS.doctor (ORG_A), and by a doctor of ORG_B. */
  otherPatientsDocs: { inOrgA: string; inOrgB: string };
  /** The id of a patient's document for the id-collision case, and how to seed it. */
  collision: {
    idOf(patientUid: string): string;
    seed(db: Firestore, id: string, patientUid: string): Promise<unknown>;
  };
  /** The collection's own cases (record dates, say). */
  more?: { byName?: readonly ReadCase[]; byOrganisation?: readonly ReadCase[] };
  /** What a consent by name to ACTORS.doctor does not reach. */
  beyond: {
    /** The consent's fields, when not the default (every type). */
    consent?: Record<string, unknown>;
    /** The patient's own document from a visit to ORG_B, which the consent does reach, if any. */
    ownDocInOrgB?: string;
    /** Lists the documents of several patients in one query; `listed` names them in test names. */
    together: { listed: string; request(db: Firestore, patientUids: string[]): Promise<unknown> };
    /** The collection's own expectations, with the same consent. */
    more?: readonly Expectation[];
  };
}

/**
 * Declares the consent matrix of a collection: consents by name, consents whose id and fields
 * disagree (and the id-collision case), consents to an organisation's doctors.
 */
export function consentSuite(rules: RulesHarness, spec: ConsentSuiteSpec): void {
  const { collection, noun } = spec;
  const matrix = (cases: readonly ReadCase[]) =>
    readMatrix(rules, { collection, seed: spec.seed, cases, reads: spec.reads });

  describe(`${collection}: consent`, () => {
    matrix([...consentsByName(spec.kind), ...(spec.more?.byName ?? [])]);
  });

  describe(`${collection}: a consent counts by its fields, not its id`, () => {
    matrix(consentsByMisleadingIds());
    describe(`${collection}: the id-collision case`, () => idCollision(rules, spec));
  });

  describe(`${collection}: consent to an organisation's doctors`, () => {
    matrix([...consentsByOrganisation(spec.kind), ...(spec.more?.byOrganisation ?? [])]);
    const consented = async (db: Firestore) => {
      await spec.seed(db);
      await addConsents(db, byOrg(ORG_B));
    };
    expectEach(rules, collection, consented, [
      [
        `doctor of the consented organisation cannot get another patient's ${noun}`,
        "deny",
        OTHER_ORG_DOCTOR,
        (db) => spec.get(db, spec.otherPatientsDocs.inOrgA),
      ],
    ]);
  });

  describe(`${collection}: what a consent does not reach`, () => beyondConsent(rules, spec));
}

function beyondConsent(rules: RulesHarness, spec: ConsentSuiteSpec): void {
  const { beyond, noun } = spec;
  const doctor = ACTORS.doctor;
  const consented = async (db: Firestore) => {
    await spec.seed(db);
    await addConsents(db, byName(doctor.uid, beyond.consent));
  };
  const own = beyond.ownDocInOrgB;
  expectEach(rules, spec.collection, consented, [
    ...(own === undefined
      ? []
      : ([
          [
            `doctor with consent can get the patient's ${noun} from another organisation`,
            "allow",
            doctor,
            (db) => spec.get(db, own),
          ],
        ] satisfies Expectation[])),
    [
      `doctor with consent cannot get another patient's ${noun}`,
      "deny",
      doctor,
      (db) => spec.get(db, spec.otherPatientsDocs.inOrgB),
    ],
    [
      `doctor with consent cannot list ${beyond.together.listed} of the patient and another patient together`,
      "deny",
      doctor,
      (db) => beyond.together.request(db, [PATIENT.uid, ACTORS.otherPatient.uid]),
    ],
    ...(beyond.more ?? []),
  ]);
}

/** consents/p_x_d is patient p's consent to x_d; it is not patient p_x's consent to d. */
function idCollision(rules: RulesHarness, spec: ConsentSuiteSpec): void {
  const { collection, noun } = spec;
  const d: Actor = { label: "doctor d", uid: COLLIDING.doctorUid, claims: { role: "doctor", org: ORG_A } };
  const xd: Actor = {
    label: "doctor x_d",
    uid: COLLIDING.granteeUid,
    claims: { role: "doctor", org: ORG_B },
  };
  const ofP = spec.collision.idOf(COLLIDING.patientUid);
  const ofPx = spec.collision.idOf(COLLIDING.otherPatientUid);
  const seed = async (db: Firestore) => {
    await spec.seed(db);
    for (const patientUid of [COLLIDING.patientUid, COLLIDING.otherPatientUid])
      await spec.collision.seed(db, spec.collision.idOf(patientUid), patientUid);
    await addConsents(db, [COLLIDING.consentId, consent(COLLIDING.patientUid, COLLIDING.granteeUid)]);
  };
  const cases: Expectation[] = [
    [
      `doctor d cannot get patient p_x's ${noun} through p's consent to x_d (consents/p_x_d)`,
      "deny",
      d,
      (db) => spec.get(db, ofPx),
    ],
    [
      `doctor d cannot list patient p_x's ${spec.list.listed} through consents/p_x_d`,
      "deny",
      d,
      (db) => spec.list.request(db, COLLIDING.otherPatientUid),
    ],
    [`doctor d cannot get patient p's ${noun}`, "deny", d, (db) => spec.get(db, ofP)],
    [`doctor x_d, whom p consented to, can get p's ${noun}`, "allow", xd, (db) => spec.get(db, ofP)],
    [`doctor x_d cannot get patient p_x's ${noun}`, "deny", xd, (db) => spec.get(db, ofPx)],
  ];
  const listVersions = spec.listVersions;
  if (listVersions)
    cases.push([
      `doctor d cannot list the versions of patient p_x's ${noun} through consents/p_x_d`,
      "deny",
      d,
      (db) => listVersions(db, ofPx),
    ]);
  expectEach(rules, collection, seed, cases);
}
