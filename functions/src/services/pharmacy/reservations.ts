import { Timestamp } from "firebase-admin/firestore";
import { getInventory, setStockInTransaction } from "../../repo/inventory";
import type { PharmacyRow } from "../../repo/pharmacies";
import { updateReservation, type ReservationDoc } from "../../repo/reservations";
import type { Transaction } from "../../repo/transaction";
import { enqueueAppointmentMessage, type Recipient } from "../notifications/appointmentMessages";
import { pharmacyToday } from "./managedPharmacy";

/** Units a reservation holds, by medicine (a medicine on two lines counts once, summed). */
export function unitsByMedicine(lines: ReservationDoc["lines"]): Map<string, number> {
  const out = new Map<string, number>();
  for (const l of lines) out.set(l.medicineId, (out.get(l.medicineId) ?? 0) + l.quantity);
  return out;
}

/**
 * In `tx`: gives a hold's units back to the pharmacy's stock (private `held` and the public
 * in-stock answer) and closes the reservation as `status`. Reads first, then writes, as a
 * transaction must; the caller has read the reservation in `tx` and checked it still holds.
 */
export async function releaseHold(
  tx: Transaction,
  pharmacy: PharmacyRow,
  reservationId: string,
  reservation: ReservationDoc,
  status: "declined" | "released",
  now: Date,
): Promise<void> {
  const units = unitsByMedicine(reservation.lines);
  const items = await Promise.all([...units.keys()].map((m) => getInventory(pharmacy.id, m, tx)));
  const today = pharmacyToday(pharmacy, now);
  for (const item of items) {
    if (!item) continue;
    const held = Math.max(0, (item.held ?? 0) - (units.get(item.medicineId) ?? 0));
    setStockInTransaction(tx, pharmacy, item, { batches: item.batches, held }, today, now);
  }
  const at = Timestamp.fromDate(now);
  updateReservation(tx, reservationId, {
    status,
    ...(status === "declined" ? { decidedAt: at } : { releasedAt: at }),
  });
}

/** What the patient is told about their hold: set aside, declined, or lapsed. */
export type ReservationNews = "confirmed" | "declined" | "lapsed";

/**
 * In `tx`, after its reads: tells the patient what became of their hold, through the outbox, in
 * their language and on the pharmacy's clock: the pharmacy's name and the pickup time, never the
 * medicines (a message lands on a shared phone). One message per transition
 * (`reservation_{id}_{news}`); none when the patient has no proven number (`recipient` null).
 */
export function tellPatientAboutHold(
  tx: Transaction,
  recipient: Recipient | null,
  reservationId: string,
  reservation: Pick<ReservationDoc, "holdUntil">,
  pharmacy: Pick<PharmacyRow, "name" | "timezone">,
  news: ReservationNews,
  now: Date,
): boolean {
  const base = {
    id: `reservation_${reservationId}_${news}`,
    recipient,
    timezone: pharmacy.timezone,
    appointmentId: null,
  };
  const pharmacyName = pharmacy.name;
  const pickupBy = reservation.holdUntil.toDate();
  if (news === "declined")
    return enqueueAppointmentMessage(
      tx,
      { ...base, kind: "reservation.declined", vars: { pharmacyName } },
      now,
    );
  if (news === "confirmed")
    return enqueueAppointmentMessage(
      tx,
      { ...base, kind: "reservation.confirmed", vars: { pharmacyName, pickupBy } },
      now,
    );
  return enqueueAppointmentMessage(
    tx,
    { ...base, kind: "reservation.lapsed", vars: { pharmacyName, pickupBy } },
    now,
  );
}
