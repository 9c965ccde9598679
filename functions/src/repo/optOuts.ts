import { optOutDocSchema, type OptOutDoc } from "../schemas/documents/optOuts";
import { converterFor } from "./converter";
import { COLLECTIONS, db, readDoc } from "./firestore";

export type { OptOutDoc };

/** `optOuts/{phone}`: numbers that replied STOP; they get required messages only. */
const optOuts = () => db().collection(COLLECTIONS.optOuts).withConverter(converterFor(optOutDocSchema));

export const optOutRef = (phone: string) => optOuts().doc(phone);

export function getOptOut(phone: string): Promise<OptOutDoc | null> {
  return readDoc(optOutRef(phone));
}

export async function isOptedOut(phone: string): Promise<boolean> {
  return (await getOptOut(phone)) !== null;
}

export async function setOptOut(phone: string, optOut: OptOutDoc): Promise<void> {
  await optOutRef(phone).set(optOut);
}

export async function deleteOptOut(phone: string): Promise<void> {
  await optOutRef(phone).delete();
}
