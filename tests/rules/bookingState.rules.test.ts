// bookingState/{patientUid}: the patient's open (booked, not yet ended) appointments, read and
// written by every booking change of that patient so the open-bookings limit holds. Internal
// to the functions: every actor is denied every operation, including the patient whose state
// it is (the "owner").
import {
  collection,
  deleteDoc,
  deleteField,
  doc,
  getDoc,
  getDocs,
  setDoc,
  updateDoc,
  type Firestore,
} from "firebase/firestore";
import { describe, it } from "vitest";
import { ACTORS, OWNERS, bookedIntervals, expectDecision, runMatrix, useRulesEnv, DENY_ALL } from "./support";

const rules = useRulesEnv();
const owner = OWNERS.patient;
const stateRef = (db: Firestore, patientUid: string = owner.uid) => doc(db, "bookingState", patientUid);
const openBookings = () => ({ open: { ...bookedIntervals("appt-a"), ...bookedIntervals("appt-a2") } });

const table = DENY_ALL;

async function seedOthers(db: Firestore) {
  await setDoc(stateRef(db, ACTORS.otherPatient.uid), { open: bookedIntervals("appt-colleague") });
}
async function seedAll(db: Firestore) {
  await seedOthers(db);
  await setDoc(stateRef(db), openBookings());
}

runMatrix(rules, {
  collection: "bookingState",
  owner,
  async seed(db, op) {
    await seedOthers(db);
    if (op !== "create") await setDoc(stateRef(db), openBookings());
  },
  requests: {
    get: (db) => getDoc(stateRef(db)),
    list: (db) => getDocs(collection(db, "bookingState")),
    create: (db) => setDoc(stateRef(db), { open: {} }),
    update: (db) => updateDoc(stateRef(db), { open: {} }),
    delete: (db) => deleteDoc(stateRef(db)),
  },
  table,
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
