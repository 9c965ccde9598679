// pharmacies/{id}/stock/{medicineId}: what a patient may see of a pharmacy's stock of one
// medicine: in stock or not, through which day, and the price. Written only by the stock
// functions, in the same batch as the private inventory document. Any signed-in user reads it
// while the pharmacy is approved; for a suspended pharmacy only its pharmacists (claims role
// pharmacist and pharmacy == id, the matrix "owner") and the admins of its organisation (or
// platform admins) do. Nobody writes it directly.
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
  type Firestore,
} from "firebase/firestore";
import { describe, it } from "vitest";
import {
  ACTORS,
  MEDICINE_ID,
  OTHER_MEDICINE_ID,
  OWNERS,
  PHARMACY_A,
  PHARMACY_B,
  SUSPENDED_PROFILE_READERS,
  expectDecision,
  publicStock,
  useRulesEnv,
  type Actor,
  SIGNED_IN_READ,
  expectEach,
} from "./support";
import { runDocumentMatrix } from "./templates/documentSuite";
import { pharmacyClaimCases, seedPharmacies } from "./templates/pharmacyClaims";

const rules = useRulesEnv();
const owner = { ...OWNERS.pharmacist, label: "owner (its pharmacist)" };
const stockRef = (db: Firestore, pharmacyId = PHARMACY_A, medicineId = MEDICINE_ID) =>
  doc(db, "pharmacies", pharmacyId, "stock", medicineId);
const stock = (db: Firestore, pharmacyId = PHARMACY_A) => collection(db, "pharmacies", pharmacyId, "stock");
const inStock = (db: Firestore, pharmacyId = PHARMACY_A) =>
  query(stock(db, pharmacyId), where("inStock", "==", true));

/** Pharmacy A (ORG_A) with the given status, approved pharmacy B (ORG_B) and pharmacy B's stock. */
async function seedOthers(db: Firestore, status = "approved") {
  await seedPharmacies(db, owner.uid, status);
  await setDoc(
    stockRef(db, PHARMACY_B),
    publicStock(PHARMACY_B, MEDICINE_ID, { inStockUntil: "2026-11-30", pricePaise: 2200 }),
  );
}
async function seedPharmacyA(db: Firestore, status = "approved") {
  await seedOthers(db, status);
  await setDoc(stockRef(db), publicStock(PHARMACY_A));
  await setDoc(
    stockRef(db, PHARMACY_A, OTHER_MEDICINE_ID),
    publicStock(PHARMACY_A, OTHER_MEDICINE_ID, { inStock: false, inStockUntil: null, pricePaise: 8900 }),
  );
}
const seedAll = (db: Firestore) => seedPharmacyA(db);
const seedSuspended = (db: Firestore) => seedPharmacyA(db, "suspended");

const table = SIGNED_IN_READ;

runDocumentMatrix(
  rules,
  {
    collection: "stock",
    owner,
    others: seedOthers,
    ref: (db) => stockRef(db),
    list: (db) => stock(db),
    stored: () => publicStock(PHARMACY_A),
    created: () => publicStock(PHARMACY_A, MEDICINE_ID, { updatedAt: serverTimestamp() }),
    update: { inStock: false, inStockUntil: null, updatedAt: serverTimestamp() },
  },
  table,
);

describe("stock: an approved pharmacy", () => {
  expectEach(rules, "stock", seedAll, [
    [
      "otherPatient can list what pharmacy A has in stock",
      "allow",
      ACTORS.otherPatient,
      (db) => getDocs(inStock(db)),
    ],
    [
      "otherPatient can get pharmacy B's stock of a medicine",
      "allow",
      ACTORS.otherPatient,
      (db) => getDoc(stockRef(db, PHARMACY_B)),
    ],
    [
      "owner can get another pharmacy's public stock",
      "allow",
      owner,
      (db) => getDoc(stockRef(db, PHARMACY_B)),
    ],
  ]);
  it("stock: otherPatient cannot get stock under a pharmacy that has no document", async () => {
    await rules.seed(async (db) => {
      await seedAll(db);
      await setDoc(stockRef(db, "pharmacy-gone"), publicStock("pharmacy-gone"));
    });
    await expectDecision("deny", getDoc(stockRef(rules.db(ACTORS.otherPatient), "pharmacy-gone")));
  });
});

