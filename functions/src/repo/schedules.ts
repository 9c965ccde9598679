import type { Transaction } from "firebase-admin/firestore";
import type { Interval } from "../domain/scheduling/slots";
import { COLLECTIONS, db } from "./firestore";

/**
 * Booked time kept in documents, so that booking transactions lock documents, not query
 * ranges (the emulators lock a whole collection for a query inside a transaction):
 *
 * - `doctorSchedules/{doctor}/days/{UTC date}`: `{ booked: { [appointmentId]: {start, end} } }`,
 *   the doctor's booked appointments starting that UTC day. A slot check reads the days around
 *   the slot; two bookings of one doctor's day are serialised by writing it.
 * - `bookingState/{patient}`: `{ open: { [appointmentId]: {start, end} } }`, the patient's
 *   booked appointments, read and written by every change of that patient's bookings.
 */
type Booked = Record<string, { start: number; end: number }>;
const DAY_MS = 24 * 3600 * 1000;

export const dayKey = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayRef = (doctorUid: string, day: string) =>
  db().collection(COLLECTIONS.doctorSchedules).doc(doctorUid).collection("days").doc(day);
export const bookingStateRef = (patientUid: string) =>
  db().collection(COLLECTIONS.bookingState).doc(patientUid);

/** A set of documents of booked intervals, read in a transaction and written back once each. */
class BookedDocs {
  private readonly changed = new Set<string>();
  constructor(
    private readonly docs: Map<string, { ref: FirebaseFirestore.DocumentReference; booked: Booked }>,
    private readonly field: "booked" | "open",
    private readonly keyOf: (start: number) => string,
  ) {}

  intervals(except?: string): Array<Interval & { id: string }> {
    return [...this.docs.values()].flatMap((d) =>
      Object.entries(d.booked)
        .filter(([id]) => id !== except)
        .map(([id, i]) => ({ id, start: i.start, end: i.end })),
    );
  }

  add(id: string, interval: Interval): void {
    const key = this.keyOf(interval.start);
    const doc = this.docs.get(key);
    if (!doc) throw new Error(`booked-time document ${key} was not read in this transaction`);
    doc.booked[id] = { start: interval.start, end: interval.end };
    this.changed.add(key);
  }

  remove(id: string): void {
    for (const [key, doc] of this.docs) {
      if (id in doc.booked) {
        delete doc.booked[id];
        this.changed.add(key);
      }
    }
  }

  write(tx: Transaction, extra: Record<string, unknown> = {}): void {
    for (const key of this.changed) {
      const doc = this.docs.get(key)!;
      tx.set(doc.ref, { [this.field]: doc.booked, ...extra });
    }
  }
}

export type DoctorDays = BookedDocs;
export type PatientBookings = BookedDocs;

/** The doctor's booked days around each instant (the day before, of and after, in UTC). */
export async function readDoctorDays(
  tx: Transaction,
  doctorUid: string,
  instants: number[],
): Promise<DoctorDays> {
  const keys = [...new Set(instants.flatMap((ms) => [ms - DAY_MS, ms, ms + DAY_MS].map(dayKey)))].sort();
  const snaps = await Promise.all(keys.map((k) => tx.get(dayRef(doctorUid, k))));
  const docs = new Map(
    snaps.map((s, i) => [
      keys[i],
      { ref: s.ref, booked: { ...((s.get("booked") as Booked | undefined) ?? {}) } },
    ]),
  );
  return new BookedDocs(docs, "booked", dayKey);
}

export async function readPatientBookings(tx: Transaction, patientUid: string): Promise<PatientBookings> {
  const snap = await tx.get(bookingStateRef(patientUid));
  const docs = new Map([
    ["patient", { ref: snap.ref, booked: { ...((snap.get("open") as Booked | undefined) ?? {}) } }],
  ]);
  return new BookedDocs(docs, "open", () => "patient");
}
