import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Actor } from "../domain/identity/actor";
import {
  canReadAsHelper,
  canRegisterPatients,
  careLinkId,
  checkActFor,
  checkActsForSelf,
  checkCanAttest,
  checkCanHandOver,
  checkCanRevoke,
  type CareLinkFacts,
} from "./care";

const worker: Actor = { uid: "w1", role: "healthWorker", org: "org-a", platform: false };
const otherOrgWorker: Actor = { uid: "w1", role: "healthWorker", org: "org-b", platform: false };
const holder: Actor = { uid: "h1", role: "patient", platform: false };
const patient: Actor = { uid: "p1", role: "patient", platform: false };
const doctor: Actor = { uid: "w1", role: "doctor", org: "org-a", platform: false };

const workerLink = (over: Partial<CareLinkFacts> = {}): CareLinkFacts => ({
  patientUid: "p1",
  helperUid: "w1",
  kind: "worker",
  org: "org-a",
  status: "active",
  registeredByHelper: true,
  ...over,
});
const holderLink = (over: Partial<CareLinkFacts> = {}): CareLinkFacts => ({
  patientUid: "c1",
  helperUid: "h1",
  kind: "holder",
  org: null,
  status: "active",
  registeredByHelper: true,
  ...over,
});

describe("checkActFor", () => {
  it("lets the helper of an active link act for its patient", () => {
    expect(checkActFor(worker, "p1", workerLink())).toBeNull();
    expect(checkActFor(holder, "c1", holderLink())).toBeNull();
  });
  it("refuses without a link, or with another patient's or helper's link", () => {
    expect(checkActFor(worker, "p1", null)?.code).toBe("permission-denied");
    expect(checkActFor(worker, "p2", workerLink())?.code).toBe("permission-denied");
    expect(checkActFor({ ...worker, uid: "w2" }, "p1", workerLink())?.code).toBe("permission-denied");
  });
  it("refuses a worker who moved to another organisation, or lost the role", () => {
    expect(checkActFor(otherOrgWorker, "p1", workerLink())?.code).toBe("permission-denied");
    expect(checkActFor(doctor, "p1", workerLink())?.code).toBe("permission-denied");
    expect(checkActFor({ ...holder, role: "doctor" }, "c1", holderLink())?.code).toBe("permission-denied");
  });
  it("a pending link waits for the patient; a revoked one is refused", () => {
    expect(checkActFor(worker, "p1", workerLink({ status: "pending" }))?.code).toBe("failed-precondition");
    expect(checkActFor(worker, "p1", workerLink({ status: "revoked" }))?.code).toBe("permission-denied");
  });
  it("naming yourself is a mistake, not a permission", () => {
    expect(checkActFor(patient, "p1", null)?.code).toBe("invalid-argument");
  });
  it("only an active link of the actor, in its role, ever allows (property)", () => {
    const arbActor = fc.record({
      uid: fc.constantFrom("w1", "h1", "p1", "x"),
      role: fc.constantFrom("patient", "doctor", "pharmacist", "admin", "healthWorker" as const),
      org: fc.option(fc.constantFrom("org-a", "org-b"), { nil: undefined }),
      platform: fc.boolean(),
    });
    const arbLink = fc.option(
      fc.record({
        patientUid: fc.constantFrom("p1", "c1"),
        helperUid: fc.constantFrom("w1", "h1", "x"),
        kind: fc.constantFrom("worker", "holder" as const),
        org: fc.constantFrom("org-a", "org-b", null),
        status: fc.constantFrom("pending", "active", "revoked" as const),
        registeredByHelper: fc.boolean(),
      }),
      { nil: null },
    );
    fc.assert(
      fc.property(arbActor, fc.constantFrom("p1", "c1"), arbLink, (actor, patientUid, link) => {
        if (checkActFor(actor, patientUid, link) !== null) return;
        expect(link).not.toBeNull();
        expect(link!.status).toBe("active");
        expect(link!.helperUid).toBe(actor.uid);
        expect(link!.patientUid).toBe(patientUid);
        if (link!.kind === "worker") expect([actor.role, actor.org]).toEqual(["healthWorker", link!.org]);
        else expect(actor.role).toBe("patient");
      }),
    );
  });
});

describe("checkActsForSelf", () => {
  it("a health worker always names the patient", () => {
    expect(checkActsForSelf(worker)?.code).toBe("permission-denied");
    expect(checkActsForSelf(patient)).toBeNull();
  });
});

describe("canRegisterPatients", () => {
  it("an approved health worker of an organisation only", () => {
    expect(canRegisterPatients(worker)).toBe(true);
    expect(canRegisterPatients({ ...worker, org: undefined })).toBe(false);
    expect(canRegisterPatients(patient)).toBe(false);
    expect(canRegisterPatients(doctor)).toBe(false);
  });
});

describe("checkCanAttest", () => {
  it("the worker attests for a patient they registered, while pending", () => {
    expect(checkCanAttest(worker, workerLink({ status: "pending" }))).toBeNull();
  });
  it("not for a patient with their own account, nor after a revocation", () => {
    const own = workerLink({ status: "pending", registeredByHelper: false });
    expect(checkCanAttest(worker, own)?.code).toBe("failed-precondition");
    const revoked = workerLink({ status: "pending", everRevoked: true });
    expect(checkCanAttest(worker, revoked)?.code).toBe("failed-precondition");
    expect(checkCanAttest(worker, workerLink({ status: "revoked" }))?.code).toBe("failed-precondition");
  });
  it("not without a request of theirs", () => {
    expect(checkCanAttest(worker, null)?.code).toBe("permission-denied");
    expect(checkCanAttest({ ...worker, uid: "w2" }, workerLink({ status: "pending" }))?.code).toBe(
      "permission-denied",
    );
  });
});

describe("checkCanRevoke and checkCanHandOver", () => {
  it("the patient or the helper revokes; nobody else", () => {
    expect(checkCanRevoke(patient, workerLink())).toBeNull();
    expect(checkCanRevoke(worker, workerLink())).toBeNull();
    expect(checkCanRevoke({ ...patient, uid: "p2" }, workerLink())?.code).toBe("permission-denied");
    expect(checkCanRevoke(patient, null)?.code).toBe("permission-denied");
  });
  it("only the holder of an active family link hands over", () => {
    expect(checkCanHandOver(holder, holderLink())).toBeNull();
    expect(checkCanHandOver(holder, holderLink({ status: "revoked" }))?.code).toBe("permission-denied");
    expect(checkCanHandOver({ ...holder, uid: "h2" }, holderLink())?.code).toBe("permission-denied");
    expect(checkCanHandOver(worker, workerLink())?.code).toBe("permission-denied");
  });
});

describe("canReadAsHelper (firestore.rules holdsFamilyOf)", () => {
  it("a holder reads while the family link is active; a worker never", () => {
    expect(canReadAsHelper(holder, holderLink())).toBe(true);
    expect(canReadAsHelper(holder, holderLink({ status: "revoked" }))).toBe(false);
    expect(canReadAsHelper(worker, workerLink())).toBe(false);
    expect(canReadAsHelper({ uid: "h2", role: "patient" }, holderLink())).toBe(false);
  });
  it("names links patient first", () => {
    expect(careLinkId("p1", "w1")).toBe("p1_w1");
  });
});
