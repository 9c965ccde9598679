import { defineConfig } from "vitest/config";

// Two tiers (see README): `unit` needs nothing running; `emulator` runs inside
// `firebase emulators:exec` (tools/test.mjs), one file at a time because rules suites share
// the emulator's database and clear it.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["functions/src/**/*.test.ts", "tools/**/*.test.ts", "client/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        test: {
          name: "emulator",
          include: ["tests/**/*.test.ts"],
          environment: "node",
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
