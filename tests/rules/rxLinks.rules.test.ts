// rxLinks/{token}: one-use short links in prescription SMS (functions/src/repo/rxLinks.ts). A
// token is a download of a prescription: no actor may read, list or write one directly.
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
import { DENY_ALL, OWNERS, runMatrix, useRulesEnv } from "./support";

const rules = useRulesEnv();
const ref = (db: Firestore, id = "AbCdEfGhJk") => doc(db, "rxLinks", id);
const value = () => ({ prescriptionId: "rx1", patientUid: "p1", expiresAt: new Date(), usedAt: null });

runMatrix(rules, {
  collection: "rxLinks",
  owner: OWNERS.pharmacist,
  async seed(db, op) {
    if (op !== "create") await setDoc(ref(db), value());
  },
  requests: {
    get: (db) => getDoc(ref(db)),
    list: (db) => getDocs(collection(db, "rxLinks")),
    create: (db) => setDoc(ref(db), value()),
    update: (db) => updateDoc(ref(db), { usedAt: new Date() }),
    delete: (db) => deleteDoc(ref(db)),
  },
  table: DENY_ALL,
});
