import type { Language } from "../../schemas/common";
import type { ConsultationMode } from "../../schemas/scheduling";
import { MESSAGE_KINDS, type MessageKind } from "../../schemas/documents/outbox";

/**
 * The SMS / WhatsApp texts patients and clinicians receive, in English, Hindi and Punjabi. Pure:
 * the timezone and language are arguments; nothing reads the clock or the environment.
 *
 * Messages land on shared phones, so they carry only what each kind lists below: never the
 * patient's name, never a clinical detail (no diagnosis, no cancellation reason).
 */
export type { Language };

/** The kinds are stored on each outbox message, so their list lives with the document schema. */
export { MESSAGE_KINDS, type MessageKind };

export type CancelledBy = "patient" | "clinic";

/** The variables each kind needs; all are required. */
export type TemplateVars = {
  "appointment.booked": { doctorName: string; start: Date; mode: ConsultationMode; clinicName: string };
  "appointment.rescheduled": { doctorName: string; start: Date; previousStart: Date; mode: ConsultationMode };
  "appointment.cancelled": { doctorName: string; start: Date; cancelledBy: CancelledBy };
  /** `joinHint` is inserted as given, e.g. "Open the Arogya app to join": the caller localises it. */
  "appointment.reminder": { doctorName: string; start: Date; mode: ConsultationMode; joinHint: string };
  "prescription.ready": { doctorName: string; link: string };
  /** A one-time code proving the number (handlers/contacts/requestPhoneVerification.ts). */
  "phone.verification": { code: string; minutes: string };
  /** To the doctor: `patientName` is a first name and initial (shortPatientName) or "a patient". */
  "clinician.booked": { patientName: string; start: Date; mode: ConsultationMode };
  "clinician.cancelled": { patientName: string; start: Date };
  "clinician.rescheduled": { patientName: string; start: Date; previousStart: Date };
  "clinician.reminder": { patientName: string; start: Date; mode: ConsultationMode };
  /** The daily agenda, composed by composeAgenda (domain/notifications/clinician.ts). */
  "clinician.agenda": { day: string; summary: string };
  "consultation.doctorLate": { doctorName: string };
  /** A health worker asks the patient's leave to act for them (issue 15, handlers/care/). */
  "care.consent": { code: string; minutes: string; clinicName: string };
  /** To the patient: the clinic proposes a new time; answer in the app by `deadline`. */
  "appointment.proposed": { doctorName: string; start: Date; previousStart: Date; deadline: Date };
  /**
   * To the doctor (services/notifications/clinicianMessages.ts): how the patient answered their
   * proposal (or that nobody did); `patientName` as in the clinician.* kinds.
   */
  "schedule.proposalAccepted": { doctorName: string; patientName: string; start: Date; previousStart: Date };
  "schedule.proposalDeclined": { doctorName: string; patientName: string; previousStart: Date };
  "schedule.proposalExpired": { doctorName: string; patientName: string; previousStart: Date };
  /** To the doctor: what a schedule change (leave, suspension…) did to their appointments. */
  "schedule.appointmentsChanged": { doctorName: string; cancelledCount: string; proposedCount: string };
  /** To the patient about their hold at a pharmacy: its name and the pickup time, no medicine. */
  "reservation.confirmed": { pharmacyName: string; pickupBy: Date };
  "reservation.declined": { pharmacyName: string };
  "reservation.lapsed": { pharmacyName: string; pickupBy: Date };
};

type VariableName<K extends MessageKind> = keyof TemplateVars[K] & string;
type AnyVariableName = { [K in MessageKind]: VariableName<K> }[MessageKind];

/** How each variable becomes text. Typed over every variable of every kind, so none is forgotten. */
const VARIABLE_FORMATS: Record<AnyVariableName, "text" | "datetime" | "mode" | "cancelledBy"> = {
  doctorName: "text",
  clinicName: "text",
  joinHint: "text",
  link: "text",
  code: "text",
  minutes: "text",
  patientName: "text",
  day: "text",
  summary: "text",
  cancelledCount: "text",
  proposedCount: "text",
  pharmacyName: "text",
  pickupBy: "datetime",
  deadline: "datetime",
  start: "datetime",
  previousStart: "datetime",
  mode: "mode",
  cancelledBy: "cancelledBy",
};

