// `npm test`: format, lint and unit tests (no emulator), and the emulator tier (integration and
// security rules) inside `firebase emulators:exec`. Non-zero if anything fails; the last line
// counts every test of both tiers.
//
// Two lines of work run at the same time, because the emulator tier waits much of its time (on
// the Functions emulator, on triggers) and one core stays idle through it:
//   emulators  build the functions (tsc), start the emulators, then run the emulator tier;
//   checks     prettier --check, eslint, the unit tier, at a lower priority (nice), so they take
//              what the emulator line leaves and do not hold it up.
// On a fresh machine hidane (cargo) and fake-gcs-server (go) are built first, both at once, beside
// the checks and the functions' build (tools/emulators.mjs ensureEmulatorTools).
//
// The emulator tier (`--emulator-tier`, run inside emulators:exec) is two lanes side by side:
//   integration  first the suites that run scheduled work, one file at a time (RUNS_ALONE), then
//                the 50-user burst (BURSTS), then the others, INTEGRATION_WORKERS files at a time
//                (each makes its own users, organisations and phone numbers), then the PHI check's
//                demo journey alone, once the workers it calls are running (RUNS_LAST);
//   rules        the rules suites, RULES_WORKERS files at a time (each suite has a Firestore
//                project of its own: tests/rules/support.ts); those built on useRulesEnv share a
//                worker process from file to file.
//
// Every line of output is labelled with its line of work; `[arogya] <s> s:` lines mark progress.
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ensureEmulatorTools, execWithEmulators } from "./emulators.mjs";
import { ROOT, bin, log, runLabelled } from "./lib.mjs";

