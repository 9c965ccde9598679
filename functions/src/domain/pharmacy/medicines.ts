import type { MedicineInput } from "../../schemas/pharmacy";

/** Words shorter than this are not indexed; a search needs at least this many letters. */
export const MIN_PREFIX = 2;
/** Prefixes are indexed up to this length; longer query words are cut to it and then checked in full. */
export const MAX_PREFIX = 15;

/**
 * Lower-case, Latin accents removed (é → e), punctuation turned into spaces. Only the Latin
 * combining marks (U+0300–U+036F) are dropped: Devanagari and Gurmukhi vowel signs are
 * combining marks too, and removing them would change the word.
 */
export function normaliseSearchText(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .normalize("NFC")
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, " ")
    .trim();
}

export function searchWords(text: string): string[] {
  const normalised = normaliseSearchText(text);
  return normalised ? normalised.split(" ") : [];
}

/** The words a medicine is found by: its generic name and its brand names. */
export function medicineWords(m: Pick<MedicineInput, "generic" | "brands">): string[] {
  return [...new Set([m.generic, ...m.brands].flatMap(searchWords))].sort();
}

/** Every prefix (2..15 characters) of every word: the array an `array-contains` query matches. */
export function medicinePrefixes(words: string[]): string[] {
  const prefixes = new Set<string>();
  for (const word of words) {
    const chars = [...word];
    for (let n = MIN_PREFIX; n <= Math.min(chars.length, MAX_PREFIX); n += 1)
      prefixes.add(chars.slice(0, n).join(""));
  }
  return [...prefixes].sort();
}

/** `Paracetamol`, `500 mg`, `tablet` → `paracetamol-500mg-tablet`. */
export function medicineIdFor(m: Pick<MedicineInput, "generic" | "strength" | "form">): string {
  const slug = (s: string) =>
    normaliseSearchText(s)
      .replace(/[^a-z0-9 ]/g, "")
      .replace(/ +/g, "-");
  // A decimal point becomes "-" (2.5 mg → 2-5mg): dropping it would give 2.5 mg the id of 25 mg.
  const strength = m.strength
    .split(/(?<=\d)\.(?=\d)/)
    .map((part) =>
      normaliseSearchText(part)
        .replace(/[^a-z0-9 ]/g, "")
        .replace(/ +/g, ""),
    )
    .join("-");
  return [slug(m.generic), strength, m.form].filter(Boolean).join("-").slice(0, 80);
}

export function medicineDisplayName(m: Pick<MedicineInput, "generic" | "strength" | "form">): string {
  return `${m.generic} ${m.strength} ${m.form}`;
}

export interface MedicineDoc extends MedicineInput {
  medicineId: string;
  displayName: string;
  words: string[];
  prefixes: string[];
  updatedAt: Date;
}

export function buildMedicineDoc(input: MedicineInput, now: Date): MedicineDoc {
  const words = medicineWords(input);
  return {
    ...input,
    medicineId: medicineIdFor(input),
    displayName: medicineDisplayName(input),
    words,
    prefixes: medicinePrefixes(words),
    updatedAt: now,
  };
}

/**
 * How a query runs: the longest query word with a letter (cut to the indexed length) goes to
 * `array-contains`, and every query word must then be the prefix of one of the medicine's words.
 */
export function planMedicineSearch(query: string): { indexKey: string; words: string[] } | null {
  const words = searchWords(query).filter((w) => [...w].length >= MIN_PREFIX);
  if (!words.length) return null;
  // Strengths ("500") are not indexed, so the key is the longest word with a letter in it.
  const named = words.filter((w) => /\p{L}/u.test(w));
  const longest = [...(named.length ? named : words)].sort((a, b) => [...b].length - [...a].length)[0];
  return { indexKey: [...longest].slice(0, MAX_PREFIX).join(""), words };
}

export function matchesAllWords(medicineWordList: string[], queryWords: string[]): boolean {
  return queryWords.every((q) => medicineWordList.some((w) => w.startsWith(q)));
}

/** Generic-name matches first, then by display name. */
export function rankMedicines<T extends { generic: string; displayName: string }>(
  found: T[],
  queryWords: string[],
): T[] {
  const genericHit = (m: T) => matchesAllWords(searchWords(m.generic), queryWords);
  return [...found].sort(
    (a, b) => Number(genericHit(b)) - Number(genericHit(a)) || a.displayName.localeCompare(b.displayName),
  );
}
