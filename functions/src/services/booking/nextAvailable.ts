import { rankNextAvailable, type Offer } from "../../domain/booking/nextAvailable";
import type { ConsultationMode } from "../../schemas/scheduling";
import { findApprovedDoctorsBySpecialty } from "../../repo/doctors";
import { freeSlotsOf } from "./freeSlots";

/** How far ahead the search looks, and how many doctors of one specialty it reads at most. */
export const NEXT_AVAILABLE_DAYS = 14;
export const NEXT_AVAILABLE_DOCTORS = 30;

export interface NextAvailableQuery {
  specialty: string;
  /** A language the doctor speaks (a two-letter code on their profile). */
  language: string;
  limit: number;
  modes: readonly ConsultationMode[];
  /** Varies the order of doctors with equal times (services/booking: who asks, and when). */
  seed: string;
}

export type { Offer };

/**
 * The earliest free slots of a specialty and language across approved doctors, spread fairly
 * among doctors with equal times (domain/booking/nextAvailable.ts). The one service the app's
 * callable, SMS, the voice line (and health workers) use; each doctor's slots come from the path
 * listSlots uses (services/booking/freeSlots.ts), so an offer is a slot booking accepts.
 */
export async function nextAvailable(query: NextAvailableQuery, now: Date): Promise<Offer[]> {
  // The language is filtered as the doctors are read: a specialty with many doctors who do not
  // speak it never hides those who do.
  const doctors = await findApprovedDoctorsBySpecialty(query.specialty, NEXT_AVAILABLE_DOCTORS, (d) =>
    Boolean(d.languages?.includes(query.language)),
  );
  const to = new Date(now.getTime() + NEXT_AVAILABLE_DAYS * 86_400_000);
  const free = await Promise.all(
    doctors.map(async (d) => {
      const { slots, busyCount } = await freeSlotsOf(d.id, now, to, now);
      return { doctorUid: d.id, load: busyCount, slots };
    }),
  );
  return rankNextAvailable(free, { limit: query.limit, seed: query.seed, modes: query.modes });
}
