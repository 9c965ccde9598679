// `npm run bench:booking`: figures for scheduling and booking, written to
// bench/results/booking.json and printed. Runs inside `firebase emulators:exec`.
//
// 1. Slot generation (pure): slots per second for 50 doctors x 30 days, and that time as a
//    ratio to JSON-serialising the same slots, measured side by side in this run.
// 2. Bookings per second for distinct slots with 20 clients in parallel, through the
//    callables on the emulators (the Functions emulator runs one worker process per
//    concurrent call, so this is the emulator's throughput, not production's).
// 3. Contention: N concurrent attempts on one slot through the Functions emulator: successes
//    and conflicts; and the same pile-up in process, with reads, writes and retries counted.
// 4. Firestore reads and writes per `book` and per `listSlots`: the callables' whole paths (sign-in
//    step, request schema, handler) run in-process against the Firestore emulator, with the SDK's
//    calls counted (bench/lib.ts). What follows from a booking off the patient's wait (the
//    appointment-created trigger: audit entry, domain event, patient card, confirmation) runs in
//    the Functions emulator's process and is not on the call path; its cost is stated in the notes.
import path from "node:path";
import { randomUUID } from "node:crypto";
import { generateSlots, type Slot } from "../functions/src/domain/scheduling/slots";
import { approvedDoctor, freeSlots, makeOrg } from "../tests/integration/fixtures";
import { signUpMany, type Client } from "../tools/emulator-client";
import { SLOT_DAYS, SLOT_DOCTORS, doctorSlotQueries } from "./fixtures";
import { ROOT, installFirestoreCounters, median, round, timeRuns, writeResults } from "./lib";

const CONTENTION = Number(process.env.BENCH_CONTENTION ?? 50);
const CLIENTS = 20;

