// What scheduled work does to a pharmacy's stock when a batch expires:
// the state and the public document brought up to date, and one item that cannot be written does
// not stop the others. The tests run scheduled work (runScheduledWork), which acts on every suite's
// documents, so npm test runs this file alone (tools/test.mjs RUNS_ALONE); the rest of the
// pharmacy suite is pharmacy.int, which runs beside other suites.
import { beforeAll, describe, expect, it } from "vitest";
import { admin, type Client } from "../../tools/emulator-client";
import { makeOrg, platformAdmin } from "./fixtures";
import { oneMedicineStock, run, today } from "./pharmacyFixtures";

let platform: Client;
let org: string;

beforeAll(async () => {
  [platform, org] = await Promise.all([platformAdmin(), makeOrg("pharmacy")]);
});

describe("stock of one medicine", () => {
  const { stock, set } = oneMedicineStock(() => org);

  it("brings the state up to date when a batch expires", async () => {
    await set(stock.pharmacist, [{ batch: "LAST", expiry: today(), quantity: 40 }]);
    expect(
      (await admin().db.doc(`pharmacies/${stock.pharmacyId}/inventory/${stock.medicineId}`).get()).get(
        "state",
      ),
    ).toBe("in_stock");
    const tomorrow = new Date(Date.now() + 36 * 3600_000).toISOString();
    const result = await platform.call<{ refreshed: number }>("runScheduledWork", {
      task: "stockExpiry",
      now: tomorrow,
    });
    expect(result.refreshed).toBeGreaterThanOrEqual(1);
    const after = (
      await admin().db.doc(`pharmacies/${stock.pharmacyId}/inventory/${stock.medicineId}`).get()
    ).data()!;
    expect(after).toMatchObject({ state: "out", quantity: 0, changesAt: null });
    expect(
      (await admin().db.doc(`pharmacies/${stock.pharmacyId}/stock/${stock.medicineId}`).get()).get("inStock"),
    ).toBe(false);
  });

  it("one item that cannot be written does not stop the refresh: the others are brought up to date (issue 13)", async () => {
    const { Timestamp } = await import("firebase-admin/firestore");
    await set(stock.pharmacist, [{ batch: "LAST", expiry: today(), quantity: 40 }]);
    // Schema-valid but without a price: its public document cannot be written.
    const poison = admin().db.doc(`pharmacies/${stock.pharmacyId}/inventory/poison-${run}`);
    await poison.set({
      pharmacyId: stock.pharmacyId,
      medicineId: `poison-${run}`,
      batches: [{ batch: "P", expiry: "2020-01", quantity: 1 }],
      state: "in_stock",
      changesAt: Timestamp.fromMillis(Date.now() - 60_000),
    });
    const result = await platform.call<{ refreshed: number; failed: number }>("runScheduledWork", {
      task: "stockExpiry",
      now: new Date(Date.now() + 36 * 3600_000).toISOString(),
    });
    expect(result.failed).toBeGreaterThanOrEqual(1);
    expect(
      (await admin().db.doc(`pharmacies/${stock.pharmacyId}/inventory/${stock.medicineId}`).get()).data(),
    ).toMatchObject({ state: "out", quantity: 0, changesAt: null });
    expect((await poison.get()).get("state")).toBe("in_stock");
  });
});
