import { logger } from "firebase-functions";
import type { Call } from "../../registry/define";
import { HttpsError } from "firebase-functions/v2/https";
import { canAdministerOrg } from "../../authz/policy";
import { type SetAvailabilityRequest, type Availability } from "../../schemas/scheduling";
import { appendAudit } from "../../repo/audit";
import { availabilityRef } from "../../repo/availability";
import { db } from "../../repo/firestore";

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
  if (!isSelf && actor.role !== "admin")
    throw new HttpsError(
      "permission-denied",
      "only the doctor or an admin of their clinic sets availability",
    );
  await db().runTransaction(async (tx) => {
    const doctor = await tx.get(db().collection("doctors").doc(doctorUid));
    if (!doctor.exists) throw new HttpsError("not-found", "no such doctor");
    const org = doctor.get("org") as string;
    if (!isSelf && !canAdministerOrg(actor, org))
      throw new HttpsError(
        "permission-denied",
        "only the doctor or an admin of their clinic sets availability",
      );
    tx.set(availabilityRef(doctorUid), { ...availability, doctorUid, updatedAt: now, updatedBy: actor.uid });
    appendAudit(
      tx,
      {
        action: "availability.updated",
        actor,
        org,
        target: { type: "availability", id: doctorUid },
        origin,
      },
      now,
    );
  });
  logger.info("availability.updated", { doctorUid, by: actor.uid });
  return { doctorUid, availability };
}
