import { logger } from "firebase-functions";
import type { AuthBlockingEvent } from "firebase-functions/v2/identity";
import type { Claims } from "../../schemas/identity";
import { signUpClaims } from "../../domain/identity/actor";
import { recordAudit } from "../../repo/audit";
import { buildEvent } from "../../domain/events/events";
import { recordEvent } from "../../repo/events";

/** Every new account, by email or phone, starts as a patient. Other roles are applied for. */
export async function assignPatientRole(
  event: AuthBlockingEvent,
  now = new Date(),
): Promise<{ customClaims: Claims }> {
  const uid = event.data?.uid ?? "unknown";
  await recordAudit(
    {
      action: "user.registered",
      actor: { uid, role: "patient" },
      org: null,
      target: { type: "user", id: uid },
      origin: { ip: event.ipAddress, userAgent: event.userAgent },
    },
    now,
  );
  await recordEvent(buildEvent("user.registered", { org: null, ids: { uid }, key: uid }, now));
  logger.info("user.registered", { uid });
  return { customClaims: signUpClaims() };
}
