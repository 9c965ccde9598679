/**
 * The short code printed on a prescription and typed at a pharmacy counter: eight Crockford
 * base32 symbols (40 random bits) and one check symbol, written `XXX-XXX-XXX`.
 *
 * Crockford's alphabet has no I, L, O or U, so nothing reads as another symbol; a reader types
 * it in any case, with or without the hyphens or spaces, and an I or L typed for a 1 or an O for
 * a 0 is read as Crockford says. The check symbol is Luhn mod 32 over the eight: any single
 * mistyped symbol and any swap of two neighbours (bar one pair of values) fails the check, so a
 * typo gets "not a prescription code" without a lookup instead of someone else's prescription.
 *
 * The code is a locator, not a secret proof: the page it opens shows the server's copy, checked
 * against its signature. 40 bits make guessing a live code about one in a million per try with a
 * million prescriptions issued, and lookups are rate-limited per client.
 * Pure: randomness comes in as bytes.
 */
export const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const BASE = CROCKFORD.length;
export const CODE_DATA_LENGTH = 8;
/** The random bytes `shortCodeFrom` takes (40 bits = 8 symbols). */
export const CODE_RANDOM_BYTES = 5;

/** Luhn mod N (N = 32): the symbol that makes the weighted sum of the code a multiple of 32. */
export function checkSymbol(data: string): string {
  let sum = 0;
  let double = true; // the rightmost data symbol is doubled (the check symbol will stand right of it)
  for (let i = data.length - 1; i >= 0; i -= 1) {
    let v = CROCKFORD.indexOf(data[i]);
    if (v < 0) throw new Error("not a Crockford symbol");
    if (double) {
      v *= 2;
      v = Math.floor(v / BASE) + (v % BASE);
    }
    sum += v;
    double = !double;
  }
  return CROCKFORD[(BASE - (sum % BASE)) % BASE];
}

/** `ABCDEFGHJ` → `ABC-DEF-GHJ`. */
export const formatShortCode = (code: string): string =>
  `${code.slice(0, 3)}-${code.slice(3, 6)}-${code.slice(6)}`;

/** A code (unformatted, 9 symbols) from 5 random bytes. */
export function shortCodeFrom(random: Uint8Array): string {
  if (random.length < CODE_RANDOM_BYTES) throw new Error(`need ${CODE_RANDOM_BYTES} random bytes`);
  let bits = 0n;
  for (const byte of random.subarray(0, CODE_RANDOM_BYTES)) bits = (bits << 8n) | BigInt(byte);
  let data = "";
  for (let i = CODE_DATA_LENGTH - 1; i >= 0; i -= 1) data += CROCKFORD[Number((bits >> BigInt(i * 5)) & 31n)];
  return data + checkSymbol(data);
}

/**
 * What a person typed or a link carried, as the stored code (9 symbols, upper case), or null
 * when it cannot be one: wrong length, a symbol outside the alphabet, or a failing check.
 */
export function parseShortCode(input: unknown): string | null {
  if (typeof input !== "string" || input.length > 40) return null;
  const cleaned = input.toUpperCase().replace(/[\s-]/g, "").replace(/[IL]/g, "1").replace(/O/g, "0");
  if (cleaned.length !== CODE_DATA_LENGTH + 1) return null;
  if (![...cleaned].every((c) => CROCKFORD.includes(c))) return null;
  const data = cleaned.slice(0, CODE_DATA_LENGTH);
  return checkSymbol(data) === cleaned[CODE_DATA_LENGTH] ? cleaned : null;
}

/** The page a QR opens: `${site}/v/XXX-XXX-XXX`. */
export const verificationPageUrl = (site: string, code: string): string =>
  `${site.replace(/\/+$/, "")}/v/${code}`;
