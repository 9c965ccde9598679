import { BOOKING_CALLABLES } from "./booking";
import { OPERATIONS_CALLABLES } from "./operations";

/**
 * Every callable of the backend, one declaration each (registry/define.ts), by area. Adding a
 * callable is its handler plus one entry in its area's list; the trigger, App Check and the
 * reference follow from the entry.
 */
export const CALLABLES = [...BOOKING_CALLABLES, ...OPERATIONS_CALLABLES] as const;

export type CallableName = (typeof CALLABLES)[number]["name"];
export const CALLABLE_NAMES: readonly CallableName[] = CALLABLES.map((spec) => spec.name);
