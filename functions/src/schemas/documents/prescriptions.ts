import { z } from "zod";
import { doseUnitSchema, formSchema, frequencySchema, routeSchema } from "../prescriptions";
import { storedIdSchema, timestampSchema } from "./stored";

/**
 * `prescriptions/{id}`: a signed prescription, written by functions only (firestore.rules). The
 * signature covers `content` (domain/prescriptions/signing.ts lists the signed fields), so a
 * reader checks its shape and leaves judging it to the signature: a line whose numbers were
 * changed still reads, and then fails verification.
 */
export const storedLineSchema = z.object({
  medicineId: z.string().optional(),
  name: z.string(),
  strength: z.string(),
  form: formSchema,
  dose: z.object({ amount: z.number(), unit: doseUnitSchema }),
  frequency: frequencySchema,
  maxPerDay: z.number().optional(),
  route: routeSchema,
  durationDays: z.number(),
  quantity: z.number(),
  instructions: z.string().optional(),
});

/** What the signature covers, exactly as signed. */
export const prescriptionContentDocSchema = z.object({
  id: storedIdSchema,
  patientUid: storedIdSchema,
  patientName: z.string(),
  doctorUid: storedIdSchema,
  doctorName: z.string(),
  registrationNumber: z.string(),
  org: storedIdSchema,
  orgName: z.string(),
  appointmentId: storedIdSchema,
  /** ISO 8601 instant, signed exactly as written. */
  issuedAt: z.string(),
  lines: z.array(storedLineSchema),
  advice: z.string().optional(),
  keyId: z.string(),
});

export const prescriptionDocSchema = z.object({
  content: prescriptionContentDocSchema,
  signature: z.string(),
  /** The short code (domain/prescriptions/shortCode.ts, `XXX-XXX-XXX`; `rxCodes/{code}` opens it). */
  verificationCode: z.string(),
  /** The patient's age in years on the day of issue, for the verification page (not signed). */
  patientAge: z.number().optional(),
  /** Units dispensed so far, one number a line (handlers/prescriptions/dispensePrescription.ts). */
  dispensedQuantities: z.array(z.number()).optional(),
  patientUid: storedIdSchema,
  doctorUid: storedIdSchema,
  org: storedIdSchema,
  appointmentId: storedIdSchema,
  language: z.string(),
  /** The PDF in Cloud Storage: prescriptions/{patientUid}/{id}.pdf. */
  pdfPath: z.string(),
  /**
   * True from the issue until the PDF is stored at `pdfPath` by the first that needs it
   * (services/prescriptions/prescriptionPdf.ts); absent on prescriptions issued with their PDF.
   */
  pdfPending: z.boolean().optional(),
  pdfBytes: z.number().optional(),
  pdfStoredAt: timestampSchema.optional(),
  status: z.enum(["issued", "partially_dispensed", "dispensed"]),
  createdAt: timestampSchema,
  dispensedAt: timestampSchema.optional(),
  /** The pharmacy that dispensed it. */
  dispensedBy: storedIdSchema.optional(),
  updatedAt: timestampSchema.optional(),
});
export type PrescriptionDoc = z.infer<typeof prescriptionDocSchema>;
