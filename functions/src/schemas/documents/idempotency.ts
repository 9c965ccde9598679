import { z } from "zod";
import { storedIdSchema, timestampSchema } from "./stored";

/** idempotency/{uid}_{key}: the first answer to a call, kept a week (TTL on `expireAt`). */
export const idempotencyDocSchema = z.object({
  uid: storedIdSchema,
  operation: z.string(),
  /** sha256 of the operation and its canonical request: a key reused for another request is refused. */
  requestHash: z.string(),
  result: z.unknown(),
  createdAt: timestampSchema,
  expireAt: timestampSchema,
});
export type IdempotencyDoc = z.infer<typeof idempotencyDocSchema>;
