// doctorSchedules/{doctorUid}/days/{day}: a doctor's booked intervals per UTC day, read and
// written by the booking functions inside their transactions so that two bookings of one
// doctor's day serialise. Internal to the functions: every actor is denied every operation,
// including the doctor whose schedule it is (the "owner").
import {
  collection,
  collectionGroup,
  doc,
  getDoc,
  getDocs,
  setDoc,
  type Firestore,
} from "firebase/firestore";
import { describe, it } from "vitest";
import {
  ACTORS,
  APPOINTMENT_START,
  OWNERS,
  bookedIntervals,
  expectDecision,
  useRulesEnv,
  type Actor,
} from "./support";
import { runFunctionsOnly } from "./templates/documentSuite";

const rules = useRulesEnv();
const owner = OWNERS.doctor;
const DAY = "2026-02-02";
const daysOf = (db: Firestore, doctorUid: string = owner.uid) =>
  collection(db, "doctorSchedules", doctorUid, "days");
const dayRef = (db: Firestore, day = DAY, doctorUid: string = owner.uid) => doc(daysOf(db, doctorUid), day);

async function seedOthers(db: Firestore) {
  await setDoc(dayRef(db, DAY, ACTORS.doctor.uid), { booked: bookedIntervals("appt-colleague") });
  await setDoc(dayRef(db, "2026-02-01"), { booked: {} });
}
async function seedAll(db: Firestore) {
  await seedOthers(db);
  await setDoc(dayRef(db), { booked: bookedIntervals("appt-a") });
}

runFunctionsOnly(rules, {
  collection: "doctorSchedules/days",
  owner,
  others: seedOthers,
  ref: (db) => dayRef(db),
  list: (db) => daysOf(db),
  stored: () => ({ booked: bookedIntervals("appt-a") }),
  update: { booked: {} },
});

describe("doctorSchedules: beyond the day documents", () => {
  it("doctorSchedules: owner cannot get the schedule document above their days", async () => {
    await rules.seed(async (db) => {
      await seedAll(db);
      await setDoc(doc(db, "doctorSchedules", owner.uid), { doctorUid: owner.uid });
    });
    await expectDecision("deny", getDoc(doc(rules.db(owner), "doctorSchedules", owner.uid)));
  });
  it("doctorSchedules: owner cannot block out a day by booking a fake interval", async () => {
    await rules.seed(seedAll);
    const fake = {
      start: APPOINTMENT_START.toMillis() + 3600_000,
      end: APPOINTMENT_START.toMillis() + 5400_000,
    };
    await expectDecision(
      "deny",
      setDoc(dayRef(rules.db(owner)), { booked: { ...bookedIntervals("appt-a"), "appt-fake": fake } }),
    );
  });
  it("doctorSchedules: otherPatient cannot fill another doctor's day", async () => {
    await rules.seed(seedAll);
    await expectDecision(
      "deny",
      setDoc(dayRef(rules.db(ACTORS.otherPatient), "2026-02-05"), { booked: bookedIntervals("appt-spam") }),
    );
  });
  const groupReaders: Actor[] = [owner, ACTORS.orgAdmin, ACTORS.platformAdmin];
  for (const actor of groupReaders) {
    it(`doctorSchedules: ${actor.label} cannot query every doctor's days as a collection group`, async () => {
      await rules.seed(seedAll);
      await expectDecision("deny", getDocs(collectionGroup(rules.db(actor), "days")));
    });
  }
});
