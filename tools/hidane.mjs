// Provides hidane, the Firestore emulator without Java, built from crates.io with
// `cargo install --locked` into the project's cache the first time and reused afterwards.
import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { cacheDir, log, run } from "./lib.mjs";

/** Pinned: 0.2.0 was the first release to enforce security rules; 0.6.0 is the one tested here. */
export const HIDANE_VERSION = "0.6.0";

export function hidanePath() {
  return path.join(cacheDir(), `hidane-${HIDANE_VERSION}`, "bin", "hidane");
}

/** One build per target in this process: the harness may ask early (to build in parallel) and again later. */
const builds = new Map();

/**
 * The path of hidane's binary, built first if the cache lacks it. `run` runs cargo (default: its
 * output straight to the terminal; the harness passes one that labels each line and lowers the
 * build's priority: emulators.mjs, ensureEmulatorTools).
 */
export function ensureHidane({ run: runner = run } = {}) {
  const target = hidanePath();
  if (!builds.has(target)) builds.set(target, build(target, runner));
  return builds.get(target);
}

async function build(target, runner) {
  if (existsSync(target)) return target;
  const cargo = spawnSync("cargo", ["--version"], { encoding: "utf8" });
  if (cargo.status !== 0) {
    throw new Error(
      "hidane is built with Rust's cargo, which is not on PATH. Install Rust (https://rustup.rs), " +
        "or set FIRESTORE_EMULATOR=official to use the official emulator (needs Java 21 and internet).",
    );
  }
  const root = path.dirname(path.dirname(target));
  const staging = `${root}.building-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(path.dirname(root), { recursive: true });
  log(`building hidane ${HIDANE_VERSION} with ${cargo.stdout.trim()} into ${root}`);
  log("first run only: this takes about five minutes on two cores; cargo's progress follows");
  const started = Date.now();
  const code = await runner(
    "cargo",
    ["install", "--locked", `hidane@${HIDANE_VERSION}`, "--root", staging, "--color", "never"],
    { env: { ...process.env, CARGO_TERM_PROGRESS_WHEN: "never" } },
  );
  if (code !== 0 || !existsSync(path.join(staging, "bin", "hidane"))) {
    rmSync(staging, { recursive: true, force: true });
    throw new Error(`cargo install hidane@${HIDANE_VERSION} failed (exit ${code}); see cargo's output above`);
  }
  rmSync(root, { recursive: true, force: true });
  renameSync(staging, root);
  log(
    `hidane ${HIDANE_VERSION} built in ${Math.round((Date.now() - started) / 1000)} s, cached at ${target}`,
  );
  return target;
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
