import { logger } from "firebase-functions/v2";
import { getPharmacy } from "../../repo/pharmacies";
import { findExpiredReservationIds, getReservation } from "../../repo/reservations";
import { runTransaction } from "../../repo/transaction";
import { readRecipient } from "../../services/notifications/appointmentMessages";
import { releaseHold, tellPatientAboutHold } from "../../services/pharmacy/reservations";

const PAGE = 100;

/**
 * Releases every hold whose pickup window has passed, each in its own transaction (re-read there:
 * one confirmed or declined meanwhile is left alone), so one that fails (logged by id) does not
 * stop the others. The patient is told the hold lapsed, in the release's transaction. Returns how
 * many were released.
 */
export async function releaseExpiredReservations(now: Date): Promise<{ released: number; failed: number }> {
  let released = 0;
  let failed = 0;
  const ids = await findExpiredReservationIds(now, PAGE);
  for (const id of ids) {
    try {
      const done = await runTransaction(async (tx) => {
        const r = await getReservation(id, tx);
        if (!r || (r.status !== "held" && r.status !== "confirmed") || r.holdUntil.toMillis() > now.getTime())
          return false;
        const pharmacy = await getPharmacy(r.pharmacyId, tx);
        if (!pharmacy) return false;
        const recipient = await readRecipient(tx, r.patientUid);
        await releaseHold(tx, pharmacy, id, r, "released", now);
        tellPatientAboutHold(tx, recipient, id, r, pharmacy, "lapsed", now);
        return true;
      });
      if (done) released += 1;
    } catch (error) {
      failed += 1;
      logger.error("reservation.releaseFailed", {
        reservationId: id,
        code: (error as { code?: unknown })?.code ?? null,
      });
    }
  }
  if (released || failed) logger.info("reservation.released", { released, failed });
  return { released, failed };
}
