import type { Transaction } from "firebase-admin/firestore";
import { COLLECTIONS, db } from "./firestore";

export const clinicalRecordRef = (appointmentId: string) =>
  db().collection(COLLECTIONS.clinicalRecords).doc(appointmentId);
export const clinicalVersionRef = (appointmentId: string, version: number) =>
  clinicalRecordRef(appointmentId).collection(COLLECTIONS.versions).doc(String(version).padStart(4, "0"));

export async function getCurrentVersion(
  tx: Transaction,
  appointmentId: string,
): Promise<{ version: number; createdAt: Date } | null> {
  const snap = await tx.get(clinicalRecordRef(appointmentId));
  if (!snap.exists) return null;
  return { version: snap.get("version") as number, createdAt: snap.get("createdAt").toDate() };
}
