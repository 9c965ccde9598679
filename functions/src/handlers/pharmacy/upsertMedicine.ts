import { HttpsError } from "firebase-functions/v2/https";
import { canEditMedicineMaster } from "../../authz/policy";
import { buildMedicineDoc } from "../../domain/pharmacy/medicines";
import type { Call } from "../../registry/define";
import { createAuditEntry } from "../../repo/audit";
import { setMedicine } from "../../repo/medicines";
import type { MedicineInput } from "../../schemas/pharmacy";

/** Adds or replaces an entry of the medicine master (platform admins). Its id is derived. */
export async function upsertMedicine({ actor, input, now, origin }: Call<MedicineInput>) {
  if (!canEditMedicineMaster(actor))
    throw new HttpsError("permission-denied", "only platform admins edit the medicine master");
  const doc = buildMedicineDoc(input, now);
  const { created } = await setMedicine(doc);
  // TODO(issue 13): the audit entry is written after the medicine, not in the same transaction.
  const target = { type: "medicine", id: doc.medicineId };
  await createAuditEntry({ action: "medicine.saved", actor, org: null, target, origin }, now);
  return { medicineId: doc.medicineId, created };
}
