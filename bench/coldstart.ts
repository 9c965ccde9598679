// `npm run bench:coldstart` (builds functions/, then `npx tsx bench/coldstart.ts`; no emulator):
// what a cold start costs, written to bench/results/coldstart.json and printed.
//
// Every measurement is a fresh Node process (tools/coldstart.ts) that times its own requires
// (node's start-up is outside the figure). RUNS rounds, each running, in a rotating order:
//   bare               require("firebase-functions") + require("firebase-functions/v2/https")
//   index              require("functions/lib/index.js"): what every function's instance loads
//   book               index.js, then what `book` loads on its first call before its handler
//                      runs: the callable steps (sign-in, rate limit, request parsing), the
//                      request schema and the handler module (tools/coldstart.ts `firstCall`)
//   issuePrescription  index.js, then the same for the heaviest function, then what its handler
//                      loads as it runs: @google-cloud/storage (it signs the SMS link)
//   firstPdf           index.js, then one PDF rendered (pdfkit, fontkit, qrcode, both Noto fonts
//                      parsed): what the first that needs a prescription's PDF pays (the SMS
//                      sender, a link), after the doctor's answer (reported, not a figure)
// Network calls are not made: a first call's Firestore and token round trips are not in it.
// Reported: medians and the ratios of medians to bare; the heavy libraries in require.cache after
// index.js (and who required each); and, in MODULE_RUNS further processes per library, what each
// library adds on top of bare firebase-functions.
import { existsSync } from "node:fs";
import path from "node:path";
import {
  FUNCTIONS_DIR,
  HEAVY_MODULES,
  runProbe,
  type HeavyModule,
  type Probe,
  type ProbeResult,
} from "../tools/coldstart";
import { ROOT, median, round, writeResults } from "./lib";

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const MODULE_RUNS = Number(process.env.BENCH_MODULE_RUNS ?? 5);
/** Libraries whose own load cost is reported: the heavy ones (fontkit comes with pdfkit) and, for comparison, two the entry point loads on purpose. */
const MODULES = [
  "pdfkit",
  "qrcode",
  "twilio",
  "@google-cloud/storage",
  "@google-cloud/bigquery",
  "jsonwebtoken",
  "jszip",
  "csv-parse/sync",
  "zod",
  "luxon",
];

if (!existsSync(path.join(FUNCTIONS_DIR, "lib", "index.js"))) {
  console.error(
    "functions/lib/index.js is missing: run `npm run build` first (npm run bench:coldstart does)",
  );
  process.exit(1);
}

const probes: Record<string, Probe> = {
  bare: { kind: "bare" },
  index: { kind: "index" },
  book: { kind: "firstCall", callable: "book" },
  issuePrescription: { kind: "issuePrescription" },
  firstPdf: { kind: "firstPdf" },
};
const names = Object.keys(probes);
const runs: Record<string, ProbeResult[]> = Object.fromEntries(names.map((n) => [n, []]));

// One unmeasured round: the OS file cache is warm for every variant alike.
for (const name of names) runProbe(probes[name]);
for (let i = 0; i < RUNS; i += 1) {
  for (let k = 0; k < names.length; k += 1) {
    const name = names[(i + k) % names.length];
    runs[name].push(runProbe(probes[name]));
  }
  process.stdout.write(`\rround ${i + 1}/${RUNS}`);
}
process.stdout.write("\n");

const med = (name: string, pick: (r: ProbeResult) => number) => median(runs[name].map(pick));
const bareMs = med("bare", (r) => r.totalMs);
const indexMs = med("index", (r) => r.totalMs);
const rxMs = med("issuePrescription", (r) => r.totalMs);
const bookMs = med("book", (r) => r.totalMs);
const stepMedians = (name: string) =>
  Object.fromEntries(
    Object.keys(runs[name][0].steps).map((step) => [
      step,
      round(
        med(name, (r) => r.steps[step]),
        1,
      ),
    ]),
  );

const moduleMs: Record<string, number[]> = Object.fromEntries(MODULES.map((m) => [m, []]));
for (let i = 0; i < MODULE_RUNS; i += 1) {
  for (const m of MODULES) moduleMs[m].push(runProbe({ kind: "module", module: m }).steps.module);
  process.stdout.write(`\rlibraries ${i + 1}/${MODULE_RUNS}`);
}
process.stdout.write("\n");

const union = (results: ProbeResult[]) => [...new Set(results.flatMap((r) => r.inCache))].sort();
const heavyAfterBare = union(runs.bare);
const heavyAfterIndex = union(runs.index);
const addedByIndex = heavyAfterIndex.filter((m) => !heavyAfterBare.includes(m));
const requiredBy = (m: HeavyModule) =>
  runs.index.find((r) => r.firstRequiredBy[m])?.firstRequiredBy[m] ?? null;

