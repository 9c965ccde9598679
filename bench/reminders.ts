// `npm run bench:reminders`: the reminder scheduler's cost, written to
// bench/results/reminders.json and printed. Runs inside `firebase emulators:exec`.
//
// 10,000 booked appointments with a reminder each, of which 100 are due: one scheduler run
// (the real handler, in-process against the Firestore emulator) is measured for the
// documents it reads and its time; then the same with 100,000 appointments, still 100 due.
// The scheduler's query reads only due reminders, so both should stay about flat.
import { queueDueReminders } from "../functions/src/handlers/notifications/reminders";
import { ROOT, installFirestoreCounters, round, writeResults } from "./lib";
import path from "node:path";

const counter = installFirestoreCounters();
const db = counter.module.getFirestore();
const { Timestamp } = counter.module;
const NOW = new Date("2026-12-01T06:30:00Z"); // 12:00 IST: outside quiet hours
const DUE = 100;

async function clearDatabase() {
  const host = process.env.FIRESTORE_EMULATOR_HOST ?? "127.0.0.1:8080";
  const project = process.env.GCLOUD_PROJECT ?? "demo-arogya";
  const res = await fetch(`http://${host}/emulator/v1/projects/${project}/databases/(default)/documents`, {
    method: "DELETE",
  });
  if (!res.ok) throw new Error(`clearing the emulator failed: ${res.status}`);
}

/** Appointments each with a 24-hour reminder; the first DUE are due at NOW, the rest later. */
async function seed(total: number) {
  await db
    .doc("doctors/bench-doctor")
    .set({ name: "Dr. Bench", org: "bench-org", status: "approved", timezone: "Asia/Kolkata" });
  for (let p = 0; p < DUE; p += 1) {
    await db.doc(`patients/bench-patient-${p}`).set({
      name: "Bench Patient",
      phone: `+9198000${String(10000 + p)}`,
      language: ["en", "hi", "pa"][p % 3],
      dateOfBirth: "1990-01-01",
      sex: "female",
      address: { line1: "x", district: "y", state: "z", pincode: "141001" },
    });
    // Messages go only to a proven number (contacts/{uid}, which the verification callables
    // write); the bench writes what they would, as it writes the profiles.
    const at = Timestamp.fromDate(NOW);
    await db.doc(`contacts/bench-patient-${p}`).set({
      phone: `+9198000${String(10000 + p)}`,
      verifiedAt: at,
      verifiedBy: "auth",
      updatedAt: at,
    });
  }
  const started = Date.now();
  for (let i = 0; i < total; i += 250) {
    const batch = db.batch();
    for (let j = i; j < Math.min(total, i + 250); j += 1) {
      const due = j < DUE;
      const start = due
        ? NOW.getTime() + 24 * 3_600_000 - 60_000 * (j % 30)
        : NOW.getTime() + 2 * 86_400_000 + j * 60_000;
      const id = `bench-appt-${j}`;
      batch.set(db.doc(`appointments/${id}`), {
        patientUid: `bench-patient-${j % DUE}`,
        doctorUid: "bench-doctor",
        org: "bench-org",
        start: Timestamp.fromMillis(start),
        end: Timestamp.fromMillis(start + 900_000),
        timezone: "Asia/Kolkata",
        mode: "video",
        status: "booked",
        // The rest of a booked appointment, so the typed repository reads it (repo/appointments.ts).
        slotLockId: `bench-doctor_${id}`,
        createdAt: Timestamp.fromDate(NOW),
        updatedAt: Timestamp.fromDate(NOW),
        history: [],
      });
      batch.set(db.doc(`reminders/${id}_1440m`), {
        appointmentId: id,
        patientUid: `bench-patient-${j % DUE}`,
        offsetMinutes: 1440,
        startAt: Timestamp.fromMillis(start),
        dueAt: Timestamp.fromMillis(start - 86_400_000),
        state: "scheduled",
        updatedAt: Timestamp.fromDate(NOW),
      });
    }
    await batch.commit();
  }
  return Math.round((Date.now() - started) / 1000);
}

async function scenario(total: number) {
  await clearDatabase();
  const seedSeconds = await seed(total);
  // First a dry query for the due count, then the measured run.
  counter.reset();
  const t = process.hrtime.bigint();
  const run = await queueDueReminders(NOW);
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  const reads = counter.counts.reads;
  const writes = counter.counts.writes;
  // A second run finds nothing due: its cost is the empty query.
  counter.reset();
  const t2 = process.hrtime.bigint();
  const idle = await queueDueReminders(NOW);
  const idleMs = Number(process.hrtime.bigint() - t2) / 1e6;
  return {
    appointments: total,
    due: run.due,
    queued: run.queued,
    documentsRead: reads,
    writes,
    runMs: round(ms),
    readsPerDue: round(reads / Math.max(1, run.due)),
    seedSeconds,
    idleRun: { due: idle.due, documentsRead: counter.counts.reads, runMs: round(idleMs) },
  };
}

const small = await scenario(10_000);
console.log("10,000 appointments:", small);
const large = await scenario(100_000);
console.log("100,000 appointments:", large);
const results = {
  small,
  large,
  readsRatio100kTo10k: round(large.documentsRead / small.documentsRead),
  timeRatio100kTo10k: round(large.runMs / small.runMs),
  note: "runMs is one run each; the reads are exact. The run queues 100 outbox messages, which the emulator's trigger then sends to the local Twilio recorder.",
};
const file = writeResults("reminders", results);
await clearDatabase();
console.log(`\nwritten to ${path.relative(ROOT, file)}`);
console.log(`10k appointments, 100 due: ${small.documentsRead} documents read, ${small.runMs} ms`);
console.log(`100k appointments, 100 due: ${large.documentsRead} documents read, ${large.runMs} ms`);
console.log(`100k / 10k: reads x${results.readsRatio100kTo10k}, time x${results.timeRatio100kTo10k}`);
process.exit(0);
