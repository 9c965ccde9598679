// contacts/{uid}: the number a user proved they hold (messages go to it and nowhere else) and a
// clinician's message preferences, written only by the functions (requestPhoneVerification,
// confirmPhoneVerification, setClinicianContact). The owner reads their own; nobody writes it,
// the owner included: a client that could write it could have the platform text any number.
// phoneVerifications/{uid}: the pending code as a keyed hash, internal to the functions.
import {
  collection,
  deleteDoc,
  doc,
  getDoc,
  getDocs,
  setDoc,
  updateDoc,
  type Firestore,
} from "firebase/firestore";
import { describe, it } from "vitest";
import {
  ACTORS,
  OWNERS,
  SEEDED_AT,
  expectDecision,
  readOnly,
  row,
  runMatrix,
  useRulesEnv,
  type MatrixTable,
  expectEach,
} from "./support";
import { runFunctionsOnly } from "./templates/documentSuite";

const rules = useRulesEnv();

const contact = (overrides: Record<string, unknown> = {}) => ({
  phone: "+919812345678",
  verifiedAt: SEEDED_AT,
  verifiedBy: "code",
  updatedAt: SEEDED_AT,
  ...overrides,
});
const clinicianContact = () =>
  contact({ language: "pa", channel: "whatsapp", quietHours: { startHour: 21, endHour: 8 } });
const contactRef = (db: Firestore, uid: string) => doc(db, "contacts", uid);

/** The owner gets their own contact and nothing else; every write is refused to everyone. */
const ownerReads = (owner: "allow" | "deny"): MatrixTable => ({
  anonymous: row("deny"),
  owner: { ...readOnly(owner, "deny") },
  otherPatient: row("deny"),
  doctor: row("deny"),
  pharmacist: row("deny"),
  orgAdmin: row("deny"),
  otherOrgAdmin: row("deny"),
  platformAdmin: row("deny"),
});

for (const [label, owner, seeded] of [
  ["contacts (patient)", OWNERS.patient, contact()],
  ["contacts (doctor)", OWNERS.doctor, clinicianContact()],
] as const) {
  runMatrix(rules, {
    collection: label,
    owner,
    async seed(db, op) {
      await setDoc(contactRef(db, ACTORS.otherPatient.uid), contact({ phone: "+919812345679" }));
      if (op !== "create") await setDoc(contactRef(db, owner.uid), seeded);
    },
    requests: {
      get: (db) => getDoc(contactRef(db, owner.uid)),
      list: (db) => getDocs(collection(db, "contacts")),
      create: (db) => setDoc(contactRef(db, owner.uid), contact({ phone: "+919800000000" })),
      update: (db) => updateDoc(contactRef(db, owner.uid), { phone: "+919800000000" }),
      delete: (db) => deleteDoc(contactRef(db, owner.uid)),
    },
    table: ownerReads("allow"),
  });
}

describe("contacts: a number cannot be claimed from a client", () => {
  const owner = OWNERS.patient;
  it("contacts: owner cannot create their contact with a typed number", async () => {
    await expectDecision(
      "deny",
      setDoc(contactRef(rules.db(owner), owner.uid), contact({ verifiedBy: "auth" })),
    );
  });
  it("contacts: owner cannot merge another number into a proven contact", async () => {
    await rules.seed((db) => setDoc(contactRef(db, owner.uid), contact()));
    await expectDecision(
      "deny",
      setDoc(contactRef(rules.db(owner), owner.uid), { phone: "+919800000000" }, { merge: true }),
    );
  });
  expectEach(rules, "contacts", (db) => setDoc(contactRef(db, OWNERS.doctor.uid), clinicianContact()), [
    [
      "a doctor cannot change their own quiet hours from a client",
      "deny",
      OWNERS.doctor,
      (db) => updateDoc(contactRef(db, OWNERS.doctor.uid), { quietHours: null }),
    ],
    [
      "orgAdmin cannot read a doctor's number in their organisation",
      "deny",
      ACTORS.orgAdmin,
      (db) => getDoc(contactRef(db, OWNERS.doctor.uid)),
    ],
  ]);
  it("contacts: owner cannot get another patient's contact", async () => {
    await rules.seed((db) => setDoc(contactRef(db, ACTORS.otherPatient.uid), contact()));
    await expectDecision("deny", getDoc(contactRef(rules.db(owner), ACTORS.otherPatient.uid)));
  });
});

const pending = () => ({
  state: "pending",
  phoneKey: "0f3c2b1a0f3c2b1a0f3c2b1a0f3c2b1a",
  codeHash: "hash",
  salt: "salt",
  channel: "sms",
  attempts: 0,
  sentAt: SEEDED_AT,
  expiresAt: SEEDED_AT,
  expireAt: SEEDED_AT,
});
const pendingRef = (db: Firestore, uid: string = OWNERS.patient.uid) => doc(db, "phoneVerifications", uid);

runFunctionsOnly(rules, {
  collection: "phoneVerifications",
  owner: OWNERS.patient,
  others: (db) => setDoc(pendingRef(db, ACTORS.otherPatient.uid), pending()),
  ref: (db) => pendingRef(db),
  stored: pending,
  update: { attempts: 0 },
});

describe("phoneVerifications: the owner cannot reset their tries", () => {
  it("phoneVerifications: owner cannot unlock a locked code", async () => {
    await rules.seed((db) => setDoc(pendingRef(db), { ...pending(), state: "locked", attempts: 5 }));
    await expectDecision(
      "deny",
      updateDoc(pendingRef(rules.db(OWNERS.patient)), { state: "pending", attempts: 0 }),
    );
  });
});
