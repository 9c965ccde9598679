import type { Actor } from "../domain/identity/actor";
import type { ErrorReason } from "../schemas/errorReasons";

/**
 * Who may act for whom (issue 15). A patient's helper is either a health worker (or front desk)
 * of an organisation, whom the patient agreed to (a code they confirmed, or an attestation the
 * worker signed before a witness), or the holder of the family account a dependant belongs to.
 * The link between them is careLinks/{patientUid}_{helperUid}; firestore.rules mirror the reads
 * (a holder reads a dependant's profile and appointments while the link is active).
 */

export type CareKind = "worker" | "holder";
export type CareStatus = "pending" | "active" | "revoked";

/** The facts of a care link the decisions read. */
export interface CareLinkFacts {
  patientUid: string;
  helperUid: string;
  kind: CareKind;
  org: string | null;
  status: CareStatus;
  /** The helper made this patient's account (a health worker registering a patient by phone). */
  registeredByHelper: boolean;
  /** The link was revoked at least once: only the patient's own code makes it active again. */
  everRevoked?: boolean;
}

export type CareRefusal = {
  code: "permission-denied" | "failed-precondition" | "invalid-argument";
  message: string;
  /** The catalogue's reason (schemas/errorReasons.ts); without one, the code's default. */
  reason?: ErrorReason;
};

/** The id of the link from `patientUid` to `helperUid`: one per pair, so a rule reads it with one get(). */
export const careLinkId = (patientUid: string, helperUid: string): string => `${patientUid}_${helperUid}`;

/** A health worker of an organisation may register patients and ask for their consent. */
export function canRegisterPatients(actor: Actor): boolean {
  return actor.role === "healthWorker" && typeof actor.org === "string";
}

/** The helper this link names, in the role the link needs (a worker still of the link's organisation). */
function isLinkHelper(actor: Actor, link: CareLinkFacts): boolean {
  if (link.helperUid !== actor.uid) return false;
  return link.kind === "worker"
    ? actor.role === "healthWorker" && actor.org === link.org
    : actor.role === "patient";
}

/**
 * May `actor` act for `patientUid` (book, reschedule, cancel, upload) under `link`, the link read
 * for that pair (null when none)? Only the link's helper, in the link's role, while it is active.
 */
export function checkActFor(
  actor: Actor,
  patientUid: string,
  link: CareLinkFacts | null,
): CareRefusal | null {
  if (patientUid === actor.uid)
    return { code: "invalid-argument", message: "onBehalfOf: you act for yourself without it" };
  if (!link || link.patientUid !== patientUid || !isLinkHelper(actor, link))
    return { code: "permission-denied", reason: "not-carer", message: "you may not act for this patient" };
  if (link.status === "revoked")
    return {
      code: "permission-denied",
      reason: "care-revoked",
      message: "the patient revoked your authority to act for them",
    };
  if (link.status === "pending")
    return {
      code: "failed-precondition",
      reason: "care-consent-pending",
      message: "the patient has not yet agreed to your help",
    };
  return null;
}

/**
 * A health worker acts only for patients: a request of theirs without `onBehalfOf` (a booking for
 * themselves) is refused, so nothing is ever booked in a worker's own name.
 */
export function checkActsForSelf(actor: Actor): CareRefusal | null {
  return actor.role === "healthWorker"
    ? {
        code: "permission-denied",
        reason: "on-behalf-required",
        message: "a health worker acts for a patient: give onBehalfOf",
      }
    : null;
}

/**
 * May the worker record a witnessed attestation instead of the patient's code? Only for a patient
 * they registered themselves (who may have no phone of their own to read a code on), and never to
 * undo a revocation: once the patient revoked, only their own code gives the authority back.
 */
export function checkCanAttest(actor: Actor, link: CareLinkFacts | null): CareRefusal | null {
  if (!link || link.kind !== "worker" || !isLinkHelper(actor, link))
    return {
      code: "permission-denied",
      reason: "not-carer",
      message: "you have not asked this patient for consent",
    };
  if (!link.registeredByHelper)
    return {
      code: "failed-precondition",
      reason: "consent-conflict",
      message: "this patient has their own account: they confirm with the code sent to them",
    };
  if (link.everRevoked || link.status === "revoked")
    return {
      code: "failed-precondition",
      reason: "consent-conflict",
      message: "the patient revoked your authority: only their own code restores it",
    };
  if (link.status === "active")
    return { code: "failed-precondition", reason: "consent-conflict", message: "the patient already agreed" };
  return null;
}

/** The patient ends a helper's authority; a helper may also step down. */
export function checkCanRevoke(actor: Actor, link: CareLinkFacts | null): CareRefusal | null {
  if (!link || (actor.uid !== link.patientUid && actor.uid !== link.helperUid))
    return {
      code: "permission-denied",
      reason: "not-carer",
      message: "only the patient or their helper ends this authority",
    };
  return null;
}

/** The holder of an active family link hands the dependant their own login. */
export function checkCanHandOver(actor: Actor, link: CareLinkFacts | null): CareRefusal | null {
  if (!link || link.kind !== "holder" || !isLinkHelper(actor, link) || link.status !== "active")
    return {
      code: "permission-denied",
      reason: "not-carer",
      message: "only the holder of this dependant hands them their login",
    };
  return null;
}

/**
 * Reads firestore.rules allow from a helper: the holder of an active family link reads the
 * dependant's profile and appointments. A health worker reads only what the functions answer.
 */
export function canReadAsHelper(actor: Pick<Actor, "uid" | "role">, link: CareLinkFacts | null): boolean {
  return (
    link !== null &&
    link.kind === "holder" &&
    link.status === "active" &&
    link.helperUid === actor.uid &&
    actor.role === "patient"
  );
}
