import type { Language } from "../../schemas/common";
import {
  FORMS,
  FREQUENCIES,
  ROUTES,
  type Form,
  type Frequency,
  type Route,
} from "../../schemas/prescriptions";

/**
 * The words printed on a prescription, in English, Hindi (Devanagari) and Punjabi (Gurmukhi).
 * Pure: no clock, no environment. Medicine names, strengths and units other than the dosage
 * forms below are printed as the doctor wrote them (Latin) and never pass through here.
 *
 * Codes the tables do not know (a new frequency, route or form) come back as written rather
 * than being dropped, so a prescription never loses an instruction to a missing translation.
 *
 * One row per word, its three languages side by side; the codes (frequencies, routes, forms)
 * are the request schema's lists (schemas/prescriptions.ts), so every code has its row.
 */
export type { Language };

/** One word or phrase in every language. */
type Text = Record<Language, string>;

/** A word in the singular and the plural ("1 tablet", "2 tablets"), and a name when the form has
 *  one of its own ("drops": a bottle of eye drops, not one drop). */
type Counted = readonly [one: string, other: string, name?: string];

/** Headings of the PDF, then the words of the verification page and of the SMS link's page. */
const HEADINGS = {
  title: { en: "Prescription", hi: "दवा की पर्ची", pa: "ਦਵਾਈ ਦੀ ਪਰਚੀ" },
  patient: { en: "Patient", hi: "मरीज़", pa: "ਮਰੀਜ਼" },
  age: { en: "Age", hi: "उम्र", pa: "ਉਮਰ" },
  sex: { en: "Sex", hi: "लिंग", pa: "ਲਿੰਗ" },
  doctor: { en: "Doctor", hi: "डॉक्टर", pa: "ਡਾਕਟਰ" },
  registrationNumber: { en: "Reg. no.", hi: "पंजीकरण संख्या", pa: "ਰਜਿਸਟ੍ਰੇਸ਼ਨ ਨੰਬਰ" },
  date: { en: "Date", hi: "तारीख़", pa: "ਤਾਰੀਖ਼" },
  medicine: { en: "Medicine", hi: "दवा", pa: "ਦਵਾਈ" },
  dose: { en: "Dose", hi: "खुराक", pa: "ਖ਼ੁਰਾਕ" },
  frequency: { en: "Frequency", hi: "कितनी बार", pa: "ਕਿੰਨੀ ਵਾਰ" },
  route: { en: "Route", hi: "कैसे लें", pa: "ਕਿਵੇਂ ਲੈਣੀ ਹੈ" },
  duration: { en: "Duration", hi: "कितने दिन", pa: "ਕਿੰਨੇ ਦਿਨ" },
  quantity: { en: "Quantity", hi: "कुल मात्रा", pa: "ਕੁੱਲ ਮਾਤਰਾ" },
  instructions: { en: "Instructions", hi: "निर्देश", pa: "ਹਦਾਇਤਾਂ" },
  advice: { en: "Advice", hi: "सलाह", pa: "ਸਲਾਹ" },
  verifyAt: { en: "Verify at", hi: "यहाँ जाँचें", pa: "ਇੱਥੇ ਜਾਂਚ ਕਰੋ" },
  verificationCode: { en: "Verification code", hi: "सत्यापन कोड", pa: "ਪੁਸ਼ਟੀ ਕੋਡ" },
  digitallySigned: { en: "Digitally signed", hi: "डिजिटल रूप से हस्ताक्षरित", pa: "ਡਿਜੀਟਲ ਤੌਰ 'ਤੇ ਦਸਤਖ਼ਤ ਕੀਤੇ" },
  pageTitle: { en: "Prescription check", hi: "पर्ची की जाँच", pa: "ਪਰਚੀ ਦੀ ਜਾਂਚ" },
  invalid: { en: "Not valid: do not dispense", hi: "मान्य नहीं: दवा न दें", pa: "ਵੈਧ ਨਹੀਂ: ਦਵਾਈ ਨਾ ਦਿਓ" },
  enterCode: { en: "Prescription code", hi: "पर्ची का कोड", pa: "ਪਰਚੀ ਦਾ ਕੋਡ" },
  check: { en: "Check", hi: "जाँचें", pa: "ਜਾਂਚੋ" },
  qualification: { en: "Qualification", hi: "योग्यता", pa: "ਯੋਗਤਾ" },
  clinic: { en: "Clinic", hi: "क्लिनिक", pa: "ਕਲੀਨਿਕ" },
  prescriptionNumber: { en: "Prescription no.", hi: "पर्ची संख्या", pa: "ਪਰਚੀ ਨੰਬਰ" },
  phone: { en: "Phone", hi: "फ़ोन", pa: "ਫ਼ੋਨ" },
  years: { en: "years", hi: "वर्ष", pa: "ਸਾਲ" },
  dispensed: { en: "Dispensed", hi: "दी गई", pa: "ਦਿੱਤੀ ਗਈ" },
  remaining: { en: "To dispense", hi: "बाकी", pa: "ਬਾਕੀ" },
  notDispensed: { en: "Not dispensed yet", hi: "अभी दवा नहीं दी गई", pa: "ਹਾਲੇ ਦਵਾਈ ਨਹੀਂ ਦਿੱਤੀ" },
  partlyDispensed: { en: "Partly dispensed", hi: "कुछ दवा दी गई", pa: "ਕੁਝ ਦਵਾਈ ਦਿੱਤੀ ਗਈ" },
  fullyDispensed: { en: "Fully dispensed", hi: "पूरी दवा दी जा चुकी", pa: "ਪੂਰੀ ਦਵਾਈ ਦਿੱਤੀ ਜਾ ਚੁੱਕੀ" },
  linkTitle: { en: "Your prescription", hi: "आपकी दवा की पर्ची", pa: "ਤੁਹਾਡੀ ਦਵਾਈ ਦੀ ਪਰਚੀ" },
  linkDownload: { en: "Download the PDF", hi: "PDF डाउनलोड करें", pa: "PDF ਡਾਊਨਲੋਡ ਕਰੋ" },
  valid: {
    en: "Valid: issued and signed by this doctor",
    hi: "मान्य: इस डॉक्टर द्वारा जारी और हस्ताक्षरित",
    pa: "ਵੈਧ: ਇਸ ਡਾਕਟਰ ਵੱਲੋਂ ਜਾਰੀ ਅਤੇ ਦਸਤਖ਼ਤ ਕੀਤੀ",
  },
  notFound: {
    en: "No prescription has this code. Check the code on the paper, or ask the patient for the SMS.",
    hi: "इस कोड की कोई पर्ची नहीं है। पर्ची पर लिखा कोड जाँचें, या मरीज़ से SMS माँगें।",
    pa: "ਇਸ ਕੋਡ ਦੀ ਕੋਈ ਪਰਚੀ ਨਹੀਂ ਹੈ। ਪਰਚੀ 'ਤੇ ਲਿਖਿਆ ਕੋਡ ਜਾਂਚੋ, ਜਾਂ ਮਰੀਜ਼ ਤੋਂ SMS ਮੰਗੋ।",
  },
  malformed: {
    en: "This is not a prescription code: it has 9 letters and digits, like 7KD-Q2M-9XW.",
    hi: "यह पर्ची का कोड नहीं है: इसमें 9 अक्षर और अंक होते हैं, जैसे 7KD-Q2M-9XW।",
    pa: "ਇਹ ਪਰਚੀ ਦਾ ਕੋਡ ਨਹੀਂ ਹੈ: ਇਸ ਵਿੱਚ 9 ਅੱਖਰ ਅਤੇ ਅੰਕ ਹੁੰਦੇ ਹਨ, ਜਿਵੇਂ 7KD-Q2M-9XW।",
  },
  limited: {
    en: "Too many checks from this device. Try again in {s} seconds.",
    hi: "इस डिवाइस से बहुत ज़्यादा जाँचें हुईं। {s} सेकंड बाद फिर कोशिश करें।",
    pa: "ਇਸ ਡਿਵਾਈਸ ਤੋਂ ਬਹੁਤ ਜ਼ਿਆਦਾ ਜਾਂਚਾਂ ਹੋਈਆਂ। {s} ਸਕਿੰਟ ਬਾਅਦ ਮੁੜ ਕੋਸ਼ਿਸ਼ ਕਰੋ।",
  },
  linkOnce: {
    en: "This link works once. Afterwards, open the prescription in the Arogya app.",
    hi: "यह लिंक एक ही बार चलता है। बाद में आरोग्य ऐप में पर्ची खोलें।",
    pa: "ਇਹ ਲਿੰਕ ਇੱਕੋ ਵਾਰ ਚੱਲਦਾ ਹੈ। ਬਾਅਦ ਵਿੱਚ ਆਰੋਗਿਆ ਐਪ ਵਿੱਚ ਪਰਚੀ ਖੋਲ੍ਹੋ।",
  },
  linkGone: {
    en: "This link was already used or has expired. Open the prescription in the Arogya app.",
    hi: "यह लिंक इस्तेमाल हो चुका है या इसकी अवधि खत्म हो गई है। आरोग्य ऐप में पर्ची खोलें।",
    pa: "ਇਹ ਲਿੰਕ ਵਰਤਿਆ ਜਾ ਚੁੱਕਾ ਹੈ ਜਾਂ ਇਸ ਦੀ ਮਿਆਦ ਖ਼ਤਮ ਹੋ ਗਈ ਹੈ। ਆਰੋਗਿਆ ਐਪ ਵਿੱਚ ਪਰਚੀ ਖੋਲ੍ਹੋ।",
  },
} satisfies Record<string, Text>;
type Heading = keyof typeof HEADINGS;
/** The words of the verification page's states. */
export type PageHeading =
  | "valid"
  | "invalid"
  | "years"
  | "clinic"
  | "dispensed"
  | "remaining"
  | "notDispensed"
  | "partlyDispensed"
  | "fullyDispensed";

