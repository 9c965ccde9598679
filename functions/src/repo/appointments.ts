import {
  FieldPath,
  FieldValue,
  Timestamp,
  type Transaction,
  type UpdateData,
} from "firebase-admin/firestore";
import type { AppointmentFacts } from "../domain/booking/policy";
import { appointmentDocSchema, type AppointmentDoc } from "../schemas/documents/appointment";
import { wellFormed } from "./converter";
import { documents } from "./documents";
import { recordFailedAttempt } from "./failedAttempts";
import { COLLECTIONS, db, readQuery } from "./firestore";

export type { AppointmentDoc, AppointmentEvent, Proposal } from "../schemas/documents/appointment";

const appointments = documents(COLLECTIONS.appointments, appointmentDocSchema);

export const appointmentRef = appointments.ref;
export const newAppointmentRef = () => appointments.collection().doc();
export const getAppointment = appointments.get;
export const updateAppointment = appointments.update;

export function factsOf(a: AppointmentDoc): AppointmentFacts {
  return {
    patientUid: a.patientUid,
    doctorUid: a.doctorUid,
    org: a.org,
    status: a.status,
    startMs: a.start.toMillis(),
    endMs: a.end.toMillis(),
  };
}

export interface BookedInterval {
  id: string;
  startMs: number;
  endMs: number;
}

/** The doctor's booked appointments starting in [fromMs, toMs). Index: doctorUid, status, start. */
const doctorBookedBetween = (doctorUid: string, fromMs: number, toMs: number) =>
  appointments
    .collection()
    .where("doctorUid", "==", doctorUid)
    .where("status", "==", "booked")
    .where("start", ">=", Timestamp.fromMillis(fromMs))
    .where("start", "<", Timestamp.fromMillis(toMs));

/** The doctor's booked appointments starting in [fromMs, toMs). */
export async function findDoctorBookings(
  doctorUid: string,
  fromMs: number,
  toMs: number,
): Promise<BookedInterval[]> {
  const docs = await readQuery(doctorBookedBetween(doctorUid, fromMs, toMs));
  return docs.map((d) => ({ id: d.id, startMs: d.start.toMillis(), endMs: d.end.toMillis() }));
}

/** This doctor's appointments with this patient, whatever their status (the chart's care window). */
export function findAppointmentsBetween(
  doctorUid: string,
  patientUid: string,
  tx?: Transaction,
): Promise<Array<AppointmentDoc & { id: string }>> {
  return readQuery(
    appointments.collection().where("doctorUid", "==", doctorUid).where("patientUid", "==", patientUid),
    tx,
  );
}

/**
 * The ids, times, patient cards and reminder contexts of a patient's appointments, read without
 * the converter so that a malformed appointment's card is kept current too
 * (handlers/chart/refreshPatientCards.ts).
 */
export async function findPatientCards(
  patientUid: string,
): Promise<
  Array<{ id: string; start: Timestamp; timezone: string; patient: unknown; reminderContext: unknown }>
> {
  const snap = await db()
    .collection(COLLECTIONS.appointments)
    .where("patientUid", "==", patientUid)
    .select("start", "timezone", "patient", "reminderContext")
    .get();
  return snap.docs.flatMap((d) => {
    const start = d.get("start") as unknown;
    const timezone = d.get("timezone") as unknown;
    if (!(start instanceof Timestamp) || typeof timezone !== "string") return [];
    return [
      {
        id: d.id,
        start,
        timezone,
        patient: d.get("patient") as unknown,
        reminderContext: d.get("reminderContext") as unknown,
      },
    ];
  });
}

/**
 * Sets (or, with null, removes) the patient card of these appointments and, where given, the
 * profile's language and channel their reminders follow (`reminderContext`), in batches.
 */
export async function setPatientCards(
  cards: Array<{
    id: string;
    patient?: AppointmentDoc["patient"] | null;
    prefs?: { language?: string; notifyBy?: "sms" | "whatsapp" };
  }>,
): Promise<void> {
  for (let i = 0; i < cards.length; i += 400) {
    const batch = db().batch();
    for (const { id, patient, prefs } of cards.slice(i, i + 400)) {
      const ref = db().collection(COLLECTIONS.appointments).doc(id);
      batch.update(ref, {
        ...(patient !== undefined && { patient: patient ?? FieldValue.delete() }),
        ...(prefs && {
          "reminderContext.language": prefs.language ?? FieldValue.delete(),
          "reminderContext.notifyBy": prefs.notifyBy ?? FieldValue.delete(),
        }),
      });
    }
    await batch.commit();
  }
}

/** The doctor's booked appointments starting in [fromMs, toMs): when and how (a day's agenda). */
export async function findDoctorDay(
  doctorUid: string,
  fromMs: number,
  toMs: number,
): Promise<Array<{ id: string; startMs: number; mode: AppointmentDoc["mode"] }>> {
  const docs = await readQuery(doctorBookedBetween(doctorUid, fromMs, toMs));
  return docs.map((d) => ({ id: d.id, startMs: d.start.toMillis(), mode: d.mode }));
}

