// rxLinks/{token}: one-use short links in prescription SMS (functions/src/repo/rxLinks.ts). A
// token is a download of a prescription: no actor may read, list or write one directly.
import { doc, type Firestore } from "firebase/firestore";
import { OWNERS, useRulesEnv } from "./support";
import { runFunctionsOnly } from "./templates/documentSuite";

const rules = useRulesEnv();

runFunctionsOnly(rules, {
  collection: "rxLinks",
  owner: OWNERS.pharmacist,
  ref: (db: Firestore) => doc(db, "rxLinks", "AbCdEfGhJk"),
  stored: () => ({ prescriptionId: "rx1", patientUid: "p1", expiresAt: new Date(), usedAt: null }),
  update: { usedAt: new Date() },
});
