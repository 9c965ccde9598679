// consents/{patientUid}_{granteeUid}: a patient's consent to a clinician ({patientUid,
// granteeUid, status, expiresAt, scope, purpose}), which the clinical-record and prescription
// rules look up by that id. Granted, narrowed and revoked only through the health-records
// functions: a client that could write one could read any patient's records. Read by the patient
// (patientUid, the matrix "owner") and the clinician it names (granteeUid, here the treating
// doctor); nobody else, not the admins.
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
  CONSENT_EXPIRED_AT,
  ORG_A,
  OWNERS,
  consent,
  consentIdFor,
  expectDecision,
  runMatrix,
  useRulesEnv,
  type Actor,
  runRevokedFor,
  expectEach,
} from "./support";
import { documentMatrix, seedDocument, type DocumentSuite } from "./templates/documentSuite";
import {
  OTHER_ORG_DOCTOR,
  PATIENT,
  PATIENT_READS_ONLY,
  deniedTo,
  readMatrix,
} from "./templates/consentSuite";

const rules = useRulesEnv();
const owner = PATIENT;
const grantee: Actor = { ...OWNERS.doctor, label: "the grantee" };
const CONSENT_ID = consentIdFor(owner.uid, grantee.uid!);
/** The other patient's consent to the colleague (ACTORS.doctor). */
const OTHER_CONSENT_ID = consentIdFor(ACTORS.otherPatient.uid, ACTORS.doctor.uid);

const consentRef = (db: Firestore, id = CONSENT_ID) => doc(db, "consents", id);
const consents = (db: Firestore) => collection(db, "consents");
const byField = (db: Firestore, field: "patientUid" | "granteeUid", value: string) =>
  query(consents(db), where(field, "==", value));
/** The query that returns exactly this consent: its patient and its grantee. */
const thisConsent = (db: Firestore) =>
  query(consents(db), where("patientUid", "==", owner.uid), where("granteeUid", "==", grantee.uid!));

const narrowed = { scope: { all: false, types: ["prescription"] } };
/** When a seeded consent was revoked (after it was granted). */
const REVOKED_AT = Timestamp.fromDate(new Date("2026-01-20T09:30:00.000Z"));

async function seedOthers(db: Firestore) {
  await setDoc(consentRef(db, OTHER_CONSENT_ID), consent(ACTORS.otherPatient.uid, ACTORS.doctor.uid));
}

const grant: DocumentSuite = {
  collection: "consents",
  owner,
  others: seedOthers,
  ref: (db) => consentRef(db),
  list: (db) => thisConsent(db),
  stored: () => consent(owner.uid, grantee.uid!),
  created: () => consent(owner.uid, grantee.uid!, { grantedAt: serverTimestamp() }),
  update: { status: "revoked", revokedAt: serverTimestamp() },
};
const matrix = documentMatrix(grant, PATIENT_READS_ONLY);
const seedAll = seedDocument(grant);
runMatrix(rules, matrix);
runRevokedFor(rules, matrix, [
  [owner, ["get", "list"]],
  [grantee, ["get"]],
]);

