// A local stand-in for the part of BigQuery's REST API the analytics exporter uses
// (functions/src/adapters/bigquery/exporter.ts). There is no BigQuery emulator: the real
// @google-cloud/bigquery client is pointed here (apiEndpoint, BIGQUERY_API_ENDPOINT in
// functions/.env.local), this server records every request and keeps the inserted rows, and
// nothing leaves the machine.
//
//   node tools/bigquery-recorder.mjs             listens on 127.0.0.1:4598 (BIGQUERY_RECORDER_PORT)
//   import { startBigQueryRecorder } from ...    for tests; { port: 0 } picks a free port
//
// BigQuery API (the client calls `${apiEndpoint}/bigquery/v2/...`)
//   POST /bigquery/v2/projects/{p}/datasets/{d}/tables/{t}/insertAll   tabledata.insertAll
//   GET  /bigquery/v2/projects/{p}/datasets/{d}                        datasets.get
//   GET  /bigquery/v2/projects/{p}/datasets/{d}/tables/{t}             tables.get (with the schema, if given)
//
// Recorder API
//   GET    /__recorder/requests   { requests: [...] }: every insertAll, in arrival order (no Authorization header kept)
//   DELETE /__recorder/requests   clears everything: requests, rows and failure rules
//   GET    /__recorder/rows       { rows, duplicates }: the rows as BigQuery would hold them, deduplicated by
//                                 insertId per table (the first copy is kept); ?dataset=&table= filter
//   POST   /__recorder/fail       a failure rule (JSON), answered { id }:
//            { match: "regex", times?: 1, reason?: "backendError", message? }
//              rows whose insertId, json.event_id or json.type matches fail `times` times each, with an
//              insertErrors entry (the others are inserted if skipInvalidRows, else answered `stopped`)
//            { status: 503, times?: 1, match? }   the next `times` insertAll requests (with a row
//              matching, if match is given) fail as a whole with that HTTP status
//   DELETE /__recorder/fail       removes the rules
//   PUT    /__recorder/schema     { fields: [...] } (BigQuery TableFieldSchema); rows are then checked:
//                                 unknown fields (unless ignoreUnknownValues), missing REQUIRED fields and
//                                 values of the wrong type are `invalid`; DELETE removes it
//
// Real BigQuery deduplicates by insertId on a best-effort basis (about a minute); this recorder
// always does, so tests see what a retry would add at worst if dedupe held.
import { pathToFileURL } from "node:url";
import { jsonSender, readBody, runStandalone, serveJson } from "./lib.mjs";

const DEFAULT_HOST = "127.0.0.1";
const DEFAULT_PORT = 4598;
/** BigQuery refuses insertAll requests over 10 MB. */
const MAX_REQUEST_BYTES = 10 * 1024 * 1024;
/** BigQuery's limit of rows per insertAll request. */
const MAX_ROWS_PER_REQUEST = 50_000;
const API = "/bigquery/v2/projects/";
const INSERT_ALL = /^\/bigquery\/v2\/projects\/([^/]+)\/datasets\/([^/]+)\/tables\/([^/]+)\/insertAll$/;
const TABLE = /^\/bigquery\/v2\/projects\/([^/]+)\/datasets\/([^/]+)\/tables\/([^/]+)$/;
const DATASET = /^\/bigquery\/v2\/projects\/([^/]+)\/datasets\/([^/]+)$/;

const STATUS_NAMES = {
  400: "INVALID_ARGUMENT",
  404: "NOT_FOUND",
  405: "METHOD_NOT_ALLOWED",
  413: "INVALID_ARGUMENT",
  429: "RESOURCE_EXHAUSTED",
  500: "INTERNAL",
  503: "UNAVAILABLE",
};
const STATUS_REASONS = {
  400: "invalid",
  404: "notFound",
  405: "badRequest",
  413: "invalid",
  429: "rateLimitExceeded",
  500: "backendError",
  503: "backendError",
};

/** BigQuery's error body (googleapis JSON error format). */
function apiError(code, message, reason = STATUS_REASONS[code] ?? "backendError") {
  return {
    error: {
      code,
      message,
      errors: [{ message, domain: "global", reason }],
      status: STATUS_NAMES[code] ?? "UNKNOWN",
    },
  };
}

const sendJson = jsonSender("application/json; charset=UTF-8");

function parseJson(text) {
  try {
    return { ok: true, value: text ? JSON.parse(text) : {} };
  } catch {
    return { ok: false };
  }
}

const isObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v);

