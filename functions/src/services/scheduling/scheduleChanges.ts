import { Timestamp } from "firebase-admin/firestore";
import { logger } from "firebase-functions";
import { HttpsError } from "firebase-functions/v2/https";
import { appError, invalidField } from "../../schemas/errors";
import { acknowledges, type Affected, type BookedAppointment } from "../../domain/scheduling/affected";
import { wallTimeOf } from "../../domain/scheduling/slots";
import type { Actor } from "../../domain/identity/actor";
import type { Origin } from "../../registry/define";
import { recordAction } from "../../repo/actions";
import { findDoctorAppointmentsFrom, type AppointmentDoc } from "../../repo/appointments";
import type { AvailabilityDoc } from "../../repo/availability";
import { getDoctor } from "../../repo/doctors";
import {
  createScheduleChange,
  getScheduleChange,
  markScheduleChangeItem,
  updateScheduleChange,
  type ScheduleChangeDoc,
} from "../../repo/scheduleChanges";
import { runTransaction, type Transaction } from "../../repo/transaction";
import type { AffectedAppointments } from "../../schemas/scheduling";
import { doctorBookedTime } from "../booking/slotCheck";
import { readForCancel, writeCancel } from "../booking/cancelAppointment";
import { checkProposedSlot, readForProposal, writeProposal } from "../booking/proposeTime";
import { enqueueScheduleSummary, readClinician } from "../notifications/clinicianMessages";

/**
 * A change of a doctor's schedule that affects booked appointments (setAvailability with leave or
 * fewer hours, setUserStatus suspending a doctor), in three steps:
 *
 * 1. Preview: the doctor's booked appointments not yet started (one query) and which of them the
 *    change affects (domain/scheduling/affected.ts), listed for the caller.
 * 2. The change: the caller must acknowledge exactly that list (`failed-precondition` otherwise,
 *    with the current list in `details.affected`). In the change's own transaction, the doctor's
 *    booked time (written by every booking, so a booking racing the change makes one of them retry)
 *    must still hold exactly the starts the list was computed from, or the change is refused the
 *    same way. The change writes `scheduleChanges/{id}` with one item per affected appointment.
 * 3. Applying: each item in its own transaction (cancel, or propose a new time; an appointment
 *    that moved or closed meanwhile is skipped), recording its outcome on the change; then one
 *    summary message to the doctor (clinicianMessages: their proven number, language, clock and
 *    quiet hours). A run cut short is finished by the scheduler.
 */

export interface AffectedView {
  appointmentId: string;
  patientUid: string;
  start: string;
  end: string;
  localDate: string;
  localTime: string;
  mode: AppointmentDoc["mode"];
  reason: Affected["reason"];
}

export interface Upcoming {
  docs: Map<string, AppointmentDoc>;
  booked: BookedAppointment[];
}

/** The doctor's booked appointments not yet started (outside any transaction: a query in one locks the collection). */
export async function upcomingAppointments(doctorUid: string, now: Date): Promise<Upcoming> {
  const docs = await findDoctorAppointmentsFrom(doctorUid, now.getTime());
  return {
    docs: new Map(docs.map((d) => [d.id, d])),
    booked: docs.map((d) => ({
      id: d.id,
      startMs: d.start.toMillis(),
      endMs: d.end.toMillis(),
      mode: d.mode,
    })),
  };
}

export function affectedViews(upcoming: Upcoming, affected: readonly Affected[]): AffectedView[] {
  return affected.map(({ id, reason }) => {
    const a = upcoming.docs.get(id)!;
    return {
      appointmentId: id,
      patientUid: a.patientUid,
      start: a.start.toDate().toISOString(),
      end: a.end.toDate().toISOString(),
      ...wallTimeOf(a.start.toMillis(), a.timezone),
      mode: a.mode,
      reason,
    };
  });
}

