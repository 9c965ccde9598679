import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  startBigQueryRecorder,
  type BigQueryRecorder,
  type RecordedInsertAll,
  type RecordedRow,
} from "../../../../tools/bigquery-recorder.mjs";
import { bigQueryEventTable, insertWithRetry, type EventTable } from "../../adapters/bigquery/exporter";
import { EVENT_FIELDS, eventRow } from "../../adapters/bigquery/schema";
import { buildEvent, type DomainEvent } from "../../domain/events/events";
import { memoryEventStore } from "../../../../tests/fakes/memoryEventStore";
import { exportEvents } from "./exportEvents";

// The exporter with the real @google-cloud/bigquery client against the local BigQuery recorder
// (tools/bigquery-recorder.mjs), started in this process; events come from an in-memory store.
// The recorder checks every row against the table schema of the repo.

let recorder: BigQueryRecorder;
let table: EventTable;
const noWait = { sleep: async () => undefined };

beforeAll(async () => {
  recorder = await startBigQueryRecorder({ port: 0, schema: { fields: EVENT_FIELDS } });
  table = bigQueryEventTable({
    projectId: "demo-arogya",
    dataset: "arogya_analytics",
    table: "events",
    apiEndpoint: recorder.url,
    maxRetries: 0,
  });
});
afterAll(async () => {
  await recorder.close();
});
beforeEach(async () => {
  await fetch(`${recorder.url}/__recorder/requests`, { method: "DELETE" });
});

async function requests(): Promise<RecordedInsertAll[]> {
  return (
    (await (await fetch(`${recorder.url}/__recorder/requests`)).json()) as { requests: RecordedInsertAll[] }
  ).requests;
}
async function rows(): Promise<{ rows: RecordedRow[]; duplicates: number }> {
  return (await (await fetch(`${recorder.url}/__recorder/rows`)).json()) as {
    rows: RecordedRow[];
    duplicates: number;
  };
}
async function failRows(match: string, times = 1, reason?: string) {
  await fetch(`${recorder.url}/__recorder/fail`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ match, times, ...(reason ? { reason } : {}) }),
  });
}

const t0 = Date.parse("2026-11-20T00:00:00.000Z");
/** n events, one a second, every tenth a stock-out, the rest bookings. */
function events(n: number, prefix = "a"): DomainEvent[] {
  return Array.from({ length: n }, (_, i) =>
    i % 10 === 9
      ? buildEvent(
          "stock.out",
          {
            org: "org-ph",
            ids: { pharmacyId: "ph1", medicineId: `m-${prefix}${i}` },
            key: `ph1:m-${prefix}${i}`,
          },
          new Date(t0 + i * 1000),
        )
      : buildEvent(
          "appointment.booked",
          {
            org: "org-1",
            ids: { appointmentId: `${prefix}${i}`, patientUid: `p${i}`, doctorUid: "d1" },
            key: `${prefix}${i}`,
          },
          new Date(t0 + i * 1000),
        ),
  );
}
const now = new Date("2026-11-20T12:00:00.000Z");

