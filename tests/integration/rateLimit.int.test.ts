import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import type { ActionLimits } from "../../functions/src/config/rateLimits";
import { ORG_COUNTER_SHARDS } from "../../functions/src/config/rateLimits";
import type { Actor } from "../../functions/src/domain/identity/actor";
import { counterId, currentWindow } from "../../functions/src/domain/operations/rateLimit";
import { enforceRateLimit } from "../../functions/src/services/callable/rateLimit";
import { PROJECT_ID, admin } from "../../tools/emulator-client";

// The rate limiter (services/callable/rateLimit.ts) run in this process against the Firestore emulator,
// with small limits passed in: the callables in the emulator run with every limit multiplied
// by RATE_LIMIT_SCALE (functions/.env.local) so that the other suites can book freely.

const functionsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../functions");
beforeAll(() => {
  // The handlers use the functions' own firebase-admin; give it an app.
  const { getApps, initializeApp } = createRequire(path.join(functionsDir, "package.json"))(
    "firebase-admin/app",
  );
  if (!getApps().length) initializeApp({ projectId: PROJECT_ID });
});

const HOUR = 3600;
const limits = (user: number, org = 1000): ActionLimits => ({
  user: { limit: user, windowSeconds: HOUR },
  org: { limit: org, windowSeconds: HOUR },
});
const NOW = new Date("2030-01-01T10:15:00Z");
const patient = (): Actor => ({ uid: `rl-patient-${randomUUID()}`, role: "patient", platform: false });
const doctor = (org: string): Actor => ({
  uid: `rl-doctor-${randomUUID()}`,
  role: "doctor",
  org,
  platform: false,
});

async function outcome(
  promise: Promise<void>,
): Promise<"allowed" | { code: string; message: string; retryAfterSeconds: number }> {
  try {
    await promise;
    return "allowed";
  } catch (err) {
    const e = err as { code: string; message: string; details?: { retryAfterSeconds: number } };
    return { code: e.code, message: e.message, retryAfterSeconds: e.details?.retryAfterSeconds ?? NaN };
  }
}

async function countOf(id: string): Promise<number> {
  const snap = await admin().db.collection("rateLimits").doc(id).get();
  return snap.exists ? (snap.get("count") as number) : 0;
}

