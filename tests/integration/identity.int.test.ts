import { geohashForLocation } from "geofire-common";
import { describe, expect, it } from "vitest";
import {
  admin,
  callError,
  claimsOf,
  jwtPayload,
  phoneSignUp,
  signUp,
  waitPastSecond,
} from "../../tools/emulator-client";
import {
  auditFor,
  doctorApplication,
  makeOrg,
  orgAdmin,
  pharmacyApplication,
  platformAdmin,
} from "./fixtures";
import { trackClients } from "./clients";

const track = trackClients();

describe("sign-up", () => {
  it("gives an email user the patient role and audits the registration with ids only", async () => {
    const user = track(await signUp());
    expect((await claimsOf(user)).role).toBe("patient");
    const [entry] = await auditFor(user.user.uid, "user.registered");
    expect(entry).toMatchObject({
      actorUid: user.user.uid,
      org: null,
      target: { type: "user", id: user.user.uid },
    });
    expect(JSON.stringify(entry)).not.toContain(user.user.email!);
    expect(entry.expireAt.toMillis() - entry.at.toMillis()).toBeGreaterThan(6 * 365 * 24 * 3600 * 1000);
  });

  it("gives a phone user the patient role", async () => {
    const { idToken, uid } = await phoneSignUp(`+9197${String(Date.now()).slice(-8)}`);
    expect(jwtPayload(idToken).role).toBe("patient");
    expect((await admin().auth.getUser(uid)).customClaims).toEqual({ role: "patient" });
  });
});

describe("applyForRole", () => {
  it("refuses a signed-out caller", async () => {
    const org = await makeOrg();
    const user = track(await signUp());
    await user.auth.signOut();
    expect((await callError(user.call("applyForRole", doctorApplication(org)))).code).toBe(
      "functions/unauthenticated",
    );
  });

  it("answers invalid-argument with field messages and writes nothing", async () => {
    const org = await makeOrg();
    const user = track(await signUp());
    const error = await callError(
      user.call(
        "applyForRole",
        doctorApplication(org, { feeInr: "free", timezone: "India/Punjab", specialties: [] }),
      ),
    );
    expect(error.code).toBe("functions/invalid-argument");
    expect(error.message).toContain("doctor.feeInr:");
    expect(error.message).toContain("doctor.timezone: is not a known IANA timezone");
    expect(error.message).toContain("doctor.specialties:");
    expect((await admin().db.doc(`applications/${user.user.uid}`).get()).exists).toBe(false);
    expect(await auditFor(user.user.uid, "application.submitted")).toHaveLength(0);
  });

  it("answers not-found for an unknown organisation and writes nothing", async () => {
    const user = track(await signUp());
    expect((await callError(user.call("applyForRole", doctorApplication("org-does-not-exist")))).code).toBe(
      "functions/not-found",
    );
    expect((await admin().db.doc(`applications/${user.user.uid}`).get()).exists).toBe(false);
  });

  it("refuses a doctor applying to a pharmacy organisation", async () => {
    const org = await makeOrg("pharmacy");
    const user = track(await signUp());
    const error = await callError(user.call("applyForRole", doctorApplication(org)));
    expect(error).toEqual({
      code: "functions/failed-precondition",
      message: "a doctor cannot join an organisation of type pharmacy",
    });
  });

  it("records a pending application; a retry returns the same answer and writes nothing new", async () => {
    const org = await makeOrg();
    const user = track(await signUp());
    const request = doctorApplication(org);
    const first = await user.call("applyForRole", request);
    const again = await user.call("applyForRole", request);
    expect(again).toEqual(first);
    expect(first).toEqual({ status: "pending", role: "doctor", org });
    const stored = (await admin().db.doc(`applications/${user.user.uid}`).get()).data()!;
    expect(stored).toMatchObject({ uid: user.user.uid, role: "doctor", org, status: "pending" });
    expect(await auditFor(user.user.uid, "application.submitted")).toHaveLength(1);
  });

  it("refuses a different application while one is pending", async () => {
    const org = await makeOrg();
    const user = track(await signUp());
    await user.call("applyForRole", doctorApplication(org));
    const error = await callError(user.call("applyForRole", doctorApplication(org, { feeInr: 999 })));
    expect(error.code).toBe("functions/already-exists");
  });

  it("refuses an account that already holds a role", async () => {
    const org = await makeOrg();
    const adminUser = track(await orgAdmin(org));
    expect((await callError(adminUser.call("applyForRole", doctorApplication(org)))).code).toBe(
      "functions/failed-precondition",
    );
  });
});

