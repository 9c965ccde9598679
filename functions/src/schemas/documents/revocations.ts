import { z } from "zod";
import { timestampSchema } from "./stored";

/**
 * revocations/{uid}: written by functions when a user's sessions are revoked (suspension, role
 * change, sign-out everywhere, account deletion); read by every callable and by the rules of the
 * collections that hold PHI. An ID token whose `auth_time` (whole seconds since the epoch, as
 * Firebase Auth writes it) is before `at` is refused.
 */
export const revocationDocSchema = z.object({
  /** Tokens signed in before this second (epoch seconds, an integer) are refused. */
  at: z.number().int().nonnegative(),
  reason: z.enum(["suspended", "roleChanged", "signedOut", "deleted"]),
  /** When it was written. */
  revokedAt: timestampSchema,
  /** The TTL policy (firestore.indexes.json) deletes it once every token it refuses has expired. */
  expireAt: timestampSchema,
});
export type RevocationDoc = z.infer<typeof revocationDocSchema>;
export type RevocationReason = RevocationDoc["reason"];
