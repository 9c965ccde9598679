// The figures of issue 18 against their goals, from the per-benchmark files in bench/results/,
// written to bench/results/summary.json and printed as a table.
//
//   npx tsx bench/summary.ts          summarise the result files as they are
//   npx tsx bench/summary.ts --run    `npm run bench`: run every benchmark in turn, then summarise
//   ... --strict                      exit 1 unless every figure passes
//
// `--run` runs the benchmarks that need no emulator (rx, events, coldstart, and slots when
// bench/slots.ts exists), then the emulator ones under one emulator start (the counter proof,
// booking, reminders, pharmacy). A benchmark that fails leaves its previous file in place: its
// figures are then reported "stale" (measured before this run), never as this run's. A figure
// whose file lacks the field is "not measured"; nothing is estimated. Each figure names the file
// and fields it comes from and the npm script that produces them.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { RESULTS_DIR, ROOT, writeResults } from "./lib";

type Json = Record<string, unknown>;
type Status = "pass" | "fail" | "not measured" | "stale";

/** What one figure reads: the value to show, whether it meets its goal, and the fields used. */
interface Measurement {
  value: unknown;
  display: string;
  pass: boolean;
  fields: string[];
  note?: string;
}

interface Figure {
  id: string;
  figure: string;
  goal: string;
  /** The result files (bench/results/<name>.json) that may hold it, preferred in this order. */
  sources: string[];
  /** The fields it reads, said when none of the sources holds them. */
  expects: string;
  measure: (results: Json, source: string) => Measurement | undefined;
}

/** The value at a dotted path ("a.b.c"), or undefined. */
function at(object: unknown, dotted: string): unknown {
  let value = object;
  for (const key of dotted.split(".")) {
    if (!value || typeof value !== "object") return undefined;
    value = (value as Json)[key];
  }
  return value;
}
const num = (object: unknown, dotted: string): number | undefined => {
  const value = at(object, dotted);
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
};
/** The first of several field paths that holds a number. */
function firstNumber(object: unknown, paths: string[]): { field: string; value: number } | undefined {
  for (const field of paths) {
    const value = num(object, field);
    if (value !== undefined) return { field, value };
  }
  return undefined;
}
const ratio = (value: number) => `${value}x`;

/** One number against its ceiling, read from `field`. */
const within = (field: string, value: number, goal: number, show = ratio): Measurement => ({
  value,
  display: show(value),
  pass: value <= goal,
  fields: [field],
});
/** A figure that is the first of `fields` (for the source read) holding a number, at most `goal`. */
const atMost =
  (fields: string[] | ((source: string) => string[]), goal: number, show = ratio): Figure["measure"] =>
  (r, source) => {
    const found = firstNumber(r, typeof fields === "function" ? fields(source) : fields);
    return found && within(found.field, found.value, goal, show);
  };
/**
 * A figure of several numbers (`fields`: name → dotted path), none of which may be missing; its
 * value is them by name, its fields their paths, unless `judge` says otherwise.
 */
function numbers<K extends string>(
  fields: Record<K, string>,
  judge: (v: Record<K, number>, r: Json) => Omit<Measurement, "value" | "fields"> & Partial<Measurement>,
): Figure["measure"] {
  return (r) => {
    const read = Object.entries<string>(fields).map(([name, field]) => [name, num(r, field)] as const);
    if (read.some(([, value]) => value === undefined)) return undefined;
    const v = Object.fromEntries(read) as Record<K, number>;
    return { value: v, fields: Object.values<string>(fields), ...judge(v, r) };
  };
}

const NEARBY_RADII = ["2km", "5km", "10km", "25km"];

