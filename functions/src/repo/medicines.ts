import { Timestamp, type Transaction } from "firebase-admin/firestore";
import type { MedicineDoc } from "../domain/pharmacy/medicines";
import { medicineDocSchema, type StoredMedicineDoc } from "../schemas/documents/medicines";
import { converterFor, wellFormed } from "./converter";
import { readDocs } from "./readDocs";
import { chunks, COLLECTIONS, db, GET_ALL_CHUNK } from "./firestore";

export type { StoredMedicineDoc };

const medicines = () => db().collection(COLLECTIONS.medicines).withConverter(converterFor(medicineDocSchema));

export const medicineRef = (id: string) => medicines().doc(id);

/** Adds or replaces an entry of the master, in the caller's transaction; `created` when there was none. */
export async function setMedicine(tx: Transaction, doc: MedicineDoc): Promise<{ created: boolean }> {
  const ref = medicineRef(doc.medicineId);
  const created = !(await tx.get(ref)).exists;
  tx.set(ref, { ...doc, updatedAt: Timestamp.fromDate(doc.updatedAt) });
  return { created };
}

/** Which of these ids exist in the medicine master. */
export async function findExistingMedicineIds(ids: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const part of chunks([...new Set(ids)], GET_ALL_CHUNK)) {
    const snaps = await db().getAll(...part.map(medicineRef));
    for (const s of snaps) if (s.exists) found.add(s.id);
  }
  return found;
}

/** The master's entries of these ids, by id (missing and malformed ones left out). */
export async function getMedicines(ids: string[]): Promise<Map<string, StoredMedicineDoc>> {
  const found = await readDocs([...new Set(ids)].map(medicineRef));
  return new Map(found.map(({ id, ...medicine }) => [id, medicine]));
}

/** Medicines with a word starting with `indexKey` (an `array-contains` on the prefix array). */
export async function findMedicinesWithPrefix(indexKey: string, limit: number): Promise<StoredMedicineDoc[]> {
  const snap = await medicines().where("prefixes", "array-contains", indexKey).limit(limit).get();
  return wellFormed(snap.docs);
}
