import { describe, expect, it } from "vitest";
import { checkCanApply, claimsForApprovedApplication, reviewOutcome, type Application } from "./applications";

const clinic = { id: "org-1", type: "clinic" as const };
const pharmacyOrg = { id: "org-2", type: "pharmacy" as const };

describe("checkCanApply", () => {
  it("lets a patient apply as a doctor to a clinic", () => {
    expect(checkCanApply("patient", "doctor", clinic, undefined)).toBeNull();
  });
  it("lets a patient apply again after a rejection", () => {
    expect(checkCanApply("patient", "doctor", clinic, { status: "rejected" })).toBeNull();
  });
  it("refuses an account that already has another role", () => {
    expect(checkCanApply("doctor", "doctor", clinic, undefined)).toEqual({
      code: "failed-precondition",
      message: "an account with the role doctor cannot apply",
      reason: "role-conflict",
    });
    expect(checkCanApply("admin", "pharmacist", pharmacyOrg, undefined)?.code).toBe("failed-precondition");
  });
  it("refuses a doctor joining a pharmacy and a pharmacist joining a clinic", () => {
    expect(checkCanApply("patient", "doctor", pharmacyOrg, undefined)?.message).toBe(
      "a doctor cannot join an organisation of type pharmacy",
    );
    expect(checkCanApply("patient", "pharmacist", clinic, undefined)?.message).toBe(
      "a pharmacist cannot join an organisation of type clinic",
    );
  });
  it("refuses a second pending application with already-exists", () => {
    expect(checkCanApply("patient", "doctor", clinic, { status: "pending" })?.code).toBe("already-exists");
  });
  it("refuses applying after approval", () => {
    expect(checkCanApply("patient", "doctor", clinic, { status: "approved" })?.code).toBe(
      "failed-precondition",
    );
  });
});

describe("reviewOutcome", () => {
  it("applies a decision to a pending application", () => {
    expect(reviewOutcome("pending", "approve")).toEqual({ kind: "apply", status: "approved" });
    expect(reviewOutcome("pending", "reject")).toEqual({ kind: "apply", status: "rejected" });
  });
  it("treats the same decision again as a retry", () => {
    expect(reviewOutcome("approved", "approve")).toEqual({ kind: "repeat", status: "approved" });
    expect(reviewOutcome("rejected", "reject")).toEqual({ kind: "repeat", status: "rejected" });
  });
  it("refuses to reverse a decision", () => {
    expect(reviewOutcome("approved", "reject")).toEqual({
      kind: "refuse",
      message: "the application was already approved",
    });
    expect(reviewOutcome("rejected", "approve").kind).toBe("refuse");
  });
});

describe("claimsForApprovedApplication", () => {
  const base = { uid: "u1", org: "org-1", status: "approved" as const };
  it("gives a doctor their organisation", () => {
    const app = { ...base, role: "doctor", doctor: {} } as unknown as Application;
    expect(claimsForApprovedApplication(app)).toEqual({ role: "doctor", org: "org-1" });
  });
  it("gives a pharmacist their organisation and pharmacy", () => {
    const app = { ...base, role: "pharmacist", pharmacyId: "ph-9", pharmacy: {} } as unknown as Application;
    expect(claimsForApprovedApplication(app)).toEqual({ role: "pharmacist", org: "org-1", pharmacy: "ph-9" });
  });
});
