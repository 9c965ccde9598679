// The emulator harness. Every mode builds the functions, makes sure hidane and fake-gcs-server
// are there (on a first run both are built beside the functions' tsc: ensureEmulatorTools), and
// runs firebase-tools under `hidane exec`, so `firebase emulators:*` starts hidane where it would
// start Java and the official Firestore jar.
//
//   node tools/emulators.mjs start        emulators + demo data, until Ctrl-C   (npm start)
//   node tools/emulators.mjs exec "CMD"   emulators around one command         (npm test)
//   node tools/emulators.mjs demo         the scripted journey                 (npm run demo)
//
// FIRESTORE_EMULATOR=official uses the official emulator instead (Java 21 and internet needed).
// AROGYA_EMULATOR_HOST=<LAN address> lets a phone on the network reach them: see LAN_HOST.
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { ensureLocalSecrets } from "./secrets.mjs";
import { spawn } from "node:child_process";
import path from "node:path";
import { ensureFakeGcs, fakeGcsPath, startFakeGcs } from "./gcs.mjs";
import { ensureHidane, hidanePath } from "./hidane.mjs";
import { startTwilioEmulator } from "./twilio-emulator.mjs";
import { startBigQueryRecorder } from "./bigquery-recorder.mjs";
import { PROJECT_ID, ROOT, bin, log, run, runLabelled } from "./lib.mjs";

export const EMULATORS = "auth,functions,firestore,tasks,hosting";

/**
 * The one setting for a phone: the LAN address the emulators are reached at. The emulators (and
 * the Storage stand-in, whose signed URLs a phone opens) then listen on every interface, through a
 * generated firebase.lan.json (firebase.json with each `host` set to 0.0.0.0; git-ignored). Tools
 * on this machine keep using 127.0.0.1; the functions get the variable and hand out URLs under it
 * (functions/src/config/emulator.ts reachableUrl); apps connect with it (client/src/emulators.ts).
 */
export const LAN_HOST = process.env.AROGYA_EMULATOR_HOST || "";

/** The firebase-tools arguments that select the configuration (the LAN one when LAN_HOST is set). */
function configArgs() {
  if (!LAN_HOST) return [];
  const config = JSON.parse(readFileSync(path.join(ROOT, "firebase.json"), "utf8"));
  for (const value of Object.values(config.emulators ?? {}))
    if (value && typeof value === "object" && "host" in value) value.host = "0.0.0.0";
  writeFileSync(path.join(ROOT, "firebase.lan.json"), `${JSON.stringify(config, null, 2)}\n`);
  log(`AROGYA_EMULATOR_HOST=${LAN_HOST}: emulators listen on every interface (firebase.lan.json)`);
  return ["--config", "firebase.lan.json"];
}
export const ENDPOINTS = {
  hub: "127.0.0.1:4400",
  auth: "127.0.0.1:9099",
  functions: "127.0.0.1:5001",
  firestore: "127.0.0.1:8080",
  tasks: "127.0.0.1:9499",
  hosting: "127.0.0.1:5000",
  twilio: "127.0.0.1:4599",
  bigquery: "127.0.0.1:4598",
  storage: "127.0.0.1:4443",
};

/** The environment a client of the running emulators needs (what emulators:exec sets). */
export const EMULATOR_ENV = {
  GCLOUD_PROJECT: PROJECT_ID,
  FIREBASE_AUTH_EMULATOR_HOST: ENDPOINTS.auth,
  FIRESTORE_EMULATOR_HOST: ENDPOINTS.firestore,
  FUNCTIONS_EMULATOR_HOST: ENDPOINTS.functions,
  CLOUD_TASKS_EMULATOR_HOST: ENDPOINTS.tasks,
  FIREBASE_EMULATOR_HUB: ENDPOINTS.hub,
  STORAGE_EMULATOR_HOST: `http://${ENDPOINTS.storage}`,
};

/**
 * Runs a build with each line of its output labelled (two builds share the terminal) and at a
 * lower priority (nice 10; the processes it starts inherit it), so the work that runs beside it
 * (tsc, lint, unit tests) is not slowed, and the builds take the cores it leaves idle.
 */
function background(label) {
  return (command, args, options = {}) => runLabelled(label, command, args, { ...options, nice: 10 });
}

let tools;
/**
 * Makes sure the emulators this project builds are in the cache: hidane (cargo, minutes) unless
 * FIRESTORE_EMULATOR=official, and fake-gcs-server (go). On a fresh machine both are built at
 * once, in the background (see background()). Call it as early as possible (`npm test` calls it
 * before format, lint and unit tests, which then overlap the builds); `prepare()` awaits it, so
 * the emulators start only when both are there. It waits for both builds to end, then fails
 * with the first error, so a failing build does not leave the other one half done.
 */
