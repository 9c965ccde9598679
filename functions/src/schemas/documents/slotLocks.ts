import { z } from "zod";
import { storedIdSchema, timestampSchema } from "./stored";

/** slotLocks/{doctor}_{start}: one per bookable instant of a doctor (repo/slotLocks.ts). */
export const slotLockDocSchema = z.object({
  doctorUid: storedIdSchema,
  patientUid: storedIdSchema,
  appointmentId: storedIdSchema,
  /** Identifies one attempt: the confirming transaction checks the hold is still its own. */
  claim: z.string(),
  state: z.enum(["held", "booked"]),
  start: timestampSchema,
  heldUntil: timestampSchema,
  createdAt: timestampSchema,
});
export type SlotLockDoc = z.infer<typeof slotLockDocSchema>;
