// What loading the functions costs, measured in a fresh Node process per probe: used by
// bench/coldstart.ts (timings) and tools/coldstart.test.ts (which heavy libraries load eagerly).
//
// A probe runs `node -e <script>` in functions/, so `require` resolves exactly as the deployed
// code does. The script hooks Module._load to note who first required each heavy library, times
// its steps with hrtime (node's own start-up is outside the timings), and prints one JSON line.
import type { PrescriptionPdfInput } from "../functions/src/adapters/pdf/prescriptionPdf";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const FUNCTIONS_DIR = path.join(ROOT, "functions");

/**
 * Libraries that must load only inside the functions that use them: zod and luxon are light
 * beside pdfkit, but every function's cold start paid for them (zod alone about 60-120 ms).
 */
export const HEAVY_MODULES = [
  "zod",
  "luxon",
  "pdfkit",
  "fontkit",
  "qrcode",
  "twilio",
  "@google-cloud/storage",
  "@google-cloud/bigquery",
  "jsonwebtoken",
  "jszip",
  "csv-parse",
] as const;
export type HeavyModule = (typeof HEAVY_MODULES)[number];

export type Probe =
  /** `firebase-functions` and `firebase-functions/v2/https`, nothing else: the floor. */
  | { kind: "bare" }
  /** The entry point, as the runtime loads it for every function. */
  | { kind: "index"; entry?: Entry }
  /**
   * The entry point, then what a callable's first call loads before its handler runs: the shared
   * steps (sign-in, rate limit, request parsing), its request schema and its handler module, with
   * their imports (triggers/callable/index.ts `loadCallable`). Network calls are not made.
   */
  | { kind: "firstCall"; callable: string }
  /**
   * issuePrescription's first call (as `firstCall`), then what its handler loads as it runs: the
   * Storage client (it signs the SMS link). The PDF is not rendered on the call any more.
   */
  | { kind: "issuePrescription" }
  /** The entry point, then the first PDF rendered (pdfkit, fontkit, qrcode, fonts parsed): what the first that needs a prescription's PDF pays, after the doctor's answer. */
  | { kind: "firstPdf" }
  /** Bare `firebase-functions`, then one library: what that library adds on its own. */
  | { kind: "module"; module: string };

/** `lib` is the compiled code (needs a build); `src` runs the TypeScript through tsx (for tests). */
export type Entry = "lib" | "src";

export interface ProbeResult {
  /** Milliseconds per step, e.g. { index: 412.3, pdf: 801.2, storage: 180.4 }. */
  steps: Record<string, number>;
  totalMs: number;
  /** Entries in require.cache at the end. */
  modules: number;
  /** Heavy libraries in require.cache at the end. */
  inCache: HeavyModule[];
  /** For each heavy library loaded, the file that first required it (relative to functions/). */
  firstRequiredBy: Partial<Record<HeavyModule, string>>;
  /** Names of the exported callables (after loading the entry point). */
  callables?: string[];
  /** The project's own modules in require.cache, relative to src/ or lib/, e.g. "registry/booking". */
  project: string[];
}

/**
 * A short Hindi prescription: enough to load both fonts' layout tables and draw a QR. Typed by
 * the renderer's input, so a new field of the document fails the typecheck here, not the probe.
 */
const SAMPLE_PRESCRIPTION: Omit<PrescriptionPdfInput, "issuedAt"> & { issuedAt: string } = {
  prescriptionNumber: "7KD-Q2M-9XW",
  language: "hi",
  issuedAt: "2026-03-12T05:00:00.000Z",
  timezone: "Asia/Kolkata",
  clinic: {
    name: "Arogya Health Centre, Nabha",
    address: "Hospital Road, Nabha, Punjab 147201",
    phone: "+911765220000",
  },
  doctor: { name: "Dr. Harpreet Kaur", registrationNumber: "PMC/2011/48213", qualification: "MBBS, MD" },
  patient: { name: "सुनीता देवी", age: 46, sex: "female" },
  lines: [
    {
      name: "Paracetamol",
      strength: "650 mg",
      form: "tablet",
      dose: { amount: 1, unit: "tablet" },
      frequency: "SOS",
      maxPerDay: 4,
      route: "oral",
      durationDays: 3,
      quantity: 12,
      instructions: "बुखार हो तब",
    },
  ],
  verification: {
    code: "7KQ4-M2XP",
    qrPayload: "https://verify.arogya.example/rx/RX-COLD-0001?c=7KQ4-M2XP",
    verifyUrl: "https://verify.arogya.example/rx",
  },
};

