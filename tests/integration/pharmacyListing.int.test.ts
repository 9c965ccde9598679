// The nearby search's listing (pharmacyCells/{cell}, functions/src/repo/pharmacies.ts) against
// the emulators: kept by approval and suspension in their own transactions, by the
// syncPharmacyListing trigger for a pharmacist's edits and deletions, rebuilt by
// runScheduledWork; a search over a listed area reads the cells' listings, not the pharmacies,
// and a listing that is behind never changes an answer (tests/integration/pharmacy.int.test.ts
// checks the answers against a brute force over pharmacies written by hand).
import { randomUUID } from "node:crypto";
import { doc, serverTimestamp, updateDoc } from "firebase/firestore";
import { geohashForLocation } from "geofire-common";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { distanceKm } from "../../functions/src/domain/pharmacy/nearby";
import { admin, signUp, type Client } from "../../tools/emulator-client";
import { makeOrg, pharmacyApplication, platformAdmin } from "./fixtures";

const run = randomUUID().slice(0, 6);
const CELL_CHARS = 4; // functions/src/domain/pharmacy/nearby.ts LISTING_PRECISION
const cellOf = (p: { lat: number; lng: number }) => geohashForLocation([p.lat, p.lng], CELL_CHARS);
const listing = async (cell: string) =>
  ((await admin().db.doc(`pharmacyCells/${cell}`).get()).get("pharmacies") ?? {}) as Record<
    string,
    Record<string, unknown> | null
  >;

/** Polls until `check` holds (the trigger's work lands a moment after the write), or fails naming `what`. */
async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 150; i += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`still not: ${what}`);
}

// Ladakh, away from every other test's pharmacies; each run a little elsewhere.
const home = {
  lat: 34.05 + Number.parseInt(run.slice(0, 2), 16) / 2000,
  lng: 77.4 + Number.parseInt(run.slice(2, 4), 16) / 2000,
};

let platform: Client;
let patient: Client;
let org: string;
const clients: Client[] = [];

beforeAll(async () => {
  [platform, patient, org] = await Promise.all([platformAdmin(), signUp(), makeOrg("pharmacy")]);
  clients.push(platform, patient);
});
afterAll(() => Promise.all(clients.map((c) => c.close())));

type Found = {
  pharmacies: Array<{ pharmacyId: string; name: string }>;
  documentsRead: { pharmacies: number };
};
const search = (center: { lat: number; lng: number }, radiusKm: number) =>
  patient.call<Found>("findPharmacies", { center, radiusKm, limit: 100 });

describe("the pharmacy listing", () => {
  let pharmacist: Client;
  let pharmacyId: string;
  const cell = cellOf(home);

  beforeAll(async () => {
    pharmacist = await signUp();
    clients.push(pharmacist);
    const application = pharmacyApplication(org);
    await pharmacist.call("applyForRole", {
      ...application,
      pharmacy: { ...application.pharmacy, name: `Listed Chemist ${run}`, location: home },
    });
    ({ pharmacyId } = (await admin().db.doc(`applications/${pharmacist.user.uid}`).get()).data()!);
    await platform.call("reviewApplication", { applicantUid: pharmacist.user.uid, decision: "approve" });
    await pharmacist.refresh();
  });

  it("lists an approved pharmacy in its cell in the approval's own transaction", async () => {
    expect((await listing(cell))[pharmacyId]).toEqual({
      name: `Listed Chemist ${run}`,
      status: "approved",
      org,
      lat: home.lat,
      lng: home.lng,
      phone: "+911612000000",
      address: { line1: "Main Bazaar", district: "Ludhiana", state: "Punjab", pincode: "141001" },
      openingHours: { mon: [{ open: "09:00", close: "21:00" }] },
      timezone: "Asia/Kolkata",
    });
  });

  it("takes a suspended pharmacy out of the listing at once, and puts it back when reinstated", async () => {
    const suspend = (status: string) =>
      platform.call("setUserStatus", { uid: pharmacist.user.uid, org, status, reason: "licence check" });
    await suspend("suspended");
    expect((await listing(cell))[pharmacyId]).toBeNull();
    expect((await search(home, 1)).pharmacies.map((p) => p.pharmacyId)).not.toContain(pharmacyId);
    await suspend("active");
    expect((await listing(cell))[pharmacyId]).toMatchObject({ status: "approved" });
    await pharmacist.refresh();
  });

  it("follows the pharmacist's own edit of name and hours, and the search answers with it", async () => {
    const name = `Renamed Chemist ${run}`;
    await updateDoc(doc(pharmacist.db, "pharmacies", pharmacyId), {
      name,
      openingHours: { tue: [{ open: "10:00", close: "18:00" }] },
      updatedAt: serverTimestamp(),
    });
    await until("the listing has the new name", async () => (await listing(cell))[pharmacyId]?.name === name);
    expect((await listing(cell))[pharmacyId]).toMatchObject({
      name,
      openingHours: { tue: [{ open: "10:00", close: "18:00" }] },
    });
    const found = (await search(home, 1)).pharmacies.find((p) => p.pharmacyId === pharmacyId);
    expect(found?.name).toBe(name);
  });

  it("drops a deleted pharmacy", async () => {
    const gone = `gone-${run}`;
    const at = { lat: home.lat + 0.001, lng: home.lng };
    await admin()
      .db.doc(`pharmacies/${gone}`)
      .set({
        name: "Soon gone",
        org,
        status: "approved",
        location: new (await import("firebase-admin/firestore")).GeoPoint(at.lat, at.lng),
        geohash: geohashForLocation([at.lat, at.lng], 9),
      });
    await until("the listing has the new pharmacy", async () => gone in (await listing(cellOf(at))));
    await admin().db.doc(`pharmacies/${gone}`).delete();
    await until("the listing has dropped it", async () => !(gone in (await listing(cellOf(at)))));
    expect((await search(at, 1)).pharmacies.map((p) => p.pharmacyId)).not.toContain(gone);
  });
});

