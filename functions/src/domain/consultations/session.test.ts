import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  autoEndDecision,
  DEFAULT_AUTO_END,
  end,
  join,
  leave,
  markNoShow,
  newSession,
  noShowDecision,
  roleOf,
  start,
  type Actor,
  type ConsultationSession,
  type Role,
  type Transition,
} from "./session";

const MIN = 60_000;
const startMs = Date.parse("2026-12-01T10:30:00Z");
const endMs = startMs + 30 * MIN;
const appointment = { patientUid: "p1", doctorUid: "d1", org: "o1", startMs, endMs };
const t = (minutesFromStart: number) => startMs + minutesFromStart * MIN;

function ok(result: Transition): ConsultationSession {
  if (!result.ok) throw new Error(`expected the transition to be accepted, got: ${result.message}`);
  return result.session;
}

/** Applies steps in order, each one `minute` after the start. */
function after(
  ...steps: Array<[op: "join" | "leave" | "start" | "end", who: Actor, minute: number]>
): ConsultationSession {
  let s = newSession("a1", appointment, t(-20));
  for (const [op, who, minute] of steps) {
    if (op === "join") s = ok(join(s, who as Role, t(minute)));
    else if (op === "leave") s = ok(leave(s, who as Role, t(minute)));
    else if (op === "start") s = ok(start(s, who as Role, t(minute)));
    else s = ok(end(s, who, t(minute)));
  }
  return s;
}

describe("newSession", () => {
  it("starts `created` with nobody present", () => {
    expect(newSession("a1", appointment, t(-20))).toEqual({
      appointmentId: "a1",
      patientUid: "p1",
      doctorUid: "d1",
      org: "o1",
      startMs,
      endMs,
      status: "created",
      participants: { doctor: { present: false, joins: 0 }, patient: { present: false, joins: 0 } },
      createdAt: t(-20),
    });
  });
  it("refuses an appointment that ends before it starts", () => {
    expect(() => newSession("a1", { ...appointment, endMs: startMs }, t(-20))).toThrow(RangeError);
  });
  it("knows each uid's role", () => {
    const s = newSession("a1", appointment, t(-20));
    expect([roleOf(s, "d1"), roleOf(s, "p1"), roleOf(s, "x9")]).toEqual(["doctor", "patient", null]);
  });
});

describe("join", () => {
  it("the first join makes the session `waiting` and records the event", () => {
    const result = join(newSession("a1", appointment, t(-20)), "patient", t(-5));
    expect(result).toEqual({
      ok: true,
      session: expect.objectContaining({
        status: "waiting",
        participants: {
          patient: { present: true, joins: 1, joinedAt: t(-5) },
          doctor: { present: false, joins: 0 },
        },
      }),
      event: { type: "joined", role: "patient", at: t(-5) },
    });
    expect(ok(result).startedAt).toBeUndefined();
  });
  it("both present makes it `in_progress`, started at the second join", () => {
    const s = after(["join", "patient", -5], ["join", "doctor", 1]);
    expect(s.status).toBe("in_progress");
    expect(s.startedAt).toBe(t(1));
  });
  it("a re-join after a leave keeps the first joinedAt and counts the join", () => {
    const s = after(
      ["join", "patient", -5],
      ["join", "doctor", 0],
      ["leave", "patient", 3],
      ["join", "patient", 4],
    );
    expect(s.participants.patient).toEqual({ joinedAt: t(-5), leftAt: t(3), present: true, joins: 2 });
    expect(s.status).toBe("in_progress");
    expect(s.startedAt).toBe(t(0));
  });
  it("joining while present is a reconnect: accepted and counted", () => {
    const s = after(["join", "doctor", 0], ["join", "doctor", 1]);
    expect(s.participants.doctor).toEqual({ joinedAt: t(0), present: true, joins: 2 });
    expect(s.status).toBe("waiting");
  });
  it("is refused once the session has ended or is a no-show", () => {
    const ended = after(["join", "patient", 0], ["join", "doctor", 0], ["end", "doctor", 20]);
    expect(join(ended, "patient", t(21))).toEqual({
      ok: false,
      code: "failed-precondition",
      message: "the consultation has already ended; it cannot be joined",
    });
    const noShow = ok(markNoShow(newSession("a1", appointment, t(-20)), { absent: "both" }, t(15)));
    expect(join(noShow, "doctor", t(16))).toMatchObject({
      ok: false,
      code: "failed-precondition",
      message: expect.stringContaining("no-show"),
    });
  });
});

