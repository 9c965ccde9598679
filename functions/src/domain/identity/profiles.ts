import { geohashForLocation } from "geofire-common";
import type { Application } from "./applications";

/** Geohash precision stored on pharmacies: 9 characters is about 5 m, enough for range queries. */
export const PHARMACY_GEOHASH_PRECISION = 9;

/**
 * The profile document an approved application creates. Status, organisation, registration
 * and location fields are protected: owners cannot change them under the rules.
 */
export function buildApprovedProfile(
  application: Exclude<Application, { role: "healthWorker" }>,
  approvedBy: string,
  now: Date,
) {
  const approval = {
    org: application.org,
    status: "approved" as const,
    approvedAt: now,
    approvedBy,
    updatedAt: now,
  };
  if (application.role === "doctor") {
    const { bio, ...doctor } = application.doctor;
    return {
      collection: "doctors" as const,
      id: application.uid,
      data: { uid: application.uid, ...doctor, ...(bio ? { bio } : {}), ...approval },
    };
  }
  const { location, ...pharmacy } = application.pharmacy;
  return {
    collection: "pharmacies" as const,
    id: application.pharmacyId,
    data: {
      ...pharmacy,
      location,
      geohash: geohashForLocation([location.lat, location.lng], PHARMACY_GEOHASH_PRECISION),
      ownerUid: application.uid,
      ...approval,
    },
  };
}
