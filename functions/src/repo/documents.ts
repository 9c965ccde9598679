import { Timestamp, type DocumentData, type Transaction, type UpdateData } from "firebase-admin/firestore";
import type { z } from "zod";
import { converterFor } from "./converter";
import { db, readDoc } from "./firestore";
import type { CollectionName } from "./stored";

/**
 * The typed door to one top-level collection, keyed by document id: its references carry the
 * converter of its document schema, and the reads and writes every collection module offers are
 * written here once. A module names them after its collection (`getTicket = tickets.get`, README:
 * getX(id, tx?), createX / setX / updateX / deleteX(tx, …)) and adds only what is its own: ids
 * derived from the document, narrower patches, queries.
 */
export function documents<S extends z.ZodType<DocumentData>>(name: CollectionName, schema: S) {
  type Doc = z.output<S>;
  const converter = converterFor(schema);
  const collection = () => db().collection(name).withConverter(converter);
  const ref = (id: string) => collection().doc(id);
  return {
    collection,
    ref,
    /** A fresh document id, from Firestore's generator (nothing is written). */
    newId: (): string => collection().doc().id,
    /** The document, in the transaction when one is given; null when it does not exist. */
    get: (id: string, tx?: Transaction): Promise<Doc | null> => readDoc(ref(id), tx),
    /** Creates it in the transaction: the commit fails if it exists. */
    create: (tx: Transaction, id: string, doc: Doc): void => {
      tx.create(ref(id), doc);
    },
    /** Writes it whole in the transaction, replacing what was there. */
    set: (tx: Transaction, id: string, doc: Doc): void => {
      tx.set(ref(id), doc);
    },
    /** Changes these fields in the transaction: the commit fails if it does not exist. */
    update: (tx: Transaction, id: string, patch: UpdateData<Doc>): void => {
      tx.update(ref(id), patch);
    },
    delete: (tx: Transaction, id: string): void => {
      tx.delete(ref(id));
    },
    /**
     * Ids of the documents whose time `field` is at or before `at`, oldest first, at most `limit`
     * (a scheduled run's work). Ids only, so that a malformed document is met, and its failure
     * recorded, rather than skipped for ever. A single-field index serves it; a document whose
     * `field` is null or missing is not found.
     */
    idsDueBy: async (field: string, at: Date, limit: number): Promise<string[]> => {
      const query = collection().where(field, "<=", Timestamp.fromDate(at)).orderBy(field).limit(limit);
      return (await query.select().get()).docs.map((d) => d.id);
    },
  };
}
