import type { Transaction } from "firebase-admin/firestore";
import type { BookedStarts } from "../domain/booking/bookedTime";
import type { HeldTime } from "../domain/booking/heldTime";
import { availabilityDocSchema, type AvailabilityDoc } from "../schemas/documents/availability";
import { converterFor, MalformedDocumentError } from "./converter";
import { COLLECTIONS, db, readDoc } from "./firestore";
import type { Versioned } from "./optimistic";

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

/** The availability as read optimistically; a malformed one counts as none, as in getAvailability. */
export function scheduleOf(read: Versioned<AvailabilityDoc>): AvailabilityDoc | null {
  try {
    return read.data();
  } catch (error) {
    if (error instanceof MalformedDocumentError) return null;
    throw error;
  }
}

/** Replaces the doctor's availability. */
export function setAvailability(tx: Transaction, doctorUid: string, doc: AvailabilityDoc): void {
  tx.set(availabilityRef(doctorUid), doc);
}

/**
 * Writes the doctor's booked time (domain/booking/bookedTime.ts) onto their availability, and their
 * held time (domain/booking/heldTime.ts) when given (a move turning its hold into booked time).
 */
export function updateBookedTime(
  tx: Transaction,
  doctorUid: string,
  booked: BookedStarts,
  held?: HeldTime,
): void {
  tx.update(availabilityRef(doctorUid), { booked, ...(held && { held }) });
}

/** Writes the doctor's held time (a hold given back). */
export function updateHeldTime(tx: Transaction, doctorUid: string, held: HeldTime): void {
  tx.update(availabilityRef(doctorUid), { held });
}

/** The doctor's status and organisation as kept on their availability (the schedule document). */
export type ScheduledDoctor = NonNullable<AvailabilityDoc["doctor"]>;

/** Writes the doctor's status and organisation onto their availability (after getAvailability found it). */
export function updateScheduledDoctor(tx: Transaction, doctorUid: string, doctor: ScheduledDoctor): void {
  tx.update(availabilityRef(doctorUid), { doctor: { status: doctor.status, org: doctor.org } });
}
