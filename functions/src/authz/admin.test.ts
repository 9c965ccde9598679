import { describe, expect, it } from "vitest";
import type { Actor } from "../domain/identity/actor";
import { adminScope, checkSetUserStatus, type StatusTarget } from "./admin";

const orgAdmin: Actor = { uid: "admin-a", role: "admin", org: "org-a", platform: false };
const platform: Actor = { uid: "root", role: "admin", platform: true };
const orphanAdmin: Actor = { uid: "admin-x", role: "admin", platform: false };
const doctor: Actor = { uid: "doc-a", role: "doctor", org: "org-a", platform: false };

describe("adminScope", () => {
  it("gives an organisation admin their own organisation, named or not", () => {
    expect(adminScope(orgAdmin, undefined, { platformWide: true })).toEqual({ ok: true, org: "org-a" });
    expect(adminScope(orgAdmin, "org-a", { platformWide: false })).toEqual({ ok: true, org: "org-a" });
  });
  it("refuses an organisation admin another organisation", () => {
    expect(adminScope(orgAdmin, "org-b", { platformWide: true })).toEqual({
      ok: false,
      refusal: { code: "permission-denied", message: "you administer another organisation" },
    });
  });
  it("gives a platform admin any organisation, and the whole platform only where allowed", () => {
    expect(adminScope(platform, "org-b", { platformWide: false })).toEqual({ ok: true, org: "org-b" });
    expect(adminScope(platform, undefined, { platformWide: true })).toEqual({ ok: true, org: null });
    expect(adminScope(platform, undefined, { platformWide: false })).toEqual({
      ok: false,
      refusal: { code: "invalid-argument", message: "org: name the organisation" },
    });
  });
  it("refuses non-admins and an admin token without an organisation", () => {
    expect(adminScope(doctor, "org-a", { platformWide: false })).toMatchObject({
      ok: false,
      refusal: { code: "permission-denied" },
    });
    expect(adminScope(orphanAdmin, undefined, { platformWide: true })).toMatchObject({
      ok: false,
      refusal: { code: "permission-denied" },
    });
    expect(adminScope(orphanAdmin, "org-a", { platformWide: true })).toMatchObject({
      ok: false,
      refusal: { code: "permission-denied" },
    });
  });
});

describe("checkSetUserStatus", () => {
  const member = (
    uid: string,
    claims: StatusTarget["claims"],
    m: StatusTarget["member"] = { role: "doctor", status: "active" },
  ): StatusTarget => ({ uid, claims, member: m });
  it("lets an organisation admin suspend a doctor or another admin of their organisation", () => {
    expect(
      checkSetUserStatus(orgAdmin, "org-a", member("doc-a", { role: "doctor", org: "org-a" })),
    ).toBeNull();
    expect(
      checkSetUserStatus(
        orgAdmin,
        "org-a",
        member("admin-a2", { role: "admin", org: "org-a" }, { role: "admin", status: "active" }),
      ),
    ).toBeNull();
  });
  it("refuses changing one's own status, for any admin", () => {
    expect(
      checkSetUserStatus(orgAdmin, "org-a", member("admin-a", { role: "admin", org: "org-a" }))?.message,
    ).toBe("you cannot change your own status");
    expect(
      checkSetUserStatus(platform, "org-a", member("root", { role: "admin", platform: true }))?.code,
    ).toBe("permission-denied");
  });
  it("refuses an organisation admin a platform admin, even one listed as a member", () => {
    expect(
      checkSetUserStatus(
        orgAdmin,
        "org-a",
        member("root", { role: "admin", platform: true }, { role: "admin", status: "active" }),
      ),
    ).toEqual({
      code: "permission-denied",
      message: "only a platform admin can change a platform admin's status",
      reason: "forbidden",
    });
  });
  it("refuses another organisation, whether named in the request or in the target's claims", () => {
    expect(
      checkSetUserStatus(orgAdmin, "org-b", member("doc-b", { role: "doctor", org: "org-b" }))?.message,
    ).toBe("you administer another organisation");
    expect(
      checkSetUserStatus(orgAdmin, "org-a", member("doc-b", { role: "doctor", org: "org-b" }))?.message,
    ).toBe("this user belongs to another organisation");
    expect(
      checkSetUserStatus(platform, "org-a", member("doc-b", { role: "doctor", org: "org-b" }))?.code,
    ).toBe("permission-denied");
  });
  it("answers not-found for someone who is not a member", () => {
    expect(checkSetUserStatus(orgAdmin, "org-a", member("patient", { role: "patient" }, null))).toEqual({
      code: "not-found",
      message: "no such member of this organisation",
      reason: "member-not-found",
    });
  });
  it("lets a platform admin act in any organisation", () => {
    expect(
      checkSetUserStatus(platform, "org-b", member("doc-b", { role: "doctor", org: "org-b" })),
    ).toBeNull();
  });
});
