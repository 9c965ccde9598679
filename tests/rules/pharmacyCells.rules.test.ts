// pharmacyCells/{cell}: the nearby search's listing of approved pharmacies, one document per
// geohash cell (functions/src/repo/pharmacies.ts). Derived from pharmacies/ by the functions:
// every actor is denied every operation, including the pharmacist whose pharmacy is listed there
// (the "owner"), who changes the entry only through the pharmacy document.
import { doc, setDoc, updateDoc, type Firestore } from "firebase/firestore";
import { describe, it } from "vitest";
import { ACTORS, OWNERS, PHARMACY_A, expectDecision, useRulesEnv } from "./support";
import { runFunctionsOnly } from "./templates/documentSuite";

const rules = useRulesEnv();
const owner = OWNERS.pharmacist;
const CELL = "ttnf";
const entry = (name: string) => ({
  name,
  status: "approved",
  org: owner.claims.org,
  lat: 30.9,
  lng: 75.85,
  openingHours: {},
  timezone: "Asia/Kolkata",
});
const listing = (name = "Chemist A") => ({ cell: CELL, pharmacies: { [PHARMACY_A]: entry(name) } });
const ref = (db: Firestore, cell = CELL) => doc(db, "pharmacyCells", cell);

runFunctionsOnly(rules, {
  collection: "pharmacyCells",
  owner,
  others: (db) => setDoc(ref(db, "ttng"), { cell: "ttng", pharmacies: {} }),
  ref: (db) => ref(db),
  stored: () => listing(),
  update: { [`pharmacies.${PHARMACY_A}.name`]: "Renamed" },
});

describe("pharmacyCells: listing a pharmacy by hand", () => {
  it("pharmacyCells: owner cannot list their suspended pharmacy as approved", async () => {
    await rules.seed((db) => setDoc(ref(db), { cell: CELL, pharmacies: { [PHARMACY_A]: null } }));
    await expectDecision(
      "deny",
      updateDoc(ref(rules.db(owner)), { [`pharmacies.${PHARMACY_A}`]: entry("Chemist A") }),
    );
  });
  it("pharmacyCells: orgAdmin cannot add a pharmacy of their organisation to a cell", async () => {
    await rules.seed((db) => setDoc(ref(db), listing()));
    await expectDecision(
      "deny",
      updateDoc(ref(rules.db(ACTORS.orgAdmin)), { "pharmacies.extra": entry("Extra") }),
    );
  });
});
