// pharmacies/{id}: created by the review function on approval. Any signed-in user finds
// approved pharmacies; a non-approved one is visible only to its pharmacist and the admins
// of its organisation. Its pharmacist (claim pharmacy == id) edits name, phone and opening
// hours; location, licence, organisation, status and ownership are protected.
import {
  collection,
  deleteDoc,
  doc,
  GeoPoint,
  getDoc,
  getDocs,
  query,
  serverTimestamp,
  setDoc,
  Timestamp,
  updateDoc,
  where,
  type Firestore,
} from "firebase/firestore";
import { describe, it } from "vitest";
import {
  SUSPENDED_PROFILE_READERS,
  ACTORS,
  OWNERS,
  ORG_B,
  PHARMACY_A,
  PHARMACY_B,
  expectDecision,
  pharmacy,
  runMatrix,
  useRulesEnv,
  type Actor,
  type MatrixTable,
  type MatrixSpec,
  SIGNED_IN_READ,
  runRevokedFor,
} from "./support";

const rules = useRulesEnv();
const owner = OWNERS.pharmacist;
const pharmacyRef = (db: Firestore) => doc(db, "pharmacies", PHARMACY_A);
const approvedPharmacies = (db: Firestore) =>
  query(collection(db, "pharmacies"), where("status", "==", "approved"));

/** The owner also edits their profile (the fields the rules let them). */
const table: MatrixTable = {
  ...SIGNED_IN_READ,
  owner: { get: "allow", list: "allow", create: "deny", update: "allow", delete: "deny" },
};

const matrix: MatrixSpec = {
  collection: "pharmacies",
  owner,
  async seed(db, op) {
    await setDoc(
      doc(db, "pharmacies", PHARMACY_B),
      pharmacy(ACTORS.pharmacist.uid, { name: "Jan Aushadhi Kendra", org: ORG_B }),
    );
    await setDoc(
      doc(db, "pharmacies", "pharmacy-suspended"),
      pharmacy("pharmacist-suspended", { status: "suspended" }),
    );
    if (op !== "create") await setDoc(pharmacyRef(db), pharmacy(owner.uid));
  },
  requests: {
    get: (db) => getDoc(pharmacyRef(db)),
    list: (db) => getDocs(approvedPharmacies(db)),
    create: (db) =>
      setDoc(
        pharmacyRef(db),
        pharmacy(owner.uid, { approvedAt: serverTimestamp(), updatedAt: serverTimestamp() }),
      ),
    update: (db) => updateDoc(pharmacyRef(db), { phone: "+911612340000", updatedAt: serverTimestamp() }),
    delete: (db) => deleteDoc(pharmacyRef(db)),
  },
  table,
};
runMatrix(rules, matrix);
runRevokedFor(rules, matrix, [[owner, ["update"]]]);

