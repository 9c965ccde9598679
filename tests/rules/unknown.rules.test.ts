// Any collection the rules do not name is denied to everyone, including a user whose uid is
// the document id ("owner") and platform admins.
import { doc, getDoc, setDoc, type Firestore } from "firebase/firestore";
import { describe, it } from "vitest";
import { ACTORS, OWNERS, expectDecision, useRulesEnv } from "./support";
import { runFunctionsOnly } from "./templates/documentSuite";

const rules = useRulesEnv();
const owner = OWNERS.patient;
const noteRef = (db: Firestore) => doc(db, "notes", owner.uid);

runFunctionsOnly(rules, {
  collection: "notes (unknown collection)",
  owner,
  others: (db) => setDoc(doc(db, "notes", ACTORS.otherPatient.uid), { text: "other" }),
  ref: noteRef,
  stored: () => ({ text: "mine" }),
  update: { text: "changed" },
});

describe("unknown paths", () => {
  it("unknown: owner cannot write a subcollection under their own patient profile", async () => {
    await expectDecision(
      "deny",
      setDoc(doc(rules.db(owner), "patients", owner.uid, "records", "r1"), { text: "x" }),
    );
  });
  it("unknown: platformAdmin cannot read a subcollection under a doctor", async () => {
    await rules.seed((db) => setDoc(doc(db, "doctors", "d1", "private", "p1"), { text: "x" }));
    await expectDecision(
      "deny",
      getDoc(doc(rules.db(ACTORS.platformAdmin), "doctors", "d1", "private", "p1")),
    );
  });
});
