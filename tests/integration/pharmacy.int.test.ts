// Pharmacy against the emulators: the medicine master and its search, stock written by the
// pharmacy's pharmacists, CSV import (good rows applied, bad rows reported, idempotent),
// expiry, nearby search checked against a brute-force distance filter over the same data,
// and "where can I fill this". The refresh scheduled work makes when a batch expires is in
// stockRefresh.int.
import { geohashForLocation } from "geofire-common";
import { beforeAll, describe, expect, it } from "vitest";
import { medicineIdFor } from "../../functions/src/domain/pharmacy/medicines";
import { distanceKm } from "../../functions/src/domain/pharmacy/nearby";
import { admin, callError, signUp, type Client } from "../../tools/emulator-client";
import { DAYS } from "../../functions/src/schemas/profiles";
import { ALWAYS_OPEN, approvedPharmacy, auditFor, makeOrg, platformAdmin } from "./fixtures";
import { addMedicines, inYears, name, oneMedicineStock, run } from "./pharmacyFixtures";

let patient: Client;
let platform: Client;
let org: string;

const inventory = (pharmacyId: string) => admin().db.collection(`pharmacies/${pharmacyId}/inventory`).get();

beforeAll(async () => {
  [patient, platform, org] = await Promise.all([signUp(), platformAdmin(), makeOrg("pharmacy")]);
});

describe("the medicine master", () => {
  const generic = name("Paracétamolo");
  let id: string;

  beforeAll(async () => {
    const saved = await platform.call<{ medicineId: string; created: boolean }>("upsertMedicine", {
      generic,
      brands: [name("Crocinex"), "Calpol Extra"],
      strength: "650 mg",
      form: "tablet",
      packSize: 15,
      prescriptionOnly: false,
    });
    id = saved.medicineId;
    expect(saved.created).toBe(true);
    await platform.call("upsertMedicine", {
      generic,
      brands: [],
      strength: "125 mg/5 ml",
      form: "syrup",
      packSize: 60,
    });
  });

  it("derives the id, and keeps search prefixes on the document", async () => {
    expect(id).toBe(medicineIdFor({ generic, strength: "650 mg", form: "tablet" }));
    const doc = (await admin().db.doc(`medicines/${id}`).get()).data()!;
    expect(doc.prefixes).toContain(
      generic
        .normalize("NFD")
        .replace(/[\u0300-\u036f]/g, "")
        .toLowerCase()
        .slice(0, 15),
    );
    expect(await auditFor(id, "medicine.saved")).toHaveLength(1);
  });

  it("finds by a prefix of the generic or a brand, whatever the case and accents", async () => {
    const search = (query: string) =>
      patient.call<{ medicines: Array<{ medicineId: string; form: string }> }>("searchMedicines", { query });
    const plain = generic.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    expect((await search(plain.toUpperCase())).medicines.map((m) => m.form).sort()).toEqual([
      "syrup",
      "tablet",
    ]);
    expect((await search(generic.toLowerCase())).medicines).toHaveLength(2);
    expect(
      (await search(name("crocinex").slice(0, -1).toLowerCase())).medicines.map((m) => m.medicineId),
    ).toEqual([id]);
    expect((await search(`${plain} 650`)).medicines.map((m) => m.medicineId)).toEqual([id]);
    expect((await search(`${plain} syrup`)).medicines.map((m) => m.form)).toEqual(["syrup"]);
    expect((await search("zzqx-nothing")).medicines).toEqual([]);
  });

  it("answers a one-letter query with invalid-argument", async () => {
    const error = await callError(patient.call("searchMedicines", { query: "p" }));
    expect(error.code).toBe("functions/invalid-argument");
    expect(error.message).toMatch(/at least 2 letters/);
  });

  it("is kept by platform admins only; bad entries are refused and nothing is written", async () => {
    const entry = { generic: name("Refusedol"), brands: [], strength: "10 mg", form: "tablet", packSize: 10 };
    const refusedId = medicineIdFor({ generic: entry.generic, strength: "10 mg", form: "tablet" });
    expect((await callError(patient.call("upsertMedicine", entry))).code).toBe("functions/permission-denied");
    const bad = await callError(platform.call("upsertMedicine", { ...entry, form: "potion", packSize: 0 }));
    expect(bad.code).toBe("functions/invalid-argument");
    expect(bad.message).toMatch(/form/);
    expect(bad.message).toMatch(/packSize/);
    expect((await admin().db.doc(`medicines/${refusedId}`).get()).exists).toBe(false);
  });
});

