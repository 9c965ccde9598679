import { logger } from "firebase-functions";
import type { AuthBlockingEvent } from "firebase-functions/v2/identity";
import { signUpClaims } from "../../domain/identity/actor";
import { recordActionOnce } from "../../repo/actions";
import type { Claims } from "../../schemas/identity";

/**
 * Every new account, by email or phone, starts as a patient. Other roles are applied for.
 *
 * The Auth user is created after this function answers, so its audit entry and event cannot share
 * a commit with it. They share one with each other instead (one batch), under ids derived from
 * the uid: a retried sign-up finds them and records nothing twice, and if the batch fails the
 * sign-up is refused (the error answers the blocking call), so no account exists without them.
 */
export async function assignPatientRole(
  event: AuthBlockingEvent,
  now = new Date(),
): Promise<{ customClaims: Claims }> {
  const uid = event.data?.uid ?? "unknown";
  const recorded = await recordActionOnce(
    {
      action: "user.registered",
      actor: { uid, role: "patient" },
      org: null,
      target: { type: "user", id: uid },
      origin: { ip: event.ipAddress, userAgent: event.userAgent },
      event: { type: "user.registered", ids: { uid }, key: uid },
    },
    now,
  );
  logger.info(recorded ? "user.registered" : "user.registered.retried", { uid });
  return { customClaims: signUpClaims() };
}
