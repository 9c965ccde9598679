import { paiseFromInr, stockLevel } from "../../domain/pharmacy/stock";
import type { Call } from "../../registry/define";
import { setStockItems } from "../../repo/inventory";
import { findExistingMedicineIds } from "../../repo/medicines";
import type { SetStockItemRequest } from "../../schemas/pharmacy";
import { managedPharmacy, pharmacyToday } from "../../services/pharmacy/managedPharmacy";
import { appError } from "../../schemas/errors";

/**
 * A pharmacist sets one medicine's batches, price and low-stock threshold (replacing them). The
 * stock, its audit entry and a `stock.out` event (when it runs out) commit in one batch.
 */
export async function setStockItem({ actor, input, now, origin }: Call<SetStockItemRequest>) {
  const pharmacy = await managedPharmacy(actor, input.pharmacyId);
  if (!(await findExistingMedicineIds([input.medicineId])).has(input.medicineId)) {
    throw appError(
      "invalid-argument",
      "medicine-unknown",
      `medicineId: ${input.medicineId} is not in the medicine master`,
    );
  }
  const today = pharmacyToday(pharmacy, now);
  const item = {
    medicineId: input.medicineId,
    batches: input.batches,
    pricePaise: paiseFromInr(input.priceInr),
    lowStockThreshold: input.lowStockThreshold,
  };
  const target = { type: "stock", id: `${pharmacy.id}/${input.medicineId}` };
  const audit = { action: "stock.updated", actor, org: pharmacy.org, target, origin } as const;
  const applied = await setStockItems({ pharmacy, items: [item], today, now, audit });
  const level = stockLevel(item, today);
  return {
    medicineId: input.medicineId,
    changed: applied.changed === 1,
    quantity: level.quantity,
    state: level.state,
  };
}
