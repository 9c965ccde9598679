import type { Language } from "../../schemas/common";

/**
 * The words printed on a prescription, in English, Hindi (Devanagari) and Punjabi (Gurmukhi).
 * Pure: no clock, no environment. Medicine names, strengths and units other than the dosage
 * forms below are printed as the doctor wrote them (Latin) and never pass through here.
 *
 * Codes the tables do not know (a new frequency, route or form) come back as written rather
 * than being dropped, so a prescription never loses an instruction to a missing translation.
 */
export type { Language };

export const FREQUENCY_CODES = [
  "OD",
  "BD",
  "TDS",
  "QID",
  "HS",
  "Q4H",
  "Q6H",
  "Q8H",
  "SOS",
  "STAT",
  "WEEKLY",
] as const;
export type FrequencyCode = (typeof FREQUENCY_CODES)[number];

export const ROUTES = [
  "oral",
  "topical",
  "iv",
  "im",
  "sc",
  "inhaled",
  "ophthalmic",
  "otic",
  "nasal",
  "rectal",
  "sublingual",
] as const;
export type Route = (typeof ROUTES)[number];

export const FORMS = [
  "tablet",
  "capsule",
  "syrup",
  "suspension",
  "injection",
  "ointment",
  "cream",
  "drops",
  "inhaler",
  "sachet",
] as const;
export type Form = (typeof FORMS)[number];

/** A word with its singular and plural ("1 tablet", "2 tablets"); `name` when the form is named otherwise ("eye drops"). */
interface Counted {
  one: string;
  other: string;
  name?: string;
}

interface Words {
  title: string;
  patient: string;
  age: string;
  sex: string;
  doctor: string;
  registrationNumber: string;
  date: string;
  medicine: string;
  dose: string;
  frequency: string;
  route: string;
  duration: string;
  quantity: string;
  instructions: string;
  advice: string;
  verifyAt: string;
  verificationCode: string;
  digitallySigned: string;
  frequencies: Record<Exclude<FrequencyCode, "SOS">, string>;
  /** SOS, with and without a daily maximum. */
  whenNeeded: string;
  whenNeededMax: (maxPerDay: number) => string;
  routes: Record<Route, string>;
  forms: Record<Form, Counted>;
  days: Counted;
}

