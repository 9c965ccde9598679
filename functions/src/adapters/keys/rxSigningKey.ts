import { createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import { signingKeyId } from "../../domain/prescriptions/signing";

export interface RxKeys {
  privateKey: KeyObject;
  publicKey: KeyObject;
  keyId: string;
}

let cached: { secret: string; keys: RxKeys } | null = null;

/** The prescription signing key from its secret (Ed25519, PKCS#8 DER in base64, or PEM). */
export function rxKeysFrom(secret: string): RxKeys {
  if (cached?.secret === secret) return cached.keys;
  const trimmed = secret.trim();
  const privateKey = trimmed.startsWith("-----BEGIN")
    ? createPrivateKey(trimmed)
    : createPrivateKey({ key: Buffer.from(trimmed, "base64"), format: "der", type: "pkcs8" });
  if (privateKey.asymmetricKeyType !== "ed25519")
    throw new Error("RX_SIGNING_KEY must be an Ed25519 private key");
  const publicKey = createPublicKey(privateKey);
  const keys = { privateKey, publicKey, keyId: signingKeyId(publicKey) };
  cached = { secret, keys };
  return keys;
}
