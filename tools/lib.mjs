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

/**
 * Starts a local HTTP server (the Twilio and BigQuery recorders) on host:port (0 = a free port);
 * resolves with its URL, port and a close() that also drops keep-alive connections, which client
 * libraries' agents would otherwise hold open.
 */
export function listenLocal(server, { port, host }) {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      const address = server.address();
      const actualPort = typeof address === "object" && address ? address.port : port;
      const urlHost = host.includes(":") ? `[${host}]` : host;
      resolve({
        url: `http://${urlHost}:${actualPort}`,
        port: actualPort,
        close() {
          return new Promise((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            server.closeAllConnections();
          });
        },
      });
    });
  });
}

/** When a tool file is run directly: start it, print where, stop on SIGINT / SIGTERM. */
export async function runStandalone(name, start) {
  const running = await start();
  process.stdout.write(`[${name}] listening on ${running.url}\n`);
  const stop = () =>
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

/**
 * Runs a command with each line of its output prefixed by `[label]` (lines of work share the
 * terminal) and, if `nice` is given, at that lower priority (the processes it starts inherit it).
 * `env` adds to this process's environment. Resolves with its exit code.
 */
export function runLabelled(label, command, args, { nice, env, ...options } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      ...options,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    if (nice !== undefined) {
      try {
        if (child.pid) os.setPriority(child.pid, nice);
      } catch {
        // Not permitted here: it runs at normal priority.
      }
    }
    for (const [stream, out] of [
      [child.stdout, process.stdout],
      [child.stderr, process.stderr],
    ]) {
      let rest = "";
      stream.setEncoding("utf8");
      stream.on("data", (chunk) => {
        const lines = (rest + chunk).split("\n");
        rest = lines.pop();
        for (const line of lines) out.write(`[${label}] ${line}\n`);
      });
      stream.on("end", () => rest && out.write(`[${label}] ${rest}\n`));
    }
    child.on("error", reject);
    child.on("close", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}
