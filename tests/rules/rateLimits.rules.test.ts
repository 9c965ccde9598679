// rateLimits/{scope}:{key}:{window}[:{shard}]: fixed-window counters of the functions
// (functions/src/repo/rateLimits.ts). Internal: every actor is denied every operation, including
// the user whose counter it is (the "owner"), who must not reset or read their own count.
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
import { ACTORS, DENY_ALL, OWNERS, SEEDED_AT, expectDecision, runMatrix, useRulesEnv } from "./support";

const rules = useRulesEnv();
const owner = OWNERS.doctor;
const WINDOW = 493_921;
const userCounter = `booking:user-${owner.uid}:${WINDOW}`;
const orgCounter = `booking:org-${owner.claims.org}:${WINDOW}:0`;
const counter = (count: number) => ({
  scope: "booking",
  subject: "user",
  count,
  windowStart: SEEDED_AT,
  expireAt: SEEDED_AT,
});
const ref = (db: Firestore, id = userCounter) => doc(db, "rateLimits", id);

async function seedAll(db: Firestore) {
  await setDoc(ref(db), counter(10));
  await setDoc(ref(db, orgCounter), { ...counter(200), subject: "org" });
}

runMatrix(rules, {
  collection: "rateLimits",
  owner,
  async seed(db, op) {
    await setDoc(ref(db, orgCounter), { ...counter(200), subject: "org" });
    if (op !== "create") await setDoc(ref(db), counter(10));
  },
  requests: {
    get: (db) => getDoc(ref(db)),
    list: (db) => getDocs(collection(db, "rateLimits")),
    create: (db) => setDoc(ref(db), counter(0)),
    update: (db) => updateDoc(ref(db), { count: 0 }),
    delete: (db) => deleteDoc(ref(db)),
  },
  table: DENY_ALL,
});

describe("rateLimits: resetting a limit", () => {
  it("rateLimits: owner cannot zero their organisation's counter", async () => {
    await rules.seed(seedAll);
    await expectDecision("deny", updateDoc(ref(rules.db(owner), orgCounter), { count: 0 }));
  });
  it("rateLimits: orgAdmin cannot delete a counter of their organisation", async () => {
    await rules.seed(seedAll);
    await expectDecision("deny", deleteDoc(ref(rules.db(ACTORS.orgAdmin), orgCounter)));
  });
});
