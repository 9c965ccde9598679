// `npm run bench:booking`: figures for scheduling and booking, written to
// bench/results/booking.json and printed. Runs inside `firebase emulators:exec`.
//
// 1. Slot generation (pure): slots per second for 50 doctors x 30 days, and that time as a
//    ratio to JSON-serialising the same slots, measured side by side in this run.
// 2. Bookings per second for distinct slots with 20 clients in parallel, through the
//    callables on the emulators (the Functions emulator runs one worker process per
//    concurrent call, so this is the emulator's throughput, not production's).
// 3. Contention: N concurrent attempts on one slot: successes and conflicts.
// 4. Firestore reads and writes per `book`: the real handler run in-process against the
//    Firestore emulator, with the SDK's transaction methods counted.
import path from "node:path";
import { randomUUID } from "node:crypto";
import { generateSlots, type Slot } from "../functions/src/domain/scheduling/slots";
import { availabilitySchema, type Availability } from "../functions/src/schemas/scheduling";
import { approvedDoctor, freeSlots, makeOrg } from "../tests/integration/fixtures";
import { signUpMany, type Client } from "../tools/emulator-client";
import { ROOT, installFirestoreCounters, median, round, timeRuns, writeResults } from "./lib";

const CONTENTION = Number(process.env.BENCH_CONTENTION ?? 50);
const CLIENTS = 20;

// ---- 1. slot generation ------------------------------------------------------------------
function slotGeneration() {
  const zones = [
    "Asia/Kolkata",
    "America/New_York",
    "Australia/Lord_Howe",
    "Asia/Kathmandu",
    "Europe/London",
  ];
  const now = new Date("2026-10-20T00:00:00Z"); // the next 30 days cross New York's and London's fall-back
  const doctors: Array<{ availability: Availability; busy: Array<{ start: number; end: number }> }> = [];
  for (let d = 0; d < 50; d += 1) {
    const availability = availabilitySchema.parse({
      timezone: zones[d % zones.length],
      slotMinutes: [10, 15, 20, 30][d % 4],
      bufferAfterMinutes: d % 3 === 0 ? 5 : 0,
      minNoticeMinutes: 60,
      horizonDays: 30,
      modes: ["video"],
      weekly: Object.fromEntries(
        ["mon", "tue", "wed", "thu", "fri", "sat"].map((day) => [
          day,
          [
            { start: "09:00", end: "13:00" },
            { start: "16:00", end: "19:00" },
          ],
        ]),
      ),
      leave: [{ from: "2026-11-05", to: "2026-11-06" }],
    });
    // 40 booked half-hours per doctor, spread over the month.
    const busy = Array.from({ length: 40 }, (_, i) => {
      const start = now.getTime() + (i * 17 + d) * 3_600_000 + 30 * 60_000;
      return { start, end: start + 30 * 60_000 };
    });
    doctors.push({ availability, busy });
  }
  const from = now;
  const to = new Date(now.getTime() + 30 * 86_400_000);
  let slots: Slot[][] = [];
  const generate = () => {
    slots = doctors.map((doc) => generateSlots({ ...doc, now, from, to }));
  };
  const generateMs = timeRuns(generate, 15);
  const count = slots.reduce((n, s) => n + s.length, 0);
  const jsonMs = timeRuns(() => JSON.stringify(slots), 15);
  const gen = median(generateMs);
  const json = median(jsonMs);
  return {
    doctors: 50,
    days: 30,
    slots: count,
    generateMsMedian: round(gen),
    slotsPerSecond: Math.round(count / (gen / 1000)),
    jsonStringifyMsMedian: round(json),
    generateToJsonRatio: round(gen / json),
  };
}

// ---- 2. bookings per second ----------------------------------------------------------------
interface Task {
  patient: Client;
  doctorUid: string;
  start: string;
}

async function bookingThroughput() {
  const org = await makeOrg();
  // One doctor per client: the 20 bookings in flight at any moment are for 20 different
  // doctors. (Two bookings of one doctor's day at once wait on each other under the emulator's
  // lock model, up to its 2 s lock timeout and the SDK's retries; see README.)
  const doctors = await Promise.all(Array.from({ length: CLIENTS }, () => approvedDoctor(org)));
  const patients = await signUpMany(100);
  const perDoctor = await Promise.all(doctors.map((d) => freeSlots(patients[0], d.user.uid, 14)));
  // Patient i books tasks i, i+100, i+200: the same doctor, 2.5 hours apart.
  const slots = Array.from({ length: 300 }, (_, k) => ({
    doctorUid: doctors[k % CLIENTS].user.uid,
    start: perDoctor[k % CLIENTS][Math.floor(k / CLIENTS) + 4].start,
  }));
  const tasks: Task[] = slots.map((s, k) => ({ patient: patients[k % 100], ...s }));
  // Warm one emulator worker per client first, with calls that are refused and write nothing.
  await Promise.allSettled(
    patients
      .slice(0, CLIENTS)
      .map((p) => p.call("book", { doctorUid: "warm-up", start: "warm-up", mode: "video" })),
  );
  let next = 0;
  let failed = 0;
  const failures: Record<string, number> = {};
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < tasks.length) {
        const t = tasks[next++];
        try {
          await t.patient.call("book", { doctorUid: t.doctorUid, start: t.start, mode: "video" });
        } catch (error) {
          failed += 1;
          const code = String((error as { code?: string }).code);
          failures[code] = (failures[code] ?? 0) + 1;
        }
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await Promise.all([...patients, ...doctors].map((c) => c.close()));
  return {
    clients: CLIENTS,
    doctors: CLIENTS,
    bookings: tasks.length,
    failed,
    failures,
    seconds: round(seconds),
    bookingsPerSecond: round((tasks.length - failed) / seconds),
  };
}

