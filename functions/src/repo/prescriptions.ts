import { prescriptionDocSchema, type PrescriptionDoc } from "../schemas/documents/prescriptions";
import { documents } from "./documents";
import { COLLECTIONS } from "./firestore";

export type { PrescriptionDoc };

/** `prescriptions/{id}`: signed prescriptions (schemas/documents/prescriptions.ts). */
const prescriptions = documents(COLLECTIONS.prescriptions, prescriptionDocSchema);

/** A fresh id for a prescription, known before it is signed (the signature covers it). */
export const newPrescriptionId = prescriptions.newId;
export const getPrescription = prescriptions.get;
export const createPrescription = prescriptions.create;
/** In the transaction of the change (dispensing: with its claim, audit entry and event). */
export const updatePrescription = prescriptions.update;
