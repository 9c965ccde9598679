/**
 * Audit entries record who did what to which record, when and from where. They hold ids
 * and action names only, never PHI values (names, phone numbers, notes).
 */

/** Medical-record retention in India (Indian Medical Council regulations, 3 years) is
 * exceeded on purpose: audit entries are kept six years, then removed by a TTL policy. */
export const AUDIT_RETENTION_YEARS = 6;

import { AUDIT_ACTIONS, type AuditAction } from "../../schemas/audit";

export { AUDIT_ACTIONS, type AuditAction };

export interface AuditInput {
  action: AuditAction;
  /** `onBehalfOf`: the patient the actor acted for (issue 15), recorded as the entry's `onBehalfOf`. */
  actor: { uid: string; role: string; onBehalfOf?: string };
  /** The patient acted for, when not given on the actor ("by X on behalf of Y"). */
  onBehalfOf?: string;
  /** The organisation the action concerns, so its admins can read the entry. */
  org: string | null;
  target: { type: string; id: string };
  origin?: { ip?: string; userAgent?: string };
}

/** The actor of what the functions do on their own (a scheduled run): no user, no origin. */
export const SYSTEM_ACTOR = { uid: "system", role: "system" } as const satisfies AuditInput["actor"];

export interface AuditEntry {
  action: AuditAction;
  actorUid: string;
  actorRole: string;
  /** Present only on an action made for someone else: the patient acted for (issue 15). */
  onBehalfOf?: string;
  org: string | null;
  target: { type: string; id: string };
  at: Date;
  /** The Firestore TTL field: the entry is deleted after this instant. */
  expireAt: Date;
  ip: string | null;
  userAgent: string | null;
}

export function retentionEnd(now: Date): Date {
  const end = new Date(now.getTime());
  end.setUTCFullYear(end.getUTCFullYear() + AUDIT_RETENTION_YEARS);
  return end;
}

export function buildAuditEntry(input: AuditInput, now: Date): AuditEntry {
  const onBehalfOf = input.onBehalfOf ?? input.actor.onBehalfOf;
  return {
    action: input.action,
    actorUid: input.actor.uid,
    actorRole: input.actor.role,
    ...(onBehalfOf !== undefined && onBehalfOf !== input.actor.uid ? { onBehalfOf } : {}),
    org: input.org,
    target: { type: input.target.type, id: input.target.id },
    at: now,
    expireAt: retentionEnd(now),
    ip: input.origin?.ip?.slice(0, 64) ?? null,
    userAgent: input.origin?.userAgent?.slice(0, 256) ?? null,
  };
}
