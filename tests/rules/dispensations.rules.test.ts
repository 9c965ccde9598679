// dispensations/{prescriptionId}: who dispensed a prescription ({prescriptionId, pharmacyId,
// pharmacistUid, at}). Created once, by dispensePrescription, in the transaction that marks the
// prescription dispensed, so the document id is what stops a second pharmacy dispensing it
// again. Read only by the pharmacists of the dispensing pharmacy (claims role pharmacist and
// pharmacy == pharmacyId). The matrix "owner" is the patient of the prescription, who does not
// read it (the prescription's own status tells them); nobody writes it directly.
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
  updateDoc,
  where,
  type Firestore,
} from "firebase/firestore";
import { describe, it } from "vitest";
import {
  ACTORS,
  DENY_ALL,
  ORG_A,
  ORG_B,
  OWNERS,
  PHARMACY_A,
  PHARMACY_B,
  PRESCRIPTION_ID,
  consent,
  consentIdFor,
  dispensation,
  expectDecision,
  prescription,
  runMatrix,
  useRulesEnv,
  type Actor,
  type Decision,
  type MatrixTable,
  type MatrixSpec,
  runRevokedFor,
  expectEach,
} from "./support";

const rules = useRulesEnv();
const owner = { ...OWNERS.patient, label: "owner (the patient)" };
const prescribingDoctor: Actor = { ...OWNERS.doctor, label: "the prescribing doctor" };
/** A pharmacist of pharmacy A (ORG_A), the dispensing pharmacy. */
const dispensingPharmacist: Actor = { ...OWNERS.pharmacist, label: "the dispensing pharmacist" };
/** ACTORS.pharmacist works at pharmacy B (ORG_B). */
const pharmacistB = ACTORS.pharmacist;

const dispensationRef = (db: Firestore, id = PRESCRIPTION_ID) => doc(db, "dispensations", id);
const dispensations = (db: Firestore) => collection(db, "dispensations");
const byPharmacy = (db: Firestore, pharmacyId: string) =>
  query(dispensations(db), where("pharmacyId", "==", pharmacyId));

/**
 * The prescriptions (the one under test, one dispensed by pharmacy B, one not yet dispensed)
 * and pharmacy B's dispensation.
 */
async function seedOthers(db: Firestore, status = "dispensed") {
  await setDoc(
    doc(db, "prescriptions", PRESCRIPTION_ID),
    prescription(owner.uid, prescribingDoctor.uid!, { status }),
  );
  await setDoc(
    doc(db, "prescriptions", "rx-b"),
    prescription(ACTORS.otherPatient.uid, "doctor-b", { id: "rx-b", org: ORG_B, status: "dispensed" }),
  );
  await setDoc(
    doc(db, "prescriptions", "rx-open"),
    prescription(owner.uid, prescribingDoctor.uid!, { id: "rx-open" }),
  );
  await setDoc(
    dispensationRef(db, "rx-b"),
    dispensation("rx-b", PHARMACY_B, { pharmacistUid: pharmacistB.uid }),
  );
}
async function seedAll(db: Firestore) {
  await seedOthers(db);
  await setDoc(dispensationRef(db), dispensation(PRESCRIPTION_ID, PHARMACY_A));
}

// Not one of the eight reads it: the only pharmacist among them works at pharmacy B.
const table: MatrixTable = DENY_ALL;

const matrix: MatrixSpec = {
  collection: "dispensations",
  owner,
  async seed(db, op) {
    await seedOthers(db, op === "create" ? "issued" : "dispensed");
    if (op !== "create") await setDoc(dispensationRef(db), dispensation(PRESCRIPTION_ID, PHARMACY_A));
  },
  requests: {
    get: (db) => getDoc(dispensationRef(db)),
    list: (db) => getDocs(byPharmacy(db, PHARMACY_A)),
    create: (db) =>
      setDoc(dispensationRef(db), dispensation(PRESCRIPTION_ID, PHARMACY_A, { at: serverTimestamp() })),
    update: (db) => updateDoc(dispensationRef(db), { at: serverTimestamp() }),
    delete: (db) => deleteDoc(dispensationRef(db)),
  },
  table,
};
runMatrix(rules, matrix);
runRevokedFor(rules, matrix, [[dispensingPharmacist, ["get", "list"]]]);

