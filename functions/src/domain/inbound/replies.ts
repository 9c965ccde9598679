import type { Language } from "../../schemas/common";
import { formatDateTime, withoutTitle } from "../notifications/templates";
import type { Specialty } from "./keywords";

/**
 * The SMS answers, in English, Hindi and Punjabi. Like the outbound templates they carry only
 * what the answer needs (the doctor's name and a time), never the patient's name or anything
 * clinical: the phone may be shared.
 */

export interface AppointmentLine {
  doctorName: string;
  start: Date;
  timezone: string;
}

type Texts = Record<Language, string>;

/** The fixed answers, each in every language. */
const TEXTS = {
  help: {
    en: "Arogya: Reply APPOINTMENTS to see yours. To book, send BOOK and a specialty: GENERAL, CHILD or WOMEN (add HINDI or PUNJABI for the doctor's language). After a reminder reply 1 confirm, 2 cancel, 3 another time.",
    hi: "आरोग्य: अपनी मुलाकातें देखने के लिए मुलाकात लिखें। बुक करने के लिए डॉक्टर और विभाग लिखें: सामान्य, बच्चे या महिला। याद दिलाने वाले संदेश पर 1 पुष्टि, 2 रद्द, 3 दूसरा समय।",
    pa: "ਆਰੋਗਿਆ: ਆਪਣੀਆਂ ਮੁਲਾਕਾਤਾਂ ਵੇਖਣ ਲਈ ਮੁਲਾਕਾਤ ਲਿਖੋ। ਬੁੱਕ ਕਰਨ ਲਈ ਡਾਕਟਰ ਅਤੇ ਵਿਭਾਗ ਲਿਖੋ: ਜਨਰਲ, ਬੱਚੇ ਜਾਂ ਔਰਤ। ਯਾਦ-ਸੁਨੇਹੇ 'ਤੇ 1 ਪੁਸ਼ਟੀ, 2 ਰੱਦ, 3 ਹੋਰ ਸਮਾਂ।",
  },
  unknownPhone: {
    en: "Arogya: We could not find an account for this number. Please sign up in the Arogya app, ask your health worker, or call the clinic.",
    hi: "आरोग्य: इस नंबर से कोई खाता नहीं मिला। कृपया आरोग्य ऐप में साइन अप करें, अपने स्वास्थ्य कार्यकर्ता से पूछें या क्लिनिक को फ़ोन करें।",
    pa: "ਆਰੋਗਿਆ: ਇਸ ਨੰਬਰ ਨਾਲ ਕੋਈ ਖਾਤਾ ਨਹੀਂ ਮਿਲਿਆ। ਕਿਰਪਾ ਕਰਕੇ ਆਰੋਗਿਆ ਐਪ ਵਿੱਚ ਸਾਈਨ ਅੱਪ ਕਰੋ, ਆਪਣੇ ਸਿਹਤ ਕਰਮਚਾਰੀ ਨੂੰ ਪੁੱਛੋ ਜਾਂ ਕਲੀਨਿਕ ਨੂੰ ਫ਼ੋਨ ਕਰੋ।",
  },
  restarted: {
    en: "Arogya: That offer has expired; let us start again.",
    hi: "आरोग्य: वह पेशकश समाप्त हो गई है; फिर से शुरू करते हैं।",
    pa: "ਆਰੋਗਿਆ: ਉਹ ਪੇਸ਼ਕਸ਼ ਖ਼ਤਮ ਹੋ ਗਈ ਹੈ; ਫਿਰ ਤੋਂ ਸ਼ੁਰੂ ਕਰਦੇ ਹਾਂ।",
  },
  noAppointment: {
    en: "Arogya: You have no upcoming appointment.",
    hi: "आरोग्य: आपकी कोई आने वाली मुलाकात नहीं है।",
    pa: "ਆਰੋਗਿਆ: ਤੁਹਾਡੀ ਕੋਈ ਆਉਣ ਵਾਲੀ ਮੁਲਾਕਾਤ ਨਹੀਂ ਹੈ।",
  },
  askSpecialty: {
    en: "Arogya: Which doctor? Send BOOK GENERAL, BOOK CHILD or BOOK WOMEN.",
    hi: "आरोग्य: कौन सा डॉक्टर? लिखें: डॉक्टर सामान्य, डॉक्टर बच्चे या डॉक्टर महिला।",
    pa: "ਆਰੋਗਿਆ: ਕਿਹੜਾ ਡਾਕਟਰ? ਲਿਖੋ: ਡਾਕਟਰ ਜਨਰਲ, ਡਾਕਟਰ ਬੱਚੇ ਜਾਂ ਡਾਕਟਰ ਔਰਤ।",
  },
  noSlots: {
    en: "Arogya: No doctor is free in the next two weeks for that. Please try another specialty or call the clinic.",
    hi: "आरोग्य: अगले दो हफ़्तों में इसके लिए कोई डॉक्टर खाली नहीं है। कृपया दूसरा विभाग चुनें या क्लिनिक को फ़ोन करें।",
    pa: "ਆਰੋਗਿਆ: ਅਗਲੇ ਦੋ ਹਫ਼ਤਿਆਂ ਵਿੱਚ ਇਸ ਲਈ ਕੋਈ ਡਾਕਟਰ ਖਾਲੀ ਨਹੀਂ ਹੈ। ਕਿਰਪਾ ਕਰਕੇ ਹੋਰ ਵਿਭਾਗ ਚੁਣੋ ਜਾਂ ਕਲੀਨਿਕ ਨੂੰ ਫ਼ੋਨ ਕਰੋ।",
  },
  refused: {
    en: "Arogya: That could not be done:",
    hi: "आरोग्य: यह नहीं हो सका:",
    pa: "ਆਰੋਗਿਆ: ਇਹ ਨਹੀਂ ਹੋ ਸਕਿਆ:",
  },
} satisfies Record<string, Texts>;

