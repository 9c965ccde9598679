import { reachableUrl } from "./emulator";
import { publicApiBaseUrl, rxSigningKey } from "./params";

/** Signed links to a prescription PDF: in the app, and in the SMS. */
export const RX_LINK_MINUTES = 15;
export const RX_SMS_LINK_HOURS = 24;
/** How long the short link in the SMS (`/s/{token}`, one use) may be opened. */
export const RX_SHORT_LINK_DAYS = 7;

/** The Ed25519 key that signs prescriptions (a secret: bound to the functions that sign or verify). */
export const RX_SECRETS = [rxSigningKey];
export const prescriptionSigningKey = (): string => rxSigningKey.value();

/** Where the public API is reached; the QR on a prescription points at `${base}/rx/verify`. */
export const publicApiBase = (): string => reachableUrl(publicApiBaseUrl.value());

/**
 * The site Hosting serves (the API base without its `/api`): the verification page is at
 * `${site}/v/{code}` (the QR), `${site}/v` to type a code.
 */
export const publicSiteBase = (): string =>
  publicApiBase()
    .replace(/\/+$/, "")
    .replace(/\/api$/, "");
