import { DateTime } from "luxon";
import type { SummaryEntryInput } from "../../schemas/chart";

/** A due date lies at most this many days ahead (a pregnancy lasts about 280 days). */
export const DUE_DATE_MAX_DAYS_AHEAD = 300;

/** What is wrong with an entry given the patient and the day, as a field path and a message. */
export interface EntryProblem {
  path: string;
  message: string;
}

const plusDays = (day: string, days: number) =>
  DateTime.fromISO(day, { zone: "UTC" }).plus({ days }).toISODate() ?? day;

/**
 * The checks of a summary entry that need more than its shape (schemas/chart.ts): dates against
 * `today` (the patient's calendar day), and pregnancy only for a patient whose profile does not
 * say male. Null when the entry may be added.
 */
export function summaryEntryProblem(
  entry: SummaryEntryInput,
  patient: { sex?: string } | null,
  today: string,
): EntryProblem | null {
  switch (entry.kind) {
    case "condition":
      if (entry.since && entry.since > today)
        return { path: "entry.since", message: "must not be after today" };
      return null;
    case "pregnancy":
      if (patient?.sex === "male")
        return { path: "entry.kind", message: "pregnancy is recorded for female or other patients" };
      if (entry.dueDate && entry.dueDate < today)
        return { path: "entry.dueDate", message: "must not be before today" };
      if (entry.dueDate && entry.dueDate > plusDays(today, DUE_DATE_MAX_DAYS_AHEAD))
        return { path: "entry.dueDate", message: `must be within ${DUE_DATE_MAX_DAYS_AHEAD} days` };
      return null;
    default:
      return null;
  }
}

/** The summary as the chart shows it: every allergy, condition and medicine; the latest pregnancy and blood group. */
export interface SummaryView<E> {
  allergies: E[];
  conditions: E[];
  medications: E[];
  pregnancy: E | null;
  bloodGroup: E | null;
}

export function summaryView<E extends { kind: string }>(entries: readonly E[]): SummaryView<E> {
  const of = (kind: string) => entries.filter((e) => e.kind === kind);
  return {
    allergies: of("allergy"),
    conditions: of("condition"),
    medications: of("medication"),
    pregnancy: of("pregnancy").at(-1) ?? null,
    bloodGroup: of("bloodGroup").at(-1) ?? null,
  };
}