describe("dispensations: the dispensing pharmacy", () => {
  expectEach(rules, "dispensations", seedAll, [
    [
      "the dispensing pharmacist can get the dispensation",
      "allow",
      dispensingPharmacist,
      (db) => getDoc(dispensationRef(db)),
    ],
    [
      "the dispensing pharmacist can list pharmacy A's dispensations",
      "allow",
      dispensingPharmacist,
      (db) => getDocs(byPharmacy(db, PHARMACY_A)),
    ],
  ]);
  it("dispensations: the dispensing pharmacist can list pharmacy A's dispensations since a day", async () => {
    await rules.seed(seedAll);
    const since = query(
      dispensations(rules.db(dispensingPharmacist)),
      where("pharmacyId", "==", PHARMACY_A),
      where("at", ">=", Timestamp.fromDate(new Date("2026-01-15T00:00:00.000Z"))),
    );
    await expectDecision("allow", getDocs(since));
  });
  expectEach(rules, "dispensations", seedAll, [
    [
      "the dispensing pharmacist cannot list pharmacy B's dispensations",
      "deny",
      dispensingPharmacist,
      (db) => getDocs(byPharmacy(db, PHARMACY_B)),
    ],
    [
      "the dispensing pharmacist cannot get pharmacy B's dispensation",
      "deny",
      dispensingPharmacist,
      (db) => getDoc(dispensationRef(db, "rx-b")),
    ],
    [
      "the dispensing pharmacist cannot list every dispensation",
      "deny",
      dispensingPharmacist,
      (db) => getDocs(dispensations(db)),
    ],
    [
      "the dispensing pharmacist cannot list by prescriptionId without filtering on pharmacyId",
      "deny",
      dispensingPharmacist,
      (db) => getDocs(query(dispensations(db), where("prescriptionId", "==", PRESCRIPTION_ID))),
    ],
    [
      "pharmacist (pharmacy B) can list pharmacy B's dispensations",
      "allow",
      pharmacistB,
      (db) => getDocs(byPharmacy(db, PHARMACY_B)),
    ],
    [
      "pharmacist (pharmacy B) cannot learn whether pharmacy A dispensed a prescription",
      "deny",
      pharmacistB,
      (db) => getDoc(dispensationRef(db)),
    ],
  ]);
});

describe("dispensations: who counts as the dispensing pharmacy's pharmacist", () => {
  // The read rule trusts the pharmacy claim, not the dispensation's pharmacistUid.
  const cases: Array<[Actor, Decision]> = [
    [
      {
        label: "a second pharmacist of pharmacy A (not the one who dispensed)",
        uid: "pharmacist-staff",
        claims: { role: "pharmacist", org: ORG_A, pharmacy: PHARMACY_A },
      },
      "allow",
    ],
    [
      {
        label: "the dispensing pharmacist's uid with a claim naming pharmacy B",
        uid: dispensingPharmacist.uid,
        claims: { role: "pharmacist", org: ORG_A, pharmacy: PHARMACY_B },
      },
      "deny",
    ],
    [
      {
        label: "a pharmacist of another orgA pharmacy",
        uid: "pharmacist-a2",
        claims: { role: "pharmacist", org: ORG_A, pharmacy: "pharmacy-a2" },
      },
      "deny",
    ],
    [
      {
        label: "a pharmacist without a pharmacy claim",
        uid: "pharmacist-unassigned",
        claims: { role: "pharmacist", org: ORG_A },
      },
      "deny",
    ],
    [
      {
        label: "the dispensing pharmacist's uid with a patient role",
        uid: dispensingPharmacist.uid,
        claims: { role: "patient", pharmacy: PHARMACY_A },
      },
      "deny",
    ],
    [
      {
        label: "a doctor with a pharmacy claim",
        uid: "doctor-colleague",
        claims: { role: "doctor", org: ORG_A, pharmacy: PHARMACY_A },
      },
      "deny",
    ],
    [
      {
        label: "an admin with a pharmacy claim",
        uid: "admin-a",
        claims: { role: "admin", org: ORG_A, pharmacy: PHARMACY_A },
      },
      "deny",
    ],
  ];
  for (const [actor, decision] of cases) {
    const verb = decision === "allow" ? "can" : "cannot";
    it(`dispensations: ${actor.label} ${verb} get the dispensation`, async () => {
      await rules.seed(seedAll);
      await expectDecision(decision, getDoc(dispensationRef(rules.db(actor))));
    });
    it(`dispensations: ${actor.label} ${verb} list pharmacy A's dispensations`, async () => {
      await rules.seed(seedAll);
      await expectDecision(decision, getDocs(byPharmacy(rules.db(actor), PHARMACY_A)));
    });
  }
});

