// Clients of the running emulators, for the emulator tests, the seed and the demo.
// `firebase emulators:exec` sets the *_EMULATOR_HOST variables; the defaults match firebase.json.
import { randomUUID } from "node:crypto";
import { deleteApp, initializeApp, type FirebaseApp } from "firebase/app";
import {
  connectAuthEmulator,
  createUserWithEmailAndPassword,
  getAuth,
  signInWithEmailAndPassword,
  type Auth,
  type User,
} from "firebase/auth";
import { connectFirestoreEmulator, getFirestore, setLogLevel, type Firestore } from "firebase/firestore";
import { connectFunctionsEmulator, getFunctions, httpsCallable } from "firebase/functions";
import { getApps as getAdminApps, initializeApp as initializeAdminApp } from "firebase-admin/app";
import { getAuth as getAdminAuth } from "firebase-admin/auth";
import { arogyaCallables, type ArogyaCallables } from "../client/src";
import { getFirestore as getAdminFirestore } from "firebase-admin/firestore";

export const PROJECT_ID = process.env.GCLOUD_PROJECT ?? "demo-arogya";
export const REGION = "asia-south1";
const [authHost, authPort] = (process.env.FIREBASE_AUTH_EMULATOR_HOST ?? "127.0.0.1:9099").split(":");
const [fsHost, fsPort] = (process.env.FIRESTORE_EMULATOR_HOST ?? "127.0.0.1:8080").split(":");
const [fnHost, fnPort] = (process.env.FUNCTIONS_EMULATOR_HOST ?? "127.0.0.1:5001").split(":");
export const FUNCTIONS_URL = `http://${fnHost}:${fnPort}/${PROJECT_ID}/${REGION}`;
export const HOSTING_URL = "http://127.0.0.1:5000";
export const AUTH_URL = `http://${authHost}:${authPort}`;

/** The Admin SDK, for fixtures and for checking what a call left behind. */
export function admin() {
  const app = getAdminApps()[0] ?? initializeAdminApp({ projectId: PROJECT_ID });
  return { auth: getAdminAuth(app), db: getAdminFirestore(app) };
}

/** A client (one app instance per user, so each has its own auth state). */
export interface Client {
  app: FirebaseApp;
  auth: Auth;
  db: Firestore;
  user: User;
  /** Calls a callable; resolves with its data or rejects with a FunctionsError. */
  call<T = unknown>(name: string, data?: unknown): Promise<T>;
  /**
   * The typed client (client/): one function per callable, typed by the registry; refusals
   * reject with an ArogyaError (`code` without the `functions/` prefix, `reason`, `fields`).
   */
  arogya: ArogyaCallables;
  /** Signs in again to pick up new claims (sessions are revoked on role change). */
  refresh(): Promise<void>;
  close(): Promise<void>;
}

export const PASSWORD = "correct-horse-battery";

// Refused writes are expected in tests and the demo; the SDK would log each one as an error.
setLogLevel("silent");

function clientApp(): { app: FirebaseApp; auth: Auth; db: Firestore } {
  const app = initializeApp({ projectId: PROJECT_ID, apiKey: "demo-api-key" }, `client-${randomUUID()}`);
  const auth = getAuth(app);
  connectAuthEmulator(auth, AUTH_URL, { disableWarnings: true });
  const db = getFirestore(app);
  connectFirestoreEmulator(db, fsHost, Number(fsPort));
  return { app, auth, db };
}

function makeClient(
  parts: { app: FirebaseApp; auth: Auth; db: Firestore },
  email: string,
  password: string,
): Client {
  const functions = getFunctions(parts.app, REGION);
  connectFunctionsEmulator(functions, fnHost, Number(fnPort));
  const client: Client = {
    ...parts,
    user: parts.auth.currentUser!,
    // Generous: under a burst the emulator cold-starts a worker process per call.
    arogya: arogyaCallables(functions, { timeoutMs: 240_000 }),
    async call<T>(name: string, data?: unknown) {
      // Generous: under a burst the emulator cold-starts a worker process per call.
      const result = await httpsCallable(functions, name, { timeout: 240_000 })(data);
      return result.data as T;
    },
    async refresh() {
      const credential = await signInWithEmailAndPassword(parts.auth, email, password);
      client.user = credential.user;
      await credential.user.getIdToken(true);
    },
    close: () => deleteApp(parts.app),
  };
  return client;
}