/** The problems of one value against a list of TableFieldSchema, BigQuery-style ("no such field: x."). */
function schemaProblems(value, fields, ignoreUnknown, prefix = "") {
  const problems = [];
  const byName = new Map(fields.map((f) => [f.name.toLowerCase(), f]));
  for (const key of Object.keys(value)) {
    if (!byName.has(key.toLowerCase()) && !ignoreUnknown) problems.push(`no such field: ${prefix}${key}.`);
  }
  for (const field of fields) {
    const v = value[field.name];
    const name = `${prefix}${field.name}`;
    const mode = (field.mode ?? "NULLABLE").toUpperCase();
    if (v === undefined || v === null) {
      if (mode === "REQUIRED") problems.push(`Missing required field: ${name}.`);
      continue;
    }
    const type = (field.type ?? "STRING").toUpperCase();
    const values = mode === "REPEATED" ? (Array.isArray(v) ? v : [Symbol("not an array")]) : [v];
    for (const item of values) {
      if (type === "RECORD" || type === "STRUCT") {
        if (!isObject(item)) problems.push(`Cannot convert value to record: ${name}.`);
        else problems.push(...schemaProblems(item, field.fields ?? [], ignoreUnknown, `${name}.`));
      } else if (type === "STRING") {
        if (typeof item !== "string") problems.push(`Cannot convert value to string: ${name}.`);
      } else if (type === "TIMESTAMP") {
        if (!(typeof item === "string" && !Number.isNaN(Date.parse(item))) && typeof item !== "number")
          problems.push(`Cannot convert value to timestamp: ${name}.`);
      } else if (
        type === "INTEGER" ||
        type === "INT64" ||
        type === "FLOAT" ||
        type === "FLOAT64" ||
        type === "NUMERIC"
      ) {
        if (
          typeof item !== "number" &&
          !(typeof item === "string" && item.trim() !== "" && !Number.isNaN(Number(item)))
        )
          problems.push(`Cannot convert value to number: ${name}.`);
      } else if (type === "BOOLEAN" || type === "BOOL") {
        if (typeof item !== "boolean") problems.push(`Cannot convert value to boolean: ${name}.`);
      }
    }
  }
  return problems;
}

/**
 * Starts the recorder. Resolves with its base URL (what BIGQUERY_API_ENDPOINT should be) and close().
 * @param {{ port?: number, host?: string, schema?: { fields: object[] } }} [options]
 */
