// rateLimits/{scope}:{key}:{window}[:{shard}]: fixed-window counters of the functions
// (functions/src/repo/rateLimits.ts). Internal: every actor is denied every operation, including
// the user whose counter it is (the "owner"), who must not reset or read their own count.
import { deleteDoc, doc, setDoc, updateDoc, type Firestore } from "firebase/firestore";
import { describe } from "vitest";
import { ACTORS, OWNERS, SEEDED_AT, useRulesEnv, expectEach } from "./support";
import { runFunctionsOnly } from "./templates/documentSuite";

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

runFunctionsOnly(rules, {
  collection: "rateLimits",
  owner,
  others: (db) => setDoc(ref(db, orgCounter), { ...counter(200), subject: "org" }),
  ref: (db) => ref(db),
  stored: () => counter(10),
  created: () => counter(0),
  update: { count: 0 },
});

describe("rateLimits: resetting a limit", () => {
  expectEach(rules, "rateLimits", seedAll, [
    [
      "owner cannot zero their organisation's counter",
      "deny",
      owner,
      (db) => updateDoc(ref(db, orgCounter), { count: 0 }),
    ],
    [
      "orgAdmin cannot delete a counter of their organisation",
      "deny",
      ACTORS.orgAdmin,
      (db) => deleteDoc(ref(db, orgCounter)),
    ],
  ]);
});
