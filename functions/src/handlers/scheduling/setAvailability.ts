import { Timestamp } from "firebase-admin/firestore";
import { logger } from "firebase-functions";
import { canAdministerOrg } from "../../authz/policy";
import type { Call } from "../../registry/define";
import { recordAction } from "../../repo/actions";
import { getAvailability, setAvailability as saveAvailability } from "../../repo/availability";
import { getDoctor } from "../../repo/doctors";
import { runTransaction } from "../../repo/transaction";
import type { Availability, SetAvailabilityRequest } from "../../schemas/scheduling";
import { appError } from "../../schemas/errors";

const REFUSED = "only the doctor or an admin of their clinic sets availability";

/**
 * A doctor, or an admin of the doctor's organisation, sets the doctor's availability. It
 * replaces the previous one; booked appointments stay booked (and stay busy in slot listings).
 */
export async function setAvailability({
  actor,
  input: { doctorUid, availability },
  now,
  origin,
}: Call<SetAvailabilityRequest>): Promise<{ doctorUid: string; availability: Availability }> {
  const isSelf = actor.role === "doctor" && actor.uid === doctorUid;
  if (!isSelf && actor.role !== "admin") throw appError("permission-denied", "forbidden", REFUSED);
  await runTransaction(async (tx) => {
    const [doctor, current] = await Promise.all([getDoctor(doctorUid, tx), getAvailability(doctorUid, tx)]);
    if (!doctor) throw appError("not-found", "doctor-not-found", "no such doctor");
    if (!isSelf && !canAdministerOrg(actor, doctor.org))
      throw appError("permission-denied", "forbidden", REFUSED);
    saveAvailability(tx, doctorUid, {
      ...availability,
      doctorUid,
      updatedAt: Timestamp.fromDate(now),
      updatedBy: actor.uid,
      // The booked time stays: booked appointments stay booked.
      ...(current?.booked && { booked: current.booked }),
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
  });
  logger.info("availability.updated", { doctorUid, by: actor.uid });
  return { doctorUid, availability };
}
