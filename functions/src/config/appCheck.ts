/**
 * App Check, switched per callable at deploy time.
 *
 * `APP_CHECK_ENFORCED` (in `functions/.env.<project>`) lists the callables that refuse a request
 * without a valid App Check token (`unauthenticated`), comma-separated, or `all`:
 *   APP_CHECK_ENFORCED=book,requestRecordUpload,joinConsultation
 * `APP_CHECK_CONSUMED` lists those that also consume the token (replay protection: each
 * limited-use token is accepted once; the client must call with `limitedUseAppCheckTokens: true`);
 * a consumed callable is enforced too. firebase-functions hands a replayed token to the handler
 * with `request.app.alreadyConsumed`; `requireActor` (handlers/context.ts) refuses it.
 * Unset or empty means off, which is the emulator's default (tests carry no App Check tokens).
 *
 * Both are read from the environment when the functions load: `firebase deploy` reads them while
 * discovering the functions and the deployed functions get the same values, so changing one
 * takes a deploy (a new revision), like any other parameter. An unknown name fails the load,
 * so a typo stops the deploy instead of silently leaving a callable unprotected.
 */

/** Every callable, by the name clients pass to httpsCallable(). */
export const CALLABLES = [
  "applyForRole",
  "reviewApplication",
  "createOrganisation",
  "assignOrgAdmin",
  "setAvailability",
  "listSlots",
  "book",
  "reschedule",
  "cancel",
  "recordOutcome",
  "upsertMedicine",
  "searchMedicines",
  "setStockItem",
  "importStockCsv",
  "findPharmacies",
  "writeClinicalRecord",
  "issuePrescription",
  "prescriptionLink",
  "dispensePrescription",
  "requestRecordUpload",
  "confirmRecordUpload",
  "listRecords",
  "recordDownloadLink",
  "shareRecords",
  "grantConsent",
  "revokeConsent",
  "exportMyData",
  "deleteMyAccount",
  "requestPhoneVerification",
  "confirmPhoneVerification",
  "setClinicianContact",
  "runScheduledWork",
  "joinConsultation",
  "leaveConsultation",
  "startConsultation",
  "endConsultation",
  "getKpis",
  "exportCsv",
  "listUsers",
  "setUserStatus",
  "readAuditLog",
] as const;

export type CallableName = (typeof CALLABLES)[number];

export interface AppCheckOptions {
  enforceAppCheck: boolean;
  consumeAppCheckToken: boolean;
}

/** The callables a list names: `all`, or comma-separated names (spaces ignored). */
export function parseCallableList(variable: string, value: string | undefined): ReadonlySet<CallableName> {
  const names = (value ?? "")
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  if (names.length === 1 && names[0].toLowerCase() === "all") return new Set(CALLABLES);
  const unknown = names.filter((name) => !(CALLABLES as readonly string[]).includes(name));
  if (unknown.length)
    throw new Error(
      `${variable}: unknown callable ${unknown.join(", ")} (use names from config/appCheck.ts, or "all")`,
    );
  return new Set(names as CallableName[]);
}

/** The App Check options of one callable under the given environment. */
export function appCheckOptions(name: CallableName, env: NodeJS.ProcessEnv): AppCheckOptions {
  const consumed = parseCallableList("APP_CHECK_CONSUMED", env.APP_CHECK_CONSUMED).has(name);
  // Consuming without enforcing would let a client dodge replay protection by sending no token.
  const enforced = consumed || parseCallableList("APP_CHECK_ENFORCED", env.APP_CHECK_ENFORCED).has(name);
  return { enforceAppCheck: enforced, consumeAppCheckToken: consumed };
}

/** For a callable trigger: `onCall({ ...appCheckFor("book"), … }, handler)`. */
export function appCheckFor(name: CallableName): AppCheckOptions {
  return appCheckOptions(name, process.env);
}