describe("stock of one medicine", () => {
  const { stock, set } = oneMedicineStock(() => org);

  it("derives the state from unexpired batches and the threshold", async () => {
    expect(await set(stock.pharmacist, [{ batch: "A1", expiry: inYears(1), quantity: 100 }])).toMatchObject({
      quantity: 100,
      state: "in_stock",
      changed: true,
    });
    expect(await set(stock.pharmacist, [{ batch: "A1", expiry: inYears(1), quantity: 20 }])).toMatchObject({
      quantity: 20,
      state: "low",
    });
    expect(await set(stock.pharmacist, [{ batch: "A1", expiry: inYears(1), quantity: 0 }])).toMatchObject({
      quantity: 0,
      state: "out",
    });
    const expiredOnly = await set(stock.pharmacist, [
      { batch: "OLD", expiry: "2020-01", quantity: 500 },
      { batch: "A1", expiry: inYears(1), quantity: 30 },
    ]);
    expect(expiredOnly).toMatchObject({ quantity: 30, state: "in_stock" });
  });

  it("shows patients only whether it is in stock and the price", async () => {
    await set(stock.pharmacist, [{ batch: "A1", expiry: inYears(1), quantity: 30 }]);
    const publicDoc = (
      await admin().db.doc(`pharmacies/${stock.pharmacyId}/stock/${stock.medicineId}`).get()
    ).data()!;
    expect(Object.keys(publicDoc).sort()).toEqual([
      "inStock",
      "inStockUntil",
      "medicineId",
      "pharmacyId",
      "pricePaise",
      "updatedAt",
    ]);
    expect(publicDoc).toMatchObject({ inStock: true, pricePaise: 250 });
    const privateDoc = (
      await admin().db.doc(`pharmacies/${stock.pharmacyId}/inventory/${stock.medicineId}`).get()
    ).data()!;
    expect(privateDoc).toMatchObject({ quantity: 30, state: "in_stock", lowStockThreshold: 20 });
    expect(
      (await auditFor(`${stock.pharmacyId}/${stock.medicineId}`, "stock.updated")).length,
    ).toBeGreaterThan(0);
  });

  it("setting the same stock again changes nothing", async () => {
    await set(stock.pharmacist, [{ batch: "A1", expiry: inYears(1), quantity: 30 }]);
    const before = (
      await admin().db.doc(`pharmacies/${stock.pharmacyId}/inventory/${stock.medicineId}`).get()
    ).updateTime;
    const again = await set(stock.pharmacist, [{ batch: "A1", expiry: inYears(1), quantity: 30 }]);
    expect(again.changed).toBe(false);
    expect(
      (
        await admin().db.doc(`pharmacies/${stock.pharmacyId}/inventory/${stock.medicineId}`).get()
      ).updateTime?.isEqual(before!),
    ).toBe(true);
  });

  it("refuses another pharmacy's pharmacist, a patient, bad input and unknown medicines, writing nothing", async () => {
    const other = (await approvedPharmacy(org)).pharmacist!;
    const { pharmacyId: emptyPharmacy } = await approvedPharmacy(org, { withPharmacist: false });
    const request = {
      pharmacyId: emptyPharmacy,
      medicineId: stock.medicineId,
      batches: [{ batch: "X", expiry: inYears(1), quantity: 5 }],
      priceInr: 1,
      lowStockThreshold: 1,
    };
    expect((await callError(other.call("setStockItem", request))).code).toBe("functions/permission-denied");
    expect((await callError(patient.call("setStockItem", request))).code).toBe("functions/permission-denied");
    const bad = await callError(
      set(stock.pharmacist, [{ batch: "B 1", expiry: "2027-13", quantity: -1 }], { priceInr: 1.234 }),
    );
    expect(bad.code).toBe("functions/invalid-argument");
    expect(bad.message).toMatch(/batches\.0\.batch/);
    expect(bad.message).toMatch(/batches\.0\.expiry/);
    expect(bad.message).toMatch(/priceInr/);
    const unknown = await callError(
      set(stock.pharmacist, [{ batch: "A1", expiry: inYears(1), quantity: 5 }], {
        medicineId: "no-such-medicine",
      }),
    );
    expect(unknown.code).toBe("functions/invalid-argument");
    expect(unknown.message).toMatch(/not in the medicine master/);
    expect((await inventory(emptyPharmacy)).size).toBe(0);
    expect(
      (await admin().db.doc(`pharmacies/${stock.pharmacyId}/inventory/no-such-medicine`).get()).exists,
    ).toBe(false);
  });

  it("refuses a suspended pharmacy's pharmacist with failed-precondition", async () => {
    const suspended = await approvedPharmacy(org, { status: "suspended" });
    const error = await callError(
      suspended.pharmacist!.call("setStockItem", {
        pharmacyId: suspended.pharmacyId,
        medicineId: stock.medicineId,
        batches: [],
        priceInr: 1,
        lowStockThreshold: 1,
      }),
    );
    expect(error.code).toBe("functions/failed-precondition");
    expect((await inventory(suspended.pharmacyId)).size).toBe(0);
  });
});

