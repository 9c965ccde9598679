// conversations/{phoneKey}: the SMS conversation with one phone (functions/src/handlers/inbound/sms.ts).
// Internal: it names the phone's pending offers; every actor is denied every operation, the
// patient whose phone it is (the "owner") included.
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
const KEY = "3f2a9c1d7e5b4a6c8d0e1f2a3b4c5d6e";
const conversation = () => ({
  step: "offered",
  language: "pa",
  offers: [{ doctorUid: "doctor-colleague", startMs: 1_800_000_000_000, mode: "video" }],
  moving: null,
  expiresAt: SEEDED_AT,
  expireAt: SEEDED_AT,
  updatedAt: SEEDED_AT,
});
const ref = (db: Firestore) => doc(db, "conversations", KEY);

runMatrix(rules, {
  collection: "conversations",
  owner: OWNERS.patient,
  async seed(db, op) {
    if (op !== "create") await setDoc(ref(db), conversation());
  },
  requests: {
    get: (db) => getDoc(ref(db)),
    list: (db) => getDocs(collection(db, "conversations")),
    create: (db) => setDoc(ref(db), conversation()),
    update: (db) => updateDoc(ref(db), { step: "idle", offers: [] }),
    delete: (db) => deleteDoc(ref(db)),
  },
  table: DENY_ALL,
});
