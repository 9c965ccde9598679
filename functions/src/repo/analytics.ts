import { Timestamp, type Query } from "firebase-admin/firestore";
import { z } from "zod";
import { APPOINTMENT_STATUSES, type StatusCounts } from "../domain/analytics/kpis";
import { timestampSchema } from "../schemas/documents/stored";
import { converterFor, wellFormed } from "./converter";
import { COLLECTIONS, db } from "./firestore";
import { readDocs } from "./readDocs";

/**
 * Reads behind the KPIs and the appointment export. Counts are aggregate `count()` queries (one
 * index-entry read per 1,000 documents, no documents sent); documents are read only where a
 * section groups or measures them, and then only the fields it needs (`select`, `fieldMask`).
 *
 * Indexes (firestore.indexes.json): appointments (org, status, start), (status, start),
 * (org, start); prescriptions (org, createdAt), (org, dispensedAt); the collection-group
 * single-field index on inventory.state.
 */

/**
 * The fields each section reads (`select`), checked as the repository checks whole documents: a
 * document whose selected fields do not match is left out and logged.
 */
const completedSchema = z.object({
  doctorUid: z.string(),
  mode: z.string(),
  createdAt: timestampSchema.optional(),
});
const startedSchema = z.object({ startedAt: timestampSchema.optional() });
const dispensedSchema = z.object({
  createdAt: timestampSchema.optional(),
  dispensedAt: timestampSchema.optional(),
});
const exportSchema = z.object({
  org: z.string(),
  status: z.string(),
  mode: z.string(),
  start: timestampSchema.optional(),
  end: timestampSchema.optional(),
  doctorUid: z.string(),
  patientUid: z.string(),
});

/** The documents of a query's snapshot, each mapped with its id; malformed ones left out. */
function rowsOf<T, R>(docs: Array<{ id: string; data(): T }>, row: (id: string, doc: T) => R): R[] {
  return wellFormed(docs.map((d) => ({ data: () => row(d.id, d.data()) })));
}

/** An organisation, or the whole platform (`org: null`), over [fromMs, toMs). */
export interface Period {
  org: string | null;
  fromMs: number;
  toMs: number;
}

function inOrg(query: Query, org: string | null): Query {
  return org === null ? query : query.where("org", "==", org);
}

/** Appointments whose scheduled start lies in the period. */
function appointmentsStarting(period: Period, status?: string): Query {
  let query = inOrg(db().collection(COLLECTIONS.appointments), period.org);
  if (status) query = query.where("status", "==", status);
  return query
    .where("start", ">=", Timestamp.fromMillis(period.fromMs))
    .where("start", "<", Timestamp.fromMillis(period.toMs));
}

async function count(query: Query): Promise<number> {
  return (await query.count().get()).data().count;
}

export async function countAppointmentsByStatus(period: Period): Promise<StatusCounts> {
  const counts = await Promise.all(APPOINTMENT_STATUSES.map((s) => count(appointmentsStarting(period, s))));
  return Object.fromEntries(APPOINTMENT_STATUSES.map((s, i) => [s, counts[i]])) as StatusCounts;
}

export interface CompletedRow {
  appointmentId: string;
  doctorUid: string;
  mode: string;
  bookedAtMs: number | null;
}

/** Completed appointments of the period, the first `cap` of them; `truncated` when there were more. */
export async function findCompletedAppointments(
  period: Period,
  cap: number,
): Promise<{ rows: CompletedRow[]; truncated: boolean }> {
  const snap = await appointmentsStarting(period, "completed")
    .select("doctorUid", "mode", "createdAt")
    .withConverter(converterFor(completedSchema))
    .limit(cap + 1)
    .get();
  const rows = rowsOf(snap.docs.slice(0, cap), (appointmentId, a) => ({
    appointmentId,
    doctorUid: a.doctorUid,
    mode: a.mode,
    bookedAtMs: a.createdAt?.toMillis() ?? null,
  }));
  return { rows, truncated: snap.size > cap };
}