/**
 * The words of the frequency codes (upper case) and routes (lower case), one table: the codes do
 * not overlap. SOS is "when needed"; with a daily maximum it is WHEN_NEEDED_MAX.
 */
const CODE_WORDS: Record<Frequency | Route, Text> = {
  OD: { en: "once a day", hi: "दिन में एक बार", pa: "ਦਿਨ ਵਿੱਚ ਇੱਕ ਵਾਰ" },
  BD: { en: "twice a day", hi: "दिन में दो बार", pa: "ਦਿਨ ਵਿੱਚ ਦੋ ਵਾਰ" },
  TDS: { en: "three times a day", hi: "दिन में तीन बार", pa: "ਦਿਨ ਵਿੱਚ ਤਿੰਨ ਵਾਰ" },
  QID: { en: "four times a day", hi: "दिन में चार बार", pa: "ਦਿਨ ਵਿੱਚ ਚਾਰ ਵਾਰ" },
  HS: { en: "at bedtime", hi: "रात को सोते समय", pa: "ਰਾਤ ਨੂੰ ਸੌਣ ਵੇਲੇ" },
  Q4H: { en: "every 4 hours", hi: "हर 4 घंटे में", pa: "ਹਰ 4 ਘੰਟਿਆਂ ਬਾਅਦ" },
  Q6H: { en: "every 6 hours", hi: "हर 6 घंटे में", pa: "ਹਰ 6 ਘੰਟਿਆਂ ਬਾਅਦ" },
  Q8H: { en: "every 8 hours", hi: "हर 8 घंटे में", pa: "ਹਰ 8 ਘੰਟਿਆਂ ਬਾਅਦ" },
  SOS: { en: "when needed", hi: "ज़रूरत होने पर", pa: "ਲੋੜ ਪੈਣ 'ਤੇ" },
  STAT: { en: "once, now", hi: "अभी एक बार", pa: "ਹੁਣੇ ਇੱਕ ਵਾਰ" },
  WEEKLY: { en: "once a week", hi: "हफ़्ते में एक बार", pa: "ਹਫ਼ਤੇ ਵਿੱਚ ਇੱਕ ਵਾਰ" },
  oral: { en: "by mouth", hi: "मुँह से", pa: "ਮੂੰਹ ਰਾਹੀਂ" },
  topical: { en: "on the skin", hi: "त्वचा पर लगाएँ", pa: "ਚਮੜੀ 'ਤੇ ਲਗਾਓ" },
  iv: { en: "into a vein (IV)", hi: "नस में (IV)", pa: "ਨਾੜੀ ਵਿੱਚ (IV)" },
  im: { en: "into a muscle (IM)", hi: "मांसपेशी में (IM)", pa: "ਮਾਸਪੇਸ਼ੀ ਵਿੱਚ (IM)" },
  sc: { en: "under the skin (SC)", hi: "त्वचा के नीचे (SC)", pa: "ਚਮੜੀ ਦੇ ਹੇਠਾਂ (SC)" },
  inhaled: { en: "inhaled", hi: "साँस से", pa: "ਸਾਹ ਰਾਹੀਂ" },
  ophthalmic: { en: "in the eye", hi: "आँख में", pa: "ਅੱਖ ਵਿੱਚ" },
  otic: { en: "in the ear", hi: "कान में", pa: "ਕੰਨ ਵਿੱਚ" },
  nasal: { en: "in the nose", hi: "नाक में", pa: "ਨੱਕ ਵਿੱਚ" },
  rectal: { en: "rectal", hi: "गुदा मार्ग से", pa: "ਗੁਦਾ ਰਾਹੀਂ" },
  sublingual: { en: "under the tongue", hi: "जीभ के नीचे", pa: "ਜੀਭ ਦੇ ਹੇਠਾਂ" },
};

