import { Timestamp, type Transaction, type UpdateData } from "firebase-admin/firestore";
import { reservationDocSchema, type ReservationDoc } from "../schemas/documents/reservations";
import { converterFor, wellFormed } from "./converter";
import { COLLECTIONS, db, readDoc } from "./firestore";

export type { ReservationDoc };

/** `reservations/{id}` (schemas/documents/reservations.ts). */
const reservations = () =>
  db().collection(COLLECTIONS.reservations).withConverter(converterFor(reservationDocSchema));

export const newReservationId = (): string => reservations().doc().id;

export function getReservation(id: string, tx?: Transaction): Promise<ReservationDoc | null> {
  return readDoc(reservations().doc(id), tx);
}

export function createReservation(tx: Transaction, id: string, reservation: ReservationDoc): void {
  tx.create(reservations().doc(id), reservation);
}

export function updateReservation(tx: Transaction, id: string, patch: UpdateData<ReservationDoc>): void {
  tx.update(reservations().doc(id), patch);
}

/** Ids of holds whose pickup window has passed (held or confirmed), oldest first, at most `limit`. */
export async function findExpiredReservationIds(now: Date, limit: number): Promise<string[]> {
  const snap = await reservations()
    .where("status", "in", ["held", "confirmed"])
    .where("holdUntil", "<=", Timestamp.fromDate(now))
    .orderBy("holdUntil")
    .limit(limit)
    .get();
  return snap.docs.filter((d) => wellFormed([d]).length === 1).map((d) => d.id);
}
