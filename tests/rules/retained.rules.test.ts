// retained/{patientUid}/{collection}/{id}: what medical law keeps after a patient deleted their
// account (functions/src/domain/records/retention.ts). No rule opens it: not the former patient
// (whose uid a new account could not have anyway), not the treating doctor, not admins.
import {
  collection,
  collectionGroup,
  doc,
  getDoc,
  getDocs,
  setDoc,
  type Firestore,
} from "firebase/firestore";
import { describe, it } from "vitest";
import { ACTORS, OWNERS, expectDecision, useRulesEnv } from "./support";
import { runFunctionsOnly } from "./templates/documentSuite";

const rules = useRulesEnv();
const owner = OWNERS.patient;
const archived = (db: Firestore) => doc(db, "retained", owner.uid, "clinicalRecords", "appt-1");
const note = {
  patientUid: owner.uid,
  doctorUid: "doctor-colleague",
  org: "org-a",
  version: 1,
  soap: { assessment: "Acute pharyngitis" },
};

runFunctionsOnly(rules, {
  collection: "retained (after account deletion)",
  owner,
  others: (db) => setDoc(doc(db, "retained", owner.uid), { patientUid: owner.uid, policy: "IMC 1.3.1" }),
  ref: archived,
  stored: () => note,
  update: { version: 2 },
});

describe("retained: other ways in", () => {
  it("retained: the treating doctor cannot read the archived note", async () => {
    await rules.seed((db) => setDoc(archived(db), note));
    await expectDecision("deny", getDoc(archived(rules.db(ACTORS.doctor))));
  });
  it("retained: nobody lists the archive root or queries it as a collection group", async () => {
    await rules.seed((db) => setDoc(archived(db), note));
    await expectDecision("deny", getDocs(collection(rules.db(ACTORS.platformAdmin), "retained")));
    await expectDecision("deny", getDocs(collectionGroup(rules.db(ACTORS.platformAdmin), "clinicalRecords")));
    await expectDecision("deny", getDoc(doc(rules.db(owner), "retained", owner.uid)));
  });
});
