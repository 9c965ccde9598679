// pharmacies/{id}/imports/{importId}: the report of one CSV stock import (row counts, the
// first rejected rows with their reasons, progress while it runs). Written only by
// importStockCsv, after each batch it commits, for clients listening to the import. Read by the
// same people as the private inventory: the pharmacy's pharmacists (claims role pharmacist and
// pharmacy == id, the matrix "owner") and the admins of its organisation or platform admins.
// Nobody writes it directly.
import {
  collection,
  collectionGroup,
  deleteDoc,
  doc,
  getDoc,
  getDocs,
  orderBy,
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
  IMPORT_ID,
  OWNERS,
  PHARMACY_A,
  PHARMACY_B,
  expectDecision,
  importReport,
  runMatrix,
  useRulesEnv,
  type Actor,
  type Decision,
  type MatrixTable,
  onlyReaders,
  expectEach,
} from "./support";
import { pharmacyClaimCases, seedPharmacies } from "./templates/pharmacyClaims";

const rules = useRulesEnv();
const owner = { ...OWNERS.pharmacist, label: "owner (its pharmacist)" };
const RUNNING_IMPORT = "a7c4e2f09b1d3e5c7a9b0d2f4e6c8a1b";
const importRef = (db: Firestore, pharmacyId = PHARMACY_A, importId = IMPORT_ID) =>
  doc(db, "pharmacies", pharmacyId, "imports", importId);
const imports = (db: Firestore, pharmacyId = PHARMACY_A) =>
  collection(db, "pharmacies", pharmacyId, "imports");

/** Both pharmacies (A in ORG_A, B in ORG_B) and an import by pharmacy B's pharmacist. */
async function seedOthers(db: Firestore, status = "approved") {
  await seedPharmacies(db, owner.uid, status);
  await setDoc(
    importRef(db, PHARMACY_B),
    importReport(PHARMACY_B, IMPORT_ID, {
      by: ACTORS.pharmacist.uid,
      rejectedRows: 0,
      validRows: 3,
      errors: [],
    }),
  );
}
async function seedAll(db: Firestore, status = "approved") {
  await seedOthers(db, status);
  await setDoc(importRef(db), importReport(PHARMACY_A));
  await setDoc(
    importRef(db, PHARMACY_A, RUNNING_IMPORT),
    importReport(PHARMACY_A, RUNNING_IMPORT, {
      dataRows: 900,
      validRows: 900,
      rejectedRows: 0,
      totalItems: 850,
      errors: [],
      status: "running",
      processedItems: 200,
      changedItems: 180,
      unchangedItems: 20,
      finishedAt: null,
    }),
  );
}

const table: MatrixTable = onlyReaders("owner", "orgAdmin", "platformAdmin");

runMatrix(rules, {
  collection: "imports",
  owner,
  async seed(db, op) {
    await seedOthers(db);
    if (op !== "create") await setDoc(importRef(db), importReport(PHARMACY_A));
  },
  requests: {
    get: (db) => getDoc(importRef(db)),
    list: (db) => getDocs(imports(db)),
    create: (db) =>
      setDoc(
        importRef(db),
        importReport(PHARMACY_A, IMPORT_ID, { startedAt: serverTimestamp(), finishedAt: serverTimestamp() }),
      ),
    update: (db) => updateDoc(importRef(db), { rejectedRows: 0, errors: [] }),
    delete: (db) => deleteDoc(importRef(db)),
  },
  table,
});

describe("imports: the pharmacy's reports", () => {
  it("imports: owner can list its running imports", async () => {
    await rules.seed(seedAll);
    const running = query(imports(rules.db(owner)), where("status", "==", "running"));
    await expectDecision("allow", getDocs(running));
  });
  expectEach(rules, "imports", seedAll, [
    [
      "owner can list its imports newest first",
      "allow",
      owner,
      (db) => getDocs(query(imports(db), orderBy("startedAt", "desc"))),
    ],
    [
      "owner can get an import while it runs",
      "allow",
      owner,
      (db) => getDoc(importRef(db, PHARMACY_A, RUNNING_IMPORT)),
    ],
  ]);
  it("imports: owner of a suspended pharmacy can still read its reports", async () => {
    await rules.seed((db) => seedAll(db, "suspended"));
    await expectDecision("allow", getDocs(imports(rules.db(owner))));
  });
});

