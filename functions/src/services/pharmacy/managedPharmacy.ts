import { canManageStock } from "../../authz/policy";
import type { Actor } from "../../domain/identity/actor";
import { wallTimeOf } from "../../domain/scheduling/slots";
import { getPharmacy, type PharmacyRow } from "../../repo/pharmacies";
import { appError } from "../../schemas/errors";

/** The pharmacy whose stock this actor manages; refused unless it is theirs and approved. */
export async function managedPharmacy(actor: Actor, pharmacyId: string): Promise<PharmacyRow> {
  if (!canManageStock(actor, pharmacyId))
    throw appError("permission-denied", "forbidden", "only this pharmacy's pharmacists manage its stock");
  const pharmacy = await getPharmacy(pharmacyId);
  if (!pharmacy) throw appError("not-found", "pharmacy-not-found", "no such pharmacy");
  if (pharmacy.status !== "approved")
    throw appError("failed-precondition", "pharmacy-not-approved", "this pharmacy is not approved");
  return pharmacy;
}

/** The calendar day at the pharmacy: batches expire at the end of the pharmacy's day. */
export function pharmacyToday(pharmacy: Pick<PharmacyRow, "timezone">, now: Date): string {
  return wallTimeOf(now.getTime(), pharmacy.timezone).localDate;
}
