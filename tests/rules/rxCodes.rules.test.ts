// rxCodes/{code}: which prescription a short code opens (functions/src/repo/rxCodes.ts). Read
// only through the rate-limited verification page: listing them would enumerate every live code.
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
const ref = (db: Firestore, id = "ABCDEFGHJ") => doc(db, "rxCodes", id);
const value = () => ({ prescriptionId: "rx1", createdAt: new Date() });

runMatrix(rules, {
  collection: "rxCodes",
  owner: OWNERS.pharmacist,
  async seed(db, op) {
    if (op !== "create") await setDoc(ref(db), value());
  },
  requests: {
    get: (db) => getDoc(ref(db)),
    list: (db) => getDocs(collection(db, "rxCodes")),
    create: (db) => setDoc(ref(db), value()),
    update: (db) => updateDoc(ref(db), { createdAt: new Date() }),
    delete: (db) => deleteDoc(ref(db)),
  },
  table: DENY_ALL,
});
