// pharmacies/{id}/inventory/{medicineId}: a pharmacy's private stock of one medicine (batches,
// expiry, quantities, the low-stock threshold, the derived state). Written only by the stock
// functions (setStockItem, importStockCsv, refreshStock), which write the public stock document
// in the same batch so the two always agree. Read by the pharmacy's pharmacists (claims role
// pharmacist and pharmacy == id, the matrix "owner") and the admins of the pharmacy's
// organisation (looked up from the pharmacy document) or platform admins; nobody else, and
// nobody writes it directly.
import {
  collection,
  collectionGroup,
  deleteDoc,
  doc,
  getDoc,
  getDocs,
  query,
  serverTimestamp,
  setDoc,
  updateDoc,
  where,
  writeBatch,
  type Firestore,
  type Query,
} from "firebase/firestore";
import { describe, it } from "vitest";
import {
  ACTORS,
  MEDICINE_ID,
  OTHER_MEDICINE_ID,
  OWNERS,
  PHARMACY_A,
  PHARMACY_B,
  expectDecision,
  inventoryItem,
  publicStock,
  useRulesEnv,
  type Actor,
  type Decision,
  type MatrixTable,
  onlyReaders,
  expectEach,
} from "./support";
import { runDocumentMatrix } from "./templates/documentSuite";
import { pharmacyClaimActors, pharmacyClaimCases, seedPharmacies } from "./templates/pharmacyClaims";

const rules = useRulesEnv();
const owner = { ...OWNERS.pharmacist, label: "owner (its pharmacist)" };
const inventoryRef = (db: Firestore, pharmacyId = PHARMACY_A, medicineId = MEDICINE_ID) =>
  doc(db, "pharmacies", pharmacyId, "inventory", medicineId);
const inventory = (db: Firestore, pharmacyId = PHARMACY_A) =>
  collection(db, "pharmacies", pharmacyId, "inventory");

/** Both pharmacies (A in ORG_A, B in ORG_B) and pharmacy B's stock. */
async function seedOthers(db: Firestore, status = "approved") {
  await seedPharmacies(db, owner.uid, status);
  await setDoc(
    inventoryRef(db, PHARMACY_B),
    inventoryItem(PHARMACY_B, MEDICINE_ID, {
      quantity: 40,
      batches: [{ batch: "D-118", expiry: "2026-11", quantity: 40 }],
    }),
  );
}
async function seedAll(db: Firestore) {
  await seedOthers(db);
  await setDoc(inventoryRef(db), inventoryItem(PHARMACY_A));
  await setDoc(
    inventoryRef(db, PHARMACY_A, OTHER_MEDICINE_ID),
    inventoryItem(PHARMACY_A, OTHER_MEDICINE_ID, { pricePaise: 8900 }),
  );
}

const table: MatrixTable = onlyReaders("owner", "orgAdmin", "platformAdmin");

runDocumentMatrix(
  rules,
  {
    collection: "inventory",
    owner,
    others: seedOthers,
    ref: (db) => inventoryRef(db),
    list: (db) => inventory(db),
    stored: () => inventoryItem(PHARMACY_A),
    created: () => inventoryItem(PHARMACY_A, MEDICINE_ID, { updatedAt: serverTimestamp() }),
    update: {
      batches: [{ batch: "PCM2403A", expiry: "2027-03", quantity: 90 }],
      quantity: 90,
      updatedAt: serverTimestamp(),
    },
  },
  table,
);

describe("inventory: who counts as the pharmacy's pharmacist", () => {
  // The read rule trusts the pharmacy claim, not the pharmacy's ownerUid.
  const { claimsOtherPharmacy } = pharmacyClaimActors(owner);
  const cases = pharmacyClaimCases(owner, { withUnclaimed: true });
  for (const [actor, decision] of cases) {
    it(`inventory: ${actor.label} ${decision === "allow" ? "can" : "cannot"} get pharmacy A's stock`, async () => {
      await rules.seed(seedAll);
      await expectDecision(decision, getDoc(inventoryRef(rules.db(actor))));
    });
    it(`inventory: ${actor.label} ${decision === "allow" ? "can" : "cannot"} list pharmacy A's stock`, async () => {
      await rules.seed(seedAll);
      await expectDecision(decision, getDocs(inventory(rules.db(actor))));
    });
  }
  it("inventory: the owner's uid with a claim naming pharmacy B can list pharmacy B's stock", async () => {
    await rules.seed(seedAll);
    await expectDecision("allow", getDocs(inventory(rules.db(claimsOtherPharmacy), PHARMACY_B)));
  });
});

