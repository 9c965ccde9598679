import { z } from "zod";
import {
  doctorApplicationProfileSchema,
  healthWorkerApplicationProfileSchema,
  pharmacyApplicationProfileSchema,
} from "../profiles";
import { storedIdSchema, timestampSchema } from "./stored";

/** applications/{uid}: one per applicant, written by applyForRole and reviewApplication only. */
const applicationBase = {
  uid: storedIdSchema,
  org: storedIdSchema,
  status: z.enum(["pending", "approved", "rejected"]),
  reason: z.string().optional(),
  submittedAt: timestampSchema.optional(),
  reviewedAt: timestampSchema.optional(),
  reviewedBy: z.string().optional(),
};

export const applicationDocSchema = z.discriminatedUnion("role", [
  z.object({ ...applicationBase, role: z.literal("doctor"), doctor: doctorApplicationProfileSchema }),
  z.object({
    ...applicationBase,
    role: z.literal("pharmacist"),
    pharmacyId: storedIdSchema,
    pharmacy: pharmacyApplicationProfileSchema,
  }),
  z.object({
    ...applicationBase,
    role: z.literal("healthWorker"),
    healthWorker: healthWorkerApplicationProfileSchema,
  }),
]);
export type ApplicationDoc = z.infer<typeof applicationDocSchema>;
