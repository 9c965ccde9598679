// Shared helpers for the project's own scripts (plain Node, no build step).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { createServer } from "node:http";
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

/** Where a tool the project builds is cached: `<cache>/<tool>-<version>/bin/<tool>`. */
export const cachedBinary = (tool, version) => path.join(cacheDir(), `${tool}-${version}`, "bin", tool);

/** One build per binary in this process: the harness may ask early (to build in parallel) and again later. */
const builds = new Map();

/**
 * The path of a binary the project builds for itself (cachedBinary), built first if the cache
 * lacks it. The spec names it (`tool`, `version`), the toolchain that must answer (`toolchain`:
 * its version command; `missing`: what to say when it does not), what the first build costs
 * (`firstRun`) and the install command for a staging folder (`install(staging)`: [command, args,
 * options]); `discard` lists staging folders not to keep. The staging folder replaces the cached
 * one once the binary is in it. `runner` runs the install (default: its output straight to the
 * terminal; the harness passes one that labels each line and lowers the build's priority:
 * emulators.mjs, ensureEmulatorTools).
 */
export function ensureBuilt(spec, runner = run) {
  const target = cachedBinary(spec.tool, spec.version);
  if (!builds.has(target)) builds.set(target, build(target, spec, runner));
  return builds.get(target);
}

async function build(target, { tool, version, toolchain, missing, firstRun, install, discard = [] }, runner) {
  if (existsSync(target)) return target;
  const toolchainVersion = spawnSync(toolchain[0], toolchain.slice(1), { encoding: "utf8" });
  if (toolchainVersion.status !== 0) throw new Error(missing);
  const root = path.dirname(path.dirname(target));
  const staging = `${root}.building-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(path.dirname(root), { recursive: true });
  log(`building ${tool} ${version} with ${toolchainVersion.stdout.trim()} into ${root}`);
  log(`first run only: ${firstRun}`);
  const started = Date.now();
  const [command, args, options] = install(staging);
  const code = await runner(command, args, options);
  if (code !== 0 || !existsSync(path.join(staging, "bin", path.basename(target)))) {
    rmSync(staging, { recursive: true, force: true });
    throw new Error(
      `${command} install ${tool}@${version} failed (exit ${code}); see ${command}'s output above`,
    );
  }
  for (const folder of discard) rmSync(path.join(staging, folder), { recursive: true, force: true });
  rmSync(root, { recursive: true, force: true });
  renameSync(staging, root);
  log(`${tool} ${version} built in ${Math.round((Date.now() - started) / 1000)} s, cached at ${target}`);
  return target;
}

export async function runOrExit(command, args, options) {
  const code = await run(command, args, options);
  if (code !== 0) {
    log(`${path.basename(command)} ${args.join(" ")} failed with exit code ${code}`);
    process.exit(code);
  }
}

/** A sendJson(res, status, body, headers?) for a local stand-in of a service that labels JSON `contentType`. */
export const jsonSender =
  (contentType) =>
  (res, status, body, headers = {}) => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      "Content-Type": contentType,
      "Content-Length": Buffer.byteLength(text),
      ...headers,
    });
    res.end(text);
  };

/** A request's body as text; rejects with `tooLarge` (and drops the connection) past `limit` bytes. */
export function readBody(req, limit) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on("data", (chunk) => {
      size += chunk.length;
      if (size > limit) {
        reject(Object.assign(new Error("body too large"), { tooLarge: true }));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/**
 * Serves `handle(req, res)` (the Twilio and BigQuery stand-ins) on host:port (0 = a free port). A
 * request whose body is over its limit (readBody) is answered `tooLarge`, any other fault `failed`,
 * each `[status, body]` through `sendJson`. Resolves with the server's URL, port and a close()
 * that also drops keep-alive connections, which client libraries' agents would otherwise hold open.
 */
export function serveJson(handle, sendJson, { tooLarge, failed }, address) {
  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      if (res.headersSent) return res.destroy();
      const [status, body] = error && error.tooLarge ? tooLarge : failed;
      sendJson(res, status, body);
    });
  });
  return listen(server, address);
}

function listen(server, { port, host }) {
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