describe("stock: a suspended pharmacy", () => {
  // The same readers as the suspended pharmacy's own document.
  for (const [actor, decision] of SUSPENDED_PROFILE_READERS(owner)) {
    it(`stock: ${actor.label} ${decision === "allow" ? "can" : "cannot"} get a suspended pharmacy's stock`, async () => {
      await rules.seed(seedSuspended);
      await expectDecision(decision, getDoc(stockRef(rules.db(actor))));
    });
    it(`stock: ${actor.label} ${decision === "allow" ? "can" : "cannot"} list a suspended pharmacy's stock`, async () => {
      await rules.seed(seedSuspended);
      await expectDecision(decision, getDocs(inStock(rules.db(actor))));
    });
  }

  const cases = pharmacyClaimCases(owner);
  for (const [actor, decision] of cases) {
    it(`stock: ${actor.label} ${decision === "allow" ? "can" : "cannot"} get a suspended pharmacy's stock`, async () => {
      await rules.seed(seedSuspended);
      await expectDecision(decision, getDoc(stockRef(rules.db(actor))));
    });
  }
  it("stock: otherPatient can still get an approved pharmacy's stock while another is suspended", async () => {
    await rules.seed(seedSuspended);
    await expectDecision("allow", getDoc(stockRef(rules.db(ACTORS.otherPatient), PHARMACY_B)));
  });
});

describe("stock: across pharmacies (collection group)", () => {
  // No rule matches a collection-group query on stock: findPharmacies reads the stock of
  // approved pharmacies near the patient through the Admin SDK. A cross-pharmacy query would
  // also return a suspended pharmacy's stock.
  const actors: Actor[] = [ACTORS.anonymous, ACTORS.otherPatient, owner, ACTORS.platformAdmin];
  for (const actor of actors) {
    it(`stock: ${actor.label} cannot query who stocks a medicine as a collection group`, async () => {
      await rules.seed(seedAll);
      const stockists = query(
        collectionGroup(rules.db(actor), "stock"),
        where("medicineId", "==", MEDICINE_ID),
        where("inStock", "==", true),
      );
      await expectDecision("deny", getDocs(stockists));
    });
  }
});

describe("stock: nobody writes directly", () => {
  // The public document is derived from the private one; a direct write would let them disagree.
  expectEach(rules, "stock", seedAll, [
    [
      "owner cannot mark a medicine in stock without inventory behind it",
      "deny",
      owner,
      (db) =>
        updateDoc(stockRef(db, PHARMACY_A, OTHER_MEDICINE_ID), {
          inStock: true,
          inStockUntil: "2027-12-31",
          updatedAt: serverTimestamp(),
        }),
    ],
    [
      "owner cannot change its price",
      "deny",
      owner,
      (db) => updateDoc(stockRef(db), { pricePaise: 2500, updatedAt: serverTimestamp() }),
    ],
    [
      "owner cannot merge into its stock",
      "deny",
      owner,
      (db) => setDoc(stockRef(db), { inStock: false }, { merge: true }),
    ],
    [
      "pharmacist cannot mark a competitor out of stock",
      "deny",
      ACTORS.pharmacist,
      (db) =>
        updateDoc(stockRef(db), {
          inStock: false,
          inStockUntil: null,
          updatedAt: serverTimestamp(),
        }),
    ],
    [
      "otherPatient cannot change a price",
      "deny",
      ACTORS.otherPatient,
      (db) => updateDoc(stockRef(db), { pricePaise: 100 }),
    ],
    [
      "platformAdmin cannot delete stock",
      "deny",
      ACTORS.platformAdmin,
      (db) => deleteDoc(stockRef(db, PHARMACY_B)),
    ],
  ]);
  expectEach(rules, "stock", seedOthers, [
    [
      "owner cannot publish a new medicine",
      "deny",
      owner,
      (db) => setDoc(stockRef(db, PHARMACY_A, OTHER_MEDICINE_ID), publicStock(PHARMACY_A, OTHER_MEDICINE_ID)),
    ],
    [
      "platformAdmin cannot create stock in another organisation's pharmacy",
      "deny",
      ACTORS.platformAdmin,
      (db) => setDoc(stockRef(db, PHARMACY_B, OTHER_MEDICINE_ID), publicStock(PHARMACY_B, OTHER_MEDICINE_ID)),
    ],
  ]);
  expectEach(rules, "stock", seedSuspended, [
    ["owner of a suspended pharmacy cannot delete its stock", "deny", owner, (db) => deleteDoc(stockRef(db))],
    [
      "orgAdmin cannot hide a suspended pharmacy's stock",
      "deny",
      ACTORS.orgAdmin,
      (db) =>
        updateDoc(stockRef(db), {
          inStock: false,
          inStockUntil: null,
          updatedAt: serverTimestamp(),
        }),
    ],
  ]);
});
