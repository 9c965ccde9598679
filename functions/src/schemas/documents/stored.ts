import type { Timestamp } from "firebase-admin/firestore";
import { z } from "zod";

/**
 * Building blocks of the stored-document schemas (one file per collection in this folder; the
 * repository's converters, repo/converter.ts, check every read against them).
 */

/** A Firestore Timestamp, as the Admin SDK reads it. */
export const timestampSchema = z.custom<Timestamp>(
  (value) =>
    typeof value === "object" && value !== null && typeof (value as Timestamp).toMillis === "function",
  "must be a timestamp",
);

/** An id as stored (uids, document ids). */
export const storedIdSchema = z.string().min(1).max(1500);
