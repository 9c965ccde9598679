import { chartCallable } from "./areas";
import { roles } from "./define";

/** The patient's chart for the people treating them: handlers/chart/ (docs/patient-chart.md). */
export const CHART_CALLABLES = [
  chartCallable({
    name: "getPatientChart",
    summary:
      "A patient's chart: demographics, health summary, past consultations and shared records; logged in the patient's access log.",
    who: "the treating doctor, from the booking until 14 days after the visit; a doctor under a consent covering health_summary",
    allow: { check: roles("doctor"), denied: "only doctors read a patient's chart" },
    handler: () => import("../handlers/chart/getPatientChart").then((m) => m.getPatientChart),
  }),
  chartCallable({
    name: "addHealthSummaryEntry",
    summary:
      "Adds an allergy, chronic condition, current medicine, pregnancy or blood group to a health summary, marked with who recorded it.",
    who: "the patient, to their own; the treating doctor during care, to their patient's",
    allow: {
      check: roles("patient", "doctor"),
      denied: "only patients and their doctors add to a health summary",
    },
    handler: () => import("../handlers/chart/addHealthSummaryEntry").then((m) => m.addHealthSummaryEntry),
  }),
] as const;