describe("CSV import", () => {
  const MEDICINES = 450; // more than one batch of 200 items
  let pharmacyId: string;
  let pharmacist: Client;
  let ids: string[];
  let csv: string;
  const badRows = new Map<number, string>();

  beforeAll(async () => {
    ({ pharmacyId, pharmacist } = (await approvedPharmacy(org)) as {
      pharmacyId: string;
      pharmacist: Client;
    });
    ids = await addMedicines(
      Array.from({ length: MEDICINES }, (_, i) => ({
        generic: name(`Importol ${i}`),
        brands: [],
        strength: "10 mg",
        form: "tablet" as const,
        packSize: 10,
        prescriptionOnly: true,
      })),
    );
    const lines = ["medicine_id,batch,expiry,quantity,price,low_stock_threshold"];
    ids.forEach((id, i) => {
      lines.push(`${id},B${i}-1,${inYears(1)},${i + 1},${(i % 50) + 0.5},10`);
      lines.push(`${id},B${i}-2,${inYears(2)},${i % 7},${(i % 50) + 0.5},10`);
    });
    const bad: Array<[string, string]> = [
      [`no-such-medicine-${run},Z1,${inYears(1)},5,1.00,1`, "medicine_id"],
      [`${ids[0]},Z2,${inYears(1)},12.5,1.00,1`, "quantity"],
      [`${ids[1]},Z3,2019-04,5,1.00,1`, "expiry"],
      [`${ids[2]},Z4,${inYears(1)},5,1.234,1`, "price"],
      [`${ids[3]},B3-1,${inYears(1)},5,3.50,10`, "batch"],
      [`${ids[4]},Z6,${inYears(1)},5,99.00,10`, "price"],
    ];
    for (const [line, column] of bad) {
      lines.push(line);
      badRows.set(lines.length, column);
    }
    csv = `${lines.join("\n")}\n`;
  });

  // ids[0..4] each have a bad row: all their rows are held back (applying the good ones alone
  // would drop the rejected batch from the stock).
  const HELD = 5;
  const heldRows = () =>
    ids.slice(0, HELD).flatMap((id, i) => [2 + 2 * i, 3 + 2 * i].map((row) => [row, "medicine_id"]));

  it("applies the good rows in batches, reports each bad row, holds back their medicines, and records progress", async () => {
    const result = await pharmacist.call<{
      importId: string;
      dataRows: number;
      appliedRows: number;
      rejectedRows: number;
      medicines: { changed: number; unchanged: number };
      errors: Array<{ row: number; column: string; reason: string }>;
    }>("importStockCsv", { pharmacyId, csv });
    expect(result.dataRows).toBe(MEDICINES * 2 + badRows.size);
    expect(result.appliedRows).toBe((MEDICINES - HELD) * 2);
    expect(result.medicines).toEqual({ changed: MEDICINES - HELD, unchanged: 0 });
    expect(result.errors.map((e) => [e.row, e.column])).toEqual([...heldRows(), ...badRows.entries()]);
    expect(result.errors.every((e) => e.reason.length > 5)).toBe(true);

    const stock = await inventory(pharmacyId);
    expect(stock.size).toBe(MEDICINES - HELD);
    expect(stock.docs.some((d) => ids.slice(0, HELD).includes(d.id))).toBe(false);
    const sixth = stock.docs.find((d) => d.id === ids[5])!.data();
    expect(sixth.batches).toEqual([
      { batch: "B5-1", expiry: inYears(1), quantity: 6 },
      { batch: "B5-2", expiry: inYears(2), quantity: 5 },
    ]);
    expect(sixth.pricePaise).toBe(550);

    const report = (
      await admin().db.doc(`pharmacies/${pharmacyId}/imports/${result.importId}`).get()
    ).data()!;
    expect(report).toMatchObject({
      status: "done",
      processedItems: MEDICINES - HELD,
      changedItems: MEDICINES - HELD,
      rejectedRows: badRows.size + HELD * 2,
    });
    expect(report.errors).toHaveLength(badRows.size + HELD * 2);
  });

  it("re-importing the same file changes nothing", async () => {
    const before = new Map((await inventory(pharmacyId)).docs.map((d) => [d.id, d.updateTime.toMillis()]));
    const again = await pharmacist.call<{
      medicines: { changed: number; unchanged: number };
      rejectedRows: number;
    }>("importStockCsv", { pharmacyId, csv });
    expect(again.medicines).toEqual({ changed: 0, unchanged: MEDICINES - HELD });
    expect(again.rejectedRows).toBe(badRows.size + HELD * 2);
    const after = await inventory(pharmacyId);
    expect(after.size).toBe(before.size);
    expect(after.docs.every((d) => d.updateTime.toMillis() === before.get(d.id))).toBe(true);
  });

  it("a file without the required columns is refused as a whole, writing nothing", async () => {
    const { pharmacyId: fresh, pharmacist: freshPharmacist } = await approvedPharmacy(org);
    const error = await callError(
      freshPharmacist!.call("importStockCsv", {
        pharmacyId: fresh,
        csv: `medicine_id,batch,quantity\n${ids[0]},B1,5\n`,
      }),
    );
    expect(error.code).toBe("functions/invalid-argument");
    expect(error.message).toMatch(/expiry, price/);
    expect((await inventory(fresh)).size).toBe(0);
    expect((await admin().db.collection(`pharmacies/${fresh}/imports`).get()).size).toBe(0);
  });

  it("another pharmacy's pharmacist cannot import into it", async () => {
    const other = (await approvedPharmacy(org)).pharmacist!;
    const { pharmacyId: target } = await approvedPharmacy(org, { withPharmacist: false });
    expect((await callError(other.call("importStockCsv", { pharmacyId: target, csv }))).code).toBe(
      "functions/permission-denied",
    );
    expect((await inventory(target)).size).toBe(0);
  });
});