const FIGURES: Figure[] = [
  {
    id: "counter",
    figure: "Firestore counter exact on calls of known cost",
    goal: "every case exact",
    sources: ["counter"],
    expects: "cases and exact in counter.json",
    measure: numbers({ cases: "cases", exact: "exact" }, ({ cases, exact }) => ({
      display: `${exact}/${cases} exact`,
      pass: cases > 0 && exact === cases,
    })),
  },
  {
    id: "book-operations",
    figure: "Firestore operations on the `book` call path",
    goal: "<= 3 reads + 3 writes",
    sources: ["booking"],
    expects: "firestorePerBook.{bookWithIdempotencyKey,bookWithoutKey}.{reads,writes} in booking.json",
    measure: (r) => {
      // The costlier of the two successful bookings the benchmark makes (with and without an
      // idempotency key); the replay and the conflict are cheaper paths.
      const variants = ["bookWithIdempotencyKey", "bookWithoutKey"]
        .map((name) => ({
          name,
          reads: num(r, `firestorePerBook.${name}.reads`),
          writes: num(r, `firestorePerBook.${name}.writes`),
        }))
        .filter((v): v is { name: string; reads: number; writes: number } =>
          Boolean(v.reads !== undefined && v.writes !== undefined),
        );
      if (!variants.length) return undefined;
      const reads = Math.max(...variants.map((v) => v.reads));
      const writes = Math.max(...variants.map((v) => v.writes));
      return {
        value: { reads, writes },
        display: `${reads} reads + ${writes} writes`,
        pass: reads <= 3 && writes <= 3,
        fields: variants.flatMap((v) => [
          `firestorePerBook.${v.name}.reads`,
          `firestorePerBook.${v.name}.writes`,
        ]),
        note:
          variants.length > 1
            ? `the costlier of ${variants.map((v) => `${v.name} (${v.reads} + ${v.writes})`).join(", ")}`
            : undefined,
      };
    },
  },
  {
    id: "list-slots-reads",
    figure: "`listSlots` reads for a doctor with 30 bookings",
    goal: "1",
    sources: ["slots", "booking"],
    expects: "listSlots.reads (or listSlotsReads) in slots.json or booking.json",
    measure: atMost(["listSlots.reads", "listSlotsReads"], 1, String),
  },
  {
    id: "slot-generation",
    figure: "slot generation, 50 doctors x 30 days, / JSON.stringify of the same slots",
    goal: "<= 2x",
    sources: ["slots", "booking"],
    expects: "generateToJsonRatio in slots.json or slotGeneration.generateToJsonRatio in booking.json",
    measure: atMost(
      (source) => [source === "slots" ? "generateToJsonRatio" : "slotGeneration.generateToJsonRatio"],
      2,
    ),
  },
  {
    id: "require-index",
    figure: "`require` of functions/lib/index.js / bare firebase-functions",
    goal: "<= 1.2x",
    sources: ["coldstart"],
    expects: "entryPoint.indexToBareRatio in coldstart.json",
    measure: atMost(["entryPoint.indexToBareRatio"], 1.2),
  },
  {
    id: "first-call-book",
    figure: "first call of `book` / bare",
    goal: "<= 1.6x",
    sources: ["coldstart"],
    expects: "firstCall.book.toBareRatio in coldstart.json",
    measure: firstCall("book", 1.6),
  },
  {
    id: "first-call-issuePrescription",
    figure: "first call of `issuePrescription` / bare",
    goal: "<= 2.5x",
    sources: ["coldstart"],
    expects:
      "firstCall.issuePrescription.toBareRatio, or heaviestFunction.toBareRatio with heaviestFunction.name issuePrescription, in coldstart.json",
    measure: firstCall("issuePrescription", 2.5),
  },
  {
    id: "prescription-pdf",
    figure: "five-line Hindi prescription PDF / one-line pdfkit document",
    goal: "<= 5x",
    sources: ["rx"],
    expects: "prescriptionToHelloRatio in rx.json",
    measure: atMost(["prescriptionToHelloRatio"], 5),
  },
  {
    id: "nearby-overfetch",
    figure: "nearby search: documents read / pharmacies in the radius, 2 / 5 / 10 / 25 km",
    goal: "<= 2x at every radius",
    sources: ["pharmacy"],
    expects: "nearby.{2km,5km,10km,25km}.readsPerResult in pharmacy.json",
    measure: (r) => {
      const fields = NEARBY_RADII.map((radius) => `nearby.${radius}.readsPerResult`);
      const values = fields.map((field) => num(r, field));
      if (values.some((v) => v === undefined)) {
        const missing = NEARBY_RADII.filter((_, i) => values[i] === undefined);
        return missing.length === NEARBY_RADII.length
          ? undefined
          : {
              value: Object.fromEntries(NEARBY_RADII.map((radius, i) => [radius, values[i] ?? null])),
              display: values.map((v) => (v === undefined ? "-" : String(v))).join(" / "),
              pass: false,
              fields,
              note: `not measured at ${missing.join(", ")}`,
            };
      }
      const measured = values as number[];
      return {
        value: Object.fromEntries(NEARBY_RADII.map((radius, i) => [radius, measured[i]])),
        display: measured.map((v) => String(Math.round(v * 100) / 100)).join(" / "),
        pass: measured.every((v) => v <= 2),
        fields,
      };
    },
  },
  {
    id: "reminder-reads",
    figure: "reads per due reminder, 10k and 100k appointments",
    goal: "<= 2 at both",
    sources: ["reminders"],
    expects: "small.readsPerDue and large.readsPerDue in reminders.json",
    measure: numbers({ "10k": "small.readsPerDue", "100k": "large.readsPerDue" }, (v) => ({
      display: `${v["10k"]} / ${v["100k"]}`,
      pass: v["10k"] <= 2 && v["100k"] <= 2,
    })),
  },
  {
    id: "npm-test",
    figure: "`npm test`: first run on a fresh 2-core machine / later runs",
    goal: "<= 15 min / <= 5 min",
    sources: ["tests"],
    expects:
      "firstRunSeconds and laterRunSeconds in tests.json (npm run bench:tests, with -- --first for a fresh cache)",
    measure: numbers(
      { firstRunSeconds: "firstRunSeconds", laterRunSeconds: "laterRunSeconds" },
      ({ firstRunSeconds: first, laterRunSeconds: later }) => {
        const minutes = (s: number) => `${Math.round((s / 60) * 10) / 10} min`;
        return {
          display: `${minutes(first)} / ${minutes(later)}`,
          pass: first <= 15 * 60 && later <= 5 * 60,
        };
      },
    ),
  },
  // ---- the pharmacy counter (issue 16) ----
  {
    id: "rx-sms-segments",
    figure: "prescription SMS segments, en / hi / pa",
    goal: "<= 2 / <= 4 / <= 4",
    sources: ["rx"],
    expects: "smsSegments.{en,hi,pa}.segments in rx.json",
    measure: numbers(
      { en: "smsSegments.en.segments", hi: "smsSegments.hi.segments", pa: "smsSegments.pa.segments" },
      ({ en, hi, pa }) => ({ display: `${en} / ${hi} / ${pa}`, pass: en <= 2 && hi <= 4 && pa <= 4 }),
    ),
  },
  {
    id: "rx-verification-page",
    figure: "verification page answers per second through Hosting / bare /api/health, same run",
    goal: "measured; every answer 200",
    sources: ["rx"],
    expects: "verificationPage.pageAnswersPerSecond and healthAnswersPerSecond in rx.json (npm run bench:rx)",
    measure: numbers(
      {
        page: "verificationPage.pageAnswersPerSecond",
        health: "verificationPage.healthAnswersPerSecond",
      },
      ({ page, health }, r) => {
        const notOk = at(r, "verificationPage.notOk") as { page?: Json[]; health?: Json[] } | undefined;
        const clean = [...(notOk?.page ?? []), ...(notOk?.health ?? [])].every((o) => !Object.keys(o).length);
        return {
          display: `${page}/s vs ${health}/s (${Math.round((page / health) * 100)}%)`,
          pass: page > 0 && clean,
        };
      },
    ),
  },
  {
    id: "reservation-race",
    figure: "N parallel reservations on the last K units: held",
    goal: "exactly K",
    sources: ["pharmacy"],
    expects: "reservationRace.{parallel,lastUnits,held,exactlyK} in pharmacy.json (npm run bench:pharmacy)",
    measure: numbers(
      { n: "reservationRace.parallel", k: "reservationRace.lastUnits", held: "reservationRace.held" },
      ({ n, k, held }, r) => ({
        display: `${held} of ${k} (N = ${n})`,
        pass: at(r, "reservationRace.exactlyK") === true,
        fields: [
          "reservationRace.n",
          "reservationRace.k",
          "reservationRace.held",
          "reservationRace.exactlyK",
        ],
      }),
    ),
  },
];