describe("leave", () => {
  it("does not end the session nor change its status", () => {
    const s = after(["join", "patient", 0], ["join", "doctor", 0]);
    const result = leave(s, "doctor", t(5));
    expect(result).toMatchObject({ ok: true, event: { type: "left", role: "doctor", at: t(5) } });
    expect(ok(result).status).toBe("in_progress");
    expect(ok(result).participants.doctor).toEqual({
      joinedAt: t(0),
      leftAt: t(5),
      present: false,
      joins: 1,
    });
  });
  it("the only participant leaving a waiting session leaves it waiting", () => {
    expect(after(["join", "patient", -3], ["leave", "patient", -2]).status).toBe("waiting");
  });
  it("is refused for a participant who is not present", () => {
    expect(leave(newSession("a1", appointment, t(-20)), "patient", t(0))).toEqual({
      ok: false,
      code: "failed-precondition",
      message: "the patient is not in the consultation",
    });
    expect(leave(after(["join", "doctor", 0], ["leave", "doctor", 1]), "doctor", t(2))).toMatchObject({
      ok: false,
      code: "failed-precondition",
    });
  });
  it("is refused after the end (everyone was marked gone)", () => {
    const ended = after(["join", "patient", 0], ["join", "doctor", 0], ["end", "doctor", 20]);
    expect(leave(ended, "patient", t(21))).toEqual({
      ok: false,
      code: "failed-precondition",
      message: "the consultation has already ended",
    });
  });
});

describe("start", () => {
  it("the doctor starts a waiting session once the patient has joined, even if the patient dropped", () => {
    const s = after(["join", "patient", -5], ["leave", "patient", -4], ["join", "doctor", 0]);
    expect(s.status).toBe("waiting");
    const result = start(s, "doctor", t(1));
    expect(result).toMatchObject({ ok: true, event: { type: "started", role: "doctor", at: t(1) } });
    expect(ok(result)).toMatchObject({ status: "in_progress", startedAt: t(1) });
  });
  it("is refused for the patient", () => {
    const s = after(["join", "patient", -5], ["join", "doctor", 0], ["leave", "patient", 1]);
    expect(start(s, "patient", t(2))).toEqual({
      ok: false,
      code: "permission-denied",
      message: "only the doctor can start the consultation",
    });
  });
  it("is refused while the patient has never joined (that is a no-show)", () => {
    expect(start(after(["join", "doctor", 0]), "doctor", t(1))).toEqual({
      ok: false,
      code: "failed-precondition",
      message: "the patient has not joined yet",
    });
  });
  it("is refused when the doctor is not present", () => {
    const s = after(["join", "doctor", -5], ["leave", "doctor", -4], ["join", "patient", -3]);
    expect(s.status).toBe("waiting");
    expect(start(s, "doctor", t(0))).toMatchObject({
      ok: false,
      message: "join the consultation before starting it",
    });
    expect(start(newSession("a1", appointment, t(-20)), "doctor", t(0))).toMatchObject({
      ok: false,
      code: "failed-precondition",
    });
  });
  it("is refused when already in progress, ended or a no-show", () => {
    const running = after(["join", "patient", 0], ["join", "doctor", 0]);
    expect(start(running, "doctor", t(1))).toEqual({
      ok: false,
      code: "failed-precondition",
      message: "the consultation has already started",
    });
    expect(start(ok(end(running, "doctor", t(2))), "doctor", t(3))).toMatchObject({
      ok: false,
      message: "the consultation has already ended",
    });
    const noShow = ok(markNoShow(after(["join", "doctor", 0]), { absent: "patient" }, t(15)));
    expect(start(noShow, "doctor", t(16))).toMatchObject({ ok: false, code: "failed-precondition" });
  });
});