function entryPath(entry: Entry): string {
  return entry === "src" ? "./src/index.ts" : "./lib/index.js";
}

function stepsFor(probe: Probe): string {
  const index = (entry: Entry) =>
    `exported = step("index", () => require(${JSON.stringify(entryPath(entry))}));`;
  const firstCall = (callable: string) =>
    [
      index("lib"),
      `const spec = require("./lib/registry/callables.js").CALLABLES.find((s) => s.name === ${JSON.stringify(callable)});`,
      `if (!spec) throw new Error("no callable " + ${JSON.stringify(callable)});`,
      `await stepAsync("callable", () => require("./lib/triggers/callable/index.js").loadCallable(spec));`,
    ].join("\n");
  switch (probe.kind) {
    case "bare":
      return `step("firebaseFunctions", () => { require("firebase-functions"); require("firebase-functions/v2/https"); });`;
    case "index":
      return index(probe.entry ?? "lib");
    case "firstCall":
      return firstCall(probe.callable);
    case "issuePrescription":
      return [
        firstCall("issuePrescription"),
        `step("storage", () => require("@google-cloud/storage"));`,
      ].join("\n");
    case "firstPdf":
      return [
        index("lib"),
        `const input = ${JSON.stringify(SAMPLE_PRESCRIPTION)};`,
        `input.issuedAt = new Date(input.issuedAt);`,
        `await stepAsync("pdf", () => require("./lib/adapters/pdf/prescriptionPdf.js").renderPrescriptionPdf(input));`,
      ].join("\n");
    case "module":
      return `${stepsFor({ kind: "bare" })}\nstep("module", () => require(${JSON.stringify(probe.module)}));`;
  }
}

function script(probe: Probe): string {
  return `
const Module = require("node:module");
const path = require("node:path");
const HEAVY = ${JSON.stringify(HEAVY_MODULES)};
const firstRequiredBy = {};
const load = Module._load;
Module._load = function (request, parent) {
  const name = HEAVY.find((h) => request === h || request.startsWith(h + "/"));
  if (name && !(name in firstRequiredBy)) firstRequiredBy[name] = parent && parent.filename ? path.relative(process.cwd(), parent.filename) : "?";
  return load.apply(this, arguments);
};
const steps = {};
const now = () => process.hrtime.bigint();
const step = (name, fn) => { const t = now(); const v = fn(); steps[name] = Number(now() - t) / 1e6; return v; };
const stepAsync = async (name, fn) => { const t = now(); const v = await fn(); steps[name] = Number(now() - t) / 1e6; return v; };
let exported;
(async () => {
  const started = now();
  ${stepsFor(probe)}
  const totalMs = Number(now() - started) / 1e6;
  const cached = Object.keys(require.cache);
  const inCache = HEAVY.filter((h) => cached.some((file) => file.includes(path.join("node_modules", h) + path.sep)));
  const callables = exported
    ? Object.entries(exported).filter(([, fn]) => fn && fn.__endpoint && "callableTrigger" in fn.__endpoint).map(([name]) => name)
    : undefined;
  const project = cached
    .filter((file) => !file.split(path.sep).includes("node_modules") && file.startsWith(process.cwd() + path.sep))
    .map((file) => path.relative(process.cwd(), file).replace(/^(src|lib)\\//, "").replace(/\\.(ts|js)$/, ""));
  process.stdout.write(JSON.stringify({ steps, totalMs, modules: cached.length, inCache, firstRequiredBy, callables, project }) + "\\n", () => process.exit(0));
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
`;
}

/** Runs one probe in a fresh process and returns what it measured. */
export function runProbe(probe: Probe): ProbeResult {
  const env = { ...process.env };
  // The probe must see a plain Node: no loader a parent (tsx, vitest) put in NODE_OPTIONS, no emulator.
  delete env.NODE_OPTIONS;
  delete env.FUNCTIONS_EMULATOR;
  const nodeArgs =
    probe.kind === "index" && probe.entry === "src"
      ? ["--require", createRequire(import.meta.url).resolve("tsx/cjs")]
      : [];
  const child = spawnSync(process.execPath, [...nodeArgs, "-e", script(probe)], {
    cwd: FUNCTIONS_DIR,
    env,
    encoding: "utf8",
    timeout: 120_000,
  });
  if (child.status !== 0) {
    throw new Error(
      `probe ${JSON.stringify(probe)} failed (exit ${child.status ?? child.signal}): ${child.stderr.slice(-2000)}`,
    );
  }
  const line = child.stdout.trim().split("\n").pop() ?? "";
  return JSON.parse(line) as ProbeResult;
}