const WHEN_NEEDED_MAX: Record<Language, (maxPerDay: number) => string> = {
  en: (n) => `when needed (max ${n} a day)`,
  hi: (n) => `ज़रूरत होने पर (दिन में ज़्यादा से ज़्यादा ${n} बार)`,
  pa: (n) => `ਲੋੜ ਪੈਣ 'ਤੇ (ਦਿਨ ਵਿੱਚ ਵੱਧ ਤੋਂ ਵੱਧ ${n} ਵਾਰ)`,
};

const FORM_WORDS: Record<Form, Record<Language, Counted>> = {
  tablet: { en: ["tablet", "tablets"], hi: ["गोली", "गोलियाँ"], pa: ["ਗੋਲੀ", "ਗੋਲੀਆਂ"] },
  capsule: { en: ["capsule", "capsules"], hi: ["कैप्सूल", "कैप्सूल"], pa: ["ਕੈਪਸੂਲ", "ਕੈਪਸੂਲ"] },
  syrup: { en: ["syrup", "syrup"], hi: ["सिरप", "सिरप"], pa: ["ਸਿਰਪ", "ਸਿਰਪ"] },
  suspension: { en: ["suspension", "suspension"], hi: ["सस्पेंशन", "सस्पेंशन"], pa: ["ਸਸਪੈਂਸ਼ਨ", "ਸਸਪੈਂਸ਼ਨ"] },
  injection: { en: ["injection", "injections"], hi: ["इंजेक्शन", "इंजेक्शन"], pa: ["ਟੀਕਾ", "ਟੀਕੇ"] },
  ointment: { en: ["ointment", "ointment"], hi: ["मरहम", "मरहम"], pa: ["ਮੱਲ੍ਹਮ", "ਮੱਲ੍ਹਮ"] },
  cream: { en: ["cream", "cream"], hi: ["क्रीम", "क्रीम"], pa: ["ਕਰੀਮ", "ਕਰੀਮ"] },
  drops: { en: ["drop", "drops", "drops"], hi: ["बूँद", "बूँदें", "बूँदें"], pa: ["ਬੂੰਦ", "ਬੂੰਦਾਂ", "ਬੂੰਦਾਂ"] },
  inhaler: { en: ["inhaler", "inhalers"], hi: ["इनहेलर", "इनहेलर"], pa: ["ਇਨਹੇਲਰ", "ਇਨਹੇਲਰ"] },
  sachet: { en: ["sachet", "sachets"], hi: ["पाउच", "पाउच"], pa: ["ਪਾਊਚ", "ਪਾਊਚ"] },
};

