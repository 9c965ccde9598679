import { HttpsError } from "firebase-functions/v2/https";
import { describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";
import { parseRequest } from "../services/callable/parseRequest";
import {
  DEFAULT_REASONS,
  ERROR_REASONS,
  appError,
  fieldsOf,
  invalidField,
  refusalError,
  withReason,
  type ReasonsUnderTwoCodes,
} from "./errors";

describe("errors clients can act on", () => {
  it("appError carries the reason and the extra facts in details", () => {
    const error = appError("failed-precondition", "already-dispensed", "already dispensed", {
      at: "2026-11-29T10:00:00.000Z",
    });
    expect(error.code).toBe("failed-precondition");
    expect(error.details).toEqual({ reason: "already-dispensed", at: "2026-11-29T10:00:00.000Z" });
  });

  it("an HttpsError thrown without a reason gets its code's default, keeping its details", () => {
    const error = withReason(new HttpsError("resource-exhausted", "slow down", { retryAfterSeconds: 5 }));
    expect(error.details).toEqual({ reason: "rate-limited", retryAfterSeconds: 5 });
    expect(withReason(new HttpsError("not-found", "x")).details).toEqual({ reason: "not-found" });
    const given = appError("already-exists", "slot-taken", "taken");
    expect(withReason(given)).toBe(given);
  });

  it("each reason stands under one code of the catalogue", () => {
    expectTypeOf<ReasonsUnderTwoCodes>().toEqualTypeOf<never>();
  });

  it("every default reason is in the catalogue with the code it stands for", () => {
    for (const [code, reason] of Object.entries(DEFAULT_REASONS)) {
      expect(ERROR_REASONS).toHaveProperty(reason);
      if (!["ok", "cancelled", "out-of-range", "unimplemented", "data-loss"].includes(code))
        expect(ERROR_REASONS[reason].code).toBe(code);
    }
  });

  it("a request that fails its schema names each field and its problem in details.fields", () => {
    const schema = z.object({
      address: z.object({ pincode: z.string().regex(/^\d{6}$/, "must be a 6-digit PIN code") }),
      n: z.number(),
    });
    let caught: unknown;
    try {
      parseRequest(schema, { address: { pincode: "12" }, n: "x" });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(HttpsError);
    const error = caught as HttpsError;
    expect(error.code).toBe("invalid-argument");
    expect(error.details).toMatchObject({
      reason: "invalid-request",
      fields: [
        { path: "address.pincode", problem: "must be a 6-digit PIN code" },
        { path: "n", problem: expect.any(String) },
      ],
    });
    expect(error.message).toContain("address.pincode: must be a 6-digit PIN code");
  });

  it("invalidField names one field", () => {
    expect(invalidField("expiresAt", "must be in the future").details).toEqual({
      reason: "invalid-request",
      fields: [{ path: "expiresAt", problem: "must be in the future" }],
    });
  });

  it("refusalError keeps a pure refusal's reason and instant, and nothing else of it", () => {
    const error = refusalError({
      code: "failed-precondition",
      message: "opens at 10:20 UTC",
      reason: "consultation-not-open",
      at: "2026-11-29T10:20:00.000Z",
      ...{ ok: false },
    });
    expect(error.details).toEqual({ reason: "consultation-not-open", at: "2026-11-29T10:20:00.000Z" });
    expect(refusalError({ code: "permission-denied", message: "no" }).details).toEqual({
      reason: "forbidden",
    });
  });

  it("an invalid-argument written 'path: problem' carries it in details.fields", () => {
    expect(
      appError("invalid-argument", "mode-not-offered", "mode: this doctor offers video").details,
    ).toEqual({
      reason: "mode-not-offered",
      fields: [{ path: "mode", problem: "this doctor offers video" }],
    });
    expect(fieldsOf("a.b: x; lines[0].dose: y")).toEqual([
      { path: "a.b", problem: "x" },
      { path: "lines[0].dose", problem: "y" },
    ]);
    expect(fieldsOf("too many wrong codes; request a new code")).toEqual([]);
    expect(appError("invalid-argument", "query-too-short", "type more").details).toEqual({
      reason: "query-too-short",
    });
  });
});
