import { adminCallable } from "./areas";
import { roles } from "./define";

/**
 * Every admin callable is for a signed-in admin whose token is checked against Auth once more
 * (`checkRevoked`): besides the revocation every callable checks (services/callable/caller.ts), that
 * catches a disabled account and a revocation made outside these functions (console, scripts).
 * Which organisation an admin may act on is the handler's (services/admin/scope.ts).
 */
const admins = { checkRevoked: true, allow: { check: roles("admin"), denied: "only admins may do this" } };

/** Administration: handlers/admin/. */
export const ADMIN_CALLABLES = [
  adminCallable({
    name: "getKpis",
    summary: "KPIs of an organisation or of the platform over a period of at most 92 days.",
    who: "an admin of the organisation; a platform admin for any or all",
    ...admins,
    handler: () => import("../handlers/admin/getKpis").then((m) => m.getKpis),
  }),
  adminCallable({
    name: "exportCsv",
    summary: "Members or appointments as CSV text, ids only, at most 10,000 rows.",
    who: "an admin of the organisation; a platform admin for any (appointments: or all)",
    ...admins,
    handler: () => import("../handlers/admin/exportCsv").then((m) => m.exportCsv),
  }),
  adminCallable({
    name: "listUsers",
    summary: "Members of an organisation by role and status, a page at a time, with Auth's disabled flag.",
    who: "an admin of the organisation, or a platform admin",
    ...admins,
    handler: () => import("../handlers/admin/listUsers").then((m) => m.listUsers),
  }),
  adminCallable({
    name: "setUserStatus",
    summary:
      "Suspends or reinstates a member: membership, public profile and Auth account; a doctor's upcoming appointments are listed (dryRun), then cancelled once confirmed.",
    who: "an admin of the organisation, or a platform admin; nobody for themselves",
    ...admins,
    handler: () => import("../handlers/admin/setUserStatus").then((m) => m.setUserStatus),
  }),
  adminCallable({
    name: "readAuditLog",
    summary: "The audit log, newest first, filtered by action, actor, target and time, a page at a time.",
    who: "an admin of the organisation; a platform admin for any or all",
    ...admins,
    handler: () => import("../handlers/admin/readAuditLog").then((m) => m.readAuditLog),
  }),
] as const;