const MODE_LABELS: Record<Language, Record<ConsultationMode, string>> = {
  en: { video: "video call", in_person: "clinic visit" },
  hi: { video: "वीडियो कॉल", in_person: "क्लिनिक में मुलाकात" },
  pa: { video: "ਵੀਡੀਓ ਕਾਲ", in_person: "ਕਲੀਨਿਕ ਵਿੱਚ ਮੁਲਾਕਾਤ" },
};

const CANCELLED_BY_LABELS: Record<Language, Record<CancelledBy, string>> = {
  en: { patient: "as you asked", clinic: "by the clinic" },
  hi: { patient: "आपके कहने पर", clinic: "क्लिनिक की ओर से" },
  pa: { patient: "ਤੁਹਾਡੇ ਕਹਿਣ 'ਤੇ", clinic: "ਕਲੀਨਿਕ ਵੱਲੋਂ" },
};

// --- compile-time check: every template uses exactly its kind's variables -------------------

/** The `{name}` placeholders in a string literal type. */
type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never;
type SameSet<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type TemplateTable = { readonly [K in MessageKind]: { readonly [L in Language]: string } };
type CheckedTemplates<T extends TemplateTable> = {
  readonly [K in MessageKind]: {
    readonly [L in Language]: SameSet<Placeholders<T[K][L]>, VariableName<K>> extends true
      ? T[K][L]
      : { readonly "error: this template must use exactly these placeholders": VariableName<K> };
  };
};
/** A template that drops or adds a placeholder (in any language) does not compile. */
function defineTemplates<const T extends TemplateTable>(table: T & CheckedTemplates<T>): T {
  return table;
}

/**
 * English stays in the GSM-7 alphabet (no curly quotes or dashes) so it fits one 160-character
 * SMS. Dates come formatted as `formatDateTime` prints them: Hindi's already ends in "बजे",
 * Punjabi's in "ਵਜੇ".
 */