// ---- 1. slot generation ------------------------------------------------------------------
function slotGeneration() {
  const queries = doctorSlotQueries();
  let slots: Slot[][] = [];
  const generate = () => {
    slots = queries.map((q) => generateSlots(q));
  };
  const generateMs = timeRuns(generate, 15);
  const count = slots.reduce((n, s) => n + s.length, 0);
  const jsonMs = timeRuns(() => JSON.stringify(slots), 15);
  const gen = median(generateMs);
  const json = median(jsonMs);
  return {
    doctors: SLOT_DOCTORS,
    days: SLOT_DAYS,
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
/**
 * Commits of atomic batches (book's optimistic commit), and those that lost a race. One object
 * for the process: the prototype is wrapped once, so every caller must read the same counts.
 */
const commits = { attempted: 0, failed: 0 };

/** The book callable's whole path (sign-in, request schema, handler) run in this process, and the counter. */
async function inProcessBook() {
  const counter = installFirestoreCounters();
  const batchProto = counter.module.WriteBatch.prototype as unknown as { commit: () => Promise<unknown> };
  if (!(batchProto as { counted?: boolean }).counted) {
    const original = batchProto.commit;
    batchProto.commit = function (this: unknown) {
      commits.attempted += 1;
      return original.call(this).catch((error: unknown) => {
        commits.failed += 1;
        throw error;
      });
    };
    (batchProto as { counted?: boolean }).counted = true;
  }
  const { runCallable } = await import("../functions/src/triggers/callable/index");
  const { BOOKING_CALLABLES } = await import("../functions/src/registry/booking");
  const spec = (name: string) => BOOKING_CALLABLES.find((s) => s.name === name)!;
  const asPatient = (uid: string, data: unknown) =>
    ({
      auth: { uid, token: { role: "patient" } },
      data,
      rawRequest: { headers: {}, ip: "127.0.0.1" },
    }) as never;
  const call = (name: string, uid: string, data: unknown) =>
    runCallable(spec(name) as never, spec(name).handler as never, asPatient(uid, data));
  return { counter, commits, call };
}

async function readsAndWrites() {
  const { counter, call } = await inProcessBook();
  const counts = counter.counts;
  const org = await makeOrg();
  const doctor = await approvedDoctor(org);
  const [patient] = await signUpMany(1);
  const uid = patient.user.uid;
  const slots = await freeSlots(patient, doctor.user.uid, 3);
  const data = (i: number, key?: string) => ({
    doctorUid: doctor.user.uid,
    start: slots[i].start,
    mode: "video",
    ...(key && { idempotencyKey: key }),
  });
  const measure = async (label: string, fn: () => Promise<unknown>) => {
    counter.reset();
    const outcome = await fn().then(
      () => "ok",
      (e: { code?: string }) => String(e.code),
    );
    return { [label]: { reads: counts.reads, writes: counts.writes, outcome } };
  };
  const key = randomUUID();
  // The sign-in step alone (services/callable/caller.ts requireActor), as every callable runs it:
  // its read of revocations/{uid} is part of each figure below, counted like the handler's.
  const { requireActor } = await import("../functions/src/services/callable/caller");
  const signIn = await measure("signInStepOnly", () =>
    requireActor({ auth: { uid, token: { role: "patient" } }, rawRequest: { headers: {} } } as never),
  );
  const figures = {
    ...signIn,
    // The doctor's first booking since booked time moved onto the availability document: it
    // reads the doctor's booked appointments once (a fixture doctor's availability predates it).
    ...(await measure("firstBookingOfDoctor", () => call("book", uid, data(10)))),
    ...(await measure("bookWithIdempotencyKey", () => call("book", uid, data(12, key)))),
    ...(await measure("retryWithSameKey", () => call("book", uid, data(12, key)))),
    ...(await measure("bookWithoutKey", () => call("book", uid, data(14)))),
    ...(await measure("conflictOnTakenSlot", () => call("book", uid, data(12)))),
  };
  await Promise.all([patient, doctor].map((c) => c.close()));
  return Object.assign(figures, {
    note:
      "Each figure is the whole callable path: the sign-in step's read of revocations/{uid} (signInStepOnly), " +
      "then book's one round trip reading the doctor's schedule (availability: hours, booked time, held " +
      "time, status, organisation) and the patient's booking state (open bookings, rate window, " +
      "idempotent answers), then one batch preconditioned on both versions writing the appointment, the " +
      "schedule's booked time and the patient's state: 3 reads + 3 writes. No slot lock (the schedule's " +
      "version is the lock; reschedule holds live on the schedule too) and no audit entry or event in " +
      "the call: the appointment-created trigger (handlers/booking/confirmBooking.ts) writes them under " +
      "ids derived from the appointment's, with the patient card and the confirmation, in one transaction " +
      "off the patient's wait (reads: appointment, patient's contact, doctor, organisation, doctor's " +
      "contact, patient profile; writes: audit entry, event, appointment's confirmation and card, and " +
      "the messages). A retry with the same key answers from the patient's state (its reads: the same 3 " +
      "plus the appointment as it is now; 1 write: the request counted). A refusal writes only the " +
      "request's count. firstBookingOfDoctor: a fixture doctor's schedule predates booked time and " +
      "status on it, so the first booking reads the doctor's profile and booked appointments once.",
  });
}

/** listSlots reads for a doctor with 30 upcoming bookings (10 patients, 3 each). */
async function listSlotsReads() {
  const { counter, call } = await inProcessBook();
  const org = await makeOrg();
  const doctor = await approvedDoctor(org);
  const [viewer] = await signUpMany(1);
  const slots = await freeSlots(viewer, doctor.user.uid, 3);
  for (let i = 0; i < 30; i += 1)
    await call("book", `bench-lister-${randomUUID()}`, {
      doctorUid: doctor.user.uid,
      start: slots[4 + i * 2].start,
      mode: "video",
    });
  const from = new Date();
  counter.reset();
  const listed = (await call("listSlots", viewer.user.uid, {
    doctorUid: doctor.user.uid,
    from: from.toISOString(),
    to: new Date(from.getTime() + 3 * 86_400_000).toISOString(),
  })) as { slots: unknown[] };
  const reads = counter.counts.reads;
  // Of those, the sign-in step's, as listSlots declares it (registry/booking.ts: revocationCheck
  // false, so no read of revocations/{uid}; measured, not assumed).
  const { requireActor } = await import("../functions/src/services/callable/caller");
  const { BOOKING_CALLABLES } = await import("../functions/src/registry/booking");
  const listSpec = BOOKING_CALLABLES.find((s) => s.name === "listSlots")!;
  counter.reset();
  await requireActor({ auth: { uid: viewer.user.uid, token: {} }, rawRequest: { headers: {} } } as never, {
    readRevocation: listSpec.revocationCheck !== false,
  });
  const signInReads = counter.counts.reads;
  await Promise.all([viewer, doctor].map((c) => c.close()));
  return {
    bookings: 30,
    reads,
    signInReads,
    handlerReads: reads - signInReads,
    slots: listed.slots.length,
    note:
      "reads: the whole callable path. The handler reads the doctor's schedule (availability, with " +
      "booked time, the slots held by reschedules in flight, and status): 1 document, whatever the number " +
      "of bookings. The sign-in step reads nothing for listSlots: a doctor's free slots are public and no " +
      "PHI, and firestore.rules let any signed-in user read availability/ without notRevoked(), so the " +
      "registry declares revocationCheck: false for it (registry/define.ts; every call that writes or " +
      "returns PHI keeps the read). A revoked token still gets no more than the rules give it.",
  };
}

/**
 * A pile-up on one doctor: CONTENTION patients book the same slot at the same moment, in this
 * process (the handler against the Firestore emulator), counting reads, writes, commits, the
 * commits that lost the race (each one a retry) and the outcomes.
 */
async function pileUp() {
  const { counter, commits, call } = await inProcessBook();
  const org = await makeOrg();
  const doctor = await approvedDoctor(org);
  const [viewer] = await signUpMany(1);
  const slot = (await freeSlots(viewer, doctor.user.uid, 2))[10];
  // Bring the doctor onto the new layout first (its first booking reads its appointments once).
  await call("book", `bench-pileup-${randomUUID()}`, {
    doctorUid: doctor.user.uid,
    start: (await freeSlots(viewer, doctor.user.uid, 2))[12].start,
    mode: "video",
  });
  counter.reset();
  commits.attempted = 0;
  commits.failed = 0;
  const started = process.hrtime.bigint();
  const results = await Promise.allSettled(
    Array.from({ length: CONTENTION }, () =>
      call("book", `bench-pileup-${randomUUID()}`, {
        doctorUid: doctor.user.uid,
        start: slot.start,
        mode: "video",
      }),
    ),
  );
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const outcomes: Record<string, number> = {};
  for (const r of results) {
    const k = r.status === "fulfilled" ? "booked" : String((r.reason as { code?: string }).code);
    outcomes[k] = (outcomes[k] ?? 0) + 1;
  }
  await Promise.all([viewer, doctor].map((c) => c.close()));
  return {
    attempts: CONTENTION,
    outcomes,
    reads: counter.counts.reads,
    writes: counter.counts.writes,
    commits: commits.attempted,
    retries: commits.failed,
    readsPerAttempt: round(counter.counts.reads / CONTENTION),
    ms: round(ms),
    note:
      "In the emulator (the book callable's whole path in this process against the Firestore emulator): " +
      "book commits optimistically (a batch with lastUpdateTime preconditions on the doctor's schedule and " +
      "the patient's state, no transaction), so nobody holds a lock: the first commit wins, every other " +
      "fails at once on the schedule's changed version and reads again (one retry each: its second read " +
      "finds the slot taken and it answers already-exists, writing only its rate count). The winner " +
      "writes 3 documents (appointment, schedule, its state); each loser's failed batch counts its 3 " +
      "attempted writes and its refusal 1. Production: " +
      "wound-wait orders only transactions, which hold locks; these commits take none, so it changes " +
      "nothing here, and the outcome and counts are the same. Had book used runTransaction, its reads " +
      "would take shared locks on the schedule: the emulator makes each commit wait (up to 2 s) for the " +
      "others' locks, and production's wound-wait would abort the younger transactions in favour of the " +
      "oldest, each loser retrying after a backoff: the same single winner, reached by waiting instead of failing fast.",
  };
}

const generation = slotGeneration();
console.log("slot generation:", generation);
const perBook = await readsAndWrites();
console.log("reads and writes per book:", perBook);
const listing = await listSlotsReads();
console.log("listSlots:", listing);
const piled = await pileUp();
console.log("pile-up (in process):", piled);
const contended = await contention();
console.log("contention:", contended);
const throughput = await bookingThroughput();
console.log("throughput:", throughput);
const file = writeResults("booking", {
  slotGeneration: generation,
  firestorePerBook: perBook,
  listSlots: listing,
  pileUp: piled,
  contention: contended,
  throughput,
});
console.log(`\nwritten to ${path.relative(ROOT, file)}`);
console.log(
  `slot generation: ${generation.slotsPerSecond} slots/s (${generation.slots} slots, 50 doctors x 30 days); generate/JSON.stringify = ${generation.generateToJsonRatio}`,
);
console.log(
  `book: ${perBook.bookWithIdempotencyKey.reads} reads, ${perBook.bookWithIdempotencyKey.writes} writes (with key), of which the sign-in step ${perBook.signInStepOnly.reads} read; replay ${perBook.retryWithSameKey.reads} reads, ${perBook.retryWithSameKey.writes} writes`,
);
console.log(`listSlots: ${listing.reads} reads for a doctor with ${listing.bookings} bookings`);
console.log(
  `pile-up: ${piled.attempts} attempts on one slot: ${JSON.stringify(piled.outcomes)}; ${piled.reads} reads, ${piled.writes} writes, ${piled.commits} commits, ${piled.retries} retries, ${piled.ms} ms`,
);
console.log(
  `contention: ${contended.successes} success, ${contended.conflicts} conflicts of ${contended.attempts}`,
);
console.log(
  `throughput: ${throughput.bookingsPerSecond} bookings/s with ${throughput.clients} clients on the emulators (${throughput.bookings} bookings, ${throughput.failed} failed)`,
);
process.exit(0);
