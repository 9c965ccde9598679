import { appError } from "../../schemas/errors";
import { logger } from "firebase-functions/v2";
import { chartAccess } from "../../authz/chart";
import { canReadClinical, recordAccess } from "../../authz/clinical";
import { CHART_MAX_CONSULTATIONS, CHART_MAX_RECORDS, CHART_WINDOW_DAYS } from "../../config/chart";
import { ageAt } from "../../domain/patients/age";
import { summaryView } from "../../domain/patients/summary";
import type { Call } from "../../registry/define";
import { findClinicalRecordsOf } from "../../repo/clinical";
import { consentsFor } from "../../repo/consents";
import { getHealthSummary, type SummaryEntryDoc } from "../../repo/healthSummaries";
import { getPatient } from "../../repo/patients";
import { findRecordsPage, sharesOf } from "../../repo/records";
import type { GetPatientChartRequest } from "../../schemas/chart";
import { careAppointments } from "../../services/chart/careAppointments";
import { logChartRead } from "../../services/healthRecords/accessLog";

/** Ages are counted on the patient's calendar day; the network's patients live in India. */
const PATIENT_ZONE = "Asia/Kolkata";

/** An entry as the chart shows it: its fields, who recorded it and when (ISO). */
function entryView({ recordedAt, ...entry }: SummaryEntryDoc) {
  return { ...entry, recordedAt: recordedAt.toDate().toISOString() };
}

/**
 * A patient's chart for a doctor (docs/patient-chart.md): demographics (name, age today, sex,
 * language, village), the health summary, the past consultations this doctor may read and the
 * records shared with them or covered by a consent. Allowed to the treating doctor from the
 * booking until CHART_WINDOW_DAYS after the visit, or under a consent covering `health_summary`
 * (authz/chart.ts); anyone else is refused, and nothing is logged. Every chart read is written to
 * the patient's access log, with each record it listed, before the chart is answered.
 */
export async function getPatientChart({ actor, input, now }: Call<GetPatientChartRequest>) {
  const { patientUid } = input;
  const [appointments, consents] = await Promise.all([
    careAppointments(actor.uid, patientUid),
    consentsFor(patientUid, actor),
  ]);
  const access = chartAccess(actor, patientUid, appointments, consents, now, CHART_WINDOW_DAYS);
  if (!access || access.basis === "owner")
    throw appError(
      "permission-denied",
      "chart-not-open",
      "you may read this patient's chart only during their care with you or under their consent",
    );
  const [profile, summary, clinical, recordsPage] = await Promise.all([
    getPatient(patientUid),
    getHealthSummary(patientUid),
    findClinicalRecordsOf(patientUid, CHART_MAX_CONSULTATIONS),
    findRecordsPage(patientUid, {}, CHART_MAX_RECORDS),
  ]);
  const consultations = clinical.filter((record) =>
    canReadClinical(actor, record, "clinical_note", consents, now),
  );
  const records = recordsPage.items.flatMap((record) => {
    const recordAccessed = recordAccess(actor, { ...record, shares: sharesOf(record) }, consents, now);
    return recordAccessed ? [{ record, access: recordAccessed }] : [];
  });
  await logChartRead(
    actor,
    patientUid,
    access,
    records.map(({ record, access: a }) => ({ patientUid, recordId: record.id, access: a })),
    now,
  );
  logger.info("chart.read", { patientUid, doctorUid: actor.uid, basis: access.basis });
  return {
    patientUid,
    access:
      access.basis === "care"
        ? { basis: "care", appointmentId: access.appointmentId, until: access.until.toISOString() }
        : { basis: "consent", consentId: access.consentId },
    demographics: {
      name: profile?.name ?? null,
      age: profile?.dateOfBirth ? ageAt(profile.dateOfBirth, now, PATIENT_ZONE) : null,
      sex: profile?.sex ?? null,
      language: profile?.language ?? null,
      village: profile?.address?.village ?? null,
    },
    summary: summaryView((summary?.entries ?? []).map(entryView)),
    consultations: consultations.map((record) => ({
      appointmentId: record.appointmentId,
      doctorUid: record.doctorUid,
      writtenAt: record.createdAt.toDate().toISOString(),
      soap: record.soap,
      diagnoses: record.diagnoses,
      vitals: record.vitals,
    })),
    records: records.map(({ record }) => ({
      recordId: record.id,
      type: record.type,
      title: record.title,
      date: record.date,
      provider: record.provider,
      contentType: record.contentType,
    })),
  };
}
