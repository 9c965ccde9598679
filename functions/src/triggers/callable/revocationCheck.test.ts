import { beforeEach, describe, expect, it, vi } from "vitest";

// The sign-in step's one read, counted and answered here: a revocation after the token's sign-in.
const revocationReads = vi.hoisted(() => ({ count: 0 }));
vi.mock("../../repo/revocations", () => ({
  getRevocation: async () => {
    revocationReads.count += 1;
    return { at: 2_000 };
  },
}));

const { runCallable } = await import("./run");
const { CALLABLES } = await import("../../registry/callables");

const spec = (name: string) => CALLABLES.find((s) => s.name === name)!;
/** A patient's token signed in at second 1,000, before the revocation at 2,000. */
const revokedCall = (data: unknown) =>
  ({
    auth: { uid: "patient-1", token: { role: "patient", auth_time: 1_000 } },
    data,
    rawRequest: { headers: {}, ip: "127.0.0.1" },
  }) as never;
const answer = async () => "answered";

beforeEach(() => {
  revocationReads.count = 0;
});

describe("the sign-in step's revocation check (registry/define.ts revocationCheck)", () => {
  it("is skipped by listSlots alone: a public read without PHI that the rules grant without notRevoked()", () => {
    expect(CALLABLES.filter((s) => s.revocationCheck === false).map((s) => s.name)).toEqual(["listSlots"]);
  });

  it("listSlots answers a revoked token without reading revocations/{uid}", async () => {
    const input = {
      doctorUid: "doctor-1",
      from: "2026-12-01T00:00:00.000Z",
      to: "2026-12-02T00:00:00.000Z",
    };
    await expect(
      runCallable(spec("listSlots") as never, (async () => answer) as never, revokedCall(input)),
    ).resolves.toBe("answered");
    expect(revocationReads.count).toBe(0);
  });

  it("every other call reads it and refuses the revoked token before its handler runs", async () => {
    const handler = vi.fn(answer);
    const input = { doctorUid: "doctor-1", start: "2026-12-01T04:30:00.000Z", mode: "video" };
    await expect(
      runCallable(spec("book") as never, (async () => handler) as never, revokedCall(input)),
    ).rejects.toMatchObject({
      code: "unauthenticated",
      details: { reason: "signed-out" },
    });
    expect(revocationReads.count).toBe(1);
    expect(handler).not.toHaveBeenCalled();
  });
});
