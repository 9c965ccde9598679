import { Timestamp, type Query } from "firebase-admin/firestore";
import { APPOINTMENT_STATUSES, type StatusCounts } from "../domain/analytics/kpis";
import { consultationRef } from "./consultations";
import { chunks, COLLECTIONS, db, GET_ALL_CHUNK } from "./firestore";

/**
 * Reads behind the KPIs and the appointment export. Counts are aggregate `count()` queries (one
 * index-entry read per 1,000 documents, no documents sent); documents are read only where a
 * section groups or measures them, and then only the fields it needs (`select`, `fieldMask`).
 *
 * Indexes (firestore.indexes.json): appointments (org, status, start), (status, start),
 * (org, start); prescriptions (org, createdAt), (org, dispensedAt); the collection-group
 * single-field index on inventory.state.
 */

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

export async function appointmentCountsByStatus(period: Period): Promise<StatusCounts> {
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
export async function completedAppointments(
  period: Period,
  cap: number,
): Promise<{ rows: CompletedRow[]; truncated: boolean }> {
  const snap = await appointmentsStarting(period, "completed")
    .select("doctorUid", "mode", "createdAt")
    .limit(cap + 1)
    .get();
  const rows = snap.docs.slice(0, cap).map((d) => ({
    appointmentId: d.id,
    doctorUid: String(d.get("doctorUid")),
    mode: String(d.get("mode")),
    bookedAtMs: millis(d.get("createdAt")),
  }));
  return { rows, truncated: snap.size > cap };
}

/** When each appointment's video consultation started (`consultations/{id}.startedAt`), if it did. */
export async function consultationStarts(appointmentIds: string[]): Promise<Map<string, number>> {
  const started = new Map<string, number>();
  for (const part of chunks(appointmentIds, GET_ALL_CHUNK)) {
    const snaps = await db().getAll(...part.map((id) => consultationRef(id)), { fieldMask: ["startedAt"] });
    for (const s of snaps) {
      const at = s.exists ? millis(s.get("startedAt")) : null;
      if (at !== null) started.set(s.id, at);
    }
  }
  return started;
}

function prescriptionsBetween(period: Period, field: "createdAt" | "dispensedAt"): Query {
  return inOrg(db().collection(COLLECTIONS.prescriptions), period.org)
    .where(field, ">=", Timestamp.fromMillis(period.fromMs))
    .where(field, "<", Timestamp.fromMillis(period.toMs));
}

/** Prescriptions issued in the period, and prescriptions dispensed in the period. */
export async function prescriptionCounts(period: Period): Promise<{ issued: number; dispensed: number }> {
  const [issued, dispensed] = await Promise.all([
    count(prescriptionsBetween(period, "createdAt")),
    count(prescriptionsBetween(period, "dispensedAt")),
  ]);
  return { issued, dispensed };
}

/** Issue and dispense instants of prescriptions dispensed in the period, the first `cap`. */
export async function dispensedPrescriptions(
  period: Period,
  cap: number,
): Promise<{ rows: Array<{ issuedAtMs: number | null; dispensedAtMs: number | null }>; truncated: boolean }> {
  const snap = await prescriptionsBetween(period, "dispensedAt")
    .select("createdAt", "dispensedAt")
    .limit(cap + 1)
    .get();
  const rows = snap.docs
    .slice(0, cap)
    .map((d) => ({ issuedAtMs: millis(d.get("createdAt")), dispensedAtMs: millis(d.get("dispensedAt")) }));
  return { rows, truncated: snap.size > cap };
}

/**
 * Inventory items now in state `out`: per pharmacy of the organisation (one count each), or for
 * the whole platform one collection-group count (no per-pharmacy list). Stock is a state, not an
 * event, so it is "now", whatever the period.
 */
export async function stockOuts(
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
export async function appointmentsForExport(
  period: Period,
  cap: number,
): Promise<{ rows: AppointmentExportRow[]; truncated: boolean }> {
  const snap = await appointmentsStarting(period)
    .orderBy("start")
    .select("org", "status", "mode", "start", "end", "doctorUid", "patientUid")
    .limit(cap + 1)
    .get();
  const rows = snap.docs.slice(0, cap).map((d) => ({
    appointmentId: d.id,
    org: String(d.get("org")),
    status: String(d.get("status")),
    mode: String(d.get("mode")),
    start: date(d.get("start")),
    end: date(d.get("end")),
    doctorUid: String(d.get("doctorUid")),
    patientUid: String(d.get("patientUid")),
  }));
  return { rows, truncated: snap.size > cap };
}

function millis(value: unknown): number | null {
  if (value instanceof Timestamp) return value.toMillis();
  if (value instanceof Date) return value.getTime();
  return null;
}

function date(value: unknown): Date | null {
  const ms = millis(value);
  return ms === null ? null : new Date(ms);
}