/** A function's first call against bare firebase-functions, from bench:coldstart. */
function firstCall(name: string, goal: number): Figure["measure"] {
  return (r, source) => {
    const own = atMost([`firstCall.${name}.toBareRatio`, `functions.${name}.toBareRatio`], goal)(r, source);
    if (own || at(r, "heaviestFunction.name") !== name) return own;
    return atMost(["heaviestFunction.toBareRatio"], goal)(r, source);
  };
}

/** The npm script that writes bench/results/<name>.json. */
const commandFor = (source: string) =>
  source === "tests"
    ? "npm run bench:tests (later run), npm run bench:tests -- --first (fresh cache)"
    : `npm run bench:${source === "counter" ? "counter" : source}`;

function readResults(name: string): Json | undefined {
  const file = path.join(RESULTS_DIR, `${name}.json`);
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, "utf8")) as Json;
  } catch {
    return undefined;
  }
}

interface Step {
  name: string;
  command: string;
  exitCode: number | null;
  seconds: number;
  note?: string;
}

function summarise(runStartedAt?: Date, steps: Step[] = []) {
  const files = new Map<string, Json | undefined>();
  const load = (name: string) => {
    if (!files.has(name)) files.set(name, readResults(name));
    return files.get(name);
  };
  const isStale = (measuredAt?: string) =>
    runStartedAt !== undefined &&
    !(measuredAt !== undefined && Date.parse(measuredAt) >= runStartedAt.getTime());
  const rows = FIGURES.map((f) => {
    const candidates = f.sources
      .map((source) => {
        const results = load(source);
        const measurement = results ? f.measure(results, source) : undefined;
        const measuredAt = typeof results?.measuredAt === "string" ? results.measuredAt : undefined;
        return { source, measurement, measuredAt };
      })
      .filter((c) => c.measurement);
    // The first source in order, among those measured in this run when there is one.
    const best = candidates.find((c) => !isStale(c.measuredAt)) ?? candidates[0];
    if (!best?.measurement) {
      return {
        id: f.id,
        figure: f.figure,
        goal: f.goal,
        value: null,
        display: "not measured",
        status: "not measured" as Status,
        command: commandFor(f.sources[0]),
        source: f.sources.map((s) => `bench/results/${s}.json`).join(" or "),
        note: `not measured: expects ${f.expects}`,
      };
    }
    const m = best.measurement;
    const stale = isStale(best.measuredAt);
    return {
      id: f.id,
      figure: f.figure,
      goal: f.goal,
      value: m.value,
      display: m.display,
      status: (stale ? "stale" : m.pass ? "pass" : "fail") as Status,
      ...(stale ? { goalMet: m.pass } : {}),
      command: commandFor(best.source),
      source: `bench/results/${best.source}.json`,
      fields: m.fields,
      measuredAt: best.measuredAt ?? null,
      ...(m.note || stale
        ? {
            note: [
              m.note,
              stale ? `measured ${best.measuredAt ?? "at an unknown time"}, before this run` : "",
            ]
              .filter(Boolean)
              .join("; "),
          }
        : {}),
    };
  });
  const tally = (status: Status) => rows.filter((r) => r.status === status).length;
  const summary = {
    ...(runStartedAt ? { runStartedAt: runStartedAt.toISOString() } : {}),
    steps,
    figures: rows,
    totals: {
      figures: rows.length,
      pass: tally("pass"),
      fail: tally("fail"),
      notMeasured: tally("not measured"),
      stale: tally("stale"),
    },
    allPass: rows.every((r) => r.status === "pass"),
  };
  const file = writeResults("summary", summary);
  return { summary, file };
}

