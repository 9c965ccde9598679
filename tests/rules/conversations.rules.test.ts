// conversations/{phoneKey}: the SMS conversation with one phone (functions/src/handlers/inbound/sms.ts).
// Internal: it names the phone's pending offers; every actor is denied every operation, the
// patient whose phone it is (the "owner") included.
import { doc, type Firestore } from "firebase/firestore";
import { OWNERS, SEEDED_AT, useRulesEnv } from "./support";
import { runFunctionsOnly } from "./templates/documentSuite";

const rules = useRulesEnv();
const KEY = "3f2a9c1d7e5b4a6c8d0e1f2a3b4c5d6e";

runFunctionsOnly(rules, {
  collection: "conversations",
  owner: OWNERS.patient,
  ref: (db: Firestore) => doc(db, "conversations", KEY),
  stored: () => ({
    step: "offered",
    language: "pa",
    offers: [{ doctorUid: "doctor-colleague", startMs: 1_800_000_000_000, mode: "video" }],
    moving: null,
    expiresAt: SEEDED_AT,
    expireAt: SEEDED_AT,
    updatedAt: SEEDED_AT,
  }),
  update: { step: "idle", offers: [] },
});