describe("enforceRateLimit", () => {
  it("lets a user through up to the limit, then refuses with resource-exhausted and the seconds to the window's end", async () => {
    const actor = patient();
    for (let i = 0; i < 3; i += 1)
      expect(await outcome(enforceRateLimit(actor, "booking", NOW, limits(3)))).toBe("allowed");
    const refused = await outcome(enforceRateLimit(actor, "booking", NOW, limits(3)));
    expect(refused).toEqual({
      code: "resource-exhausted",
      message: "too many booking requests from your account; try again in 2700 s",
      retryAfterSeconds: 2700,
    });
    // The refused request gave its count back.
    expect(
      await countOf(
        counterId(
          "booking",
          { kind: "user", uid: actor.uid },
          currentWindow(limits(3).user, NOW.getTime()).index,
        ),
      ),
    ).toBe(3);
  });

  it("counts each action separately, and starts again in the next window", async () => {
    const actor = patient();
    expect(await outcome(enforceRateLimit(actor, "export", NOW, limits(1)))).toBe("allowed");
    expect(await outcome(enforceRateLimit(actor, "export", NOW, limits(1)))).toMatchObject({
      code: "resource-exhausted",
    });
    expect(await outcome(enforceRateLimit(actor, "upload", NOW, limits(1)))).toBe("allowed");
    expect(
      await outcome(enforceRateLimit(actor, "export", new Date(NOW.getTime() + HOUR * 1000), limits(1))),
    ).toBe("allowed");
  });

  it("keeps the limit under a burst of concurrent calls, and gives back every refused count", async () => {
    const actor = patient();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => outcome(enforceRateLimit(actor, "videoToken", NOW, limits(5)))),
    );
    const allowed = results.filter((r) => r === "allowed").length;
    expect(allowed).toBeLessThanOrEqual(5);
    const id = counterId(
      "videoToken",
      { kind: "user", uid: actor.uid },
      currentWindow(limits(5).user, NOW.getTime()).index,
    );
    expect(await countOf(id)).toBe(allowed);
    // One after another, the rest of the window's allowance is there, and no more.
    let more = 0;
    while ((await outcome(enforceRateLimit(actor, "videoToken", NOW, limits(5)))) === "allowed") more += 1;
    expect(allowed + more).toBe(5);
  });

  it("limits an organisation across its staff, on a sharded counter", async () => {
    const org = `rl-org-${randomUUID()}`;
    const [a, b] = [doctor(org), doctor(org)];
    const orgLimits = limits(100, 4);
    const seen = [];
    for (const actor of [a, b, a, b])
      seen.push(await outcome(enforceRateLimit(actor, "prescription", NOW, orgLimits)));
    expect(seen).toEqual(["allowed", "allowed", "allowed", "allowed"]);
    expect(await outcome(enforceRateLimit(a, "prescription", NOW, orgLimits))).toMatchObject({
      code: "resource-exhausted",
      message: expect.stringContaining("from your organisation"),
    });
    // Another organisation's doctor is not affected.
    expect(
      await outcome(enforceRateLimit(doctor(`rl-org-${randomUUID()}`), "prescription", NOW, orgLimits)),
    ).toBe("allowed");
    const index = currentWindow(orgLimits.org, NOW.getTime()).index;
    const shards = await Promise.all(
      Array.from({ length: ORG_COUNTER_SHARDS }, (_, s) =>
        countOf(counterId("prescription", { kind: "org", org }, index, s)),
      ),
    );
    expect(shards.reduce((x, y) => x + y, 0)).toBe(4);
  });

  it("writes the counter with its window and TTL field (deleted an hour after the window)", async () => {
    const actor = patient();
    await enforceRateLimit(actor, "booking", NOW, limits(3));
    const window = currentWindow(limits(3).user, NOW.getTime());
    const snap = await admin()
      .db.collection("rateLimits")
      .doc(counterId("booking", { kind: "user", uid: actor.uid }, window.index))
      .get();
    expect(snap.data()).toMatchObject({ scope: "booking", subject: "user", count: 1 });
    expect(snap.get("windowStart").toMillis()).toBe(window.startMs);
    expect(snap.get("expireAt").toMillis()).toBe(window.endMs + HOUR * 1000);
  });
});

describe("booking: limited per patient in the booking's own commit (issue 18)", () => {
  it("counts every booking request, refusals included, and refuses over the limit writing nothing", async () => {
    const { bookAppointment } = await import("../../functions/src/services/booking/bookAppointment");
    const { approvedDoctor, freeSlots, makeOrg } = await import("./fixtures");
    const { signUp } = await import("../../tools/emulator-client");
    const doctor = await approvedDoctor(await makeOrg());
    const viewer = await signUp();
    const slots = await freeSlots(viewer, doctor.user.uid, 3);
    const actor = patient();
    const policy = { limit: 2, windowSeconds: HOUR };
    const book = (start: string) =>
      outcome(
        bookAppointment(
          { actor, doctorUid: doctor.user.uid, startMs: Date.parse(start), mode: "video", origin: {} },
          new Date(),
          policy,
        ).then(() => undefined),
      );
    expect(await book(slots[10].start)).toBe("allowed");
    const offGrid = new Date(Date.parse(slots[20].start) + 7 * 60_000).toISOString();
    expect(await book(offGrid)).toMatchObject({ code: "failed-precondition" });
    const refused = await book(slots[30].start);
    expect(refused).toMatchObject({
      code: "resource-exhausted",
      message: expect.stringMatching(/^too many booking requests from your account; try again in \d+ s$/),
    });
    expect((refused as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(0);
    const state = (await admin().db.doc(`bookingState/${actor.uid}`).get()).data()!;
    expect(state.rate.count).toBe(2);
    expect(Object.keys(state.open)).toHaveLength(1);
    const mine = await admin().db.collection("appointments").where("patientUid", "==", actor.uid).get();
    expect(mine.size).toBe(1);
    await Promise.all([doctor, viewer].map((c) => c.close()));
  });
});