const REFUSAL_REASONS: Record<"taken" | "tooLate" | "other", Texts> = {
  taken: {
    en: "the time was just taken. Send BOOK again for new times.",
    hi: "यह समय अभी किसी और ने ले लिया। नए समय के लिए फिर से लिखें।",
    pa: "ਇਹ ਸਮਾਂ ਹੁਣੇ ਕਿਸੇ ਹੋਰ ਨੇ ਲੈ ਲਿਆ। ਨਵੇਂ ਸਮੇਂ ਲਈ ਫਿਰ ਲਿਖੋ।",
  },
  tooLate: {
    en: "it is too close to the appointment. Please call the clinic.",
    hi: "मुलाकात बहुत नज़दीक है। कृपया क्लिनिक को फ़ोन करें।",
    pa: "ਮੁਲਾਕਾਤ ਬਹੁਤ ਨੇੜੇ ਹੈ। ਕਿਰਪਾ ਕਰਕੇ ਕਲੀਨਿਕ ਨੂੰ ਫ਼ੋਨ ਕਰੋ।",
  },
  other: {
    en: "please try again or call the clinic.",
    hi: "कृपया फिर से कोशिश करें या क्लिनिक को फ़ोन करें।",
    pa: "ਕਿਰਪਾ ਕਰਕੇ ਫਿਰ ਕੋਸ਼ਿਸ਼ ਕਰੋ ਜਾਂ ਕਲੀਨਿਕ ਨੂੰ ਫ਼ੋਨ ਕਰੋ।",
  },
};

const DR: Texts = { en: "Dr", hi: "डॉ.", pa: "ਡਾ." };

const line = (a: AppointmentLine, language: Language) =>
  `${DR[language]} ${withoutTitle(a.doctorName)}, ${formatDateTime(a.start, language, a.timezone)}`;

export const helpReply = (language: Language, restarted = false): string =>
  restarted ? `${TEXTS.restarted[language]} ${TEXTS.help[language]}` : TEXTS.help[language];
export const unknownPhoneReply = (language: Language): string => TEXTS.unknownPhone[language];
export const noAppointmentReply = (language: Language): string => TEXTS.noAppointment[language];
export const askSpecialtyReply = (language: Language): string => TEXTS.askSpecialty[language];
export const noSlotsReply = (language: Language): string => TEXTS.noSlots[language];
export const refusedReply = (language: Language, reason: keyof typeof REFUSAL_REASONS): string =>
  `${TEXTS.refused[language]} ${REFUSAL_REASONS[reason][language]}`;

export function appointmentsReply(language: Language, appointments: AppointmentLine[]): string {
  if (!appointments.length) return TEXTS.noAppointment[language];
  const head = { en: "Arogya: Your appointments:", hi: "आरोग्य: आपकी मुलाकातें:", pa: "ਆਰੋਗਿਆ: ਤੁਹਾਡੀਆਂ ਮੁਲਾਕਾਤਾਂ:" };
  return [head[language], ...appointments.map((a, i) => `${i + 1}. ${line(a, language)}`)].join("\n");
}

/** The offers, numbered: "reply with a number". */
export function offersReply(
  language: Language,
  offers: AppointmentLine[],
  specialty: Specialty | null,
): string {
  const head = {
    en: `Arogya: Free times${specialty ? ` (${specialty})` : ""}. Reply with a number to book:`,
    hi: "आरोग्य: खाली समय। बुक करने के लिए नंबर भेजें:",
    pa: "ਆਰੋਗਿਆ: ਖਾਲੀ ਸਮੇਂ। ਬੁੱਕ ਕਰਨ ਲਈ ਨੰਬਰ ਭੇਜੋ:",
  };
  return [head[language], ...offers.map((o, i) => `${i + 1}. ${line(o, language)}`)].join("\n");
}

