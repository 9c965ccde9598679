// rxKeys/{keyId}: public halves of the prescription signing keys (functions/src/repo/rxKeys.ts).
// Published through GET /api/rx/keys; written by the functions and the rotation command only, so
// no actor may read or write them directly (a forged key would make forged prescriptions verify).
import { doc, type Firestore } from "firebase/firestore";
import { OWNERS, useRulesEnv } from "./support";
import { runFunctionsOnly } from "./templates/documentSuite";

const rules = useRulesEnv();

runFunctionsOnly(rules, {
  collection: "rxKeys",
  owner: OWNERS.pharmacist,
  ref: (db: Firestore) => doc(db, "rxKeys", "k1"),
  stored: () => ({
    keyId: "k1",
    publicKeyPem: "-----BEGIN PUBLIC KEY-----",
    createdAt: new Date(),
    retiredAt: null,
  }),
  update: { createdAt: new Date() },
});
