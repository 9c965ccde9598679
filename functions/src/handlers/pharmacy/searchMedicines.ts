import {
  matchesAllWords,
  planMedicineSearch,
  rankMedicines,
  searchWords,
} from "../../domain/pharmacy/medicines";
import type { Call } from "../../registry/define";
import { findMedicinesWithPrefix } from "../../repo/medicines";
import type { SearchMedicinesRequest } from "../../schemas/pharmacy";
import { appError } from "../../schemas/errors";

/** How many index matches are read before the other query words filter them. */
const SEARCH_FETCH = 100;

/**
 * Search by name for everyone signed in: prefix, case- and accent-insensitive, over generic and
 * brand names. "para 500" finds Paracetamol 500 mg; "crocin" finds it by brand.
 */
export async function searchMedicines({ input }: Call<SearchMedicinesRequest>) {
  const plan = planMedicineSearch(input.query);
  if (!plan)
    throw appError("invalid-argument", "query-too-short", "query: type at least 2 letters of a name");
  const found = (await findMedicinesWithPrefix(plan.indexKey, SEARCH_FETCH)).filter((m) =>
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
