import type { Transaction } from "firebase-admin/firestore";
import { getPatientBookings, type PatientBookings } from "./bookingState";

/**
 * @deprecated The booked-time documents have one module each: repo/doctorSchedules.ts and
 * repo/bookingState.ts. These names stay until their last callers (handlers/consultations/) move
 * to those modules (issue 12); then this file goes.
 */
export type { PatientBookings };

/** @deprecated use getPatientBookings(patientUid, tx) of repo/bookingState.ts */
export const readPatientBookings = (tx: Transaction, patientUid: string) =>
  getPatientBookings(patientUid, tx);
