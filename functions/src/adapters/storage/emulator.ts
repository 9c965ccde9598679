import { generateKeyPair } from "node:crypto";
import { promisify } from "node:util";

/**
 * Emulator-only pieces of the Storage client. In the emulator STORAGE_EMULATOR_HOST points at
 * fake-gcs-server (tools/gcs.mjs, http://127.0.0.1:4443); firebase-tools sets the same variable
 * when its own Storage emulator runs.
 */

/** The emulator's origin from STORAGE_EMULATOR_HOST ("http://127.0.0.1:4443", "127.0.0.1:4443", with or without a path). */
export function emulatorOrigin(hostEnv: string): string {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(hostEnv) ? hostEnv : `http://${hostEnv}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new Error("STORAGE_EMULATOR_HOST is not a host or URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new Error("STORAGE_EMULATOR_HOST must be http(s)");
  return url.origin;
}

/** A service-account-shaped identity that exists nowhere: it names the signer in X-Goog-Credential. */
export const EMULATOR_SIGNER_EMAIL = "storage-emulator@demo-arogya.iam.gserviceaccount.com";

export interface EmulatorCredentials {
  client_email: string;
  private_key: string;
}

let credentials: Promise<EmulatorCredentials> | undefined;

/**
 * Credentials for signing URLs in the emulator, where there is no service account and no
 * network: a throwaway RSA key made once per process (in the thread pool, ~0.1–0.5 s) and never
 * written anywhere. With `credentials` the client signs V4 URLs locally with this key, the same
 * code path as a downloaded service-account key. fake-gcs-server does not check signatures, so
 * no one needs the public half.
 */
export function emulatorCredentials(): Promise<EmulatorCredentials> {
  credentials ??= promisify(generateKeyPair)("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  }).then(({ privateKey }) => ({ client_email: EMULATOR_SIGNER_EMAIL, private_key: privateKey }));
  return credentials;
}