/** The refusal when the caller did not acknowledge exactly the affected appointments. */
export function checkAcknowledged(
  confirmed: readonly string[] | undefined,
  upcoming: Upcoming,
  affected: readonly Affected[],
): void {
  if (affected.length === 0 || acknowledges(confirmed, affected)) return;
  throw appError(
    "failed-precondition",
    "affected-appointments",
    `this change affects ${affected.length} booked appointment(s): preview it (dryRun) and confirm exactly those`,
    { affected: affectedViews(upcoming, affected) },
  );
}

/**
 * In the change's transaction: the doctor's upcoming booked starts are still those of the list.
 * A booking, move or cancellation since the preview writes the booked time, so this sees it.
 */
export async function checkBookingsUnchanged(
  doctorUid: string,
  availability: AvailabilityDoc | null,
  upcoming: Upcoming,
  now: Date,
): Promise<void> {
  const booked = availability ? await doctorBookedTime(doctorUid, availability, now) : null;
  if (!booked) return;
  const live = Object.keys(booked)
    .map(Number)
    .filter((start) => start > now.getTime());
  const listed = new Set(upcoming.booked.map((a) => a.startMs));
  if (live.length !== listed.size || live.some((start) => !listed.has(start)))
    throw appError(
      "failed-precondition",
      "affected-appointments-changed",
      "the doctor's bookings changed while this change was being confirmed; preview it again",
    );
}

/** Checks the times to propose before anything is written: each for an affected appointment, none twice. */
export function checkProposals(
  propose: AffectedAppointments["propose"],
  affected: readonly Affected[],
): void {
  const ids = new Set(affected.map((a) => a.id));
  const times = new Set<number>();
  for (const [id, start] of Object.entries(propose ?? {})) {
    if (!ids.has(id)) throw invalidField("affected.propose", `${id} is not an affected appointment`);
    if (affected.find((a) => a.id === id)?.reason === "suspended")
      throw invalidField("affected.propose", "a suspended doctor cannot see anyone; cancel instead");
    const ms = Date.parse(start);
    if (times.has(ms)) throw invalidField("affected.propose", "two appointments proposed the same time");
    times.add(ms);
  }
}

/** In the change's transaction: the change and one item per affected appointment. */
export function writeScheduleChange(
  tx: Transaction,
  c: {
    id: string;
    doctorUid: string;
    org: string;
    timezone: string;
    cause: ScheduleChangeDoc["cause"];
    actor: Actor;
    origin: Origin;
    reason: string;
    upcoming: Upcoming;
    affected: readonly Affected[];
    propose?: Record<string, string>;
  },
  now: Date,
): void {
  const at = Timestamp.fromDate(now);
  const items: ScheduleChangeDoc["items"] = {};
  for (const { id, reason } of c.affected) {
    const to = c.propose?.[id];
    items[id] = {
      action: to ? "propose" : "cancel",
      ...(to ? { to: Timestamp.fromMillis(Date.parse(to)) } : {}),
      reason,
      from: c.upcoming.docs.get(id)!.start,
      done: null,
    };
  }
  createScheduleChange(tx, c.id, {
    doctorUid: c.doctorUid,
    org: c.org,
    cause: c.cause,
    by: c.actor.uid,
    role: c.actor.role,
    reason: c.reason,
    timezone: c.timezone,
    items,
    state: "applying",
    createdAt: at,
    updatedAt: at,
  });
  recordAction(
    tx,
    {
      action: "schedule.changeApplied",
      actor: c.actor,
      org: c.org,
      target: { type: "scheduleChange", id: c.id },
      origin: c.origin,
    },
    now,
  );
}

export interface ChangeOutcome {
  changeId: string;
  cancelled: string[];
  proposed: string[];
  skipped: string[];
}

/**
 * Applies every item not yet applied, each in its own transaction, then marks the change done
 * and sends the doctor one summary. Safe to run twice at once: an item applied is not applied
 * again (its outcome is read in its transaction).
 */
