import { describe, expect, it } from "vitest";
import { profileOf, profileStatusAfter } from "./userStatus";

describe("profileOf", () => {
  it("is doctors/{uid} for a doctor", () => {
    expect(profileOf("doctor", "d1", {})).toEqual({ collection: "doctors", id: "d1" });
  });
  it("is the pharmacy of a pharmacist who owns it, and nothing for one who does not", () => {
    expect(profileOf("pharmacist", "p1", { pharmacy: "ph-1" }, "p1")).toEqual({
      collection: "pharmacies",
      id: "ph-1",
    });
    expect(profileOf("pharmacist", "p2", { pharmacy: "ph-1" }, "p1")).toBeNull();
    expect(profileOf("pharmacist", "p1", {}, "p1")).toBeNull();
  });
  it("is nothing for an admin", () => {
    expect(profileOf("admin", "a1", {})).toBeNull();
  });
});

describe("profileStatusAfter", () => {
  it("suspends an approved profile and approves a suspended one again", () => {
    expect(profileStatusAfter("approved", "suspended")).toBe("suspended");
    expect(profileStatusAfter("suspended", "active")).toBe("approved");
  });
  it("leaves a profile already in the wanted state, or in any other state, alone", () => {
    expect(profileStatusAfter("suspended", "suspended")).toBeNull();
    expect(profileStatusAfter("approved", "active")).toBeNull();
    expect(profileStatusAfter("pending", "active")).toBeNull();
    expect(profileStatusAfter(undefined, "suspended")).toBeNull();
  });
});