describe("end", () => {
  it("the doctor ends an in-progress session; everyone still present is marked gone", () => {
    const s = after(["join", "patient", 0], ["join", "doctor", 0]);
    const result = end(s, "doctor", t(25));
    expect(result).toMatchObject({ ok: true, event: { type: "ended", role: "doctor", at: t(25) } });
    expect(ok(result)).toMatchObject({
      status: "ended",
      endedAt: t(25),
      endedBy: "doctor",
      participants: { doctor: { present: false, leftAt: t(25) }, patient: { present: false, leftAt: t(25) } },
    });
  });
  it("the doctor may end a waiting session in which both have joined (they never overlapped)", () => {
    const s = after(["join", "patient", -5], ["leave", "patient", -4], ["join", "doctor", 0]);
    expect(ok(end(s, "doctor", t(10))).status).toBe("ended");
  });
  it("the system may end it (see autoEndDecision)", () => {
    const s = after(
      ["join", "patient", 0],
      ["join", "doctor", 0],
      ["leave", "patient", 30],
      ["leave", "doctor", 30],
    );
    expect(end(s, "system", t(40))).toMatchObject({
      ok: true,
      session: { status: "ended", endedBy: "system" },
      event: { type: "ended", role: "system" },
    });
  });
  it("is refused for the patient", () => {
    const s = after(["join", "patient", 0], ["join", "doctor", 0]);
    expect(end(s, "patient", t(25))).toEqual({
      ok: false,
      code: "permission-denied",
      message: "only the doctor can end the consultation; leave it instead",
    });
  });
  it("is refused twice", () => {
    const ended = after(["join", "patient", 0], ["join", "doctor", 0], ["end", "doctor", 25]);
    expect(end(ended, "doctor", t(26))).toEqual({
      ok: false,
      code: "failed-precondition",
      message: "the consultation has already ended",
    });
    expect(end(ended, "system", t(26))).toMatchObject({ ok: false, code: "failed-precondition" });
  });
  it("is refused when someone never joined, which is a no-show, and after a no-show", () => {
    expect(end(newSession("a1", appointment, t(-20)), "doctor", t(0))).toMatchObject({
      ok: false,
      code: "failed-precondition",
      message: expect.stringContaining("no-show"),
    });
    expect(end(after(["join", "doctor", 0]), "doctor", t(1))).toMatchObject({
      ok: false,
      message: expect.stringContaining("the patient has not joined"),
    });
    expect(end(after(["join", "patient", 0]), "system", t(1))).toMatchObject({
      ok: false,
      message: expect.stringContaining("the doctor has not joined"),
    });
    const noShow = ok(markNoShow(newSession("a1", appointment, t(-20)), { absent: "both" }, t(15)));
    expect(end(noShow, "doctor", t(16))).toEqual({
      ok: false,
      code: "failed-precondition",
      message: "the consultation was marked as a no-show",
    });
  });
});

