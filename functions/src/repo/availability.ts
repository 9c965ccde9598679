import type { Transaction } from "firebase-admin/firestore";
import { availabilitySchema, type Availability } from "../schemas/scheduling";
import { COLLECTIONS, db } from "./firestore";

export const availabilityRef = (doctorUid: string) =>
  db().collection(COLLECTIONS.availability).doc(doctorUid);

/** Stored availability, parsed with its schema (a document that does not parse is treated as none). */
function parse(data: FirebaseFirestore.DocumentData | undefined): Availability | null {
  if (!data) return null;
  const { updatedAt: _u, updatedBy: _b, doctorUid: _d, ...fields } = data;
  const result = availabilitySchema.safeParse(fields);
  return result.success ? result.data : null;
}

export async function getAvailability(tx: Transaction, doctorUid: string): Promise<Availability | null> {
  return parse((await tx.get(availabilityRef(doctorUid))).data());
}

export async function getAvailabilityNow(doctorUid: string): Promise<Availability | null> {
  return parse((await availabilityRef(doctorUid).get()).data());
}
