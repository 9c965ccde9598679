import { FieldPath, Timestamp, type Transaction, type UpdateData } from "firebase-admin/firestore";
import type { AppointmentFacts } from "../domain/booking/policy";
import { appointmentDocSchema, type AppointmentDoc } from "../schemas/documents/appointment";
import { converterFor, wellFormed } from "./converter";
import { COLLECTIONS, db, readDoc, readQuery } from "./firestore";

export type { AppointmentDoc, AppointmentEvent } from "../schemas/documents/appointment";

const converter = converterFor(appointmentDocSchema);
const appointments = () => db().collection(COLLECTIONS.appointments).withConverter(converter);

export const appointmentRef = (id: string) => appointments().doc(id);
export const newAppointmentRef = () => appointments().doc();

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

export function getAppointment(id: string, tx?: Transaction): Promise<AppointmentDoc | null> {
  return readDoc(appointmentRef(id), tx);
}

export function createAppointment(tx: Transaction, id: string, appointment: AppointmentDoc): void {
  tx.create(appointmentRef(id), appointment);
}

export function updateAppointment(tx: Transaction, id: string, patch: UpdateData<AppointmentDoc>): void {
  tx.update(appointmentRef(id), patch);
}

export interface BookedInterval {
  id: string;
  startMs: number;
  endMs: number;
}

/** The doctor's booked appointments starting in [fromMs, toMs). */
export async function findDoctorBookings(
  doctorUid: string,
  fromMs: number,
  toMs: number,
): Promise<BookedInterval[]> {
  const query = appointments()
    .where("doctorUid", "==", doctorUid)
    .where("status", "==", "booked")
    .where("start", ">=", Timestamp.fromMillis(fromMs))
    .where("start", "<", Timestamp.fromMillis(toMs));
  const docs = await readQuery(query);
  return docs.map((d) => ({ id: d.id, startMs: d.start.toMillis(), endMs: d.end.toMillis() }));
}

/** The patient's booked appointments (ahead or not yet closed), malformed ones left out. */
export function findPatientBookings(patientUid: string): Promise<Array<AppointmentDoc & { id: string }>> {
  return readQuery(appointments().where("patientUid", "==", patientUid).where("status", "==", "booked"));
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
  let query = appointments()
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
