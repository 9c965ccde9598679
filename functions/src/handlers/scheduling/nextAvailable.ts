import type { Call } from "../../registry/define";
import type { NextAvailableRequest } from "../../schemas/scheduling";
import { nextAvailable as findNextAvailable, type Offer } from "../../services/booking/nextAvailable";

/**
 * The earliest free slots of a specialty whose doctor speaks a language, across approved doctors
 * (services/booking/nextAvailable.ts); each offer is then booked with `book`.
 */
export async function nextAvailable({
  actor,
  input,
  now,
}: Call<NextAvailableRequest>): Promise<{ offers: Offer[] }> {
  const offers = await findNextAvailable(
    {
      specialty: input.specialty,
      language: input.language,
      limit: input.limit,
      modes: input.mode ? [input.mode] : ["video", "in_person"],
      seed: `${actor.uid}|${now.getTime()}`,
    },
    now,
  );
  return { offers };
}
