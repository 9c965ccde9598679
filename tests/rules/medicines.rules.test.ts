// medicines/{medicineId}: the medicine master (generic, brands, strength, form, pack size,
// prescription-only, and the words and prefixes its search uses). Kept by platform admins
// through the upsertMedicine function; any signed-in user reads it (patients search it,
// pharmacists stock from it). There is no owner: the "owner" row is a pharmacist, who uses the
// master most and might want to add to it. Nobody writes it directly, not even a platform admin.
import {
  collection,
  deleteDoc,
  doc,
  getDoc,
  getDocs,
  limit,
  query,
  serverTimestamp,
  setDoc,
  updateDoc,
  where,
  writeBatch,
  type Firestore,
} from "firebase/firestore";
import { describe, it } from "vitest";
import {
  ACTORS,
  MEDICINE_ID,
  OTHER_MEDICINE_ID,
  OWNERS,
  expectDecision,
  medicine,
  otherMedicine,
  useRulesEnv,
  type Actor,
  type Decision,
  SIGNED_IN_READ,
  expectEach,
} from "./support";
import { runDocumentMatrix, seedDocument, type DocumentSuite } from "./templates/documentSuite";

const rules = useRulesEnv();
const owner = { ...OWNERS.pharmacist, label: "owner (a pharmacist)" };
const medicineRef = (db: Firestore, id = MEDICINE_ID) => doc(db, "medicines", id);
const medicines = (db: Firestore) => collection(db, "medicines");
/** The query searchMedicines runs: array-contains on a prefix of the longest query word. */
const search = (db: Firestore, prefix: string) =>
  query(medicines(db), where("prefixes", "array-contains", prefix), limit(20));

async function seedOthers(db: Firestore) {
  await setDoc(medicineRef(db, OTHER_MEDICINE_ID), otherMedicine());
}

const table = SIGNED_IN_READ;

const master: DocumentSuite = {
  collection: "medicines",
  owner,
  others: seedOthers,
  ref: (db) => medicineRef(db),
  list: (db) => search(db, "croc"),
  stored: () => medicine(),
  created: () => medicine({ updatedAt: serverTimestamp() }),
  update: { packSize: 10, updatedAt: serverTimestamp() },
};
runDocumentMatrix(rules, master, table);
const seedAll = seedDocument(master);

describe("medicines: reading the master", () => {
  const readers: Array<[Actor, Decision]> = [
    [ACTORS.anonymous, "deny"],
    [ACTORS.otherPatient, "allow"],
    [ACTORS.pharmacist, "allow"],
  ];
  for (const [actor, decision] of readers) {
    it(`medicines: ${actor.label} ${decision === "allow" ? "can" : "cannot"} list the whole master`, async () => {
      await rules.seed(seedAll);
      await expectDecision(decision, getDocs(medicines(rules.db(actor))));
    });
  }
  expectEach(rules, "medicines", seedAll, [
    [
      "otherPatient can list prescription-only medicines",
      "allow",
      ACTORS.otherPatient,
      (db) => getDocs(query(medicines(db), where("prescriptionOnly", "==", true))),
    ],
    ["anonymous cannot search the master", "deny", ACTORS.anonymous, (db) => getDocs(search(db, "amox"))],
  ]);
  it("medicines: a signed-in user without a role can get a medicine", async () => {
    await rules.seed(seedAll);
    const noRole: Actor = { label: "no role", uid: "user-new" };
    await expectDecision("allow", getDoc(medicineRef(rules.db(noRole))));
  });
});

describe("medicines: nobody writes directly", () => {
  // upsertMedicine derives the id, display name, words and prefixes; a direct write could break search.
  it("medicines: platformAdmin cannot add a medicine", async () => {
    await rules.seed(seedOthers);
    await expectDecision(
      "deny",
      setDoc(medicineRef(rules.db(ACTORS.platformAdmin)), medicine({ updatedAt: serverTimestamp() })),
    );
  });
  expectEach(rules, "medicines", seedAll, [
    [
      "platformAdmin cannot add a brand",
      "deny",
      ACTORS.platformAdmin,
      (db) =>
        updateDoc(medicineRef(db), {
          brands: ["Crocin", "Dolo", "Calpol"],
          words: ["calpol", "crocin", "dolo", "paracetamol"],
          updatedAt: serverTimestamp(),
        }),
    ],
    [
      "platformAdmin cannot delete a medicine",
      "deny",
      ACTORS.platformAdmin,
      (db) => deleteDoc(medicineRef(db, OTHER_MEDICINE_ID)),
    ],
  ]);
  it("medicines: platformAdmin cannot load the master in a batch", async () => {
    await rules.seed(seedAll);
    const db = rules.db(ACTORS.platformAdmin);
    const batch = writeBatch(db);
    batch.set(
      medicineRef(db, "cetirizine-10mg-tablet"),
      medicine({
        medicineId: "cetirizine-10mg-tablet",
        generic: "Cetirizine",
        brands: ["Okacet"],
        strength: "10 mg",
        packSize: 10,
        displayName: "Cetirizine 10 mg tablet",
      }),
    );
    batch.set(
      medicineRef(db, "metformin-500mg-tablet"),
      medicine({
        medicineId: "metformin-500mg-tablet",
        generic: "Metformin",
        brands: ["Glycomet"],
        strength: "500 mg",
        packSize: 20,
        prescriptionOnly: true,
        displayName: "Metformin 500 mg tablet",
      }),
    );
    await expectDecision("deny", batch.commit());
  });
  expectEach(rules, "medicines", seedAll, [
    [
      "owner cannot make a prescription-only medicine over the counter",
      "deny",
      owner,
      (db) =>
        updateDoc(medicineRef(db, OTHER_MEDICINE_ID), {
          prescriptionOnly: false,
          updatedAt: serverTimestamp(),
        }),
    ],
    [
      "owner cannot add a medicine missing from the master",
      "deny",
      owner,
      (db) =>
        setDoc(
          medicineRef(db, "cetirizine-10mg-tablet"),
          medicine({
            medicineId: "cetirizine-10mg-tablet",
            generic: "Cetirizine",
            brands: [],
            strength: "10 mg",
          }),
        ),
    ],
    [
      "doctor cannot rename a medicine",
      "deny",
      ACTORS.doctor,
      (db) => setDoc(medicineRef(db), { displayName: "Paracetamol 650 mg tablet" }, { merge: true }),
    ],
    ["orgAdmin cannot delete a medicine", "deny", ACTORS.orgAdmin, (db) => deleteDoc(medicineRef(db))],
  ]);
});