export function ensureEmulatorTools() {
  if (!tools) {
    const official = process.env.FIRESTORE_EMULATOR === "official";
    if (!official && !existsSync(hidanePath()) && !existsSync(fakeGcsPath()))
      log(
        "building hidane and fake-gcs-server at the same time, in the background; their lines are labelled",
      );
    tools = Promise.allSettled([
      official ? Promise.resolve(undefined) : ensureHidane({ run: background("hidane") }),
      ensureFakeGcs({ run: background("fake-gcs") }),
    ]).then(([hidane, gcs]) => {
      const failed = [hidane, gcs].find((r) => r.status === "rejected");
      if (failed) throw failed.reason;
      return { hidane: hidane.value, fakeGcs: gcs.value };
    });
    // Awaited by prepare(); until then, a failure is held, not reported as unhandled.
    tools.catch(() => {});
  }
  return tools;
}

/** Everything a run needs before the emulators start; returns the command prefix. */
export async function prepare() {
  const built = ensureEmulatorTools();
  log("building functions (tsc)");
  const code = await run("npm", ["run", "--silent", "build", "--prefix", "functions"]);
  if (code !== 0) {
    // Not left behind as orphans: an emulator build still running ends first, and is cached.
    log(`building functions failed with exit code ${code}`);
    await built.catch(() => {});
    process.exit(code);
  }
  ensureLocalSecrets();
  const { hidane } = await built;
  const firebase = [bin("firebase"), "--project", PROJECT_ID, ...configArgs()];
  if (process.env.FIRESTORE_EMULATOR === "official") {
    log("FIRESTORE_EMULATOR=official: firebase-tools will start the official Firestore emulator (Java 21)");
    return firebase;
  }
  return [hidane, "exec", "--", ...firebase];
}

// The Functions emulator starts one worker process per concurrent call; on two cores, dozens
// of simultaneous cold starts take longer than its default 30 s load timeout.
const firebaseEnv = () => ({
  ...process.env,
  FIREBASE_CLI_DISABLE_UPDATE_CHECK: "true",
  NO_UPDATE_NOTIFIER: "1",
  FUNCTIONS_DISCOVERY_TIMEOUT: process.env.FUNCTIONS_DISCOVERY_TIMEOUT ?? "180",
  // No Firebase Storage emulator runs, so firebase-tools does not set this for emulators:exec.
  STORAGE_EMULATOR_HOST: EMULATOR_ENV.STORAGE_EMULATOR_HOST,
});

export async function hubIsUp() {
  try {
    const res = await fetch(`http://${ENDPOINTS.hub}/emulators`, { signal: AbortSignal.timeout(1000) });
    return res.ok;
  } catch {
    return false;
  }
}

/**
 * The local Twilio API (tools/twilio-emulator.mjs): the functions send SMS and WhatsApp with the
 * real twilio library to it (TWILIO_API_BASE in functions/.env.local); it records, never sends.
 */
async function startTwilio() {
  // It also plays inbound SMS and calls to the functions, signed with their auth token.
  const secrets = readFileSync(path.join(ROOT, "functions", ".secret.local"), "utf8");
  const webhookAuthToken = /^TWILIO_AUTH_TOKEN=(.*)$/m.exec(secrets)?.[1];
  const twilio = await startTwilioEmulator({
    port: Number(ENDPOINTS.twilio.split(":")[1]),
    webhookBaseUrl: `http://${ENDPOINTS.hosting}`,
    webhookAuthToken,
  });
  log(`Twilio API recorder on ${twilio.url} (messages: ${twilio.url}/__emulator/messages)`);
  return twilio;
}

/**
 * The local BigQuery API (tools/bigquery-recorder.mjs): there is no BigQuery emulator; the functions
 * export events with the real client to it (BIGQUERY_API_ENDPOINT in functions/.env.local).
 */
async function startBigQuery() {
  const bigquery = await startBigQueryRecorder({ port: Number(ENDPOINTS.bigquery.split(":")[1]) });
  log(`BigQuery API recorder on ${bigquery.url} (rows: ${bigquery.url}/__recorder/rows)`);
  return bigquery;
}

/**
 * Local Cloud Storage (tools/gcs.mjs): fake-gcs-server with the default bucket; the functions reach
 * it with the real @google-cloud/storage client (STORAGE_EMULATOR_HOST in functions/.env.local).
 */
async function startStorage() {
  const gcs = await startFakeGcs({
    port: Number(ENDPOINTS.storage.split(":")[1]),
    // Listening on every interface, answering signed URLs under the LAN address (tools/gcs.mjs).
    ...(LAN_HOST ? { host: "0.0.0.0", publicHost: LAN_HOST } : {}),
  });
  log(`Cloud Storage (fake-gcs-server) on ${gcs.url}, bucket ${gcs.buckets.join(", ")}`);
  return gcs;
}

/** Where `exec` also writes everything the emulators print (the functions' logs among it). */
export const EMULATOR_LOG = path.join(ROOT, ".cache", "emulator-logs", "exec.log");

