// Local Cloud Storage: fake-gcs-server (github.com/fsouza/fake-gcs-server), a GCS JSON/XML API
// emulator written in Go. The Firebase Storage emulator cannot start here (it needs a Java
// rules-runtime jar), so the functions' server-side Storage calls and the signed URLs they mint
// go to this server instead. It is built from the Go module proxy with `go install` into the
// project's cache the first time and reused afterwards.
//
//   node tools/gcs.mjs              builds it if needed and prints its path
//   import { startFakeGcs } ...     for the harness and tests; { port: 0 } picks a free port
//
// fake-gcs-server does not check signatures: a signed URL is served whatever its X-Goog-Signature
// says (or whether it has one at all). Production signs with the service account (see
// functions/src/adapters/storage/bucket.ts); locally only the URL's shape is real.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { PROJECT_ID, cachedBinary, cacheDir, ensureBuilt, log } from "./lib.mjs";

/** Pinned: the newest release on the Go module proxy, built and tested here with Go 1.26. */
export const FAKE_GCS_VERSION = "1.56.1";
/** The bucket the functions use by default (`<project>.appspot.com`). */
export const DEFAULT_BUCKET = `${PROJECT_ID}.appspot.com`;
const DEFAULT_HOST = "127.0.0.1";
const DEFAULT_PORT = 4443;

export const fakeGcsPath = () => cachedBinary("fake-gcs-server", FAKE_GCS_VERSION);

/**
 * Go's own folders for this build, under the project's cache, so a fresh cache needs nothing else:
 * module downloads are kept in <cache>/go (a retry or a version bump does not download again); the
 * build cache (~0.5 GB of compiled packages) belongs to this build and is removed after it.
 */
function goEnv(staging) {
  const go = path.join(cacheDir(), "go");
  return {
    ...process.env,
    GOBIN: path.join(staging, "bin"),
    GOPATH: path.join(go, "path"),
    GOMODCACHE: path.join(go, "mod"),
    GOCACHE: path.join(staging, "go-build"),
    // The installed Go builds it (no toolchain download); a static binary, no C compiler needed.
    GOTOOLCHAIN: "local",
    CGO_ENABLED: "0",
    // Module cache files writable, so the cache folder can be deleted with rm -rf.
    GOFLAGS: [process.env.GOFLAGS, "-modcacherw"].filter(Boolean).join(" "),
  };
}

/**
 * The path of fake-gcs-server's binary, built with go first if the cache lacks it. `run` runs go
 * (lib.mjs ensureBuilt).
 */
export function ensureFakeGcs({ run: runner } = {}) {
  return ensureBuilt(
    {
      tool: "fake-gcs-server",
      version: FAKE_GCS_VERSION,
      toolchain: ["go", "version"],
      missing:
        "fake-gcs-server (the local Cloud Storage) is built with Go, which is not on PATH. " +
        "Install Go 1.26 or newer (https://go.dev/dl/).",
      firstRun: "this takes a few minutes; go's progress (downloads, then packages) follows",
      install: (staging) => [
        "go",
        ["install", "-v", `github.com/fsouza/fake-gcs-server@v${FAKE_GCS_VERSION}`],
        { env: goEnv(staging) },
      ],
      // The build cache belongs to this build (goEnv).
      discard: ["go-build"],
    },
    runner,
  );
}

function freePort(host) {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, host, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function answers(url) {
  try {
    const res = await fetch(`${url}/storage/v1/b`, { signal: AbortSignal.timeout(1000) });
    return res.ok;
  } catch {
    return false;
  }
}

/**
 * Starts fake-gcs-server over plain HTTP with an in-memory backend, waits until it answers and
 * creates the bucket(s). `stop()` ends it (SIGTERM, then SIGKILL after 5 s).
 */
export async function startFakeGcs(options = {}) {
  const host = options.host ?? DEFAULT_HOST;
  const binary = await ensureFakeGcs();
  const port = options.port === 0 ? await freePort(host) : (options.port ?? DEFAULT_PORT);
  const url = `http://${host}:${port}`;
  // Signed URLs (the XML API) are answered only for requests whose Host is the public host: a
  // phone opening http://<LAN address>:4443/<bucket>/<object> needs that address here, not the
  // 0.0.0.0 it listens on (fake-gcs-server's publicHostMatcher compares the Host header as is).
  const publicHost = `${options.publicHost ?? host}:${port}`;
  const buckets = options.buckets ?? [DEFAULT_BUCKET];
  if (await answers(url))
    throw new Error(`something already answers on ${url}; is another fake-gcs-server running?`);

  // In-memory objects; the folder only holds what the server may write besides (nothing today).
  const dir = mkdtempSync(path.join(os.tmpdir(), "arogya-gcs-"));
  const child = spawn(
    binary,
    [
      "-scheme",
      "http",
      "-host",
      host,
      "-port",
      String(port),
      "-backend",
      "memory",
      "-filesystem-root",
      dir,
      // Where the server says it is (resumable-upload Locations, media links) ...
      "-external-url",
      `http://${publicHost}`,
      // ... and the host it treats as its own for XML-API (signed URL) requests.
      "-public-host",
      publicHost,
      "-log-level",
      options.logLevel ?? "warn",
    ],
    { stdio: ["ignore", "inherit", "inherit"] },
  );
  let exited = null;
  const exit = new Promise((resolve) => {
    child.on("exit", (code, signal) => {
      exited = { code, signal };
      resolve();
    });
  });
  child.on("error", () => {});
  // If this process ends without stop() (an error, process.exit), the server goes with it.
  const killOnExit = () => child.kill("SIGKILL");
  process.on("exit", killOnExit);

  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  const stop = async () => {
    process.off("exit", killOnExit);
    if (!exited) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exit;
      clearTimeout(timer);
    }
    cleanup();
  };

  const deadline = Date.now() + 15_000;
  while (!(await answers(url))) {
    if (exited || Date.now() > deadline) {
      await stop();
      throw new Error(
        exited
          ? `fake-gcs-server exited (${exited.code ?? exited.signal}) before answering on ${url}; see its output above`
          : `fake-gcs-server did not answer on ${url} within 15 s`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  for (const name of buckets) {
    const res = await fetch(`${url}/storage/v1/b?project=${encodeURIComponent(PROJECT_ID)}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ name }),
    });
    if (!res.ok && res.status !== 409) {
      await stop();
      throw new Error(
        `fake-gcs-server: creating bucket ${name} failed: HTTP ${res.status} ${await res.text()}`,
      );
    }
  }

  return { url, host: `${host}:${port}`, port, buckets, stop };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  ensureFakeGcs().then(
    (p) => log(`fake-gcs-server ready: ${p}`),
    (err) => {
      console.error(`[arogya] ${err.message}`);
      process.exit(1);
    },
  );
}
