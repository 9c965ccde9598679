// tickets/{id}: call-back requests from the voice line (functions/src/handlers/inbound/voice.ts).
// Written by functions only (closing one is the closeTicket callable). The admins of the
// ticket's clinic and platform admins read it; a ticket without a clinic (a caller with no
// appointment) only platform admins. The "owner" is the patient who called: the ticket holds
// their number for the clinic, not for them, and they cannot close or change it.
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
  ORG_B,
  OWNERS,
  SEEDED_AT,
  expectDecision,
  runMatrix,
  runRevokedCases,
  useRulesEnv,
  type MatrixTable,
  onlyReaders,
} from "./support";

const rules = useRulesEnv();
const ticket = (overrides: Record<string, unknown> = {}) => ({
  kind: "callback",
  org: ORG_A,
  patientUid: OWNERS.patient.uid,
  phone: "+919812345678",
  language: "pa",
  channel: "voice",
  status: "open",
  createdAt: SEEDED_AT,
  closedAt: null,
  closedBy: null,
  note: null,
  ...overrides,
});
const ref = (db: Firestore, id = "ticket-a") => doc(db, "tickets", id);
const openOf = (db: Firestore, org: string | null) =>
  query(collection(db, "tickets"), where("org", "==", org), where("status", "==", "open"));

const table: MatrixTable = onlyReaders("orgAdmin", "platformAdmin");

runMatrix(rules, {
  collection: "tickets",
  owner: OWNERS.patient,
  async seed(db, op) {
    await setDoc(ref(db, "ticket-b"), ticket({ org: ORG_B }));
    if (op !== "create") await setDoc(ref(db), ticket());
  },
  requests: {
    get: (db) => getDoc(ref(db)),
    list: (db) => getDocs(openOf(db, ORG_A)),
    create: (db) => setDoc(ref(db), ticket()),
    update: (db) => updateDoc(ref(db), { status: "closed" }),
    delete: (db) => deleteDoc(ref(db)),
  },
  table,
});

describe("tickets: whose tickets an admin reads", () => {
  it("tickets: orgAdmin cannot list another clinic's tickets", async () => {
    await rules.seed((db) => setDoc(ref(db, "ticket-b"), ticket({ org: ORG_B })));
    await expectDecision("deny", getDocs(openOf(rules.db(ACTORS.orgAdmin), ORG_B)));
  });
  it("tickets: orgAdmin cannot get a ticket without a clinic; platformAdmin can", async () => {
    await rules.seed((db) => setDoc(ref(db, "ticket-none"), ticket({ org: null, patientUid: null })));
    await expectDecision("deny", getDoc(ref(rules.db(ACTORS.orgAdmin), "ticket-none")));
    await expectDecision("allow", getDoc(ref(rules.db(ACTORS.platformAdmin), "ticket-none")));
    await expectDecision("deny", getDocs(openOf(rules.db(ACTORS.orgAdmin), null)));
  });
});

runRevokedCases(rules, {
  collection: "tickets",
  actor: ACTORS.orgAdmin,
  seed: (db) => setDoc(ref(db), ticket()),
  requests: { get: (db) => getDoc(ref(db)), list: (db) => getDocs(openOf(db, ORG_A)) },
});
