import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  startBigQueryRecorder,
  type BigQueryRecorder,
  type FailureRule,
  type RecordedInsertAll,
  type RecordedRow,
} from "./bigquery-recorder.mjs";

// The HTTP contract of the local BigQuery recorder, spoken to directly (the exporter's tests
// drive it through the real @google-cloud/bigquery client).
const INSERT = "/bigquery/v2/projects/demo-arogya/datasets/arogya_analytics/tables/events/insertAll";

let recorder: BigQueryRecorder;

const row = (id: string, type = "appointment.booked", extra: Record<string, unknown> = {}) => ({
  insertId: id,
  json: { event_id: id, type, occurred_at: "2026-11-20T10:00:00.000Z", ...extra },
});

async function insertAll(body: unknown, path = INSERT, headers: Record<string, string> = {}) {
  const response = await fetch(`${recorder.url}${path}?prettyPrint=false`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown> & {
      insertErrors?: Array<{ index: number; errors: Array<{ reason: string }> }>;
    },
  };
}
async function rows(query = ""): Promise<{ rows: RecordedRow[]; duplicates: number }> {
  return (await (await fetch(`${recorder.url}/__recorder/rows${query}`)).json()) as {
    rows: RecordedRow[];
    duplicates: number;
  };
}
async function requests(): Promise<RecordedInsertAll[]> {
  return (
    (await (await fetch(`${recorder.url}/__recorder/requests`)).json()) as { requests: RecordedInsertAll[] }
  ).requests;
}
async function fail(rule: FailureRule) {
  return fetch(`${recorder.url}/__recorder/fail`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(rule),
  });
}

beforeAll(async () => {
  recorder = await startBigQueryRecorder({ port: 0 });
});
afterAll(async () => {
  await recorder.close();
});
beforeEach(async () => {
  await fetch(`${recorder.url}/__recorder/requests`, { method: "DELETE" });
  await fetch(`${recorder.url}/__recorder/schema`, { method: "DELETE" });
});

