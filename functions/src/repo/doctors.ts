import type { Transaction } from "firebase-admin/firestore";
import { doctorDocSchema, type DoctorDoc } from "../schemas/documents/profiles";
import { converterFor } from "./converter";
import { COLLECTIONS, db, readDoc } from "./firestore";

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
