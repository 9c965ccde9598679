import { Timestamp } from "firebase-admin/firestore";
import { reservationDocSchema, type ReservationDoc } from "../schemas/documents/reservations";
import { wellFormed } from "./converter";
import { documents } from "./documents";
import { COLLECTIONS } from "./firestore";

export type { ReservationDoc };

/** `reservations/{id}` (schemas/documents/reservations.ts). */
const reservations = documents(COLLECTIONS.reservations, reservationDocSchema);

export const newReservationId = reservations.newId;
export const getReservation = reservations.get;
export const createReservation = reservations.create;
export const updateReservation = reservations.update;

/** Ids of holds whose pickup window has passed (held or confirmed), oldest first, at most `limit`. */
export async function findExpiredReservationIds(now: Date, limit: number): Promise<string[]> {
  const snap = await reservations
    .collection()
    .where("status", "in", ["held", "confirmed"])
    .where("holdUntil", "<=", Timestamp.fromDate(now))
    .orderBy("holdUntil")
    .limit(limit)
    .get();
  return snap.docs.filter((d) => wellFormed([d]).length === 1).map((d) => d.id);
}
