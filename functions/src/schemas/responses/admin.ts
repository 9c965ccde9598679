import { z } from "zod";
import { affectedBookingSchema, scheduleOutcomeSchema } from "./booking";
import { nextCursor } from "./common";

/** What `getKpis` answers. */
export const getKpisResponseSchema = z.strictObject({
  org: z.string().nullable(),
  from: z.string(),
  to: z.string(),
  appointments: z.strictObject({
    booked: z.number(),
    cancelled: z.number(),
    completed: z.number(),
    no_show: z.number(),
    total: z.number(),
  }),
  noShowRate: z.number().nullable(),
  consultationsPerDoctor: z.array(z.strictObject({ doctorUid: z.string(), completed: z.number() })),
  prescriptions: z.strictObject({ issued: z.number(), dispensed: z.number() }),
  stockOuts: z.strictObject({
    items: z.number(),
    pharmacies: z.array(z.strictObject({ pharmacyId: z.string(), items: z.number() })).nullable(),
  }),
  responseTimes: z.strictObject({
    bookingToConsultationStart: z.strictObject({
      count: z.number(),
      medianMinutes: z.number().nullable(),
      p90Minutes: z.number().nullable(),
    }),
    issueToDispense: z.strictObject({
      count: z.number(),
      medianMinutes: z.number().nullable(),
      p90Minutes: z.number().nullable(),
    }),
  }),
  truncated: z.array(z.string()),
});

/** What `exportCsv` answers. */
export const exportCsvResponseSchema = z.strictObject({
  kind: z.enum(["appointments", "users"]),
  org: z.string().nullable(),
  columns: z.array(z.string()).readonly(),
  rows: z.number(),
  csv: z.string(),
});

/** What `listUsers` answers. */
export const listUsersResponseSchema = z.strictObject({
  org: z.string(),
  users: z.array(
    z.strictObject({
      uid: z.string(),
      role: z.string(),
      status: z.string(),
      since: z.string().nullable(),
      disabled: z.boolean().nullable(),
    }),
  ),
  nextCursor,
});

/** What `setUserStatus` answers. */
export const setUserStatusResponseSchema = z.strictObject({
  uid: z.string(),
  org: z.string(),
  status: z.enum(["active", "suspended"]),
  changed: z.boolean(),
  profile: z.strictObject({ path: z.string(), status: z.string() }).nullable(),
  disabled: z.boolean().nullable(),
  affected: z.array(affectedBookingSchema).optional(),
  dryRun: z.boolean().optional(),
  schedule: scheduleOutcomeSchema.optional(),
});

/** What `readAuditLog` answers. */
export const readAuditLogResponseSchema = z.strictObject({
  org: z.string().nullable(),
  entries: z.array(
    z.strictObject({
      id: z.string(),
      action: z.string(),
      actorUid: z.string(),
      actorRole: z.string(),
      onBehalfOf: z.string().optional(),
      org: z.string().nullable(),
      target: z.strictObject({ type: z.string(), id: z.string() }),
      at: z.string().nullable(),
      ip: z.string().nullable(),
      userAgent: z.string().nullable(),
    }),
  ),
  nextCursor,
});
