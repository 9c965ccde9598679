import { z } from "zod";
import { timestampSchema } from "./stored";

/** rateLimits/{scope}:{key}:{window}[:{shard}]: one fixed-window counter (repo/rateLimits.ts). */
export const rateCounterDocSchema = z.object({
  scope: z.string(),
  /** Whose requests: a user's, an organisation's, or those sent to one phone number (by its key). */
  subject: z.enum(["user", "org", "number", "client"]),
  count: z.number(),
  windowStart: timestampSchema,
  expireAt: timestampSchema,
});
export type RateCounterDoc = z.infer<typeof rateCounterDocSchema>;
