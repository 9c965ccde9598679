// Types for tools/gcs.mjs, for the TypeScript tests that start it.

export const FAKE_GCS_VERSION: string;
/** `demo-arogya.appspot.com`: the bucket the functions use by default. */
export const DEFAULT_BUCKET: string;

/** Where the cached binary is (or will be): `<cache>/fake-gcs-server-<version>/bin/fake-gcs-server`. */
export function fakeGcsPath(): string;

/** Builds fake-gcs-server with `go install` into the cache the first time (minutes); resolves with its path. */
export function ensureFakeGcs(): Promise<string>;

export interface FakeGcsOptions {
  /** Default 4443; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /**
   * The host clients put in signed URLs (default: `host`). fake-gcs-server answers signed-URL
   * requests only when their Host header is this (with the port): with `host: "0.0.0.0"`, the
   * LAN address the URLs carry.
   */
  publicHost?: string;
  /** Buckets to create; default [DEFAULT_BUCKET]. */
  buckets?: string[];
  /** fake-gcs-server's -log-level; default "warn". */
  logLevel?: string;
}

export interface FakeGcs {
  /** e.g. http://127.0.0.1:4443: what STORAGE_EMULATOR_HOST should be. */
  url: string;
  /** e.g. 127.0.0.1:4443. */
  host: string;
  port: number;
  buckets: string[];
  stop(): Promise<void>;
}

export function startFakeGcs(options?: FakeGcsOptions): Promise<FakeGcs>;