const figures = {
  runs: RUNS,
  entryPoint: {
    bareFirebaseFunctionsMsMedian: round(bareMs, 1),
    indexJsMsMedian: round(indexMs, 1),
    indexToBareRatio: round(indexMs / bareMs),
    modulesInCache: { bare: runs.bare[0].modules, index: runs.index[0].modules },
    callables: runs.index[0].callables?.length ?? 0,
  },
  firstCall: {
    book: {
      loads: "index.js, then the callable steps, book's request schema and its handler module",
      coldMsMedian: round(bookMs, 1),
      toBareRatio: round(bookMs / bareMs),
      stepsMsMedian: stepMedians("book"),
      modulesInCache: runs.book[0].modules,
    },
    issuePrescription: {
      loads:
        "index.js, then the callable steps, issuePrescription's request schema and handler module, the Storage client; the PDF is rendered after the answer",
      coldMsMedian: round(rxMs, 1),
      toBareRatio: round(rxMs / bareMs),
      stepsMsMedian: stepMedians("issuePrescription"),
      modulesInCache: runs.issuePrescription[0].modules,
    },
  },
  afterTheAnswer: {
    firstPdf: {
      loads: "index.js, then one PDF rendered (pdfkit, fontkit, qrcode, both fonts parsed)",
      coldMsMedian: round(
        med("firstPdf", (r) => r.totalMs),
        1,
      ),
      toBareRatio: round(med("firstPdf", (r) => r.totalMs) / bareMs),
      stepsMsMedian: stepMedians("firstPdf"),
    },
  },
  heaviestFunction: {
    name: "issuePrescription",
    loads: "index.js, then the callable steps, request schema and handler module, then @google-cloud/storage",
    coldMsMedian: round(rxMs, 1),
    toBareRatio: round(rxMs / bareMs),
    stepsMsMedian: {
      index: round(
        med("issuePrescription", (r) => r.steps.index),
        1,
      ),
      callable: round(
        med("issuePrescription", (r) => r.steps.callable),
        1,
      ),
      storageClient: round(
        med("issuePrescription", (r) => r.steps.storage),
        1,
      ),
    },
  },
  heavyModules: {
    checked: HEAVY_MODULES,
    inCacheAfterIndex: heavyAfterIndex,
    inCacheAfterBareFirebaseFunctions: heavyAfterBare,
    loadedByIndexBeyondBare: Object.fromEntries(addedByIndex.map((m) => [m, requiredBy(m as HeavyModule)])),
    whoLoadsTheOthers: Object.fromEntries(heavyAfterBare.map((m) => [m, requiredBy(m as HeavyModule)])),
  },
  libraryLoadMsMedianOnTopOfBare: Object.fromEntries(MODULES.map((m) => [m, round(median(moduleMs[m]), 1)])),
  libraryRuns: MODULE_RUNS,
};

const file = writeResults("coldstart", figures);
console.log(JSON.stringify(figures, null, 2));
console.log(`\nwritten to ${path.relative(ROOT, file)}`);
console.log(
  `entry point: index.js ${figures.entryPoint.indexJsMsMedian} ms vs bare firebase-functions ${figures.entryPoint.bareFirebaseFunctionsMsMedian} ms ` +
    `(x${figures.entryPoint.indexToBareRatio}, medians of ${RUNS} fresh processes)`,
);
console.log(
  `first call of book: ${figures.firstCall.book.coldMsMedian} ms (x${figures.firstCall.book.toBareRatio} bare): ` +
    Object.entries(figures.firstCall.book.stepsMsMedian)
      .map(([step, ms]) => `${step} ${ms}`)
      .join(" + ") +
    " ms",
);
console.log(
  `heaviest function: issuePrescription cold ${figures.heaviestFunction.coldMsMedian} ms (x${figures.heaviestFunction.toBareRatio} bare): ` +
    `index ${figures.heaviestFunction.stepsMsMedian.index} + callable ${figures.heaviestFunction.stepsMsMedian.callable} + Storage client ${figures.heaviestFunction.stepsMsMedian.storageClient} ms; ` +
    `its PDF after the answer: ${figures.afterTheAnswer.firstPdf.coldMsMedian} ms cold (index ${figures.afterTheAnswer.firstPdf.stepsMsMedian.index} + first PDF ${figures.afterTheAnswer.firstPdf.stepsMsMedian.pdf})`,
);
console.log(
  `heavy libraries in require.cache after index.js: ${heavyAfterIndex.join(", ") || "none"}; ` +
    `beyond what firebase-functions loads itself: ${addedByIndex.join(", ") || "none"}`,
);
