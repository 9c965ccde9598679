// Fixtures for the integration tests: organisations and role holders made through the Admin
// SDK, valid requests, and queries for what a call left behind.
import { randomUUID } from "node:crypto";
import { admin, userWithClaims, type Client } from "../../tools/emulator-client";

export async function makeOrg(type: "clinic" | "village" | "pharmacy" | "lab" = "clinic"): Promise<string> {
  const id = `org-${type}-${randomUUID().slice(0, 8)}`;
  await admin().db.doc(`organisations/${id}`).set({ name: `Test ${type} ${id}`, type, district: "Ludhiana", state: "Punjab", createdAt: new Date(), createdBy: "fixture" });
  return id;
}

export const orgAdmin = (org: string): Promise<Client> => userWithClaims({ role: "admin", org }, "admin");
export const platformAdmin = (): Promise<Client> => userWithClaims({ role: "admin", platform: true }, "platform");

export function doctorApplication(org: string, overrides: Record<string, unknown> = {}) {
  return {
    role: "doctor",
    org,
    doctor: {
      name: "Dr. Test Doctor",
      specialties: ["General medicine"],
      registrationNumber: `PMC-${Math.floor(Math.random() * 90000) + 10000}`,
      feeInr: 200,
      languages: ["pa", "hi"],
      timezone: "Asia/Kolkata",
      ...overrides,
    },
  };
}

export function pharmacyApplication(org: string) {
  return {
    role: "pharmacist",
    org,
    pharmacy: {
      name: "Test Chemist",
      licenceNumber: "PB-LDH-20B-9999",
      phone: "+911612000000",
      address: { line1: "Main Bazaar", district: "Ludhiana", state: "Punjab", pincode: "141001" },
      location: { lat: 30.901, lng: 75.8573 },
      openingHours: { mon: [{ open: "09:00", close: "21:00" }] },
      timezone: "Asia/Kolkata",
    },
  };
}

/** Audit entries about one target, oldest first. */
export async function auditFor(targetId: string, action?: string) {
  const snap = await admin().db.collection("auditLog").where("target.id", "==", targetId).get();
  return snap.docs
    .map((d) => d.data())
    .filter((d) => !action || d.action === action)
    .sort((a, b) => a.at.toMillis() - b.at.toMillis());
}
