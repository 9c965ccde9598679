// inboundMessages/{sid}: Twilio messages and call steps already acted on
// (functions/src/repo/inboundMessages.ts). Internal: nobody may read one, or create one to make
// the functions ignore a message, or delete one to make them act twice.
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
import { DENY_ALL, OWNERS, SEEDED_AT, runMatrix, useRulesEnv } from "./support";

const rules = useRulesEnv();
const SID = `SM${"ab".repeat(16)}`;
const claimed = () => ({ channel: "sms", receivedAt: SEEDED_AT, expireAt: SEEDED_AT });
const ref = (db: Firestore) => doc(db, "inboundMessages", SID);

runMatrix(rules, {
  collection: "inboundMessages",
  owner: OWNERS.patient,
  async seed(db, op) {
    if (op !== "create") await setDoc(ref(db), claimed());
  },
  requests: {
    get: (db) => getDoc(ref(db)),
    list: (db) => getDocs(collection(db, "inboundMessages")),
    create: (db) => setDoc(ref(db), claimed()),
    update: (db) => updateDoc(ref(db), { channel: "voice" }),
    delete: (db) => deleteDoc(ref(db)),
  },
  table: DENY_ALL,
});