describe("bigquery recorder", () => {
  it("listens on 127.0.0.1 at the port it reports", () => {
    expect(recorder.url).toBe(`http://127.0.0.1:${recorder.port}`);
    expect(recorder.port).toBeGreaterThan(0);
  });

  it("answers insertAll like BigQuery and records the request (without the Authorization header)", async () => {
    const answer = await insertAll({ rows: [row("e1"), row("e2")] }, INSERT, {
      Authorization: "Bearer secret-token",
    });
    expect(answer).toEqual({ status: 200, body: { kind: "bigquery#tableDataInsertAllResponse" } });
    const [recorded] = await requests();
    expect(recorded).toMatchObject({
      project: "demo-arogya",
      dataset: "arogya_analytics",
      table: "events",
      hasAuthorization: true,
      status: 200,
      insertErrors: [],
    });
    expect(recorded.body.rows).toHaveLength(2);
    expect(JSON.stringify(recorded)).not.toContain("secret-token");
    expect((await rows()).rows.map((r) => [r.insertId, r.table, r.json.event_id])).toEqual([
      ["e1", "events", "e1"],
      ["e2", "events", "e2"],
    ]);
  });

  it("keeps one row per insertId per table, like BigQuery's dedupe; rows without insertId are all kept", async () => {
    await insertAll({ rows: [row("e1"), row("e2")] });
    await insertAll({ rows: [row("e2"), row("e3")] });
    await insertAll({ rows: [row("e1")] }, INSERT.replace("/events/", "/other/"));
    await insertAll({ rows: [{ json: { event_id: "x" } }, { json: { event_id: "x" } }] });
    const all = await rows();
    expect(all.duplicates).toBe(1);
    expect(all.rows.filter((r) => r.table === "events").map((r) => r.insertId)).toEqual([
      "e1",
      "e2",
      "e3",
      null,
      null,
    ]);
    expect((await rows("?table=other")).rows.map((r) => r.insertId)).toEqual(["e1"]);
    expect(await requests()).toHaveLength(4);
  });

  it("a row failure rule fails matching rows once each; with skipInvalidRows the others are inserted", async () => {
    expect((await fail({ match: "^stock\\.out$" })).status).toBe(201);
    const first = await insertAll({
      skipInvalidRows: true,
      rows: [row("e1"), row("s1", "stock.out"), row("e2"), row("s2", "stock.out")],
    });
    expect(first.status).toBe(200);
    expect(first.body.insertErrors).toEqual([
      { index: 1, errors: [expect.objectContaining({ reason: "backendError" })] },
      { index: 3, errors: [expect.objectContaining({ reason: "backendError" })] },
    ]);
    expect((await rows()).rows.map((r) => r.insertId)).toEqual(["e1", "e2"]);
    const retry = await insertAll({
      skipInvalidRows: true,
      rows: [row("s1", "stock.out"), row("s2", "stock.out")],
    });
    expect(retry.body.insertErrors).toBeUndefined();
    expect((await rows()).rows.map((r) => r.insertId)).toEqual(["e1", "e2", "s1", "s2"]);
  });

  it("matches the insertId too, fails `times` times with the reason given", async () => {
    await fail({ match: "^e2$", times: 2, reason: "timeout" });
    for (let i = 0; i < 2; i += 1) {
      const answer = await insertAll({ skipInvalidRows: true, rows: [row("e1"), row("e2")] });
      expect(answer.body.insertErrors).toEqual([
        { index: 1, errors: [expect.objectContaining({ reason: "timeout" })] },
      ]);
    }
    expect((await insertAll({ skipInvalidRows: true, rows: [row("e2")] })).body.insertErrors).toBeUndefined();
    expect((await rows()).rows.map((r) => r.insertId)).toEqual(["e1", "e2"]);
  });

  it("without skipInvalidRows a failed row stops the whole request: nothing is inserted, the others are `stopped`", async () => {
    await fail({ match: "e2" });
    const answer = await insertAll({ rows: [row("e1"), row("e2"), row("e3")] });
    expect(answer.body.insertErrors?.map((e) => [e.index, e.errors[0].reason])).toEqual([
      [0, "stopped"],
      [1, "backendError"],
      [2, "stopped"],
    ]);
    expect((await rows()).rows).toEqual([]);
  });

  it("a status rule fails whole requests with BigQuery's error body, then lets them through", async () => {
    await fail({ status: 503, times: 1 });
    const failed = await insertAll({ rows: [row("e1")] });
    expect(failed.status).toBe(503);
    expect(failed.body).toEqual({
      error: {
        code: 503,
        message: expect.any(String),
        errors: [expect.objectContaining({ reason: "backendError" })],
        status: "UNAVAILABLE",
      },
    });
    expect((await insertAll({ rows: [row("e1")] })).status).toBe(200);
    expect((await requests()).map((r) => r.status)).toEqual([503, 200]);
    expect((await rows()).rows).toHaveLength(1);
  });

  it("DELETE /__recorder/fail removes the rules; bad rules are refused", async () => {
    await fail({ match: "e1" });
    await fetch(`${recorder.url}/__recorder/fail`, { method: "DELETE" });
    expect((await insertAll({ rows: [row("e1")] })).body.insertErrors).toBeUndefined();
    expect((await fail({ match: "(" })).status).toBe(400);
    expect((await fail({ times: 0, match: "x" })).status).toBe(400);
    expect((await fail({ reason: "backendError" })).status).toBe(400);
    expect((await fail({ status: 200 })).status).toBe(400);
  });

  it("with a schema, rows with unknown fields, missing required fields or wrong types are `invalid`", async () => {
    const schema = {
      fields: [
        { name: "event_id", type: "STRING", mode: "REQUIRED" },
        { name: "type", type: "STRING", mode: "REQUIRED" },
        { name: "occurred_at", type: "TIMESTAMP", mode: "REQUIRED" },
        {
          name: "ids",
          type: "RECORD",
          mode: "NULLABLE",
          fields: [{ name: "patient_uid", type: "STRING", mode: "NULLABLE" }],
        },
      ],
    };
    await fetch(`${recorder.url}/__recorder/schema`, {
      method: "PUT",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(schema),
    });
    const answer = await insertAll({
      skipInvalidRows: true,
      rows: [
        row("ok", "t", { ids: { patient_uid: "p1" } }),
        row("unknown", "t", { patient_name: "Sunita" }),
        row("nested", "t", { ids: { phone: "+919800000001" } }),
        { insertId: "missing", json: { event_id: "missing", occurred_at: "2026-11-20T10:00:00Z" } },
        row("badtime", "t", { occurred_at: "yesterday" }),
      ],
    });
    const messages = Object.fromEntries((answer.body.insertErrors ?? []).map((e) => [e.index, e.errors[0]]));
    expect(Object.keys(messages).map(Number)).toEqual([1, 2, 3, 4]);
    expect(messages[1]).toMatchObject({ reason: "invalid", message: "no such field: patient_name." });
    expect(messages[2]).toMatchObject({ reason: "invalid", message: "no such field: ids.phone." });
    expect(messages[3]).toMatchObject({ reason: "invalid", message: "Missing required field: type." });
    expect(messages[4]).toMatchObject({
      reason: "invalid",
      message: "Cannot convert value to timestamp: occurred_at.",
    });
    expect((await rows()).rows.map((r) => r.insertId)).toEqual(["ok"]);
    // ignoreUnknownValues lets unknown fields through, as BigQuery does.
    expect(
      (await insertAll({ ignoreUnknownValues: true, rows: [row("extra", "t", { extra: 1 })] })).body
        .insertErrors,
    ).toBeUndefined();
  });

  it("refuses an empty request and bad JSON like BigQuery", async () => {
    const empty = await insertAll({ rows: [] });
    expect(empty.status).toBe(400);
    expect(empty.body).toMatchObject({ error: { code: 400, message: "No rows present in the request." } });
    expect((await insertAll("{not json")).status).toBe(400);
  });

  it("answers datasets.get and tables.get (with the schema), 404 for anything else", async () => {
    await fetch(`${recorder.url}/__recorder/schema`, {
      method: "PUT",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ fields: [] }),
    });
    const dataset = await (
      await fetch(`${recorder.url}/bigquery/v2/projects/demo-arogya/datasets/arogya_analytics`)
    ).json();
    expect(dataset).toMatchObject({
      kind: "bigquery#dataset",
      datasetReference: { projectId: "demo-arogya", datasetId: "arogya_analytics" },
    });
    const table = await (
      await fetch(`${recorder.url}/bigquery/v2/projects/demo-arogya/datasets/arogya_analytics/tables/events`)
    ).json();
    expect(table).toMatchObject({
      kind: "bigquery#table",
      tableReference: { tableId: "events" },
      schema: { fields: [] },
    });
    const other = await fetch(`${recorder.url}/bigquery/v2/projects/demo-arogya/queries`, {
      method: "POST",
      body: "{}",
    });
    expect(other.status).toBe(404);
    expect(((await other.json()) as { error: { status: string } }).error.status).toBe("NOT_FOUND");
    expect((await fetch(`${recorder.url}${INSERT}`)).status).toBe(405);
  });

  it("DELETE /__recorder/requests clears requests, rows and rules", async () => {
    await fail({ match: "e1" });
    await insertAll({ skipInvalidRows: true, rows: [row("e1"), row("e2")] });
    expect((await fetch(`${recorder.url}/__recorder/requests`, { method: "DELETE" })).status).toBe(200);
    expect(await requests()).toEqual([]);
    expect(await rows()).toEqual({ rows: [], duplicates: 0 });
    expect((await insertAll({ rows: [row("e1")] })).body.insertErrors).toBeUndefined();
  });
});