// ---- 3. contention -------------------------------------------------------------------------
async function contention() {
  const org = await makeOrg();
  const doctor = await approvedDoctor(org);
  const patients = await signUpMany(CONTENTION);
  const slot = (await freeSlots(patients[0], doctor.user.uid, 2))[10];
  await Promise.allSettled(
    patients.map((p) => p.call("book", { doctorUid: doctor.user.uid, start: "warm-up", mode: "video" })),
  );
  const results = await Promise.allSettled(
    patients.map((p) => p.call("book", { doctorUid: doctor.user.uid, start: slot.start, mode: "video" })),
  );
  const codes: Record<string, number> = {};
  for (const r of results) {
    const key = r.status === "fulfilled" ? "success" : String((r.reason as { code?: string }).code);
    codes[key] = (codes[key] ?? 0) + 1;
  }
  await Promise.all([...patients, doctor].map((c) => c.close()));
  return {
    attempts: CONTENTION,
    successes: codes.success ?? 0,
    conflicts: codes["functions/already-exists"] ?? 0,
    outcomes: codes,
  };
}

// ---- 4. reads and writes per book ------------------------------------------------------------
async function readsAndWrites() {
  const counter = installFirestoreCounters();
  const counts = counter.counts;

  // The callable's whole path (sign-in, rate limit, request schema, handler), in this process.
  const { runCallable } = await import("../functions/src/triggers/callable/index");
  const { BOOKING_CALLABLES } = await import("../functions/src/registry/booking");
  const spec = BOOKING_CALLABLES.find((s) => s.name === "book")!;
  const book = (raw: never) => runCallable(spec, spec.handler, raw);
  const org = await makeOrg();
  const doctor = await approvedDoctor(org);
  const [patient] = await signUpMany(1);
  const slot = (await freeSlots(patient, doctor.user.uid, 3))[12];
  const request = (data: unknown) =>
    ({
      auth: { uid: patient.user.uid, token: { role: "patient" } },
      data,
      rawRequest: { headers: {}, ip: "127.0.0.1" },
    }) as never;
  const data = { doctorUid: doctor.user.uid, start: slot.start, mode: "video", idempotencyKey: randomUUID() };
  const measure = async (label: string, fn: () => Promise<unknown>) => {
    counter.reset();
    await fn().catch(() => undefined);
    return { [label]: { reads: counts.reads, writes: counts.writes } };
  };
  const figures = {
    ...(await measure("bookWithIdempotencyKey", () => book(request(data)))),
    ...(await measure("retryWithSameKey", () => book(request(data)))),
    ...(await measure("bookWithoutKey", () =>
      book(request({ ...data, idempotencyKey: undefined, start: (slot as { end: string }).end })),
    )),
    ...(await measure("conflictOnTakenSlot", () => book(request({ ...data, idempotencyKey: undefined })))),
  };
  await Promise.all([patient, doctor].map((c) => c.close()));
  return figures;
}

const generation = slotGeneration();
console.log("slot generation:", generation);
const perBook = await readsAndWrites();
console.log("reads and writes per book:", perBook);
const contended = await contention();
console.log("contention:", contended);
const throughput = await bookingThroughput();
console.log("throughput:", throughput);
const file = writeResults("booking", {
  slotGeneration: generation,
  firestorePerBook: perBook,
  contention: contended,
  throughput,
});
console.log(`\nwritten to ${path.relative(ROOT, file)}`);
console.log(
  `slot generation: ${generation.slotsPerSecond} slots/s (${generation.slots} slots, 50 doctors x 30 days); generate/JSON.stringify = ${generation.generateToJsonRatio}`,
);
console.log(
  `book: ${perBook.bookWithIdempotencyKey.reads} reads, ${perBook.bookWithIdempotencyKey.writes} writes (with key); replay ${perBook.retryWithSameKey.reads} reads, ${perBook.retryWithSameKey.writes} writes`,
);
console.log(
  `contention: ${contended.successes} success, ${contended.conflicts} conflicts of ${contended.attempts}`,
);
console.log(
  `throughput: ${throughput.bookingsPerSecond} bookings/s with ${throughput.clients} clients on the emulators (${throughput.bookings} bookings, ${throughput.failed} failed)`,
);
process.exit(0);
