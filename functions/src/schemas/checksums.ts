/**
 * Check digits of identifiers Arogya stores. Pure and dependency-free, so that schemas (which
 * import nothing but schemas) and domain code share one implementation.
 */

// Verhoeff's tables: the dihedral group D5 (multiplication) and the position permutation.
const D = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
  [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
  [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
  [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const P = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
  [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
  [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
  [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
  [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
  [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
  [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];
const INV = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9];

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
