/**
 * Check digits of identifiers Arogya stores. Pure and dependency-free, so that schemas (which
 * import nothing but schemas) and domain code share one implementation.
 */

// Verhoeff's tables, built from what defines them. D: multiplication in the dihedral group D5,
// whose elements 0–4 are the rotations and 5–9 the reflections. P: the position permutations,
// row i being the permutation SIGMA applied i times. INV: each element's inverse in D5.
function d5(j: number, k: number): number {
  if (j < 5) return k < 5 ? (j + k) % 5 : 5 + ((j + k) % 5);
  return k < 5 ? 5 + ((j - k + 5) % 5) : (j - k + 5) % 5;
}
const DIGITS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
const D = DIGITS.map((j) => DIGITS.map((k) => d5(j, k)));
const SIGMA = [1, 5, 7, 6, 2, 8, 3, 0, 9, 4];
const P = [DIGITS];
while (P.length < 8) P.push(P[P.length - 1].map((x) => SIGMA[x]));
const INV = D.map((row) => row.indexOf(0));

/** Verhoeff's checksum over a string of digits (rightmost first): 0 when its last digit checks it. */
function verhoeffChecksum(digits: string, offset: number): number {
  let c = 0;
  for (let i = 0; i < digits.length; i++) {
    c = D[c][P[(i + offset) % 8][Number(digits[digits.length - 1 - i])]];
  }
  return c;
}

/** Whether a string of digits ends in its Verhoeff check digit (detects every single-digit error and adjacent swap). */
export const verhoeffValid = (digits: string): boolean =>
  /^\d+$/.test(digits) && verhoeffChecksum(digits, 0) === 0;

/** The Verhoeff check digit for a string of digits. */
export const verhoeffDigit = (digits: string): number => INV[verhoeffChecksum(digits, 1)];
