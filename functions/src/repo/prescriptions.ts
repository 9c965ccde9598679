import type { PrescriptionContent } from "../domain/prescriptions/signing";
import { COLLECTIONS, db } from "./firestore";

export const prescriptionRef = (id: string) => db().collection(COLLECTIONS.prescriptions).doc(id);
export const newPrescriptionRef = () => db().collection(COLLECTIONS.prescriptions).doc();
export const dispensationRef = (prescriptionId: string) =>
  db().collection(COLLECTIONS.dispensations).doc(prescriptionId);

export interface PrescriptionDoc {
  /** The signed content, exactly as signed. */
  content: PrescriptionContent;
  signature: string;
  verificationCode: string;
  patientUid: string;
  doctorUid: string;
  org: string;
  appointmentId: string;
  language: string;
  pdfPath: string;
  status: "issued" | "dispensed";
  createdAt: Date;
  dispensedAt?: Date;
  dispensedBy?: string;
}

export async function getPrescription(id: string): Promise<PrescriptionDoc | null> {
  const snap = await prescriptionRef(id).get();
  if (!snap.exists) return null;
  const data = snap.data()!;
  return {
    ...data,
    createdAt: data.createdAt?.toDate(),
    dispensedAt: data.dispensedAt?.toDate(),
  } as PrescriptionDoc;
}

export async function getDispensation(id: string): Promise<{ pharmacyId: string; at: Date } | null> {
  const snap = await dispensationRef(id).get();
  return snap.exists ? { pharmacyId: snap.get("pharmacyId"), at: snap.get("at").toDate() } : null;
}
