import { logger } from "firebase-functions";
import {
  bigQueryEventTable,
  insertWithRetry,
  type EventTable,
  type RetryOptions,
} from "../../adapters/bigquery/exporter";
import { eventRow } from "../../adapters/bigquery/schema";
import { bigqueryApiEndpoint, bigqueryDataset, bigqueryProject, bigqueryTable } from "../../config/params";
import { firestoreEventStore, type EventStore } from "../../repo/events";

/** insertAll requests carry at most this many rows (BigQuery's recommendation is 500). */
export const EXPORT_BATCH = 500;
/** Batches per run: a run exports at most 10,000 events; the next run takes the rest. */
export const EXPORT_MAX_BATCHES = 20;

export interface ExportDeps {
  store: EventStore;
  table: EventTable;
  retry?: RetryOptions;
  batchSize?: number;
  maxBatches?: number;
}

export interface ExportRun {
  /** Unexported events read. */
  read: number;
  exported: number;
  /** Events that failed for good in this run: they keep exported false (with lastError) for the next run. */
  failed: number;
  batches: number;
  /** insertAll requests (retries of failed rows included). */
  requests: number;
}

/** The events table of the configured project, dataset and table (config/params.ts). */
export function configuredEventTable(): EventTable {
  return bigQueryEventTable({
    projectId: bigqueryProject.value() || process.env.GCLOUD_PROJECT || undefined,
    dataset: bigqueryDataset.value(),
    table: bigqueryTable.value(),
    apiEndpoint: bigqueryApiEndpoint.value() || undefined,
  });
}

/**
 * Exports unexported events to BigQuery: reads up to 500 (oldest first; the query runs outside
 * any transaction), inserts them in one insertAll with each event id as the insertId, sends the
 * rows of a partial failure again (only those, up to 3 attempts with backoff), then marks the
 * inserted events `exported` in batched writes and the rest with `lastError`. Repeats with the
 * next 500 until none are left or EXPORT_MAX_BATCHES; a request that fails as a whole (BigQuery
 * unreachable) ends the run.
 *
 * If the run dies between the insert and the marking, the next run inserts those rows again with
 * the same insertIds, and BigQuery's dedupe drops them (best effort, within about a minute); two
 * runs at the same moment are deduplicated the same way.
 */
export async function exportEvents(now: Date, deps?: Partial<ExportDeps>): Promise<ExportRun> {
  const store = deps?.store ?? firestoreEventStore;
  const table = deps?.table ?? configuredEventTable();
  const batchSize = deps?.batchSize ?? EXPORT_BATCH;
  const maxBatches = deps?.maxBatches ?? EXPORT_MAX_BATCHES;
  const run: ExportRun = { read: 0, exported: 0, failed: 0, batches: 0, requests: 0 };
  let cursor: unknown = null;
  while (run.batches < maxBatches) {
    const page = await store.pending(batchSize, cursor);
    if (!page.events.length) break;
    cursor = page.cursor;
    run.read += page.events.length;
    run.batches += 1;
    const outcome = await insertWithRetry(table, page.events.map(eventRow), deps?.retry);
    run.requests += outcome.requests;
    await store.markExported(outcome.inserted, now);
    await store.markFailed(
      outcome.failed.map((f) => ({ eventId: f.insertId, error: `${f.reason}: ${f.message}` })),
      now,
    );
    run.exported += outcome.inserted.length;
    run.failed += outcome.failed.length;
    if (outcome.failed.length) {
      const reasons = [...new Set(outcome.failed.map((f) => f.reason))];
      logger.warn("events.exportFailed", {
        failed: outcome.failed.length,
        reasons,
        firstEventId: outcome.failed[0].insertId,
      });
    }
    if (outcome.requestError !== null || page.events.length < batchSize) break;
  }
  if (run.read) logger.info("events.exported", { ...run });
  return run;
}
