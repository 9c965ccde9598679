import { Timestamp } from "firebase-admin/firestore";
import { appError, invalidField } from "../../schemas/errors";
import { logger } from "firebase-functions/v2";
import { canAddToSummary } from "../../authz/chart";
import { CHART_WINDOW_DAYS, SUMMARY_MAX_ENTRIES } from "../../config/chart";
import { dayIn } from "../../domain/patients/age";
import { summaryEntryProblem } from "../../domain/patients/summary";
import type { Call } from "../../registry/define";
import { recordAction } from "../../repo/actions";
import { getDoctor } from "../../repo/doctors";
import {
  getHealthSummary,
  newSummaryEntryId,
  setHealthSummary,
  type SummaryEntryDoc,
} from "../../repo/healthSummaries";
import { getPatient } from "../../repo/patients";
import { runTransaction } from "../../repo/transaction";
import type { AddHealthSummaryEntryRequest } from "../../schemas/chart";
import { careAppointments } from "../../services/chart/careAppointments";

/** Dates in an entry are the patient's calendar days; the network's patients live in India. */
const PATIENT_ZONE = "Asia/Kolkata";

/**
 * Adds an entry to a patient's health summary (docs/patient-chart.md): the patient to their own,
 * the treating doctor during care (authz/chart.ts `canAddToSummary`) to their patient's. The
 * entry is marked with who recorded it (from the token, never the request), their role, a
 * doctor's name and appointment, and when; its audit entry is written in the same transaction.
 * A refused entry (not allowed, a date out of range, pregnancy for a male patient, a full
 * summary) writes nothing.
 */
export async function addHealthSummaryEntry({
  actor,
  input,
  now,
  origin,
}: Call<AddHealthSummaryEntryRequest>) {
  const patientUid = input.patientUid ?? actor.uid;
  const result = await runTransaction(async (tx) => {
    const appointments = patientUid === actor.uid ? [] : await careAppointments(actor.uid, patientUid, tx);
    const who = canAddToSummary(actor, patientUid, appointments, now, CHART_WINDOW_DAYS);
    if (!who)
      throw appError(
        "permission-denied",
        "not-treating-doctor",
        "only the patient, or their doctor during care, adds to their health summary",
      );
    const [profile, summary, doctor] = await Promise.all([
      getPatient(patientUid, tx),
      getHealthSummary(patientUid, tx),
      who.as === "doctor" ? getDoctor(actor.uid, tx) : Promise.resolve(null),
    ]);
    const problem = summaryEntryProblem(input.entry, profile, dayIn(now, PATIENT_ZONE));
    if (problem) throw invalidField(problem.path, problem.message);
    const entries = summary?.entries ?? [];
    if (entries.length >= SUMMARY_MAX_ENTRIES)
      throw appError(
        "failed-precondition",
        "summary-full",
        `this health summary holds its ${SUMMARY_MAX_ENTRIES} entries; no more can be added`,
      );
    const entry: SummaryEntryDoc = {
      ...input.entry,
      id: newSummaryEntryId(),
      recordedBy: actor.uid,
      recordedRole: who.as,
      recordedByName: who.as === "doctor" ? (doctor?.name ?? null) : null,
      appointmentId: who.as === "doctor" ? who.appointmentId : null,
      recordedAt: Timestamp.fromDate(now),
    };
    setHealthSummary(tx, { patientUid, entries: [...entries, entry], updatedAt: Timestamp.fromDate(now) });
    recordAction(
      tx,
      {
        action: "healthSummary.entryAdded",
        actor,
        org: who.as === "doctor" ? (actor.org ?? null) : null,
        target: { type: "healthSummary", id: patientUid },
        origin,
      },
      now,
    );
    return entry;
  });
  logger.info("healthSummary.entryAdded", { patientUid, entryId: result.id, by: result.recordedRole });
  return {
    entryId: result.id,
    kind: result.kind,
    recordedBy: result.recordedBy,
    recordedRole: result.recordedRole,
    recordedAt: result.recordedAt.toDate().toISOString(),
  };
}
