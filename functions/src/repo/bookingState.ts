import type { Transaction } from "firebase-admin/firestore";
import { bookingStateDocSchema } from "../schemas/documents/bookingState";
import { BookedTime } from "./bookedTime";
import { converterFor } from "./converter";
import { COLLECTIONS, db, readDoc } from "./firestore";

/**
 * `bookingState/{patient}`: `{ open: { [appointmentId]: {start, end} }, rate, answers, updatedAt }`,
 * the patient's booked appointments, read and written by every change of that patient's
 * bookings, and `book`'s rate-limit count and idempotent answers (services/booking/bookAppointment.ts).
 */
const bookingStates = () =>
  db().collection(COLLECTIONS.bookingState).withConverter(converterFor(bookingStateDocSchema));

export const bookingStateRef = (patientUid: string) => bookingStates().doc(patientUid);

export type PatientBookings = BookedTime;

/** In the transaction: the patient's open bookings, to check and change them. */
export async function getPatientBookings(patientUid: string, tx: Transaction): Promise<PatientBookings> {
  const state = await readDoc(bookingStateRef(patientUid), tx);
  const docs = new Map([["patient", { ...state?.open }]]);
  return new BookedTime(
    docs,
    () => "patient",
    // Only `open` (and the stamp): the rate count and answers `book` keeps here stay as they are.
    (t, _key, open, stamp) => {
      const fields = { open, ...stamp };
      t.set(bookingStateRef(patientUid), fields, { mergeFields: Object.keys(fields) });
    },
  );
}
