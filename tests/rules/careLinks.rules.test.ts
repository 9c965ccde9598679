// careLinks/{patientUid}_{helperUid} (issue 15): who may act for a patient, written by functions
// only (registerPatient, requestCareConsent, attestCareConsent, confirmCareConsent, revokeCareLink,
// addDependant). The patient (the matrix "owner") reads their helpers; the holder of a family link
// reads it (their dependants); a health worker reads nothing (only what the functions answer).
// The rules' holdsFamilyOf mirrors authz/care.ts canReadAsHelper: the holder of an ACTIVE family
// link reads the dependant's profile and appointments; nobody else gains a read by a link.
// careCodes/{id}: pending codes as keyed hashes, internal to the functions.
import {
  collection,
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
  ORG_A,
  OWNERS,
  SEEDED_AT,
  appointment,
  expectDecision,
  patientProfile,
  runMatrix,
  useRulesEnv,
  type Actor,
  type MatrixTable,
  onlyReaders,
} from "./support";
import { runFunctionsOnly } from "./templates/documentSuite";

const rules = useRulesEnv();
const owner = OWNERS.patient;
const worker: Actor = {
  label: "the health worker",
  uid: "worker-a",
  claims: { role: "healthWorker", org: ORG_A },
};
const holder: Actor = { label: "the holder", uid: "holder-a", claims: { role: "patient" } };
const otherHolder: Actor = { label: "another holder", uid: "holder-b", claims: { role: "patient" } };
const CHILD = "child-a";

function careLink(patientUid: string, helperUid: string, overrides: Record<string, unknown> = {}) {
  return {
    patientUid,
    helperUid,
    kind: "worker",
    org: ORG_A,
    helperName: "Sunita ASHA",
    status: "active",
    registeredByHelper: true,
    everRevoked: false,
    consent: { method: "code", at: SEEDED_AT },
    createdAt: SEEDED_AT,
    updatedAt: SEEDED_AT,
    revokedAt: null,
    revokedBy: null,
    ...overrides,
  };
}
const linkRef = (db: Firestore, patientUid = owner.uid, helperUid = worker.uid!) =>
  doc(db, "careLinks", `${patientUid}_${helperUid}`);
/** The owner's own list: their helpers. */
const myHelpers = (db: Firestore) => query(collection(db, "careLinks"), where("patientUid", "==", owner.uid));

const ownerReadsOnly: MatrixTable = onlyReaders("owner");

runMatrix(rules, {
  collection: "careLinks",
  owner,
  async seed(db, op) {
    await setDoc(linkRef(db, ACTORS.otherPatient.uid), careLink(ACTORS.otherPatient.uid, worker.uid!));
    if (op !== "create") await setDoc(linkRef(db), careLink(owner.uid, worker.uid!));
  },
  requests: {
    get: (db) => getDoc(linkRef(db)),
    list: (db) => getDocs(myHelpers(db)),
    create: (db) => setDoc(linkRef(db), careLink(owner.uid, worker.uid!)),
    update: (db) => updateDoc(linkRef(db), { status: "revoked" }),
    delete: (db) => deleteDoc(linkRef(db)),
  },
  table: ownerReadsOnly,
});

runFunctionsOnly(rules, {
  collection: "careCodes",
  owner,
  ref: (db) => doc(db, "careCodes", `consent_${owner.uid}_${worker.uid}`),
  list: (db) => query(collection(db, "careCodes"), where("patientUid", "==", owner.uid)),
  stored: () => ({ patientUid: owner.uid }),
  update: { attempts: 0 },
});

describe("careLinks: helpers", () => {
  it("careLinks: the health worker cannot read their own link, nor list by helper", async () => {
    await rules.seed((db) => setDoc(linkRef(db), careLink(owner.uid, worker.uid!)));
    await expectDecision("deny", getDoc(linkRef(rules.db(worker))));
    const byHelper = query(collection(rules.db(worker), "careLinks"), where("helperUid", "==", worker.uid));
    await expectDecision("deny", getDocs(byHelper));
  });

  it("careLinks: the holder reads and lists their dependants' family links; another holder cannot", async () => {
    const family = careLink(CHILD, holder.uid!, {
      kind: "holder",
      org: null,
      consent: { method: "holder", at: SEEDED_AT },
    });
    await rules.seed((db) => setDoc(linkRef(db, CHILD, holder.uid!), family));
    await expectDecision("allow", getDoc(linkRef(rules.db(holder), CHILD, holder.uid!)));
    const mine = (db: Firestore, uid: string) =>
      query(collection(db, "careLinks"), where("helperUid", "==", uid), where("kind", "==", "holder"));
    await expectDecision("allow", getDocs(mine(rules.db(holder), holder.uid!)));
    await expectDecision("deny", getDoc(linkRef(rules.db(otherHolder), CHILD, holder.uid!)));
    await expectDecision("deny", getDocs(mine(rules.db(otherHolder), holder.uid!)));
    await expectDecision(
      "deny",
      updateDoc(linkRef(rules.db(holder), CHILD, holder.uid!), { status: "revoked" }),
    );
  });
});

describe("holdsFamilyOf: the holder of an active family link reads the dependant", () => {
  const APPT = "appt-child";
  async function seed(link: Record<string, unknown> | null, helper = holder.uid!) {
    await rules.seed(async (db) => {
      await setDoc(doc(db, "patients", CHILD), patientProfile({}, SEEDED_AT));
      await setDoc(doc(db, "appointments", APPT), appointment(CHILD, OWNERS.doctor.uid));
      if (link) await setDoc(linkRef(db, CHILD, helper), link);
    });
  }
  const family = (overrides: Record<string, unknown> = {}) =>
    careLink(CHILD, holder.uid!, { kind: "holder", org: null, ...overrides });

  it("patients, appointments: the holder of an active family link can get them", async () => {
    await seed(family());
    await expectDecision("allow", getDoc(doc(rules.db(holder), "patients", CHILD)));
    await expectDecision("allow", getDoc(doc(rules.db(holder), "appointments", APPT)));
    const theirs = query(collection(rules.db(holder), "appointments"), where("patientUid", "==", CHILD));
    await expectDecision("allow", getDocs(theirs));
  });

  it("patients, appointments: the holder cannot write the dependant's profile", async () => {
    await seed(family());
    await expectDecision("deny", updateDoc(doc(rules.db(holder), "patients", CHILD), { name: "Changed" }));
  });

  it("patients, appointments: a revoked family link reads nothing", async () => {
    await seed(family({ status: "revoked" }));
    await expectDecision("deny", getDoc(doc(rules.db(holder), "patients", CHILD)));
    await expectDecision("deny", getDoc(doc(rules.db(holder), "appointments", APPT)));
  });

  it("patients, appointments: a health worker's active link reads nothing", async () => {
    await seed(careLink(CHILD, worker.uid!), worker.uid!);
    await expectDecision("deny", getDoc(doc(rules.db(worker), "patients", CHILD)));
    await expectDecision("deny", getDoc(doc(rules.db(worker), "appointments", APPT)));
  });

  it("patients, appointments: another holder, or a link naming another patient, reads nothing", async () => {
    await seed(family());
    await expectDecision("deny", getDoc(doc(rules.db(otherHolder), "patients", CHILD)));
    await expectDecision("deny", getDoc(doc(rules.db(otherHolder), "appointments", APPT)));
    // A link under this id whose fields name another patient grants nothing.
    await seed(careLink("someone-else", otherHolder.uid!, { kind: "holder", org: null }), otherHolder.uid!);
    await expectDecision("deny", getDoc(doc(rules.db(otherHolder), "patients", CHILD)));
  });
});
