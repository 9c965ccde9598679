import type { Response } from "express";
import { logger } from "firebase-functions";
import type { Request } from "firebase-functions/v2/https";
import { rxKeysFrom } from "../../adapters/keys/rxSigningKey";
import { bucketExists } from "../../adapters/storage/bucket";
import { probeFirestore } from "../../repo/health";

/**
 * `GET /api/health`: are the function's dependencies there? Each check runs in parallel under
 * its own timeout, and the answer is 200 `{ status: "ok", checks: { name: { status, ms } } }` or
 * 503 with `status: "fail"`, `failing: [names]` and a short reason per failed check ("timeout",
 * "error (UNAVAILABLE)", "missing TWILIO_SMS_FROM"). No secret, configuration value, bucket name
 * or user data is ever in the answer; failures are logged with the check's name and error code.
 *
 * Checks: Firestore answers a document read; the default Cloud Storage bucket exists; the Twilio
 * configuration is present (nothing is sent, Twilio is not called); the prescription signing key
 * parses as an Ed25519 key. The endpoint is public, so one instance runs the checks at most once
 * per CACHE_MS and answers concurrent requests from the same run: probing it in a loop costs
 * nothing extra.
 */

export const CHECK_TIMEOUT_MS = 4000;
const CACHE_MS = 5000;

export type CheckResult = { status: "ok"; ms: number } | { status: "fail"; ms: number; reason: string };
export interface HealthReport {
  status: "ok" | "fail";
  checks: Record<string, CheckResult>;
  failing?: string[];
}

/** A check throws (or rejects) to fail; a `HealthCheckFailure` carries a reason safe to show. */
export class HealthCheckFailure extends Error {}

export type HealthCheck = () => unknown;

function reasonOf(err: unknown): string {
  if (err instanceof HealthCheckFailure) return err.message;
  const code = typeof err === "object" && err !== null ? (err as { code?: unknown }).code : undefined;
  // gRPC codes are numbers (14 = UNAVAILABLE), HTTP client errors carry the status; both are safe to show.
  return typeof code === "number" || (typeof code === "string" && /^[A-Za-z0-9_-]{1,40}$/.test(code))
    ? `error (${code})`
    : "error";
}

async function runOne(name: string, check: HealthCheck, timeoutMs: number): Promise<CheckResult> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), timeoutMs);
  });
  const run = Promise.resolve()
    .then(check)
    .then(
      () => ({ ok: true as const }),
      (err: unknown) => ({ ok: false as const, err }),
    );
  try {
    const outcome = await Promise.race([run, timeout]);
    if (outcome === "timeout") {
      logger.warn("health.checkFailed", { check: name, reason: "timeout", timeoutMs });
      return { status: "fail", ms: ms(), reason: "timeout" };
    }
    if (outcome.ok) return { status: "ok", ms: ms() };
    const reason = reasonOf(outcome.err);
    logger.warn("health.checkFailed", { check: name, reason });
    return { status: "fail", ms: ms(), reason };
  } finally {
    clearTimeout(timer);
  }
}

/** Runs every check in parallel, each under `timeoutMs`. */
export async function runHealthChecks(
  checks: Record<string, HealthCheck>,
  timeoutMs = CHECK_TIMEOUT_MS,
): Promise<HealthReport> {
  const names = Object.keys(checks);
  const results = await Promise.all(names.map((name) => runOne(name, checks[name], timeoutMs)));
  const byName = Object.fromEntries(names.map((name, i) => [name, results[i]]));
  const failing = names.filter((name) => byName[name].status === "fail");
  return failing.length ? { status: "fail", checks: byName, failing } : { status: "ok", checks: byName };
}

export interface HealthConfig {
  /** Twilio settings by parameter name; only their presence is checked. */
  twilio: () => Record<string, string | undefined>;
  rxSigningKey: () => string;
}

/** The production checks. */
export function dependencyChecks(config: HealthConfig): Record<string, HealthCheck> {
  return {
    firestore: probeFirestore,
    storage: async () => {
      if (!(await bucketExists())) throw new HealthCheckFailure("bucket not found");
    },
    twilio: () => {
      const missing = Object.entries(config.twilio())
        .filter(([, value]) => !value || !value.trim())
        .map(([name]) => name);
      if (missing.length) throw new HealthCheckFailure(`missing ${missing.join(", ")}`);
    },
    rxSigningKey: () => {
      try {
        rxKeysFrom(config.rxSigningKey());
      } catch {
        throw new HealthCheckFailure("does not load");
      }
    },
  };
}

let recent: { at: number; report: Promise<HealthReport> } | undefined;

/** The route: GET (or HEAD) /health. */
export async function health(
  _req: Request,
  res: Response,
  config: HealthConfig,
  now = Date.now(),
): Promise<void> {
  if (!recent || now - recent.at > CACHE_MS)
    recent = { at: now, report: runHealthChecks(dependencyChecks(config)) };
  const report = await recent.report;
  if (report.status === "fail") logger.error("health.failed", { failing: report.failing });
  res.status(report.status === "ok" ? 200 : 503).json(report);
}
