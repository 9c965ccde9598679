import type { Transaction } from "firebase-admin/firestore";
import type { BookedStarts } from "../domain/booking/bookedTime";
import { availabilityDocSchema, type AvailabilityDoc } from "../schemas/documents/availability";
import { converterFor, MalformedDocumentError } from "./converter";
import { COLLECTIONS, db, readDoc } from "./firestore";

export type { AvailabilityDoc };

const availability = () =>
  db().collection(COLLECTIONS.availability).withConverter(converterFor(availabilityDocSchema));

export const availabilityRef = (doctorUid: string) => availability().doc(doctorUid);

/**
 * The doctor's availability, in the transaction when one is given. A document that does not
 * match the schema counts as none (the doctor has not published hours), as it always has:
 * nobody can book against hours the code cannot read.
 */
export async function getAvailability(doctorUid: string, tx?: Transaction): Promise<AvailabilityDoc | null> {
  try {
    return await readDoc(availabilityRef(doctorUid), tx);
  } catch (error) {
    if (error instanceof MalformedDocumentError) return null;
    throw error;
  }
}

/** Replaces the doctor's availability. */
export function setAvailability(tx: Transaction, doctorUid: string, doc: AvailabilityDoc): void {
  tx.set(availabilityRef(doctorUid), doc);
}

/** Writes the doctor's booked time (domain/booking/bookedTime.ts) onto their availability. */
export function updateBookedTime(tx: Transaction, doctorUid: string, booked: BookedStarts): void {
  tx.update(availabilityRef(doctorUid), { booked });
}

/** The doctor's status and organisation as kept on their availability (the schedule document). */
export type ScheduledDoctor = NonNullable<AvailabilityDoc["doctor"]>;

/** Writes the doctor's status and organisation onto their availability (after getAvailability found it). */
export function updateScheduledDoctor(tx: Transaction, doctorUid: string, doctor: ScheduledDoctor): void {
  tx.update(availabilityRef(doctorUid), { doctor: { status: doctor.status, org: doctor.org } });
}
