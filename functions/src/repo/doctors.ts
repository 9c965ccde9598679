import type { Transaction, UpdateData, WithFieldValue } from "firebase-admin/firestore";
import { doctorDocSchema, type DoctorDoc } from "../schemas/documents/profiles";
import { converterFor } from "./converter";
import { COLLECTIONS, db, readDoc, readQuery } from "./firestore";

export type { DoctorDoc };

const doctors = () => db().collection(COLLECTIONS.doctors).withConverter(converterFor(doctorDocSchema));

export const doctorRef = (uid: string) => doctors().doc(uid);

export function getDoctor(uid: string, tx?: Transaction): Promise<DoctorDoc | null> {
  return readDoc(doctorRef(uid), tx);
}

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
export function updateDoctor(tx: Transaction, uid: string, patch: UpdateData<DoctorDoc>): void {
  tx.update(doctorRef(uid), patch);
}

/** Approved doctors who list a specialty (exactly as written on their profile); malformed ones skipped. */
export async function findApprovedDoctorsBySpecialty(
  specialty: string,
  limit: number,
): Promise<Array<DoctorDoc & { id: string }>> {
  const query = doctors()
    .where("status", "==", "approved")
    .where("specialties", "array-contains", specialty)
    .limit(limit);
  return readQuery(query);
}
