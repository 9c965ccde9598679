import { FieldPath, type Transaction, type WithFieldValue } from "firebase-admin/firestore";
import { doctorDocSchema, type DoctorDoc } from "../schemas/documents/profiles";
import { wellFormed } from "./converter";
import { documents } from "./documents";
import { COLLECTIONS } from "./firestore";

export type { DoctorDoc };

const doctors = documents(COLLECTIONS.doctors, doctorDocSchema);

export const doctorRef = doctors.ref;
export const getDoctor = doctors.get;

/** The doctor when approved (bookable, listed); null when missing or not approved. */
export async function getApprovedDoctor(uid: string, tx?: Transaction): Promise<DoctorDoc | null> {
  const doctor = await getDoctor(uid, tx);
  return doctor?.status === "approved" ? doctor : null;
}

/** The doctor profile an approved application creates. */
export function createDoctor(tx: Transaction, uid: string, doctor: WithFieldValue<DoctorDoc>): void {
  tx.create(doctorRef(uid), doctor);
}

/**
 * A change of `status` or `org` must reach the doctor's schedule in the same transaction too
 * (repo/availability.ts `updateScheduledDoctor`, after `getAvailability` found it): booking and
 * slot listing read the doctor's status there (handlers/admin/setUserStatus.ts does both).
 */
export const updateDoctor = doctors.update;

/**
 * Approved doctors who list a specialty (exactly as written on their profile) and pass `keep`
 * (e.g. speak a language: a second array filter Firestore cannot add to the query), up to
 * `limit`; malformed ones skipped. Read a page at a time in id order, so doctors `keep` refuses
 * never crowd out those it accepts, at most `maxPages` pages.
 */
export async function findApprovedDoctorsBySpecialty(
  specialty: string,
  limit: number,
  keep: (doctor: DoctorDoc) => boolean = () => true,
  { pageSize = 100, maxPages = 20 } = {},
): Promise<Array<DoctorDoc & { id: string }>> {
  const found: Array<DoctorDoc & { id: string }> = [];
  let after: string | null = null;
  for (let page = 0; page < maxPages && found.length < limit; page += 1) {
    let query = doctors
      .collection()
      .where("status", "==", "approved")
      .where("specialties", "array-contains", specialty)
      .orderBy(FieldPath.documentId())
      .limit(pageSize);
    if (after) query = query.startAfter(after);
    const snap = await query.get();
    for (const doc of snap.docs) {
      const [doctor] = wellFormed([doc]);
      if (doctor !== undefined && keep(doctor)) found.push({ ...doctor, id: doc.id });
    }
    if (snap.size < pageSize) break;
    after = snap.docs[snap.size - 1].id;
  }
  return found.slice(0, limit);
}
