import type { Language } from "../../schemas/common";

/**
 * What a patient's SMS says, as a pure function of its text: a keypad-style digit, a command
 * word, a specialty and a doctor's language, in English, Hindi and Punjabi, in Latin letters or
 * in Devanagari and Gurmukhi. The message's own language (its script, or the language its
 * command words belong to) is the language the answer is written in.
 *
 * STOP, START and their fellow words (handlers/http/twilioWebhooks.ts) are carrier words and
 * are handled before this: "CANCEL" is one of them, which is why cancelling is the digit 2.
 */

export type Intent = "list" | "book" | "help";

export interface ParsedSms {
  /** A lone digit 1-9 (Latin, Devanagari or Gurmukhi numerals), else null. */
  digit: number | null;
  intent: Intent | null;
  /** The specialty named, as doctors' profiles spell it. */
  specialty: Specialty | null;
  /** The language the doctor should speak, when named ("punjabi", "हिंदी"). */
  doctorLanguage: Language | null;
  /** The language of the message: its script, else its words (Latin without a Hindi or Punjabi word: English); null for bare digits. */
  language: Language | null;
  /**
   * A six-digit number in the message ("482913", "YES 482913", "ਕੋਡ ੪੮੨੯੧੩"): the code a health
   * worker's consent request texted (services/care/consent.ts). Null when there is none, or several.
   */
  code: string | null;
}

/** The specialties the SMS and voice menus offer, in menu order, as profiles spell them. */
export const SPECIALTIES = ["General medicine", "Paediatrics", "Obstetrics and gynaecology"] as const;
export type Specialty = (typeof SPECIALTIES)[number];

type Entry = readonly [word: string, language: Language];

const INTENT_WORDS: Record<Intent, readonly Entry[]> = {
  list: [
    ["appointments", "en"],
    ["appointment", "en"],
    ["appts", "en"],
    ["appt", "en"],
    ["list", "en"],
    ["show", "en"],
    ["mulakat", "hi"],
    ["dikhao", "hi"],
    ["मुलाकात", "hi"],
    ["मुलाक़ात", "hi"],
    ["दिखाओ", "hi"],
    ["देखें", "hi"],
    ["अपॉइंटमेंट", "hi"],
    ["mulakatan", "pa"],
    ["vekho", "pa"],
    ["ਮੁਲਾਕਾਤ", "pa"],
    ["ਮੁਲਾਕਾਤਾਂ", "pa"],
    ["ਵੇਖੋ", "pa"],
    ["ਦਿਖਾਓ", "pa"],
  ],
  book: [
    ["book", "en"],
    ["doctor", "en"],
    ["chahiye", "hi"],
    ["बुक", "hi"],
    ["डॉक्टर", "hi"],
    ["चाहिए", "hi"],
    ["chahida", "pa"],
    ["ਬੁੱਕ", "pa"],
    ["ਬੁਕ", "pa"],
    ["ਡਾਕਟਰ", "pa"],
    ["ਚਾਹੀਦਾ", "pa"],
  ],
  help: [
    ["help", "en"],
    ["menu", "en"],
    ["madad", "hi"],
    ["sahayata", "hi"],
    ["मदद", "hi"],
    ["सहायता", "hi"],
    ["madat", "pa"],
    ["ਮਦਦ", "pa"],
    ["ਸਹਾਇਤਾ", "pa"],
  ],
};

