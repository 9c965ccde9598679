import { Timestamp } from "firebase-admin/firestore";
import { logger } from "firebase-functions/v2";
import { allocateFefo } from "../../domain/pharmacy/fefo";
import { fillRefusal } from "../../domain/prescriptions/window";
import { getAppointment } from "../../repo/appointments";
import { recordAction } from "../../repo/actions";
import { getInventory, setStockInTransaction, type InventoryDoc } from "../../repo/inventory";
import { getPharmacy } from "../../repo/pharmacies";
import { getPrescription } from "../../repo/prescriptions";
import { createReservation, newReservationId } from "../../repo/reservations";
import { runTransaction } from "../../repo/transaction";
import type { Call } from "../../registry/define";
import type { ReserveMedicinesRequest } from "../../schemas/pharmacy";
import { pharmacyToday } from "../../services/pharmacy/managedPharmacy";
import { unitsByMedicine } from "../../services/pharmacy/reservations";
import { appError, refusalError } from "../../schemas/errors";

/** How long a pharmacy holds reserved medicines for pickup. */
export const PICKUP_WINDOW_HOURS = 24;

/**
 * A patient reserves the balance of every line of their prescription at one pharmacy (from the
 * "fill this prescription" search). One transaction reads each medicine's stock and adds the
 * units to its `held` (not for sale, out of the public in-stock answer when nothing else is left),
 * with the reservation, its audit entry, all or nothing: of patients reserving the last units at
 * once, those the stock cannot cover are refused, so nothing is oversold. The hold lasts
 * PICKUP_WINDOW_HOURS; the pharmacist confirms or declines it (decideReservation); a passed
 * window releases it (releaseExpiredReservations).
 */
export async function reserveMedicines({ actor, input, now, origin }: Call<ReserveMedicinesRequest>) {
  if (actor.role !== "patient")
    throw appError("permission-denied", "role-not-allowed", "only the patient reserves");
  const pharmacy = await getPharmacy(input.pharmacyId);
  if (!pharmacy || pharmacy.status !== "approved")
    throw appError("not-found", "pharmacy-not-found", "no such pharmacy");
  const today = pharmacyToday(pharmacy, now);
  const id = newReservationId();
  const holdUntil = Timestamp.fromMillis(now.getTime() + PICKUP_WINDOW_HOURS * 3_600_000);
  const lines = await runTransaction(
    async (tx) => {
      const rx = await getPrescription(input.prescriptionId, tx);
      if (!rx || rx.patientUid !== actor.uid)
        throw appError("not-found", "prescription-not-found", "no such prescription");
      const wanted = rx.content.lines
        .map((l, line) => ({
          line,
          medicineId: l.medicineId,
          quantity: l.quantity - (rx.dispensedQuantities?.[line] ?? 0),
        }))
        .filter((l) => l.quantity > 0);
      if (rx.status === "dispensed" || !wanted.length)
        throw appError("failed-precondition", "already-dispensed", "this prescription was dispensed already");
      // A void or expired prescription cannot be filled, so nothing is held for it.
      const appointment = await getAppointment(rx.appointmentId, tx);
      const refusal = fillRefusal(
        appointment?.status ?? null,
        Date.parse(rx.content.issuedAt),
        now.getTime(),
      );
      if (refusal) throw refusalError({ code: "failed-precondition", ...refusal });
      const unnamed = wanted.find((l) => !l.medicineId);
      if (unnamed)
        throw appError(
          "failed-precondition",
          "line-without-medicine",
          `line ${unnamed.line + 1} names no medicine of the master; ask at the counter`,
        );
      const held = wanted.map((l) => ({ line: l.line, medicineId: l.medicineId!, quantity: l.quantity }));
      const units = unitsByMedicine(held);
      const items = new Map<string, InventoryDoc>();
      for (const medicineId of units.keys()) {
        const item = await getInventory(pharmacy.id, medicineId, tx);
        const available = item
          ? allocateFefo(item.batches, units.get(medicineId)!, today, item.held ?? 0)
          : null;
        if (!item || !available?.ok)
          throw appError(
            "failed-precondition",
            "not-enough-stock",
            `${medicineId}: only ${available && !available.ok ? available.available : 0} available at this pharmacy, not ${units.get(medicineId)}`,
          );
        items.set(medicineId, item);
      }
      for (const [medicineId, item] of items)
        setStockInTransaction(
          tx,
          pharmacy,
          item,
          { batches: item.batches, held: (item.held ?? 0) + units.get(medicineId)! },
          today,
          now,
        );
      createReservation(tx, id, {
        patientUid: actor.uid,
        pharmacyId: pharmacy.id,
        prescriptionId: input.prescriptionId,
        lines: held,
        status: "held",
        holdUntil,
        createdAt: Timestamp.fromDate(now),
      });
      recordAction(
        tx,
        {
          action: "reservation.created",
          actor,
          org: pharmacy.org,
          target: { type: "reservation", id },
          origin,
        },
        now,
      );
      return held;
      // Patients racing for the last units contend on the same items: retried more than the
      // default 5 times, so each gets a clear answer rather than an aborted transaction.
    },
    { maxAttempts: 15 },
  );
  logger.info("reservation.created", { reservationId: id, pharmacyId: pharmacy.id });
  return { reservationId: id, holdUntil: holdUntil.toDate().toISOString(), lines };
}
