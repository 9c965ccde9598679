// scheduleChanges/{id}: a doctor's schedule change (leave over bookings, a suspension) and what it
// does to each affected appointment, written and applied by the functions only
// (functions/src/services/scheduling/scheduleChanges.ts). Internal: every actor is denied every
// operation, the doctor whose schedule changed (the "owner") and the clinic's admin included; the
// admin gets the outcomes in the call's answer, patients see their appointments.
import { collection, doc, query, setDoc, updateDoc, where, type Firestore } from "firebase/firestore";
import { describe, it } from "vitest";
import { ACTORS, OWNERS, ORG_A, SEEDED_AT, expectDecision, useRulesEnv } from "./support";
import { runFunctionsOnly } from "./templates/documentSuite";

const rules = useRulesEnv();
const owner = { ...OWNERS.doctor, label: "owner (the doctor whose schedule changed)" };
const CHANGE = "change-a";
const changeRef = (db: Firestore, id = CHANGE) => doc(db, "scheduleChanges", id);

function change(doctorUid: string) {
  return {
    doctorUid,
    org: ORG_A,
    cause: "availability",
    by: ACTORS.orgAdmin.uid,
    role: "admin",
    reason: "Annual leave",
    timezone: "Asia/Kolkata",
    items: { "appt-a": { action: "cancel", reason: "leave", from: SEEDED_AT, done: null } },
    state: "applying",
    createdAt: SEEDED_AT,
    updatedAt: SEEDED_AT,
  };
}

runFunctionsOnly(rules, {
  collection: "scheduleChanges",
  owner,
  others: (db) => setDoc(changeRef(db, "change-colleague"), change(ACTORS.doctor.uid!)),
  ref: (db) => changeRef(db),
  list: (db) => query(collection(db, "scheduleChanges"), where("doctorUid", "==", owner.uid)),
  stored: () => change(owner.uid),
  update: { state: "done" },
});

describe("scheduleChanges: nobody marks an item applied", () => {
  for (const actor of [owner, ACTORS.orgAdmin, ACTORS.platformAdmin]) {
    it(`scheduleChanges: ${actor.label} cannot mark an appointment skipped`, async () => {
      await rules.seed((db) => setDoc(changeRef(db), change(owner.uid)));
      await expectDecision("deny", updateDoc(changeRef(rules.db(actor)), { "items.appt-a.done": "skipped" }));
    });
  }
});
