/**
 * The video consultation of one appointment, as a pure state machine. Times are epoch ms and
 * every function takes `now`; nothing here reads the clock, the environment or a database.
 *
 *   created ─join─▶ waiting ─join (both present) or start─▶ in_progress ─end─▶ ended
 *                     └──────────────────────── end ─────────────────────────────▶ ended
 *   created, waiting ─markNoShow─▶ no_show
 *
 * Rules (transitions refuse with `{ ok: false, code, message }`; they never throw):
 * - join: allowed until the session is `ended` or `no_show`. The first join moves `created` to
 *   `waiting`; when both participants are present the session is `in_progress`. Joining while
 *   already present is accepted as a reconnect (a leave the video provider never reported).
 *   `joinedAt` is the first join and is never overwritten; `joins` counts every join.
 * - leave: only a participant who is present; it never ends the session nor changes its status,
 *   and the participant may join again while the session is not ended.
 * - start: the doctor only (`permission-denied` for the patient), from `waiting`, with the doctor
 *   present and the patient having joined at least once (present or not: a dropped connection).
 *   A patient who never joined is a no-show, and start must not hide one. When both are present
 *   the session is already `in_progress`, so start is refused as "already started".
 * - end: by the doctor or by the system (see autoEndDecision), never by the patient (leaving is
 *   the patient's way out), from `waiting` or `in_progress`, and only when both participants have
 *   joined at least once. Hence the invariant: `ended` means the consultation took place,
 *   `no_show` means it did not. Ending twice is refused.
 * - markNoShow: from `created` or `waiting`, once the grace time after the start has passed and a
 *   participant never joined (noShowDecision).
 * - `ended` and `no_show` are final; both mark everyone still present as gone at `now`.
 */

export const ROLES = ["doctor", "patient"] as const;
export type Role = (typeof ROLES)[number];
export type Actor = Role | "system";

export const SESSION_STATUSES = ["created", "waiting", "in_progress", "ended", "no_show"] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export interface Participant {
  /** First join (never overwritten). */
  joinedAt?: number;
  /** Last leave. */
  leftAt?: number;
  present: boolean;
  joins: number;
}

export type Absent = "doctor" | "patient" | "both";

export interface ConsultationSession {
  appointmentId: string;
  patientUid: string;
  doctorUid: string;
  org: string;
  /** The appointment's scheduled start and end. */
  startMs: number;
  endMs: number;
  status: SessionStatus;
  participants: Record<Role, Participant>;
  createdAt: number;
  /** When it became `in_progress`. */
  startedAt?: number;
  /** When it became `ended` or `no_show`. */
  endedAt?: number;
  endedBy?: Actor;
  noShow?: { absent: Absent };
}

export type SessionEventType = "joined" | "left" | "started" | "ended" | "no_show";

/** One line of the session's events log. */
export interface SessionEvent {
  type: SessionEventType;
  role: Actor;
  at: number;
  /** no_show only. */
  absent?: Absent;
}

export interface SessionRefusal {
  ok: false;
  code: "failed-precondition" | "permission-denied";
  message: string;
}

export type Transition = { ok: true; session: ConsultationSession; event: SessionEvent } | SessionRefusal;

const MINUTE = 60_000;

const refuse = (message: string, code: SessionRefusal["code"] = "failed-precondition"): SessionRefusal => ({
  ok: false,
  code,
  message,
});

const FINAL_MESSAGES: Partial<Record<SessionStatus, string>> = {
  ended: "the consultation has already ended",
  no_show: "the consultation was marked as a no-show",
};

const absentParticipant = (): Participant => ({ present: false, joins: 0 });

export function newSession(
  appointmentId: string,
  appointment: { patientUid: string; doctorUid: string; org: string; startMs: number; endMs: number },
  now: number,
): ConsultationSession {
  if (!(appointment.endMs > appointment.startMs))
    throw new RangeError("consultation session: endMs must be after startMs");
  return {
    appointmentId,
    patientUid: appointment.patientUid,
    doctorUid: appointment.doctorUid,
    org: appointment.org,
    startMs: appointment.startMs,
    endMs: appointment.endMs,
    status: "created",
    participants: { doctor: absentParticipant(), patient: absentParticipant() },
    createdAt: now,
  };
}

/** The role of `uid` in this session, or null for anyone else. */
export function roleOf(
  session: Pick<ConsultationSession, "doctorUid" | "patientUid">,
  uid: string,
): Role | null {
  if (uid === session.doctorUid) return "doctor";
  if (uid === session.patientUid) return "patient";
  return null;
}

export function isFinal(status: SessionStatus): boolean {
  return status === "ended" || status === "no_show";
}

const other = (role: Role): Role => (role === "doctor" ? "patient" : "doctor");
const bothJoined = (s: ConsultationSession) =>
  s.participants.doctor.joinedAt !== undefined && s.participants.patient.joinedAt !== undefined;

/** Everyone still present leaves at `now` (the session is closing). */
function everyoneGone(participants: Record<Role, Participant>, now: number): Record<Role, Participant> {
  const gone = (p: Participant): Participant => (p.present ? { ...p, present: false, leftAt: now } : p);
  return { doctor: gone(participants.doctor), patient: gone(participants.patient) };
}

