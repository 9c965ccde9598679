import { logger } from "firebase-functions";
import { buildKpis, type Kpis } from "../../domain/analytics/kpis";
import {
  countAppointmentsByStatus,
  findCompletedAppointments,
  findConsultationStarts,
  findDispensedPrescriptions,
  countPrescriptions,
  countStockOuts,
  type Period,
} from "../../repo/analytics";
import type { Call } from "../../registry/define";
import { createAuditEntry } from "../../repo/audit";
import type { GetKpisRequest } from "../../schemas/admin";
import { resolveAdminScope, scopeTarget } from "../../services/admin/scope";

/**
 * At most this many documents are read for each measured section (per-doctor counts and booking
 * response times; dispense response times). Beyond it the section is computed from the first
 * ones and named in `truncated`; the counts are exact whatever the volume.
 */
export const KPI_READ_CAP = 20_000;

/**
 * KPIs of an organisation (its admins, platform admins) or of the whole platform (platform
 * admins, `org` omitted) over [from, to), at most 92 days: appointments by status (by scheduled
 * start), the no-show rate, completed consultations per doctor, prescriptions issued and
 * dispensed in the period, items out of stock now, and median / p90 minutes from booking to the
 * consultation's start and from issue to dispense. Audited as `admin.kpisRead`.
 */
export async function getKpis({ actor, input, now, origin }: Call<GetKpisRequest>): Promise<Kpis> {
  const org = await resolveAdminScope(actor, input.org, { platformWide: true });
  const period: Period = { org, fromMs: Date.parse(input.from), toMs: Date.parse(input.to) };

  const [statusCounts, completed, prescriptions, dispensed, outs] = await Promise.all([
    countAppointmentsByStatus(period),
    findCompletedAppointments(period, KPI_READ_CAP),
    countPrescriptions(period),
    findDispensedPrescriptions(period, KPI_READ_CAP),
    countStockOuts(org),
  ]);
  // Only video appointments have a consultation session to start.
  const started = await findConsultationStarts(
    completed.rows.filter((r) => r.mode === "video").map((r) => r.appointmentId),
  );

  const kpis = buildKpis({
    org,
    fromMs: period.fromMs,
    toMs: period.toMs,
    statusCounts,
    completed: completed.rows.map((r) => ({
      doctorUid: r.doctorUid,
      bookedAtMs: r.bookedAtMs,
      consultationStartedAtMs: started.get(r.appointmentId) ?? null,
    })),
    prescriptionsIssued: prescriptions.issued,
    prescriptionsDispensed: prescriptions.dispensed,
    dispensed: dispensed.rows,
    stockOuts: outs,
    truncated: [
      ...(completed.truncated ? ["consultationsPerDoctor", "responseTimes.bookingToConsultationStart"] : []),
      ...(dispensed.truncated ? ["responseTimes.issueToDispense"] : []),
    ],
  });
  await createAuditEntry(
    { action: "admin.kpisRead", actor, org, target: scopeTarget("kpis", org), origin },
    now,
  );
  logger.info("admin.kpisRead", { org, by: actor.uid });
  return kpis;
}
