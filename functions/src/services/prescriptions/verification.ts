import type { KeyObject } from "node:crypto";
import { rxKeysFrom } from "../../adapters/keys/rxSigningKey";
import { publicJwk, type RxJwk } from "../../domain/prescriptions/keySet";
import { verifyPrescriptionSignature } from "../../domain/prescriptions/signing";
import { findRxKeys, getRxKey } from "../../repo/rxKeys";
import type { PrescriptionDoc } from "../../repo/prescriptions";
import type { Transaction } from "../../repo/transaction";

/**
 * Verification with the key that signed: a prescription names its key (`content.keyId`); the
 * current key comes from the secret, older ones from `rxKeys/{keyId}` (published before they
 * first signed, kept after a rotation), so rotating the key voids nothing.
 */
export async function verificationKeyFor(
  keyId: string,
  signingSecret: string,
  tx?: Transaction,
): Promise<KeyObject | string | null> {
  const current = rxKeysFrom(signingSecret);
  if (keyId === current.keyId) return current.publicKey;
  return (await getRxKey(keyId, tx))?.publicKeyPem ?? null;
}

/** True when the stored prescription verifies under the key it names (and `signature`, when given, is the issued one). */
export async function isGenuine(
  rx: PrescriptionDoc,
  signingSecret: string,
  signature: string = rx.signature,
  tx?: Transaction,
): Promise<boolean> {
  if (signature !== rx.signature) return false;
  const key = await verificationKeyFor(rx.content.keyId, signingSecret, tx);
  return key !== null && verifyPrescriptionSignature(rx.content, signature, key);
}

/** The key set: every published key, and the current one even before its first signature. */
export async function publishedKeySet(signingSecret: string): Promise<{ keys: RxJwk[] }> {
  const current = rxKeysFrom(signingSecret);
  const stored = await findRxKeys();
  const keys = stored
    .filter((k) => k.keyId !== current.keyId)
    .map((k) => publicJwk(k.publicKeyPem, "retired"));
  keys.push(publicJwk(current.publicKey, "current"));
  return { keys };
}
