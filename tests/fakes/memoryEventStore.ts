import type { DomainEvent } from "../../functions/src/domain/events/events";
import type { EventStore } from "../../functions/src/repo/events";

/** An event as the in-memory store holds it (the fields the Firestore store keeps). */
export interface MemoryEvent {
  event: DomainEvent;
  exported: boolean;
  exportedAt: Date | null;
  exportAttempts: number;
  lastError: string | null;
}

/**
 * The exporter's event store in memory, with the Firestore store's semantics (unexported events
 * oldest first, a cursor past the last one read): for the exporter's unit tests and the
 * `bench:events` benchmark, which need no emulator.
 */
export function memoryEventStore(events: DomainEvent[] = []) {
  const all: MemoryEvent[] = events.map((event) => ({
    event,
    exported: false,
    exportedAt: null,
    exportAttempts: 0,
    lastError: null,
  }));
  const byId = new Map(all.map((e) => [e.event.eventId, e]));
  const order = (a: MemoryEvent, b: MemoryEvent) =>
    a.event.occurredAt.localeCompare(b.event.occurredAt) || a.event.eventId.localeCompare(b.event.eventId);
  const store: EventStore & { events: MemoryEvent[]; add(events: DomainEvent[]): void } = {
    events: all,
    add(more) {
      for (const event of more) {
        if (byId.has(event.eventId)) continue;
        const e = { event, exported: false, exportedAt: null, exportAttempts: 0, lastError: null };
        all.push(e);
        byId.set(event.eventId, e);
      }
    },
    async pending(limit, cursor) {
      const after = cursor as MemoryEvent | null;
      const page = all
        .filter((e) => !e.exported && (!after || order(e, after) > 0))
        .sort(order)
        .slice(0, limit);
      return { events: page.map((e) => e.event), cursor: page.at(-1) ?? cursor };
    },
    async markExported(eventIds, now) {
      for (const id of eventIds) {
        const e = byId.get(id);
        if (e) Object.assign(e, { exported: true, exportedAt: now, lastError: null });
      }
    },
    async markFailed(failures) {
      for (const f of failures) {
        const e = byId.get(f.eventId);
        if (e) Object.assign(e, { lastError: f.error.slice(0, 500), exportAttempts: e.exportAttempts + 1 });
      }
    },
  };
  return store;
}