describe("inventory: another pharmacy's stock", () => {
  const cases: Array<[Actor, Decision]> = [
    [owner, "deny"],
    [ACTORS.pharmacist, "allow"],
    [ACTORS.orgAdmin, "deny"],
    [ACTORS.otherOrgAdmin, "allow"],
    [ACTORS.platformAdmin, "allow"],
  ];
  for (const [actor, decision] of cases) {
    it(`inventory: ${actor.label} ${decision === "allow" ? "can" : "cannot"} list pharmacy B's stock`, async () => {
      await rules.seed(seedAll);
      await expectDecision(decision, getDocs(inventory(rules.db(actor), PHARMACY_B)));
    });
    it(`inventory: ${actor.label} ${decision === "allow" ? "can" : "cannot"} get pharmacy B's stock of a medicine`, async () => {
      await rules.seed(seedAll);
      await expectDecision(decision, getDoc(inventoryRef(rules.db(actor), PHARMACY_B)));
    });
  }
  it("inventory: owner cannot list pharmacy B's low-stock items", async () => {
    await rules.seed(seedAll);
    const low = query(inventory(rules.db(owner), PHARMACY_B), where("state", "==", "low"));
    await expectDecision("deny", getDocs(low));
  });
  it("inventory: owner can list their own low-stock items", async () => {
    await rules.seed(seedAll);
    const low = query(inventory(rules.db(owner)), where("state", "==", "low"));
    await expectDecision("allow", getDocs(low));
  });
  it("inventory: orgAdmin cannot get stock of a pharmacy with no pharmacy document", async () => {
    await rules.seed(async (db) => {
      await seedAll(db);
      await setDoc(inventoryRef(db, "pharmacy-gone"), inventoryItem("pharmacy-gone"));
    });
    await expectDecision("deny", getDoc(inventoryRef(rules.db(ACTORS.orgAdmin), "pharmacy-gone")));
  });
});

describe("inventory: across pharmacies (collection group)", () => {
  // No rule matches a collection-group query on inventory: the refresh job reads it through
  // the Admin SDK, and clients always read one pharmacy's stock by its path.
  const everything = (db: Firestore) => collectionGroup(db, "inventory");
  const ofPharmacyA = (db: Firestore) =>
    query(collectionGroup(db, "inventory"), where("pharmacyId", "==", PHARMACY_A));
  const cases: Array<[Actor, string, (db: Firestore) => Query]> = [
    [ACTORS.anonymous, "every pharmacy's stock", everything],
    [ACTORS.otherPatient, "every pharmacy's stock", everything],
    [ACTORS.doctor, "every pharmacy's stock", everything],
    [ACTORS.pharmacist, "pharmacy A's stock", ofPharmacyA],
    [ACTORS.otherOrgAdmin, "pharmacy A's stock", ofPharmacyA],
  ];
  for (const [actor, what, request] of cases) {
    it(`inventory: ${actor.label} cannot query ${what} as a collection group`, async () => {
      await rules.seed(seedAll);
      await expectDecision("deny", getDocs(request(rules.db(actor))));
    });
  }
  it("inventory: otherPatient cannot query who stocks a medicine as a collection group", async () => {
    await rules.seed(seedAll);
    const stockists = query(
      collectionGroup(rules.db(ACTORS.otherPatient), "inventory"),
      where("medicineId", "==", MEDICINE_ID),
    );
    await expectDecision("deny", getDocs(stockists));
  });
  it("inventory: owner cannot query even its own stock as a collection group", async () => {
    await rules.seed(seedAll);
    const mine = query(collectionGroup(rules.db(owner), "inventory"), where("pharmacyId", "==", PHARMACY_A));
    await expectDecision("deny", getDocs(mine));
  });
});

