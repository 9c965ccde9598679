// rxCodes/{code}: which prescription a short code opens (functions/src/repo/rxCodes.ts). Read
// only through the rate-limited verification page: listing them would enumerate every live code.
import { doc, type Firestore } from "firebase/firestore";
import { OWNERS, useRulesEnv } from "./support";
import { runFunctionsOnly } from "./templates/documentSuite";

const rules = useRulesEnv();

runFunctionsOnly(rules, {
  collection: "rxCodes",
  owner: OWNERS.pharmacist,
  ref: (db: Firestore) => doc(db, "rxCodes", "ABCDEFGHJ"),
  stored: () => ({ prescriptionId: "rx1", createdAt: new Date() }),
  update: { createdAt: new Date() },
});
