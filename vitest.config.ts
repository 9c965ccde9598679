import { defineConfig } from "vitest/config";

/**
 * How many emulator-tier files run at once (default 1). The rules suites may run side by side:
 * each has a Firestore project of its own (tests/rules/support.ts projectIdFor), so clearing
 * one's database never touches another's. The integration suites share the functions' project,
 * the Twilio and BigQuery recorders and the emulators' log, so `npm test` (tools/test.mjs) runs
 * them one at a time, beside the rules suites, in a second vitest process.
 */
const emulatorWorkers = Math.max(1, Number(process.env.AROGYA_EMULATOR_WORKERS) || 1);

// Two tiers (see README): `unit` needs nothing running; `emulator` runs inside
// `firebase emulators:exec` (tools/test.mjs).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["functions/src/**/*.test.ts", "tools/**/*.test.ts", "client/**/*.test.ts"],
          environment: "node",
          // `npm test` runs this tier at low priority beside the emulators (tools/test.mjs), where
          // a heavy check (the OpenAPI validator, fast-check properties) can take many times its
          // idle time (rendering the reference: 1.4 s idle, over 30 s there); a limit, not a measure:
          // no test asserts a duration. Tests with a limit of their own give at least 120 s.
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: "emulator",
          include: ["tests/**/*.test.ts"],
          environment: "node",
          // Each Web SDK Firestore client parses the same protocol definitions: once per worker.
          setupFiles: ["tests/setup/protos.ts"],
          fileParallelism: emulatorWorkers > 1,
          maxWorkers: emulatorWorkers,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
