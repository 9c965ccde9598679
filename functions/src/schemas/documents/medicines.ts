import { z } from "zod";
import { medicineFormSchema } from "../pharmacy";
import { timestampSchema } from "./stored";

/**
 * medicines/{medicineId}: the medicine master, kept by platform admins through upsertMedicine
 * (domain/pharmacy/medicines.ts builds it) and the seed. `words` and `prefixes` serve the search.
 */
export const medicineDocSchema = z.object({
  medicineId: z.string(),
  displayName: z.string(),
  generic: z.string(),
  brands: z.array(z.string()),
  strength: z.string(),
  form: medicineFormSchema,
  packSize: z.number(),
  prescriptionOnly: z.boolean(),
  words: z.array(z.string()),
  prefixes: z.array(z.string()),
  updatedAt: timestampSchema,
});
export type StoredMedicineDoc = z.infer<typeof medicineDocSchema>;