/** Points spread over a box around `center`, plus some exactly on geohash cell edges. */
function randomPoints(center: { lat: number; lng: number }, count: number, spreadDeg: number, seed: number) {
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  return Array.from({ length: count }, () => ({
    lat: center.lat + (random() - 0.5) * spreadDeg,
    lng: center.lng + (random() - 0.5) * spreadDeg,
  }));
}

/** A corner shared by four precision-5 geohash cells (cells are 360/2^13 by 180/2^12 degrees). */
const CELL = 360 / 2 ** 13;
const cellCorner = (lat: number, lng: number) => ({
  lat: -90 + Math.round((lat + 90) / CELL) * CELL,
  lng: -180 + Math.round((lng + 180) / CELL) * CELL,
});

describe("nearby search", () => {
  // A region of central India where no other test or seed puts a pharmacy.
  const corner = cellCorner(21.0 + Number.parseInt(run.slice(0, 2), 16) / 1000, 79.0);
  let placed: Array<{ id: string; lat: number; lng: number; status: string }> = [];

  beforeAll(async () => {
    const { db } = admin();
    const { GeoPoint } = await import("firebase-admin/firestore");
    const points = [
      ...randomPoints(corner, 260, 0.6, 7),
      // on and right beside the cell edges through the corner
      ...[-1e-6, 0, 1e-6].flatMap((d) => [
        { lat: corner.lat + d, lng: corner.lng + 0.001 },
        { lat: corner.lat - 0.001, lng: corner.lng + d },
        { lat: corner.lat + d, lng: corner.lng + d },
      ]),
    ];
    placed = points.map((p, i) => ({
      id: `near-${run}-${i}`,
      ...p,
      status: i % 29 === 5 ? "suspended" : "approved",
    }));
    const writer = db.bulkWriter();
    for (const p of placed) {
      void writer.set(db.doc(`pharmacies/${p.id}`), {
        name: `Nearby ${p.id}`,
        org,
        status: p.status,
        location: new GeoPoint(p.lat, p.lng),
        geohash: geohashForLocation([p.lat, p.lng], 9),
        openingHours: {},
        timezone: "Asia/Kolkata",
        ownerUid: "fixture",
      });
    }
    await writer.close();
  });

  /** The brute force: every approved pharmacy in the database, filtered by true distance. */
  async function bruteForce(center: { lat: number; lng: number }, radiusKm: number): Promise<string[]> {
    const all = await admin().db.collection("pharmacies").where("status", "==", "approved").get();
    return all.docs
      .map((d) => ({
        id: d.id,
        d: distanceKm(center, { lat: d.get("location").latitude, lng: d.get("location").longitude }),
      }))
      .filter((p) => p.d <= radiusKm)
      .sort((a, b) => a.d - b.d || a.id.localeCompare(b.id))
      .map((p) => p.id);
  }

  const cases: Array<[string, () => { lat: number; lng: number }, number]> = [
    ["a cell corner, 300 m", () => corner, 0.3],
    ["a cell corner, 1 km", () => corner, 1],
    ["a cell corner, 5 km", () => corner, 5],
    ["just off a cell edge, 2.5 km", () => ({ lat: corner.lat + 1e-7, lng: corner.lng - 0.02 }), 2.5],
    ["inside the cloud, 12 km", () => ({ lat: corner.lat + 0.1, lng: corner.lng - 0.07 }), 12],
    ["the cloud's rim, 20 km", () => ({ lat: corner.lat - 0.25, lng: corner.lng + 0.3 }), 20],
  ];
  for (const [label, center, radiusKm] of cases) {
    it(`returns the brute-force answer, nearest first: ${label}`, async () => {
      const expected = await bruteForce(center(), radiusKm);
      const { pharmacies } = await patient.call<{
        pharmacies: Array<{ pharmacyId: string; distanceKm: number }>;
      }>("findPharmacies", {
        center: center(),
        radiusKm,
        limit: 100,
      });
      expect(expected.length).toBeGreaterThan(0);
      expect(pharmacies.map((p) => p.pharmacyId)).toEqual(expected.slice(0, 100));
    });
  }

  it("never returns a suspended pharmacy", async () => {
    const suspended = placed.filter((p) => p.status === "suspended");
    expect(suspended.length).toBeGreaterThan(0);
    const { pharmacies } = await patient.call<{ pharmacies: Array<{ pharmacyId: string }> }>(
      "findPharmacies",
      { center: corner, radiusKm: 50, limit: 100 },
    );
    const ids = new Set(pharmacies.map((p) => p.pharmacyId));
    expect(suspended.some((s) => ids.has(s.id))).toBe(false);
  });

  it("refuses a bad centre or radius", async () => {
    const error = await callError(
      patient.call("findPharmacies", { center: { lat: 95, lng: 75 }, radiusKm: 500 }),
    );
    expect(error.code).toBe("functions/invalid-argument");
    expect(error.message).toMatch(/center\.lat/);
    expect(error.message).toMatch(/radiusKm/);
    expect((await callError(patient.call("findPharmacies", {}))).code).toBe("functions/invalid-argument");
  });
});

