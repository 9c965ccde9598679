import type { BigQuery, BigQueryOptions } from "@google-cloud/bigquery";
import type { EventRow } from "./schema";

/**
 * Streaming inserts of event rows into BigQuery through the official @google-cloud/bigquery
 * client (tabledata.insertAll). The client is required lazily, on the first insert: only the
 * function that exports events pays for loading it on a cold start.
 *
 * Every row carries the event id as its insertId, so BigQuery's best-effort dedupe drops a copy
 * that a retry (of a request whose answer was lost, or of a whole run) sends again.
 *
 * Locally there is no BigQuery emulator: `apiEndpoint` points the real client at
 * tools/bigquery-recorder.mjs, which records the requests. With a custom endpoint the client gets
 * an auth client that adds no credentials (google-auth-library would otherwise look for
 * Application Default Credentials and the metadata server, and send a real token if it found one).
 */

export interface BigQueryTarget {
  /** Empty or absent: the project of the credentials (the functions' own project). */
  projectId?: string;
  dataset: string;
  table: string;
  /** Empty or absent: Google (https://bigquery.googleapis.com). Locally the BigQuery recorder. */
  apiEndpoint?: string;
  /** HTTP-level retries of the client itself (5xx, 429, network); the client's default is 3. */
  maxRetries?: number;
}

/** A row BigQuery did not insert, with its reason (`backendError`, `invalid`, `stopped`, …). */
export interface InsertFailure {
  insertId: string;
  reason: string;
  message: string;
}

export interface EventTable {
  /**
   * Inserts the rows; resolves with the rows that failed (a partial failure: the others were
   * inserted). Rejects when the request failed as a whole (nothing is known to be inserted).
   */
  insert(rows: EventRow[]): Promise<InsertFailure[]>;
}

type BigQueryModule = typeof import("@google-cloud/bigquery");

interface PartialFailure {
  name: string;
  errors?: Array<{ row?: EventRow; errors?: Array<{ reason?: string; message?: string }> }>;
}

const clients = new Map<string, BigQuery>();

function client(target: BigQueryTarget): BigQuery {
  const key = JSON.stringify([target.projectId ?? "", target.apiEndpoint ?? "", target.maxRetries ?? null]);
  let bq = clients.get(key);
  if (!bq) {
    const { BigQuery: Client } = require("@google-cloud/bigquery") as BigQueryModule;
    const options: BigQueryOptions = {};
    if (target.projectId) options.projectId = target.projectId;
    // (The client reads a maxRetries of 0 as "default": no retries is autoRetry false.)
    if (target.maxRetries !== undefined)
      options.retryOptions = target.maxRetries > 0 ? { maxRetries: target.maxRetries } : { autoRetry: false };
    if (target.apiEndpoint) {
      options.apiEndpoint = target.apiEndpoint;
      options.authClient = {
        getRequestHeaders: async () => new Headers(),
      } as unknown as BigQueryOptions["authClient"];
    }
    bq = new Client(options);
    clients.set(key, bq);
  }
  return bq;
}

/** The reason of a failed row: the first that is not `stopped` (a row stopped by another row's error). */
function failureOf(errors: Array<{ reason?: string; message?: string }> | undefined): {
  reason: string;
  message: string;
} {
  const list = errors ?? [];
  const main = list.find((e) => e.reason && e.reason !== "stopped") ?? list[0];
  return { reason: main?.reason || "unknown", message: main?.message ?? "" };
}

/** The events table through the real client. */
export function bigQueryEventTable(target: BigQueryTarget): EventTable {
  return {
    async insert(rows) {
      const table = client(target).dataset(target.dataset).table(target.table);
      try {
        // raw: the rows are already { insertId, json }. partialRetries 0: the caller retries the
        // failed rows itself, with backoff. skipInvalidRows: one bad row does not hold back the rest.
        await table.insert(rows, { raw: true, partialRetries: 0, skipInvalidRows: true });
        return [];
      } catch (error) {
        const partial = error as PartialFailure;
        if (partial?.name !== "PartialFailureError" || !Array.isArray(partial.errors)) throw error;
        return partial.errors
          .filter((e) => e.row?.insertId)
          .map((e) => ({ insertId: e.row!.insertId, ...failureOf(e.errors) }));
      }
    },
  };
}

export interface RetryOptions {
  /** Insert attempts for a batch, the first included. Default 3. */
  attempts?: number;
  /** The wait before attempt n + 1 (n from 1). Default 500 ms, then 2 s. */
  backoffMs?: (attempt: number) => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface InsertOutcome {
  /** insertIds BigQuery accepted. */
  inserted: string[];
  /** Rows that still failed after the last attempt (or were never sent because the service failed). */
  failed: InsertFailure[];
  /** insertAll requests made (the client's own HTTP retries not counted). */
  requests: number;
  /** The error of a request that failed as a whole, if one did: the service is down, stop here. */
  requestError: string | null;
}

/** A row with reason `invalid` fails the same way every time: it is not sent again. */
const NOT_RETRIED = new Set(["invalid"]);

export const defaultBackoff = (attempt: number) => 500 * 4 ** (attempt - 1);
const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Inserts the rows; on a partial failure waits and sends again the failed rows only, up to
 * `attempts` requests in all. A request that fails as a whole ends the retries: its rows (and
 * the rows still to retry) are reported failed with that error.
 */
export async function insertWithRetry(
  table: EventTable,
  rows: EventRow[],
  options: RetryOptions = {},
): Promise<InsertOutcome> {
  const attempts = Math.max(1, options.attempts ?? 3);
  const backoff = options.backoffMs ?? defaultBackoff;
  const sleep = options.sleep ?? wait;
  const outcome: InsertOutcome = { inserted: [], failed: [], requests: 0, requestError: null };
  let pending = rows;
  for (let attempt = 1; pending.length && attempt <= attempts; attempt += 1) {
    if (attempt > 1) await sleep(backoff(attempt - 1));
    outcome.requests += 1;
    let failures: InsertFailure[];
    try {
      failures = await table.insert(pending);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      outcome.requestError = message.slice(0, 500);
      outcome.failed.push(
        ...pending.map((r) => ({ insertId: r.insertId, reason: "request", message: outcome.requestError! })),
      );
      return outcome;
    }
    const failedIds = new Map(failures.map((f) => [f.insertId, f]));
    outcome.inserted.push(...pending.filter((r) => !failedIds.has(r.insertId)).map((r) => r.insertId));
    const last = attempt === attempts;
    const retry: EventRow[] = [];
    for (const row of pending) {
      const failure = failedIds.get(row.insertId);
      if (!failure) continue;
      if (last || NOT_RETRIED.has(failure.reason)) outcome.failed.push(failure);
      else retry.push(row);
    }
    pending = retry;
  }
  return outcome;
}
