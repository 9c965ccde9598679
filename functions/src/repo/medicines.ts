import type { MedicineDoc } from "../domain/pharmacy/medicines";
import { chunks, COLLECTIONS, db, GET_ALL_CHUNK } from "./firestore";

export const medicineRef = (id: string) => db().collection(COLLECTIONS.medicines).doc(id);

export async function saveMedicine(doc: MedicineDoc): Promise<{ created: boolean }> {
  const ref = medicineRef(doc.medicineId);
  const created = !(await ref.get()).exists;
  await ref.set(doc);
  return { created };
}

/** Which of these ids exist in the medicine master. */
export async function existingMedicineIds(ids: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const part of chunks([...new Set(ids)], GET_ALL_CHUNK)) {
    const snaps = await db().getAll(...part.map(medicineRef));
    for (const s of snaps) if (s.exists) found.add(s.id);
  }
  return found;
}

export async function getMedicines(ids: string[]): Promise<Map<string, MedicineDoc>> {
  const found = new Map<string, MedicineDoc>();
  for (const part of chunks([...new Set(ids)], GET_ALL_CHUNK)) {
    const snaps = await db().getAll(...part.map(medicineRef));
    for (const s of snaps) if (s.exists) found.set(s.id, s.data() as MedicineDoc);
  }
  return found;
}

/** Medicines with a word starting with `indexKey` (an `array-contains` on the prefix array). */
export async function medicinesWithPrefix(indexKey: string, limit: number): Promise<MedicineDoc[]> {
  const snap = await db()
    .collection(COLLECTIONS.medicines)
    .where("prefixes", "array-contains", indexKey)
    .limit(limit)
    .get();
  return snap.docs.map((d) => d.data() as MedicineDoc);
}
