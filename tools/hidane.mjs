// Provides hidane, the Firestore emulator without Java, built from crates.io with
// `cargo install --locked` into the project's cache the first time and reused afterwards.
import { cachedBinary, ensureBuilt, log } from "./lib.mjs";

/** Pinned: 0.2.0 was the first release to enforce security rules; 0.6.0 is the one tested here. */
export const HIDANE_VERSION = "0.6.0";

export const hidanePath = () => cachedBinary("hidane", HIDANE_VERSION);

/**
 * The path of hidane's binary, built with cargo first if the cache lacks it. `run` runs cargo
 * (lib.mjs ensureBuilt).
 */
export function ensureHidane({ run: runner } = {}) {
  return ensureBuilt(
    {
      tool: "hidane",
      version: HIDANE_VERSION,
      toolchain: ["cargo", "--version"],
      missing:
        "hidane is built with Rust's cargo, which is not on PATH. Install Rust (https://rustup.rs), " +
        "or set FIRESTORE_EMULATOR=official to use the official emulator (needs Java 21 and internet).",
      firstRun: "this takes about five minutes on two cores; cargo's progress follows",
      install: (staging) => [
        "cargo",
        ["install", "--locked", `hidane@${HIDANE_VERSION}`, "--root", staging, "--color", "never"],
        { env: { ...process.env, CARGO_TERM_PROGRESS_WHEN: "never" } },
      ],
    },
    runner,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  ensureHidane().then(
    (p) => log(`hidane ready: ${p}`),
    (err) => {
      console.error(`[arogya] ${err.message}`);
      process.exit(1);
    },
  );
}
