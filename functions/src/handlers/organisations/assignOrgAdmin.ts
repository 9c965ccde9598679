import { getAuth } from "firebase-admin/auth";
import { logger } from "firebase-functions";
import { HttpsError, type CallableRequest } from "firebase-functions/v2/https";
import { applyRoleClaims } from "../../adapters/identity";
import { canAssignOrgAdmin } from "../../authz/policy";
import { assignOrgAdminRequestSchema } from "../../schemas/identity";
import { appendAudit } from "../../repo/audit";
import { db } from "../../repo/firestore";
import { organisationRef, setMember } from "../../repo/organisations";
import { requireActor, requestOrigin } from "../context";
import { parseRequest } from "../errors";

/** A platform admin makes an existing user the admin of an organisation. */
export async function assignOrgAdmin(
  request: CallableRequest<unknown>,
  now = new Date(),
): Promise<{ uid: string; org: string; role: "admin" }> {
  const actor = await requireActor(request, { checkRevoked: true });
  if (!canAssignOrgAdmin(actor))
    throw new HttpsError("permission-denied", "only a platform admin assigns organisation admins");
  const input = parseRequest(assignOrgAdminRequestSchema, request.data);
  const user = await getAuth()
    .getUser(input.uid)
    .catch(() => null);
  if (!user) throw new HttpsError("not-found", "no such user");
  if (user.customClaims?.role && user.customClaims.role !== "patient" && user.customClaims.role !== "admin") {
    throw new HttpsError(
      "failed-precondition",
      `a ${String(user.customClaims.role)} cannot also be an organisation admin`,
    );
  }
  await db().runTransaction(async (tx) => {
    const org = await tx.get(organisationRef(input.org));
    if (!org.exists) throw new HttpsError("not-found", `organisation ${input.org} does not exist`);
    setMember(tx, input.org, input.uid, "admin", now);
    appendAudit(
      tx,
      {
        action: "organisation.adminAssigned",
        actor,
        org: input.org,
        target: { type: "user", id: input.uid },
        origin: requestOrigin(request),
      },
      now,
    );
  });
  await applyRoleClaims(input.uid, { role: "admin", org: input.org });
  logger.info("organisation.adminAssigned", { org: input.org, uid: input.uid, by: actor.uid });
  return { uid: input.uid, org: input.org, role: "admin" };
}