export function uniqueEmail(label: string): string {
  return `${label}-${randomUUID().slice(0, 8)}@test.arogya.example`;
}

/** Signs a new user up through the Auth emulator (the blocking trigger gives them `patient`). */
export async function signUp(email = uniqueEmail("user")): Promise<Client> {
  const parts = clientApp();
  await createUserWithEmailAndPassword(parts.auth, email, PASSWORD);
  return makeClient(parts, email, PASSWORD);
}

/** Signs an existing email user in (the demo accounts use the seed's password). */
export async function signIn(email: string, password = PASSWORD): Promise<Client> {
  const parts = clientApp();
  await signInWithEmailAndPassword(parts.auth, email, password);
  return makeClient(parts, email, password);
}

/** A user with the given claims, set as a fixture through the Admin SDK. */
export async function userWithClaims(claims: Record<string, unknown>, label = "fixture"): Promise<Client> {
  const email = uniqueEmail(label);
  const client = await signUp(email);
  await admin().auth.setCustomUserClaims(client.user.uid, claims);
  await client.refresh();
  return client;
}

/** The code of a rejected callable, e.g. "functions/permission-denied". */
export async function callError(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { code?: string; message?: string };
    // The JS SDK appends the HTTP status to the server's message: "… [400]".
    return { code: e.code ?? "no-code", message: (e.message ?? "").replace(/ \[\d{3}\]$/, "") };
  }
  throw new Error("expected the call to be refused, but it succeeded");
}

/** Claims of the client's current ID token. */
export async function claimsOf(client: Client): Promise<Record<string, unknown>> {
  return (await client.user.getIdTokenResult()).claims;
}

/**
 * Phone sign-up through the Auth emulator's Identity Toolkit REST API (the client SDK's phone
 * flow needs a browser reCAPTCHA). The emulator hands out the SMS code instead of sending it.
 */
export async function phoneSignUp(phoneNumber: string): Promise<{ idToken: string; uid: string }> {
  const key = "demo-api-key";
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${AUTH_URL}/identitytoolkit.googleapis.com/v1/${path}?key=${key}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as Record<string, unknown>;
    if (!res.ok) throw new Error(`Auth emulator ${path}: ${JSON.stringify(json)}`);
    return json;
  };
  const { sessionInfo } = await post("accounts:sendVerificationCode", {
    phoneNumber,
    recaptchaToken: "ignored",
  });
  const codes = (await (
    await fetch(`${AUTH_URL}/emulator/v1/projects/${PROJECT_ID}/verificationCodes`)
  ).json()) as {
    verificationCodes: Array<{ phoneNumber: string; code: string; sessionInfo: string }>;
  };
  const code = codes.verificationCodes.find((c) => c.sessionInfo === sessionInfo)?.code;
  if (!code) throw new Error("the Auth emulator issued no verification code");
  const signedIn = await post("accounts:signInWithPhoneNumber", { sessionInfo, code });
  return { idToken: String(signedIn.idToken), uid: String(signedIn.localId) };
}

/** The payload of a JWT, unverified: for showing claims in the demo and tests only. */
export function jwtPayload(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString("utf8"));
}

/**
 * Resolves once the wall clock is past the given whole second. Firebase Auth keeps revocation
 * times in whole seconds, so a token signed in during the second of a revocation survives it.
 */
export async function waitPastSecond(epochSeconds: number): Promise<void> {
  const wait = (epochSeconds + 1) * 1000 - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait + 5));
}

/**
 * Signs up `count` users, a few at a time: each sign-up runs the blocking function, and the
 * Functions emulator starts a worker process per concurrent call.
 */
export async function signUpMany(count: number, concurrency = 5): Promise<Client[]> {
  const users: Client[] = [];
  while (users.length < count) {
    const batch = Math.min(concurrency, count - users.length);
    users.push(...(await Promise.all(Array.from({ length: batch }, () => signUp()))));
  }
  return users;
}
