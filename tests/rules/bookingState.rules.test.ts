// bookingState/{patientUid}: the patient's open (booked, not yet ended) appointments, read and
// written by every booking change of that patient so the open-bookings limit holds. Internal
// to the functions: every actor is denied every operation, including the patient whose state
// it is (the "owner").
import { deleteField, doc, getDoc, setDoc, updateDoc, type Firestore } from "firebase/firestore";
import { describe, it } from "vitest";
import { ACTORS, OWNERS, bookedIntervals, expectDecision, useRulesEnv } from "./support";
import { runFunctionsOnly } from "./templates/documentSuite";

const rules = useRulesEnv();
const owner = OWNERS.patient;
const stateRef = (db: Firestore, patientUid: string = owner.uid) => doc(db, "bookingState", patientUid);
const openBookings = () => ({ open: { ...bookedIntervals("appt-a"), ...bookedIntervals("appt-a2") } });

async function seedOthers(db: Firestore) {
  await setDoc(stateRef(db, ACTORS.otherPatient.uid), { open: bookedIntervals("appt-colleague") });
}
async function seedAll(db: Firestore) {
  await seedOthers(db);
  await setDoc(stateRef(db), openBookings());
}

runFunctionsOnly(rules, {
  collection: "bookingState",
  owner,
  others: seedOthers,
  ref: (db) => stateRef(db),
  stored: openBookings,
  created: () => ({ open: {} }),
  update: { open: {} },
});

describe("bookingState: the patient's own limit", () => {
  it("bookingState: owner cannot drop one open booking to get under the limit", async () => {
    await rules.seed(seedAll);
    await expectDecision("deny", updateDoc(stateRef(rules.db(owner)), { "open.appt-a2": deleteField() }));
  });
  it("bookingState: owner cannot replace their state with a merge write", async () => {
    await rules.seed(seedAll);
    await expectDecision("deny", setDoc(stateRef(rules.db(owner)), { open: {} }, { merge: true }));
  });
  it("bookingState: otherPatient cannot fill the owner's state to block their bookings", async () => {
    await rules.seed(seedAll);
    await expectDecision(
      "deny",
      updateDoc(stateRef(rules.db(ACTORS.otherPatient)), { "open.appt-fake": { start: 0, end: 1 } }),
    );
  });
  it("bookingState: owner cannot get another patient's state", async () => {
    await rules.seed(seedAll);
    await expectDecision("deny", getDoc(stateRef(rules.db(owner), ACTORS.otherPatient.uid)));
  });
});
