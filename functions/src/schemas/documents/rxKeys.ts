import { z } from "zod";
import { timestampSchema } from "./stored";

/**
 * `rxKeys/{keyId}`: the public half of every key that has signed prescriptions (Ed25519, SPKI PEM),
 * published at `GET /api/rx/keys`. Written by functions (the signer publishes its key before its
 * first signature) and by the rotation command (tools/rotate-rx-key.ts); read by anyone through
 * the key set, by nobody directly (firestore.rules). A retired key still verifies what it signed.
 */
export const rxKeyDocSchema = z.object({
  keyId: z.string().min(1),
  publicKeyPem: z.string().min(1),
  createdAt: timestampSchema,
  /** When a newer key took over signing; null while it signs. */
  retiredAt: timestampSchema.nullable(),
});
export type RxKeyDoc = z.infer<typeof rxKeyDocSchema>;
