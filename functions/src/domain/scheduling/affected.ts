import { DateTime } from "luxon";
import type { Availability, ConsultationMode } from "../../schemas/scheduling";
import { hoursOn } from "./slots";
import { boundInstant, toMinutes, WEEKDAYS } from "./wallClock";

/**
 * Which booked appointments a change of the doctor's schedule affects. Pure: the availability,
 * the appointments and `now` are arguments. An appointment still fits an availability when its
 * mode is offered and its consultation [start, end) lies inside one interval of the hours that
 * apply on its local date in the availability's timezone (leave, else the date's exception, else
 * the weekday's rule: hoursOn). The slot grid and the buffers are not asked for: an appointment
 * booked on an old grid still fits if the doctor still works then. Only appointments that have not
 * started are affected: one under way is the consultation's to end.
 */

export interface BookedAppointment {
  id: string;
  startMs: number;
  endMs: number;
  mode: ConsultationMode;
}

/** Why an appointment must be cancelled or moved. */
export type AffectReason = "leave" | "hours" | "mode" | "suspended";

export interface Affected {
  id: string;
  reason: AffectReason;
}

/** Why the appointment no longer fits the availability, or null when it still does. */
export function misfit(
  availability: Availability,
  a: Pick<BookedAppointment, "startMs" | "endMs" | "mode">,
): AffectReason | null {
  if (!availability.modes.includes(a.mode)) return "mode";
  const local = DateTime.fromMillis(a.startMs, { zone: availability.timezone });
  const date = local.toISODate()!;
  if (availability.leave.some((l) => l.from <= date && date <= l.to)) return "leave";
  const hours = hoursOn(availability, date, WEEKDAYS[local.weekday - 1]);
  const inside = hours.some(
    (h) =>
      boundInstant(local, toMinutes(h.start)) <= a.startMs &&
      a.endMs <= boundInstant(local, toMinutes(h.end)),
  );
  return inside ? null : "hours";
}

/** The appointments not yet started that the new availability leaves without hours (or mode), by start. */
export function affectedByAvailability(
  appointments: readonly BookedAppointment[],
  next: Availability,
  now: Date,
): Affected[] {
  return upcoming(appointments, now).flatMap((a) => {
    const reason = misfit(next, a);
    return reason ? [{ id: a.id, reason }] : [];
  });
}

/** A suspended doctor sees nobody: every appointment not yet started, by start. */
export function affectedBySuspension(appointments: readonly BookedAppointment[], now: Date): Affected[] {
  return upcoming(appointments, now).map((a) => ({ id: a.id, reason: "suspended" as const }));
}

function upcoming(appointments: readonly BookedAppointment[], now: Date): BookedAppointment[] {
  return appointments.filter((a) => a.startMs > now.getTime()).sort((a, b) => a.startMs - b.startMs);
}

/**
 * Did the caller acknowledge exactly these appointments? Order and repeats do not matter; one
 * missing or one extra does (the list changed since the preview).
 */
export function acknowledges(
  confirmed: readonly string[] | undefined,
  affected: readonly Affected[],
): boolean {
  const want = new Set(affected.map((a) => a.id));
  const got = new Set(confirmed ?? []);
  return want.size === got.size && [...want].every((id) => got.has(id));
}
