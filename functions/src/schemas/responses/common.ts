import { z } from "zod";

// Pieces the response schemas share. Answers are checked against these in the emulator only
// (services/callable/checkResponse.ts), so a format here is a promise the tests hold the code to.

/** An instant as the backend answers it: ISO 8601, UTC (`2026-12-01T04:30:00.000Z`). */
export const instant = z.iso.datetime({ offset: true });

/** A calendar date (`2026-12-01`), in the zone the field names. */
export const calendarDate = z.iso.date();

/** A signed link: where, and until when it works. */
export const linkSchema = z.strictObject({ url: z.string(), expiresAt: instant });

/** A page of a list: the cursor of the next page, or null after the last. */
export const nextCursor = z.string().nullable();
