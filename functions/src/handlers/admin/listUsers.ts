import { logger } from "firebase-functions";
import type { CallableRequest } from "firebase-functions/v2/https";
import { recordAudit } from "../../repo/audit";
import { membersPage } from "../../repo/members";
import { listUsersRequestSchema } from "../../schemas/admin";
import { requestOrigin } from "../context";
import { parseRequest } from "../errors";
import { requireAdmin, resolveScope } from "./access";

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
export async function listUsers(
  request: CallableRequest<unknown>,
  now = new Date(),
): Promise<{ org: string; users: UserView[]; nextCursor: string | null }> {
  const actor = await requireAdmin(request);
  const input = parseRequest(listUsersRequestSchema, request.data);
  const org = (await resolveScope(actor, input.org, { platformWide: false }))!;
  const page = await membersPage(
    org,
    { role: input.role, status: input.status },
    input.pageSize,
    input.cursor,
  );
  await recordAudit(
    {
      action: "admin.usersListed",
      actor,
      org,
      target: { type: "organisation", id: org },
      origin: requestOrigin(request),
    },
    now,
  );
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
