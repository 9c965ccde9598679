// inboundMessages/{sid}: Twilio messages and call steps already acted on
// (functions/src/repo/inboundMessages.ts). Internal: nobody may read one, or create one to make
// the functions ignore a message, or delete one to make them act twice.
import { doc, type Firestore } from "firebase/firestore";
import { OWNERS, SEEDED_AT, useRulesEnv } from "./support";
import { runFunctionsOnly } from "./templates/documentSuite";

const rules = useRulesEnv();
const SID = `SM${"ab".repeat(16)}`;

runFunctionsOnly(rules, {
  collection: "inboundMessages",
  owner: OWNERS.patient,
  ref: (db: Firestore) => doc(db, "inboundMessages", SID),
  stored: () => ({ channel: "sms", receivedAt: SEEDED_AT, expireAt: SEEDED_AT }),
  update: { channel: "voice" },
});
