// `npm run bench:slots`: the cost of slot generation, written to bench/results/slots.json and
// printed. Needs no emulator (bench/booking.ts section 1 measures the same inside the emulators).
//
// 50 doctors x 30 days (bench/fixtures.ts, shared with bench/booking.ts section 1: five zones including New York,
// London and Lord Howe, whose next 30 days cross a fall-back, 10-30 minute slots, 40 busy
// half-hours each). Each of RUNS iterations, after WARMUP unmeasured ones, times in turn
// `generateSlots`, the reference generator it replaced (slots.reference.ts, the property test's
// oracle) and JSON.stringify of the same slots, so all three see the same machine state. The
// JSON baseline serialises one fixed array of slots (flat strings, as a response would hold
// them after their first serialisation); the first serialisation of each generator's fresh
// output is reported too, since it also pays for flattening the strings the generator built.
// The two generators must return the same slots, or the benchmark stops. generateSlots remembers
// zone offsets at local midnights across calls, so the measured runs see that memo warm, as a
// serving instance does; the first run in the process (cold) is reported as well.
import { isDeepStrictEqual } from "node:util";
import path from "node:path";
import { generateSlots, type Slot, type SlotQuery } from "../functions/src/domain/scheduling/slots";
import { generateSlotsReference } from "../functions/src/domain/scheduling/slots.reference";
import { doctorSlotQueries } from "./fixtures";
import { ROOT, median, round, writeResults } from "./lib";

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const WARMUP = 5;

const queries = doctorSlotQueries();
const run = (generate: (q: SlotQuery) => Slot[]) => queries.map((q) => generate(q));
const timed = <T>(fn: () => T): { ms: number; value: T } => {
  const t = process.hrtime.bigint();
  const value = fn();
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, value };
};

// The first run of each in this process: JIT cold and, for generateSlots, its memo of zone offsets
// at local midnights empty (the state of a fresh instance).
const firstGenerate = timed(() => run(generateSlots));
const firstReference = timed(() => run(generateSlotsReference));
if (!isDeepStrictEqual(firstGenerate.value, firstReference.value)) {
  throw new Error("generateSlots and generateSlotsReference disagree on the benchmark's queries");
}
const fixed = run(generateSlots);
JSON.stringify(fixed); // flatten its strings once; every measured serialisation sees flat strings

const generateMs: number[] = [];
const referenceMs: number[] = [];
const jsonMs: number[] = [];
const firstJsonOfGenerateMs: number[] = [];
const firstJsonOfReferenceMs: number[] = [];
let bytes = 0;
for (let i = 0; i < WARMUP + RUNS; i += 1) {
  const generated = timed(() => run(generateSlots));
  const reference = timed(() => run(generateSlotsReference));
  const json = timed(() => JSON.stringify(fixed));
  const firstOfGenerated = timed(() => JSON.stringify(generated.value));
  const firstOfReference = timed(() => JSON.stringify(reference.value));
  bytes = json.value.length;
  if (firstOfGenerated.value !== json.value || firstOfReference.value !== json.value) {
    throw new Error("a generator returned different slots in a measured run");
  }
  if (i < WARMUP) continue;
  generateMs.push(generated.ms);
  referenceMs.push(reference.ms);
  jsonMs.push(json.ms);
  firstJsonOfGenerateMs.push(firstOfGenerated.ms);
  firstJsonOfReferenceMs.push(firstOfReference.ms);
}

const gen = median(generateMs);
const ref = median(referenceMs);
const json = median(jsonMs);
const slots = fixed.reduce((n, s) => n + s.length, 0);
const figures = {
  runs: RUNS,
  warmup: WARMUP,
  doctors: queries.length,
  days: 30,
  slots,
  slotsPerDoctorMin: Math.min(...fixed.map((s) => s.length)),
  slotsPerDoctorMax: Math.max(...fixed.map((s) => s.length)),
  jsonBytes: bytes,
  generateMsMedian: round(gen),
  referenceMsMedian: round(ref),
  jsonStringifyMsMedian: round(json),
  generateToJsonRatio: round(gen / json),
  referenceToJsonRatio: round(ref / json),
  // The median of each run's own ratio: the three timings of a run share the machine's state.
  generateToJsonRatioPerRunMedian: round(median(generateMs.map((g, i) => g / jsonMs[i]))),
  referenceToJsonRatioPerRunMedian: round(median(referenceMs.map((r, i) => r / jsonMs[i]))),
  referenceToGenerateSpeedup: round(ref / gen),
  slotsPerSecond: Math.round(slots / (gen / 1000)),
  referenceSlotsPerSecond: Math.round(slots / (ref / 1000)),
  firstGenerateRunMs: round(firstGenerate.ms),
  firstReferenceRunMs: round(firstReference.ms),
  firstJsonOfGenerateMsMedian: round(median(firstJsonOfGenerateMs)),
  firstJsonOfReferenceMsMedian: round(median(firstJsonOfReferenceMs)),
  generateMsMin: round(Math.min(...generateMs)),
  generateMsMax: round(Math.max(...generateMs)),
  jsonMsMin: round(Math.min(...jsonMs)),
  jsonMsMax: round(Math.max(...jsonMs)),
};
const file = writeResults("slots", figures);
console.log(figures);
console.log(`\nwritten to ${path.relative(ROOT, file)}`);
console.log(
  `${slots} slots, 50 doctors x 30 days: generateSlots ${figures.generateMsMedian} ms, reference ` +
    `${figures.referenceMsMedian} ms, JSON.stringify ${figures.jsonStringifyMsMedian} ms ` +
    `(generate/JSON x${figures.generateToJsonRatio}, reference/JSON x${figures.referenceToJsonRatio})`,
);