describe("exportEvents", () => {
  it("exports 1,200 events in 3 insertAll requests of at most 500 rows, event id as insertId, and marks them exported", async () => {
    const store = memoryEventStore(events(1200));
    const run = await exportEvents(now, { store, table, retry: noWait });
    expect(run).toEqual({ read: 1200, exported: 1200, failed: 0, batches: 3, requests: 3 });
    const sent = await requests();
    expect(sent.map((r) => r.body.rows!.length)).toEqual([500, 500, 200]);
    expect(
      sent.every(
        (r) =>
          r.project === "demo-arogya" &&
          r.dataset === "arogya_analytics" &&
          r.table === "events" &&
          r.body.skipInvalidRows === true,
      ),
    ).toBe(true);
    // Oldest first, each row's insertId its event id, valid against the schema (the recorder checked).
    const first = sent[0].body.rows![0];
    expect(first).toEqual({
      insertId: "appointment.booked:a0",
      json: {
        event_id: "appointment.booked:a0",
        type: "appointment.booked",
        occurred_at: "2026-11-20T00:00:00.000Z",
        org: "org-1",
        ids: { patient_uid: "p0", doctor_uid: "d1", appointment_id: "a0" },
      },
    });
    expect(sent.every((r) => r.insertErrors.length === 0)).toBe(true);
    const stored = await rows();
    expect(stored.rows).toHaveLength(1200);
    expect(new Set(stored.rows.map((r) => r.insertId))).toEqual(
      new Set(store.events.map((e) => e.event.eventId)),
    );
    expect(store.events.every((e) => e.exported && e.exportedAt === now)).toBe(true);
    // Nothing left: a second run reads nothing and sends nothing.
    expect(await exportEvents(now, { store, table, retry: noWait })).toEqual({
      read: 0,
      exported: 0,
      failed: 0,
      batches: 0,
      requests: 0,
    });
    expect(await requests()).toHaveLength(3);
  });

  it("a batch sent again (the run died before marking it) adds no row: BigQuery dedupes by insertId", async () => {
    const batch = events(500);
    const store = memoryEventStore(batch);
    // The first run's marking is lost, as if the function died after the insert.
    const forgetful = { ...store, markExported: async () => undefined };
    await exportEvents(now, { store: forgetful, table, retry: noWait });
    const before = await rows();
    expect(before.rows).toHaveLength(500);
    expect(store.events.every((e) => !e.exported)).toBe(true);

    const run = await exportEvents(now, { store, table, retry: noWait });
    expect(run).toMatchObject({ read: 500, exported: 500, requests: 1 });
    const after = await rows();
    expect(after.rows).toHaveLength(500);
    expect(after.duplicates).toBe(500);
    expect(after.rows.map((r) => r.insertId)).toEqual(before.rows.map((r) => r.insertId));
    expect(await requests()).toHaveLength(2);
  });

  it("a partial failure is retried with the failed rows only, after a backoff", async () => {
    await failRows("^stock\\.out$");
    const store = memoryEventStore(events(300));
    const waits: number[] = [];
    const run = await exportEvents(now, {
      store,
      table,
      retry: { sleep: async (ms) => void waits.push(ms) },
    });
    expect(run).toEqual({ read: 300, exported: 300, failed: 0, batches: 1, requests: 2 });
    const [first, retry] = await requests();
    expect(first.body.rows).toHaveLength(300);
    expect(first.insertErrors).toHaveLength(30);
    expect(retry.body.rows!.map((r) => r.insertId)).toEqual(
      store.events.filter((e) => e.event.type === "stock.out").map((e) => e.event.eventId),
    );
    expect(retry.insertErrors).toEqual([]);
    expect(waits).toEqual([500]);
    expect((await rows()).rows).toHaveLength(300);
    expect((await rows()).duplicates).toBe(0);
    expect(store.events.every((e) => e.exported)).toBe(true);
  });

  it("rows that fail 3 attempts keep exported false with lastError; the others are exported; the next run sends only them", async () => {
    await failRows("appointment\\.booked:a1$", 3);
    await failRows("appointment\\.booked:a2$", 3, "timeout");
    const store = memoryEventStore(events(9));
    const waits: number[] = [];
    const run = await exportEvents(now, {
      store,
      table,
      retry: { sleep: async (ms) => void waits.push(ms) },
    });
    expect(run).toEqual({ read: 9, exported: 7, failed: 2, batches: 1, requests: 3 });
    expect(waits).toEqual([500, 2000]);
    expect((await requests()).map((r) => r.body.rows!.length)).toEqual([9, 2, 2]);
    const failed = store.events.filter((e) => !e.exported);
    expect(failed.map((e) => [e.event.eventId, e.lastError, e.exportAttempts])).toEqual([
      ["appointment.booked:a1", expect.stringMatching(/^backendError: /), 1],
      ["appointment.booked:a2", expect.stringMatching(/^timeout: /), 1],
    ]);
    // The rules are spent: the next run exports the two, and only them.
    const next = await exportEvents(now, { store, table, retry: noWait });
    expect(next).toEqual({ read: 2, exported: 2, failed: 0, batches: 1, requests: 1 });
    expect((await rows()).rows).toHaveLength(9);
  });

  it("failed rows do not hold a run: later batches are still read and exported", async () => {
    await failRows("appointment\\.booked:a0$", 3);
    const store = memoryEventStore(events(25));
    const run = await exportEvents(now, { store, table, batchSize: 10, retry: noWait });
    expect(run).toMatchObject({ read: 25, exported: 24, failed: 1, batches: 3 });
  });

  it("a request that fails as a whole stops the run; nothing is marked exported", async () => {
    await fetch(`${recorder.url}/__recorder/fail`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ status: 503, times: 5 }),
    });
    const store = memoryEventStore(events(30));
    const run = await exportEvents(now, { store, table, batchSize: 10, retry: noWait });
    expect(run).toEqual({ read: 10, exported: 0, failed: 10, batches: 1, requests: 1 });
    expect(store.events.filter((e) => e.lastError?.startsWith("request: "))).toHaveLength(10);
    expect(store.events.every((e) => !e.exported)).toBe(true);
    expect((await rows()).rows).toEqual([]);
  });

  it("caps a run at maxBatches", async () => {
    const store = memoryEventStore(events(50));
    expect(
      await exportEvents(now, { store, table, batchSize: 10, maxBatches: 2, retry: noWait }),
    ).toMatchObject({ read: 20, exported: 20, batches: 2 });
  });
});

describe("insertWithRetry", () => {
  it("does not send again a row BigQuery called invalid", async () => {
    const bad = eventRow(events(1)[0]);
    const row = { ...bad, json: { ...bad.json, patient_name: "Sunita" } } as unknown as typeof bad;
    const outcome = await insertWithRetry(table, [row, eventRow(events(2, "b")[1])], noWait);
    expect(outcome).toEqual({
      inserted: ["appointment.booked:b1"],
      failed: [{ insertId: row.insertId, reason: "invalid", message: "no such field: patient_name." }],
      requests: 1,
      requestError: null,
    });
  });
});
