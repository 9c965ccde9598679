import { z } from "zod";
import { timestampSchema } from "./stored";

/** rateLimits/{scope}:{key}:{window}[:{shard}]: one fixed-window counter (repo/rateLimits.ts). */
export const rateCounterDocSchema = z.object({
  scope: z.string(),
  subject: z.enum(["user", "org"]),
  count: z.number(),
  windowStart: timestampSchema,
  expireAt: timestampSchema,
});
export type RateCounterDoc = z.infer<typeof rateCounterDocSchema>;