export function startBigQueryRecorder(options = {}) {
  const envPort = process.env.BIGQUERY_RECORDER_PORT;
  const port = options.port ?? (envPort !== undefined && envPort !== "" ? Number(envPort) : DEFAULT_PORT);
  const host = options.host ?? DEFAULT_HOST;

  let requests = [];
  /** tableKey -> Map(insertId -> row); rows without an insertId are kept in `anonymous`. */
  let tables = new Map();
  let anonymous = [];
  let duplicates = 0;
  let rules = [];
  let nextRuleId = 1;
  let schema = options.schema ?? null;

  const tableKey = (p, d, t) => `${p}/${d}/${t}`;

  function reset() {
    requests = [];
    tables = new Map();
    anonymous = [];
    duplicates = 0;
    rules = [];
  }

  const rowMatches = (rule, row) => {
    const re = rule.re;
    if (!re) return true;
    const candidates = [row?.insertId, row?.json?.event_id, row?.json?.type].filter(
      (v) => typeof v === "string",
    );
    return candidates.some((c) => re.test(c));
  };

  /** The injected failure of a row, counting per row (insertId, else its JSON): once per `times`. */
  function injectedRowFailure(row) {
    for (const rule of rules) {
      if (rule.status !== undefined || !rowMatches(rule, row)) continue;
      const key = row?.insertId ?? JSON.stringify(row?.json ?? null);
      const seen = rule.seen.get(key) ?? 0;
      if (seen >= rule.times) continue;
      rule.seen.set(key, seen + 1);
      return { reason: rule.reason, message: rule.message };
    }
    return null;
  }

  /** An injected whole-request failure (HTTP status), or null. */
  function injectedRequestFailure(rows) {
    for (const rule of rules) {
      if (rule.status === undefined || rule.used >= rule.times) continue;
      if (rule.re && !rows.some((r) => rowMatches(rule, r))) continue;
      rule.used += 1;
      return rule;
    }
    return null;
  }

  function insertAll(res, [, project, dataset, table], body, hasAuthorization) {
    const record = {
      at: new Date().toISOString(),
      project,
      dataset,
      table,
      hasAuthorization,
      body,
      status: 200,
      insertErrors: [],
    };
    requests.push(record);
    const fail = (status, message, reason) => {
      record.status = status;
      sendJson(res, status, apiError(status, message, reason));
    };
    if (!isObject(body)) return fail(400, "Invalid JSON payload received.");
    const rows = body.rows;
    if (!Array.isArray(rows) || rows.length === 0) return fail(400, "No rows present in the request.");
    if (rows.length > MAX_ROWS_PER_REQUEST)
      return fail(
        400,
        `too many rows present in the request, limit: ${MAX_ROWS_PER_REQUEST} row count: ${rows.length}.`,
      );
    const requestRule = injectedRequestFailure(rows);
    if (requestRule)
      return fail(requestRule.status, requestRule.message ?? "injected failure (bigquery recorder)");

    const errors = new Map();
    rows.forEach((row, index) => {
      if (!isObject(row) || !isObject(row.json)) {
        errors.set(index, { reason: "invalid", message: "Row is not a JSON object." });
        return;
      }
      if (row.insertId !== undefined && typeof row.insertId !== "string") {
        errors.set(index, { reason: "invalid", message: "insertId must be a string." });
        return;
      }
      const problems = schema
        ? schemaProblems(row.json, schema.fields ?? [], body.ignoreUnknownValues === true)
        : [];
      if (problems.length) {
        errors.set(index, { reason: "invalid", message: problems.join(" "), location: "" });
        return;
      }
      const injected = injectedRowFailure(row);
      if (injected) errors.set(index, injected);
    });

    const accepted = body.skipInvalidRows === true || errors.size === 0;
    if (accepted) {
      const key = tableKey(project, dataset, table);
      if (!tables.has(key)) tables.set(key, new Map());
      const stored = tables.get(key);
      const insertedAt = new Date().toISOString();
      rows.forEach((row, index) => {
        if (errors.has(index)) return;
        const entry = { project, dataset, table, insertId: row.insertId ?? null, json: row.json, insertedAt };
        if (row.insertId === undefined) anonymous.push(entry);
        else if (stored.has(row.insertId)) duplicates += 1;
        else stored.set(row.insertId, entry);
      });
    }
    const insertErrors = [];
    rows.forEach((_, index) => {
      const error = errors.get(index);
      if (error)
        insertErrors.push({
          index,
          errors: [
            {
              reason: error.reason,
              location: error.location ?? "",
              debugInfo: "",
              message: error.message ?? `injected ${error.reason} (bigquery recorder)`,
            },
          ],
        });
      else if (!accepted)
        insertErrors.push({
          index,
          errors: [{ reason: "stopped", location: "", debugInfo: "", message: "" }],
        });
    });
    record.insertErrors = insertErrors;
    sendJson(
      res,
      200,
      insertErrors.length
        ? { kind: "bigquery#tableDataInsertAllResponse", insertErrors }
        : { kind: "bigquery#tableDataInsertAllResponse" },
    );
  }

  function allRows(filter) {
    const rows = [];
    for (const stored of tables.values()) rows.push(...stored.values());
    rows.push(...anonymous);
    return rows
      .filter(
        (r) =>
          (!filter.dataset || r.dataset === filter.dataset) && (!filter.table || r.table === filter.table),
      )
      .sort((a, b) => (a.insertedAt < b.insertedAt ? -1 : a.insertedAt > b.insertedAt ? 1 : 0));
  }

  function addRule(res, body) {
    if (!isObject(body)) return sendJson(res, 400, { message: "a JSON object is expected" });
    const times = body.times === undefined ? 1 : Number(body.times);
    if (!Number.isInteger(times) || times < 1)
      return sendJson(res, 400, { message: "times: a positive integer" });
    let re = null;
    if (body.match !== undefined) {
      if (typeof body.match !== "string")
        return sendJson(res, 400, { message: "match: a regular expression as a string" });
      try {
        re = new RegExp(body.match);
      } catch {
        return sendJson(res, 400, { message: "match: not a valid regular expression" });
      }
    }
    if (body.status !== undefined) {
      const status = Number(body.status);
      if (!Number.isInteger(status) || status < 400 || status > 599)
        return sendJson(res, 400, { message: "status: an HTTP error status" });
      const rule = {
        id: nextRuleId++,
        re,
        status,
        times,
        used: 0,
        message: typeof body.message === "string" ? body.message : undefined,
      };
      rules.push(rule);
      return sendJson(res, 201, { id: rule.id });
    }
    if (!re) return sendJson(res, 400, { message: "match is required for a row failure" });
    const rule = {
      id: nextRuleId++,
      re,
      times,
      seen: new Map(),
      reason: typeof body.reason === "string" ? body.reason : "backendError",
      message: typeof body.message === "string" ? body.message : undefined,
    };
    rules.push(rule);
    sendJson(res, 201, { id: rule.id });
  }

  async function handle(req, res) {
    const url = new URL(req.url ?? "/", "http://recorder.invalid");
    const { pathname } = url;

    if (pathname === "/__recorder/requests") {
      if (req.method === "GET") return sendJson(res, 200, { requests });
      if (req.method === "DELETE") {
        reset();
        return sendJson(res, 200, { requests: [] });
      }
      return sendJson(res, 405, { message: "Method not allowed" }, { Allow: "GET, DELETE" });
    }
    if (pathname === "/__recorder/rows") {
      if (req.method !== "GET")
        return sendJson(res, 405, { message: "Method not allowed" }, { Allow: "GET" });
      return sendJson(res, 200, {
        rows: allRows({ dataset: url.searchParams.get("dataset"), table: url.searchParams.get("table") }),
        duplicates,
      });
    }
    if (pathname === "/__recorder/fail") {
      if (req.method === "DELETE") {
        rules = [];
        return sendJson(res, 200, { rules: 0 });
      }
      if (req.method !== "POST")
        return sendJson(res, 405, { message: "Method not allowed" }, { Allow: "POST, DELETE" });
      const parsed = parseJson(await readBody(req, 64 * 1024));
      return parsed.ok ? addRule(res, parsed.value) : sendJson(res, 400, { message: "invalid JSON" });
    }
    if (pathname === "/__recorder/schema") {
      if (req.method === "GET") return sendJson(res, 200, { schema });
      if (req.method === "DELETE") {
        schema = null;
        return sendJson(res, 200, { schema });
      }
      if (req.method !== "PUT")
        return sendJson(res, 405, { message: "Method not allowed" }, { Allow: "GET, PUT, DELETE" });
      const parsed = parseJson(await readBody(req, 1024 * 1024));
      if (!parsed.ok || !isObject(parsed.value) || !Array.isArray(parsed.value.fields))
        return sendJson(res, 400, { message: "{ fields: [...] } expected" });
      schema = { fields: parsed.value.fields };
      return sendJson(res, 200, { schema });
    }

    if (!pathname.startsWith(API)) return sendJson(res, 404, apiError(404, `Not found: ${pathname}`));
    const insert = INSERT_ALL.exec(pathname);
    if (insert) {
      if (req.method !== "POST")
        return sendJson(res, 405, apiError(405, "Method not allowed"), { Allow: "POST" });
      const parsed = parseJson(await readBody(req, MAX_REQUEST_BYTES));
      if (!parsed.ok) return sendJson(res, 400, apiError(400, "Invalid JSON payload received."));
      return insertAll(
        res,
        insert.map(decodeURIComponent),
        parsed.value,
        typeof req.headers.authorization === "string",
      );
    }
    const tableMatch = TABLE.exec(pathname);
    if (tableMatch) {
      if (req.method !== "GET")
        return sendJson(res, 405, apiError(405, "Method not allowed"), { Allow: "GET" });
      const [, p, d, t] = tableMatch.map(decodeURIComponent);
      return sendJson(res, 200, {
        kind: "bigquery#table",
        id: `${p}:${d}.${t}`,
        tableReference: { projectId: p, datasetId: d, tableId: t },
        type: "TABLE",
        ...(schema ? { schema } : {}),
      });
    }
    const datasetMatch = DATASET.exec(pathname);
    if (datasetMatch) {
      if (req.method !== "GET")
        return sendJson(res, 405, apiError(405, "Method not allowed"), { Allow: "GET" });
      const [, p, d] = datasetMatch.map(decodeURIComponent);
      return sendJson(res, 200, {
        kind: "bigquery#dataset",
        id: `${p}:${d}`,
        datasetReference: { projectId: p, datasetId: d },
        location: "asia-south1",
      });
    }
    sendJson(
      res,
      404,
      apiError(
        404,
        `Not found: ${pathname} (the BigQuery recorder answers insertAll, datasets.get and tables.get only)`,
      ),
    );
  }

  return serveJson(
    handle,
    sendJson,
    {
      tooLarge: [400, apiError(400, `Request payload size exceeds the limit: ${MAX_REQUEST_BYTES} bytes.`)],
      failed: [500, apiError(500, "Internal error (bigquery recorder)")],
    },
    { port, host },
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runStandalone("bigquery-recorder", startBigQueryRecorder);
}
