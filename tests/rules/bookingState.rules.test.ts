// bookingState/{patientUid}: the patient's open (booked, not yet ended) appointments, read and
// written by every booking change of that patient so the open-bookings limit holds. Internal
// to the functions: every actor is denied every operation, including the patient whose state
// it is (the "owner").
import { deleteField, doc, getDoc, setDoc, updateDoc, type Firestore } from "firebase/firestore";
import { describe } from "vitest";
import { ACTORS, OWNERS, bookedIntervals, useRulesEnv, expectEach } from "./support";
import { runFunctionsOnly, seedDocument, type DocumentSuite } from "./templates/documentSuite";

const rules = useRulesEnv();
const owner = OWNERS.patient;
const stateRef = (db: Firestore, patientUid: string = owner.uid) => doc(db, "bookingState", patientUid);
const openBookings = () => ({ open: { ...bookedIntervals("appt-a"), ...bookedIntervals("appt-a2") } });

async function seedOthers(db: Firestore) {
  await setDoc(stateRef(db, ACTORS.otherPatient.uid), { open: bookedIntervals("appt-colleague") });
}

const state: DocumentSuite = {
  collection: "bookingState",
  owner,
  others: seedOthers,
  ref: (db) => stateRef(db),
  stored: openBookings,
  created: () => ({ open: {} }),
  update: { open: {} },
};
runFunctionsOnly(rules, state);
const seedAll = seedDocument(state);

describe("bookingState: the patient's own limit", () => {
  expectEach(rules, "bookingState", seedAll, [
    [
      "owner cannot drop one open booking to get under the limit",
      "deny",
      owner,
      (db) => updateDoc(stateRef(db), { "open.appt-a2": deleteField() }),
    ],
    [
      "owner cannot replace their state with a merge write",
      "deny",
      owner,
      (db) => setDoc(stateRef(db), { open: {} }, { merge: true }),
    ],
    [
      "otherPatient cannot fill the owner's state to block their bookings",
      "deny",
      ACTORS.otherPatient,
      (db) => updateDoc(stateRef(db), { "open.appt-fake": { start: 0, end: 1 } }),
    ],
    [
      "owner cannot get another patient's state",
      "deny",
      owner,
      (db) => getDoc(stateRef(db, ACTORS.otherPatient.uid)),
    ],
  ]);
});
