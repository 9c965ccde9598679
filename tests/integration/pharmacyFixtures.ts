// What the pharmacy suites share (pharmacy.int: the medicine master, stock, CSV import and nearby
// search; stockRefresh.int: what scheduled work does when a batch expires): medicine names unique
// to this run, dates in the pharmacy's calendar, writing medicines to the master, and one
// pharmacy's stock of one medicine. `oneMedicineStock()` is called once per file, inside the
// describe whose tests use it: each file has its own pharmacy.
import { randomUUID } from "node:crypto";
import { beforeAll } from "vitest";
import { buildMedicineDoc } from "../../functions/src/domain/pharmacy/medicines";
import { wallTimeOf } from "../../functions/src/domain/scheduling/slots";
import type { MedicineInput } from "../../functions/src/schemas/pharmacy";
import { admin, type Client } from "../../tools/emulator-client";
import { approvedPharmacy } from "./fixtures";

export const run = randomUUID().slice(0, 6);
/** Medicine names unique to this run, so reruns against the same emulator do not collide. */
export const name = (base: string) => `${base}${run.replace(/\d/g, (d) => "abcdefghij"[Number(d)])}`;
export const today = () => wallTimeOf(Date.now(), "Asia/Kolkata").localDate;
export const inYears = (n: number) => `${Number(today().slice(0, 4)) + n}-${today().slice(5, 7)}`;

export async function addMedicines(inputs: MedicineInput[]): Promise<string[]> {
  const { db } = admin();
  const writer = db.bulkWriter();
  const ids = inputs.map((input) => {
    const doc = buildMedicineDoc(input, new Date());
    void writer.set(db.doc(`medicines/${doc.medicineId}`), doc);
    return doc.medicineId;
  });
  await writer.close();
  return ids;
}

/**
 * A pharmacy of the file's organisation (`org()`, read once its `beforeAll` has run) with its
 * pharmacist, and a medicine of the master it stocks; `set` writes that stock as `client`.
 */
export function oneMedicineStock(org: () => string) {
  const stock = { pharmacyId: "", pharmacist: undefined as unknown as Client, medicineId: "" };

  beforeAll(async () => {
    ({ pharmacyId: stock.pharmacyId, pharmacist: stock.pharmacist } = (await approvedPharmacy(org())) as {
      pharmacyId: string;
      pharmacist: Client;
    });
    [stock.medicineId] = await addMedicines([
      {
        generic: name("Stockamol"),
        brands: [],
        strength: "500 mg",
        form: "tablet",
        packSize: 10,
        prescriptionOnly: false,
      },
    ]);
  });

  const set = (
    client: Client,
    batches: Array<{ batch: string; expiry: string; quantity: number }>,
    extra: Record<string, unknown> = {},
  ) =>
    client.call<{ quantity: number; state: string; changed: boolean }>("setStockItem", {
      pharmacyId: stock.pharmacyId,
      medicineId: stock.medicineId,
      batches,
      priceInr: 2.5,
      lowStockThreshold: 20,
      ...extra,
    });

  return { stock, set };
}