describe("no-show", () => {
  const grace = 10;
  it("is not decided before the grace time after the start", () => {
    const s = newSession("a1", appointment, t(-20));
    expect(noShowDecision(s, { startMs }, grace, t(-30))).toBeNull();
    expect(noShowDecision(s, { startMs }, grace, t(9.99))).toBeNull();
  });
  it("finds both absent from the end of the grace time", () => {
    expect(noShowDecision(newSession("a1", appointment, t(-20)), { startMs }, grace, t(10))).toEqual({
      absent: "both",
    });
  });
  it("finds the doctor absent", () => {
    expect(noShowDecision(after(["join", "patient", -2]), { startMs }, grace, t(11))).toEqual({
      absent: "doctor",
    });
  });
  it("finds the patient absent, even if the doctor left meanwhile", () => {
    expect(
      noShowDecision(after(["join", "doctor", 0], ["leave", "doctor", 8]), { startMs }, grace, t(11)),
    ).toEqual({ absent: "patient" });
  });
  it("is null when both joined, even if not together, and for started or final sessions", () => {
    expect(
      noShowDecision(
        after(["join", "patient", -5], ["leave", "patient", -4], ["join", "doctor", 0]),
        { startMs },
        grace,
        t(11),
      ),
    ).toBeNull();
    expect(
      noShowDecision(after(["join", "patient", 0], ["join", "doctor", 0]), { startMs }, grace, t(11)),
    ).toBeNull();
    const noShow = ok(markNoShow(newSession("a1", appointment, t(-20)), { absent: "both" }, t(15)));
    expect(noShowDecision(noShow, { startMs }, grace, t(16))).toBeNull();
  });
  it("markNoShow records the decision, marks a waiting doctor gone and logs a system event", () => {
    const s = after(["join", "doctor", 0]);
    const decision = noShowDecision(s, { startMs }, grace, t(10));
    expect(decision).toEqual({ absent: "patient" });
    const result = markNoShow(s, decision!, t(10));
    expect(result).toEqual({
      ok: true,
      session: expect.objectContaining({
        status: "no_show",
        noShow: { absent: "patient" },
        endedAt: t(10),
        endedBy: "system",
        participants: {
          doctor: { joinedAt: t(0), leftAt: t(10), present: false, joins: 1 },
          patient: { present: false, joins: 0 },
        },
      }),
      event: { type: "no_show", role: "system", at: t(10), absent: "patient" },
    });
  });
  it("markNoShow refuses a stale decision (someone joined since)", () => {
    const decidedOn = after(["join", "doctor", 0]);
    const decision = noShowDecision(decidedOn, { startMs }, grace, t(10))!;
    const now = ok(join(decidedOn, "patient", t(10)));
    expect(markNoShow(now, decision, t(10))).toMatchObject({
      ok: false,
      code: "failed-precondition",
      message: "the consultation is in progress",
    });
    const doctorStepsOut = after(["join", "doctor", 0], ["leave", "doctor", 9]);
    const patientArrives = ok(join(doctorStepsOut, "patient", t(10)));
    expect(patientArrives.status).toBe("waiting");
    expect(markNoShow(patientArrives, decision, t(11))).toEqual({
      ok: false,
      code: "failed-precondition",
      message: "the no-show no longer matches who joined; decide again",
    });
    expect(markNoShow(after(["join", "patient", 0]), { absent: "both" }, t(11))).toMatchObject({
      ok: false,
      code: "failed-precondition",
    });
  });
  it("markNoShow refuses twice and after an end", () => {
    const noShow = ok(markNoShow(newSession("a1", appointment, t(-20)), { absent: "both" }, t(15)));
    expect(markNoShow(noShow, { absent: "both" }, t(16))).toEqual({
      ok: false,
      code: "failed-precondition",
      message: "the consultation was marked as a no-show",
    });
    const ended = after(["join", "patient", 0], ["join", "doctor", 0], ["end", "doctor", 20]);
    expect(markNoShow(ended, { absent: "both" }, t(21))).toMatchObject({
      ok: false,
      message: "the consultation has already ended",
    });
  });
});

