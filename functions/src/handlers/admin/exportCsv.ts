import { logger } from "firebase-functions";
import { HttpsError } from "firebase-functions/v2/https";
import { toCsv } from "../../domain/analytics/csv";
import { findAppointmentsForExport } from "../../repo/analytics";
import type { Call } from "../../registry/define";
import { createAuditEntry } from "../../repo/audit";
import { findMembersForExport } from "../../repo/members";
import { MAX_EXPORT_ROWS, type ExportCsvRequest } from "../../schemas/admin";
import { resolveAdminScope, scopeTarget } from "../../services/admin/scope";
import { appError } from "../../schemas/errors";

export const USER_COLUMNS = ["uid", "role", "status", "since", "disabled"] as const;
export const APPOINTMENT_COLUMNS = [
  "appointmentId",
  "org",
  "status",
  "mode",
  "start",
  "end",
  "doctorUid",
  "patientUid",
] as const;

export interface CsvExport {
  kind: "users" | "appointments";
  org: string | null;
  columns: readonly string[];
  rows: number;
  csv: string;
}

/**
 * CSV text in the response (at most 10,000 rows; more is refused with resource-exhausted, ask
 * for a narrower role or period), quoted by `toCsv` with its formula guard. Audited as
 * `admin.csvExported` (target type `csv.users` / `csv.appointments`).
 *
 * - `users`: members of one organisation (uid, role, status, since, Auth `disabled`). No email
 *   or phone number: a CSV leaves the system (downloads folder, mail, a shared clinic PC) where
 *   nothing logs who reads it, and in this product a phone number identifies a person on a shared
 *   handset. Ids are enough to act on a row through listUsers / setUserStatus, which are
 *   access-checked and audited.
 * - `appointments`: those starting in [from, to) (at most 92 days) of one organisation, or of all
 *   for a platform admin with `org` omitted: ids, status, mode, start and end as ISO instants.
 *   Appointments kept after the patient deleted their account are left out (read by nobody).
 */
export async function exportCsv({ actor, input, now, origin }: Call<ExportCsvRequest>): Promise<CsvExport> {
  let result: CsvExport;
  if (input.kind === "users") {
    const org = (await resolveAdminScope(actor, input.org, { platformWide: false }))!;
    const { members, truncated } = await findMembersForExport(
      org,
      { role: input.role, status: input.status },
      MAX_EXPORT_ROWS,
    );
    if (truncated) throw tooMany("members; export one role at a time");
    const csv = toCsv(
      members.map((m) => ({
        uid: m.uid,
        role: m.role,
        status: m.status,
        since: m.since,
        disabled: m.disabled,
      })),
      USER_COLUMNS,
    );
    result = { kind: "users", org, columns: USER_COLUMNS, rows: members.length, csv };
  } else {
    const org = await resolveAdminScope(actor, input.org, { platformWide: true });
    const period = { org, fromMs: Date.parse(input.from), toMs: Date.parse(input.to) };
    const { rows, truncated } = await findAppointmentsForExport(period, MAX_EXPORT_ROWS);
    if (truncated) throw tooMany("appointments in this period; export a shorter one");
    result = {
      kind: "appointments",
      org,
      columns: APPOINTMENT_COLUMNS,
      rows: rows.length,
      csv: toCsv(rows, APPOINTMENT_COLUMNS),
    };
  }

  const target = scopeTarget(`csv.${result.kind}`, result.org);
  await createAuditEntry({ action: "admin.csvExported", actor, org: result.org, target, origin }, now);
  logger.info("admin.csvExported", { kind: result.kind, org: result.org, rows: result.rows, by: actor.uid });
  return result;
}

function tooMany(what: string): HttpsError {
  return appError(
    "resource-exhausted",
    "export-too-large",
    `more than ${MAX_EXPORT_ROWS.toLocaleString("en-US")} ${what}`,
  );
}