const reports = path.join(ROOT, ".cache", "test-reports");
const reporterArgs = (name) => [
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${path.join(reports, `${name}.json`)}`,
];
/** How many rules suites run at once (AROGYA_RULES_WORKERS; default 2, for two cores). */
const RULES_WORKERS = Math.max(1, Number(process.env.AROGYA_RULES_WORKERS) || 2);
/** How many integration suites that run no sweep run at once (AROGYA_INTEGRATION_WORKERS; default 2). */
const INTEGRATION_WORKERS = Math.max(1, Number(process.env.AROGYA_INTEGRATION_WORKERS) || 2);

/**
 * Integration suites that run alone (one at a time, before the others): a suite that runs
 * scheduled work (runScheduledWork: reminders, the outbox, no-shows, stock expiry, listings, the
 * events export) acts on every document of the functions' project, other suites' included, and
 * may count what it found.
 */
const RUNS_ALONE = [/runScheduledWork/];
/**
 * Suites whose dozens of users call at once (signUpMany(50): 50 simultaneous bookings, after
 * warming 50 emulator workers): they hold the Functions emulator and both cores for a minute (in
 * the first measured run, a suite beside one waited over 60 s for a call and timed out). They run
 * alone too, after the suites above, once the rules suites are done: vitest orders the files of a
 * run longest first, and the burst first slowed the rules suites beside it from 45 to 90 s.
 * Twenty users or more (the ten of booking.int's concurrent reschedules run beside other suites).
 */
const BURSTS = [/signUpMany\(\s*([2-9]\d|\d{3,})\b/];
/**
 * Suites that run alone and last, after the shared suites: the PHI check runs the demo journey
 * (which runs scheduled work too) and reads everything the functions log while it runs. The
 * journey calls some forty functions one after another, each a worker process to start when
 * cold: last, most of those workers are already running (57 s for the journey from cold, alone).
 */
const RUNS_LAST = [/AROGYA_EMULATOR_LOG/, /tools\/demo/];

/** Every test file below `dir` (the emulator project's `tests/**\/*.test.ts`), sorted. */
function suites(dir) {
  return readdirSync(path.join(ROOT, dir), { recursive: true })
    .map(String)
    .filter((name) => name.endsWith(".test.ts") && !name.split(path.sep).includes("node_modules"))
    .sort()
    .map((name) => path.join(dir, name));
}

/**
 * The emulator tier's lanes, run side by side inside emulators:exec; each is a list of vitest
 * runs, one after the other: the integration suites that run a sweep, one at a time, then the
 * others, WORKERS at a time, then the demo journey; beside them the rules suites, each in a
 * project of its own.
 */
function lanes() {
  // Every emulator-tier file that is not a rules suite (tests/integration, tests/logs, and any
  // folder added beside them) is an integration suite.
  const integration = suites("tests").filter((file) => !file.startsWith(`tests${path.sep}rules${path.sep}`));
  const matching = (patterns) =>
    integration.filter((file) => {
      const source = readFileSync(path.join(ROOT, file), "utf8");
      return patterns.some((pattern) => pattern.test(source));
    });
  const last = matching(RUNS_LAST);
  const alone = matching(RUNS_ALONE).filter((file) => !last.includes(file));
  const bursts = matching(BURSTS).filter((file) => !last.includes(file) && !alone.includes(file));
  const shared = integration.filter(
    (file) => !alone.includes(file) && !bursts.includes(file) && !last.includes(file),
  );
  // Rules suites built on useRulesEnv (tests/rules/support.ts: each file makes and cleans up its
  // own environment, in a project of its own) share a worker process, one file after the other,
  // instead of a new process that loads the SDKs again per file: half the CPU time of the rules
  // suites (92.7 s to 48.4 s, 3326 passed both ways). A suite with a set-up of its own, whose
  // shared modules may hold state from file to file, keeps a process per file.
  const rules = suites("tests/rules");
  const sharedProcess = rules.filter((file) =>
    /\buseRulesEnv\(/.test(readFileSync(path.join(ROOT, file), "utf8")),
  );
  const isolated = rules.filter((file) => !sharedProcess.includes(file));
  return [
    [
      // Alone first: one file at a time leaves a core to the rules suites and the checks beside it;
      // the shared suites, two at a time, then take both cores once those are done.
      // Integration suites share a worker process from file to file too (--no-isolate: the SDKs
      // load once per process, not once per file; 25 CPU s less and about 10 s sooner for the
      // shared suites, 330 passed both ways). A suite that changes process-wide state (the
      // environment, a spy) puts it back in afterAll / afterEach.
      { name: "integration-alone", files: alone, workers: 1, isolate: false },
      { name: "integration-burst", files: bursts, workers: 1, isolate: false },
      { name: "integration", files: shared, workers: INTEGRATION_WORKERS, isolate: false },
      { name: "integration-last", files: last, workers: 1, isolate: false },
    ],
    [
      { name: "rules", files: sharedProcess, workers: RULES_WORKERS, isolate: false },
      { name: "rules-isolated", files: isolated, workers: RULES_WORKERS },
    ],
  ];
}
/** The reports the emulator tier writes (one per group with files). */
const runNames = () =>
  lanes()
    .flat()
    .filter((group) => group.files.length > 0)
    .map((group) => group.name);

/**
 * The checks' priority: below the emulator line, and below the emulator builds of a first run
 * (nice 10: tools/emulators.mjs background), which hold the emulators up, where the checks do not.
 */
const CHECKS_NICE = 15;

const started = Number(process.env.AROGYA_TEST_STARTED) || Date.now();
process.env.AROGYA_TEST_STARTED = String(started);
const progress = (message) => log(`${Math.round((Date.now() - started) / 1000)} s: ${message}`);

/**
 * When each step ran, in seconds from the start, written beside the reports (phases-<who>.json)
 * for bench/testtime.ts: which step holds the run up.
 */
const phases = {};
async function timed(name, work) {
  const from = Date.now();
  try {
    return await work();
  } finally {
    phases[name] = { from: (from - started) / 1000, to: (Date.now() - started) / 1000 };
  }
}
function writePhases(who) {
  writeFileSync(path.join(reports, `phases-${who}.json`), `${JSON.stringify(phases, null, 2)}\n`);
}

/** Inside emulators:exec: the lanes side by side, the runs of a lane one after the other. */
async function emulatorTier() {
  phases["emulators up: the tier starts"] = { from: (Date.now() - started) / 1000 };
  progress("emulators are up: the integration and the rules suites start");
  const codes = await Promise.all(
    lanes().map(async (lane) => {
      let failed = 0;
      for (const group of lane) {
        // No files: nothing to run (vitest given no file would run every emulator-tier file).
        if (group.files.length === 0) continue;
        const groupStarted = Date.now();
        const code = await timed(`emulator ${group.name} suites`, () =>
          runLabelled(
            group.name,
            bin("vitest"),
            [
              "run",
              "--project",
              "emulator",
              ...(group.isolate === false ? ["--no-isolate"] : []),
              ...group.files,
              ...reporterArgs(`emulator-${group.name}`),
            ],
            { env: { AROGYA_EMULATOR_WORKERS: String(group.workers) } },
          ),
        );
        progress(
          `${group.name} suites ${code === 0 ? "passed" : "FAILED"} in ${Math.round((Date.now() - groupStarted) / 1000)} s ` +
            `(${group.workers} file${group.workers === 1 ? "" : "s"} at a time)`,
        );
        failed ||= code;
      }
      return failed;
    }),
  );
  writePhases("emulator-tier");
  return codes.find((code) => code !== 0) ?? 0;
}

function counts(names) {
  const total = { passed: 0, failed: 0, ran: true };
  for (const name of names) {
    try {
      const report = JSON.parse(readFileSync(path.join(reports, `${name}.json`), "utf8"));
      total.passed += report.numPassedTests;
      total.failed += report.numFailedTests;
    } catch {
      total.ran = false;
    }
  }
  return total;
}

async function main() {
  rmSync(reports, { recursive: true, force: true });
  mkdirSync(reports, { recursive: true });
  // On a fresh machine the emulators are built (minutes) while the checks and the functions'
  // build run; the emulators start once both builds are there.
  ensureEmulatorTools();
  progress(
    `two lines of work at once: [emulators] functions build, emulators, then the integration suites ` +
      `(those running scheduled work alone, then the 50-user burst, then the others ${INTEGRATION_WORKERS} at a ` +
      `time, then the demo journey) beside the rules suites ` +
      `(${RULES_WORKERS} at a time); [checks] format, lint, unit tests (nice ${CHECKS_NICE})`,
  );

  const emulatorLine = (async () => {
    const code = await timed("emulators (build, start, tier, stop)", () =>
      execWithEmulators(`"${process.execPath}" "${path.join("tools", "test.mjs")}" --emulator-tier`),
    );
    progress(`emulator tier ${code === 0 ? "passed" : "FAILED"}`);
    return code;
  })();

  const checkLine = (async () => {
    const step = async (name, command, args) => {
      const stepStarted = Date.now();
      const code = await timed(name, () => runLabelled(name, command, args, { nice: CHECKS_NICE }));
      progress(
        `${name} ${code === 0 ? "passed" : "FAILED"} in ${Math.round((Date.now() - stepStarted) / 1000)} s`,
      );
      return code;
    };
    // Both remember what they found clean (keyed by each file's content and the configuration), in
    // .cache/, so a later run checks only what changed.
    const format = await step("format", bin("prettier"), [
      "--check",
      "--log-level",
      "warn",
      "--cache",
      "--cache-strategy",
      "content",
      "--cache-location",
      path.join(".cache", "prettier"),
      ".",
    ]);
    const lint = await step("lint", bin("eslint"), [
      ".",
      "--max-warnings",
      "0",
      "--cache",
      "--cache-strategy",
      "content",
      "--cache-location",
      path.join(".cache", "eslint"),
    ]);
    const unit = await step("unit", bin("vitest"), ["run", "--project", "unit", ...reporterArgs("unit")]);
    return { format, lint, unit };
  })();

  const [{ format, lint, unit }, emulator] = await Promise.all([checkLine, emulatorLine]);

  const tiers = {
    unit: counts(["unit"]),
    emulator: counts(runNames().map((name) => `emulator-${name}`)),
  };
  for (const [name, c] of Object.entries(tiers)) {
    log(`${name}: ${c.ran ? `${c.passed} passed, ${c.failed} failed` : "did not run"}`);
  }
  const seconds = Math.round((Date.now() - started) / 1000);
  writePhases("main");
  const checks = { format, lint };
  for (const [name, code] of Object.entries(checks)) log(`${name}: ${code === 0 ? "clean" : "FAILED"}`);
  const exit =
    format !== 0
      ? format
      : lint !== 0
        ? lint
        : unit !== 0
          ? unit
          : emulator !== 0
            ? emulator
            : tiers.unit.ran && tiers.emulator.ran
              ? 0
              : 1;
  log(`${seconds} s in all; ${exit === 0 ? "all tests passed" : "FAILED"}`);
  console.log(
    `${tiers.unit.passed + tiers.emulator.passed} passed, ${tiers.unit.failed + tiers.emulator.failed} failed`,
  );
  process.exit(exit);
}

if (process.argv.includes("--emulator-tier")) process.exit(await emulatorTier());
else await main();