export async function applyScheduleChange(
  changeId: string,
  now: Date,
  origin: Origin = {},
): Promise<ChangeOutcome> {
  const change = await getScheduleChange(changeId);
  const outcome: ChangeOutcome = { changeId, cancelled: [], proposed: [], skipped: [] };
  if (!change) return outcome;
  const actor = { uid: change.by, role: change.role } as Actor;
  for (const id of Object.keys(change.items)) {
    try {
      const done = await applyItem(changeId, id, actor, origin, now);
      if (done === "cancelled") outcome.cancelled.push(id);
      else if (done === "proposed") outcome.proposed.push(id);
      else if (done === "skipped") outcome.skipped.push(id);
    } catch (error) {
      // Left for the scheduler's next run; the others go on.
      logger.error("schedule.itemFailed", {
        changeId,
        appointmentId: id,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  await finish(changeId, now);
  return outcome;
}

async function applyItem(
  changeId: string,
  id: string,
  actor: Actor,
  origin: Origin,
  now: Date,
): Promise<"cancelled" | "proposed" | "skipped" | null> {
  return runTransaction(async (tx) => {
    const change = await getScheduleChange(changeId, tx);
    const item = change?.items[id];
    if (!change || !item) return null;
    if (item.done) return item.done;
    const mark = (done: "cancelled" | "proposed" | "skipped") => {
      markScheduleChangeItem(tx, changeId, id, done, now);
      return done;
    };
    if (item.action === "propose" && item.to) {
      const read = await readForProposal(tx, id, now);
      if (!read || !unchanged(read.appointment, item.from, now)) return mark("skipped");
      let slot = null;
      try {
        slot = checkProposedSlot(read, item.to.toMillis(), now);
      } catch (error) {
        if (!(error instanceof HttpsError)) throw error;
        logger.info("schedule.proposalFellBack", { changeId, appointmentId: id, code: error.code });
      }
      if (slot) {
        try {
          // Reads done: writeProposal refuses (without writing) when the deadline has passed.
          writeProposal(tx, read, { actor, origin, slot, reason: change.reason, changeId }, now);
          return mark("proposed");
        } catch (error) {
          if (!(error instanceof HttpsError)) throw error;
        }
      }
      // The time could not be proposed: the appointment is cancelled instead.
    }
    const cancelRead = await readForCancel(tx, id);
    if (!cancelRead || !unchanged(cancelRead.appointment, item.from, now)) return mark("skipped");
    writeCancel(
      tx,
      cancelRead,
      { actor, origin, reason: change.reason, cancelledBy: "clinic", required: true },
      now,
    );
    return mark("cancelled");
  });
}

/** Still booked at the time the change listed, and not started. */
function unchanged(appointment: AppointmentDoc, from: Timestamp, now: Date): boolean {
  return (
    appointment.status === "booked" &&
    appointment.start.toMillis() === from.toMillis() &&
    appointment.start.toMillis() > now.getTime()
  );
}

/** Once every item is applied: the change is done and the doctor gets one summary. */
async function finish(changeId: string, now: Date): Promise<void> {
  await runTransaction(async (tx) => {
    const change = await getScheduleChange(changeId, tx);
    if (!change || change.state === "done") return;
    const items = Object.values(change.items);
    if (items.some((i) => !i.done)) return;
    const [clinician, doctor] = await Promise.all([
      readClinician(tx, change.doctorUid, change.timezone),
      getDoctor(change.doctorUid, tx),
    ]);
    updateScheduleChange(tx, changeId, { state: "done", updatedAt: Timestamp.fromDate(now) });
    const count = (done: string) => String(items.filter((i) => i.done === done).length);
    if (items.some((i) => i.done !== "skipped"))
      enqueueScheduleSummary(
        tx,
        clinician,
        {
          id: `schedule_${changeId}_done`,
          vars: {
            doctorName: doctor?.name ?? "",
            cancelledCount: count("cancelled"),
            proposedCount: count("proposed"),
          },
        },
        now,
      );
  });
}
