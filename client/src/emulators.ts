// Connecting an app to the local emulators (npm start). One setting decides where they are:
// AROGYA_EMULATOR_HOST (tools/emulators.mjs binds them there; a phone on the same network reaches
// them at that LAN address). Apps pass the host they were built with; Node reads the variable.
import type { Auth } from "firebase/auth";
import { connectAuthEmulator } from "firebase/auth";
import type { Firestore } from "firebase/firestore";
import { connectFirestoreEmulator } from "firebase/firestore";
import type { Functions } from "firebase/functions";
import { connectFunctionsEmulator } from "firebase/functions";

/** The emulators' ports (firebase.json). */
export const EMULATOR_PORTS = { auth: 9099, functions: 5001, firestore: 8080, hosting: 5000 } as const;

/** Where the emulators are: the host given, else AROGYA_EMULATOR_HOST (in Node), else 127.0.0.1. */
export function emulatorHost(host?: string): string {
  const env = typeof process !== "undefined" ? process.env?.AROGYA_EMULATOR_HOST : undefined;
  return host || env || "127.0.0.1";
}

/** Points the SDK instances given at the emulators on `host` (see emulatorHost). */
export function connectToEmulators(
  parts: { auth?: Auth; firestore?: Firestore; functions?: Functions },
  host?: string,
): string {
  const at = emulatorHost(host);
  if (parts.auth)
    connectAuthEmulator(parts.auth, `http://${at}:${EMULATOR_PORTS.auth}`, { disableWarnings: true });
  if (parts.firestore) connectFirestoreEmulator(parts.firestore, at, EMULATOR_PORTS.firestore);
  if (parts.functions) connectFunctionsEmulator(parts.functions, at, EMULATOR_PORTS.functions);
  return at;
}
