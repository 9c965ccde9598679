import { Timestamp, type Transaction } from "firebase-admin/firestore";
import type { AppointmentFacts, AppointmentStatus } from "../domain/booking/policy";
import type { Absent } from "../domain/consultations/session";
import type { ConsultationMode } from "../schemas/scheduling";
import { COLLECTIONS, db } from "./firestore";

/** An appointment as stored. Ids and times only: no names, notes or phone numbers. */
export interface AppointmentDoc {
  patientUid: string;
  doctorUid: string;
  org: string;
  start: Timestamp;
  end: Timestamp;
  timezone: string;
  mode: ConsultationMode;
  status: AppointmentStatus;
  slotLockId: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  history: AppointmentEvent[];
  /** A video consultation nobody (or one side) attended: who was absent (handlers/consultations/markNoShows.ts). */
  noShow?: { absent: Absent; at: Timestamp };
}

export interface AppointmentEvent {
  event: "booked" | "rescheduled" | "cancelled" | "completed" | "no_show";
  at: Timestamp;
  by: string;
  role: string;
  reason?: string;
  from?: Timestamp;
  to?: Timestamp;
  /** no_show recorded by the system: who never joined the video consultation. */
  absent?: Absent;
}

export const appointmentRef = (id: string) => db().collection(COLLECTIONS.appointments).doc(id);
export const newAppointmentRef = () => db().collection(COLLECTIONS.appointments).doc();

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

export async function getAppointment(tx: Transaction, id: string): Promise<AppointmentDoc | null> {
  const snap = await tx.get(appointmentRef(id));
  return snap.exists ? (snap.data() as AppointmentDoc) : null;
}

export interface BookedInterval {
  id: string;
  startMs: number;
  endMs: number;
}

function intervals(docs: FirebaseFirestore.QueryDocumentSnapshot[]): BookedInterval[] {
  return docs.map((d) => ({ id: d.id, startMs: d.get("start").toMillis(), endMs: d.get("end").toMillis() }));
}

/** Outside a transaction: the doctor's booked appointments starting in [fromMs, toMs). */
export async function doctorBookedBetweenNow(
  doctorUid: string,
  fromMs: number,
  toMs: number,
): Promise<BookedInterval[]> {
  const snap = await db()
    .collection(COLLECTIONS.appointments)
    .where("doctorUid", "==", doctorUid)
    .where("status", "==", "booked")
    .where("start", ">=", Timestamp.fromMillis(fromMs))
    .where("start", "<", Timestamp.fromMillis(toMs))
    .get();
  return intervals(snap.docs);
}

/**
 * Outside a transaction: booked video appointments starting in [fromMs, toMs], oldest first, a
 * page at a time (`after` is the last document of the previous page). Index: status, mode, start.
 */
export async function bookedVideoStartingBetweenNow(
  fromMs: number,
  toMs: number,
  limit: number,
  after?: FirebaseFirestore.QueryDocumentSnapshot,
) {
  let query = db()
    .collection(COLLECTIONS.appointments)
    .where("status", "==", "booked")
    .where("mode", "==", "video")
    .where("start", ">=", Timestamp.fromMillis(fromMs))
    .where("start", "<=", Timestamp.fromMillis(toMs))
    .orderBy("start")
    .limit(limit);
  if (after) query = query.startAfter(after);
  return query.get();
}
