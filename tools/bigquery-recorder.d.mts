// Types for tools/bigquery-recorder.mjs, for the TypeScript tests and benchmarks that start it.

export interface BigQueryFieldSchema {
  name: string;
  type?: string;
  mode?: string;
  fields?: BigQueryFieldSchema[];
  description?: string;
}

export interface InsertAllRow {
  insertId?: string;
  json: Record<string, unknown>;
}

export interface InsertError {
  index: number;
  errors: Array<{ reason: string; location: string; debugInfo: string; message: string }>;
}

/** One insertAll request as received (the Authorization header is not kept, only whether it was there). */
export interface RecordedInsertAll {
  /** ISO 8601. */
  at: string;
  project: string;
  dataset: string;
  table: string;
  hasAuthorization: boolean;
  body: {
    rows?: InsertAllRow[];
    skipInvalidRows?: boolean;
    ignoreUnknownValues?: boolean;
    [key: string]: unknown;
  };
  /** 200, or the status of a refused or failed request. */
  status: number;
  insertErrors: InsertError[];
}

/** A row as the table holds it (deduplicated by insertId per table). */
export interface RecordedRow {
  project: string;
  dataset: string;
  table: string;
  insertId: string | null;
  json: Record<string, unknown>;
  insertedAt: string;
}

/** POST /__recorder/fail: rows matching fail `times` times each; with `status`, whole requests fail. */
export interface FailureRule {
  /** A regular expression tested against insertId, json.event_id and json.type. */
  match?: string;
  /** Default 1. */
  times?: number;
  /** The insertErrors reason; default "backendError". */
  reason?: string;
  message?: string;
  /** An HTTP error status: the next `times` insertAll requests fail as a whole. */
  status?: number;
}

export interface BigQueryRecorderOptions {
  /** Default BIGQUERY_RECORDER_PORT or 4598; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** When given, rows are checked against it (as PUT /__recorder/schema does). */
  schema?: { fields: BigQueryFieldSchema[] };
}

export interface BigQueryRecorder {
  /** Base URL, e.g. http://127.0.0.1:4598: what BIGQUERY_API_ENDPOINT / apiEndpoint should be. */
  url: string;
  port: number;
  close(): Promise<void>;
}

export function startBigQueryRecorder(options?: BigQueryRecorderOptions): Promise<BigQueryRecorder>;
