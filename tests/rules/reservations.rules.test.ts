// reservations/{id}: a patient's hold on stock at a pharmacy (functions/src/repo/reservations.ts).
// Created, decided and released only through the functions (a hold moves stock): every actor is
// denied every direct operation, the patient and the pharmacy's pharmacist included.
import { doc, type Firestore } from "firebase/firestore";
import { OWNERS, useRulesEnv } from "./support";
import { runFunctionsOnly } from "./templates/documentSuite";

const rules = useRulesEnv();

runFunctionsOnly(rules, {
  collection: "reservations",
  owner: OWNERS.pharmacist,
  ref: (db: Firestore) => doc(db, "reservations", "res1"),
  stored: () => ({
    patientUid: "p1",
    pharmacyId: "ph1",
    prescriptionId: "rx1",
    lines: [],
    status: "held",
    holdUntil: new Date(),
    createdAt: new Date(),
  }),
  update: { status: "released" },
});