describe("pharmacies: fields the pharmacist edits", () => {
  const seedPharmacy = (overrides: Record<string, unknown> = {}) =>
    rules.seed((db) => setDoc(pharmacyRef(db), pharmacy(owner.uid, overrides)));
  const edit = (data: Record<string, unknown>, actor: Actor = owner) =>
    updateDoc(pharmacyRef(rules.db(actor)), data);

  const allowed: Record<string, unknown> = {
    name: "Sehat Medicos and Surgicals",
    phone: "+919876543210",
    openingHours: {
      mon: [
        { open: "08:00", close: "13:00" },
        { open: "16:00", close: "21:00" },
      ],
      sun: [{ open: "10:00", close: "14:00" }],
    },
  };
  for (const [field, value] of Object.entries(allowed)) {
    it(`pharmacies: owner can change ${field}`, async () => {
      await seedPharmacy();
      await expectDecision("allow", edit({ [field]: value, updatedAt: serverTimestamp() }));
    });
  }

  const protectedFields: Record<string, unknown> = {
    location: new GeoPoint(30.7333, 76.7794),
    geohash: "ttsg0dxkv",
    licenceNumber: "PB-LDH-20B-9999",
    org: ORG_B,
    status: "suspended",
    ownerUid: ACTORS.otherPatient.uid,
    address: { line1: "Shop 9", district: "Ludhiana", state: "Punjab", pincode: "141002" },
    timezone: "Asia/Calcutta",
    approvedAt: Timestamp.fromDate(new Date("2020-01-01T00:00:00Z")),
  };
  for (const [field, value] of Object.entries(protectedFields)) {
    it(`pharmacies: owner cannot change ${field}`, async () => {
      await seedPharmacy();
      await expectDecision("deny", edit({ [field]: value, updatedAt: serverTimestamp() }));
    });
  }

  const invalid: Record<string, unknown> = {
    name: "",
    phone: "0161-2345678",
    openingHours: { monday: [{ open: "09:00", close: "18:00" }] },
  };
  for (const [field, value] of Object.entries(invalid)) {
    it(`pharmacies: owner cannot set an invalid ${field}`, async () => {
      await seedPharmacy();
      await expectDecision("deny", edit({ [field]: value, updatedAt: serverTimestamp() }));
    });
  }
  // What the functions read (openingHoursSchema, the stored pharmacy's schema), the rules accept:
  // hours a reader cannot use never reach the nearby search.
  const interval = (open: string, close: string) => ({ open, close });
  const malformedHours: Array<[string, unknown]> = [
    ["a day that is a string", { mon: "09:00-18:00" }],
    ["a day that is a map", { mon: { open: "09:00", close: "18:00" } }],
    ["times that are not HH:MM", { mon: [interval("9am", "5pm")] }],
    ["an hour 24", { mon: [interval("09:00", "24:00")] }],
    ["a minute 60", { mon: [interval("09:60", "18:00")] }],
    ["times that are numbers", { mon: [{ open: 900, close: 1800 }] }],
    ["an interval without close", { mon: [{ open: "09:00" }] }],
    ["an interval with an extra field", { mon: [{ ...interval("09:00", "18:00"), note: "lunch" }] }],
    ["an interval with a nested map", { mon: [{ open: { h: 9 }, close: "18:00" }] }],
    ["an interval that closes before it opens", { mon: [interval("18:00", "09:00")] }],
    ["an interval that closes when it opens", { mon: [interval("09:00", "09:00")] }],
    ["overlapping intervals", { tue: [interval("09:00", "13:00"), interval("12:00", "18:00")] }],
    [
      "a third interval overlapping the first",
      { wed: [interval("09:00", "11:00"), interval("12:00", "13:00"), interval("10:00", "10:30")] },
    ],
    [
      "four intervals",
      {
        thu: [
          interval("06:00", "07:00"),
          interval("08:00", "09:00"),
          interval("10:00", "11:00"),
          interval("12:00", "13:00"),
        ],
      },
    ],
    ["a bad Sunday after a good Monday", { mon: [interval("09:00", "18:00")], sun: [interval("x", "y")] }],
    ["a list instead of a map", [interval("09:00", "18:00")]],
  ];
  for (const [what, openingHours] of malformedHours) {
    it(`pharmacies: owner cannot set opening hours with ${what}`, async () => {
      await seedPharmacy();
      await expectDecision("deny", edit({ openingHours, updatedAt: serverTimestamp() }));
    });
  }
  const wellFormedHours: Array<[string, unknown]> = [
    ["closed all week", {}],
    ["a closed day as an empty list", { mon: [] }],
    ["round the clock", { sat: [interval("00:00", "23:59")] }],
    [
      "three intervals, unsorted, touching",
      { fri: [interval("16:00", "21:00"), interval("08:00", "12:00"), interval("12:00", "14:00")] },
    ],
  ];
  for (const [what, openingHours] of wellFormedHours) {
    it(`pharmacies: owner can set opening hours ${what}`, async () => {
      await seedPharmacy();
      await expectDecision("allow", edit({ openingHours, updatedAt: serverTimestamp() }));
    });
  }
  it("pharmacies: owner cannot edit without stamping updatedAt", async () => {
    await seedPharmacy();
    await expectDecision("deny", edit({ name: "Sehat Medicos 2" }));
  });
  it("pharmacies: owner cannot edit with a client-clock updatedAt", async () => {
    await seedPharmacy();
    await expectDecision("deny", edit({ name: "Sehat Medicos 2", updatedAt: Timestamp.now() }));
  });
  it("pharmacies: pharmacist of another pharmacy cannot change the hours", async () => {
    await seedPharmacy();
    await expectDecision("deny", edit({ openingHours: {}, updatedAt: serverTimestamp() }, ACTORS.pharmacist));
  });
  it("pharmacies: the owner's uid without the pharmacist role cannot edit", async () => {
    await seedPharmacy();
    const asPatient: Actor = {
      label: "asPatient",
      uid: owner.uid,
      claims: { role: "patient", pharmacy: PHARMACY_A },
    };
    await expectDecision("deny", edit({ name: "Sehat Medicos 2", updatedAt: serverTimestamp() }, asPatient));
  });
});

describe("pharmacies: a suspended pharmacy", () => {
  const seedSuspended = () =>
    rules.seed((db) => setDoc(pharmacyRef(db), pharmacy(owner.uid, { status: "suspended" })));
  const cases = SUSPENDED_PROFILE_READERS(owner);
  for (const [actor, decision] of cases) {
    it(`pharmacies: ${actor.label} ${decision === "allow" ? "can" : "cannot"} get a suspended pharmacy`, async () => {
      await seedSuspended();
      await expectDecision(decision, getDoc(pharmacyRef(rules.db(actor))));
    });
  }
  it("pharmacies: otherPatient cannot list every pharmacy regardless of status", async () => {
    await seedSuspended();
    await expectDecision("deny", getDocs(collection(rules.db(ACTORS.otherPatient), "pharmacies")));
  });
  it("pharmacies: owner can query the pharmacies they own", async () => {
    await seedSuspended();
    const mine = query(collection(rules.db(owner), "pharmacies"), where("ownerUid", "==", owner.uid));
    await expectDecision("allow", getDocs(mine));
  });
});
