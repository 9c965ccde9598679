// revocations/{uid}: from which second a user's ID tokens are accepted again, written by functions
// when their sessions are revoked (suspension, role change, sign-out, account deletion:
// functions/src/services/identity/revokeSessions.ts). The rules read it (`notRevoked()`); no
// client does: every actor is denied every operation, including the user it is about (the
// "owner"), who must not be able to erase or move back their own revocation.
import {
  collection,
  doc,
  getDoc,
  query,
  serverTimestamp,
  setDoc,
  where,
  type Firestore,
} from "firebase/firestore";
import { describe, it } from "vitest";
import {
  ACTORS,
  OWNERS,
  REVOKED_AT,
  appointment,
  expectDecision,
  revocation,
  signedInAt,
  useRulesEnv,
} from "./support";
import { runFunctionsOnly } from "./templates/documentSuite";

const rules = useRulesEnv();
const owner = OWNERS.doctor;
const revocationRef = (db: Firestore, uid = owner.uid) => doc(db, "revocations", uid);

async function seedOthers(db: Firestore) {
  await setDoc(revocationRef(db, ACTORS.otherPatient.uid), revocation(REVOKED_AT, { reason: "deleted" }));
}

runFunctionsOnly(rules, {
  collection: "revocations",
  owner,
  others: seedOthers,
  ref: (db) => revocationRef(db),
  list: (db) => query(collection(db, "revocations"), where("reason", "==", "suspended")),
  stored: () => revocation(),
  created: () => ({ ...revocation(0), revokedAt: serverTimestamp() }),
  update: { at: 0 },
});

describe("revocations: whose tokens a revocation refuses", () => {
  const old = signedInAt(owner, REVOKED_AT - 1, "(token from before another user's revocation)");
  const appointmentRef = (db: Firestore) => doc(db, "appointments", "appt-a");
  const seed = async (db: Firestore) => {
    await seedOthers(db);
    await setDoc(appointmentRef(db), appointment(ACTORS.otherPatient.uid, owner.uid));
  };
  it("revocations: owner, with an old token, can still read their appointment when someone else was revoked", async () => {
    await rules.seed(seed);
    await expectDecision("allow", getDoc(appointmentRef(rules.db(old))));
  });
  it("revocations: the revoked patient cannot read the appointment with a token from before", async () => {
    await rules.seed(seed);
    const revoked = signedInAt(ACTORS.otherPatient, REVOKED_AT - 1, "(token from before the revocation)");
    await expectDecision("deny", getDoc(appointmentRef(rules.db(revoked))));
  });
  it("revocations: the revoked patient's token with the test SDK's default auth_time (0) is refused", async () => {
    await rules.seed(seed);
    await expectDecision("deny", getDoc(appointmentRef(rules.db(ACTORS.otherPatient))));
  });
  it("revocations: the revoked patient cannot move their revocation back to read again", async () => {
    await rules.seed(seed);
    const revoked = signedInAt(ACTORS.otherPatient, REVOKED_AT - 1, "(token from before the revocation)");
    await expectDecision(
      "deny",
      setDoc(revocationRef(rules.db(revoked), ACTORS.otherPatient.uid), revocation(0)),
    );
  });
});
