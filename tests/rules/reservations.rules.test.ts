// reservations/{id}: a patient's hold on stock at a pharmacy (functions/src/repo/reservations.ts).
// Created, decided and released only through the functions (a hold moves stock): every actor is
// denied every direct operation, the patient and the pharmacy's pharmacist included.
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
const ref = (db: Firestore, id = "res1") => doc(db, "reservations", id);
const value = () => ({
  patientUid: "p1",
  pharmacyId: "ph1",
  prescriptionId: "rx1",
  lines: [],
  status: "held",
  holdUntil: new Date(),
  createdAt: new Date(),
});

runMatrix(rules, {
  collection: "reservations",
  owner: OWNERS.pharmacist,
  async seed(db, op) {
    if (op !== "create") await setDoc(ref(db), value());
  },
  requests: {
    get: (db) => getDoc(ref(db)),
    list: (db) => getDocs(collection(db, "reservations")),
    create: (db) => setDoc(ref(db), value()),
    update: (db) => updateDoc(ref(db), { status: "released" }),
    delete: (db) => deleteDoc(ref(db)),
  },
  table: DENY_ALL,
});
