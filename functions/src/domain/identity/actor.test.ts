import { describe, expect, it } from "vitest";
import { actorFromClaims, signUpClaims } from "./actor";

describe("actorFromClaims", () => {
  it("reads role, organisation and pharmacy", () => {
    expect(actorFromClaims("u", { role: "pharmacist", org: "o", pharmacy: "p" })).toEqual({
      uid: "u",
      role: "pharmacist",
      org: "o",
      pharmacy: "p",
      platform: false,
    });
  });
  it("treats an unknown or missing role as patient", () => {
    expect(actorFromClaims("u", {}).role).toBe("patient");
    expect(actorFromClaims("u", { role: "superuser" }).role).toBe("patient");
  });
  it("grants platform scope only to admins", () => {
    expect(actorFromClaims("u", { role: "admin", platform: true }).platform).toBe(true);
    expect(actorFromClaims("u", { role: "doctor", platform: true }).platform).toBe(false);
    expect(actorFromClaims("u", { role: "admin", platform: "true" }).platform).toBe(false);
  });
  it("starts every new account as a patient", () => {
    expect(signUpClaims()).toEqual({ role: "patient" });
  });
});