/** When each appointment's video consultation started (`consultations/{id}.startedAt`), if it did. */
export async function findConsultationStarts(appointmentIds: string[]): Promise<Map<string, number>> {
  const consultations = db().collection(COLLECTIONS.consultations).withConverter(converterFor(startedSchema));
  const started = new Map<string, number>();
  for (const c of await readDocs(
    appointmentIds.map((id) => consultations.doc(id)),
    ["startedAt"],
  ))
    if (c.startedAt) started.set(c.id, c.startedAt.toMillis());
  return started;
}

function prescriptionsBetween(period: Period, field: "createdAt" | "dispensedAt"): Query {
  return inOrg(db().collection(COLLECTIONS.prescriptions), period.org)
    .where(field, ">=", Timestamp.fromMillis(period.fromMs))
    .where(field, "<", Timestamp.fromMillis(period.toMs));
}

/** Prescriptions issued in the period, and prescriptions dispensed in the period. */
export async function countPrescriptions(period: Period): Promise<{ issued: number; dispensed: number }> {
  const [issued, dispensed] = await Promise.all([
    count(prescriptionsBetween(period, "createdAt")),
    count(prescriptionsBetween(period, "dispensedAt")),
  ]);
  return { issued, dispensed };
}

/** Issue and dispense instants of prescriptions dispensed in the period, the first `cap`. */
export async function findDispensedPrescriptions(
  period: Period,
  cap: number,
): Promise<{ rows: Array<{ issuedAtMs: number | null; dispensedAtMs: number | null }>; truncated: boolean }> {
  const snap = await prescriptionsBetween(period, "dispensedAt")
    .select("createdAt", "dispensedAt")
    .withConverter(converterFor(dispensedSchema))
    .limit(cap + 1)
    .get();
  const rows = rowsOf(snap.docs.slice(0, cap), (_id, p) => ({
    issuedAtMs: p.createdAt?.toMillis() ?? null,
    dispensedAtMs: p.dispensedAt?.toMillis() ?? null,
  }));
  return { rows, truncated: snap.size > cap };
}

/**
 * Inventory items now in state `out`: per pharmacy of the organisation (one count each), or for
 * the whole platform one collection-group count (no per-pharmacy list). Stock is a state, not an
 * event, so it is "now", whatever the period.
 */
export async function countStockOuts(
  org: string | null,
): Promise<{ items: number; pharmacies: Array<{ pharmacyId: string; items: number }> | null }> {
  if (org === null)
    return {
      items: await count(db().collectionGroup(COLLECTIONS.inventory).where("state", "==", "out")),
      pharmacies: null,
    };
  const pharmacies = await db().collection(COLLECTIONS.pharmacies).where("org", "==", org).select().get();
  const counts = await Promise.all(
    pharmacies.docs.map(async (p) => ({
      pharmacyId: p.id,
      items: await count(p.ref.collection(COLLECTIONS.inventory).where("state", "==", "out")),
    })),
  );
  const withOuts = counts
    .filter((c) => c.items > 0)
    .sort((a, b) => b.items - a.items || (a.pharmacyId < b.pharmacyId ? -1 : 1));
  return { items: counts.reduce((sum, c) => sum + c.items, 0), pharmacies: withOuts };
}

export interface AppointmentExportRow {
  appointmentId: string;
  org: string;
  status: string;
  mode: string;
  start: Date | null;
  end: Date | null;
  doctorUid: string;
  patientUid: string;
}

/**
 * Appointments starting in the period, oldest first, at most `cap` (and `truncated` when there
 * were more). A deleted patient's appointments were moved to the retained archive and are not here.
 */
export async function findAppointmentsForExport(
  period: Period,
  cap: number,
): Promise<{ rows: AppointmentExportRow[]; truncated: boolean }> {
  const snap = await appointmentsStarting(period)
    .orderBy("start")
    .select("org", "status", "mode", "start", "end", "doctorUid", "patientUid")
    .withConverter(converterFor(exportSchema))
    .limit(cap + 1)
    .get();
  const rows = rowsOf(snap.docs.slice(0, cap), (appointmentId, a) => ({
    appointmentId,
    ...a,
    start: a.start?.toDate() ?? null,
    end: a.end?.toDate() ?? null,
  }));
  return { rows, truncated: snap.size > cap };
}
