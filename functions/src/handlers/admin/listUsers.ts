import { logger } from "firebase-functions";
import type { Call } from "../../registry/define";
import { createAuditEntry } from "../../repo/audit";
import { findMembers } from "../../repo/members";
import type { ListUsersRequest } from "../../schemas/admin";
import { resolveAdminScope } from "../../services/admin/scope";

export interface UserView {
  uid: string;
  role: string;
  status: string;
  since: string | null;
  disabled: boolean | null;
}

/**
 * Members of an organisation by role and status, in uid order, a page at a time (`nextCursor`).
 * An organisation admin lists their own; a platform admin names any. Ids only: names are on the
 * doctor and pharmacy profiles the admin may read, contact details stay in Auth. Audited as
 * `admin.usersListed`.
 */
export async function listUsers({
  actor,
  input,
  now,
  origin,
}: Call<ListUsersRequest>): Promise<{ org: string; users: UserView[]; nextCursor: string | null }> {
  const org = (await resolveAdminScope(actor, input.org, { platformWide: false }))!;
  const page = await findMembers(
    org,
    { role: input.role, status: input.status },
    input.pageSize,
    input.cursor,
  );
  const target = { type: "organisation", id: org };
  await createAuditEntry({ action: "admin.usersListed", actor, org, target, origin }, now);
  logger.info("admin.usersListed", { org, by: actor.uid, count: page.members.length });
  return {
    org,
    users: page.members.map((m) => ({
      uid: m.uid,
      role: m.role,
      status: m.status,
      since: m.since?.toISOString() ?? null,
      disabled: m.disabled,
    })),
    nextCursor: page.nextCursor,
  };
}
