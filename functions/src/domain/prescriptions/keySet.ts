import { createPublicKey, type KeyObject } from "node:crypto";
import { signingKeyId } from "./signing";

/**
 * The published key set (`GET /api/rx/keys`): a JWK Set (RFC 7517) of Ed25519 public keys
 * (RFC 8037: `kty: "OKP"`, `crv: "Ed25519"`, `alg: "EdDSA"`). A prescription's signed `keyId`
 * is the `kid` of the key that verifies it: pharmacy software fetches the set once, caches it,
 * and verifies offline (domain/prescriptions/signing.ts `canonicalPrescription` is what is signed).
 */
export interface RxJwk {
  kty: "OKP";
  crv: "Ed25519";
  alg: "EdDSA";
  use: "sig";
  kid: string;
  x: string;
  /** Extension: "current" signs new prescriptions; "retired" only verifies older ones. */
  status: "current" | "retired";
}

/** The JWK of an Ed25519 public key (PEM or KeyObject). Its `kid` is `signingKeyId`. */
export function publicJwk(key: string | KeyObject, status: RxJwk["status"]): RxJwk {
  const pub = typeof key === "string" ? createPublicKey(key) : key;
  const jwk = pub.export({ format: "jwk" }) as { kty: string; crv: string; x: string };
  if (jwk.kty !== "OKP" || jwk.crv !== "Ed25519") throw new Error("not an Ed25519 public key");
  return { kty: "OKP", crv: "Ed25519", alg: "EdDSA", use: "sig", kid: signingKeyId(pub), x: jwk.x, status };
}

/** The public key a JWK of the set describes. */
export function keyFromJwk(jwk: Pick<RxJwk, "kty" | "crv" | "x">): KeyObject {
  return createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, format: "jwk" });
}
