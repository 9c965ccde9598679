// Any collection the rules do not name is denied to everyone, including a user whose uid is
// the document id ("owner") and platform admins.
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
import { ACTORS, OWNERS, expectDecision, runMatrix, useRulesEnv, DENY_ALL } from "./support";

const rules = useRulesEnv();
const owner = OWNERS.patient;
const noteRef = (db: Firestore) => doc(db, "notes", owner.uid);

const table = DENY_ALL;

runMatrix(rules, {
  collection: "notes (unknown collection)",
  owner,
  async seed(db, op) {
    await setDoc(doc(db, "notes", ACTORS.otherPatient.uid), { text: "other" });
    if (op !== "create") await setDoc(noteRef(db), { text: "mine" });
  },
  requests: {
    get: (db) => getDoc(noteRef(db)),
    list: (db) => getDocs(collection(db, "notes")),
    create: (db) => setDoc(noteRef(db), { text: "mine" }),
    update: (db) => updateDoc(noteRef(db), { text: "changed" }),
    delete: (db) => deleteDoc(noteRef(db)),
  },
  table,
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