describe("a malformed pharmacy nearby", () => {
  // Its own empty region, in Kerala, away from the other searches of this file.
  const here = { lat: 10.0 + Number.parseInt(run.slice(0, 2), 16) / 1000, lng: 76.3 };
  const near = (i: number) => ({ lat: here.lat + i / 1000, lng: here.lng });

  it("is left out of the search, and everyone else around it is still found", async () => {
    // Written with the Admin SDK, as a document from before the rules checked hours, or a bad
    // migration, would be: the rules refuse each of these from a client now.
    const malformed: Array<Record<string, unknown>> = [
      { openingHours: Object.fromEntries(DAYS.map((d) => [d, [{ open: "9am", close: "5pm" }]])) },
      { openingHours: { mon: "09:00-18:00" } },
      { openingHours: { mon: [{ open: "18:00", close: "09:00" }] } },
      { openingHours: ALWAYS_OPEN, timezone: "Mars/Olympus" },
    ];
    const bad: string[] = [];
    for (const [i, fields] of malformed.entries()) {
      const { pharmacyId } = await approvedPharmacy(org, { location: near(i + 1), withPharmacist: false });
      await admin().db.doc(`pharmacies/${pharmacyId}`).update(fields);
      bad.push(pharmacyId);
    }
    const { pharmacyId: good } = await approvedPharmacy(org, { location: near(6), withPharmacist: false });

    for (const openNow of [false, true]) {
      const { pharmacies } = await patient.call<{ pharmacies: Array<{ pharmacyId: string }> }>(
        "findPharmacies",
        { center: here, radiusKm: 5, limit: 20, openNow },
      );
      expect(pharmacies.map((p) => p.pharmacyId)).toEqual([good]);
    }
    expect(bad).toHaveLength(4);
  });
});