describe("imports: who counts as the pharmacy's pharmacist", () => {
  const cases = pharmacyClaimCases(owner);
  for (const [actor, decision] of cases) {
    it(`imports: ${actor.label} ${decision === "allow" ? "can" : "cannot"} get pharmacy A's import report`, async () => {
      await rules.seed(seedAll);
      await expectDecision(decision, getDoc(importRef(rules.db(actor))));
    });
    it(`imports: ${actor.label} ${decision === "allow" ? "can" : "cannot"} list pharmacy A's import reports`, async () => {
      await rules.seed(seedAll);
      await expectDecision(decision, getDocs(imports(rules.db(actor))));
    });
  }
});

describe("imports: another pharmacy's reports", () => {
  const cases: Array<[Actor, Decision]> = [
    [owner, "deny"],
    [ACTORS.pharmacist, "allow"],
    [ACTORS.orgAdmin, "deny"],
    [ACTORS.otherOrgAdmin, "allow"],
    [ACTORS.platformAdmin, "allow"],
  ];
  for (const [actor, decision] of cases) {
    it(`imports: ${actor.label} ${decision === "allow" ? "can" : "cannot"} list pharmacy B's import reports`, async () => {
      await rules.seed(seedAll);
      await expectDecision(decision, getDocs(imports(rules.db(actor), PHARMACY_B)));
    });
  }
  expectEach(rules, "imports", seedAll, [
    [
      "owner cannot get pharmacy B's import report by its id",
      "deny",
      owner,
      (db) => getDoc(importRef(db, PHARMACY_B)),
    ],
    [
      "otherPatient cannot query import reports across pharmacies (collection group)",
      "deny",
      ACTORS.otherPatient,
      (db) => getDocs(collectionGroup(db, "imports")),
    ],
  ]);
  it("imports: pharmacist cannot query pharmacy A's reports as a collection group", async () => {
    await rules.seed(seedAll);
    const ofA = query(
      collectionGroup(rules.db(ACTORS.pharmacist), "imports"),
      where("pharmacyId", "==", PHARMACY_A),
    );
    await expectDecision("deny", getDocs(ofA));
  });
});

describe("imports: nobody writes directly", () => {
  // Only importStockCsv writes the report, from what it actually applied.
  expectEach(rules, "imports", seedAll, [
    [
      "owner cannot mark a running import done",
      "deny",
      owner,
      (db) =>
        updateDoc(importRef(db, PHARMACY_A, RUNNING_IMPORT), {
          status: "done",
          processedItems: 850,
          finishedAt: serverTimestamp(),
        }),
    ],
    [
      "owner cannot record progress on a running import",
      "deny",
      owner,
      (db) =>
        updateDoc(importRef(db, PHARMACY_A, RUNNING_IMPORT), {
          processedItems: 400,
          changedItems: 380,
          unchangedItems: 20,
          progressAt: serverTimestamp(),
        }),
    ],
    [
      "owner cannot hide the rejected rows",
      "deny",
      owner,
      (db) => updateDoc(importRef(db), { rejectedRows: 0, errors: [] }),
    ],
    [
      "owner cannot delete its import history",
      "deny",
      owner,
      (db) => deleteDoc(importRef(db, PHARMACY_A, RUNNING_IMPORT)),
    ],
    [
      "orgAdmin cannot mark an import failed",
      "deny",
      ACTORS.orgAdmin,
      (db) =>
        updateDoc(importRef(db, PHARMACY_A, RUNNING_IMPORT), {
          status: "failed",
          finishedAt: serverTimestamp(),
        }),
    ],
    [
      "platformAdmin cannot delete a report",
      "deny",
      ACTORS.platformAdmin,
      (db) => deleteDoc(importRef(db, PHARMACY_B)),
    ],
  ]);
  expectEach(rules, "imports", seedOthers, [
    [
      "owner cannot file a report for an import that did not run",
      "deny",
      owner,
      (db) => setDoc(importRef(db, PHARMACY_A, "0".repeat(32)), importReport(PHARMACY_A, "0".repeat(32))),
    ],
    [
      "platformAdmin cannot create a report in another organisation's pharmacy",
      "deny",
      ACTORS.platformAdmin,
      (db) => setDoc(importRef(db, PHARMACY_B, RUNNING_IMPORT), importReport(PHARMACY_B, RUNNING_IMPORT)),
    ],
  ]);
});
