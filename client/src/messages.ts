// What to tell a person when a call is refused, by reason, in English, Hindi and Punjabi
// (Gurmukhi). Typed by the catalogue: a reason without its three messages does not compile.
import type { ErrorReason } from "../../functions/src/schemas/errorReasons";

export const LANGUAGES = ["en", "hi", "pa"] as const;
export type Language = (typeof LANGUAGES)[number];

type Messages = Record<Language, string>;

export const ERROR_MESSAGES: Record<ErrorReason, Messages> = {
  "invalid-request": {
    en: "Some details are missing or not valid. Please check and try again.",
    hi: "कुछ जानकारी अधूरी या गलत है। कृपया जाँच कर फिर से कोशिश करें।",
    pa: "ਕੁਝ ਜਾਣਕਾਰੀ ਅਧੂਰੀ ਜਾਂ ਗਲਤ ਹੈ। ਕਿਰਪਾ ਕਰਕੇ ਜਾਂਚ ਕੇ ਦੁਬਾਰਾ ਕੋਸ਼ਿਸ਼ ਕਰੋ।",
  },
  forbidden: {
    en: "You are not allowed to do this.",
    hi: "आपको यह करने की अनुमति नहीं है।",
    pa: "ਤੁਹਾਨੂੰ ਇਹ ਕਰਨ ਦੀ ਇਜਾਜ਼ਤ ਨਹੀਂ ਹੈ।",
  },
  "not-found": {
    en: "We could not find what you asked for.",
    hi: "आपने जो माँगा वह हमें नहीं मिला।",
    pa: "ਤੁਸੀਂ ਜੋ ਮੰਗਿਆ ਉਹ ਸਾਨੂੰ ਨਹੀਂ ਮਿਲਿਆ।",
  },
  "precondition-failed": {
    en: "This cannot be done right now.",
    hi: "यह अभी नहीं किया जा सकता।",
    pa: "ਇਹ ਹੁਣੇ ਨਹੀਂ ਕੀਤਾ ਜਾ ਸਕਦਾ।",
  },
  "already-exists": {
    en: "This already exists.",
    hi: "यह पहले से मौजूद है।",
    pa: "ਇਹ ਪਹਿਲਾਂ ਤੋਂ ਮੌਜੂਦ ਹੈ।",
  },
  "rate-limited": {
    en: "Too many requests. Please wait a little and try again.",
    hi: "बहुत सारे अनुरोध। कृपया थोड़ा रुककर फिर से कोशिश करें।",
    pa: "ਬਹੁਤ ਸਾਰੀਆਂ ਬੇਨਤੀਆਂ। ਕਿਰਪਾ ਕਰਕੇ ਥੋੜ੍ਹਾ ਰੁਕ ਕੇ ਦੁਬਾਰਾ ਕੋਸ਼ਿਸ਼ ਕਰੋ।",
  },
  "sign-in-required": {
    en: "Please sign in first.",
    hi: "कृपया पहले साइन इन करें।",
    pa: "ਕਿਰਪਾ ਕਰਕੇ ਪਹਿਲਾਂ ਸਾਈਨ ਇਨ ਕਰੋ।",
  },
  contention: {
    en: "Many people are doing this at once. Please try again.",
    hi: "एक साथ बहुत लोग यह कर रहे हैं। कृपया फिर से कोशिश करें।",
    pa: "ਇੱਕੋ ਸਮੇਂ ਬਹੁਤ ਲੋਕ ਇਹ ਕਰ ਰਹੇ ਹਨ। ਕਿਰਪਾ ਕਰਕੇ ਦੁਬਾਰਾ ਕੋਸ਼ਿਸ਼ ਕਰੋ।",
  },
  unavailable: {
    en: "The service is not available just now. Please try again soon.",
    hi: "सेवा अभी उपलब्ध नहीं है। कृपया थोड़ी देर में फिर कोशिश करें।",
    pa: "ਸੇਵਾ ਹੁਣੇ ਉਪਲਬਧ ਨਹੀਂ ਹੈ। ਕਿਰਪਾ ਕਰਕੇ ਥੋੜ੍ਹੀ ਦੇਰ ਬਾਅਦ ਕੋਸ਼ਿਸ਼ ਕਰੋ।",
  },
  timeout: {
    en: "This is taking too long. Please check your connection and try again.",
    hi: "इसमें बहुत समय लग रहा है। कृपया अपना कनेक्शन जाँचें और फिर कोशिश करें।",
    pa: "ਇਸ ਵਿੱਚ ਬਹੁਤ ਸਮਾਂ ਲੱਗ ਰਿਹਾ ਹੈ। ਕਿਰਪਾ ਕਰਕੇ ਕਨੈਕਸ਼ਨ ਜਾਂਚੋ ਅਤੇ ਦੁਬਾਰਾ ਕੋਸ਼ਿਸ਼ ਕਰੋ।",
  },
  internal: {
    en: "Something went wrong on our side. Please try again later.",
    hi: "हमारी ओर से कुछ गड़बड़ हुई। कृपया बाद में फिर कोशिश करें।",
    pa: "ਸਾਡੇ ਵੱਲੋਂ ਕੁਝ ਗਲਤ ਹੋ ਗਿਆ। ਕਿਰਪਾ ਕਰਕੇ ਬਾਅਦ ਵਿੱਚ ਕੋਸ਼ਿਸ਼ ਕਰੋ।",
  },
  unknown: {
    en: "Something went wrong. Please try again.",
    hi: "कुछ गड़बड़ हो गई। कृपया फिर से कोशिश करें।",
    pa: "ਕੁਝ ਗਲਤ ਹੋ ਗਿਆ। ਕਿਰਪਾ ਕਰਕੇ ਦੁਬਾਰਾ ਕੋਸ਼ਿਸ਼ ਕਰੋ।",
  },
  "app-check-reused": {
    en: "Please try again.",
    hi: "कृपया फिर से कोशिश करें।",
    pa: "ਕਿਰਪਾ ਕਰਕੇ ਦੁਬਾਰਾ ਕੋਸ਼ਿਸ਼ ਕਰੋ।",
  },
  "signed-out": {
    en: "You were signed out. Please sign in again.",
    hi: "आप साइन आउट हो गए हैं। कृपया फिर से साइन इन करें।",
    pa: "ਤੁਸੀਂ ਸਾਈਨ ਆਊਟ ਹੋ ਗਏ ਹੋ। ਕਿਰਪਾ ਕਰਕੇ ਦੁਬਾਰਾ ਸਾਈਨ ਇਨ ਕਰੋ।",
  },
  "role-not-allowed": {
    en: "Your account cannot do this.",
    hi: "आपका खाता यह नहीं कर सकता।",
    pa: "ਤੁਹਾਡਾ ਖਾਤਾ ਇਹ ਨਹੀਂ ਕਰ ਸਕਦਾ।",
  },
  "other-organisation": {
    en: "This belongs to another organisation.",
    hi: "यह किसी दूसरे संगठन का है।",
    pa: "ਇਹ ਕਿਸੇ ਹੋਰ ਸੰਸਥਾ ਦਾ ਹੈ।",
  },
  "not-participant": {
    en: "Only the patient and the doctor of this appointment can do this.",
    hi: "यह केवल इस अपॉइंटमेंट के मरीज़ और डॉक्टर कर सकते हैं।",
    pa: "ਇਹ ਸਿਰਫ਼ ਇਸ ਮੁਲਾਕਾਤ ਦੇ ਮਰੀਜ਼ ਅਤੇ ਡਾਕਟਰ ਕਰ ਸਕਦੇ ਹਨ।",
  },
  "idempotency-key-reused": {
    en: "This request was already sent with different details. Please start again.",
    hi: "यह अनुरोध अलग जानकारी के साथ पहले भेजा जा चुका है। कृपया फिर से शुरू करें।",
    pa: "ਇਹ ਬੇਨਤੀ ਵੱਖਰੀ ਜਾਣਕਾਰੀ ਨਾਲ ਪਹਿਲਾਂ ਭੇਜੀ ਜਾ ਚੁੱਕੀ ਹੈ। ਕਿਰਪਾ ਕਰਕੇ ਦੁਬਾਰਾ ਸ਼ੁਰੂ ਕਰੋ।",
  },
  "invalid-cursor": {
    en: "The list changed. Please reload it.",
    hi: "सूची बदल गई है। कृपया इसे फिर से लोड करें।",
    pa: "ਸੂਚੀ ਬਦਲ ਗਈ ਹੈ। ਕਿਰਪਾ ਕਰਕੇ ਇਸਨੂੰ ਦੁਬਾਰਾ ਲੋਡ ਕਰੋ।",
  },
  "doctor-not-found": {
    en: "This doctor is not available.",
    hi: "यह डॉक्टर उपलब्ध नहीं हैं।",
    pa: "ਇਹ ਡਾਕਟਰ ਉਪਲਬਧ ਨਹੀਂ ਹਨ।",
  },
  "no-availability": {
    en: "This doctor has not published their hours yet.",
    hi: "इस डॉक्टर ने अभी अपना समय नहीं बताया है।",
    pa: "ਇਸ ਡਾਕਟਰ ਨੇ ਅਜੇ ਆਪਣਾ ਸਮਾਂ ਨਹੀਂ ਦੱਸਿਆ।",
  },
  "slot-taken": {
    en: "Someone has just booked this time. Please choose another.",
    hi: "यह समय अभी किसी और ने बुक कर लिया। कृपया दूसरा समय चुनें।",
    pa: "ਇਹ ਸਮਾਂ ਹੁਣੇ ਕਿਸੇ ਹੋਰ ਨੇ ਬੁੱਕ ਕਰ ਲਿਆ। ਕਿਰਪਾ ਕਰਕੇ ਹੋਰ ਸਮਾਂ ਚੁਣੋ।",
  },
  "slot-not-offered": {
    en: "This time is not offered. Please choose a time from the list.",
    hi: "यह समय उपलब्ध नहीं है। कृपया सूची में से समय चुनें।",
    pa: "ਇਹ ਸਮਾਂ ਉਪਲਬਧ ਨਹੀਂ ਹੈ। ਕਿਰਪਾ ਕਰਕੇ ਸੂਚੀ ਵਿੱਚੋਂ ਸਮਾਂ ਚੁਣੋ।",
  },
  "mode-not-offered": {
    en: "This doctor does not offer this kind of consultation.",
    hi: "यह डॉक्टर इस तरह का परामर्श नहीं देते।",
    pa: "ਇਹ ਡਾਕਟਰ ਇਸ ਤਰ੍ਹਾਂ ਦੀ ਸਲਾਹ ਨਹੀਂ ਦਿੰਦੇ।",
  },
  "overlapping-booking": {
    en: "You already have an appointment at that time.",
    hi: "उस समय आपका पहले से एक अपॉइंटमेंट है।",
    pa: "ਉਸ ਸਮੇਂ ਤੁਹਾਡੀ ਪਹਿਲਾਂ ਹੀ ਇੱਕ ਮੁਲਾਕਾਤ ਹੈ।",
  },
  "too-many-open-bookings": {
    en: "You have too many upcoming appointments. Cancel one or wait for one to pass.",
    hi: "आपके बहुत सारे आने वाले अपॉइंटमेंट हैं। एक रद्द करें या उसके बीतने तक रुकें।",
    pa: "ਤੁਹਾਡੀਆਂ ਬਹੁਤ ਸਾਰੀਆਂ ਆਉਣ ਵਾਲੀਆਂ ਮੁਲਾਕਾਤਾਂ ਹਨ। ਇੱਕ ਰੱਦ ਕਰੋ ਜਾਂ ਉਸਦੇ ਲੰਘਣ ਤੱਕ ਉਡੀਕ ਕਰੋ।",
  },
  "booking-contention": {
    en: "Many people are booking this doctor right now. Please try again.",
    hi: "इस डॉक्टर के लिए अभी बहुत लोग बुक कर रहे हैं। कृपया फिर से कोशिश करें।",
    pa: "ਇਸ ਡਾਕਟਰ ਲਈ ਹੁਣੇ ਬਹੁਤ ਲੋਕ ਬੁੱਕ ਕਰ ਰਹੇ ਹਨ। ਕਿਰਪਾ ਕਰਕੇ ਦੁਬਾਰਾ ਕੋਸ਼ਿਸ਼ ਕਰੋ।",
  },
  "appointment-not-found": {
    en: "We could not find this appointment.",
    hi: "यह अपॉइंटमेंट नहीं मिला।",
    pa: "ਇਹ ਮੁਲਾਕਾਤ ਨਹੀਂ ਮਿਲੀ।",
  },
  "appointment-cancelled": {
    en: "This appointment was cancelled.",
    hi: "यह अपॉइंटमेंट रद्द कर दिया गया था।",
    pa: "ਇਹ ਮੁਲਾਕਾਤ ਰੱਦ ਕਰ ਦਿੱਤੀ ਗਈ ਸੀ।",
  },
  "appointment-not-started": {
    en: "This appointment has not started yet.",
    hi: "यह अपॉइंटमेंट अभी शुरू नहीं हुआ है।",
    pa: "ਇਹ ਮੁਲਾਕਾਤ ਅਜੇ ਸ਼ੁਰੂ ਨਹੀਂ ਹੋਈ।",
  },
  "too-late-to-change": {
    en: "It is too late to change this appointment.",
    hi: "इस अपॉइंटमेंट को बदलने का समय निकल गया है।",
    pa: "ਇਸ ਮੁਲਾਕਾਤ ਨੂੰ ਬਦਲਣ ਦਾ ਸਮਾਂ ਲੰਘ ਗਿਆ ਹੈ।",
  },
  "reason-required": {
    en: "Please give a reason.",
    hi: "कृपया कारण बताएँ।",
    pa: "ਕਿਰਪਾ ਕਰਕੇ ਕਾਰਨ ਦੱਸੋ।",
  },
  "appointment-closed": {
    en: "This appointment can no longer be changed.",
    hi: "यह अपॉइंटमेंट अब बदला नहीं जा सकता।",
    pa: "ਇਹ ਮੁਲਾਕਾਤ ਹੁਣ ਬਦਲੀ ਨਹੀਂ ਜਾ ਸਕਦੀ।",
  },
  "not-clinic": {
    en: "Only the doctor or the clinic can do this.",
    hi: "यह केवल डॉक्टर या क्लिनिक कर सकते हैं।",
    pa: "ਇਹ ਸਿਰਫ਼ ਡਾਕਟਰ ਜਾਂ ਕਲੀਨਿਕ ਕਰ ਸਕਦੇ ਹਨ।",
  },
  "not-patient": {
    en: "Only the patient can do this.",
    hi: "यह केवल मरीज़ कर सकते हैं।",
    pa: "ਇਹ ਸਿਰਫ਼ ਮਰੀਜ਼ ਕਰ ਸਕਦੇ ਹਨ।",
  },
  "already-at-that-time": {
    en: "The appointment is already at that time.",
    hi: "अपॉइंटमेंट पहले से उसी समय पर है।",
    pa: "ਮੁਲਾਕਾਤ ਪਹਿਲਾਂ ਹੀ ਉਸੇ ਸਮੇਂ 'ਤੇ ਹੈ।",
  },
  "mode-no-longer-offered": {
    en: "The doctor does not offer this kind of consultation at the new time.",
    hi: "डॉक्टर नए समय पर इस प्रकार का परामर्श नहीं देते।",
    pa: "ਡਾਕਟਰ ਨਵੇਂ ਸਮੇਂ 'ਤੇ ਇਸ ਤਰ੍ਹਾਂ ਦੀ ਸਲਾਹ ਨਹੀਂ ਦਿੰਦੇ।",
  },
  "no-open-proposal": {
    en: "There is no new time waiting for your answer.",
    hi: "आपके जवाब के लिए कोई नया समय नहीं है।",
    pa: "ਤੁਹਾਡੇ ਜਵਾਬ ਲਈ ਕੋਈ ਨਵਾਂ ਸਮਾਂ ਨਹੀਂ ਹੈ।",
  },
  "proposal-outdated": {
    en: "This proposal has changed. Please look at the appointment again.",
    hi: "यह प्रस्ताव बदल गया है। कृपया अपॉइंटमेंट फिर से देखें।",
    pa: "ਇਹ ਪ੍ਰਸਤਾਵ ਬਦਲ ਗਿਆ ਹੈ। ਕਿਰਪਾ ਕਰਕੇ ਮੁਲਾਕਾਤ ਦੁਬਾਰਾ ਵੇਖੋ।",
  },
  "proposal-expired": {
    en: "The time to answer this proposal has passed.",
    hi: "इस प्रस्ताव का जवाब देने का समय निकल गया है।",
    pa: "ਇਸ ਪ੍ਰਸਤਾਵ ਦਾ ਜਵਾਬ ਦੇਣ ਦਾ ਸਮਾਂ ਲੰਘ ਗਿਆ ਹੈ।",
  },
  "chart-not-open": {
    en: "You can open this chart only while treating the patient, or with their consent.",
    hi: "यह चार्ट आप केवल इलाज के दौरान या मरीज़ की सहमति से खोल सकते हैं।",
    pa: "ਇਹ ਚਾਰਟ ਤੁਸੀਂ ਸਿਰਫ਼ ਇਲਾਜ ਦੌਰਾਨ ਜਾਂ ਮਰੀਜ਼ ਦੀ ਸਹਿਮਤੀ ਨਾਲ ਖੋਲ੍ਹ ਸਕਦੇ ਹੋ।",
  },
  "summary-full": {
    en: "This health summary is full: no more entries can be added.",
    hi: "यह स्वास्थ्य सारांश भर गया है: इसमें और जानकारी नहीं जोड़ी जा सकती।",
    pa: "ਇਹ ਸਿਹਤ ਸਾਰ ਭਰ ਗਿਆ ਹੈ: ਇਸ ਵਿੱਚ ਹੋਰ ਜਾਣਕਾਰੀ ਨਹੀਂ ਜੋੜੀ ਜਾ ਸਕਦੀ।",
  },
  "affected-appointments": {
    en: "This change affects booked appointments. Please review them and confirm.",
    hi: "इस बदलाव से बुक किए गए अपॉइंटमेंट प्रभावित होंगे। कृपया उन्हें देखकर पुष्टि करें।",
    pa: "ਇਸ ਤਬਦੀਲੀ ਨਾਲ ਬੁੱਕ ਕੀਤੀਆਂ ਮੁਲਾਕਾਤਾਂ ਪ੍ਰਭਾਵਿਤ ਹੋਣਗੀਆਂ। ਕਿਰਪਾ ਕਰਕੇ ਉਨ੍ਹਾਂ ਨੂੰ ਵੇਖ ਕੇ ਪੁਸ਼ਟੀ ਕਰੋ।",
  },
  "affected-appointments-changed": {
    en: "The bookings changed meanwhile. Please review the change again.",
    hi: "इस बीच बुकिंग बदल गई है। कृपया बदलाव फिर से देखें।",
    pa: "ਇਸ ਦੌਰਾਨ ਬੁਕਿੰਗਾਂ ਬਦਲ ਗਈਆਂ ਹਨ। ਕਿਰਪਾ ਕਰਕੇ ਤਬਦੀਲੀ ਦੁਬਾਰਾ ਵੇਖੋ।",
  },
  "consultation-not-open": {
    en: "The consultation is not open at this time.",
    hi: "परामर्श अभी खुला नहीं है।",
    pa: "ਸਲਾਹ-ਮਸ਼ਵਰਾ ਹੁਣੇ ਖੁੱਲ੍ਹਾ ਨਹੀਂ ਹੈ।",
  },
  "not-treating-doctor": {
    en: "Only the treating doctor can do this.",
    hi: "यह केवल इलाज करने वाले डॉक्टर कर सकते हैं।",
    pa: "ਇਹ ਸਿਰਫ਼ ਇਲਾਜ ਕਰਨ ਵਾਲੇ ਡਾਕਟਰ ਕਰ ਸਕਦੇ ਹਨ।",
  },
  "amendment-reason-required": {
    en: "Please give a reason for the change.",
    hi: "कृपया बदलाव का कारण बताएँ।",
    pa: "ਕਿਰਪਾ ਕਰਕੇ ਤਬਦੀਲੀ ਦਾ ਕਾਰਨ ਦੱਸੋ।",
  },
  "prescription-not-found": {
    en: "We could not find this prescription.",
    hi: "यह पर्चा नहीं मिला।",
    pa: "ਇਹ ਪਰਚੀ ਨਹੀਂ ਮਿਲੀ।",
  },
  "prescription-not-verified": {
    en: "This prescription could not be verified. Do not dispense it.",
    hi: "इस पर्चे की पुष्टि नहीं हो सकी। दवा न दें।",
    pa: "ਇਸ ਪਰਚੀ ਦੀ ਪੁਸ਼ਟੀ ਨਹੀਂ ਹੋ ਸਕੀ। ਦਵਾਈ ਨਾ ਦਿਓ।",
  },
  "already-dispensed": {
    en: "This prescription has already been dispensed.",
    hi: "इस पर्चे की दवा पहले ही दी जा चुकी है।",
    pa: "ਇਸ ਪਰਚੀ ਦੀ ਦਵਾਈ ਪਹਿਲਾਂ ਹੀ ਦਿੱਤੀ ਜਾ ਚੁੱਕੀ ਹੈ।",
  },
  "prescription-void": {
    en: "This prescription is no longer valid. Do not dispense it.",
    hi: "यह पर्चा अब मान्य नहीं है। दवा न दें।",
    pa: "ਇਹ ਪਰਚੀ ਹੁਣ ਵੈਧ ਨਹੀਂ ਹੈ। ਦਵਾਈ ਨਾ ਦਿਓ।",
  },
  "prescribing-window-closed": {
    en: "The time to write a prescription for this appointment has passed.",
    hi: "इस अपॉइंटमेंट के लिए पर्चा लिखने का समय निकल गया है।",
    pa: "ਇਸ ਮੁਲਾਕਾਤ ਲਈ ਪਰਚੀ ਲਿਖਣ ਦਾ ਸਮਾਂ ਲੰਘ ਗਿਆ ਹੈ।",
  },
  "record-not-found": {
    en: "We could not find this record, or you may not read it.",
    hi: "यह रिकॉर्ड नहीं मिला, या आप इसे नहीं पढ़ सकते।",
    pa: "ਇਹ ਰਿਕਾਰਡ ਨਹੀਂ ਮਿਲਿਆ, ਜਾਂ ਤੁਸੀਂ ਇਸਨੂੰ ਨਹੀਂ ਪੜ੍ਹ ਸਕਦੇ।",
  },
  "upload-missing": {
    en: "Nothing has been uploaded yet.",
    hi: "अभी कुछ भी अपलोड नहीं हुआ है।",
    pa: "ਅਜੇ ਕੁਝ ਵੀ ਅੱਪਲੋਡ ਨਹੀਂ ਹੋਇਆ।",
  },
  "upload-changed": {
    en: "The file changed while we checked it. Please confirm again.",
    hi: "जाँच के दौरान फ़ाइल बदल गई। कृपया फिर से पुष्टि करें।",
    pa: "ਜਾਂਚ ਦੌਰਾਨ ਫ਼ਾਈਲ ਬਦਲ ਗਈ। ਕਿਰਪਾ ਕਰਕੇ ਦੁਬਾਰਾ ਪੁਸ਼ਟੀ ਕਰੋ।",
  },
  "upload-rejected": {
    en: "This file was not accepted. Please upload a PDF or a photo.",
    hi: "यह फ़ाइल स्वीकार नहीं हुई। कृपया PDF या फ़ोटो अपलोड करें।",
    pa: "ਇਹ ਫ਼ਾਈਲ ਮਨਜ਼ੂਰ ਨਹੀਂ ਹੋਈ। ਕਿਰਪਾ ਕਰਕੇ PDF ਜਾਂ ਫ਼ੋਟੋ ਅੱਪਲੋਡ ਕਰੋ।",
  },
  "consent-not-found": {
    en: "We could not find this permission.",
    hi: "यह अनुमति नहीं मिली।",
    pa: "ਇਹ ਇਜਾਜ਼ਤ ਨਹੀਂ ਮਿਲੀ।",
  },
  "consent-conflict": {
    en: "This permission cannot be recorded. Please contact support.",
    hi: "यह अनुमति दर्ज नहीं की जा सकती। कृपया सहायता से संपर्क करें।",
    pa: "ਇਹ ਇਜਾਜ਼ਤ ਦਰਜ ਨਹੀਂ ਕੀਤੀ ਜਾ ਸਕਦੀ। ਕਿਰਪਾ ਕਰਕੇ ਸਹਾਇਤਾ ਨਾਲ ਸੰਪਰਕ ਕਰੋ।",
  },
  "organisation-not-found": {
    en: "We could not find this organisation.",
    hi: "यह संगठन नहीं मिला।",
    pa: "ਇਹ ਸੰਸਥਾ ਨਹੀਂ ਮਿਲੀ।",
  },
  "application-not-found": {
    en: "We could not find this application.",
    hi: "यह आवेदन नहीं मिला।",
    pa: "ਇਹ ਅਰਜ਼ੀ ਨਹੀਂ ਮਿਲੀ।",
  },
  "application-pending": {
    en: "Your application is already waiting for review.",
    hi: "आपका आवेदन पहले से समीक्षा के लिए रुका है।",
    pa: "ਤੁਹਾਡੀ ਅਰਜ਼ੀ ਪਹਿਲਾਂ ਹੀ ਸਮੀਖਿਆ ਲਈ ਉਡੀਕ ਰਹੀ ਹੈ।",
  },
  "role-conflict": {
    en: "Your account's role does not allow this.",
    hi: "आपके खाते की भूमिका इसकी अनुमति नहीं देती।",
    pa: "ਤੁਹਾਡੇ ਖਾਤੇ ਦੀ ਭੂਮਿਕਾ ਇਸਦੀ ਇਜਾਜ਼ਤ ਨਹੀਂ ਦਿੰਦੀ।",
  },
  "user-not-found": {
    en: "We could not find this user.",
    hi: "यह उपयोगकर्ता नहीं मिला।",
    pa: "ਇਹ ਵਰਤੋਂਕਾਰ ਨਹੀਂ ਮਿਲਿਆ।",
  },
  "member-not-found": {
    en: "This person is not a member of the organisation.",
    hi: "यह व्यक्ति संगठन का सदस्य नहीं है।",
    pa: "ਇਹ ਵਿਅਕਤੀ ਸੰਸਥਾ ਦਾ ਮੈਂਬਰ ਨਹੀਂ ਹੈ।",
  },
  "export-too-large": {
    en: "Too much data for one export. Please choose a shorter period.",
    hi: "एक निर्यात के लिए बहुत अधिक डेटा। कृपया छोटी अवधि चुनें।",
    pa: "ਇੱਕ ਨਿਰਯਾਤ ਲਈ ਬਹੁਤ ਜ਼ਿਆਦਾ ਡਾਟਾ। ਕਿਰਪਾ ਕਰਕੇ ਛੋਟੀ ਮਿਆਦ ਚੁਣੋ।",
  },
  "no-index-for-filters": {
    en: "These filters cannot be combined. Please use fewer filters.",
    hi: "ये फ़िल्टर एक साथ नहीं चल सकते। कृपया कम फ़िल्टर लगाएँ।",
    pa: "ਇਹ ਫ਼ਿਲਟਰ ਇਕੱਠੇ ਨਹੀਂ ਚੱਲ ਸਕਦੇ। ਕਿਰਪਾ ਕਰਕੇ ਘੱਟ ਫ਼ਿਲਟਰ ਲਗਾਓ।",
  },
  "appointments-ahead": {
    en: "Please cancel your upcoming appointments first.",
    hi: "कृपया पहले अपने आने वाले अपॉइंटमेंट रद्द करें।",
    pa: "ਕਿਰਪਾ ਕਰਕੇ ਪਹਿਲਾਂ ਆਪਣੀਆਂ ਆਉਣ ਵਾਲੀਆਂ ਮੁਲਾਕਾਤਾਂ ਰੱਦ ਕਰੋ।",
  },
  "closed-by-admin": {
    en: "Clinician and admin accounts are closed by an administrator.",
    hi: "डॉक्टर और व्यवस्थापक खाते व्यवस्थापक ही बंद करते हैं।",
    pa: "ਡਾਕਟਰ ਅਤੇ ਪ੍ਰਬੰਧਕ ਖਾਤੇ ਪ੍ਰਬੰਧਕ ਹੀ ਬੰਦ ਕਰਦੇ ਹਨ।",
  },
  "emulator-only": {
    en: "This is only possible in a test environment.",
    hi: "यह केवल परीक्षण वातावरण में संभव है।",
    pa: "ਇਹ ਸਿਰਫ਼ ਟੈਸਟ ਮਾਹੌਲ ਵਿੱਚ ਸੰਭਵ ਹੈ।",
  },
  "wrong-code": {
    en: "That code is not right. Please check the SMS and try again.",
    hi: "यह कोड सही नहीं है। कृपया SMS देखकर फिर से कोशिश करें।",
    pa: "ਇਹ ਕੋਡ ਸਹੀ ਨਹੀਂ ਹੈ। ਕਿਰਪਾ ਕਰਕੇ SMS ਦੇਖ ਕੇ ਦੁਬਾਰਾ ਕੋਸ਼ਿਸ਼ ਕਰੋ।",
  },
  "too-many-wrong-codes": {
    en: "Too many wrong codes. Please ask for a new code.",
    hi: "बहुत बार गलत कोड। कृपया नया कोड मँगवाएँ।",
    pa: "ਬਹੁਤ ਵਾਰ ਗਲਤ ਕੋਡ। ਕਿਰਪਾ ਕਰਕੇ ਨਵਾਂ ਕੋਡ ਮੰਗੋ।",
  },
  "verification-expired": {
    en: "The code has expired. Please ask for a new code.",
    hi: "कोड की समय-सीमा खत्म हो गई। कृपया नया कोड मँगवाएँ।",
    pa: "ਕੋਡ ਦੀ ਮਿਆਦ ਖ਼ਤਮ ਹੋ ਗਈ। ਕਿਰਪਾ ਕਰਕੇ ਨਵਾਂ ਕੋਡ ਮੰਗੋ।",
  },
  "not-carer": {
    en: "You may not act for this patient.",
    hi: "आप इस मरीज़ की ओर से काम नहीं कर सकते।",
    pa: "ਤੁਸੀਂ ਇਸ ਮਰੀਜ਼ ਵੱਲੋਂ ਕੰਮ ਨਹੀਂ ਕਰ ਸਕਦੇ।",
  },
  "care-revoked": {
    en: "The patient has withdrawn your permission to act for them.",
    hi: "मरीज़ ने अपनी ओर से काम करने की आपकी अनुमति वापस ले ली है।",
    pa: "ਮਰੀਜ਼ ਨੇ ਆਪਣੇ ਵੱਲੋਂ ਕੰਮ ਕਰਨ ਦੀ ਤੁਹਾਡੀ ਇਜਾਜ਼ਤ ਵਾਪਸ ਲੈ ਲਈ ਹੈ।",
  },
  "care-consent-pending": {
    en: "The patient has not agreed yet. Ask them to enter the code sent to their phone.",
    hi: "मरीज़ ने अभी सहमति नहीं दी है। उनसे उनके फ़ोन पर भेजा गया कोड डालने को कहें।",
    pa: "ਮਰੀਜ਼ ਨੇ ਅਜੇ ਸਹਿਮਤੀ ਨਹੀਂ ਦਿੱਤੀ। ਉਨ੍ਹਾਂ ਨੂੰ ਉਨ੍ਹਾਂ ਦੇ ਫ਼ੋਨ 'ਤੇ ਭੇਜਿਆ ਕੋਡ ਭਰਨ ਲਈ ਕਹੋ।",
  },
  "on-behalf-required": {
    en: "Please choose the patient you are doing this for.",
    hi: "कृपया वह मरीज़ चुनें जिसके लिए आप यह कर रहे हैं।",
    pa: "ਕਿਰਪਾ ਕਰਕੇ ਉਹ ਮਰੀਜ਼ ਚੁਣੋ ਜਿਸ ਲਈ ਤੁਸੀਂ ਇਹ ਕਰ ਰਹੇ ਹੋ।",
  },
  "pharmacy-not-found": {
    en: "We could not find this pharmacy.",
    hi: "यह दवा की दुकान नहीं मिली।",
    pa: "ਇਹ ਦਵਾਈਆਂ ਦੀ ਦੁਕਾਨ ਨਹੀਂ ਮਿਲੀ।",
  },
  "pharmacy-not-approved": {
    en: "This pharmacy is not approved yet.",
    hi: "यह दवा की दुकान अभी स्वीकृत नहीं है।",
    pa: "ਇਹ ਦਵਾਈਆਂ ਦੀ ਦੁਕਾਨ ਅਜੇ ਮਨਜ਼ੂਰ ਨਹੀਂ ਹੈ।",
  },
  "medicine-unknown": {
    en: "This medicine is not in our list.",
    hi: "यह दवा हमारी सूची में नहीं है।",
    pa: "ਇਹ ਦਵਾਈ ਸਾਡੀ ਸੂਚੀ ਵਿੱਚ ਨਹੀਂ ਹੈ।",
  },
  "query-too-short": {
    en: "Please type at least 2 letters.",
    hi: "कृपया कम से कम 2 अक्षर लिखें।",
    pa: "ਕਿਰਪਾ ਕਰਕੇ ਘੱਟੋ-ਘੱਟ 2 ਅੱਖਰ ਲਿਖੋ।",
  },
  "import-interrupted": {
    en: "The import stopped part-way. Please run it again.",
    hi: "आयात बीच में रुक गया। कृपया इसे फिर से चलाएँ।",
    pa: "ਆਯਾਤ ਵਿਚਕਾਰ ਰੁਕ ਗਿਆ। ਕਿਰਪਾ ਕਰਕੇ ਇਸਨੂੰ ਦੁਬਾਰਾ ਚਲਾਓ।",
  },
  "prescription-expired": {
    en: "This prescription has expired. Ask the doctor for a new one.",
    hi: "यह पर्ची की अवधि खत्म हो गई है। डॉक्टर से नई पर्ची लें।",
    pa: "ਇਸ ਪਰਚੀ ਦੀ ਮਿਆਦ ਖ਼ਤਮ ਹੋ ਗਈ ਹੈ। ਡਾਕਟਰ ਤੋਂ ਨਵੀਂ ਪਰਚੀ ਲਓ।",
  },
  "line-balance-exceeded": {
    en: "That is more than is left to give on this line.",
    hi: "यह इस दवा की बची हुई मात्रा से ज़्यादा है।",
    pa: "ਇਹ ਇਸ ਦਵਾਈ ਦੀ ਬਾਕੀ ਮਾਤਰਾ ਤੋਂ ਵੱਧ ਹੈ।",
  },
  "line-without-medicine": {
    en: "A medicine on this prescription cannot be reserved. Please ask at the pharmacy.",
    hi: "इस पर्ची की एक दवा आरक्षित नहीं हो सकती। कृपया दवा की दुकान पर पूछें।",
    pa: "ਇਸ ਪਰਚੀ ਦੀ ਇੱਕ ਦਵਾਈ ਰਾਖਵੀਂ ਨਹੀਂ ਹੋ ਸਕਦੀ। ਕਿਰਪਾ ਕਰਕੇ ਦਵਾਈਆਂ ਦੀ ਦੁਕਾਨ 'ਤੇ ਪੁੱਛੋ।",
  },
  "substitute-not-stocked": {
    en: "The substitute medicine is not in your stock.",
    hi: "बदले में दी जाने वाली दवा आपके स्टॉक में नहीं है।",
    pa: "ਬਦਲੇ ਵਿੱਚ ਦਿੱਤੀ ਜਾਣ ਵਾਲੀ ਦਵਾਈ ਤੁਹਾਡੇ ਸਟਾਕ ਵਿੱਚ ਨਹੀਂ ਹੈ।",
  },
  "not-enough-stock": {
    en: "Not enough of this medicine is in stock.",
    hi: "इस दवा का पर्याप्त स्टॉक नहीं है।",
    pa: "ਇਸ ਦਵਾਈ ਦਾ ਕਾਫ਼ੀ ਸਟਾਕ ਨਹੀਂ ਹੈ।",
  },
  "reservation-not-found": {
    en: "We could not find this reservation.",
    hi: "यह आरक्षण नहीं मिला।",
    pa: "ਇਹ ਰਾਖਵਾਂਕਰਨ ਨਹੀਂ ਮਿਲਿਆ।",
  },
  "reservation-closed": {
    en: "This reservation was already decided or has ended.",
    hi: "इस आरक्षण पर पहले ही फ़ैसला हो चुका है या यह खत्म हो गया है।",
    pa: "ਇਸ ਰਾਖਵੇਂਕਰਨ 'ਤੇ ਪਹਿਲਾਂ ਹੀ ਫ਼ੈਸਲਾ ਹੋ ਚੁੱਕਾ ਹੈ ਜਾਂ ਇਹ ਖ਼ਤਮ ਹੋ ਗਿਆ ਹੈ।",
  },
};

/** The message for a reason in a language (English when the language is not one of the three). */
export function messageFor(reason: ErrorReason, language: Language | string): string {
  const messages = ERROR_MESSAGES[reason] ?? ERROR_MESSAGES.unknown;
  return messages[(LANGUAGES as readonly string[]).includes(language) ? (language as Language) : "en"];
}