describe("reviewApplication", () => {
  async function pendingDoctor(org: string) {
    const applicant = track(await signUp());
    await applicant.call("applyForRole", doctorApplication(org));
    return applicant;
  }

  it("is refused to a patient and to an admin of another organisation, leaving the application pending", async () => {
    const org = await makeOrg();
    const applicant = await pendingDoctor(org);
    const patient = track(await signUp());
    const otherAdmin = track(await orgAdmin(await makeOrg()));
    for (const caller of [patient, otherAdmin]) {
      const error = await callError(
        caller.call("reviewApplication", { applicantUid: applicant.user.uid, decision: "approve" }),
      );
      expect(error.code).toBe("functions/permission-denied");
    }
    expect((await admin().db.doc(`applications/${applicant.user.uid}`).get()).get("status")).toBe("pending");
    expect((await admin().db.doc(`doctors/${applicant.user.uid}`).get()).exists).toBe(false);
    expect((await admin().auth.getUser(applicant.user.uid)).customClaims).toEqual({ role: "patient" });
  });

  it("answers not-found for a user without an application", async () => {
    const org = await makeOrg();
    const reviewer = track(await orgAdmin(org));
    const error = await callError(
      reviewer.call("reviewApplication", { applicantUid: "no-such-user", decision: "approve" }),
    );
    expect(error.code).toBe("functions/not-found");
  });

  it("needs a reason to reject, and records it; the applicant may apply again", async () => {
    const org = await makeOrg();
    const applicant = await pendingDoctor(org);
    const reviewer = track(await orgAdmin(org));
    const noReason = await callError(
      reviewer.call("reviewApplication", { applicantUid: applicant.user.uid, decision: "reject" }),
    );
    expect(noReason.code).toBe("functions/invalid-argument");
    expect((await admin().db.doc(`applications/${applicant.user.uid}`).get()).get("status")).toBe("pending");

    const result = await reviewer.call("reviewApplication", {
      applicantUid: applicant.user.uid,
      decision: "reject",
      reason: "Registration number not found in the state council register",
    });
    expect(result).toEqual({ applicantUid: applicant.user.uid, status: "rejected", role: "doctor", org });
    const stored = (await admin().db.doc(`applications/${applicant.user.uid}`).get()).data()!;
    expect(stored).toMatchObject({
      status: "rejected",
      reviewedBy: reviewer.user.uid,
      reason: "Registration number not found in the state council register",
    });
    expect((await admin().auth.getUser(applicant.user.uid)).customClaims).toEqual({ role: "patient" });

    const approveAfterReject = await callError(
      reviewer.call("reviewApplication", { applicantUid: applicant.user.uid, decision: "approve" }),
    );
    expect(approveAfterReject.code).toBe("functions/failed-precondition");
    await expect(applicant.call("applyForRole", doctorApplication(org))).resolves.toMatchObject({
      status: "pending",
    });
  });

  it("approves a doctor: profile, membership, claims, revoked old tokens, audit", async () => {
    const org = await makeOrg();
    const applicant = await pendingDoctor(org);
    const oldToken = await applicant.user.getIdToken();
    // Revocation is recorded to the second: let the sign-in's second pass first.
    await waitPastSecond(Number((await claimsOf(applicant)).auth_time));
    const reviewer = track(await orgAdmin(org));
    await expect(
      reviewer.call("reviewApplication", { applicantUid: applicant.user.uid, decision: "approve" }),
    ).resolves.toEqual({
      applicantUid: applicant.user.uid,
      status: "approved",
      role: "doctor",
      org,
    });
    const { db, auth } = admin();
    expect((await db.doc(`doctors/${applicant.user.uid}`).get()).data()).toMatchObject({
      uid: applicant.user.uid,
      org,
      status: "approved",
      approvedBy: reviewer.user.uid,
      timezone: "Asia/Kolkata",
    });
    expect((await db.doc(`organisations/${org}/members/${applicant.user.uid}`).get()).data()).toMatchObject({
      role: "doctor",
      status: "active",
    });
    expect((await auth.getUser(applicant.user.uid)).customClaims).toEqual({ role: "doctor", org });
    await expect(auth.verifyIdToken(oldToken, true)).rejects.toMatchObject({ code: "auth/id-token-revoked" });
    const [entry] = await auditFor(applicant.user.uid, "application.approved");
    expect(entry).toMatchObject({ actorUid: reviewer.user.uid, actorRole: "admin", org });
  });

  it("approves a pharmacist with a pharmacy that has a geohash, and the pharmacy claim", async () => {
    const org = await makeOrg("pharmacy");
    const applicant = track(await signUp());
    await applicant.call("applyForRole", pharmacyApplication(org));
    const { pharmacyId } = (await admin().db.doc(`applications/${applicant.user.uid}`).get()).data()!;
    const platform = track(await platformAdmin());
    await platform.call("reviewApplication", { applicantUid: applicant.user.uid, decision: "approve" });
    const pharmacy = (await admin().db.doc(`pharmacies/${pharmacyId}`).get()).data()!;
    expect(pharmacy).toMatchObject({
      ownerUid: applicant.user.uid,
      org,
      status: "approved",
      geohash: geohashForLocation([30.901, 75.8573], 9),
    });
    expect(pharmacy.location.latitude).toBeCloseTo(30.901);
    expect((await admin().auth.getUser(applicant.user.uid)).customClaims).toEqual({
      role: "pharmacist",
      org,
      pharmacy: pharmacyId,
    });
  });

  it("gives concurrent approvals one decision: one profile, one audit entry, the same answer to all", async () => {
    const org = await makeOrg();
    const applicant = await pendingDoctor(org);
    const reviewers = [track(await orgAdmin(org)), track(await orgAdmin(org)), track(await platformAdmin())];
    const results = await Promise.all(
      Array.from({ length: 9 }, (_, i) =>
        reviewers[i % 3].call("reviewApplication", { applicantUid: applicant.user.uid, decision: "approve" }),
      ),
    );
    expect(new Set(results.map((r) => JSON.stringify(r)))).toEqual(
      new Set([
        JSON.stringify({ applicantUid: applicant.user.uid, status: "approved", role: "doctor", org }),
      ]),
    );
    expect(await auditFor(applicant.user.uid, "application.approved")).toHaveLength(1);
    expect((await admin().auth.getUser(applicant.user.uid)).customClaims).toEqual({ role: "doctor", org });
  });

  it("refuses an admin whose sessions were revoked, without waiting for the token to expire", async () => {
    const org = await makeOrg();
    const applicant = await pendingDoctor(org);
    const reviewer = track(await orgAdmin(org));
    const authTime = Number((await claimsOf(reviewer)).auth_time);
    await waitPastSecond(authTime);
    await admin().auth.revokeRefreshTokens(reviewer.user.uid);
    const error = await callError(
      reviewer.call("reviewApplication", { applicantUid: applicant.user.uid, decision: "approve" }),
    );
    expect(error.code).toBe("functions/unauthenticated");
    expect((await admin().db.doc(`applications/${applicant.user.uid}`).get()).get("status")).toBe("pending");
  });
});

