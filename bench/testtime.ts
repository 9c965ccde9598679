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
// Beside the wall time: the machine's load average before and after (a shared machine makes the
// wall time pessimistic), the CPU seconds the run used (its processes and their children, from
// /proc on Linux) and how they divide among kinds of process (bench/processCpu.ts: the emulator
// workers, the SDK clients of each tier, the checks), the steps and when each ran (tools/test.mjs writes them beside its reports), the
// tiers' test counts and the ten slowest emulator-tier files.
//
// The figure of a kind not measured in this run keeps its last value and when it was measured.
// The whole emulator suite runs, so on a shared machine take the emulator lock:
//   flock /tmp/arogya-emulators.lock npm run bench:tests
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { RESULTS_DIR, ROOT, round, writeResults } from "./lib";
import { sampleProcessCpu } from "./processCpu";

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

/** CPU seconds used by this process's waited-for children (user + system), from /proc/self/stat. */
function childCpuSeconds(): number | undefined {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // After the command name: state is field 3, so cutime and cstime (16, 17) are at 13 and 14.
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return undefined;
  }
}

const reports = path.join(ROOT, ".cache", "test-reports");
function readReport(name: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(readFileSync(path.join(reports, `${name}.json`), "utf8")) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** What the run's reports say: steps, test counts, the slowest emulator-tier files. */
function breakdown() {
  const phases = Object.fromEntries(
    ["main", "emulator-tier"].flatMap((who) => Object.entries(readReport(`phases-${who}`) ?? {})),
  );
  type Report = {
    numPassedTests: number;
    numFailedTests: number;
    testResults: Array<{ name: string; startTime: number; endTime: number }>;
  };
  const tiers: Record<string, { passed: number; failed: number; files: number }> = {};
  const files: Array<{ file: string; seconds: number }> = [];
  // Every test report the run wrote: the unit tier's and one per group of the emulator tier
  // (tools/test.mjs lanes()), whatever groups there are.
  const names = existsSync(reports)
    ? readdirSync(reports)
        .filter((file) => file.endsWith(".json") && !file.startsWith("phases-"))
        .map((file) => file.slice(0, -".json".length))
        .sort()
    : [];
  for (const name of names) {
    const report = readReport(name) as Report | undefined;
    if (!report) continue;
    tiers[name] = {
      passed: report.numPassedTests,
      failed: report.numFailedTests,
      files: report.testResults.length,
    };
    if (name !== "unit")
      for (const f of report.testResults)
        files.push({
          file: path.relative(ROOT, f.name),
          seconds: round((f.endTime - f.startTime) / 1000, 1),
        });
  }
  files.sort((a, b) => b.seconds - a.seconds);
  return { phases, tiers, slowestEmulatorFiles: files.slice(0, 10) };
}

const cache = first ? mkdtempSync(path.join(os.tmpdir(), "arogya-fresh-cache-")) : undefined;
const loadBefore = os.loadavg().map((l) => round(l, 1));
const started = process.hrtime.bigint();
const child = spawn("node", ["tools/test.mjs"], {
  cwd: ROOT,
  stdio: "inherit",
  env: { ...process.env, ...(cache && { AROGYA_CACHE_DIR: cache }) },
});
const sampler = sampleProcessCpu(child.pid ?? -1);
const run = await new Promise<{ status: number | null }>((resolve) =>
  child.on("exit", (status) => resolve({ status })),
);
const cpuByKind = sampler.stop();
const seconds = round(Number(process.hrtime.bigint() - started) / 1e9, 1);
const loadAfter = os.loadavg().map((l) => round(l, 1));
const cpu = childCpuSeconds();
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
    cpus: os.cpus().length,
    loadAverageBefore: loadBefore,
    loadAverageAfter: loadAfter,
    cpuSeconds: cpu === undefined ? null : round(cpu, 1),
    cpuSecondsByKind: cpuByKind,
    ...breakdown(),
  },
  note:
    "Wall time of `node tools/test.mjs` (format, lint, unit, emulator tier). firstRunSeconds: with an empty " +
    "AROGYA_CACHE_DIR, so the emulator builds are included; cargo's registry download cache stays warm. " +
    "A figure is kept only from a run that passed.",
});
console.log(
  `npm test (${kind} run): ${seconds} s, exit ${exitCode}, ${cpu === undefined ? "?" : Math.round(cpu)} CPU s on ` +
    `${os.cpus().length} cores, load average ${loadBefore.join(" ")} before, ${loadAfter.join(" ")} after; ` +
    `written to ${path.relative(ROOT, file)}`,
);
process.exit(exitCode);
