import { z } from "zod";
import { ORG_TYPES } from "../identity";
import { storedIdSchema, timestampSchema } from "./stored";

/** organisations/{id}: written by functions (createOrganisation) and the seed only. */
export const organisationDocSchema = z.object({
  name: z.string(),
  type: z.enum(ORG_TYPES),
  district: z.string().optional(),
  state: z.string().optional(),
  /**
   * The clinic's postal address and phone, printed on its prescriptions (createOrganisation
   * checks them with addressSchema and phoneSchema); an unreadable one reads as absent.
   */
  address: z.record(z.string(), z.string()).optional().catch(undefined),
  phone: z.string().optional().catch(undefined),
  createdAt: timestampSchema.optional(),
  createdBy: z.string().optional(),
});
export type OrganisationDoc = z.infer<typeof organisationDocSchema>;

/**
 * organisations/{org}/members/{uid}: a membership (role, since when, suspended or not). The
 * claims remain the source of truth for access; this is what admins list and suspend.
 */
export const memberDocSchema = z.object({
  uid: storedIdSchema.optional(),
  role: z.string(),
  /** Missing on memberships written before suspension existed: active. */
  status: z.string().optional(),
  since: timestampSchema.optional(),
  statusReason: z.string().optional(),
  statusChangedAt: timestampSchema.optional(),
  statusChangedBy: z.string().optional(),
});
export type MemberDoc = z.infer<typeof memberDocSchema>;
