import { getAuth } from "firebase-admin/auth";
import { logger } from "firebase-functions";
import type { Call } from "../../registry/define";
import { recordAction } from "../../repo/actions";
import { setMember } from "../../repo/members";
import { getOrganisation } from "../../repo/organisations";
import { runTransaction } from "../../repo/transaction";
import type { AssignOrgAdminRequest } from "../../schemas/identity";
import { changeRoleClaims } from "../../services/identity/revokeSessions";
import { appError } from "../../schemas/errors";

/** A platform admin makes an existing user the admin of an organisation. */
export async function assignOrgAdmin({
  actor,
  input,
  now,
  origin,
}: Call<AssignOrgAdminRequest>): Promise<{ uid: string; org: string; role: "admin" }> {
  const user = await getAuth()
    .getUser(input.uid)
    .catch(() => null);
  if (!user) throw appError("not-found", "user-not-found", "no such user");
  if (user.customClaims?.role && user.customClaims.role !== "patient" && user.customClaims.role !== "admin") {
    throw appError(
      "failed-precondition",
      "role-conflict",
      `a ${String(user.customClaims.role)} cannot also be an organisation admin`,
    );
  }
  await runTransaction(async (tx) => {
    if (!(await getOrganisation(input.org, tx)))
      throw appError("not-found", "organisation-not-found", `organisation ${input.org} does not exist`);
    setMember(tx, input.org, input.uid, "admin", now);
    const target = { type: "user", id: input.uid };
    recordAction(tx, { action: "organisation.adminAssigned", actor, org: input.org, target, origin }, now);
  });
  await changeRoleClaims(input.uid, { role: "admin", org: input.org }, now);
  logger.info("organisation.adminAssigned", { org: input.org, uid: input.uid, by: actor.uid });
  return { uid: input.uid, org: input.org, role: "admin" };
}
