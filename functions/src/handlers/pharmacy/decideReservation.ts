import { Timestamp } from "firebase-admin/firestore";
import { recordAction } from "../../repo/actions";
import { getPharmacy } from "../../repo/pharmacies";
import { getReservation, updateReservation } from "../../repo/reservations";
import { runTransaction } from "../../repo/transaction";
import type { Call } from "../../registry/define";
import type { DecideReservationRequest } from "../../schemas/pharmacy";
import { readRecipient } from "../../services/notifications/appointmentMessages";
import { releaseHold, tellPatientAboutHold } from "../../services/pharmacy/reservations";
import { appError } from "../../schemas/errors";

/**
 * The pharmacist of the reserving pharmacy confirms a hold (the medicines are set aside) or
 * declines it (the units go back on sale at once). A reservation no longer held (declined,
 * released after its window) is refused, writing nothing. The patient is told by message, in the
 * same transaction (services/pharmacy/reservations.ts `tellPatientAboutHold`).
 */
export async function decideReservation({ actor, input, now, origin }: Call<DecideReservationRequest>) {
  if (actor.role !== "pharmacist" || !actor.pharmacy)
    throw appError("permission-denied", "role-not-allowed", "only the pharmacy's pharmacist decides");
  const pharmacy = await getPharmacy(actor.pharmacy);
  if (!pharmacy || pharmacy.status !== "approved")
    throw appError("failed-precondition", "pharmacy-not-approved", "your pharmacy is not approved");
  const status = await runTransaction(async (tx) => {
    const r = await getReservation(input.reservationId, tx);
    if (!r || r.pharmacyId !== pharmacy.id)
      throw appError("not-found", "reservation-not-found", "no such reservation");
    if (r.status !== "held" && !(r.status === "confirmed" && input.decision === "decline"))
      throw appError("failed-precondition", "reservation-closed", `this reservation is ${r.status}`);
    const recipient = await readRecipient(tx, r.patientUid);
    if (input.decision === "decline")
      await releaseHold(tx, pharmacy, input.reservationId, r, "declined", now);
    else
      updateReservation(tx, input.reservationId, { status: "confirmed", decidedAt: Timestamp.fromDate(now) });
    const action = input.decision === "decline" ? "reservation.declined" : "reservation.confirmed";
    recordAction(
      tx,
      { action, actor, org: pharmacy.org, target: { type: "reservation", id: input.reservationId }, origin },
      now,
    );
    const status = input.decision === "decline" ? "declined" : "confirmed";
    tellPatientAboutHold(tx, recipient, input.reservationId, r, pharmacy, status, now);
    return status;
  });
  return { reservationId: input.reservationId, status };
}
