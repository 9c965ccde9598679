import type { DocumentData, FirestoreDataConverter, QueryDocumentSnapshot } from "firebase-admin/firestore";
import { logger } from "firebase-functions";
import type { z } from "zod";

/** A stored document that does not match its schema: readers skip it (and log) or refuse. */
export class MalformedDocumentError extends Error {
  /** What a scheduled run stores and logs for an item it parks (domain/shared/errorCode.ts). */
  readonly code = "malformed-document";
  constructor(
    readonly path: string,
    readonly fields: string[],
  ) {
    super(`malformed document ${path}: ${fields.join(", ")}`);
    this.name = "MalformedDocumentError";
  }
}

/**
 * The converter of one collection, from its zod document schema: the schema is the source of the
 * stored type, and every read is checked against it, so a document that rules or an old version
 * let through surfaces as a `MalformedDocumentError` naming the fields, never as an `internal`
 * from deep inside a handler. Writes are typed by the schema and stored as given.
 */
export function converterFor<S extends z.ZodType<DocumentData>>(
  schema: S,
): FirestoreDataConverter<z.output<S>> {
  return {
    toFirestore: (value) => value as DocumentData,
    fromFirestore(snapshot: QueryDocumentSnapshot): z.output<S> {
      const parsed = schema.safeParse(snapshot.data());
      if (parsed.success) return parsed.data;
      const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join(".") || "(document)"))];
      logger.warn("repo.malformedDocument", { path: snapshot.ref.path, fields });
      throw new MalformedDocumentError(snapshot.ref.path, fields);
    },
  };
}

/** The documents of a query that match their schema; the others are logged and left out. */
export function wellFormed<T>(snapshots: Array<{ data(): T }>): T[] {
  const out: T[] = [];
  for (const snapshot of snapshots) {
    try {
      out.push(snapshot.data());
    } catch (error) {
      if (!(error instanceof MalformedDocumentError)) throw error;
    }
  }
  return out;
}
