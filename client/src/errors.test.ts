import { FunctionsError } from "firebase/functions";
import { describe, expect, it } from "vitest";
import { ArogyaError, ERROR_REASON_NAMES, isReason, toArogyaError } from "./errors";
import { ERROR_MESSAGES, LANGUAGES, messageFor } from "./messages";

describe("toArogyaError", () => {
  it("reads the reason, fields and details of a refused call", () => {
    const refused = new FunctionsError("already-exists", "this slot has just been booked [409]", {
      reason: "slot-taken",
    });
    const error = toArogyaError(refused, "book");
    expect(error).toBeInstanceOf(ArogyaError);
    expect(error).toMatchObject({
      code: "already-exists",
      reason: "slot-taken",
      callable: "book",
      fields: [],
    });
    expect(error.message).toBe("this slot has just been booked");
    expect(isReason(error, "slot-taken")).toBe(true);
    expect(isReason(error, "slot-not-offered")).toBe(false);
  });

  it("keeps validation problems by field", () => {
    const fields = [{ path: "address.pincode", problem: "must be a 6-digit PIN code" }];
    const error = toArogyaError(
      new FunctionsError("invalid-argument", "address.pincode: …", { reason: "invalid-request", fields }),
    );
    expect(error.fields).toEqual(fields);
  });

  it("gives an error without a known reason the default of its code", () => {
    expect(toArogyaError(new FunctionsError("deadline-exceeded", "deadline-exceeded")).reason).toBe(
      "timeout",
    );
    expect(toArogyaError(new FunctionsError("not-found", "x", { reason: "no-such-reason" })).reason).toBe(
      "not-found",
    );
    expect(toArogyaError(new TypeError("network down"))).toMatchObject({
      code: "unknown",
      reason: "unknown",
    });
  });
});

describe("messages", () => {
  it("has a message in every language for every reason of the catalogue", () => {
    expect(Object.keys(ERROR_MESSAGES).sort()).toEqual([...ERROR_REASON_NAMES].sort());
    for (const reason of ERROR_REASON_NAMES)
      for (const language of LANGUAGES) expect(ERROR_MESSAGES[reason][language].trim()).not.toBe("");
  });

  it("writes Hindi in Devanagari and Punjabi in Gurmukhi", () => {
    for (const reason of ERROR_REASON_NAMES) {
      expect(ERROR_MESSAGES[reason].hi).toMatch(/[\u0900-\u097F]/);
      expect(ERROR_MESSAGES[reason].pa).toMatch(/[\u0A00-\u0A7F]/);
    }
  });

  it("falls back to English for another language", () => {
    expect(messageFor("slot-taken", "ta")).toBe(ERROR_MESSAGES["slot-taken"].en);
    expect(
      toArogyaError(new FunctionsError("already-exists", "x", { reason: "slot-taken" })).localized("pa"),
    ).toBe(ERROR_MESSAGES["slot-taken"].pa);
  });
});
