import { Timestamp, type DocumentReference, type Transaction } from "firebase-admin/firestore";
import type {
  Absent,
  Actor,
  ConsultationSession,
  Participant,
  Role,
  SessionEvent,
  SessionEventType,
  SessionStatus,
} from "../domain/consultations/session";
import { COLLECTIONS, db } from "./firestore";

/**
 * `consultations/{appointmentId}`: the video session of one appointment, as the pure domain
 * (domain/consultations/session.ts) describes it, with instants stored as Timestamps. Its
 * `events/{auto}` subcollection is the log of transitions, each with `seq` (0, 1, 2, … in
 * commit order: instants of two concurrent calls may tie or cross). Both are written by
 * functions only and read by the two participants (firestore.rules). Ids and times only.
 */

export interface ParticipantDoc {
  present: boolean;
  joins: number;
  joinedAt?: Timestamp;
  leftAt?: Timestamp;
}

export interface ConsultationDoc {
  appointmentId: string;
  patientUid: string;
  doctorUid: string;
  org: string;
  /** The appointment's scheduled start and end. */
  start: Timestamp;
  end: Timestamp;
  status: SessionStatus;
  participants: Record<Role, ParticipantDoc>;
  createdAt: Timestamp;
  startedAt?: Timestamp;
  endedAt?: Timestamp;
  endedBy?: Actor;
  noShow?: { absent: Absent };
  /** How many events the log holds: the next event's `seq`. */
  eventCount: number;
  updatedAt: Timestamp;
}

export interface ConsultationEventDoc {
  type: SessionEventType;
  role: Actor;
  at: Timestamp;
  seq: number;
  absent?: Absent;
}

export const consultationRef = (appointmentId: string) =>
  db().collection(COLLECTIONS.consultations).doc(appointmentId);
export const consultationEventsRef = (appointmentId: string) =>
  consultationRef(appointmentId).collection(COLLECTIONS.consultationEvents);

const ts = (ms: number | undefined) => (ms === undefined ? undefined : Timestamp.fromMillis(ms));
const ms = (t: Timestamp | undefined) => t?.toMillis();

/** Only the keys whose value is defined (Firestore refuses `undefined`). */
function defined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function participantToDoc(p: Participant): ParticipantDoc {
  return defined({ present: p.present, joins: p.joins, joinedAt: ts(p.joinedAt), leftAt: ts(p.leftAt) });
}

function participantFromDoc(p: ParticipantDoc): Participant {
  return defined({ present: p.present, joins: p.joins, joinedAt: ms(p.joinedAt), leftAt: ms(p.leftAt) });
}

export function sessionToDoc(
  session: ConsultationSession,
  eventCount: number,
  updatedAt: Date,
): ConsultationDoc {
  return defined({
    appointmentId: session.appointmentId,
    patientUid: session.patientUid,
    doctorUid: session.doctorUid,
    org: session.org,
    start: Timestamp.fromMillis(session.startMs),
    end: Timestamp.fromMillis(session.endMs),
    status: session.status,
    participants: {
      doctor: participantToDoc(session.participants.doctor),
      patient: participantToDoc(session.participants.patient),
    },
    createdAt: Timestamp.fromMillis(session.createdAt),
    startedAt: ts(session.startedAt),
    endedAt: ts(session.endedAt),
    endedBy: session.endedBy,
    noShow: session.noShow ? { absent: session.noShow.absent } : undefined,
    eventCount,
    updatedAt: Timestamp.fromDate(updatedAt),
  });
}

export function sessionFromDoc(doc: ConsultationDoc): ConsultationSession {
  return defined({
    appointmentId: doc.appointmentId,
    patientUid: doc.patientUid,
    doctorUid: doc.doctorUid,
    org: doc.org,
    startMs: doc.start.toMillis(),
    endMs: doc.end.toMillis(),
    status: doc.status,
    participants: {
      doctor: participantFromDoc(doc.participants.doctor),
      patient: participantFromDoc(doc.participants.patient),
    },
    createdAt: doc.createdAt.toMillis(),
    startedAt: ms(doc.startedAt),
    endedAt: ms(doc.endedAt),
    endedBy: doc.endedBy,
    noShow: doc.noShow ? { absent: doc.noShow.absent } : undefined,
  });
}

export function eventToDoc(event: SessionEvent, seq: number): ConsultationEventDoc {
  return defined({
    type: event.type,
    role: event.role,
    at: Timestamp.fromMillis(event.at),
    seq,
    absent: event.absent,
  });
}

/** A session as read: the domain value, and how long its log is. */
export interface StoredSession {
  session: ConsultationSession;
  eventCount: number;
}

function stored(data: ConsultationDoc | undefined): StoredSession | null {
  return data ? { session: sessionFromDoc(data), eventCount: data.eventCount ?? 0 } : null;
}

/** In a transaction: the session of an appointment, or null when nobody has joined yet. */
export async function readSession(tx: Transaction, appointmentId: string): Promise<StoredSession | null> {
  const snap = await tx.get(consultationRef(appointmentId));
  return stored(snap.data() as ConsultationDoc | undefined);
}

/** Outside a transaction: the sessions of several appointments (null where none exists), in order. */
export async function readSessionsNow(appointmentIds: string[]): Promise<Array<StoredSession | null>> {
  if (!appointmentIds.length) return [];
  const refs: DocumentReference[] = appointmentIds.map(consultationRef);
  const snaps = await db().getAll(...refs);
  return snaps.map((s) => stored(s.data() as ConsultationDoc | undefined));
}

/**
 * In a transaction: writes the session after a transition and appends its event. `before` is
 * what readSession returned in the same transaction: null creates the document (so two
 * transactions that both saw no session cannot both succeed without a retry), otherwise it is
 * replaced. Everything else the transaction writes must follow its reads, as always.
 */
export function saveTransition(
  tx: Transaction,
  before: StoredSession | null,
  after: { session: ConsultationSession; event: SessionEvent },
  now: Date,
): void {
  const seq = before?.eventCount ?? 0;
  const ref = consultationRef(after.session.appointmentId);
  const doc = sessionToDoc(after.session, seq + 1, now);
  if (before) tx.set(ref, doc);
  else tx.create(ref, doc);
  tx.create(consultationEventsRef(after.session.appointmentId).doc(), eventToDoc(after.event, seq));
}