describe("inventory: a suspended pharmacy", () => {
  const seedSuspended = async (db: Firestore) => {
    await seedOthers(db, "suspended");
    await setDoc(inventoryRef(db), inventoryItem(PHARMACY_A));
  };
  const cases: Array<[Actor, Decision]> = [
    [ACTORS.otherPatient, "deny"],
    [owner, "allow"],
    [ACTORS.orgAdmin, "allow"],
    [ACTORS.otherOrgAdmin, "deny"],
    [ACTORS.platformAdmin, "allow"],
  ];
  for (const [actor, decision] of cases) {
    it(`inventory: ${actor.label} ${decision === "allow" ? "can" : "cannot"} get a suspended pharmacy's stock`, async () => {
      await rules.seed(seedSuspended);
      await expectDecision(decision, getDoc(inventoryRef(rules.db(actor))));
    });
  }
});

describe("inventory: nobody writes directly", () => {
  // Every write goes through setStockItem or importStockCsv, which keep the public document in step.
  expectEach(rules, "inventory", seedAll, [
    [
      "owner cannot add a batch to its own stock",
      "deny",
      owner,
      (db) =>
        updateDoc(inventoryRef(db), {
          batches: [
            { batch: "PCM2403A", expiry: "2027-03", quantity: 120 },
            { batch: "PCM2409C", expiry: "2027-09", quantity: 60 },
          ],
          quantity: 180,
          updatedAt: serverTimestamp(),
        }),
    ],
    [
      "owner cannot change the low-stock threshold",
      "deny",
      owner,
      (db) => updateDoc(inventoryRef(db), { lowStockThreshold: 200, updatedAt: serverTimestamp() }),
    ],
    [
      "owner cannot merge a quantity into its stock",
      "deny",
      owner,
      (db) => setDoc(inventoryRef(db), { quantity: 5, state: "low" }, { merge: true }),
    ],
  ]);
  it("inventory: owner cannot stock a new medicine by creating its document", async () => {
    await rules.seed(seedOthers);
    await expectDecision(
      "deny",
      setDoc(
        inventoryRef(rules.db(owner), PHARMACY_A, OTHER_MEDICINE_ID),
        inventoryItem(PHARMACY_A, OTHER_MEDICINE_ID),
      ),
    );
  });
  it("inventory: owner cannot write private and public stock together in a batch", async () => {
    await rules.seed(seedAll);
    const db = rules.db(owner);
    const batch = writeBatch(db);
    batch.set(inventoryRef(db), inventoryItem(PHARMACY_A, MEDICINE_ID, { updatedAt: serverTimestamp() }));
    batch.set(
      doc(db, "pharmacies", PHARMACY_A, "stock", MEDICINE_ID),
      publicStock(PHARMACY_A, MEDICINE_ID, { updatedAt: serverTimestamp() }),
    );
    await expectDecision("deny", batch.commit());
  });
  expectEach(rules, "inventory", seedAll, [
    [
      "owner cannot write pharmacy B's stock",
      "deny",
      owner,
      (db) =>
        updateDoc(inventoryRef(db, PHARMACY_B), {
          quantity: 0,
          state: "out",
          updatedAt: serverTimestamp(),
        }),
    ],
    [
      "orgAdmin cannot correct a quantity",
      "deny",
      ACTORS.orgAdmin,
      (db) => updateDoc(inventoryRef(db), { quantity: 100, updatedAt: serverTimestamp() }),
    ],
    [
      "platformAdmin cannot delete stock",
      "deny",
      ACTORS.platformAdmin,
      (db) => deleteDoc(inventoryRef(db, PHARMACY_A, OTHER_MEDICINE_ID)),
    ],
  ]);
  it("inventory: platformAdmin cannot create stock in another organisation's pharmacy", async () => {
    await rules.seed(seedOthers);
    await expectDecision(
      "deny",
      setDoc(
        inventoryRef(rules.db(ACTORS.platformAdmin), PHARMACY_B, OTHER_MEDICINE_ID),
        inventoryItem(PHARMACY_B, OTHER_MEDICINE_ID),
      ),
    );
  });
});
