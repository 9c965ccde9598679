// Helpers shared by the benchmarks: timing, medians, and writing results to bench/results/.
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const RESULTS_DIR = path.join(ROOT, "bench", "results");

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Runs fn `runs` times after `warmup` unmeasured runs; returns each run's milliseconds. */
export function timeRuns(fn: () => void, runs: number, warmup = 2): number[] {
  for (let i = 0; i < warmup; i += 1) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const t = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return times;
}

export function writeResults(name: string, results: Record<string, unknown>): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}.json`);
  const body = {
    benchmark: name,
    measuredAt: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    ...results,
  };
  writeFileSync(file, `${JSON.stringify(body, null, 2)}\n`);
  return file;
}

export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * Counts Firestore reads and writes made through the functions' own firebase-admin (the same
 * module instance the handlers use), at the SDK, each operation once:
 * - reads: a document read is 1 (`DocumentReference.get`, `Transaction.get` of a reference); a
 *   query reads its documents, at least 1 when it returns none (`Query.get`, `Transaction.get` of
 *   a query); `getAll` reads each document asked for (`Firestore.getAll`, `Transaction.getAll`);
 *   a `count()` aggregation reads 1 per 1,000 documents counted, at least 1 (other aggregations
 *   are counted as 1, a lower bound);
 * - writes: every create/set/update/delete attempt, on a reference, in a batch (BulkWriter's
 *   batches included) or in a transaction (an attempt that is retried is counted again).
 *
 * Only the outermost SDK call is counted: the SDK implements some public methods with others
 * (DocumentReference.get calls Firestore.getAll; DocumentReference.create/set/update/delete build
 * a WriteBatch; Transaction.create/set/update/delete write to its WriteBatch), and counting at
 * both levels counted those operations twice. The SDK makes those inner calls synchronously, so a
 * depth counter around the synchronous part of each wrapped call is enough (no async context, no
 * cost on the timings). `npm run bench:counter` proves this on calls of known cost against the
 * emulator; run it after upgrading firebase-admin.
 */
export function installFirestoreCounters() {
  const requireFromFunctions = createRequire(path.join(ROOT, "functions", "package.json"));
  const { initializeApp, getApps } = requireFromFunctions("firebase-admin/app");
  const firestore = requireFromFunctions(
    "firebase-admin/firestore",
  ) as typeof import("firebase-admin/firestore");
  if (!getApps().length) initializeApp({ projectId: process.env.GCLOUD_PROJECT ?? "demo-arogya" });
  // One installation per process: wrapping the SDK twice would count twice.
  if (installedCounter) return installedCounter;
  const counts = { reads: 0, writes: 0 };
  const counter = {
    counts,
    reset() {
      counts.reads = 0;
      counts.writes = 0;
    },
    /** The functions' firebase-admin/firestore module (its Timestamp is the one their Firestore serialises). */
    module: firestore,
  };
  installedCounter = counter;

  // firebase-admin does not export AggregateQuery; its class is the one `count()` returns (a
  // Firestore instance that is never used connects to nothing).
  const AggregateQuery = Object.getPrototypeOf(
    new firestore.Firestore({ projectId: "counter-probe" }).collection("probe").count(),
  ).constructor as new () => unknown;
  const readsOf = (result: unknown): number => {
    if (Array.isArray(result)) return result.length;
    if (result instanceof firestore.QuerySnapshot) return Math.max(1, result.docs.length);
    if (
      result &&
      typeof result === "object" &&
      (result as { query?: unknown }).query instanceof AggregateQuery
    ) {
      const counted = (result as { data(): { count?: unknown } }).data().count;
      return typeof counted === "number" ? Math.max(1, Math.ceil(counted / 1000)) : 1;
    }
    return 1;
  };
  // Depth of wrapped calls on the current synchronous stack: a wrapped method called while
  // another runs is the SDK implementing the outer one, and is not counted again.
  let depth = 0;
  type Method = (this: unknown, ...args: unknown[]) => unknown;
  const wrap = (proto: object, method: string, count: (result: unknown) => unknown) => {
    const target = proto as Record<string, Method>;
    const original = target[method];
    if (typeof original !== "function") throw new Error(`installFirestoreCounters: no ${method} to count`);
    target[method] = function (this: unknown, ...args: unknown[]) {
      if (depth > 0) return original.apply(this, args);
      depth += 1;
      try {
        return count(original.apply(this, args));
      } finally {
        depth -= 1;
      }
    };
  };
  const countRead = (result: unknown) =>
    (result as Promise<unknown>).then((value) => {
      counts.reads += readsOf(value);
      return value;
    });
  const countWrite = (result: unknown) => {
    counts.writes += 1;
    return result;
  };
  for (const proto of [
    firestore.DocumentReference.prototype,
    firestore.Query.prototype,
    AggregateQuery.prototype,
    firestore.Transaction.prototype,
  ])
    wrap(proto, "get", countRead);
  for (const proto of [firestore.Firestore.prototype, firestore.Transaction.prototype])
    wrap(proto, "getAll", countRead);
  for (const proto of [
    firestore.DocumentReference.prototype,
    firestore.WriteBatch.prototype,
    firestore.Transaction.prototype,
  ])
    for (const method of ["create", "set", "update", "delete"]) wrap(proto, method, countWrite);
  return counter;
}

let installedCounter:
  | {
      counts: { reads: number; writes: number };
      reset(): void;
      module: typeof import("firebase-admin/firestore");
    }
  | undefined;
