import type { Transaction, WriteBatch } from "firebase-admin/firestore";
import type { AuditInput } from "../domain/audit/entry";
import { buildEvent, type EventIds, type EventType } from "../domain/events/events";
import { createAuditEntryIn } from "./audit";
import { createEvent } from "./events";
import { db } from "./firestore";

const ALREADY_EXISTS = 6;

/**
 * A change as the record keeps it: the audit entry (who did what to which record, from where)
 * and, for changes analytics counts, the domain event (by id only).
 */
export interface ActionRecord extends AuditInput {
  event?: { type: EventType; ids: EventIds; key: string };
}

/**
 * Records a change's audit entry and domain event in the transaction (or batch) that makes the
 * change, so they exist exactly when the change does: a crash cannot keep one and lose the other.
 */
export function recordAction(
  commit: Transaction | WriteBatch,
  record: ActionRecord,
  now: Date,
  auditId?: string,
): void {
  const { event, ...audit } = record;
  createAuditEntryIn(commit, audit, now, auditId);
  if (event)
    createEvent(buildEvent(event.type, { org: audit.org, ids: event.ids, key: event.key }, now), commit);
}

/** The audit entry's id of a change recorded once per `key` (see `recordActionOnce`). */
export const onceAuditId = (action: string, key: string): string => `${action}:${key}`;

/**
 * For a change Firestore cannot commit with its record (the Auth user a sign-up creates): the
 * audit entry and the event in one batch, both under ids derived from `key`, so they are written
 * together or not at all, and a retry of the same change finds them and writes nothing. Answers
 * false when they were already recorded.
 */
export async function recordActionOnce(
  record: ActionRecord & { event: NonNullable<ActionRecord["event"]> },
  now: Date,
): Promise<boolean> {
  const batch = db().batch();
  recordAction(batch, record, now, onceAuditId(record.action, record.event.key));
  try {
    await batch.commit();
    return true;
  } catch (error) {
    if ((error as { code?: number }).code === ALREADY_EXISTS) return false;
    throw error;
  }
}