/** The sexes a profile records (schemas/profiles.ts SEXES), as printed. */
const SEX_WORDS: Record<string, Text> = {
  female: { en: "Female", hi: "महिला", pa: "ਔਰਤ" },
  male: { en: "Male", hi: "पुरुष", pa: "ਪੁਰਸ਼" },
  other: { en: "Other", hi: "अन्य", pa: "ਹੋਰ" },
};

const DAYS: Record<Language, Counted> = { en: ["day", "days"], hi: ["दिन", "दिन"], pa: ["ਦਿਨ", "ਦਿਨ"] };

export interface PrescriptionLabels extends Record<Heading, string> {
  language: Language;
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
  /** "female" → "Female" / "महिला" / "ਔਰਤ"; an unknown value comes back as written. */
  sexText(sex: string): string;
}

const isKey = <T extends string>(keys: readonly T[], value: string): value is T =>
  (keys as readonly string[]).includes(value);

/** English plural rule (1 → one); Hindi and Punjabi use the singular for 0 and 1 as well. */
function pick(language: Language, [one, other]: Counted, count: number): string {
  if (language === "en") return count === 1 ? one : other;
  return count === 0 || count === 1 ? one : other;
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
  const headings = Object.fromEntries(
    Object.entries(HEADINGS).map(([heading, text]) => [heading, text[lang]]),
  ) as Record<Heading, string>;
  return {
    language: lang,
    ...headings,
    frequencyText(code, maxPerDay) {
      const upper = code.trim().toUpperCase();
      if (upper === "SOS" && maxPerDay !== undefined && maxPerDay > 0)
        return WHEN_NEEDED_MAX[lang](maxPerDay);
      return isKey(FREQUENCIES, upper) ? CODE_WORDS[upper][lang] : code;
    },
    routeText(route) {
      const lower = route.trim().toLowerCase();
      return isKey(ROUTES, lower) ? CODE_WORDS[lower][lang] : route;
    },
    formText(form, count = 1) {
      const known = findForm(form);
      return known ? pick(lang, FORM_WORDS[known][lang], count) : form;
    },
    formName(form) {
      const known = findForm(form);
      if (!known) return form;
      const [one, , name] = FORM_WORDS[known][lang];
      return name ?? one;
    },
    daysText(days) {
      return `${days} ${pick(lang, DAYS[lang], days)}`;
    },
    sexText(sex) {
      return Object.hasOwn(SEX_WORDS, sex.trim().toLowerCase())
        ? SEX_WORDS[sex.trim().toLowerCase()][lang]
        : sex;
    },
  };
}
