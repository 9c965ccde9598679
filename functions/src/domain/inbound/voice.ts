import type { Language } from "../../schemas/common";
import type { ConsultationMode } from "../../schemas/scheduling";
import type { OfferRef } from "./conversation";
import { SPECIALTIES, type Specialty } from "./keywords";
import { formatDateTime, withoutTitle } from "../notifications/templates";

/**
 * The voice line's menus, as pure functions: where a call is (the step and its language travel
 * in the URL Twilio posts the keys to, which Twilio signs), what each key means there, and what
 * is said, in English, Hindi and Punjabi.
 *
 *   (call)     language menu: 1 English, 2 Hindi, 3 Punjabi
 *   menu       1 hear the next appointment, 2 book the next available doctor, 3 ask for a call back
 *   appt       1 confirm it, 2 cancel it
 *   specialty  1 general, 2 children, 3 women
 *   offer      1-3 one of the offered slots
 */

export type VoiceStepName = "lang" | "menu" | "appt" | "specialty" | "offer";

export interface VoiceState {
  step: VoiceStepName | null;
  language: Language | null;
  /** Step "appt": the appointment heard. */
  appointmentId: string | null;
  /** Step "offer": the slots offered, in key order. */
  offers: OfferRef[];
}

export const LANGUAGE_KEYS: Record<string, Language> = { "1": "en", "2": "hi", "3": "pa" };
export const SAY_LANGUAGE = { en: "en-IN", hi: "hi-IN", pa: "pa-IN" } as const;

const STEPS: readonly VoiceStepName[] = ["lang", "menu", "appt", "specialty", "offer"];
const ID = /^[A-Za-z0-9_-]{1,128}$/;
const MODES: readonly ConsultationMode[] = ["video", "in_person"];

/** Offers in a URL: `doctorUid.startMs.mode` joined by `~`. */
export function encodeOffers(offers: readonly OfferRef[]): string {
  return offers.map((o) => `${o.doctorUid}.${o.startMs}.${o.mode}`).join("~");
}

export function decodeOffers(text: string | undefined): OfferRef[] {
  if (!text) return [];
  const out: OfferRef[] = [];
  for (const part of text.split("~").slice(0, 9)) {
    const [doctorUid, start, mode] = part.split(".");
    const startMs = Number(start);
    if (
      !ID.test(doctorUid ?? "") ||
      !Number.isSafeInteger(startMs) ||
      !MODES.includes(mode as ConsultationMode)
    )
      return [];
    out.push({ doctorUid, startMs, mode: mode as ConsultationMode });
  }
  return out;
}

/** The state a step's URL carries (unknown values read as absent). */
export function readVoiceState(query: Record<string, unknown>): VoiceState {
  const text = (key: string) => (typeof query[key] === "string" ? (query[key] as string) : undefined);
  const step = STEPS.find((s) => s === text("step")) ?? null;
  const language = (["en", "hi", "pa"] as const).find((l) => l === text("lang")) ?? null;
  const appointment = text("a");
  return {
    step,
    language,
    appointmentId: appointment && ID.test(appointment) ? appointment : null,
    offers: decodeOffers(text("o")),
  };
}

/** The query string of a step's URL. */
export function voiceQuery(state: Partial<VoiceState> & { step: VoiceStepName }): string {
  const params = new URLSearchParams({ step: state.step });
  if (state.language) params.set("lang", state.language);
  if (state.appointmentId) params.set("a", state.appointmentId);
  if (state.offers?.length) params.set("o", encodeOffers(state.offers));
  return params.toString();
}

export const specialtyForKey = (key: string | undefined): Specialty | null =>
  key && /^[1-9]$/.test(key) ? (SPECIALTIES[Number(key) - 1] ?? null) : null;

type Texts = Record<Language, string>;

