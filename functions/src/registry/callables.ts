import { ACCOUNT_CALLABLES } from "./account";
import { ADMIN_CALLABLES } from "./admin";
import { BOOKING_CALLABLES } from "./booking";
import { CARE_CALLABLES } from "./care";
import { CLINICAL_CALLABLES } from "./clinical";
import { CONSULTATION_CALLABLES } from "./consultations";
import { CONTACT_CALLABLES } from "./contacts";
import { HEALTH_RECORDS_CALLABLES } from "./healthRecords";
import { IDENTITY_CALLABLES } from "./identity";
import { INTEROP_CALLABLES } from "./interop";
import { PHARMACY_CALLABLES } from "./pharmacy";
import { OPERATIONS_CALLABLES } from "./operations";
import { INBOUND_CALLABLES } from "./inbound";
import { CHART_CALLABLES } from "./chart";

/**
 * Every callable of the backend, one declaration each (registry/define.ts), by area. Adding a
 * callable is its handler plus one entry in its area's list; the trigger, App Check and the
 * reference follow from the entry.
 */
export const CALLABLES = [
  ...IDENTITY_CALLABLES,
  ...BOOKING_CALLABLES,
  ...CONSULTATION_CALLABLES,
  ...CLINICAL_CALLABLES,
  ...HEALTH_RECORDS_CALLABLES,
  ...ACCOUNT_CALLABLES,
  ...CONTACT_CALLABLES,
  ...PHARMACY_CALLABLES,
  ...ADMIN_CALLABLES,
  ...OPERATIONS_CALLABLES,
  ...INTEROP_CALLABLES,
  ...INBOUND_CALLABLES,
  ...CHART_CALLABLES,
  ...CARE_CALLABLES,
] as const;

export type CallableName = (typeof CALLABLES)[number]["name"];
export const CALLABLE_NAMES: readonly CallableName[] = CALLABLES.map((spec) => spec.name);
