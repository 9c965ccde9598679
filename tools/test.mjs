// `npm test`: unit tests (no emulator), then the emulator tier (integration and security
// rules) inside `firebase emulators:exec`. Non-zero if anything fails; the last line counts
// every test of both tiers.
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { ensureEmulatorTools, execWithEmulators } from "./emulators.mjs";
import { ROOT, bin, log, run } from "./lib.mjs";

const reports = path.join(ROOT, ".cache", "test-reports");
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
const reporterArgs = (name) => [
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${path.join(reports, `${name}.json`)}`,
];

const started = Date.now();
// On a fresh machine the emulators are built (minutes) while format, lint and unit tests run;
// the emulator tier awaits them.
ensureEmulatorTools();
log("format (prettier --check) and lint (eslint, zero warnings)");
const format = await run(bin("prettier"), ["--check", "--log-level", "warn", "."]);
const lint = await run(bin("eslint"), [".", "--max-warnings", "0"]);
log("unit tests (no emulator)");
const unit = await run(bin("vitest"), ["run", "--project", "unit", ...reporterArgs("unit")]);
log("emulator tests: integration and security rules");
const emulatorCommand = [
  `"${bin("vitest")}"`,
  "run",
  "--project",
  "emulator",
  ...reporterArgs("emulator"),
].join(" ");
const emulator = await execWithEmulators(emulatorCommand);

function counts(name) {
  try {
    const report = JSON.parse(readFileSync(path.join(reports, `${name}.json`), "utf8"));
    return { passed: report.numPassedTests, failed: report.numFailedTests, ran: true };
  } catch {
    return { passed: 0, failed: 0, ran: false };
  }
}
const tiers = { unit: counts("unit"), emulator: counts("emulator") };
for (const [name, c] of Object.entries(tiers)) {
  log(`${name}: ${c.ran ? `${c.passed} passed, ${c.failed} failed` : "did not run"}`);
}
const seconds = Math.round((Date.now() - started) / 1000);
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