describe("dispensations: the prescription's other parties", () => {
  const consentedDoctor = { ...ACTORS.doctor, label: "doctor (same org) with the patient's consent" };
  const cases: Actor[] = [owner, prescribingDoctor, consentedDoctor, ACTORS.orgAdmin, ACTORS.platformAdmin];
  for (const actor of cases) {
    it(`dispensations: ${actor.label} cannot get the dispensation`, async () => {
      await rules.seed(async (db) => {
        await seedAll(db);
        await setDoc(
          doc(db, "consents", consentIdFor(owner.uid, consentedDoctor.uid)),
          consent(owner.uid, consentedDoctor.uid),
        );
      });
      await expectDecision("deny", getDoc(dispensationRef(rules.db(actor))));
    });
  }
  it("dispensations: owner cannot list dispensations of their prescription", async () => {
    await rules.seed(seedAll);
    await expectDecision(
      "deny",
      getDocs(query(dispensations(rules.db(owner)), where("prescriptionId", "==", PRESCRIPTION_ID))),
    );
  });
});

describe("dispensations: nobody writes directly", () => {
  // dispensePrescription verifies the signature and creates the document once, in a transaction.
  expectEach(rules, "dispensations", seedAll, [
    [
      "the dispensing pharmacist cannot record a dispensation directly",
      "deny",
      dispensingPharmacist,
      (db) =>
        setDoc(
          dispensationRef(db, "rx-open"),
          dispensation("rx-open", PHARMACY_A, { at: serverTimestamp() }),
        ),
    ],
    [
      "the dispensing pharmacist cannot change when it dispensed",
      "deny",
      dispensingPharmacist,
      (db) =>
        updateDoc(dispensationRef(db), {
          at: Timestamp.fromDate(new Date("2026-01-10T09:30:00.000Z")),
        }),
    ],
    [
      "the dispensing pharmacist cannot delete the dispensation",
      "deny",
      dispensingPharmacist,
      (db) => deleteDoc(dispensationRef(db)),
    ],
    [
      "pharmacist (pharmacy B) cannot take the dispensation over",
      "deny",
      pharmacistB,
      (db) =>
        updateDoc(dispensationRef(db), {
          pharmacyId: PHARMACY_B,
          pharmacistUid: pharmacistB.uid,
        }),
    ],
    [
      "pharmacist (pharmacy B) cannot overwrite the dispensation to dispense again",
      "deny",
      pharmacistB,
      (db) =>
        setDoc(
          dispensationRef(db),
          dispensation(PRESCRIPTION_ID, PHARMACY_B, { pharmacistUid: pharmacistB.uid }),
        ),
    ],
    [
      "pharmacist (pharmacy B) cannot claim a prescription not yet dispensed",
      "deny",
      pharmacistB,
      (db) =>
        setDoc(
          dispensationRef(db, "rx-open"),
          dispensation("rx-open", PHARMACY_B, { pharmacistUid: pharmacistB.uid }),
        ),
    ],
    [
      "owner cannot delete the dispensation to use the prescription again",
      "deny",
      owner,
      (db) => deleteDoc(dispensationRef(db)),
    ],
    [
      "orgAdmin cannot delete a dispensation",
      "deny",
      ACTORS.orgAdmin,
      (db) => deleteDoc(dispensationRef(db)),
    ],
    [
      "platformAdmin cannot delete a dispensation",
      "deny",
      ACTORS.platformAdmin,
      (db) => deleteDoc(dispensationRef(db)),
    ],
    [
      "platformAdmin cannot record a dispensation",
      "deny",
      ACTORS.platformAdmin,
      (db) => setDoc(dispensationRef(db, "rx-open"), dispensation("rx-open", PHARMACY_A)),
    ],
  ]);
});
