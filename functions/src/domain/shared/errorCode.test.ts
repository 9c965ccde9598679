import { describe, expect, it } from "vitest";
import { errorCode } from "./errorCode";

describe("errorCode", () => {
  it("keeps string codes, names gRPC statuses, falls back to the error's name, never the message", () => {
    expect(errorCode(Object.assign(new Error("x"), { code: "malformed-document" }))).toBe(
      "malformed-document",
    );
    expect(errorCode(Object.assign(new Error("x"), { code: 6 }))).toBe("grpc-6");
    expect(errorCode(new TypeError("phone +919812345678 is bad"))).toBe("TypeError");
    expect(errorCode(Object.assign(new Error("x"), { code: "has a space and +91 98123" }))).toBe("Error");
    expect(errorCode("a string")).toBe("error");
    expect(errorCode(null)).toBe("error");
  });
});