describe("consents: the grantee", () => {
  expectEach(rules, "consents", seedAll, [
    ["the grantee can get the consent", "allow", grantee, (db) => getDoc(consentRef(db))],
    [
      "the grantee can list the consents given to them by granteeUid",
      "allow",
      grantee,
      (db) => getDocs(byField(db, "granteeUid", grantee.uid!)),
    ],
  ]);
  it("consents: the grantee can list their active consents", async () => {
    await rules.seed(seedAll);
    const active = query(
      consents(rules.db(grantee)),
      where("granteeUid", "==", grantee.uid),
      where("status", "==", "active"),
    );
    await expectDecision("allow", getDocs(active));
  });
  it("consents: the grantee cannot list the patient's consents by patientUid", async () => {
    // Which other clinicians the patient trusts is the patient's business.
    await rules.seed(seedAll);
    await expectDecision("deny", getDocs(byField(rules.db(grantee), "patientUid", owner.uid)));
  });
  expectEach(rules, "consents", seedAll, [
    [
      "the grantee cannot get another patient's consent to a colleague",
      "deny",
      grantee,
      (db) => getDoc(consentRef(db, OTHER_CONSENT_ID)),
    ],
    [
      "doctor (same org) can get the consent another patient gave them",
      "allow",
      ACTORS.doctor,
      (db) => getDoc(consentRef(db, OTHER_CONSENT_ID)),
    ],
    [
      "doctor (same org) cannot list the owner's consents by patientUid",
      "deny",
      ACTORS.doctor,
      (db) => getDocs(byField(db, "patientUid", owner.uid)),
    ],
    [
      "doctor (same org) cannot list the grantee's consents by granteeUid",
      "deny",
      ACTORS.doctor,
      (db) => getDocs(byField(db, "granteeUid", grantee.uid!)),
    ],
  ]);

  // The consent names a person: the read rule checks the uid, not the role (what the consent
  // unlocks is decided elsewhere, and needs the doctor role there).
  const statuses: Array<[string, Record<string, unknown>]> = [
    ["revoked", { status: "revoked", revokedAt: REVOKED_AT }],
    ["expired", { expiresAt: CONSENT_EXPIRED_AT }],
    ["narrowed to prescriptions", narrowed],
  ];
  for (const [what, overrides] of statuses) {
    it(`consents: the grantee can still get a consent that was ${what}`, async () => {
      await rules.seed(async (db) => {
        await seedOthers(db);
        await setDoc(consentRef(db), consent(owner.uid, grantee.uid!, overrides));
      });
      await expectDecision("allow", getDoc(consentRef(rules.db(grantee))));
    });
  }
  it("consents: the grantee's uid with a patient role can get the consent", async () => {
    await rules.seed(seedAll);
    const demoted: Actor = {
      label: "the grantee's uid with a patient role",
      uid: grantee.uid,
      claims: { role: "patient" },
    };
    await expectDecision("allow", getDoc(consentRef(rules.db(demoted))));
  });
});

describe("consents: each reader's query", () => {
  it("consents: owner can list their consents by patientUid", async () => {
    await rules.seed(seedAll);
    await expectDecision("allow", getDocs(byField(rules.db(owner), "patientUid", owner.uid)));
  });
  it("consents: owner can list their active consents", async () => {
    await rules.seed(seedAll);
    const active = query(
      consents(rules.db(owner)),
      where("patientUid", "==", owner.uid),
      where("status", "==", "active"),
    );
    await expectDecision("allow", getDocs(active));
  });
  it("consents: owner cannot list the grantee's consents by granteeUid", async () => {
    // That would show which other patients trust the same doctor.
    await rules.seed(seedAll);
    await expectDecision("deny", getDocs(byField(rules.db(owner), "granteeUid", grantee.uid!)));
  });
  expectEach(rules, "consents", seedAll, [
    [
      "owner cannot get another patient's consent",
      "deny",
      owner,
      (db) => getDoc(consentRef(db, OTHER_CONSENT_ID)),
    ],
    [
      "otherPatient cannot list the owner's consents by patientUid",
      "deny",
      ACTORS.otherPatient,
      (db) => getDocs(byField(db, "patientUid", owner.uid)),
    ],
  ]);

  readMatrix(rules, {
    collection: "consents",
    seed: seedAll,
    cases: deniedTo([ACTORS.anonymous, owner, grantee, ACTORS.doctor, ACTORS.orgAdmin, ACTORS.platformAdmin]),
    reads: [{ what: "list every consent", request: (db) => getDocs(consents(db)) }],
  });
  it("consents: orgAdmin cannot list the consents given to a doctor of their organisation", async () => {
    await rules.seed(seedAll);
    await expectDecision("deny", getDocs(byField(rules.db(ACTORS.orgAdmin), "granteeUid", grantee.uid!)));
  });
});

