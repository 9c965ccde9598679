// patients/{uid}: the owner creates and edits their own profile; nobody else reads it
// (clinical access comes later, with consent); nobody lists the collection; deletion is a
// function (retention rules apply).
import {
  collection,
  deleteDoc,
  doc,
  getDoc,
  getDocs,
  serverTimestamp,
  setDoc,
  Timestamp,
  updateDoc,
  type Firestore,
} from "firebase/firestore";
import { describe, it } from "vitest";
import {
  ACTORS,
  OWNERS,
  SEEDED_AT,
  address,
  expectDecision,
  patientProfile,
  row,
  runMatrix,
  useRulesEnv,
  type MatrixTable,
  type Op,
  type MatrixSpec,
  runRevokedFor,
} from "./support";

const rules = useRulesEnv();
const owner = OWNERS.patient;
const ownerRef = (db: Firestore) => doc(db, "patients", owner.uid);

async function seedPatients(db: Firestore, op: Op) {
  await setDoc(
    doc(db, "patients", ACTORS.otherPatient.uid),
    patientProfile({ name: "Balwinder Singh", sex: "male" }, SEEDED_AT),
  );
  if (op !== "create") await setDoc(ownerRef(db), patientProfile({}, SEEDED_AT));
}

const table: MatrixTable = {
  anonymous: row("deny"),
  owner: { get: "allow", list: "deny", create: "allow", update: "allow", delete: "deny" },
  otherPatient: row("deny"),
  doctor: row("deny"),
  pharmacist: row("deny"),
  orgAdmin: row("deny"),
  otherOrgAdmin: row("deny"),
  platformAdmin: row("deny"),
};

const matrix: MatrixSpec = {
  collection: "patients",
  owner,
  seed: seedPatients,
  requests: {
    get: (db) => getDoc(ownerRef(db)),
    list: (db) => getDocs(collection(db, "patients")),
    create: (db) => setDoc(ownerRef(db), patientProfile()),
    update: (db) => updateDoc(ownerRef(db), { language: "hi", updatedAt: serverTimestamp() }),
    delete: (db) => deleteDoc(ownerRef(db)),
  },
  table,
};
runMatrix(rules, matrix);
runRevokedFor(rules, matrix, [[owner, ["get", "create", "update"]]]);

