import { FieldPath, FieldValue, type DocumentSnapshot, type Transaction } from "firebase-admin/firestore";
import {
  pharmacyCellDocSchema,
  type ListingEntry,
  type PharmacyCellDoc,
} from "../schemas/documents/pharmacyCells";
import { converterFor, MalformedDocumentError } from "./converter";
import { chunks, COLLECTIONS, db, GET_ALL_CHUNK } from "./firestore";

export type { ListingEntry, PharmacyCellDoc };

/** pharmacyCells/{cell}: the listing of one geohash cell (schemas/documents/pharmacyCells.ts). */
const cells = () => db().collection(COLLECTIONS.pharmacyCells);
const cellRef = (cell: string) => cells().doc(cell);

/**
 * The listings of these cells, by cell (a cell without a document: an empty listing), and the
 * documents read (one per cell, found or not). A malformed listing (logged by the converter)
 * reads as null: the caller then reads the cell's pharmacies instead.
 */
export async function getListings(
  cellIds: string[],
): Promise<{ listings: Map<string, PharmacyCellDoc | null>; documentsRead: number }> {
  const typed = cells().withConverter(converterFor(pharmacyCellDocSchema));
  const listings = new Map<string, PharmacyCellDoc | null>();
  for (const part of chunks(cellIds, GET_ALL_CHUNK)) {
    // getAll keeps each reference's converter; its typing does not say so.
    const snaps = (await db().getAll(...part.map((cell) => typed.doc(cell)))) as Array<
      DocumentSnapshot<PharmacyCellDoc>
    >;
    for (const snap of snaps) {
      try {
        listings.set(snap.id, snap.exists ? snap.data()! : { cell: snap.id, pharmacies: {} });
      } catch (error) {
        if (!(error instanceof MalformedDocumentError)) throw error;
        listings.set(snap.id, null);
      }
    }
  }
  return { listings, documentsRead: cellIds.length };
}

/**
 * In `tx`: the pharmacy `id` is listed in `cell` with `entry` (null: in the cell, not listed).
 * Only that key of the listing is written, so writers of other pharmacies of the cell do not
 * conflict; the listing document is made on the first write.
 */
export function setListingEntry(tx: Transaction, cell: string, id: string, entry: ListingEntry | null): void {
  tx.set(cellRef(cell), { cell }, { merge: true });
  tx.update(cellRef(cell), new FieldPath("pharmacies", id), entry);
}

/** In `tx`: the pharmacy `id` is no longer in `cell`'s listing. */
export function removeListingEntry(tx: Transaction, cell: string, id: string): void {
  tx.set(cellRef(cell), { cell }, { merge: true });
  tx.update(cellRef(cell), new FieldPath("pharmacies", id), FieldValue.delete());
}

/** Replaces whole listings (the rebuild from every pharmacy), in batches; cells not named are left. */
export async function replaceListings(listings: Map<string, PharmacyCellDoc["pharmacies"]>): Promise<void> {
  const writer = db().bulkWriter();
  for (const [cell, pharmacies] of listings) void writer.set(cellRef(cell), { cell, pharmacies });
  await writer.close();
}

/** Every listing cell that has a document (for the rebuild, to empty those no pharmacy is in any more). */
export async function listListingCells(): Promise<string[]> {
  const refs = await cells().listDocuments();
  return refs.map((ref) => ref.id);
}