describe("consents: nobody writes directly", () => {
  // A consent written by a client would open the patient's records to whoever wrote it.
  it("consents: doctor (same org) cannot grant themselves the owner's consent", async () => {
    await rules.seed(seedAll);
    const id = consentIdFor(owner.uid, ACTORS.doctor.uid);
    await expectDecision(
      "deny",
      setDoc(consentRef(rules.db(ACTORS.doctor), id), consent(owner.uid, ACTORS.doctor.uid)),
    );
  });
  it("consents: a doctor of another organisation cannot grant themselves the owner's consent", async () => {
    await rules.seed(seedAll);
    const id = consentIdFor(owner.uid, OTHER_ORG_DOCTOR.uid);
    await expectDecision(
      "deny",
      setDoc(consentRef(rules.db(OTHER_ORG_DOCTOR), id), consent(owner.uid, OTHER_ORG_DOCTOR.uid)),
    );
  });
  expectEach(rules, "consents", seedAll, [
    [
      "the grantee cannot extend the expiry",
      "deny",
      grantee,
      (db) =>
        updateDoc(consentRef(db), {
          expiresAt: Timestamp.fromDate(new Date("2046-01-15T09:30:00.000Z")),
        }),
    ],
    [
      "the grantee cannot take the consent over with a merge",
      "deny",
      grantee,
      (db) =>
        setDoc(
          consentRef(db),
          { status: "active", expiresAt: Timestamp.fromDate(new Date("2046-01-15T09:30:00.000Z")) },
          { merge: true },
        ),
    ],
  ]);
  it("consents: the grantee cannot widen a narrowed scope", async () => {
    await rules.seed(async (db) => {
      await seedOthers(db);
      await setDoc(consentRef(db), consent(owner.uid, grantee.uid!, narrowed));
    });
    await expectDecision(
      "deny",
      updateDoc(consentRef(rules.db(grantee)), { scope: { all: true, types: [] } }),
    );
  });
  it("consents: the grantee cannot reactivate a revoked consent", async () => {
    await rules.seed(async (db) => {
      await seedOthers(db);
      await setDoc(
        consentRef(db),
        consent(owner.uid, grantee.uid!, { status: "revoked", revokedAt: REVOKED_AT }),
      );
    });
    await expectDecision("deny", updateDoc(consentRef(rules.db(grantee)), { status: "active" }));
  });
  it("consents: owner cannot grant consent directly", async () => {
    await rules.seed(seedAll);
    const id = consentIdFor(owner.uid, ACTORS.doctor.uid);
    await expectDecision(
      "deny",
      setDoc(
        consentRef(rules.db(owner), id),
        consent(owner.uid, ACTORS.doctor.uid, { grantedAt: serverTimestamp() }),
      ),
    );
  });
  expectEach(rules, "consents", seedAll, [
    ["owner cannot narrow the scope directly", "deny", owner, (db) => updateDoc(consentRef(db), narrowed)],
    [
      "owner cannot delete the consent (revocation is a function, and keeps the record)",
      "deny",
      owner,
      (db) => deleteDoc(consentRef(db)),
    ],
  ]);
  it("consents: otherPatient cannot grant consent in the owner's name", async () => {
    await rules.seed(seedAll);
    const id = consentIdFor(owner.uid, ACTORS.doctor.uid);
    await expectDecision(
      "deny",
      setDoc(consentRef(rules.db(ACTORS.otherPatient), id), consent(owner.uid, ACTORS.doctor.uid)),
    );
  });
  it("consents: orgAdmin cannot grant a doctor of their organisation consent", async () => {
    await rules.seed(seedAll);
    const id = consentIdFor(owner.uid, ACTORS.doctor.uid);
    await expectDecision(
      "deny",
      setDoc(
        consentRef(rules.db(ACTORS.orgAdmin), id),
        consent(owner.uid, ACTORS.doctor.uid, { purpose: `audit-${ORG_A}` }),
      ),
    );
  });
  it("consents: platformAdmin cannot create a consent", async () => {
    await rules.seed(seedOthers);
    await expectDecision(
      "deny",
      setDoc(consentRef(rules.db(ACTORS.platformAdmin)), consent(owner.uid, grantee.uid!)),
    );
  });
  it("consents: platformAdmin cannot delete a consent", async () => {
    await rules.seed(seedAll);
    await expectDecision("deny", deleteDoc(consentRef(rules.db(ACTORS.platformAdmin))));
  });
});
