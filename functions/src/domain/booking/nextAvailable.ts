import type { ConsultationMode } from "../../schemas/scheduling";
import type { Slot } from "../scheduling/slots";

/**
 * "Next available doctor": the earliest free slots of a specialty and language across doctors,
 * as a pure function of each doctor's free slots. Pure: the caller reads the slots (through the
 * same path listSlots uses) and passes a seed.
 */

export interface DoctorSlots {
  doctorUid: string;
  /** How many booked intervals the doctor has in the window searched: the less busy go first. */
  load: number;
  slots: readonly Slot[];
}

export interface Offer {
  doctorUid: string;
  /** UTC instant, ISO 8601 (the slot's start). */
  start: string;
  startMs: number;
  localDate: string;
  localTime: string;
  timezone: string;
  mode: ConsultationMode;
}

export interface RankOptions {
  limit: number;
  /**
   * Varies the order of doctors with equal times and equal load from one request to the next
   * (a hash of the seed and the doctor), so nobody is always first.
   */
  seed: string;
  /** The modes in order of preference; a slot offering none of them is skipped. */
  modes: readonly ConsultationMode[];
}

/** FNV-1a, 32 bits: a stable, well-spread order for a seed and a doctor. */
export function rotation(seed: string, doctorUid: string): number {
  let hash = 0x811c9dc5;
  const text = `${seed}\u0000${doctorUid}`;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * The earliest `limit` offers: ordered by start; at an equal start, the doctor with fewer booked
 * intervals first, then by the seed's rotation. At most one offer per (doctor, start). An offer
 * at a later time never displaces an earlier one: fairness decides only among equal times.
 */
export function rankNextAvailable(doctors: readonly DoctorSlots[], options: RankOptions): Offer[] {
  const limit = Math.max(0, Math.floor(options.limit));
  const candidates: Array<Offer & { load: number; turn: number }> = [];
  for (const doctor of doctors) {
    const turn = rotation(options.seed, doctor.doctorUid);
    const seen = new Set<number>();
    for (const slot of doctor.slots) {
      const startMs = Date.parse(slot.start);
      if (Number.isNaN(startMs) || seen.has(startMs)) continue;
      const mode = options.modes.find((m) => slot.modes.includes(m));
      if (!mode) continue;
      seen.add(startMs);
      candidates.push({
        doctorUid: doctor.doctorUid,
        start: new Date(startMs).toISOString(),
        startMs,
        localDate: slot.localDate,
        localTime: slot.localTime,
        timezone: slot.timezone,
        mode,
        load: doctor.load,
        turn,
      });
    }
  }
  candidates.sort(
    (a, b) =>
      a.startMs - b.startMs ||
      a.load - b.load ||
      a.turn - b.turn ||
      (a.doctorUid < b.doctorUid ? -1 : a.doctorUid > b.doctorUid ? 1 : 0),
  );
  return candidates.slice(0, limit).map(({ load: _load, turn: _turn, ...offer }) => offer);
}