function printTable(rows: ReturnType<typeof summarise>["summary"]["figures"]) {
  const header = ["figure", "goal", "measured", "status", "command"];
  const body = rows.map((r) => [r.figure, r.goal, r.display, r.status.toUpperCase(), r.command]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const row of body) console.log(line(row));
  for (const r of rows) if (r.note) console.log(`  ${r.id}: ${r.note}`);
}

// ---- running the benchmarks ------------------------------------------------------------------
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");
/** The ones that run inside the emulators, in this order, under one emulator start. */
const EMULATOR_BENCHES = ["counter-check", "booking", "reminders", "pharmacy"];

function runCommand(command: string, args: string[]): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: "inherit" });
    child.on("error", () => resolve(null));
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : null)));
  });
}

async function step(name: string, command: string, args: string[]): Promise<Step> {
  const shown = [command, ...args].join(" ").replaceAll(`${ROOT}/`, "");
  console.log(`\n[bench] ${name}: ${shown}`);
  const started = Date.now();
  const exitCode = await runCommand(command, args);
  const seconds = Math.round((Date.now() - started) / 100) / 10;
  console.log(`[bench] ${name}: ${exitCode === 0 ? "done" : `FAILED (exit ${exitCode})`} in ${seconds} s`);
  return { name, command: shown, exitCode, seconds };
}

