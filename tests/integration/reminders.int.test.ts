// Issue 18 (reads per due reminder): the reminder run reads each due appointment once, through
// its due query, and writes its reminder on condition that the appointment is still the version
// the query returned. These tests run the handler in this process against the Firestore emulator
// with an exact `now`, so they can change an appointment in the window between the query and the
// commit (a spy on the transaction's read of the patient's contact, which comes in between) and
// show that a cancelled or moved appointment gets no reminder, that two runs at once queue one,
// and that the language and channel the appointment carries follow the profile.
import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { FieldValue, Timestamp } from "firebase-admin/firestore";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { PROJECT_ID, admin } from "../../tools/emulator-client";

const functionsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../functions");
const fromFunctions = createRequire(path.join(functionsDir, "package.json"));
afterEach(() => vi.restoreAllMocks());

const DAY = 86_400_000;
const HOUR = 3_600_000;
const doc = async (p: string) => (await admin().db.doc(p).get()).data();
const run = async (now: number) => {
  const { queueDueReminders } = await import("../../functions/src/handlers/notifications/reminders");
  return queueDueReminders(new Date(now));
};

beforeAll(() => {
  const { getApps, initializeApp } = fromFunctions("firebase-admin/app");
  if (!getApps().length) initializeApp({ projectId: PROJECT_ID });
});

let sequence = Math.floor(Math.random() * 80_000) + 10_000;

/**
 * A booked appointment as booking and its confirmation write it: 12:00 IST three days ahead
 * (its 24-hour reminder falls outside quiet hours), carrying its reminders (`nextReminderAt`),
 * with a patient who proved their number. `context: false`: no reminderContext (booked before it
 * existed, or its confirmation has not run yet).
 */
async function booked(p: { language: string; context?: boolean; proven?: boolean }) {
  const id = `rem-${randomUUID()}`;
  const patientUid = `rem-patient-${randomUUID()}`;
  const doctorUid = `rem-doctor-${randomUUID()}`;
  const phone = `+919${String(sequence++)}4321`;
  const ist = new Date(Date.now() + 3 * DAY + 5.5 * HOUR);
  const start = Date.UTC(ist.getUTCFullYear(), ist.getUTCMonth(), ist.getUTCDate(), 12) - 5.5 * HOUR;
  const at = Timestamp.now();
  await admin().db.doc(`doctors/${doctorUid}`).set({
    name: "Dr. Reminder",
    org: "rem-org",
    status: "approved",
    timezone: "Asia/Kolkata",
  });
  await admin()
    .db.doc(`patients/${patientUid}`)
    .set({ name: "Rem Patient", sex: "female", language: p.language });
  await admin()
    .db.doc(`contacts/${patientUid}`)
    .set({
      phone: p.proven === false ? null : phone,
      verifiedAt: p.proven === false ? null : at,
      verifiedBy: p.proven === false ? null : "auth",
      updatedAt: at,
    });
  await admin()
    .db.doc(`appointments/${id}`)
    .set({
      patientUid,
      doctorUid,
      org: "rem-org",
      start: Timestamp.fromMillis(start),
      end: Timestamp.fromMillis(start + 900_000),
      timezone: "Asia/Kolkata",
      mode: "video",
      status: "booked",
      slotLockId: `${doctorUid}_${start}`,
      createdAt: at,
      updatedAt: at,
      history: [{ event: "booked", at, by: patientUid, role: "patient" }],
      nextReminderAt: Timestamp.fromMillis(start - DAY),
      confirmation: "queued",
      patient: { name: "Rem Patient", sex: "female", age: null },
      ...(p.context !== false && {
        reminderContext: { doctorName: "Dr. Reminder", language: p.language },
      }),
    });
  return { id, patientUid, start, due: start - DAY, phone };
}

/** Runs `change` when the run's transaction reads this patient's contact (after the due query). */
function duringTheRun(patientUid: string, change: () => Promise<unknown>) {
  const { Transaction } = fromFunctions("firebase-admin/firestore") as {
    Transaction: { prototype: { get: (ref: unknown) => Promise<unknown> } };
  };
  const original = Transaction.prototype.get;
  let done = false;
  vi.spyOn(Transaction.prototype, "get").mockImplementation(async function (this: unknown, ref: unknown) {
    if (!done && (ref as { path?: string }).path === `contacts/${patientUid}`) {
      done = true;
      await change();
    }
    return original.call(this, ref);
  });
}