export function join(session: ConsultationSession, role: Role, now: number): Transition {
  const final = FINAL_MESSAGES[session.status];
  if (final) return refuse(`${final}; it cannot be joined`);
  const before = session.participants[role];
  const participants = {
    ...session.participants,
    [role]: { ...before, present: true, joins: before.joins + 1, joinedAt: before.joinedAt ?? now },
  };
  const bothPresent = participants[other(role)].present;
  const status: SessionStatus = session.status === "in_progress" || bothPresent ? "in_progress" : "waiting";
  const startedAt = session.startedAt ?? (status === "in_progress" ? now : undefined);
  return {
    ok: true,
    session: { ...session, participants, status, ...(startedAt !== undefined ? { startedAt } : {}) },
    event: { type: "joined", role, at: now },
  };
}

export function leave(session: ConsultationSession, role: Role, now: number): Transition {
  const final = FINAL_MESSAGES[session.status];
  if (final) return refuse(final);
  const before = session.participants[role];
  if (!before.present) return refuse(`the ${role} is not in the consultation`);
  return {
    ok: true,
    session: {
      ...session,
      participants: { ...session.participants, [role]: { ...before, present: false, leftAt: now } },
    },
    event: { type: "left", role, at: now },
  };
}

export function start(session: ConsultationSession, role: Role, now: number): Transition {
  if (role !== "doctor") return refuse("only the doctor can start the consultation", "permission-denied");
  const final = FINAL_MESSAGES[session.status];
  if (final) return refuse(final);
  if (session.status === "in_progress") return refuse("the consultation has already started");
  if (!session.participants.doctor.present) return refuse("join the consultation before starting it");
  if (session.participants.patient.joinedAt === undefined) return refuse("the patient has not joined yet");
  return {
    ok: true,
    session: { ...session, status: "in_progress", startedAt: now },
    event: { type: "started", role, at: now },
  };
}

export function end(session: ConsultationSession, by: Actor, now: number): Transition {
  if (by === "patient")
    return refuse("only the doctor can end the consultation; leave it instead", "permission-denied");
  const final = FINAL_MESSAGES[session.status];
  if (final) return refuse(final);
  if (!bothJoined(session)) {
    return refuse(
      session.participants.patient.joinedAt === undefined
        ? "the patient has not joined; a consultation nobody attended is recorded as a no-show"
        : "the doctor has not joined; a consultation nobody attended is recorded as a no-show",
    );
  }
  return {
    ok: true,
    session: {
      ...session,
      status: "ended",
      endedAt: now,
      endedBy: by,
      participants: everyoneGone(session.participants, now),
    },
    event: { type: "ended", role: by, at: now },
  };
}

export interface AutoEndPolicy {
  /** After the scheduled end, an empty session ends once nobody has been present for this long. */
  idleMinutes: number;
  /** This long after the scheduled end the session ends even if someone still seems present (a lost leave). */
  hardStopMinutes: number;
}

export const DEFAULT_AUTO_END: AutoEndPolicy = { idleMinutes: 5, hardStopMinutes: 60 };

/**
 * Whether the system should end the session now (with `end(session, "system", now)`). Only a
 * session that took place (both joined) and is past its scheduled end: before the end an empty
 * session stays open so that a dropped call can resume, and an overrunning call is not cut.
 */
export function autoEndDecision(
  session: ConsultationSession,
  appointment: { endMs: number },
  policy: AutoEndPolicy,
  now: number,
): boolean {
  if (session.status !== "waiting" && session.status !== "in_progress") return false;
  if (!bothJoined(session) || now < appointment.endMs) return false;
  if (now >= appointment.endMs + policy.hardStopMinutes * MINUTE) return true;
  const { doctor, patient } = session.participants;
  if (doctor.present || patient.present) return false;
  const lastLeft = Math.max(doctor.leftAt ?? 0, patient.leftAt ?? 0);
  return now >= lastLeft + policy.idleMinutes * MINUTE;
}

/**
 * Who missed the consultation: null until `graceMinutes` after the start (inclusive), and for a
 * session that is not `created` or `waiting`; otherwise whoever never joined, or null if both did.
 */
export function noShowDecision(
  session: ConsultationSession,
  appointment: { startMs: number },
  graceMinutes: number,
  now: number,
): { absent: Absent } | null {
  if (session.status !== "created" && session.status !== "waiting") return null;
  if (now < appointment.startMs + graceMinutes * MINUTE) return null;
  const doctorAbsent = session.participants.doctor.joinedAt === undefined;
  const patientAbsent = session.participants.patient.joinedAt === undefined;
  if (doctorAbsent && patientAbsent) return { absent: "both" };
  if (doctorAbsent) return { absent: "doctor" };
  if (patientAbsent) return { absent: "patient" };
  return null;
}

/**
 * Records a no-show decided by noShowDecision. The decision is checked against the session again
 * (it may be stale: someone may have joined since it was taken), so it is safe inside a retried
 * transaction.
 */
export function markNoShow(
  session: ConsultationSession,
  decision: { absent: Absent },
  now: number,
): Transition {
  const final = FINAL_MESSAGES[session.status];
  if (final) return refuse(final);
  if (session.status === "in_progress") return refuse("the consultation is in progress");
  const { doctor, patient } = session.participants;
  const stillAbsent =
    (decision.absent === "doctor" || decision.absent === "both"
      ? doctor.joinedAt === undefined
      : doctor.joinedAt !== undefined) &&
    (decision.absent === "patient" || decision.absent === "both"
      ? patient.joinedAt === undefined
      : patient.joinedAt !== undefined);
  if (!stillAbsent) return refuse("the no-show no longer matches who joined; decide again");
  return {
    ok: true,
    session: {
      ...session,
      status: "no_show",
      endedAt: now,
      endedBy: "system",
      noShow: { absent: decision.absent },
      participants: everyoneGone(session.participants, now),
    },
    event: { type: "no_show", role: "system", at: now, absent: decision.absent },
  };
}
