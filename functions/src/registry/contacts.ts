import { defineCallable, roles } from "./define";

/** How the platform reaches a user: a proven phone number, a clinician's preferences. handlers/contacts/. */
export const CONTACT_CALLABLES = [
  defineCallable({
    name: "requestPhoneVerification",
    summary:
      "Sends a six-digit code to a number to prove it; the Auth account's own number is recorded at once.",
    who: "any signed-in user (limited per user and per number)",
    request: () => import("../schemas/contacts").then((m) => m.requestPhoneVerificationSchema),
    rateLimit: "phoneVerification",
    response: () =>
      import("../schemas/responses/contacts").then((m) => m.requestPhoneVerificationResponseSchema),
    handler: () =>
      import("../handlers/contacts/requestPhoneVerification").then((m) => m.requestPhoneVerification),
  }),
  defineCallable({
    name: "confirmPhoneVerification",
    summary: "Records the number as the caller's contact when the code sent to it comes back; a few tries.",
    who: "the user the code was sent for",
    request: () => import("../schemas/contacts").then((m) => m.confirmPhoneVerificationSchema),
    response: () =>
      import("../schemas/responses/contacts").then((m) => m.confirmPhoneVerificationResponseSchema),
    handler: () =>
      import("../handlers/contacts/confirmPhoneVerification").then((m) => m.confirmPhoneVerification),
  }),
  defineCallable({
    name: "setClinicianContact",
    summary: "Sets how a doctor is messaged: language, SMS or WhatsApp, quiet hours.",
    who: "doctors, for themselves",
    request: () => import("../schemas/contacts").then((m) => m.setClinicianContactSchema),
    allow: { check: roles("doctor"), denied: "only doctors set a clinician contact" },
    response: () => import("../schemas/responses/contacts").then((m) => m.setClinicianContactResponseSchema),
    handler: () => import("../handlers/contacts/setClinicianContact").then((m) => m.setClinicianContact),
  }),
] as const;