describe("searching a listed area", () => {
  // Another spot of Ladakh, 20 pharmacies within a kilometre of it, written by hand.
  const spot = { lat: home.lat + 0.5, lng: home.lng + 0.5 };
  const ids = Array.from({ length: 20 }, (_, i) => `listed-${run}-${i}`);
  const placeOf = (i: number) => ({ lat: spot.lat + (i - 10) * 0.0004, lng: spot.lng + (i % 5) * 0.0005 });
  const expected = () =>
    ids
      .map((id, i) => ({ id, d: distanceKm(spot, placeOf(i)) }))
      .filter((p) => p.d <= 2)
      .sort((a, b) => a.d - b.d || a.id.localeCompare(b.id))
      .map((p) => p.id);

  beforeAll(async () => {
    const { GeoPoint } = await import("firebase-admin/firestore");
    const writer = admin().db.bulkWriter();
    ids.forEach((id, i) => {
      const p = placeOf(i);
      void writer.set(admin().db.doc(`pharmacies/${id}`), {
        name: `Listed ${id}`,
        org,
        status: "approved",
        location: new GeoPoint(p.lat, p.lng),
        geohash: geohashForLocation([p.lat, p.lng], 9),
        openingHours: {},
        timezone: "Asia/Kolkata",
      });
    });
    await writer.close();
    const cells = [...new Set(ids.map((_, i) => cellOf(placeOf(i))))];
    await until("the trigger has listed all 20", async () => {
      const listed = await Promise.all(cells.map(listing));
      return ids.every((id) => listed.some((l) => id in l));
    });
  });

  it("reads the listings of the cells and one count, not the pharmacies", async () => {
    const found = await search(spot, 2);
    expect(found.pharmacies.map((p) => p.pharmacyId)).toEqual(expected());
    // At most 4 cells for a 2 km circle, and the count: before the listing, each of the 20
    // pharmacies (and every other in geofire-common's ranges) was a document read.
    expect(found.documentsRead.pharmacies).toBeLessThanOrEqual(5);
  });

  it("answers the same from the pharmacies while a listing is behind, and runScheduledWork rebuilds it", async () => {
    const cell = cellOf(spot);
    const before = await listing(cell);
    await admin().db.doc(`pharmacyCells/${cell}`).set({ cell, pharmacies: {} });
    const found = await search(spot, 2);
    expect(found.pharmacies.map((p) => p.pharmacyId)).toEqual(expected());
    expect(found.documentsRead.pharmacies).toBeGreaterThan(20);
    const rebuilt = await platform.call<{ task: string; pharmacies: number; cells: number }>(
      "runScheduledWork",
      {
        task: "pharmacyListing",
      },
    );
    expect(rebuilt).toMatchObject({ task: "pharmacyListing" });
    expect(rebuilt.pharmacies).toBeGreaterThanOrEqual(20);
    expect(await listing(cell)).toEqual(before);
    expect((await search(spot, 2)).documentsRead.pharmacies).toBeLessThanOrEqual(5);
  });
});