describe("organisations", () => {
  it("only a platform admin creates one; it is audited", async () => {
    const orgAdminUser = track(await orgAdmin(await makeOrg()));
    const request = {
      name: "Barnala Community Clinic",
      type: "clinic",
      district: "Barnala",
      state: "Punjab",
    };
    expect((await callError(orgAdminUser.call("createOrganisation", request))).code).toBe(
      "functions/permission-denied",
    );
    const platform = track(await platformAdmin());
    const bad = await callError(platform.call("createOrganisation", { ...request, type: "hospital" }));
    expect(bad.code).toBe("functions/invalid-argument");
    const { id } = await platform.call<{ id: string }>("createOrganisation", request);
    expect((await admin().db.doc(`organisations/${id}`).get()).data()).toMatchObject({
      ...request,
      createdBy: platform.user.uid,
    });
    expect(await auditFor(id, "organisation.created")).toHaveLength(1);
  });

  it("a platform admin assigns an organisation admin, who then sees only that organisation", async () => {
    const org = await makeOrg();
    const platform = track(await platformAdmin());
    const user = track(await signUp());
    await expect(platform.call("assignOrgAdmin", { uid: user.user.uid, org })).resolves.toEqual({
      uid: user.user.uid,
      org,
      role: "admin",
    });
    expect((await admin().auth.getUser(user.user.uid)).customClaims).toEqual({ role: "admin", org });
    expect((await admin().db.doc(`organisations/${org}/members/${user.user.uid}`).get()).get("role")).toBe(
      "admin",
    );
    await user.refresh();
    const applicant = await (async () => {
      const other = await makeOrg();
      const a = track(await signUp());
      await a.call("applyForRole", doctorApplication(other));
      return a;
    })();
    const error = await callError(
      user.call("reviewApplication", { applicantUid: applicant.user.uid, decision: "approve" }),
    );
    expect(error.code).toBe("functions/permission-denied");
  });

  it("assignOrgAdmin answers not-found for an unknown user or organisation and writes nothing", async () => {
    const org = await makeOrg();
    const platform = track(await platformAdmin());
    expect((await callError(platform.call("assignOrgAdmin", { uid: "nobody-here", org }))).code).toBe(
      "functions/not-found",
    );
    const user = track(await signUp());
    expect(
      (await callError(platform.call("assignOrgAdmin", { uid: user.user.uid, org: "org-missing" }))).code,
    ).toBe("functions/not-found");
    expect((await admin().auth.getUser(user.user.uid)).customClaims).toEqual({ role: "patient" });
    expect((await admin().db.doc(`organisations/org-missing/members/${user.user.uid}`).get()).exists).toBe(
      false,
    );
  });
});