describe("autoEndDecision", () => {
  const policy = DEFAULT_AUTO_END; // idle 5 min, hard stop 60 min after the end
  const emptyAfterCall = after(
    ["join", "patient", 0],
    ["join", "doctor", 0],
    ["leave", "patient", 20],
    ["leave", "doctor", 21],
  );
  it("keeps an empty session open until the scheduled end, so a dropped call can resume", () => {
    expect(autoEndDecision(emptyAfterCall, { endMs }, policy, t(29))).toBe(false);
  });
  it("ends an empty session after the scheduled end once it has been empty for the idle time", () => {
    expect(autoEndDecision(emptyAfterCall, { endMs }, policy, t(30))).toBe(true);
    const leftLate = after(
      ["join", "patient", 0],
      ["join", "doctor", 0],
      ["leave", "patient", 31],
      ["leave", "doctor", 33],
    );
    expect(autoEndDecision(leftLate, { endMs }, policy, t(37))).toBe(false);
    expect(autoEndDecision(leftLate, { endMs }, policy, t(38))).toBe(true);
  });
  it("does not cut an overrunning call before the hard stop", () => {
    const running = after(["join", "patient", 0], ["join", "doctor", 0]);
    expect(autoEndDecision(running, { endMs }, policy, t(89))).toBe(false);
    expect(autoEndDecision(running, { endMs }, policy, t(90))).toBe(true);
  });
  it("never ends a session nobody attended (a no-show) or a final one", () => {
    expect(
      autoEndDecision(after(["join", "doctor", 0], ["leave", "doctor", 5]), { endMs }, policy, t(200)),
    ).toBe(false);
    expect(autoEndDecision(newSession("a1", appointment, t(-20)), { endMs }, policy, t(200))).toBe(false);
    expect(autoEndDecision(ok(end(emptyAfterCall, "doctor", t(25))), { endMs }, policy, t(200))).toBe(false);
  });
});

describe("invariants under any sequence of actions", () => {
  const action = fc.record({
    op: fc.constantFrom("join", "leave", "start", "end", "noShow"),
    who: fc.constantFrom<Actor>("doctor", "patient", "system"),
    dt: fc.integer({ min: 0, max: 4 * MIN }),
  });
  it("ended means both joined; no_show means someone never joined; final states are final; events match", () => {
    // `stayer` (or nobody) does not join until after the grace time, so that no-shows occur too.
    fc.assert(
      fc.property(
        fc.constantFrom<Role | null>(null, "doctor", "patient"),
        fc.array(action, { minLength: 20, maxLength: 40 }),
        (stayer, actions) => {
          let s = newSession("a1", appointment, t(-20));
          let now = t(-15);
          for (const { op, who, dt } of actions) {
            now += dt;
            const role: Role = who === "system" ? "doctor" : who;
            if (op === "join" && role === stayer && now < startMs + 15 * MIN) continue;
            const decision = noShowDecision(s, { startMs }, 10, now);
            const result =
              op === "join"
                ? join(s, role, now)
                : op === "leave"
                  ? leave(s, role, now)
                  : op === "start"
                    ? start(s, role, now)
                    : op === "end"
                      ? end(s, who, now)
                      : decision
                        ? markNoShow(s, decision, now)
                        : null;
            if (result === null) continue;
            const wasFinal = s.status === "ended" || s.status === "no_show";
            if (wasFinal) expect(result.ok).toBe(false);
            if (!result.ok) continue;
            expect(result.event.at).toBe(now);
            s = result.session;
            const { doctor, patient } = s.participants;
            if (s.status === "ended")
              expect(doctor.joinedAt !== undefined && patient.joinedAt !== undefined).toBe(true);
            if (s.status === "no_show")
              expect(doctor.joinedAt === undefined || patient.joinedAt === undefined).toBe(true);
            if (s.status === "ended" || s.status === "no_show")
              expect(doctor.present || patient.present).toBe(false);
            if (doctor.present && patient.present) expect(s.status).toBe("in_progress");
            if (s.status === "in_progress") expect(s.startedAt).toBeDefined();
            if (s.status === "created") expect(doctor.joins + patient.joins).toBe(0);
          }
        },
      ),
    );
  });
});