describe("patients: fields the owner writes", () => {
  const create = (data: Record<string, unknown>) => setDoc(ownerRef(rules.db(owner)), data);
  const update = (data: Record<string, unknown>) => updateDoc(ownerRef(rules.db(owner)), data);
  const seedOwner = () => rules.seed((db) => setDoc(ownerRef(db), patientProfile({}, SEEDED_AT)));

  const forbidden: Record<string, unknown> = {
    role: "doctor",
    org: "org-a",
    status: "approved",
    approved: true,
  };
  for (const [field, value] of Object.entries(forbidden)) {
    it(`patients: owner cannot create a profile with ${field}`, async () => {
      await expectDecision("deny", create(patientProfile({ [field]: value })));
    });
    it(`patients: owner cannot add ${field} to their profile`, async () => {
      await seedOwner();
      await expectDecision("deny", update({ [field]: value, updatedAt: serverTimestamp() }));
    });
  }

  const invalid: Array<[string, Record<string, unknown>]> = [
    ["a phone number that is not E.164", patientProfile({ phone: "09812345678" })],
    ["a phone number without the country code", patientProfile({ phone: "9812345678" })],
    ["a 5-digit PIN code", patientProfile({ address: address({ pincode: "14100" }) })],
    ["a PIN code starting with 0", patientProfile({ address: address({ pincode: "041001" }) })],
    ["language fr", patientProfile({ language: "fr" })],
    ["sex unknown", patientProfile({ sex: "unknown" })],
    ["an empty name", patientProfile({ name: "" })],
    ["a name of spaces only", patientProfile({ name: "   " })],
    ["a name longer than 100 characters", patientProfile({ name: "x".repeat(101) })],
    ["a name that is a map", patientProfile({ name: { first: "Gurpreet" } })],
    ["a date of birth not written YYYY-MM-DD", patientProfile({ dateOfBirth: "12/04/1990" })],
    ["a date of birth on 30 February", patientProfile({ dateOfBirth: "1990-02-30" })],
    ["a date of birth on 31 April", patientProfile({ dateOfBirth: "1990-04-31" })],
    ["a date of birth on 31 November", patientProfile({ dateOfBirth: "1990-11-31" })],
    ["a date of birth on 29 February of a common year", patientProfile({ dateOfBirth: "2023-02-29" })],
    ["a date of birth on 29 February 1900 (not a leap year)", patientProfile({ dateOfBirth: "1900-02-29" })],
    ["a date of birth in year 0000", patientProfile({ dateOfBirth: "0000-01-01" })],
    ["a date of birth before 1900", patientProfile({ dateOfBirth: "1899-12-31" })],
    ["a date of birth in the future", patientProfile({ dateOfBirth: "2999-01-01" })],
    ["a date of birth as a timestamp", patientProfile({ dateOfBirth: Timestamp.now() })],
    ["an ABHA number without dashes", patientProfile({ abhaNumber: "12345678901234" })],
    ["an ABHA number with a letter", patientProfile({ abhaNumber: "12-3456-7890-123A" })],
    // One digit off, and two adjacent digits swapped: the Verhoeff check digit catches both.
    ["an ABHA number with a wrong check digit", patientProfile({ abhaNumber: "12-3456-7890-1234" })],
    ["an ABHA number with two digits swapped", patientProfile({ abhaNumber: "21-3456-7890-1230" })],
    ["an address with an unknown field", patientProfile({ address: address({ country: "IN" }) })],
    [
      "an address without line1",
      patientProfile({ address: { district: "Ludhiana", state: "Punjab", pincode: "141001" } }),
    ],
    ["updatedAt set by the client clock", patientProfile({}, Timestamp.now())],
    ["updatedAt as a string", patientProfile({ updatedAt: "2026-01-15T09:30:00Z" })],
  ];
  for (const [what, data] of invalid) {
    it(`patients: owner cannot create a profile with ${what}`, async () => {
      await expectDecision("deny", create(data));
    });
  }

  for (const field of ["name", "dateOfBirth", "sex", "phone", "address", "language", "updatedAt"]) {
    it(`patients: owner cannot create a profile without ${field}`, async () => {
      const data: Record<string, unknown> = patientProfile();
      delete data[field];
      await expectDecision("deny", create(data));
    });
  }

  it("patients: owner cannot update a profile to a bad phone", async () => {
    await seedOwner();
    await expectDecision("deny", update(patientProfile({ phone: "98123" })));
  });
  it("patients: owner cannot update a profile to a bad ABHA number", async () => {
    await seedOwner();
    await expectDecision("deny", update(patientProfile({ abhaNumber: "1-2345-6789-0123" })));
  });
  it("patients: owner cannot update without stamping updatedAt", async () => {
    await seedOwner();
    await expectDecision("deny", update({ language: "hi" }));
  });
  it("patients: owner cannot update with a client-clock updatedAt", async () => {
    await seedOwner();
    await expectDecision("deny", update({ language: "hi", updatedAt: Timestamp.now() }));
  });

  const valid: Array<[string, Record<string, unknown>]> = [
    ["without abhaNumber, line2 or village", patientProfile()],
    ["born on 29 February 2000 (a leap year)", patientProfile({ dateOfBirth: "2000-02-29" })],
    ["born on 29 February 1996", patientProfile({ dateOfBirth: "1996-02-29" })],
    ["born on 31 December 1900", patientProfile({ dateOfBirth: "1900-12-31" })],
    ["born on 1 January 1900", patientProfile({ dateOfBirth: "1900-01-01" })],
    ["born on 30 April", patientProfile({ dateOfBirth: "1990-04-30" })],
    ["with abhaNumber", patientProfile({ abhaNumber: "12-3456-7890-1230" })],
    [
      "with address line2 and village",
      patientProfile({ address: address({ line2: "Near the gurdwara", village: "Dhandari Kalan" }) }),
    ],
    [
      "with abhaNumber, line2 and village",
      patientProfile({
        abhaNumber: "12-3456-7890-1230",
        address: address({ line2: "Near the gurdwara", village: "Dhandari Kalan" }),
      }),
    ],
  ];
  for (const [what, data] of valid) {
    it(`patients: owner can create a valid profile ${what}`, async () => {
      await expectDecision("allow", create(data));
    });
  }

  it("patients: owner can add an ABHA number and village to their profile", async () => {
    await seedOwner();
    await expectDecision(
      "allow",
      update(
        patientProfile({ abhaNumber: "12-3456-7890-1230", address: address({ village: "Dhandari Kalan" }) }),
      ),
    );
  });
  it("patients: otherPatient cannot create a profile at the owner's path even when valid", async () => {
    await expectDecision("deny", setDoc(ownerRef(rules.db(ACTORS.otherPatient)), patientProfile()));
  });
});
