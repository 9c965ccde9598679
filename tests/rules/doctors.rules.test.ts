// doctors/{uid}: created by the review function on approval. Any signed-in user finds
// approved doctors; a non-approved profile is visible only to the doctor and the admins of
// their organisation. The doctor edits their practice fields; registration, organisation and
// approval fields are protected.
import {
  collection,
  deleteDoc,
  deleteField,
  doc,
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
import { describe, expect, it } from "vitest";
import {
  SUSPENDED_PROFILE_READERS,
  ACTORS,
  OWNERS,
  ORG_B,
  doctorProfile,
  expectDecision,
  runMatrix,
  useRulesEnv,
  type Actor,
  type MatrixTable,
  type MatrixSpec,
  SIGNED_IN_READ,
  runRevokedFor,
} from "./support";

const rules = useRulesEnv();
const owner = OWNERS.doctor;
const ownerRef = (db: Firestore) => doc(db, "doctors", owner.uid);
const approvedDoctors = (db: Firestore) =>
  query(collection(db, "doctors"), where("status", "==", "approved"));

/** The owner also edits their profile (the fields the rules let them). */
const table: MatrixTable = {
  ...SIGNED_IN_READ,
  owner: { get: "allow", list: "allow", create: "deny", update: "allow", delete: "deny" },
};

const matrix: MatrixSpec = {
  collection: "doctors",
  owner,
  async seed(db, op) {
    await setDoc(
      doc(db, "doctors", ACTORS.doctor.uid),
      doctorProfile(ACTORS.doctor.uid, { name: "Dr Simran Gill" }),
    );
    await setDoc(
      doc(db, "doctors", "doctor-suspended"),
      doctorProfile("doctor-suspended", { status: "suspended" }),
    );
    if (op !== "create") await setDoc(ownerRef(db), doctorProfile(owner.uid));
  },
  requests: {
    get: (db) => getDoc(ownerRef(db)),
    list: (db) => getDocs(approvedDoctors(db)),
    create: (db) =>
      setDoc(
        ownerRef(db),
        doctorProfile(owner.uid, { approvedAt: serverTimestamp(), updatedAt: serverTimestamp() }),
      ),
    update: (db) => updateDoc(ownerRef(db), { feeInr: 450, updatedAt: serverTimestamp() }),
    delete: (db) => deleteDoc(ownerRef(db)),
  },
  table,
};
runMatrix(rules, matrix);
runRevokedFor(rules, matrix, [[owner, ["update"]]]);

describe("doctors: fields the doctor edits", () => {
  const seedOwner = (overrides: Record<string, unknown> = {}) =>
    rules.seed((db) => setDoc(ownerRef(db), doctorProfile(owner.uid, overrides)));
  const edit = (data: Record<string, unknown>, actor: Actor = owner) =>
    updateDoc(ownerRef(rules.db(actor)), data);

  const allowed: Record<string, unknown> = {
    name: "Dr Harpreet Singh Sandhu",
    specialties: ["general-medicine", "paediatrics"],
    feeInr: 0,
    languages: ["pa", "hi", "en"],
    timezone: "Asia/Calcutta",
    bio: "Now also consulting on Sundays.",
  };
  for (const [field, value] of Object.entries(allowed)) {
    it(`doctors: owner can change ${field}`, async () => {
      await seedOwner();
      await expectDecision("allow", edit({ [field]: value, updatedAt: serverTimestamp() }));
    });
  }
  it("doctors: owner can remove their bio", async () => {
    await seedOwner();
    await expectDecision("allow", edit({ bio: deleteField(), updatedAt: serverTimestamp() }));
  });

  const protectedFields: Record<string, unknown> = {
    registrationNumber: "PMC-99999",
    org: ORG_B,
    status: "suspended",
    approvedAt: Timestamp.fromDate(new Date("2020-01-01T00:00:00Z")),
    approvedBy: owner.uid,
    uid: "someone-else",
  };
  for (const [field, value] of Object.entries(protectedFields)) {
    it(`doctors: owner cannot change ${field}`, async () => {
      await seedOwner();
      await expectDecision("deny", edit({ [field]: value, updatedAt: serverTimestamp() }));
    });
  }
  it("doctors: owner cannot approve their own suspended profile", async () => {
    await seedOwner({ status: "suspended" });
    await expectDecision("deny", edit({ status: "approved", updatedAt: serverTimestamp() }));
  });
  it("doctors: owner cannot add an unknown field", async () => {
    await seedOwner();
    await expectDecision("deny", edit({ verified: true, updatedAt: serverTimestamp() }));
  });

  const invalid: Record<string, unknown> = {
    name: "",
    specialties: [],
    feeInr: 300.5,
    languages: [],
    timezone: "Asia Kolkata",
    bio: "x".repeat(1001),
  };
  for (const [field, value] of Object.entries(invalid)) {
    it(`doctors: owner cannot set an invalid ${field}`, async () => {
      await seedOwner();
      await expectDecision("deny", edit({ [field]: value, updatedAt: serverTimestamp() }));
    });
  }

  // What the functions' schema (doctorApplicationProfileSchema) refuses, the rules refuse too.
  const malformed: Array<[string, string, unknown]> = [
    ["specialties", "a nested map", [{ name: { deep: "general-medicine" } }]],
    ["specialties", "a number", [42]],
    ["specialties", "a 61-character entry", ["x".repeat(61)]],
    ["specialties", "a 100 kB entry", ["x".repeat(100_000)]],
    ["specialties", "a one-letter entry", ["x"]],
    ["specialties", "an entry padded with spaces", ["  paediatrics  "]],
    ["specialties", "a bad entry after good ones", ["general-medicine", "paediatrics", { x: 1 }]],
    ["specialties", "eleven entries", Array.from({ length: 11 }, (_, i) => `specialty-${i}`)],
    ["specialties", "a map instead of a list", { 0: "general-medicine" }],
    ["languages", "a nested map", [{ code: "hi" }]],
    ["languages", "a language name", ["Hindi"]],
    ["languages", "a 100 kB entry", ["h".repeat(100_000)]],
    ["languages", "a bad entry after good ones", ["hi", "en", "pa", "x-1"]],
    ["languages", "eleven entries", Array.from({ length: 11 }, () => "hi")],
    ["timezone", "a made-up zone", "Mars/Olympus"],
    ["timezone", "a made-up zone in a real area", "Asia/Atlantis"],
    ["timezone", "an offset", "+05:30"],
    ["timezone", "a lower-cased zone", "asia/kolkata"],
    ["name", "only spaces", "   "],
  ];
  for (const [field, what, value] of malformed) {
    it(`doctors: owner cannot set ${field} to ${what}`, async () => {
      await seedOwner();
      await expectDecision("deny", edit({ [field]: value, updatedAt: serverTimestamp() }));
    });
  }
  const wellFormed: Array<[string, string, unknown]> = [
    ["timezone", "America/New_York", "America/New_York"],
    ["timezone", "UTC", "UTC"],
    ["timezone", "Asia/Kolkata", "Asia/Kolkata"],
    ["timezone", "Australia/Lord_Howe", "Australia/Lord_Howe"],
    ["specialties", "ten entries", Array.from({ length: 10 }, (_, i) => `specialty-${i}`)],
    ["specialties", "a 60-character entry", ["x".repeat(60)]],
    ["languages", "ten entries", ["hi", "en", "pa", "ur", "bn", "ta", "te", "mr", "gu", "kn"]],
  ];
  for (const [field, what, value] of wellFormed) {
    it(`doctors: owner can set ${field} to ${what}`, async () => {
      await seedOwner();
      await expectDecision("allow", edit({ [field]: value, updatedAt: serverTimestamp() }));
    });
  }
  it("doctors: owner cannot set a negative fee", async () => {
    await seedOwner();
    await expectDecision("deny", edit({ feeInr: -1, updatedAt: serverTimestamp() }));
  });
  it("doctors: owner cannot edit without stamping updatedAt", async () => {
    await seedOwner();
    await expectDecision("deny", edit({ feeInr: 450 }));
  });
  it("doctors: owner cannot edit with a client-clock updatedAt", async () => {
    await seedOwner();
    await expectDecision("deny", edit({ feeInr: 450, updatedAt: Timestamp.now() }));
  });

  it("doctors: doctor (same org) cannot edit another doctor's practice fields", async () => {
    await seedOwner();
    await expectDecision("deny", edit({ feeInr: 1, updatedAt: serverTimestamp() }, ACTORS.doctor));
  });
  it("doctors: the doctor's uid with a patient role cannot edit the profile", async () => {
    await seedOwner();
    const demoted: Actor = { label: "demoted", uid: owner.uid, claims: { role: "patient" } };
    await expectDecision("deny", edit({ feeInr: 450, updatedAt: serverTimestamp() }, demoted));
  });
});

describe("doctors: a suspended profile", () => {
  const seedSuspended = () =>
    rules.seed((db) => setDoc(ownerRef(db), doctorProfile(owner.uid, { status: "suspended" })));
  const cases = SUSPENDED_PROFILE_READERS(owner);
  for (const [actor, decision] of cases) {
    it(`doctors: ${actor.label} ${decision === "allow" ? "can" : "cannot"} get a suspended profile`, async () => {
      await seedSuspended();
      await expectDecision(decision, getDoc(ownerRef(rules.db(actor))));
    });
  }
  it("doctors: otherPatient cannot list every doctor regardless of status", async () => {
    await seedSuspended();
    await expectDecision("deny", getDocs(collection(rules.db(ACTORS.otherPatient), "doctors")));
  });
  it("doctors: otherPatient cannot query suspended doctors", async () => {
    await seedSuspended();
    const suspended = query(
      collection(rules.db(ACTORS.otherPatient), "doctors"),
      where("status", "==", "suspended"),
    );
    await expectDecision("deny", getDocs(suspended));
  });
  it("doctors: orgAdmin can query their organisation's doctors regardless of status", async () => {
    await seedSuspended();
    const ofOrg = query(
      collection(rules.db(ACTORS.orgAdmin), "doctors"),
      where("org", "==", owner.claims.org),
    );
    await expectDecision("allow", getDocs(ofOrg));
  });
  it("doctors: the approved list does not return the suspended profile", async () => {
    await seedSuspended();
    await rules.seed((db) => setDoc(doc(db, "doctors", ACTORS.doctor.uid), doctorProfile(ACTORS.doctor.uid)));
    const snap = await getDocs(approvedDoctors(rules.db(ACTORS.otherPatient)));
    expect(snap.docs.map((d) => d.id)).toEqual([ACTORS.doctor.uid]);
  });
});