describe("the reminder run against changes it did not read", () => {
  it("an appointment cancelled after the due query read it gets no reminder", async () => {
    const a = await booked({ language: "en" });
    duringTheRun(a.patientUid, () =>
      admin().db.doc(`appointments/${a.id}`).update({ status: "cancelled", nextReminderAt: null }),
    );
    await run(a.due);
    expect(await doc(`outbox/reminder_${a.id}_1440m`)).toBeUndefined();
    expect(await doc(`appointments/${a.id}`)).toMatchObject({ status: "cancelled", nextReminderAt: null });
    expect((await doc(`appointments/${a.id}`))!.reminderOffset).toBeUndefined();
  });

  it("an appointment moved after the due query read it gets no reminder for the old time, then one for the new", async () => {
    const a = await booked({ language: "en" });
    const moved = a.start + DAY;
    duringTheRun(a.patientUid, () =>
      admin()
        .db.doc(`appointments/${a.id}`)
        .update({
          start: Timestamp.fromMillis(moved),
          end: Timestamp.fromMillis(moved + 900_000),
          nextReminderAt: Timestamp.fromMillis(moved - DAY),
          history: FieldValue.arrayUnion({
            event: "rescheduled",
            at: Timestamp.now(),
            by: a.patientUid,
            role: "patient",
            from: Timestamp.fromMillis(a.start),
            to: Timestamp.fromMillis(moved),
          }),
        }),
    );
    await run(a.due);
    expect(await doc(`outbox/reminder_${a.id}_1440m`)).toBeUndefined();
    expect(await doc(`outbox/reminder_${a.id}_1440m_h2`)).toBeUndefined();
    expect((await doc(`appointments/${a.id}`))!.nextReminderAt.toMillis()).toBe(moved - DAY);
    vi.restoreAllMocks();
    await run(moved - DAY);
    expect(await doc(`outbox/reminder_${a.id}_1440m_h2`)).toMatchObject({
      kind: "appointment.reminder",
      to: a.phone,
      appointmentId: a.id,
    });
  });

  it("two runs at once queue the reminder once, and the appointment moves on to the next", async () => {
    const a = await booked({ language: "hi" });
    await Promise.all([run(a.due), run(a.due)]);
    const queued = await admin()
      .db.collection("outbox")
      .where("appointmentId", "==", a.id)
      .where("kind", "==", "appointment.reminder")
      .get();
    expect(queued.docs.map((d) => d.id)).toEqual([`reminder_${a.id}_1440m`]);
    expect(queued.docs[0].get("language")).toBe("hi");
    expect((await doc(`appointments/${a.id}`))!.reminderOffset).toBe(60);
    expect((await doc(`appointments/${a.id}`))!.nextReminderAt.toMillis()).toBe(a.start - HOUR);
  });
});

describe("what the reminder says, read from the appointment", () => {
  it("a profile's new language and channel reach the appointment's reminderContext, and the reminder", async () => {
    const a = await booked({ language: "en" });
    await admin().db.doc(`patients/${a.patientUid}`).update({ language: "pa", notifyBy: "whatsapp" });
    const { refreshPatientCards } = await import("../../functions/src/handlers/chart/refreshPatientCards");
    await refreshPatientCards(a.patientUid);
    expect((await doc(`appointments/${a.id}`))!.reminderContext).toEqual({
      doctorName: "Dr. Reminder",
      language: "pa",
      notifyBy: "whatsapp",
    });
    await run(a.due);
    const message = await doc(`outbox/reminder_${a.id}_1440m`);
    expect(message).toMatchObject({ language: "pa", channel: "whatsapp", to: a.phone });
    expect(message!.body).toMatch(/[\u0A00-\u0A7F]/);
    expect(message!.body).toContain(" Reminder ");
  });

  it("an appointment without reminderContext reads the profiles instead: the same message", async () => {
    const a = await booked({ language: "hi", context: false });
    await run(a.due);
    const message = await doc(`outbox/reminder_${a.id}_1440m`);
    expect(message).toMatchObject({ language: "hi", channel: "sms", to: a.phone });
    expect(message!.body).toContain(" Reminder ");
  });

  it("a patient without a proven number gets nothing, and the appointment moves on", async () => {
    const a = await booked({ language: "en", proven: false });
    await run(a.due);
    expect(await doc(`outbox/reminder_${a.id}_1440m`)).toBeUndefined();
    expect((await doc(`appointments/${a.id}`))!.reminderOffset).toBe(60);
  });
});