const WORDS: Record<Language, Words> = {
  en: {
    title: "Prescription",
    patient: "Patient",
    age: "Age",
    sex: "Sex",
    doctor: "Doctor",
    registrationNumber: "Reg. no.",
    date: "Date",
    medicine: "Medicine",
    dose: "Dose",
    frequency: "Frequency",
    route: "Route",
    duration: "Duration",
    quantity: "Quantity",
    instructions: "Instructions",
    advice: "Advice",
    verifyAt: "Verify at",
    verificationCode: "Verification code",
    digitallySigned: "Digitally signed",
    frequencies: {
      OD: "once a day",
      BD: "twice a day",
      TDS: "three times a day",
      QID: "four times a day",
      HS: "at bedtime",
      Q4H: "every 4 hours",
      Q6H: "every 6 hours",
      Q8H: "every 8 hours",
      STAT: "once, now",
      WEEKLY: "once a week",
    },
    whenNeeded: "when needed",
    whenNeededMax: (n) => `when needed (max ${n} a day)`,
    routes: {
      oral: "by mouth",
      topical: "on the skin",
      iv: "into a vein (IV)",
      im: "into a muscle (IM)",
      sc: "under the skin (SC)",
      inhaled: "inhaled",
      ophthalmic: "in the eye",
      otic: "in the ear",
      nasal: "in the nose",
      rectal: "rectal",
      sublingual: "under the tongue",
    },
    forms: {
      tablet: { one: "tablet", other: "tablets" },
      capsule: { one: "capsule", other: "capsules" },
      syrup: { one: "syrup", other: "syrup" },
      suspension: { one: "suspension", other: "suspension" },
      injection: { one: "injection", other: "injections" },
      ointment: { one: "ointment", other: "ointment" },
      cream: { one: "cream", other: "cream" },
      drops: { one: "drop", other: "drops", name: "drops" },
      inhaler: { one: "inhaler", other: "inhalers" },
      sachet: { one: "sachet", other: "sachets" },
    },
    days: { one: "day", other: "days" },
  },
  hi: {
    title: "दवा की पर्ची",
    patient: "मरीज़",
    age: "उम्र",
    sex: "लिंग",
    doctor: "डॉक्टर",
    registrationNumber: "पंजीकरण संख्या",
    date: "तारीख़",
    medicine: "दवा",
    dose: "खुराक",
    frequency: "कितनी बार",
    route: "कैसे लें",
    duration: "कितने दिन",
    quantity: "कुल मात्रा",
    instructions: "निर्देश",
    advice: "सलाह",
    verifyAt: "यहाँ जाँचें",
    verificationCode: "सत्यापन कोड",
    digitallySigned: "डिजिटल रूप से हस्ताक्षरित",
    frequencies: {
      OD: "दिन में एक बार",
      BD: "दिन में दो बार",
      TDS: "दिन में तीन बार",
      QID: "दिन में चार बार",
      HS: "रात को सोते समय",
      Q4H: "हर 4 घंटे में",
      Q6H: "हर 6 घंटे में",
      Q8H: "हर 8 घंटे में",
      STAT: "अभी एक बार",
      WEEKLY: "हफ़्ते में एक बार",
    },
    whenNeeded: "ज़रूरत होने पर",
    whenNeededMax: (n) => `ज़रूरत होने पर (दिन में ज़्यादा से ज़्यादा ${n} बार)`,
    routes: {
      oral: "मुँह से",
      topical: "त्वचा पर लगाएँ",
      iv: "नस में (IV)",
      im: "मांसपेशी में (IM)",
      sc: "त्वचा के नीचे (SC)",
      inhaled: "साँस से",
      ophthalmic: "आँख में",
      otic: "कान में",
      nasal: "नाक में",
      rectal: "गुदा मार्ग से",
      sublingual: "जीभ के नीचे",
    },
    forms: {
      tablet: { one: "गोली", other: "गोलियाँ" },
      capsule: { one: "कैप्सूल", other: "कैप्सूल" },
      syrup: { one: "सिरप", other: "सिरप" },
      suspension: { one: "सस्पेंशन", other: "सस्पेंशन" },
      injection: { one: "इंजेक्शन", other: "इंजेक्शन" },
      ointment: { one: "मरहम", other: "मरहम" },
      cream: { one: "क्रीम", other: "क्रीम" },
      drops: { one: "बूँद", other: "बूँदें", name: "बूँदें" },
      inhaler: { one: "इनहेलर", other: "इनहेलर" },
      sachet: { one: "पाउच", other: "पाउच" },
    },
    days: { one: "दिन", other: "दिन" },
  },
  pa: {
    title: "ਦਵਾਈ ਦੀ ਪਰਚੀ",
    patient: "ਮਰੀਜ਼",
    age: "ਉਮਰ",
    sex: "ਲਿੰਗ",
    doctor: "ਡਾਕਟਰ",
    registrationNumber: "ਰਜਿਸਟ੍ਰੇਸ਼ਨ ਨੰਬਰ",
    date: "ਤਾਰੀਖ਼",
    medicine: "ਦਵਾਈ",
    dose: "ਖ਼ੁਰਾਕ",
    frequency: "ਕਿੰਨੀ ਵਾਰ",
    route: "ਕਿਵੇਂ ਲੈਣੀ ਹੈ",
    duration: "ਕਿੰਨੇ ਦਿਨ",
    quantity: "ਕੁੱਲ ਮਾਤਰਾ",
    instructions: "ਹਦਾਇਤਾਂ",
    advice: "ਸਲਾਹ",
    verifyAt: "ਇੱਥੇ ਜਾਂਚ ਕਰੋ",
    verificationCode: "ਪੁਸ਼ਟੀ ਕੋਡ",
    digitallySigned: "ਡਿਜੀਟਲ ਤੌਰ 'ਤੇ ਦਸਤਖ਼ਤ ਕੀਤੇ",
    frequencies: {
      OD: "ਦਿਨ ਵਿੱਚ ਇੱਕ ਵਾਰ",
      BD: "ਦਿਨ ਵਿੱਚ ਦੋ ਵਾਰ",
      TDS: "ਦਿਨ ਵਿੱਚ ਤਿੰਨ ਵਾਰ",
      QID: "ਦਿਨ ਵਿੱਚ ਚਾਰ ਵਾਰ",
      HS: "ਰਾਤ ਨੂੰ ਸੌਣ ਵੇਲੇ",
      Q4H: "ਹਰ 4 ਘੰਟਿਆਂ ਬਾਅਦ",
      Q6H: "ਹਰ 6 ਘੰਟਿਆਂ ਬਾਅਦ",
      Q8H: "ਹਰ 8 ਘੰਟਿਆਂ ਬਾਅਦ",
      STAT: "ਹੁਣੇ ਇੱਕ ਵਾਰ",
      WEEKLY: "ਹਫ਼ਤੇ ਵਿੱਚ ਇੱਕ ਵਾਰ",
    },
    whenNeeded: "ਲੋੜ ਪੈਣ 'ਤੇ",
    whenNeededMax: (n) => `ਲੋੜ ਪੈਣ 'ਤੇ (ਦਿਨ ਵਿੱਚ ਵੱਧ ਤੋਂ ਵੱਧ ${n} ਵਾਰ)`,
    routes: {
      oral: "ਮੂੰਹ ਰਾਹੀਂ",
      topical: "ਚਮੜੀ 'ਤੇ ਲਗਾਓ",
      iv: "ਨਾੜੀ ਵਿੱਚ (IV)",
      im: "ਮਾਸਪੇਸ਼ੀ ਵਿੱਚ (IM)",
      sc: "ਚਮੜੀ ਦੇ ਹੇਠਾਂ (SC)",
      inhaled: "ਸਾਹ ਰਾਹੀਂ",
      ophthalmic: "ਅੱਖ ਵਿੱਚ",
      otic: "ਕੰਨ ਵਿੱਚ",
      nasal: "ਨੱਕ ਵਿੱਚ",
      rectal: "ਗੁਦਾ ਰਾਹੀਂ",
      sublingual: "ਜੀਭ ਦੇ ਹੇਠਾਂ",
    },
    forms: {
      tablet: { one: "ਗੋਲੀ", other: "ਗੋਲੀਆਂ" },
      capsule: { one: "ਕੈਪਸੂਲ", other: "ਕੈਪਸੂਲ" },
      syrup: { one: "ਸਿਰਪ", other: "ਸਿਰਪ" },
      suspension: { one: "ਸਸਪੈਂਸ਼ਨ", other: "ਸਸਪੈਂਸ਼ਨ" },
      injection: { one: "ਟੀਕਾ", other: "ਟੀਕੇ" },
      ointment: { one: "ਮੱਲ੍ਹਮ", other: "ਮੱਲ੍ਹਮ" },
      cream: { one: "ਕਰੀਮ", other: "ਕਰੀਮ" },
      drops: { one: "ਬੂੰਦ", other: "ਬੂੰਦਾਂ", name: "ਬੂੰਦਾਂ" },
      inhaler: { one: "ਇਨਹੇਲਰ", other: "ਇਨਹੇਲਰ" },
      sachet: { one: "ਪਾਊਚ", other: "ਪਾਊਚ" },
    },
    days: { one: "ਦਿਨ", other: "ਦਿਨ" },
  },
};

