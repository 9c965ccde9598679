import { describe, expect, it } from "vitest";
import { formatZodError } from "../services/callable/parseRequest";
import {
  exportCsvRequestSchema,
  getKpisRequestSchema,
  listUsersRequestSchema,
  readAuditLogRequestSchema,
  setUserStatusRequestSchema,
} from "./admin";

const message = (result: { success: boolean; error?: Parameters<typeof formatZodError>[0] }) =>
  result.success ? "" : formatZodError(result.error!);

describe("getKpisRequestSchema", () => {
  it("accepts a quarter with or without an organisation", () => {
    expect(
      getKpisRequestSchema.safeParse({ from: "2026-01-01T00:00:00Z", to: "2026-04-03T00:00:00Z" }).success,
    ).toBe(true);
    expect(
      getKpisRequestSchema.safeParse({
        org: "org-1",
        from: "2026-01-01T00:00:00+05:30",
        to: "2026-01-02T00:00:00+05:30",
      }).success,
    ).toBe(true);
  });
  it("refuses more than 92 days, a reversed range and non-instants, naming the field", () => {
    expect(
      message(getKpisRequestSchema.safeParse({ from: "2026-01-01T00:00:00Z", to: "2026-04-03T00:00:01Z" })),
    ).toBe("to: a range of at most 92 days");
    expect(
      message(getKpisRequestSchema.safeParse({ from: "2026-02-01T00:00:00Z", to: "2026-01-01T00:00:00Z" })),
    ).toBe("to: must be after from");
    expect(
      message(getKpisRequestSchema.safeParse({ from: "2026-01-01", to: "2026-01-02T00:00:00Z" })),
    ).toContain("from: must be an ISO 8601 instant");
  });
  it("refuses unknown fields and bad organisation ids", () => {
    expect(
      getKpisRequestSchema.safeParse({ from: "2026-01-01T00:00:00Z", to: "2026-01-02T00:00:00Z", extra: 1 })
        .success,
    ).toBe(false);
    expect(
      message(
        getKpisRequestSchema.safeParse({
          org: "a/b",
          from: "2026-01-01T00:00:00Z",
          to: "2026-01-02T00:00:00Z",
        }),
      ),
    ).toContain("org:");
  });
});

describe("exportCsvRequestSchema", () => {
  it("takes users by role and appointments for a period", () => {
    expect(exportCsvRequestSchema.parse({ kind: "users", role: "doctor" })).toEqual({
      kind: "users",
      role: "doctor",
    });
    expect(
      exportCsvRequestSchema.safeParse({
        kind: "appointments",
        org: "o",
        from: "2026-01-01T00:00:00Z",
        to: "2026-01-31T00:00:00Z",
      }).success,
    ).toBe(true);
  });
  it("needs a bounded period for appointments, and refuses a patient role or a period on users", () => {
    expect(message(exportCsvRequestSchema.safeParse({ kind: "appointments" }))).toContain("from:");
    expect(
      message(
        exportCsvRequestSchema.safeParse({
          kind: "appointments",
          from: "2026-01-01T00:00:00Z",
          to: "2026-06-01T00:00:00Z",
        }),
      ),
    ).toBe("to: a range of at most 92 days");
    expect(exportCsvRequestSchema.safeParse({ kind: "users", role: "patient" }).success).toBe(false);
    expect(exportCsvRequestSchema.safeParse({ kind: "users", from: "2026-01-01T00:00:00Z" }).success).toBe(
      false,
    );
    expect(exportCsvRequestSchema.safeParse({ kind: "patients" }).success).toBe(false);
  });
});

describe("listUsersRequestSchema", () => {
  it("defaults the page size and bounds it", () => {
    expect(listUsersRequestSchema.parse({})).toEqual({ pageSize: 25 });
    expect(listUsersRequestSchema.safeParse({ pageSize: 101 }).success).toBe(false);
    expect(listUsersRequestSchema.safeParse({ pageSize: 0 }).success).toBe(false);
    expect(listUsersRequestSchema.safeParse({ status: "deleted" }).success).toBe(false);
  });
});

describe("setUserStatusRequestSchema", () => {
  it("needs a uid, an organisation, a status and a reason", () => {
    expect(
      setUserStatusRequestSchema.safeParse({
        uid: "u1",
        org: "o1",
        status: "suspended",
        reason: "licence lapsed",
      }).success,
    ).toBe(true);
    expect(
      message(
        setUserStatusRequestSchema.safeParse({ uid: "u1", org: "o1", status: "suspended", reason: " " }),
      ),
    ).toBe("reason: give a reason");
    expect(
      setUserStatusRequestSchema.safeParse({ uid: "u1", org: "o1", status: "deleted", reason: "xyz" })
        .success,
    ).toBe(false);
  });
});

describe("readAuditLogRequestSchema", () => {
  it("accepts known actions only and an ordered range", () => {
    expect(readAuditLogRequestSchema.parse({ action: "admin.userSuspended" })).toEqual({
      action: "admin.userSuspended",
      pageSize: 50,
    });
    expect(readAuditLogRequestSchema.safeParse({ action: "admin.everything" }).success).toBe(false);
    expect(
      message(
        readAuditLogRequestSchema.safeParse({ from: "2026-02-01T00:00:00Z", to: "2026-01-01T00:00:00Z" }),
      ),
    ).toBe("to: must be after from");
  });
});