export const PROMPTS = {
  languageMenu: [
    { language: "en", text: "Welcome to Arogya. For English, press 1." },
    { language: "hi", text: "हिंदी के लिए 2 दबाएँ।" },
    { language: "pa", text: "ਪੰਜਾਬੀ ਲਈ 3 ਦਬਾਓ।" },
  ] as Array<{ language: Language; text: string }>,
  mainMenu: {
    en: "To hear your next appointment, press 1. To book the next available doctor, press 2. To ask the clinic to call you back, press 3.",
    hi: "अपनी अगली मुलाकात सुनने के लिए 1 दबाएँ। अगले उपलब्ध डॉक्टर से समय लेने के लिए 2 दबाएँ। क्लिनिक से वापस फ़ोन करवाने के लिए 3 दबाएँ।",
    pa: "ਆਪਣੀ ਅਗਲੀ ਮੁਲਾਕਾਤ ਸੁਣਨ ਲਈ 1 ਦਬਾਓ। ਅਗਲੇ ਉਪਲਬਧ ਡਾਕਟਰ ਨਾਲ ਸਮਾਂ ਲੈਣ ਲਈ 2 ਦਬਾਓ। ਕਲੀਨਿਕ ਤੋਂ ਵਾਪਸ ਫ਼ੋਨ ਕਰਵਾਉਣ ਲਈ 3 ਦਬਾਓ।",
  } as Texts,
  notAnOption: {
    en: "Sorry, that is not an option.",
    hi: "माफ़ कीजिए, यह विकल्प नहीं है।",
    pa: "ਮਾਫ਼ ਕਰਨਾ, ਇਹ ਵਿਕਲਪ ਨਹੀਂ ਹੈ।",
  } as Texts,
  unknownCaller: {
    en: "We could not find an account for this number. To ask the clinic to call you back, press 3.",
    hi: "इस नंबर से कोई खाता नहीं मिला। क्लिनिक से वापस फ़ोन करवाने के लिए 3 दबाएँ।",
    pa: "ਇਸ ਨੰਬਰ ਨਾਲ ਕੋਈ ਖਾਤਾ ਨਹੀਂ ਮਿਲਿਆ। ਕਲੀਨਿਕ ਤੋਂ ਵਾਪਸ ਫ਼ੋਨ ਕਰਵਾਉਣ ਲਈ 3 ਦਬਾਓ।",
  } as Texts,
  noAppointment: {
    en: "You have no upcoming appointment.",
    hi: "आपकी कोई आने वाली मुलाकात नहीं है।",
    pa: "ਤੁਹਾਡੀ ਕੋਈ ਆਉਣ ਵਾਲੀ ਮੁਲਾਕਾਤ ਨਹੀਂ ਹੈ।",
  } as Texts,
  appointmentMenu: {
    en: "To confirm it, press 1. To cancel it, press 2.",
    hi: "पुष्टि के लिए 1 दबाएँ। रद्द करने के लिए 2 दबाएँ।",
    pa: "ਪੁਸ਼ਟੀ ਲਈ 1 ਦਬਾਓ। ਰੱਦ ਕਰਨ ਲਈ 2 ਦਬਾਓ।",
  } as Texts,
  specialtyMenu: {
    en: "For a general doctor, press 1. For a children's doctor, press 2. For a women's doctor, press 3.",
    hi: "सामान्य डॉक्टर के लिए 1 दबाएँ। बच्चों के डॉक्टर के लिए 2 दबाएँ। महिला डॉक्टर के लिए 3 दबाएँ।",
    pa: "ਜਨਰਲ ਡਾਕਟਰ ਲਈ 1 ਦਬਾਓ। ਬੱਚਿਆਂ ਦੇ ਡਾਕਟਰ ਲਈ 2 ਦਬਾਓ। ਔਰਤਾਂ ਦੇ ਡਾਕਟਰ ਲਈ 3 ਦਬਾਓ।",
  } as Texts,
  noSlots: {
    en: "No doctor is free in the next two weeks. To ask the clinic to call you back, call again and press 3. Goodbye.",
    hi: "अगले दो हफ़्तों में कोई डॉक्टर खाली नहीं है। क्लिनिक से वापस फ़ोन करवाने के लिए फिर फ़ोन करें और 3 दबाएँ। नमस्ते।",
    pa: "ਅਗਲੇ ਦੋ ਹਫ਼ਤਿਆਂ ਵਿੱਚ ਕੋਈ ਡਾਕਟਰ ਖਾਲੀ ਨਹੀਂ ਹੈ। ਕਲੀਨਿਕ ਤੋਂ ਵਾਪਸ ਫ਼ੋਨ ਕਰਵਾਉਣ ਲਈ ਮੁੜ ਫ਼ੋਨ ਕਰੋ ਅਤੇ 3 ਦਬਾਓ। ਸਤ ਸ੍ਰੀ ਅਕਾਲ।",
  } as Texts,
  callbackTaken: {
    en: "Thank you. The clinic will call you back soon. Goodbye.",
    hi: "धन्यवाद। क्लिनिक जल्द ही आपको वापस फ़ोन करेगा। नमस्ते।",
    pa: "ਧੰਨਵਾਦ। ਕਲੀਨਿਕ ਜਲਦੀ ਹੀ ਤੁਹਾਨੂੰ ਵਾਪਸ ਫ਼ੋਨ ਕਰੇਗਾ। ਸਤ ਸ੍ਰੀ ਅਕਾਲ।",
  } as Texts,
  confirmed: {
    en: "Thank you, your appointment is confirmed. Goodbye.",
    hi: "धन्यवाद, आपकी मुलाकात की पुष्टि हो गई है। नमस्ते।",
    pa: "ਧੰਨਵਾਦ, ਤੁਹਾਡੀ ਮੁਲਾਕਾਤ ਦੀ ਪੁਸ਼ਟੀ ਹੋ ਗਈ ਹੈ। ਸਤ ਸ੍ਰੀ ਅਕਾਲ।",
  } as Texts,
  cancelled: {
    en: "Your appointment is cancelled. Goodbye.",
    hi: "आपकी मुलाकात रद्द कर दी गई है। नमस्ते।",
    pa: "ਤੁਹਾਡੀ ਮੁਲਾਕਾਤ ਰੱਦ ਕਰ ਦਿੱਤੀ ਗਈ ਹੈ। ਸਤ ਸ੍ਰੀ ਅਕਾਲ।",
  } as Texts,
  refused: {
    en: "Sorry, that could not be done. Please call the clinic. Goodbye.",
    hi: "माफ़ कीजिए, यह नहीं हो सका। कृपया क्लिनिक को फ़ोन करें। नमस्ते।",
    pa: "ਮਾਫ਼ ਕਰਨਾ, ਇਹ ਨਹੀਂ ਹੋ ਸਕਿਆ। ਕਿਰਪਾ ਕਰਕੇ ਕਲੀਨਿਕ ਨੂੰ ਫ਼ੋਨ ਕਰੋ। ਸਤ ਸ੍ਰੀ ਅਕਾਲ।",
  } as Texts,
  tooMany: {
    en: "Too many calls from this number. Please try again later. Goodbye.",
    hi: "इस नंबर से बहुत अधिक कॉल आई हैं। कृपया बाद में फिर कोशिश करें। नमस्ते।",
    pa: "ਇਸ ਨੰਬਰ ਤੋਂ ਬਹੁਤ ਜ਼ਿਆਦਾ ਕਾਲਾਂ ਆਈਆਂ ਹਨ। ਕਿਰਪਾ ਕਰਕੇ ਬਾਅਦ ਵਿੱਚ ਫਿਰ ਕੋਸ਼ਿਸ਼ ਕਰੋ। ਸਤ ਸ੍ਰੀ ਅਕਾਲ।",
  } as Texts,
};

