import { Timestamp } from "firebase-admin/firestore";
import { logger } from "firebase-functions";
import { appError } from "../../schemas/errors";
import { canAdministerOrg } from "../../authz/policy";
import { affectedByAvailability } from "../../domain/scheduling/affected";
import type { Call } from "../../registry/define";
import { recordAction } from "../../repo/actions";
import { getAvailability, setAvailability as saveAvailability } from "../../repo/availability";
import { getDoctor } from "../../repo/doctors";
import { newScheduleChangeId } from "../../repo/scheduleChanges";
import { runTransaction } from "../../repo/transaction";
import type { Availability, SetAvailabilityRequest } from "../../schemas/scheduling";
import {
  affectedViews,
  applyScheduleChange,
  checkAcknowledged,
  checkBookingsUnchanged,
  checkProposals,
  upcomingAppointments,
  writeScheduleChange,
  type AffectedView,
  type ChangeOutcome,
} from "../../services/scheduling/scheduleChanges";

const REFUSED = "only the doctor or an admin of their clinic sets availability";

export interface SetAvailabilityResult {
  doctorUid: string;
  availability: Availability;
  /** The booked appointments not yet started that this availability leaves without hours (or mode). */
  affected: AffectedView[];
  dryRun: boolean;
  /** What was done to them (absent on a dry run or when none was affected). */
  schedule?: ChangeOutcome;
}

/**
 * A doctor, or an admin of the doctor's organisation, sets the doctor's availability. It
 * replaces the previous one. Booked appointments it leaves without hours (leave, an exception, a
 * removed interval or mode) are listed by a dry run (`dryRun: true`, nothing written); the change
 * itself must acknowledge exactly them (`affected.confirm`, with a reason, and optionally a new
 * time to propose for some), and then cancels or proposes for each, telling patients and the
 * doctor (services/scheduling/scheduleChanges.ts). Unaffected bookings stay booked.
 */
export async function setAvailability({
  actor,
  input: { doctorUid, availability, dryRun = false, affected: acknowledged },
  now,
  origin,
}: Call<SetAvailabilityRequest>): Promise<SetAvailabilityResult> {
  const isSelf = actor.role === "doctor" && actor.uid === doctorUid;
  if (!isSelf && actor.role !== "admin") throw appError("permission-denied", "forbidden", REFUSED);
  const upcoming = await upcomingAppointments(doctorUid, now);
  const affected = affectedByAvailability(upcoming.booked, availability, now);
  const changeId = affected.length ? newScheduleChangeId() : null;
  await runTransaction(async (tx) => {
    const [doctor, current] = await Promise.all([getDoctor(doctorUid, tx), getAvailability(doctorUid, tx)]);
    if (!doctor) throw appError("not-found", "doctor-not-found", "no such doctor");
    if (!isSelf && !canAdministerOrg(actor, doctor.org))
      throw appError("permission-denied", "other-organisation", REFUSED);
    if (dryRun) return;
    checkAcknowledged(acknowledged?.confirm, upcoming, affected);
    checkProposals(acknowledged?.propose, affected);
    if (changeId) await checkBookingsUnchanged(doctorUid, current, upcoming, now);
    saveAvailability(tx, doctorUid, {
      ...availability,
      doctorUid,
      updatedAt: Timestamp.fromDate(now),
      updatedBy: actor.uid,
      // The booked time stays: booked appointments stay booked (those affected are handled next).
      ...(current?.booked && { booked: current.booked }),
      // So do the slots held by reschedules in flight (services/booking/slotHold.ts).
      ...(current?.held && { held: current.held }),
      // The doctor's status and organisation, which booking reads from here.
      doctor: { status: doctor.status, org: doctor.org },
    });
    recordAction(
      tx,
      {
        action: "availability.updated",
        actor,
        org: doctor.org,
        target: { type: "availability", id: doctorUid },
        origin,
      },
      now,
    );
    if (changeId)
      writeScheduleChange(
        tx,
        {
          id: changeId,
          doctorUid,
          org: doctor.org,
          timezone: availability.timezone,
          cause: "availability",
          actor,
          origin,
          reason: acknowledged!.reason,
          upcoming,
          affected,
          propose: acknowledged?.propose,
        },
        now,
      );
  });
  const views = affectedViews(upcoming, affected);
  if (dryRun) return { doctorUid, availability, affected: views, dryRun };
  logger.info("availability.updated", { doctorUid, by: actor.uid, affected: affected.length });
  const schedule = changeId ? await applyScheduleChange(changeId, now, origin) : undefined;
  return { doctorUid, availability, affected: views, dryRun, ...(schedule && { schedule }) };
}
