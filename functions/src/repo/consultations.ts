import {
  Timestamp,
  type DocumentData,
  type DocumentSnapshot,
  type Transaction,
} from "firebase-admin/firestore";
import type { ConsultationSession, Participant, SessionEvent } from "../domain/consultations/session";
import {
  consultationDocSchema,
  consultationEventDocSchema,
  type ConsultationDoc,
  type ConsultationEventDoc,
  type ParticipantDoc,
} from "../schemas/documents/consultations";
import { converterFor, MalformedDocumentError } from "./converter";
import { COLLECTIONS, db, readDoc } from "./firestore";

export type { ConsultationDoc, ConsultationEventDoc } from "../schemas/documents/consultations";

/**
 * `consultations/{appointmentId}` and its `events/{auto}` log (schemas/documents/consultations.ts):
 * the video session of one appointment, converted here to and from the pure domain's session
 * (domain/consultations/session.ts), whose instants are epoch ms.
 */
const consultations = () =>
  db().collection(COLLECTIONS.consultations).withConverter(converterFor(consultationDocSchema));
const eventConverter = converterFor(consultationEventDocSchema);

export const consultationRef = (appointmentId: string) => consultations().doc(appointmentId);
export const consultationEventsRef = (appointmentId: string) =>
  consultationRef(appointmentId).collection(COLLECTIONS.consultationEvents).withConverter(eventConverter);

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

/** The session as written: a consultation document with only its defined keys. */
export function sessionToDoc(
  session: ConsultationSession,
  eventCount: number,
  updatedAt: Date,
): ConsultationDoc & DocumentData {
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

function stored(data: ConsultationDoc | null): StoredSession | null {
  return data ? { session: sessionFromDoc(data), eventCount: data.eventCount } : null;
}

/** The session of an appointment, or null when nobody has joined yet. */
export async function getSession(appointmentId: string, tx?: Transaction): Promise<StoredSession | null> {
  return stored(await readDoc(consultationRef(appointmentId), tx));
}

/**
 * The sessions of several appointments (null where none exists), in order, in one read. A
 * malformed session reads as none here (it was logged); whoever acts on it reads it again.
 */
export async function getSessions(appointmentIds: string[]): Promise<Array<StoredSession | null>> {
  if (!appointmentIds.length) return [];
  // getAll reads through each reference's converter; its declared type just does not say so.
  const snaps = (await db().getAll(...appointmentIds.map(consultationRef))) as Array<
    DocumentSnapshot<ConsultationDoc>
  >;
  return snaps.map((snap) => {
    try {
      return stored(snap.data() ?? null);
    } catch (error) {
      if (error instanceof MalformedDocumentError) return null;
      throw error;
    }
  });
}

/**
 * Writes a transition: the session after it, and its event at the end of the session's log.
 * `before` is what getSession returned in the same transaction: null creates the document (so
 * two transactions that both saw no session cannot both succeed without a retry), otherwise it
 * is replaced. Everything else the transaction writes must follow its reads, as always.
 */
export function setSession(
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

/**
 * Sessions still open (`waiting` or `in_progress`) whose scheduled end is at or before `endBefore`,
 * in-progress ones first, each oldest first: the ones the system may end (autoEndDecision). Ids
 * only. Index: status, end.
 */
export async function findOpenSessionIdsEndedBy(endBefore: Date, limit: number): Promise<string[]> {
  const ids = (status: "waiting" | "in_progress") =>
    db()
      .collection(COLLECTIONS.consultations)
      .where("status", "==", status)
      .where("end", "<=", Timestamp.fromDate(endBefore))
      .orderBy("end")
      .limit(limit)
      .select()
      .get()
      .then((snap) => snap.docs.map((d) => d.id));
  const [inProgress, waiting] = await Promise.all([ids("in_progress"), ids("waiting")]);
  return [...inProgress, ...waiting].slice(0, limit);
}

/**
 * `waiting` sessions whose scheduled start is in [from, to], oldest first: where a patient may be
 * waiting for a late doctor (doctorLateDecision). Ids only. Index: status, start.
 */
export async function findWaitingSessionIdsStartedBetween(
  from: Date,
  to: Date,
  limit: number,
): Promise<string[]> {
  const query = db()
    .collection(COLLECTIONS.consultations)
    .where("status", "==", "waiting")
    .where("start", ">=", Timestamp.fromDate(from))
    .where("start", "<=", Timestamp.fromDate(to))
    .orderBy("start")
    .limit(limit);
  return (await query.select().get()).docs.map((d) => d.id);
}
