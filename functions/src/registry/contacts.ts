import { contactCallable } from "./areas";
import { roles } from "./define";

/** How the platform reaches a user: a proven phone number, a clinician's preferences. handlers/contacts/. */
export const CONTACT_CALLABLES = [
  contactCallable({
    name: "requestPhoneVerification",
    summary:
      "Sends a six-digit code to a number to prove it; the Auth account's own number is recorded at once.",
    who: "any signed-in user (limited per user and per number)",
    rateLimit: "phoneVerification",
    handler: () =>
      import("../handlers/contacts/requestPhoneVerification").then((m) => m.requestPhoneVerification),
  }),
  contactCallable({
    name: "confirmPhoneVerification",
    summary: "Records the number as the caller's contact when the code sent to it comes back; a few tries.",
    who: "the user the code was sent for",
    handler: () =>
      import("../handlers/contacts/confirmPhoneVerification").then((m) => m.confirmPhoneVerification),
  }),
  contactCallable({
    name: "setClinicianContact",
    summary: "Sets how a doctor is messaged: language, SMS or WhatsApp, quiet hours.",
    who: "doctors, for themselves",
    allow: { check: roles("doctor"), denied: "only doctors set a clinician contact" },
    handler: () => import("../handlers/contacts/setClinicianContact").then((m) => m.setClinicianContact),
  }),
] as const;
