import { z } from "zod";
import { instant, linkSchema } from "./common";

/** What `writeClinicalRecord` answers. */
export const writeClinicalRecordResponseSchema = z.strictObject({
  appointmentId: z.string(),
  version: z.number(),
  amendment: z.boolean(),
});

/** What `issuePrescription` answers. */
export const issuePrescriptionResponseSchema = z.strictObject({
  prescriptionId: z.string(),
  verificationCode: z.string(),
  signature: z.string(),
});

/** What `prescriptionLink` answers. */
export const prescriptionLinkResponseSchema = linkSchema;

/** What `dispensePrescription` answers. */
export const dispensePrescriptionResponseSchema = z.strictObject({
  prescriptionId: z.string(),
  dispensedAt: instant,
  lines: z.array(
    z.strictObject({ line: z.number(), prescribed: z.number(), dispensed: z.number(), balance: z.number() }),
  ),
  complete: z.boolean(),
});
