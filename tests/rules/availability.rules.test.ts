// availability/{doctorUid}: a doctor's working hours, written only by the setAvailability
// function (it validates the schedule and keeps booked slots consistent). Any signed-in user
// reads it so clients can show a doctor's hours; nobody writes it directly, not even the
// doctor it belongs to (the "owner").
import {
  arrayUnion,
  collection,
  doc,
  getDoc,
  getDocs,
  query,
  serverTimestamp,
  setDoc,
  updateDoc,
  where,
  type Firestore,
} from "firebase/firestore";
import { describe, it } from "vitest";
import {
  ACTORS,
  OWNERS,
  availability,
  expectDecision,
  useRulesEnv,
  type Actor,
  SIGNED_IN_READ,
} from "./support";
import { runDocumentMatrix } from "./templates/documentSuite";

const rules = useRulesEnv();
const owner = OWNERS.doctor;
const availabilityRef = (db: Firestore, doctorUid: string = owner.uid) => doc(db, "availability", doctorUid);

const table = SIGNED_IN_READ;

async function seedColleague(db: Firestore) {
  await setDoc(
    availabilityRef(db, ACTORS.doctor.uid),
    availability(ACTORS.doctor.uid, {
      modes: ["video", "in_person"],
      weekly: { tue: [{ start: "14:00", end: "18:00" }] },
    }),
  );
}

runDocumentMatrix(
  rules,
  {
    collection: "availability",
    owner,
    others: seedColleague,
    ref: (db) => availabilityRef(db),
    list: (db) => collection(db, "availability"),
    stored: () => availability(owner.uid),
    created: () => availability(owner.uid, { updatedAt: serverTimestamp() }),
    update: { slotMinutes: 15, updatedAt: serverTimestamp() },
  },
  table,
);

describe("availability: the doctor edits only through the callable", () => {
  const seedOwner = () => rules.seed((db) => setDoc(availabilityRef(db), availability(owner.uid)));
  const edit = (data: Record<string, unknown>, actor: Actor = owner) =>
    updateDoc(availabilityRef(rules.db(actor)), data);

  const edits: Array<[string, Record<string, unknown>]> = [
    ["change their weekly hours", { weekly: { mon: [{ start: "09:00", end: "17:00" }] } }],
    [
      "add a day of leave",
      { leave: arrayUnion({ from: "2026-02-09", to: "2026-02-09", note: "Family wedding" }) },
    ],
    ["add a date exception", { exceptions: arrayUnion({ date: "2026-02-10", intervals: [] }) }],
    ["add in-person consultations", { modes: ["video", "in_person"] }],
    ["shorten the minimum notice", { minNoticeMinutes: 0 }],
    ["stamp updatedAt and updatedBy alone", { updatedAt: serverTimestamp(), updatedBy: owner.uid }],
  ];
  for (const [what, data] of edits) {
    it(`availability: owner cannot ${what} directly`, async () => {
      await seedOwner();
      await expectDecision("deny", edit({ ...data, updatedAt: serverTimestamp() }));
    });
  }
  it("availability: owner cannot overwrite their availability with a merge write", async () => {
    await seedOwner();
    await expectDecision(
      "deny",
      setDoc(
        availabilityRef(rules.db(owner)),
        { slotMinutes: 20, updatedAt: serverTimestamp() },
        { merge: true },
      ),
    );
  });
  it("availability: owner cannot publish availability under another doctor's uid", async () => {
    await expectDecision(
      "deny",
      setDoc(availabilityRef(rules.db(owner), "doctor-new"), availability("doctor-new")),
    );
  });
  it("availability: doctor (same org) cannot edit the owner's availability", async () => {
    await seedOwner();
    await expectDecision("deny", edit({ slotMinutes: 60, updatedAt: serverTimestamp() }, ACTORS.doctor));
  });
  it("availability: orgAdmin cannot put the owner on leave", async () => {
    await seedOwner();
    await expectDecision(
      "deny",
      edit(
        { leave: arrayUnion({ from: "2026-02-09", to: "2026-02-13" }), updatedAt: serverTimestamp() },
        ACTORS.orgAdmin,
      ),
    );
  });
});

describe("availability: reads", () => {
  it("availability: otherPatient can query the doctors who offer in-person consultations", async () => {
    await rules.seed(seedColleague);
    const inPerson = query(
      collection(rules.db(ACTORS.otherPatient), "availability"),
      where("modes", "array-contains", "in_person"),
    );
    await expectDecision("allow", getDocs(inPerson));
  });
  it("availability: anonymous cannot query a doctor's availability by doctorUid", async () => {
    await rules.seed(seedColleague);
    const ofDoctor = query(
      collection(rules.db(ACTORS.anonymous), "availability"),
      where("doctorUid", "==", ACTORS.doctor.uid),
    );
    await expectDecision("deny", getDocs(ofDoctor));
  });
  it("availability: otherPatient can get the availability of a doctor who has none yet", async () => {
    await expectDecision(
      "allow",
      getDoc(availabilityRef(rules.db(ACTORS.otherPatient), "doctor-without-hours")),
    );
  });
});