const SPECIALTY_WORDS: Record<Specialty, readonly Entry[]> = {
  "General medicine": [
    ["general", "en"],
    ["gp", "en"],
    ["fever", "en"],
    ["samanya", "hi"],
    ["bukhar", "hi"],
    ["सामान्य", "hi"],
    ["जनरल", "hi"],
    ["बुखार", "hi"],
    ["ਜਨਰਲ", "pa"],
    ["ਆਮ", "pa"],
    ["ਬੁਖ਼ਾਰ", "pa"],
    ["ਬੁਖਾਰ", "pa"],
  ],
  Paediatrics: [
    ["child", "en"],
    ["children", "en"],
    ["kids", "en"],
    ["paediatrics", "en"],
    ["pediatrics", "en"],
    ["bachcha", "hi"],
    ["bachche", "hi"],
    ["बच्चा", "hi"],
    ["बच्चे", "hi"],
    ["बाल", "hi"],
    ["bacha", "pa"],
    ["bache", "pa"],
    ["ਬੱਚਾ", "pa"],
    ["ਬੱਚੇ", "pa"],
  ],
  "Obstetrics and gynaecology": [
    ["women", "en"],
    ["woman", "en"],
    ["gynae", "en"],
    ["gynaecology", "en"],
    ["gynecology", "en"],
    ["pregnancy", "en"],
    ["mahila", "hi"],
    ["महिला", "hi"],
    ["स्त्री", "hi"],
    ["गर्भ", "hi"],
    ["aurat", "pa"],
    ["ਔਰਤ", "pa"],
    ["ਔਰਤਾਂ", "pa"],
    ["ਇਸਤਰੀ", "pa"],
  ],
};

/** Words naming the doctor's language; they say nothing about the message's own language. */
const LANGUAGE_WORDS: Record<Language, readonly string[]> = {
  en: ["english", "angrezi", "अंग्रेज़ी", "अंग्रेजी", "ਅੰਗਰੇਜ਼ੀ", "ਅੰਗਰੇਜ਼ੀ"],
  hi: ["hindi", "हिंदी", "हिन्दी", "ਹਿੰਦੀ"],
  pa: ["punjabi", "panjabi", "पंजाबी", "ਪੰਜਾਬੀ"],
};

const DEVANAGARI = /[\u0900-\u097F]/;
const GURMUKHI = /[\u0A00-\u0A7F]/;

/** Devanagari (०-९) and Gurmukhi (੦-੯) numerals as Latin digits. */
export function latinDigits(text: string): string {
  return text.replace(/[\u0966-\u096F\u0A66-\u0A6F]/g, (c) => {
    const code = c.charCodeAt(0);
    return String(code - (code >= 0x0a66 ? 0x0a66 : 0x0966));
  });
}

/** The script a text is written in, as a language: Devanagari is Hindi, Gurmukhi Punjabi. */
export function scriptLanguage(text: string): Language | null {
  const gurmukhi = GURMUKHI.test(text);
  const devanagari = DEVANAGARI.test(text);
  if (gurmukhi && !devanagari) return "pa";
  if (devanagari && !gurmukhi) return "hi";
  return null;
}

/** Lower case, NFC, words split on anything that is not a letter, a mark or a digit. */
export function words(text: string): string[] {
  return latinDigits(text.normalize("NFC"))
    .toLowerCase()
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter(Boolean);
}

const find = <K extends string>(table: Record<K, readonly Entry[]>, tokens: string[]) => {
  for (const [key, entries] of Object.entries(table) as Array<[K, readonly Entry[]]>) {
    const hit = entries.find(([word]) => tokens.includes(word.normalize("NFC")));
    if (hit) return { key, language: hit[1] };
  }
  return null;
};

export function parseSms(text: string): ParsedSms {
  const tokens = words(text);
  const digit = tokens.length === 1 && /^[1-9]$/.test(tokens[0]) ? Number(tokens[0]) : null;
  const intentHit = find(INTENT_WORDS, tokens);
  const specialtyHit = find(SPECIALTY_WORDS, tokens);
  const doctorLanguage =
    (Object.entries(LANGUAGE_WORDS) as Array<[Language, readonly string[]]>).find(([, list]) =>
      list.some((w) => tokens.includes(w.normalize("NFC"))),
    )?.[0] ?? null;
  // A specialty alone ("bachche punjabi") is a request to book.
  const intent = intentHit?.key ?? (specialtyHit ? "book" : null);
  const hinted = [intentHit, specialtyHit].find((h) => h && h.language !== "en")?.language;
  // Latin letters without a Hindi or Punjabi word are English; bare digits say nothing.
  const language = scriptLanguage(text) ?? hinted ?? (/[A-Za-z]/.test(text) ? "en" : null);
  const codes = tokens.filter((t) => /^\d{6}$/.test(t));
  const code = codes.length === 1 ? codes[0] : null;
  return { digit, intent, specialty: specialtyHit?.key ?? null, doctorLanguage, language, code };
}
