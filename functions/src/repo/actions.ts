import type { ChangeWriter } from "./transaction";
import type { AuditInput } from "../domain/audit/entry";
import { buildEvent, type EventIds, type EventType } from "../domain/events/events";
import { createAuditEntry } from "./audit";
import { createEvent } from "./events";

/**
 * A change as the record keeps it: the audit entry (who did what to which record, from where)
 * and, for changes analytics counts, the domain event (by id only).
 */
export interface ActionRecord extends AuditInput {
  event?: { type: EventType; ids: EventIds; key: string };
}

/**
 * Records a change's audit entry and domain event in the transaction that makes the change, so
 * they exist exactly when the change does: a crash cannot keep one and lose the other. `tx` is the
 * change's transaction or its atomic batch.
 */
export function recordAction(tx: ChangeWriter, record: ActionRecord, now: Date): void {
  const { event, ...audit } = record;
  createAuditEntry(audit, now, tx);
  if (event) createEvent(buildEvent(event.type, { org: audit.org, ids: event.ids, key: event.key }, now), tx);
}
