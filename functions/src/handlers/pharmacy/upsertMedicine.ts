import { canEditMedicineMaster } from "../../authz/policy";
import { buildMedicineDoc } from "../../domain/pharmacy/medicines";
import type { Call } from "../../registry/define";
import { recordAction } from "../../repo/actions";
import { setMedicine } from "../../repo/medicines";
import { runTransaction } from "../../repo/transaction";
import type { MedicineInput } from "../../schemas/pharmacy";
import { appError } from "../../schemas/errors";

/**
 * Adds or replaces an entry of the medicine master (platform admins). Its id is derived. The
 * entry and its audit entry commit together.
 */
export async function upsertMedicine({ actor, input, now, origin }: Call<MedicineInput>) {
  if (!canEditMedicineMaster(actor))
    throw appError("permission-denied", "role-not-allowed", "only platform admins edit the medicine master");
  const doc = buildMedicineDoc(input, now);
  const target = { type: "medicine", id: doc.medicineId };
  const { created } = await runTransaction(async (tx) => {
    const saved = await setMedicine(tx, doc);
    recordAction(tx, { action: "medicine.saved", actor, org: null, target, origin }, now);
    return saved;
  });
  return { medicineId: doc.medicineId, created };
}