/** The patient's booked appointments (ahead or not yet closed), malformed ones left out. */
export function findPatientBookings(patientUid: string): Promise<Array<AppointmentDoc & { id: string }>> {
  return readQuery(
    appointments.collection().where("patientUid", "==", patientUid).where("status", "==", "booked"),
  );
}

/** A page of a query and where the next one starts (null when this was the last). */
export interface Page<T, C> {
  items: T[];
  next: C | null;
}

export type StartCursor = { startMs: number; id: string };

/**
 * Booked video appointments starting in [fromMs, toMs], oldest first, a page at a time (pass the
 * previous page's `next`). Malformed appointments are left out of `items` but still move the
 * cursor, so one bad document never ends a sweep early. Index: status, mode, start.
 */
export async function findBookedVideoStartingBetween(
  fromMs: number,
  toMs: number,
  limit: number,
  after?: StartCursor | null,
): Promise<Page<AppointmentDoc & { id: string }, StartCursor>> {
  let query = appointments
    .collection()
    .where("status", "==", "booked")
    .where("mode", "==", "video")
    .where("start", ">=", Timestamp.fromMillis(fromMs))
    .where("start", "<=", Timestamp.fromMillis(toMs))
    .orderBy("start")
    .orderBy(FieldPath.documentId())
    .limit(limit);
  if (after) query = query.startAfter(Timestamp.fromMillis(after.startMs), after.id);
  const snap = await query.get();
  const last = snap.docs.at(-1);
  const items = wellFormed(snap.docs.map((d) => ({ data: () => ({ ...d.data(), id: d.id }) })));
  const next =
    last && snap.size === limit
      ? { id: last.id, startMs: (last.get("start") as Timestamp).toMillis() }
      : null;
  return { items, next };
}

/** An appointment as a query found it: its version (update time) and, converted on demand, its data. */
export interface FoundAppointment {
  id: string;
  version: Timestamp;
  /** Throws MalformedDocumentError for a document that does not match its schema. */
  data(): AppointmentDoc;
}

/**
 * Booked appointments with a reminder due (`nextReminderAt` passed), oldest first, whole: the
 * reminder run reads nothing else of them (one read each). A malformed one is returned too and
 * throws when its data is asked for, so the run meets it (and parks it) instead of skipping it
 * at the head of the queue for ever. Index: status, nextReminderAt.
 */
export async function findAppointmentsWithReminderDue(now: Date, limit: number): Promise<FoundAppointment[]> {
  const query = appointments
    .collection()
    .where("status", "==", "booked")
    .where("nextReminderAt", "<=", Timestamp.fromDate(now))
    .orderBy("nextReminderAt")
    .limit(limit);
  return (await query.get()).docs.map((d) => ({ id: d.id, version: d.updateTime, data: () => d.data() }));
}

/**
 * Updates the appointment in the transaction only if it is still the version a query found: the
 * commit fails (FAILED_PRECONDITION) when it changed since (cancelled, moved, touched), and
 * nothing of the transaction is written. The transaction needs no read of it for that.
 */
export function updateAppointmentIfUnchanged(
  tx: Transaction,
  id: string,
  patch: UpdateData<AppointmentDoc>,
  version: Timestamp,
): void {
  tx.update(appointmentRef(id), patch, { lastUpdateTime: version });
}

/**
 * A failed attempt at the appointment's due reminder: counted with its error code, tried again
 * after the backoff, and after the last attempt `nextReminderAt` is cleared (parked: the
 * appointment keeps `reminderAttempts` and `reminderError`; a reminder sent clears them). Written without the converter, so a
 * malformed appointment is parked too. True when parked.
 */
export async function recordReminderWriteFailure(
  appointmentId: string,
  code: string,
  next: (previousAttempts: number) => { attempts: number; parked: boolean; retryAtMs: number },
  /** The next reminder's offset, when known: a retry resumes at the same reminder. */
  reminderOffset?: number | null,
): Promise<boolean> {
  return recordFailedAttempt(COLLECTIONS.appointments, appointmentId, "reminderAttempts", (previous) => {
    const after = next(previous);
    const patch = {
      reminderAttempts: after.attempts,
      reminderError: code,
      nextReminderAt: after.parked ? null : Timestamp.fromMillis(after.retryAtMs),
      ...(typeof reminderOffset === "number" && { reminderOffset }),
    };
    return { patch, answer: after.parked };
  });
}

/** The doctor's booked appointments starting after `fromMs`, soonest first (index: doctorUid, status, start). */
export function findDoctorAppointmentsFrom(
  doctorUid: string,
  fromMs: number,
): Promise<Array<AppointmentDoc & { id: string }>> {
  const query = appointments
    .collection()
    .where("doctorUid", "==", doctorUid)
    .where("status", "==", "booked")
    .where("start", ">", Timestamp.fromMillis(fromMs))
    .orderBy("start");
  return readQuery(query);
}

/**
 * Appointments whose open proposal's deadline has passed, oldest first; ids only (the run reads
 * each in its own transaction). `proposal.openUntil` is null once a proposal is closed, and a
 * range filter leaves nulls out, so closed ones are never read.
 */
export const findAppointmentIdsWithExpiredProposals = (now: Date, limit: number): Promise<string[]> =>
  appointments.idsDueBy("proposal.openUntil", now, limit);
