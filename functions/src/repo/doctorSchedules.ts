import type { Transaction } from "firebase-admin/firestore";
import { doctorDayDocSchema } from "../schemas/documents/doctorSchedules";
import { BookedTime } from "./bookedTime";
import { converterFor } from "./converter";
import { COLLECTIONS, db, readDoc } from "./firestore";

/**
 * `doctorSchedules/{doctor}/days/{UTC date}`: `{ booked: { [appointmentId]: {start, end} } }`,
 * the doctor's booked appointments starting that UTC day. A slot check reads the days around
 * the slot; two bookings of one doctor's day are serialised by writing it.
 */
const DAY_MS = 24 * 3600 * 1000;
const converter = converterFor(doctorDayDocSchema);

export const dayKey = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayRef = (doctorUid: string, day: string) =>
  db()
    .collection(COLLECTIONS.doctorSchedules)
    .doc(doctorUid)
    .collection("days")
    .doc(day)
    .withConverter(converter);

export type DoctorDays = BookedTime;

/** In the transaction: the doctor's booked days around each instant (the day before, of and after, in UTC). */
export async function getDoctorDays(
  doctorUid: string,
  instants: number[],
  tx: Transaction,
): Promise<DoctorDays> {
  const keys = [...new Set(instants.flatMap((ms) => [ms - DAY_MS, ms, ms + DAY_MS].map(dayKey)))].sort();
  const days = await Promise.all(keys.map((day) => readDoc(dayRef(doctorUid, day), tx)));
  const docs = new Map(days.map((d, i) => [keys[i], { ...d?.booked }]));
  return new BookedTime(docs, dayKey, (t, day, booked) => t.set(dayRef(doctorUid, day), { booked }));
}
