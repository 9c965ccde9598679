import { logger } from "firebase-functions";
import type { AuthBlockingEvent } from "firebase-functions/v2/identity";
import { buildEvent } from "../../domain/events/events";
import { signUpClaims } from "../../domain/identity/actor";
import { createAuditEntry } from "../../repo/audit";
import { createEvent } from "../../repo/events";
import type { Claims } from "../../schemas/identity";

/** Every new account, by email or phone, starts as a patient. Other roles are applied for. */
export async function assignPatientRole(
  event: AuthBlockingEvent,
  now = new Date(),
): Promise<{ customClaims: Claims }> {
  const uid = event.data?.uid ?? "unknown";
  // TODO(issue 13): the audit entry and the event are two separate writes, not one transaction.
  await createAuditEntry(
    {
      action: "user.registered",
      actor: { uid, role: "patient" },
      org: null,
      target: { type: "user", id: uid },
      origin: { ip: event.ipAddress, userAgent: event.userAgent },
    },
    now,
  );
  await createEvent(buildEvent("user.registered", { org: null, ids: { uid }, key: uid }, now));
  logger.info("user.registered", { uid });
  return { customClaims: signUpClaims() };
}
