import { getAuth } from "firebase-admin/auth";
import type { Claims } from "../schemas/identity";

/** Replaces the user's custom claims; the tokens they hold keep the old ones until revoked. */
export async function setRoleClaims(uid: string, claims: Claims): Promise<void> {
  await getAuth().setCustomUserClaims(uid, claims);
}

/**
 * Revokes the user's refresh tokens and answers the instant from which Auth accepts their tokens
 * again (`tokensValidAfterTime`, whole seconds), so the revocation recorded for the rules and the
 * callables is the very one Auth applies; `fallback` when Auth does not say.
 */
export async function revokeRefreshTokens(uid: string, fallback: Date): Promise<Date> {
  await getAuth().revokeRefreshTokens(uid);
  const { tokensValidAfterTime } = await getAuth().getUser(uid);
  const validAfter = tokensValidAfterTime ? new Date(tokensValidAfterTime) : fallback;
  return Number.isNaN(validAfter.getTime()) ? fallback : validAfter;
}

/** Deletes the Auth user, which signs them out everywhere. */
export async function deleteUser(uid: string): Promise<void> {
  await getAuth().deleteUser(uid);
}

/**
 * The phone number on the user's Auth account, or null: set by phone sign-in, which proved it
 * with Firebase's own code. Read from Auth each time (not from the ID token, which can be an
 * hour older than an unlinked number).
 */
export async function authPhoneNumber(uid: string): Promise<string | null> {
  const user = await getAuth().getUser(uid);
  return user.phoneNumber ?? null;
}

/** The uid of the account signed in by this phone number, or null (issue 15: never taken over). */
export async function uidByPhoneNumber(phoneNumber: string): Promise<string | null> {
  try {
    return (await getAuth().getUserByPhoneNumber(phoneNumber)).uid;
  } catch (error) {
    if ((error as { code?: string }).code === "auth/user-not-found") return null;
    throw error;
  }
}

/** The Auth account holding this phone number (phone sign-in), with its role claim; null when none. */
export async function userByPhoneNumber(
  phone: string,
): Promise<{ uid: string; role: unknown; disabled: boolean } | null> {
  try {
    const user = await getAuth().getUserByPhoneNumber(phone);
    return { uid: user.uid, role: user.customClaims?.role, disabled: user.disabled };
  } catch (error) {
    if ((error as { code?: unknown }).code === "auth/user-not-found") return null;
    throw error;
  }
}

/**
 * Creates a phone-only account (a patient a health worker registers, a dependant handed their own
 * login) under `uid`, with the patient role. Answers false when the number (or the uid) already
 * belongs to an account: nobody's account is taken over.
 */
export async function createPhoneUser(uid: string, phoneNumber: string): Promise<boolean> {
  try {
    await getAuth().createUser({ uid, phoneNumber });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "auth/phone-number-already-exists" || code === "auth/uid-already-exists") return false;
    throw error;
  }
  const claims: Claims = { role: "patient" };
  await getAuth().setCustomUserClaims(uid, claims);
  return true;
}

/** Whether an Auth account exists under this uid (a dependant has none until handed over). */
export async function userExists(uid: string): Promise<boolean> {
  try {
    await getAuth().getUser(uid);
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === "auth/user-not-found") return false;
    throw error;
  }
}

/** A user's role claim and whether the account is disabled; null when there is no such user. */
export async function userRole(uid: string): Promise<{ role: unknown; disabled: boolean } | null> {
  try {
    const user = await getAuth().getUser(uid);
    return { role: user.customClaims?.role, disabled: user.disabled };
  } catch (error) {
    if ((error as { code?: unknown }).code === "auth/user-not-found") return null;
    throw error;
  }
}