/** Inside the emulators: runs each of `names` in turn, whatever the others' outcome. */
async function runSteps(names: string[], stepsFile: string) {
  const steps: Step[] = [];
  for (const name of names) {
    steps.push(await step(name, TSX, [path.join("bench", `${name}.ts`)]));
    writeFileSync(stepsFile, JSON.stringify(steps));
  }
}

async function runAll(): Promise<Step[]> {
  const scripts = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Json })
    .scripts;
  const steps: Step[] = [];
  for (const name of ["rx", "events", "coldstart"])
    steps.push(await step(name, "npm", ["run", "--silent", `bench:${name}`]));
  if (existsSync(path.join(ROOT, "bench", "slots.ts"))) {
    // It needs no emulator (bench/slots.ts); through its npm script when there is one.
    steps.push(
      scripts["bench:slots"]
        ? await step("slots", "npm", ["run", "--silent", "bench:slots"])
        : await step("slots", TSX, [path.join("bench", "slots.ts")]),
    );
  } else {
    console.log("\n[bench] slots: skipped, bench/slots.ts does not exist yet");
    steps.push({
      name: "slots",
      command: "",
      exitCode: null,
      seconds: 0,
      note: "skipped: no bench/slots.ts",
    });
  }
  // The steps inside the emulators report through a file (the emulator run has one exit code).
  const stepsFile = path.join(ROOT, ".cache", "bench", "emulator-steps.json");
  mkdirSync(path.dirname(stepsFile), { recursive: true });
  writeFileSync(stepsFile, "[]");
  const inner = `"${TSX}" bench/summary.ts --steps ${EMULATOR_BENCHES.join(",")} --steps-file "${stepsFile}"`;
  const emulators = await step("emulators", "node", [path.join("tools", "emulators.mjs"), "exec", inner]);
  const inside = JSON.parse(readFileSync(stepsFile, "utf8")) as Step[];
  for (const name of EMULATOR_BENCHES) {
    steps.push(
      inside.find((s) => s.name === name) ?? {
        name,
        command: `node_modules/.bin/tsx bench/${name}.ts`,
        exitCode: null,
        seconds: 0,
        note: `did not run: the emulator run ended with exit ${emulators.exitCode} first`,
      },
    );
  }
  steps.push({ ...emulators, note: "emulator start and stop around the steps above" });
  return steps;
}

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const stepNames = option("--steps");
if (stepNames) {
  const stepsFile = option("--steps-file");
  if (!stepsFile) throw new Error("--steps needs --steps-file");
  await runSteps(stepNames.split(","), stepsFile);
  process.exit(0);
}
const runStartedAt = args.includes("--run") ? new Date() : undefined;
const steps = runStartedAt ? await runAll() : [];
const { summary, file } = summarise(runStartedAt, steps);
console.log(
  `\n${summary.figures.length} figures of issue 18, from bench/results/ (${path.relative(ROOT, file)}):\n`,
);
printTable(summary.figures);
const failedSteps = steps.filter((s) => s.exitCode !== 0 && !s.note?.startsWith("skipped"));
if (failedSteps.length) console.log(`\nbenchmarks that failed: ${failedSteps.map((s) => s.name).join(", ")}`);
const t = summary.totals;
console.log(`\n${t.pass} pass, ${t.fail} fail, ${t.notMeasured} not measured, ${t.stale} stale`);
process.exit(failedSteps.length || (args.includes("--strict") && !summary.allPass) ? 1 : 0);
