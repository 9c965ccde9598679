import { HttpsError, type CallableRequest } from "firebase-functions/v2/https";
import { canEditMedicineMaster } from "../../authz/policy";
import {
  buildMedicineDoc,
  matchesAllWords,
  planMedicineSearch,
  rankMedicines,
  searchWords,
} from "../../domain/pharmacy/medicines";
import { recordAudit } from "../../repo/audit";
import { medicinesWithPrefix, saveMedicine } from "../../repo/medicines";
import { searchMedicinesRequestSchema, upsertMedicineRequestSchema } from "../../schemas/pharmacy";
import { requestOrigin, requireActor } from "../context";
import { parseRequest } from "../errors";

/** Adds or replaces an entry of the medicine master (platform admins). Its id is derived. */
export async function upsertMedicine(request: CallableRequest<unknown>, now = new Date()) {
  const actor = await requireActor(request, { checkRevoked: true });
  const input = parseRequest(upsertMedicineRequestSchema, request.data);
  if (!canEditMedicineMaster(actor))
    throw new HttpsError("permission-denied", "only platform admins edit the medicine master");
  const doc = buildMedicineDoc(input, now);
  const { created } = await saveMedicine(doc);
  await recordAudit(
    {
      action: "medicine.saved",
      actor,
      org: null,
      target: { type: "medicine", id: doc.medicineId },
      origin: requestOrigin(request),
    },
    now,
  );
  return { medicineId: doc.medicineId, created };
}

/** How many index matches are read before the other query words filter them. */
const SEARCH_FETCH = 100;

/**
 * Search by name for everyone signed in: prefix, case- and accent-insensitive, over generic and
 * brand names. "para 500" finds Paracetamol 500 mg; "crocin" finds it by brand.
 */
export async function searchMedicines(request: CallableRequest<unknown>) {
  await requireActor(request);
  const input = parseRequest(searchMedicinesRequestSchema, request.data);
  const plan = planMedicineSearch(input.query);
  if (!plan) throw new HttpsError("invalid-argument", "query: type at least 2 letters of a name");
  const found = (await medicinesWithPrefix(plan.indexKey, SEARCH_FETCH)).filter((m) =>
    matchesAllWords([...m.words, ...searchWords(m.strength), m.form], plan.words),
  );
  return {
    medicines: rankMedicines(found, plan.words)
      .slice(0, input.limit)
      .map((m) => ({
        medicineId: m.medicineId,
        displayName: m.displayName,
        generic: m.generic,
        brands: m.brands,
        strength: m.strength,
        form: m.form,
        packSize: m.packSize,
        prescriptionOnly: m.prescriptionOnly,
      })),
  };
}
