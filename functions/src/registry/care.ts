import { careCallable } from "./areas";
import { roles } from "./define";

/** Acting for others (issue 15): health workers and family accounts, handlers/care/. */
export const CARE_CALLABLES = [
  careCallable({
    name: "registerPatient",
    summary:
      "Registers a patient by phone number alone (an account for that number and a minimal profile); a number that has an account is refused.",
    who: "an approved health worker",
    checkRevoked: true,
    allow: { check: roles("healthWorker"), denied: "only an approved health worker registers patients" },
    handler: () => import("../handlers/care/registerPatient").then((m) => m.registerPatient),
  }),
  careCallable({
    name: "requestCareConsent",
    summary: "Texts the patient a code by which they agree to the worker acting for them.",
    who: "an approved health worker",
    rateLimit: "careCode",
    allow: {
      check: roles("healthWorker"),
      denied: "only an approved health worker asks a patient's consent",
    },
    handler: () => import("../handlers/care/requestCareConsent").then((m) => m.requestCareConsent),
  }),
  careCallable({
    name: "attestCareConsent",
    summary: "Records that a patient the worker registered agreed before a witness (who, when, witness).",
    who: "the health worker who registered the patient, before any revocation",
    allow: { check: roles("healthWorker"), denied: "only an approved health worker attests a consent" },
    handler: () => import("../handlers/care/attestCareConsent").then((m) => m.attestCareConsent),
  }),
  careCallable({
    name: "confirmCareConsent",
    summary: "The patient confirms a health worker's request with the code texted to them.",
    who: "the patient, signed in with the phone number the code was sent to",
    allow: { check: roles("patient"), denied: "only the patient confirms their consent" },
    handler: () => import("../handlers/care/confirmCareConsent").then((m) => m.confirmCareConsent),
  }),
  careCallable({
    name: "revokeCareLink",
    summary: "Ends a helper's authority to act for a patient at once; revoking twice answers the same.",
    who: "the patient; the helper, stepping down",
    handler: () => import("../handlers/care/revokeCareLink").then((m) => m.revokeCareLink),
  }),
  careCallable({
    name: "addDependant",
    summary:
      "Adds a dependant (a child, an elderly parent) to the caller's family account: a patient without a login.",
    who: "a patient",
    allow: { check: roles("patient"), denied: "a family account is a patient's account" },
    handler: () => import("../handlers/care/addDependant").then((m) => m.addDependant),
  }),
  careCallable({
    name: "startHandover",
    summary: "Texts a code to the number a dependant's own login will have.",
    who: "the holder of the dependant's family account",
    rateLimit: "careCode",
    allow: { check: roles("patient"), denied: "only the holder of a family account hands a dependant over" },
    handler: () => import("../handlers/care/startHandover").then((m) => m.startHandover),
  }),
  careCallable({
    name: "completeHandover",
    summary:
      "Gives the dependant's uid the sign-in of the number the code proved: their own login, same history.",
    who: "the holder of the dependant's family account",
    allow: { check: roles("patient"), denied: "only the holder of a family account hands a dependant over" },
    handler: () => import("../handlers/care/completeHandover").then((m) => m.completeHandover),
  }),
] as const;