const DR: Texts = { en: "Dr", hi: "डॉक्टर", pa: "ਡਾਕਟਰ" };

export interface SpokenSlot {
  doctorName: string;
  start: Date;
  timezone: string;
}

const spoken = (s: SpokenSlot, language: Language) =>
  `${DR[language]} ${withoutTitle(s.doctorName)}, ${formatDateTime(s.start, language, s.timezone)}`;

export function nextAppointmentPrompt(language: Language, s: SpokenSlot): string {
  const text: Texts = {
    en: `Your next appointment is with ${spoken(s, language)}.`,
    hi: `आपकी अगली मुलाकात ${spoken(s, language)} है।`,
    pa: `ਤੁਹਾਡੀ ਅਗਲੀ ਮੁਲਾਕਾਤ ${spoken(s, language)} ਹੈ।`,
  };
  return text[language];
}

export function offerPrompts(language: Language, slots: SpokenSlot[]): string[] {
  return slots.map((s, i) => {
    const text: Texts = {
      en: `For ${spoken(s, language)}, press ${i + 1}.`,
      hi: `${spoken(s, language)} के लिए ${i + 1} दबाएँ।`,
      pa: `${spoken(s, language)} ਲਈ ${i + 1} ਦਬਾਓ।`,
    };
    return text[language];
  });
}

export function bookedPrompt(language: Language, s: SpokenSlot): string {
  const text: Texts = {
    en: `Booked with ${spoken(s, language)}. You will get an SMS. Goodbye.`,
    hi: `${spoken(s, language)} के साथ समय तय हो गया। आपको एसएमएस मिलेगा। नमस्ते।`,
    pa: `${spoken(s, language)} ਨਾਲ ਸਮਾਂ ਤੈਅ ਹੋ ਗਿਆ। ਤੁਹਾਨੂੰ ਐੱਸਐੱਮਐੱਸ ਮਿਲੇਗਾ। ਸਤ ਸ੍ਰੀ ਅਕਾਲ।`,
  };
  return text[language];
}