describe("where can I fill this", () => {
  // Another empty region, in Rajasthan.
  const home = { lat: 26.9 + Number.parseInt(run.slice(2, 4), 16) / 1000, lng: 73.0 };
  const east = (km: number) => ({
    lat: home.lat,
    lng: home.lng + km / (111.32 * Math.cos((home.lat * Math.PI) / 180)),
  });
  let meds: string[];
  const at: Record<string, string> = {};

  beforeAll(async () => {
    meds = await addMedicines(
      ["Fillamol", "Fillicillin", "Fillizine"].map((g) => ({
        generic: name(g),
        brands: [],
        strength: "5 mg",
        form: "tablet" as const,
        packSize: 10,
        prescriptionOnly: true,
      })),
    );
    const setUp = async (
      key: string,
      km: number,
      stock: Record<number, number>,
      opts: { expiry?: string; openingHours?: Record<string, unknown> } = {},
    ) => {
      const { pharmacyId, pharmacist } = await approvedPharmacy(org, {
        location: east(km),
        openingHours: opts.openingHours,
      });
      at[key] = pharmacyId;
      for (const [index, quantity] of Object.entries(stock)) {
        await pharmacist!.call("setStockItem", {
          pharmacyId,
          medicineId: meds[Number(index)],
          batches: [{ batch: "F1", expiry: opts.expiry ?? inYears(1), quantity }],
          priceInr: 10 * (Number(index) + 1),
          lowStockThreshold: 5,
        });
      }
    };
    await setUp("nearPartial", 1, { 0: 50, 1: 50 }); // two of three, nearest
    await setUp("nearOutOfStock", 1.5, { 0: 0, 1: 0, 2: 0 }); // none in stock
    await setUp("farComplete", 6, { 0: 10, 1: 10, 2: 10 }, { openingHours: {} }); // all three, never open
    await setUp("midComplete", 4, { 0: 10, 1: 10, 2: 3 }); // all three (one low, still in stock)
    await setUp("oneItem", 2, { 2: 100 });
    await setUp("expired", 0.5, { 0: 100, 1: 100, 2: 100 }, { expiry: "2021-01" }); // expired batches: nothing
    await setUp("outside", 30, { 0: 10, 1: 10, 2: 10 });
  });

  it("lists complete pharmacies first, then partial ones with what is missing", async () => {
    const { pharmacies } = await patient.call<{
      pharmacies: Array<{
        pharmacyId: string;
        openNow: boolean;
        fill: {
          complete: boolean;
          missing: Array<{ medicineId: string; name: string }>;
          unitPriceTotalInr: number;
        };
      }>;
    }>("findPharmacies", { center: home, radiusKm: 10, medicineIds: meds });
    expect(pharmacies.map((p) => p.pharmacyId)).toEqual([
      at.midComplete,
      at.farComplete,
      at.nearPartial,
      at.oneItem,
    ]);
    expect(pharmacies[0].fill).toMatchObject({ complete: true, missing: [], unitPriceTotalInr: 60 });
    expect(pharmacies[2].fill.missing).toEqual([
      { medicineId: meds[2], name: `${name("Fillizine")} 5 mg tablet` },
    ]);
    expect(pharmacies[3].fill.missing.map((m) => m.medicineId)).toEqual([meds[0], meds[1]]);
    expect(pharmacies.find((p) => p.pharmacyId === at.farComplete)!.openNow).toBe(false);
  });

  it("with openNow, leaves out pharmacies that are closed", async () => {
    const { pharmacies } = await patient.call<{
      pharmacies: Array<{ pharmacyId: string; opensAt: string | null }>;
    }>("findPharmacies", {
      center: home,
      radiusKm: 10,
      medicineIds: meds,
      openNow: true,
    });
    expect(pharmacies.map((p) => p.pharmacyId)).toEqual([at.midComplete, at.nearPartial, at.oneItem]);
  });

  it("refuses medicines that are not in the master", async () => {
    const error = await callError(
      patient.call("findPharmacies", {
        center: home,
        radiusKm: 10,
        medicineIds: [meds[0], "no-such-medicine"],
      }),
    );
    expect(error.code).toBe("functions/invalid-argument");
    expect(error.message).toMatch(/no-such-medicine/);
  });
});
