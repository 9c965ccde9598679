import { accountCallable } from "./areas";
import { roles } from "./define";

/** A patient's own account: handlers/account/. */
export const ACCOUNT_CALLABLES = [
  accountCallable({
    name: "exportMyData",
    summary: "Everything stored about the patient, with their files, as one ZIP behind a link valid an hour.",
    who: "patients (signed in again if their tokens were revoked); with onBehalfOf, the holder of a family account for a dependant (never a health worker)",
    checkRevoked: true,
    rateLimit: "export",
    allow: { check: roles("patient"), denied: "exports are of a patient's own data" },
    // Zips every file of the patient: more memory and time than the default.
    memory: "1GiB",
    timeoutSeconds: 300,
    handler: () => import("../handlers/account/exportMyData").then((m) => m.exportMyData),
  }),
  accountCallable({
    name: "deleteMyAccount",
    summary: "Erases the patient's account and data; the record of care is retained three years, unreadable.",
    who: "patients, with no appointment ahead (signed in again if their tokens were revoked)",
    checkRevoked: true,
    timeoutSeconds: 300,
    handler: () => import("../handlers/account/deleteMyAccount").then((m) => m.deleteMyAccount),
  }),
] as const;
