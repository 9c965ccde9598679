// `npm run bench:reminders`: the reminder scheduler's cost, written to
// bench/results/reminders.json and printed. Runs inside `firebase emulators:exec`.
//
// What is counted: every Firestore read the run makes through the functions' firebase-admin
// (bench/lib.ts installFirestoreCounters, each operation once: a document read is 1, a query
// reads its documents, at least 1), from the due query to the last transaction, retries
// included. Not counted: what the outbox trigger reads afterwards to send the queued messages
// (claim, opt-out check), in the functions emulator's own process; that cost is per message
// sent, whatever queues it, and unchanged by the reminder run.
//
// What is seeded: what booking and its confirmation write (services/booking/bookAppointment.ts,
// handlers/booking/confirmBooking.ts): booked appointments carrying their reminders
// (`nextReminderAt`, the first one's due time), the patient card and `reminderContext` (the
// doctor's name, the patient's language); the patients' profiles and their proven numbers
// (`contacts/{uid}`, as the verification callables write them); doctors' profiles and, for the
// hour-before scenario, their contacts as setClinicianContact writes them.
//
// Scenarios (NOW is 12:00 IST, outside quiet hours):
// - small / large: 10,000 and then 100,000 appointments, 100 of them with their 24-hour reminder
//   due, to the patient only. The headline figure: reads per due reminder, and that they stay
//   flat (the due query reads only what is due). Then an idle run (nothing due).
// - hourBefore: 10,000 appointments, 100 with their 1-hour reminder due, which goes to the
//   patient and to the doctor (10 doctors): reads per due reminder and per message queued.
// - withoutContext: as small, on appointments that carry no `reminderContext` (booked before it
//   existed, or whose confirmation has not run yet): the run reads the profiles then.
//
// Per due reminder the run reads: the appointment (the due query returns it whole) and the
// patient's contact (the proven number, in the transaction that writes the message). The
// appointment is not read again: its update is conditional on the version the query returned
// (repo/appointments.ts updateAppointmentIfUnchanged). The hour-before reminder also reads the
// doctor's contact.
import { patientCard } from "../functions/src/domain/patients/card";
import { queueDueReminders } from "../functions/src/handlers/notifications/reminders";
import { ROOT, installFirestoreCounters, round, writeResults } from "./lib";
import path from "node:path";

const counter = installFirestoreCounters();
const db = counter.module.getFirestore();
const { Timestamp } = counter.module;
const NOW = new Date("2026-12-01T06:30:00Z"); // 12:00 IST: outside quiet hours
const DUE = 100;
const DOCTORS = 10;
const LANGUAGES = ["en", "hi", "pa"] as const;
const PROFILE = {
  name: "Bench Patient",
  dateOfBirth: "1990-01-01",
  sex: "female",
  address: { line1: "x", district: "y", state: "z", pincode: "141001" },
};

async function clearDatabase() {
  const host = process.env.FIRESTORE_EMULATOR_HOST ?? "127.0.0.1:8080";
  const project = process.env.GCLOUD_PROJECT ?? "demo-arogya";
  const res = await fetch(`http://${host}/emulator/v1/projects/${project}/databases/(default)/documents`, {
    method: "DELETE",
  });
  if (!res.ok) throw new Error(`clearing the emulator failed: ${res.status}`);
}

type Kind = "day-before" | "hour-before";

/**
 * `total` booked appointments; the first DUE have the reminder of `kind` due at NOW (start up to
 * 30 minutes earlier than the plan's time), the rest later.
 */