const TEMPLATES = defineTemplates({
  "appointment.booked": {
    en: "Arogya: Your {mode} with Dr {doctorName} ({clinicName}) is booked for {start}. Reply 1 confirm, 2 cancel, 3 another time.",
    hi: "आरोग्य: डॉ. {doctorName} ({clinicName}) के साथ आपकी {mode} {start} तय हो गई है। जवाब दें: 1 पुष्टि, 2 रद्द, 3 दूसरा समय।",
    pa: "ਆਰੋਗਿਆ: ਡਾ. {doctorName} ({clinicName}) ਨਾਲ ਤੁਹਾਡੀ {mode} {start} ਤੈਅ ਹੋ ਗਈ ਹੈ। ਜਵਾਬ ਦਿਓ: 1 ਪੁਸ਼ਟੀ, 2 ਰੱਦ, 3 ਹੋਰ ਸਮਾਂ।",
  },
  "appointment.rescheduled": {
    en: "Arogya: Your {mode} with Dr {doctorName} has moved to {start} (was {previousStart}).",
    hi: "आरोग्य: डॉ. {doctorName} के साथ आपकी {mode} का समय बदल गया है। नया समय: {start} (पहले: {previousStart})।",
    pa: "ਆਰੋਗਿਆ: ਡਾ. {doctorName} ਨਾਲ ਤੁਹਾਡੀ {mode} ਦਾ ਸਮਾਂ ਬਦਲ ਗਿਆ ਹੈ। ਨਵਾਂ ਸਮਾਂ: {start} (ਪਹਿਲਾਂ: {previousStart})।",
  },
  "appointment.cancelled": {
    en: "Arogya: Your appointment with Dr {doctorName} on {start} has been cancelled {cancelledBy}.",
    hi: "आरोग्य: डॉ. {doctorName} के साथ {start} की आपकी मुलाकात {cancelledBy} रद्द कर दी गई है।",
    pa: "ਆਰੋਗਿਆ: ਡਾ. {doctorName} ਨਾਲ {start} ਦੀ ਤੁਹਾਡੀ ਮੁਲਾਕਾਤ {cancelledBy} ਰੱਦ ਕਰ ਦਿੱਤੀ ਗਈ ਹੈ।",
  },
  "appointment.reminder": {
    en: "Arogya reminder: Your {mode} with Dr {doctorName} is on {start}. {joinHint} Reply 1 confirm, 2 cancel, 3 another time.",
    hi: "आरोग्य: याद रहे, डॉ. {doctorName} के साथ आपकी {mode} {start} है। {joinHint} जवाब दें: 1 पुष्टि, 2 रद्द, 3 दूसरा समय।",
    pa: "ਆਰੋਗਿਆ: ਯਾਦ ਰਹੇ, ਡਾ. {doctorName} ਨਾਲ ਤੁਹਾਡੀ {mode} {start} ਹੈ। {joinHint} ਜਵਾਬ ਦਿਓ: 1 ਪੁਸ਼ਟੀ, 2 ਰੱਦ, 3 ਹੋਰ ਸਮਾਂ।",
  },
  "prescription.ready": {
    en: "Arogya: Your prescription from Dr {doctorName} is ready. View it: {link}",
    hi: "आरोग्य: डॉ. {doctorName} की लिखी दवा की पर्ची तैयार है। देखें: {link}",
    pa: "ਆਰੋਗਿਆ: ਡਾ. {doctorName} ਦੀ ਲਿਖੀ ਦਵਾਈ ਦੀ ਪਰਚੀ ਤਿਆਰ ਹੈ। ਵੇਖੋ: {link}",
  },
  "phone.verification": {
    en: "Arogya: Your verification code is {code}. It expires in {minutes} minutes. Do not share it with anyone.",
    hi: "आरोग्य: आपका सत्यापन कोड {code} है। यह {minutes} मिनट में समाप्त हो जाएगा। इसे किसी को न बताएँ।",
    pa: "ਆਰੋਗਿਆ: ਤੁਹਾਡਾ ਪੁਸ਼ਟੀ ਕੋਡ {code} ਹੈ। ਇਹ {minutes} ਮਿੰਟ ਵਿੱਚ ਖ਼ਤਮ ਹੋ ਜਾਵੇਗਾ। ਇਹ ਕਿਸੇ ਨੂੰ ਨਾ ਦੱਸੋ।",
  },
  "clinician.booked": {
    en: "Arogya: New {mode} with {patientName} on {start}.",
    hi: "आरोग्य: {patientName} के साथ नई {mode} {start}।",
    pa: "ਆਰੋਗਿਆ: {patientName} ਨਾਲ ਨਵੀਂ {mode} {start}।",
  },
  "clinician.cancelled": {
    en: "Arogya: {patientName} cancelled the appointment on {start}.",
    hi: "आरोग्य: {patientName} ने {start} की मुलाकात रद्द कर दी है।",
    pa: "ਆਰੋਗਿਆ: {patientName} ਨੇ {start} ਦੀ ਮੁਲਾਕਾਤ ਰੱਦ ਕਰ ਦਿੱਤੀ ਹੈ।",
  },
  "clinician.rescheduled": {
    en: "Arogya: {patientName} moved the appointment to {start} (was {previousStart}).",
    hi: "आरोग्य: {patientName} ने मुलाकात का समय बदलकर {start} कर दिया है (पहले: {previousStart})।",
    pa: "ਆਰੋਗਿਆ: {patientName} ਨੇ ਮੁਲਾਕਾਤ ਦਾ ਸਮਾਂ ਬਦਲ ਕੇ {start} ਕਰ ਦਿੱਤਾ ਹੈ (ਪਹਿਲਾਂ: {previousStart})।",
  },
  "clinician.reminder": {
    en: "Arogya reminder: {mode} with {patientName} on {start}.",
    hi: "आरोग्य: याद रहे, {patientName} के साथ {mode} {start} है।",
    pa: "ਆਰੋਗਿਆ: ਯਾਦ ਰਹੇ, {patientName} ਨਾਲ {mode} {start} ਹੈ।",
  },
  "clinician.agenda": {
    en: "Arogya, your day {day}: {summary}.",
    hi: "आरोग्य, आपका दिन {day}: {summary}।",
    pa: "ਆਰੋਗਿਆ, ਤੁਹਾਡਾ ਦਿਨ {day}: {summary}।",
  },
  "consultation.doctorLate": {
    en: "Arogya: Dr {doctorName} has not joined yet. The clinic has been told; please stay in the call or wait for their message.",
    hi: "आरोग्य: डॉ. {doctorName} अभी तक नहीं जुड़े हैं। क्लिनिक को बता दिया गया है; कृपया कॉल में रहें या उनके संदेश की प्रतीक्षा करें।",
    pa: "ਆਰੋਗਿਆ: ਡਾ. {doctorName} ਅਜੇ ਨਹੀਂ ਜੁੜੇ। ਕਲੀਨਿਕ ਨੂੰ ਦੱਸ ਦਿੱਤਾ ਗਿਆ ਹੈ; ਕਿਰਪਾ ਕਰਕੇ ਕਾਲ ਵਿੱਚ ਰਹੋ ਜਾਂ ਉਨ੍ਹਾਂ ਦੇ ਸੁਨੇਹੇ ਦੀ ਉਡੀਕ ਕਰੋ।",
  },
  "care.consent": {
    en: "Arogya: A health worker of {clinicName} asks to book and upload records for you. To agree, reply or give them code {code} within {minutes} min. Else ignore this.",
    hi: "आरोग्य: {clinicName} के स्वास्थ्य कार्यकर्ता आपकी ओर से अपॉइंटमेंट और रिकॉर्ड संभालने की अनुमति माँग रहे हैं। सहमति के लिए {minutes} मिनट में कोड {code} उन्हें दें या जवाब में भेजें। मना करने के लिए इसे अनदेखा करें।",
    pa: "ਆਰੋਗਿਆ: {clinicName} ਦੇ ਸਿਹਤ ਕਰਮੀ ਤੁਹਾਡੇ ਵੱਲੋਂ ਮੁਲਾਕਾਤਾਂ ਅਤੇ ਰਿਕਾਰਡ ਸੰਭਾਲਣ ਦੀ ਇਜਾਜ਼ਤ ਮੰਗ ਰਹੇ ਹਨ। ਸਹਿਮਤੀ ਲਈ {minutes} ਮਿੰਟ ਵਿੱਚ ਕੋਡ {code} ਉਨ੍ਹਾਂ ਨੂੰ ਦਿਓ ਜਾਂ ਜਵਾਬ ਵਿੱਚ ਭੇਜੋ। ਇਨਕਾਰ ਲਈ ਇਸਨੂੰ ਅਣਡਿੱਠਾ ਕਰੋ।",
  },
  "appointment.proposed": {
    en: "Arogya: Dr {doctorName} asks to move your {previousStart} visit to {start}. Accept or decline in the app by {deadline}.",
    hi: "आरोग्य: डॉ. {doctorName} आपकी {previousStart} की मुलाकात {start} पर करना चाहते हैं। {deadline} तक ऐप में हाँ या ना कहें।",
    pa: "ਆਰੋਗਿਆ: ਡਾ. {doctorName} ਤੁਹਾਡੀ {previousStart} ਦੀ ਮੁਲਾਕਾਤ {start} 'ਤੇ ਕਰਨਾ ਚਾਹੁੰਦੇ ਹਨ। {deadline} ਤੱਕ ਐਪ ਵਿੱਚ ਹਾਂ ਜਾਂ ਨਾਂਹ ਕਹੋ।",
  },
  "schedule.proposalAccepted": {
    en: "Arogya: Dr {doctorName}, the new time {start} was accepted by {patientName} (the visit was on {previousStart}).",
    hi: "आरोग्य: डॉ. {doctorName}, {patientName} ने नया समय {start} मान लिया है (पहले: {previousStart})।",
    pa: "ਆਰੋਗਿਆ: ਡਾ. {doctorName}, {patientName} ਨੇ ਨਵਾਂ ਸਮਾਂ {start} ਮੰਨ ਲਿਆ ਹੈ (ਪਹਿਲਾਂ: {previousStart})।",
  },
  "schedule.proposalDeclined": {
    en: "Arogya: Dr {doctorName}, {patientName} declined the new time; the visit on {previousStart} is cancelled.",
    hi: "आरोग्य: डॉ. {doctorName}, {patientName} ने नया समय नहीं माना; {previousStart} की मुलाकात रद्द है।",
    pa: "ਆਰੋਗਿਆ: ਡਾ. {doctorName}, {patientName} ਨੇ ਨਵਾਂ ਸਮਾਂ ਨਹੀਂ ਮੰਨਿਆ; {previousStart} ਦੀ ਮੁਲਾਕਾਤ ਰੱਦ ਹੈ।",
  },
  "schedule.proposalExpired": {
    en: "Arogya: Dr {doctorName}, no answer from {patientName} to the new time; the visit on {previousStart} is cancelled.",
    hi: "आरोग्य: डॉ. {doctorName}, {patientName} ने नए समय का जवाब नहीं दिया; {previousStart} की मुलाकात रद्द है।",
    pa: "ਆਰੋਗਿਆ: ਡਾ. {doctorName}, {patientName} ਨੇ ਨਵੇਂ ਸਮੇਂ ਦਾ ਜਵਾਬ ਨਹੀਂ ਦਿੱਤਾ; {previousStart} ਦੀ ਮੁਲਾਕਾਤ ਰੱਦ ਹੈ।",
  },
  "schedule.appointmentsChanged": {
    en: "Arogya: Dr {doctorName}, your schedule changed: {cancelledCount} visits cancelled, {proposedCount} offered a new time. Each booking was told.",
    hi: "आरोग्य: डॉ. {doctorName}, आपका समय बदला: {cancelledCount} मुलाकातें रद्द, {proposedCount} को नया समय भेजा गया। सबको बता दिया गया है।",
    pa: "ਆਰੋਗਿਆ: ਡਾ. {doctorName}, ਤੁਹਾਡਾ ਸਮਾਂ ਬਦਲਿਆ: {cancelledCount} ਮੁਲਾਕਾਤਾਂ ਰੱਦ, {proposedCount} ਨੂੰ ਨਵਾਂ ਸਮਾਂ ਭੇਜਿਆ ਗਿਆ। ਸਭ ਨੂੰ ਦੱਸ ਦਿੱਤਾ ਗਿਆ ਹੈ।",
  },
  "reservation.confirmed": {
    en: "Arogya: {pharmacyName} has set your medicines aside. Please collect them by {pickupBy}.",
    hi: "आरोग्य: {pharmacyName} ने आपकी दवाएँ अलग रख दी हैं। कृपया {pickupBy} तक ले जाएँ।",
    pa: "ਆਰੋਗਿਆ: {pharmacyName} ਨੇ ਤੁਹਾਡੀਆਂ ਦਵਾਈਆਂ ਵੱਖ ਰੱਖ ਦਿੱਤੀਆਂ ਹਨ। ਕਿਰਪਾ ਕਰਕੇ {pickupBy} ਤੱਕ ਲੈ ਜਾਓ।",
  },
  "reservation.declined": {
    en: "Arogya: {pharmacyName} cannot keep your medicines. Please reserve at another pharmacy in the app.",
    hi: "आरोग्य: {pharmacyName} आपकी दवाएँ नहीं रख सकती। कृपया ऐप में किसी दूसरी दवा की दुकान पर आरक्षित करें।",
    pa: "ਆਰੋਗਿਆ: {pharmacyName} ਤੁਹਾਡੀਆਂ ਦਵਾਈਆਂ ਨਹੀਂ ਰੱਖ ਸਕਦੀ। ਕਿਰਪਾ ਕਰਕੇ ਐਪ ਵਿੱਚ ਕਿਸੇ ਹੋਰ ਦਵਾਈਆਂ ਦੀ ਦੁਕਾਨ 'ਤੇ ਰਾਖਵਾਂ ਕਰੋ।",
  },
  "reservation.lapsed": {
    en: "Arogya: Your hold at {pharmacyName} ended {pickupBy}. If you still need the medicines, reserve again in the app.",
    hi: "आरोग्य: {pharmacyName} पर आपकी दवाएँ {pickupBy} तक रखी गई थीं; वह समय निकल गया। ज़रूरत हो तो ऐप में फिर से आरक्षित करें।",
    pa: "ਆਰੋਗਿਆ: {pharmacyName} 'ਤੇ ਤੁਹਾਡੀਆਂ ਦਵਾਈਆਂ {pickupBy} ਤੱਕ ਰੱਖੀਆਂ ਗਈਆਂ ਸਨ; ਉਹ ਸਮਾਂ ਲੰਘ ਗਿਆ। ਲੋੜ ਹੋਵੇ ਤਾਂ ਐਪ ਵਿੱਚ ਦੁਬਾਰਾ ਰਾਖਵਾਂ ਕਰੋ।",
  },
});

