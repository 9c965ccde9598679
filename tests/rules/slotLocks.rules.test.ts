// slotLocks/{id}: one document per taken slot, id `${doctorUid}_${start}`, created and deleted
// by the booking functions inside their transactions (a second booking of the slot fails to
// create it). Internal to the functions: every actor is denied every operation, including the
// doctor whose slot is locked (the "owner") and the patient who booked it.
import {
  collection,
  deleteDoc,
  doc,
  getDoc,
  getDocs,
  query,
  serverTimestamp,
  setDoc,
  Timestamp,
  where,
  type Firestore,
} from "firebase/firestore";
import { describe, it } from "vitest";
import {
  ACTORS,
  OWNERS,
  expectDecision,
  slotLock,
  slotLockIdFor,
  useRulesEnv,
  type Actor,
  expectEach,
} from "./support";
import { runFunctionsOnly } from "./templates/documentSuite";

const rules = useRulesEnv();
const owner = { ...OWNERS.doctor, label: "owner (the slot's doctor)" };
const patient: Actor = { ...OWNERS.patient, label: "patient (who booked the slot)" };
const LOCK = slotLockIdFor(owner.uid);
const lockRef = (db: Firestore, id = LOCK) => doc(db, "slotLocks", id);
const freeSlot = Timestamp.fromDate(new Date("2026-02-02T04:30:00.000Z"));

async function seedOthers(db: Firestore) {
  await setDoc(lockRef(db, slotLockIdFor(ACTORS.doctor.uid)), slotLock(ACTORS.doctor.uid, "appt-colleague"));
}
async function seedAll(db: Firestore) {
  await seedOthers(db);
  await setDoc(lockRef(db), slotLock(owner.uid, "appt-a"));
}

runFunctionsOnly(rules, {
  collection: "slotLocks",
  owner,
  others: seedOthers,
  ref: (db) => lockRef(db),
  list: (db) => query(collection(db, "slotLocks"), where("doctorUid", "==", owner.uid)),
  stored: () => slotLock(owner.uid, "appt-a"),
  created: () => ({ ...slotLock(owner.uid, "appt-a"), createdAt: serverTimestamp() }),
  update: { appointmentId: "appt-other" },
});

describe("slotLocks: the patient who booked", () => {
  expectEach(rules, "slotLocks", seedAll, [
    ["patient cannot get the lock of their booked slot", "deny", patient, (db) => getDoc(lockRef(db))],
    [
      "patient cannot free their booked slot by deleting its lock",
      "deny",
      patient,
      (db) => deleteDoc(lockRef(db)),
    ],
  ]);
  it("slotLocks: patient cannot hold a free slot by creating its lock", async () => {
    await rules.seed(seedAll);
    const id = slotLockIdFor(owner.uid, freeSlot);
    await expectDecision(
      "deny",
      setDoc(lockRef(rules.db(patient), id), {
        ...slotLock(owner.uid, "appt-squat", freeSlot),
        createdAt: serverTimestamp(),
      }),
    );
  });
});

describe("slotLocks: listing", () => {
  const cases: Actor[] = [owner, patient, ACTORS.orgAdmin, ACTORS.platformAdmin];
  for (const actor of cases) {
    it(`slotLocks: ${actor.label} cannot list every lock`, async () => {
      await rules.seed(seedAll);
      await expectDecision("deny", getDocs(collection(rules.db(actor), "slotLocks")));
    });
  }
});
