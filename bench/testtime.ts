// `npm run bench:tests [-- --first]`: how long `npm test` takes, written to bench/results/tests.json.
//
// Later run (default): `node tools/test.mjs` as it is, with the emulator builds already in the
// cache: the wall time of the whole command, format and lint included, and its exit code.
// First run (`--first`): the same with AROGYA_CACHE_DIR (tools/lib.mjs cacheDir) pointed at a new
// empty folder, so hidane (cargo) and fake-gcs-server (go) are built as on a fresh machine,
// without touching the cache others use; the folder is removed afterwards. What this cannot make
// fresh: cargo's and Go's download caches outside the project cache (~/.cargo/registry; Go's
// modules are under the project cache and so are fetched again), and node_modules, which a fresh
// machine installs before its first `npm test` (npm ci is not part of the figure).
//
// The figure of a kind not measured in this run keeps its last value and when it was measured.
// The whole emulator suite runs, so on a shared machine take the emulator lock:
//   flock /tmp/arogya-emulators.lock npm run bench:tests
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { RESULTS_DIR, ROOT, round, writeResults } from "./lib";

const first = process.argv.includes("--first");
const previous = (() => {
  const file = path.join(RESULTS_DIR, "tests.json");
  if (!existsSync(file)) return {};
  try {
    return JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  } catch {
    return {};
  }
})();

const cache = first ? mkdtempSync(path.join(os.tmpdir(), "arogya-fresh-cache-")) : undefined;
const started = process.hrtime.bigint();
const run = spawnSync("node", ["tools/test.mjs"], {
  cwd: ROOT,
  stdio: "inherit",
  env: { ...process.env, ...(cache && { AROGYA_CACHE_DIR: cache }) },
});
const seconds = round(Number(process.hrtime.bigint() - started) / 1e9, 1);
if (cache) rmSync(cache, { recursive: true, force: true });
const exitCode = run.status ?? 1;

const measured = new Date().toISOString();
const kind = first ? "first" : "later";
const file = writeResults("tests", {
  ...Object.fromEntries(
    Object.entries(previous).filter(([k]) => !["benchmark", "measuredAt", "node", "cpus"].includes(k)),
  ),
  [`${kind}RunSeconds`]: exitCode === 0 ? seconds : previous[`${kind}RunSeconds`],
  [`${kind}Run`]: {
    seconds,
    exitCode,
    measuredAt: measured,
    freshCache: first,
    command: "node tools/test.mjs",
  },
  note:
    "Wall time of `node tools/test.mjs` (format, lint, unit, emulator tier). firstRunSeconds: with an empty " +
    "AROGYA_CACHE_DIR, so the emulator builds are included; cargo's registry download cache stays warm. " +
    "A figure is kept only from a run that passed.",
});
console.log(
  `npm test (${kind} run): ${seconds} s, exit ${exitCode}; written to ${path.relative(ROOT, file)}`,
);
process.exit(exitCode);