/** Runs a command, copying its output to the terminal and to a file. */
function runTeed(command, args, options, file) {
  mkdirSync(path.dirname(file), { recursive: true });
  const out = createWriteStream(file);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ["inherit", "pipe", "pipe"], ...options });
    child.stdout.on("data", (chunk) => {
      process.stdout.write(chunk);
      out.write(chunk);
    });
    child.stderr.on("data", (chunk) => {
      process.stderr.write(chunk);
      out.write(chunk);
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => out.end(() => resolve(code ?? (signal ? 1 : 0))));
  });
}

/**
 * `firebase emulators:exec` around a command; resolves with the command's exit code. The
 * emulators' output is also written to EMULATOR_LOG, which the command can read (its path is in
 * AROGYA_EMULATOR_LOG): the PHI check scans the functions' log lines there.
 */
export async function execWithEmulators(command) {
  const [cmd, ...args] = await prepare();
  const twilio = await startTwilio();
  const bigquery = await startBigQuery();
  const storage = await startStorage();
  try {
    return await runTeed(
      cmd,
      [...args, "emulators:exec", "--only", EMULATORS, command],
      { env: { ...firebaseEnv(), AROGYA_EMULATOR_LOG: EMULATOR_LOG } },
      EMULATOR_LOG,
    );
  } finally {
    await Promise.all([twilio.close(), bigquery.close(), storage.stop()]);
  }
}

async function start() {
  const [cmd, ...args] = await prepare();
  const twilio = await startTwilio();
  const bigquery = await startBigQuery();
  const storage = await startStorage();
  log(`starting emulators: ${EMULATORS}`);
  // Its own process group, signalled as a whole: `hidane exec` does not pass a signal on to
  // firebase-tools, so a SIGINT or SIGTERM to this process alone (not Ctrl-C at a terminal,
  // which reaches the whole group) would otherwise leave the emulators running.
  const child = spawn(cmd, [...args, "emulators:start", "--only", EMULATORS], {
    cwd: ROOT,
    stdio: "inherit",
    env: firebaseEnv(),
    detached: true,
  });
  const stop = () => {
    try {
      process.kill(-child.pid, "SIGINT");
    } catch {
      child.kill("SIGINT");
    }
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  child.on("exit", (code) =>
    Promise.all([twilio.close(), bigquery.close(), storage.stop()]).finally(() => process.exit(code ?? 0)),
  );

  const deadline = Date.now() + 180_000;
  while (!(await functionsLoaded())) {
    if (Date.now() > deadline) {
      log("the emulators did not come up within three minutes; see the output above");
      stop();
      return;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  log("emulators are up; loading demo data");
  const code = await run(bin("tsx"), [path.join("tools", "seed.ts")], {
    env: { ...process.env, ...EMULATOR_ENV },
  });
  if (code !== 0) log("seeding failed (see above); the emulators keep running");
  printEndpoints();
}

/** The hub answers before the functions are loaded; wait until a callable responds. */
async function functionsLoaded() {
  if (!(await hubIsUp())) return false;
  try {
    const res = await fetch(`http://${ENDPOINTS.functions}/${PROJECT_ID}/asia-south1/api/api/auth/me`, {
      signal: AbortSignal.timeout(2000),
    });
    return res.status === 401;
  } catch {
    return false;
  }
}

function printEndpoints() {
  log("ready. Endpoints:");
  if (LAN_HOST) log(`  from a phone on this network: replace 127.0.0.1 with ${LAN_HOST}`);
  for (const [name, host] of Object.entries(ENDPOINTS)) log(`  ${name.padEnd(10)} http://${host}`);
  log(`  web API    http://${ENDPOINTS.hosting}/api/auth/me  (Hosting rewrites /api/** to the api function)`);
  log(`  callables  http://${ENDPOINTS.functions}/${PROJECT_ID}/asia-south1/<name>`);
  log("demo accounts are listed above; `npm run demo` runs the scripted journey against these emulators");
  log("press Ctrl-C to stop");
}

async function demo() {
  const env = { ...process.env, ...EMULATOR_ENV };
  if (await hubIsUp()) {
    log("emulators already running (npm start): running the journey against them");
    process.exit(await run(bin("tsx"), [path.join("tools", "demo.ts")], { env }));
  }
  process.exit(
    await execWithEmulators(`"${bin("tsx")}" tools/seed.ts --quiet && "${bin("tsx")}" tools/demo.ts`),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [mode, command] = process.argv.slice(2);
  const modes = {
    start,
    demo,
    exec: async () => process.exit(await execWithEmulators(command)),
  };
  if (!modes[mode] || (mode === "exec" && !command)) {
    console.error('usage: node tools/emulators.mjs start | demo | exec "<command>"');
    process.exit(2);
  }
  modes[mode]().catch((err) => {
    console.error(`[arogya] ${err.message}`);
    process.exit(1);
  });
}