// --- dates ------------------------------------------------------------------------------------

const LOCALES: Record<Language, string> = { en: "en-IN", hi: "hi-IN", pa: "pa-IN" };

/**
 * Options chosen against Node 20's ICU, for 2026-11-23T03:30Z in Asia/Kolkata:
 *   en-IN  "Mon, 23 Nov, 9:00 am"
 *   hi-IN  "सोम, 23 नवंबर को सुबह 9:00 बजे"   (a short month prints the odd "नव॰"; "am" stays Latin,
 *                                               so the day period, सुबह / दोपहर / शाम / रात, is used)
 *   pa-IN  "ਸੋਮ, 23 ਨਵੰਬਰ ਸਵੇਰੇ 9:00" + " ਵਜੇ"
 * Digits stay Latin, as people read them on phones and receipts.
 */
const LONG_MONTH_AND_DAY_PERIOD: Intl.DateTimeFormatOptions = {
  weekday: "short",
  day: "numeric",
  month: "long",
  hour: "numeric",
  minute: "2-digit",
  dayPeriod: "short",
};
const DATE_OPTIONS: Record<Language, Intl.DateTimeFormatOptions> = {
  en: { weekday: "short", day: "numeric", month: "short", hour: "numeric", minute: "2-digit" },
  hi: LONG_MONTH_AND_DAY_PERIOD,
  pa: LONG_MONTH_AND_DAY_PERIOD,
};
const DATE_SUFFIX: Record<Language, string> = { en: "", hi: "", pa: " ਵਜੇ" };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(language: Language, timezone: string): Intl.DateTimeFormat {
  const key = `${language}|${timezone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(LOCALES[language], {
      ...DATE_OPTIONS[language],
      timeZone: timezone,
      calendar: "gregory",
      numberingSystem: "latn",
      hourCycle: "h12",
    });
    formatters.set(key, formatter);
  }
  return formatter;
}

/** A date and time as the recipient reads it, on the clock of `timezone` (IANA, required). */
export function formatDateTime(date: Date, language: Language, timezone: string): string {
  assertLanguage(language);
  if (typeof timezone !== "string" || timezone.trim() === "") {
    // Never fall back to the server's own timezone.
    throw new Error("formatDateTime: a timezone is required");
  }
  if (!(date instanceof Date) || Number.isNaN(date.getTime()))
    throw new Error("formatDateTime: not a valid date");
  // Some ICU versions put a narrow no-break space before "am"; plain spaces keep English in GSM-7.
  return (
    formatterFor(language, timezone)
      .format(date)
      .replace(/[\u00A0\u2009\u202F]/g, " ") + DATE_SUFFIX[language]
  );
}

// --- rendering --------------------------------------------------------------------------------

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

function assertKind(kind: unknown): asserts kind is MessageKind {
  if (typeof kind !== "string" || !Object.hasOwn(TEMPLATES, kind))
    throw new Error(`unknown message kind "${String(kind)}"`);
}

function assertLanguage(language: unknown): asserts language is Language {
  if (typeof language !== "string" || !Object.hasOwn(LOCALES, language))
    throw new Error(`unknown language "${String(language)}"`);
}

function templateFor(kind: MessageKind, language: Language): string {
  assertKind(kind);
  assertLanguage(language);
  return TEMPLATES[kind][language];
}

/** The placeholder names a template uses, in order of first appearance. */
export function templateVariables(kind: MessageKind, language: Language): string[] {
  const names = [...templateFor(kind, language).matchAll(PLACEHOLDER)].map((m) => m[1]);
  return [...new Set(names)];
}

/** One line of text: control characters and runs of whitespace become single spaces. */
export function cleanText(value: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this removes
  return value.replace(/[\u0000-\u001F\u007F\s]+/g, " ").trim();
}

function formatValue(
  kind: MessageKind,
  language: Language,
  name: string,
  value: unknown,
  timezone: string,
): string {
  const where = `template ${kind}/${language}`;
  if (value === undefined || value === null) throw new Error(`${where}: missing variable ${name}`);
  const format = Object.hasOwn(VARIABLE_FORMATS, name)
    ? VARIABLE_FORMATS[name as AnyVariableName]
    : undefined;
  switch (format) {
    case "text": {
      if (typeof value !== "string") throw new Error(`${where}: variable ${name} must be text`);
      const text = cleanText(value);
      if (text === "") throw new Error(`${where}: missing variable ${name}`);
      return text;
    }
    case "datetime":
      if (!(value instanceof Date) || Number.isNaN(value.getTime()))
        throw new Error(`${where}: variable ${name} must be a valid Date`);
      return formatDateTime(value, language, timezone);
    case "mode": {
      const labels = MODE_LABELS[language];
      if (typeof value !== "string" || !Object.hasOwn(labels, value))
        throw new Error(`${where}: unknown ${name} "${String(value)}"`);
      return labels[value as ConsultationMode];
    }
    case "cancelledBy": {
      const labels = CANCELLED_BY_LABELS[language];
      if (typeof value !== "string" || !Object.hasOwn(labels, value))
        throw new Error(`${where}: unknown ${name} "${String(value)}"`);
      return labels[value as CancelledBy];
    }
    default:
      throw new Error(`${where}: unknown variable ${name}`);
  }
}

/**
 * The message text for `kind` in `language`. Only the template's own placeholders are read from
 * `vars` (anything else passed in is ignored, so it never reaches the message); a placeholder
 * without a value throws `template <kind>/<lang>: missing variable <name>`. Substitution is one
 * pass, so a value that looks like `{link}` is not expanded.
 */
export function renderMessage<K extends MessageKind>(
  kind: K,
  language: Language,
  vars: TemplateVars[K],
  options: { timezone: string },
): string {
  const template = templateFor(kind, language);
  const timezone = options?.timezone;
  if (typeof timezone !== "string" || timezone.trim() === "")
    throw new Error(`template ${kind}/${language}: a timezone is required`);
  const values = { ...((vars ?? {}) as Record<string, unknown>) };
  if (typeof values.doctorName === "string") values.doctorName = withoutTitle(values.doctorName);
  return template.replace(PLACEHOLDER, (_match, name: string) =>
    formatValue(kind, language, name, Object.hasOwn(values, name) ? values[name] : undefined, timezone),
  );
}

/** The reminder's closing line, by consultation mode, in the recipient's language. */
const JOIN_HINTS: Record<ConsultationMode, Record<Language, string>> = {
  video: {
    en: "Open the Arogya app to join.",
    hi: "जुड़ने के लिए आरोग्य ऐप खोलें।",
    pa: "ਜੁੜਨ ਲਈ ਆਰੋਗਿਆ ਐਪ ਖੋਲ੍ਹੋ।",
  },
  in_person: {
    en: "Please reach the clinic 10 minutes early.",
    hi: "कृपया 10 मिनट पहले क्लिनिक पहुँचें।",
    pa: "ਕਿਰਪਾ ਕਰਕੇ 10 ਮਿੰਟ ਪਹਿਲਾਂ ਕਲੀਨਿਕ ਪਹੁੰਚੋ।",
  },
};

export function joinHintFor(mode: ConsultationMode, language: Language): string {
  const hint = JOIN_HINTS[mode]?.[language];
  if (!hint) throw new Error(`no join hint for ${mode}/${language}`);
  return hint;
}

/** The templates write the title ("Dr", "डॉ.", "ਡਾ."): a stored name's own "Dr." is dropped. */
export function withoutTitle(name: string): string {
  return name.replace(/^\s*(dr\.?|doctor)\s+/i, "").trim() || name;
}