export interface PrescriptionLabels {
  language: Language;
  title: string;
  patient: string;
  age: string;
  sex: string;
  doctor: string;
  registrationNumber: string;
  date: string;
  medicine: string;
  dose: string;
  frequency: string;
  route: string;
  duration: string;
  quantity: string;
  instructions: string;
  advice: string;
  verifyAt: string;
  verificationCode: string;
  digitallySigned: string;
  /** "twice a day"; SOS takes the daily maximum when there is one. Unknown codes come back as written. */
  frequencyText(code: string, maxPerDay?: number): string;
  /** "by mouth"; unknown routes come back as written. */
  routeText(route: string): string;
  /** A dose unit agreeing with `count` ("2 tablets"); unknown units come back as written ("mg"). */
  formText(form: string, count?: number): string;
  /** The name of a dosage form ("tablet", "drops"); unknown forms come back as written. */
  formName(form: string): string;
  /** "5 days". */
  daysText(days: number): string;
}

const isKey = <T extends string>(keys: readonly T[], value: string): value is T =>
  (keys as readonly string[]).includes(value);

/** English plural rule (1 → one); Hindi and Punjabi use the singular for 0 and 1 as well. */
function pick(language: Language, counted: Counted, count: number): string {
  if (language === "en") return count === 1 ? counted.one : counted.other;
  return count === 0 || count === 1 ? counted.one : counted.other;
}

/** The form a unit names, written in the singular or the plural ("tablets", "drop"). */
function findForm(unit: string): Form | undefined {
  const lower = unit.trim().toLowerCase();
  if (isKey(FORMS, lower)) return lower;
  const other = lower.endsWith("s") ? lower.slice(0, -1) : `${lower}s`;
  return isKey(FORMS, other) ? other : undefined;
}

/** The labels in `language`; English for a language this module does not speak. */
export function labelsFor(language: string): PrescriptionLabels {
  const lang: Language = language === "hi" || language === "pa" ? language : "en";
  const w = WORDS[lang];
  return {
    language: lang,
    title: w.title,
    patient: w.patient,
    age: w.age,
    sex: w.sex,
    doctor: w.doctor,
    registrationNumber: w.registrationNumber,
    date: w.date,
    medicine: w.medicine,
    dose: w.dose,
    frequency: w.frequency,
    route: w.route,
    duration: w.duration,
    quantity: w.quantity,
    instructions: w.instructions,
    advice: w.advice,
    verifyAt: w.verifyAt,
    verificationCode: w.verificationCode,
    digitallySigned: w.digitallySigned,
    frequencyText(code, maxPerDay) {
      const upper = code.trim().toUpperCase();
      if (upper === "SOS")
        return maxPerDay !== undefined && maxPerDay > 0 ? w.whenNeededMax(maxPerDay) : w.whenNeeded;
      return isKey(FREQUENCY_CODES, upper) ? w.frequencies[upper as Exclude<FrequencyCode, "SOS">] : code;
    },
    routeText(route) {
      const lower = route.trim().toLowerCase();
      return isKey(ROUTES, lower) ? w.routes[lower] : route;
    },
    formText(form, count = 1) {
      const known = findForm(form);
      return known ? pick(lang, w.forms[known], count) : form;
    },
    formName(form) {
      const known = findForm(form);
      return known ? (w.forms[known].name ?? w.forms[known].one) : form;
    },
    daysText(days) {
      return `${days} ${pick(lang, w.days, days)}`;
    },
  };
}