async function seed(total: number, kind: Kind, withContext: boolean) {
  const at = Timestamp.fromDate(NOW);
  for (let d = 0; d < DOCTORS; d += 1) {
    await db
      .doc(`doctors/bench-doctor-${d}`)
      .set({ name: `Dr. Bench ${d}`, org: "bench-org", status: "approved", timezone: "Asia/Kolkata" });
    // As setClinicianContact writes it, on a number the doctor proved.
    await db.doc(`contacts/bench-doctor-${d}`).set({
      phone: `+9197000${String(10000 + d)}`,
      verifiedAt: at,
      verifiedBy: "auth",
      language: "en",
      channel: "sms",
      quietHours: null,
      timezone: "Asia/Kolkata",
      agendaTime: null,
      agendaNextAt: null,
      agendaAttempts: 0,
      updatedAt: at,
    });
  }
  for (let p = 0; p < DUE; p += 1) {
    await db.doc(`patients/bench-patient-${p}`).set({
      ...PROFILE,
      phone: `+9198000${String(10000 + p)}`,
      language: LANGUAGES[p % 3],
    });
    // Messages go only to a proven number (contacts/{uid}, which the verification callables
    // write); the bench writes what they would, as it writes the profiles.
    await db.doc(`contacts/bench-patient-${p}`).set({
      phone: `+9198000${String(10000 + p)}`,
      verifiedAt: at,
      verifiedBy: "auth",
      updatedAt: at,
    });
  }
  const offset = kind === "day-before" ? 1440 : 60;
  const started = Date.now();
  for (let i = 0; i < total; i += 250) {
    const batch = db.batch();
    for (let j = i; j < Math.min(total, i + 250); j += 1) {
      const due = j < DUE;
      const start = due
        ? NOW.getTime() + offset * 60_000 - 60_000 * (j % 30)
        : NOW.getTime() + 2 * 86_400_000 + j * 60_000;
      const id = `bench-appt-${j}`;
      const patient = j % DUE;
      const doctor = j % DOCTORS;
      const card = patientCard(PROFILE, new Date(start), "Asia/Kolkata");
      batch.set(db.doc(`appointments/${id}`), {
        patientUid: `bench-patient-${patient}`,
        doctorUid: `bench-doctor-${doctor}`,
        org: "bench-org",
        start: Timestamp.fromMillis(start),
        end: Timestamp.fromMillis(start + 900_000),
        timezone: "Asia/Kolkata",
        mode: "video",
        status: "booked",
        slotLockId: `bench-doctor-${doctor}_${start}`,
        createdAt: at,
        updatedAt: at,
        history: [{ event: "booked", at, by: `bench-patient-${patient}`, role: "patient" }],
        // As booked: the first reminder's due time; for the hour-before scenario, as the run
        // leaves it once the day-before reminder went.
        nextReminderAt: Timestamp.fromMillis(start - offset * 60_000),
        ...(kind === "hour-before" && { reminderOffset: 60 }),
        confirmation: "queued",
        ...(withContext && {
          reminderContext: { doctorName: `Dr. Bench ${doctor}`, language: LANGUAGES[patient % 3] },
        }),
        ...(card && { patient: card }),
      });
    }
    await batch.commit();
  }
  return Math.round((Date.now() - started) / 1000);
}

async function scenario(total: number, kind: Kind = "day-before", withContext = true) {
  await clearDatabase();
  const seedSeconds = await seed(total, kind, withContext);
  counter.reset();
  const t = process.hrtime.bigint();
  const run = await queueDueReminders(NOW);
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  const reads = counter.counts.reads;
  const writes = counter.counts.writes;
  const messages = (await db.collection("outbox").count().get()).data().count;
  // A second run finds nothing due: its cost is the empty query.
  counter.reset();
  const t2 = process.hrtime.bigint();
  const idle = await queueDueReminders(NOW);
  const idleMs = Number(process.hrtime.bigint() - t2) / 1e6;
  const idleReads = counter.counts.reads;
  if (run.due !== DUE || run.queued !== DUE || run.failed || idle.due)
    throw new Error(`unexpected run: ${JSON.stringify({ run, idle })}`);
  return {
    appointments: total,
    due: run.due,
    queued: run.queued,
    messagesQueued: messages,
    documentsRead: reads,
    writes,
    runMs: round(ms),
    readsPerDue: round(reads / Math.max(1, run.due)),
    readsPerMessage: round(reads / Math.max(1, messages)),
    seedSeconds,
    idleRun: { due: idle.due, documentsRead: idleReads, runMs: round(idleMs) },
  };
}

const small = await scenario(10_000);
console.log("10,000 appointments:", small);
const large = await scenario(100_000);
console.log("100,000 appointments:", large);
const hourBefore = await scenario(10_000, "hour-before");
console.log("10,000 appointments, hour-before reminders (patient and doctor):", hourBefore);
const withoutContext = await scenario(10_000, "day-before", false);
console.log("10,000 appointments without reminderContext:", withoutContext);
const results = {
  small,
  large,
  hourBefore,
  withoutContext,
  readsRatio100kTo10k: round(large.documentsRead / small.documentsRead),
  timeRatio100kTo10k: round(large.runMs / small.runMs),
  note: "runMs is one run each; the reads are exact (bench/lib.ts, each operation once). Per due reminder: the appointment (returned whole by the due query) and the patient's proven contact; the hour-before reminder also reads the doctor's contact (readsPerMessage: it queues two messages). withoutContext: appointments that carry no reminderContext read the patient's and the doctor's profiles too. Not counted: what the outbox trigger reads to send the queued messages (its own process).",
};
const file = writeResults("reminders", results);
await clearDatabase();
console.log(`\nwritten to ${path.relative(ROOT, file)}`);
console.log(`10k appointments, 100 due: ${small.documentsRead} documents read, ${small.runMs} ms`);
console.log(`100k appointments, 100 due: ${large.documentsRead} documents read, ${large.runMs} ms`);
console.log(`100k / 10k: reads x${results.readsRatio100kTo10k}, time x${results.timeRatio100kTo10k}`);
console.log(
  `hour-before, 100 due: ${hourBefore.documentsRead} read, ${hourBefore.messagesQueued} messages queued`,
);
console.log(`without reminderContext, 100 due: ${withoutContext.documentsRead} read`);
process.exit(0);
