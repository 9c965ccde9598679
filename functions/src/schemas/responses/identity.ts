import { z } from "zod";

/** What `applyForRole` answers. */
export const applyForRoleResponseSchema = z.strictObject({
  status: z.literal("pending"),
  role: z.enum(["doctor", "pharmacist", "healthWorker"]),
  org: z.string(),
});

/** What `reviewApplication` answers. */
export const reviewApplicationResponseSchema = z.strictObject({
  applicantUid: z.string(),
  status: z.enum(["rejected", "approved"]),
  role: z.enum(["doctor", "pharmacist", "healthWorker"]),
  org: z.string(),
});

/** What `createOrganisation` answers. */
export const createOrganisationResponseSchema = z.strictObject({ id: z.string() });

/** What `assignOrgAdmin` answers. */
export const assignOrgAdminResponseSchema = z.strictObject({
  uid: z.string(),
  org: z.string(),
  role: z.literal("admin"),
});

/** What `setOrganisationContact` answers. */
export const setOrganisationContactResponseSchema = z.strictObject({ org: z.string() });
