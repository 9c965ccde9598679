import type { MedicationLine } from "../../schemas/prescriptions";

/**
 * Plain views of Arogya's documents, as the FHIR mapping reads them: ids included, times as ISO
 * 8601 strings (services/fhir/ builds them from the stored documents). Optional where the stored
 * document may lack the field; the mapping reports what it needs and does not find.
 */

export interface PatientSource {
  uid: string;
  name?: string;
  dateOfBirth?: string;
  sex?: string;
  phone?: string;
  language?: string;
  abhaNumber?: string;
  address?: {
    line1: string;
    line2?: string;
    village?: string;
    district: string;
    state: string;
    pincode: string;
  };
}

export interface DoctorSource {
  uid: string;
  name: string;
  org: string;
  status: string;
  registrationNumber?: string;
  qualification?: string;
  specialties?: string[];
  languages?: string[];
}

export interface OrganisationSource {
  id: string;
  name: string;
  type: string;
  district?: string;
  state?: string;
}

export interface AppointmentSource {
  id: string;
  patientUid: string;
  doctorUid: string;
  org: string;
  start: string;
  end: string;
  createdAt: string;
  mode: "video" | "in_person";
  status: "booked" | "cancelled" | "completed" | "no_show";
  cancellationReason?: string;
}

export interface ClinicalRecordSource {
  appointmentId: string;
  patientUid: string;
  doctorUid: string;
  soap: { subjective?: string; objective?: string; assessment?: string; plan?: string };
  diagnoses: Array<{ code: string; description: string; primary?: boolean }>;
  vitals: Partial<Record<string, number>> | null;
  writtenAt: string;
}

export interface PrescriptionSource {
  id: string;
  patientUid: string;
  doctorUid: string;
  appointmentId: string;
  issuedAt: string;
  status: string;
  lines: MedicationLine[];
  advice?: string;
  verificationCode?: string;
}

export interface RecordSource {
  id: string;
  patientUid: string;
  type: string;
  title: string;
  date: string;
  contentType: string;
  sizeBytes: number;
  createdAt: string;
  appointmentId: string | null;
  /** A download link minted for this read, when the reader may have the file. */
  url?: string;
}

export interface ConsentSource {
  id: string;
  patientUid: string;
  granteeUid?: string;
  granteeOrg?: string;
  purpose: string;
  scope: { all: boolean; types?: string[]; from?: string; to?: string };
  status: "active" | "revoked";
  grantedAt: string;
  expiresAt: string;
  revokedAt: string | null;
  /** The time of the export, to tell an expired consent from an active one. */
  now: string;
}

export interface SummaryEntrySource {
  text: string;
  recordedBy?: string;
  recordedByRole?: "patient" | "doctor";
  recordedAt?: string;
}

export interface SummarySource {
  patientUid: string;
  allergies: SummaryEntrySource[];
}
