import { HttpsError, type CallableRequest } from "firebase-functions/v2/https";
import { paiseFromInr, stockLevel } from "../../domain/pharmacy/stock";
import { recordAudit } from "../../repo/audit";
import { applyStockItems } from "../../repo/inventory";
import { existingMedicineIds } from "../../repo/medicines";
import { setStockItemRequestSchema } from "../../schemas/pharmacy";
import { requestOrigin, requireActor } from "../context";
import { parseRequest } from "../errors";
import { pharmacyToday, requireStockManager } from "./access";

/** A pharmacist sets one medicine's batches, price and low-stock threshold (replacing them). */
export async function setStockItem(request: CallableRequest<unknown>, now = new Date()) {
  const actor = await requireActor(request);
  const input = parseRequest(setStockItemRequestSchema, request.data);
  const pharmacy = await requireStockManager(actor, input.pharmacyId);
  if (!(await existingMedicineIds([input.medicineId])).has(input.medicineId)) {
    throw new HttpsError("invalid-argument", `medicineId: ${input.medicineId} is not in the medicine master`);
  }
  const today = pharmacyToday(pharmacy, now);
  const item = {
    medicineId: input.medicineId,
    batches: input.batches,
    pricePaise: paiseFromInr(input.priceInr),
    lowStockThreshold: input.lowStockThreshold,
  };
  const applied = await applyStockItems(pharmacy, [item], today, now);
  if (applied.changed) {
    await recordAudit(
      {
        action: "stock.updated",
        actor,
        org: pharmacy.org,
        target: { type: "stock", id: `${pharmacy.id}/${input.medicineId}` },
        origin: requestOrigin(request),
      },
      now,
    );
  }
  const level = stockLevel(item, today);
  return {
    medicineId: input.medicineId,
    changed: applied.changed === 1,
    quantity: level.quantity,
    state: level.state,
  };
}
