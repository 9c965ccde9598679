import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from "node:crypto";
import { docIdSchema } from "../../schemas/common";
import { rxSignatureSchema, type MedicationLine } from "../../schemas/prescriptions";
import { canonicalJson } from "../shared/canonical";

/** Version tag signed with every prescription; a new canonical form gets a new tag. */
export const RX_SIGNATURE_VERSION = "arogya-rx/1";

/** What a prescription signature covers. Status, dispensing and storage fields are not in it. */
export interface PrescriptionContent {
  id: string;
  patientUid: string;
  patientName: string;
  doctorUid: string;
  doctorName: string;
  registrationNumber: string;
  org: string;
  orgName: string;
  appointmentId: string;
  /** ISO 8601 instant, signed exactly as written. */
  issuedAt: string;
  lines: MedicationLine[];
  advice?: string;
  keyId: string;
}

// Every field of a line, listed so that extra properties on a stored line are not signed and a
// field added to the schema cannot be forgotten here (the `satisfies` fails to compile).
const LINE_FIELDS = {
  medicineId: true,
  name: true,
  strength: true,
  form: true,
  dose: true,
  frequency: true,
  maxPerDay: true,
  route: true,
  durationDays: true,
  quantity: true,
  instructions: true,
} as const satisfies Record<keyof MedicationLine, true>;

function signedLine(line: MedicationLine): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of Object.keys(LINE_FIELDS) as Array<keyof MedicationLine>) out[field] = line[field];
  out.dose = { amount: line.dose.amount, unit: line.dose.unit };
  return out;
}

/** The exact text that is signed: canonical JSON (sorted keys, no undefined) with a version tag. */
export function canonicalPrescription(p: PrescriptionContent): string {
  return canonicalJson({
    v: RX_SIGNATURE_VERSION,
    id: p.id,
    patientUid: p.patientUid,
    patientName: p.patientName,
    doctorUid: p.doctorUid,
    doctorName: p.doctorName,
    registrationNumber: p.registrationNumber,
    org: p.org,
    orgName: p.orgName,
    appointmentId: p.appointmentId,
    issuedAt: p.issuedAt,
    lines: p.lines.map(signedLine),
    advice: p.advice,
    keyId: p.keyId,
  });
}

function ed25519(key: KeyObject, type: "private" | "public"): KeyObject {
  if (key.type !== type || key.asymmetricKeyType !== "ed25519")
    throw new Error(`expected an Ed25519 ${type} key`);
  return key;
}
const privateKey = (key: string | KeyObject) =>
  ed25519(typeof key === "string" ? createPrivateKey(key) : key, "private");
const publicKey = (key: string | KeyObject) =>
  ed25519(typeof key === "string" || key.type === "private" ? createPublicKey(key) : key, "public");

/** Signs the canonical prescription; returns the base64url Ed25519 signature (86 characters). */
export function signPrescription(content: PrescriptionContent, key: string | KeyObject): string {
  return sign(null, Buffer.from(canonicalPrescription(content), "utf8"), privateKey(key)).toString(
    "base64url",
  );
}

/**
 * True when `signature` signs `content` under `key`. Any malformed signature or content gives
 * false; a key that is not Ed25519 throws, since that is a configuration error.
 */
export function verifyPrescriptionSignature(
  content: PrescriptionContent,
  signature: unknown,
  key: string | KeyObject,
): boolean {
  const verifier = publicKey(key);
  if (!rxSignatureSchema.safeParse(signature).success) return false;
  try {
    return verify(
      null,
      Buffer.from(canonicalPrescription(content), "utf8"),
      verifier,
      Buffer.from(signature as string, "base64url"),
    );
  } catch {
    return false;
  }
}

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A short code printed on the PDF and shown by the verify page: the first 40 bits of
 *  SHA-256(signature bytes) in Crockford base32, written `XXXX-XXXX`. */
export function verificationCode(signature: string): string {
  if (!rxSignatureSchema.safeParse(signature).success) throw new Error("not a prescription signature");
  const digest = createHash("sha256").update(Buffer.from(signature, "base64url")).digest();
  let bits = 0n;
  for (const byte of digest.subarray(0, 5)) bits = (bits << 8n) | BigInt(byte);
  let code = "";
  for (let i = 7; i >= 0; i -= 1) code += CROCKFORD[Number((bits >> BigInt(i * 5)) & 31n)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

const VERIFY_PATH = "/rx/verify";

/** `https://host/base` (no query, fragment or credentials), without a trailing slash. */
function normaliseBase(base: string): string {
  const url = new URL(base);
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new Error("verify base URL must be http(s)");
  if (url.search || url.hash || url.username || url.password)
    throw new Error("verify base URL must not have a query, fragment or credentials");
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

/** The URL in the QR code: `${base}/rx/verify?id=…&sig=…`. Throws on a bad base, id or signature. */
export function qrPayload(verifyBaseUrl: string, id: string, signature: string): string {
  docIdSchema.parse(id);
  rxSignatureSchema.parse(signature);
  return `${normaliseBase(verifyBaseUrl)}${VERIFY_PATH}?id=${id}&sig=${signature}`;
}

export interface QrContent {
  baseUrl: string;
  id: string;
  signature: string;
}

/**
 * Inverse of `qrPayload`: the text must be exactly what `qrPayload` writes (so no extra or
 * repeated parameters, fragments, encodings or credentials), else null. With `expectedBaseUrl`
 * a code pointing at another site is rejected too.
 */
export function parseQrPayload(text: unknown, expectedBaseUrl?: string): QrContent | null {
  if (typeof text !== "string" || text.length > 2048) return null;
  try {
    const url = new URL(text);
    if (!url.pathname.endsWith(VERIFY_PATH)) return null;
    const keys = [...url.searchParams.keys()];
    if (keys.length !== 2 || keys[0] !== "id" || keys[1] !== "sig") return null;
    const id = url.searchParams.get("id") ?? "";
    const signature = url.searchParams.get("sig") ?? "";
    const baseUrl = normaliseBase(`${url.origin}${url.pathname.slice(0, -VERIFY_PATH.length)}`);
    if (qrPayload(baseUrl, id, signature) !== text) return null;
    if (expectedBaseUrl !== undefined && baseUrl !== normaliseBase(expectedBaseUrl)) return null;
    return { baseUrl, id, signature };
  } catch {
    return null;
  }
}

/** A fresh Ed25519 key pair as PEM (PKCS#8 private, SPKI public), e.g. for the emulator harness. */
export function generateSigningKeyPair(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey: priv, publicKey: pub } = generateKeyPairSync("ed25519", {
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  });
  return { privateKeyPem: priv, publicKeyPem: pub };
}

/** The SPKI PEM public key of an Ed25519 private key PEM. */
export function publicKeyFromPrivate(privateKeyPem: string): string {
  return publicKey(privateKey(privateKeyPem)).export({ type: "spki", format: "pem" }) as string;
}

/** A stable id for a public key (first 16 base64url characters of SHA-256 of its SPKI DER),
 *  suitable as `keyId` so a verifier can pick the right key after a rotation. */
export function signingKeyId(key: string | KeyObject): string {
  const der = publicKey(key).export({ type: "spki", format: "der" });
  return createHash("sha256").update(der).digest("base64url").slice(0, 16);
}
