// Shared helpers for the project's own scripts (plain Node, no build step).
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import path from "node:path";
import os from "node:os";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const PROJECT_ID = "demo-arogya";
export const bin = (name) => path.join(ROOT, "node_modules", ".bin", name);

/** Where tools the project builds for itself are kept between runs (and between clones). */
export function cacheDir() {
  if (process.env.AROGYA_CACHE_DIR) return path.resolve(process.env.AROGYA_CACHE_DIR);
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
  return path.join(base, "arogya");
}

export function log(message) {
  process.stdout.write(`[arogya] ${message}\n`);
}

/** Runs a command with inherited output; resolves with its exit code. */
export function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", cwd: ROOT, ...options });
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

export async function runOrExit(command, args, options) {
  const code = await run(command, args, options);
  if (code !== 0) {
    log(`${path.basename(command)} ${args.join(" ")} failed with exit code ${code}`);
    process.exit(code);
  }
}
