// idempotency/{key}: the first answer to a booking call, keyed `${uid}_${clientKey}`, written
// in the same transaction as the change and returned to a retry with the same key. Internal
// to the functions: every actor is denied every operation, including the patient whose key it
// is (the "owner").
import {
  collection,
  doc,
  getDoc,
  getDocs,
  query,
  serverTimestamp,
  setDoc,
  where,
  type Firestore,
} from "firebase/firestore";
import { describe, it } from "vitest";
import { ACTORS, OWNERS, expectDecision, idempotencyRecord, useRulesEnv, expectEach } from "./support";
import { runFunctionsOnly, seedDocument, type DocumentSuite } from "./templates/documentSuite";

const rules = useRulesEnv();
const owner = OWNERS.patient;
const CLIENT_KEY = "3f1c9a2e-5b7d-4e8f-9a0b-1c2d3e4f5a6b";
const KEY = `${owner.uid}_${CLIENT_KEY}`;
const recordRef = (db: Firestore, key = KEY) => doc(db, "idempotency", key);

async function seedOthers(db: Firestore) {
  await setDoc(
    recordRef(db, `${ACTORS.otherPatient.uid}_${CLIENT_KEY}`),
    idempotencyRecord(ACTORS.otherPatient.uid),
  );
}

const answer: DocumentSuite = {
  collection: "idempotency",
  owner,
  others: seedOthers,
  ref: (db) => recordRef(db),
  list: (db) => query(collection(db, "idempotency"), where("uid", "==", owner.uid)),
  stored: () => idempotencyRecord(owner.uid),
  created: () => idempotencyRecord(owner.uid, { createdAt: serverTimestamp() }),
  update: { result: { appointmentId: "appt-forged" } },
};
runFunctionsOnly(rules, answer);
const seedAll = seedDocument(answer);

describe("idempotency: forged answers", () => {
  it("idempotency: owner cannot plant an answer for a key before calling book", async () => {
    await rules.seed(seedOthers);
    const planted = idempotencyRecord(owner.uid, {
      result: { appointmentId: "appt-colleague" },
      createdAt: serverTimestamp(),
    });
    await expectDecision(
      "deny",
      setDoc(recordRef(rules.db(owner), `${owner.uid}_planted-key-0001`), planted),
    );
  });
  it("idempotency: otherPatient cannot plant an answer under the owner's key", async () => {
    await rules.seed(seedOthers);
    await expectDecision(
      "deny",
      setDoc(recordRef(rules.db(ACTORS.otherPatient)), idempotencyRecord(owner.uid)),
    );
  });
  expectEach(rules, "idempotency", seedAll, [
    [
      "otherPatient cannot read the owner's recorded answer",
      "deny",
      ACTORS.otherPatient,
      (db) => getDoc(recordRef(db)),
    ],
    [
      "platformAdmin cannot list every record",
      "deny",
      ACTORS.platformAdmin,
      (db) => getDocs(collection(db, "idempotency")),
    ],
  ]);
});