export function bookedReply(language: Language, a: AppointmentLine): string {
  const text = {
    en: `Arogya: Booked: ${line(a, language)}. Reply 2 to cancel.`,
    hi: `आरोग्य: बुक हो गया: ${line(a, language)}। रद्द करने के लिए 2 भेजें।`,
    pa: `ਆਰੋਗਿਆ: ਬੁੱਕ ਹੋ ਗਿਆ: ${line(a, language)}। ਰੱਦ ਕਰਨ ਲਈ 2 ਭੇਜੋ।`,
  };
  return text[language];
}

export function movedReply(language: Language, a: AppointmentLine): string {
  const text = {
    en: `Arogya: Moved to ${line(a, language)}.`,
    hi: `आरोग्य: समय बदलकर ${line(a, language)} कर दिया गया।`,
    pa: `ਆਰੋਗਿਆ: ਸਮਾਂ ਬਦਲ ਕੇ ${line(a, language)} ਕਰ ਦਿੱਤਾ ਗਿਆ।`,
  };
  return text[language];
}

export function confirmedReply(language: Language, a: AppointmentLine): string {
  const text = {
    en: `Arogya: Thank you, confirmed: ${line(a, language)}.`,
    hi: `आरोग्य: धन्यवाद, पुष्टि हो गई: ${line(a, language)}।`,
    pa: `ਆਰੋਗਿਆ: ਧੰਨਵਾਦ, ਪੁਸ਼ਟੀ ਹੋ ਗਈ: ${line(a, language)}।`,
  };
  return text[language];
}

export function cancelledReply(language: Language, a: AppointmentLine): string {
  const text = {
    en: `Arogya: Cancelled: ${line(a, language)}.`,
    hi: `आरोग्य: रद्द कर दिया गया: ${line(a, language)}।`,
    pa: `ਆਰੋਗਿਆ: ਰੱਦ ਕਰ ਦਿੱਤਾ ਗਿਆ: ${line(a, language)}।`,
  };
  return text[language];
}

const CONSENT_CONFIRMED: Texts = {
  en: "Arogya: Thank you. The health worker may now book and upload records for you. To end this, ask them or call the clinic.",
  hi: "आरोग्य: धन्यवाद। अब स्वास्थ्य कार्यकर्ता आपकी ओर से मुलाकात बुक और रिकॉर्ड अपलोड कर सकते हैं। इसे बंद करने के लिए उनसे कहें या क्लिनिक को फ़ोन करें।",
  pa: "ਆਰੋਗਿਆ: ਧੰਨਵਾਦ। ਹੁਣ ਸਿਹਤ ਕਰਮੀ ਤੁਹਾਡੇ ਵੱਲੋਂ ਮੁਲਾਕਾਤ ਬੁੱਕ ਅਤੇ ਰਿਕਾਰਡ ਅੱਪਲੋਡ ਕਰ ਸਕਦੇ ਹਨ। ਇਸਨੂੰ ਬੰਦ ਕਰਨ ਲਈ ਉਨ੍ਹਾਂ ਨੂੰ ਕਹੋ ਜਾਂ ਕਲੀਨਿਕ ਨੂੰ ਫ਼ੋਨ ਕਰੋ।",
};

const CONSENT_CODE_REFUSED: Texts = {
  en: "Arogya: That code is not right, has expired or was not sent to this number. Ask your health worker for a new one.",
  hi: "आरोग्य: यह कोड सही नहीं है, समाप्त हो गया है या इस नंबर पर नहीं भेजा गया था। अपने स्वास्थ्य कार्यकर्ता से नया कोड माँगें।",
  pa: "ਆਰੋਗਿਆ: ਇਹ ਕੋਡ ਸਹੀ ਨਹੀਂ, ਖ਼ਤਮ ਹੋ ਗਿਆ ਹੈ ਜਾਂ ਇਸ ਨੰਬਰ 'ਤੇ ਨਹੀਂ ਭੇਜਿਆ ਗਿਆ ਸੀ। ਆਪਣੇ ਸਿਹਤ ਕਰਮੀ ਤੋਂ ਨਵਾਂ ਕੋਡ ਮੰਗੋ।",
};

/** The patient agreed to a health worker's help by replying with the code (issue 15). */
export const consentConfirmedReply = (language: Language): string => CONSENT_CONFIRMED[language];
/** A code that did not match (wrong, expired, locked, or none waiting): what to do, then the help. */
export const consentCodeRefusedReply = (language: Language): string =>
  `${CONSENT_CODE_REFUSED[language]} ${helpReply(language)}`;
