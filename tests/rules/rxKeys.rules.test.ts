// rxKeys/{keyId}: public halves of the prescription signing keys (functions/src/repo/rxKeys.ts).
// Published through GET /api/rx/keys; written by the functions and the rotation command only, so
// no actor may read or write them directly (a forged key would make forged prescriptions verify).
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
const ref = (db: Firestore, id = "k1") => doc(db, "rxKeys", id);
const value = () => ({
  keyId: "k1",
  publicKeyPem: "-----BEGIN PUBLIC KEY-----",
  createdAt: new Date(),
  retiredAt: null,
});

runMatrix(rules, {
  collection: "rxKeys",
  owner: OWNERS.pharmacist,
  async seed(db, op) {
    if (op !== "create") await setDoc(ref(db), value());
  },
  requests: {
    get: (db) => getDoc(ref(db)),
    list: (db) => getDocs(collection(db, "rxKeys")),
    create: (db) => setDoc(ref(db), value()),
    update: (db) => updateDoc(ref(db), { createdAt: new Date() }),
    delete: (db) => deleteDoc(ref(db)),
  },
  table: DENY_ALL,
});
