import { z } from "zod";
import { addressSchema, docIdSchema, idempotencyFields, phoneSchema } from "./common";
import {
  doctorApplicationProfileSchema,
  healthWorkerApplicationProfileSchema,
  pharmacyApplicationProfileSchema,
} from "./profiles";

/** `healthWorker`: a community health worker or front desk of an organisation (issue 15), approved like doctors. */
export const ROLES = ["patient", "doctor", "pharmacist", "admin", "healthWorker"] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** Custom claims on every Arogya user. `org` for doctors, pharmacists and org admins. */
export const claimsSchema = z.object({
  role: roleSchema,
  org: docIdSchema.optional(),
  pharmacy: docIdSchema.optional(),
  platform: z.literal(true).optional(),
});
export type Claims = z.infer<typeof claimsSchema>;

export const applyForRoleRequestSchema = z.discriminatedUnion("role", [
  z.strictObject({
    role: z.literal("doctor"),
    org: docIdSchema,
    doctor: doctorApplicationProfileSchema,
    ...idempotencyFields,
  }),
  z.strictObject({
    role: z.literal("pharmacist"),
    org: docIdSchema,
    pharmacy: pharmacyApplicationProfileSchema,
    ...idempotencyFields,
  }),
  z.strictObject({
    role: z.literal("healthWorker"),
    org: docIdSchema,
    healthWorker: healthWorkerApplicationProfileSchema,
    ...idempotencyFields,
  }),
]);
export type ApplyForRoleRequest = z.infer<typeof applyForRoleRequestSchema>;

export const reviewApplicationRequestSchema = z.discriminatedUnion("decision", [
  z.strictObject({ applicantUid: docIdSchema, decision: z.literal("approve") }),
  z.strictObject({
    applicantUid: docIdSchema,
    decision: z.literal("reject"),
    reason: z.string().trim().min(3, "give the applicant a reason").max(500),
  }),
]);
export type ReviewApplicationRequest = z.infer<typeof reviewApplicationRequestSchema>;

export const ORG_TYPES = ["clinic", "village", "pharmacy", "lab"] as const;

export const createOrganisationRequestSchema = z.strictObject({
  name: z.string().trim().min(2).max(120),
  type: z.enum(ORG_TYPES),
  district: z.string().trim().min(1).max(80),
  state: z.string().trim().min(1).max(80),
  /** Printed on the organisation's prescriptions, with `phone`. */
  address: addressSchema.optional(),
  phone: phoneSchema.optional(),
  ...idempotencyFields,
});
export type CreateOrganisationRequest = z.infer<typeof createOrganisationRequestSchema>;

/** An organisation's postal address and phone, printed on its prescriptions: either or both. */
export const setOrganisationContactRequestSchema = z
  .strictObject({ org: docIdSchema, address: addressSchema.optional(), phone: phoneSchema.optional() })
  .refine((r) => r.address !== undefined || r.phone !== undefined, {
    message: "give an address, a phone or both",
    path: ["address"],
  });
export type SetOrganisationContactRequest = z.infer<typeof setOrganisationContactRequestSchema>;

export const assignOrgAdminRequestSchema = z.strictObject({ uid: docIdSchema, org: docIdSchema });
export type AssignOrgAdminRequest = z.infer<typeof assignOrgAdminRequestSchema>;
