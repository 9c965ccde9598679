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
 * module instance the handlers use), at the SDK: a document read is 1, a query reads its
 * documents (at least 1), getAll reads each document asked for; every create/set/update/delete
 * attempt is a write, in a transaction, on a reference or in a batch.
 */
export function installFirestoreCounters() {
  const requireFromFunctions = createRequire(path.join(ROOT, "functions", "package.json"));
  const { initializeApp, getApps } = requireFromFunctions("firebase-admin/app");
  const { Transaction, DocumentReference, Query, Firestore, WriteBatch } =
    requireFromFunctions("firebase-admin/firestore");
  if (!getApps().length) initializeApp({ projectId: process.env.GCLOUD_PROJECT ?? "demo-arogya" });
  const counts = { reads: 0, writes: 0 };
  const countResult = (result: unknown) => {
    if (Array.isArray(result)) counts.reads += result.length;
    else if (result && typeof result === "object" && "docs" in result)
      counts.reads += Math.max(1, (result as { docs: unknown[] }).docs.length);
    else counts.reads += 1;
  };
  const wrapRead = (proto: Record<string, (...a: unknown[]) => Promise<unknown>>) => {
    const original = proto.get;
    proto.get = async function (this: unknown, ...args: unknown[]) {
      const result = await original.apply(this, args);
      countResult(result);
      return result;
    };
  };
  wrapRead(Transaction.prototype);
  wrapRead(DocumentReference.prototype);
  wrapRead(Query.prototype);
  const getAll = Firestore.prototype.getAll;
  Firestore.prototype.getAll = async function (this: unknown, ...args: unknown[]) {
    const result = await getAll.apply(this, args);
    countResult(result);
    return result;
  };
  for (const proto of [Transaction.prototype, DocumentReference.prototype, WriteBatch.prototype]) {
    for (const method of ["create", "set", "update", "delete"]) {
      const original = proto[method];
      proto[method] = function (this: unknown, ...args: unknown[]) {
        counts.writes += 1;
        return original.apply(this, args);
      };
    }
  }
  return {
    counts,
    reset() {
      counts.reads = 0;
      counts.writes = 0;
    },
    /** The functions' firebase-admin/firestore module (its Timestamp is the one their Firestore serialises). */
    module: requireFromFunctions("firebase-admin/firestore") as typeof import("firebase-admin/firestore"),
  };
}
