// `npm run bench:pharmacy`: figures for nearby search and CSV import, written to
// bench/results/pharmacy.json and printed. Runs inside `firebase emulators:exec`; the handlers
// run in-process against the Firestore emulator with the SDK's reads and writes counted.
//
// 1. Nearby search over 10,000 pharmacies spread over Punjab: documents read per query as a
//    ratio to the pharmacies actually within the radius (the geohash overfetch), and the
//    median query time, for several radii; and the reads of a three-medicine "fill" search.
//    The pharmacies are written with the functions' triggers off (10,000 listing updates would
//    keep the functions emulator busy for minutes), then the search's listing (pharmacyCells) is
//    built from them by the functions' rebuild, as after a first deployment; its cost is reported.
// 2. CSV import of 5,000 rows (1,000 medicines x 5 batches): rows per second for the first
//    import and for the re-import that changes nothing, and parse + validate alone.
// 3. The reservation race (issue 16): N patients reserve at once at a pharmacy with the last K
//    units of a medicine (one unit each, through reserveMedicines' handler); exactly K must hold.
import { randomUUID } from "node:crypto";
import { geohashForLocation } from "geofire-common";
import { buildMedicineDoc } from "../functions/src/domain/pharmacy/medicines";
import { parseStockCsv } from "../functions/src/domain/pharmacy/csvImport";
import { wallTimeOf } from "../functions/src/domain/scheduling/slots";
import { installFirestoreCounters, median, round, writeResults } from "./lib";

const PHARMACIES = Number(process.env.BENCH_PHARMACIES ?? 10_000);
const QUERIES_PER_RADIUS = 25;
const RADII_KM = [2, 5, 10, 25];
const CSV_ROWS = 5_000;
const BATCHES_PER_MEDICINE = 5;
const BOX = { lat: [29.6, 32.4], lng: [74.0, 76.9] }; // Punjab, roughly

let seed = 20261121;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};
const between = ([lo, hi]: number[]) => lo + (hi - lo) * random();

const counter = installFirestoreCounters();
const { getFirestore, GeoPoint } = counter.module;
const db = getFirestore();

async function seedPharmacies(): Promise<void> {
  const writer = db.bulkWriter();
  for (let i = 0; i < PHARMACIES; i += 1) {
    const lat = between(BOX.lat);
    const lng = between(BOX.lng);
    void writer.set(db.doc(`pharmacies/bench-${i}`), {
      name: `Bench Chemist ${i}`,
      org: "org-bench",
      status: i % 50 === 0 ? "suspended" : "approved",
      location: new GeoPoint(lat, lng),
      geohash: geohashForLocation([lat, lng], 9),
      openingHours: { mon: [{ open: "09:00", close: "21:00" }] },
      timezone: "Asia/Kolkata",
      ownerUid: "bench",
    });
  }
  await writer.close();
}

/** The functions emulator's Firestore triggers off (seeding) or on again, through the emulator hub. */
async function backgroundTriggers(enabled: boolean): Promise<void> {
  const hub = process.env.FIREBASE_EMULATOR_HUB ?? "127.0.0.1:4400";
  const path = enabled ? "enableBackgroundTriggers" : "disableBackgroundTriggers";
  const res = await fetch(`http://${hub}/functions/${path}`, { method: "PUT" });
  if (!res.ok) throw new Error(`emulator hub ${path}: HTTP ${res.status} ${await res.text()}`);
}

async function buildListing() {
  const { rebuildPharmacyListings } = await import("../functions/src/repo/pharmacies");
  counter.reset();
  const t = process.hrtime.bigint();
  const rebuilt = await rebuildPharmacyListings();
  return {
    ...rebuilt,
    ms: round(Number(process.hrtime.bigint() - t) / 1e6, 0),
    reads: counter.counts.reads,
    writes: counter.counts.writes,
  };
}

async function nearby() {
  const { searchNearby } = await import("../functions/src/handlers/pharmacy/findPharmacies");
  const now = new Date();
  // warm the connection and the code
  await searchNearby({ center: { lat: 30.9, lng: 75.85 }, radiusKm: 5, limit: 100, openNow: false }, now);
  const byRadius: Record<string, unknown> = {};
  for (const radiusKm of RADII_KM) {
    const times: number[] = [];
    let read = 0;
    let inside = 0;
    let sdkReads = 0;
    for (let q = 0; q < QUERIES_PER_RADIUS; q += 1) {
      // centres far enough inside the box that every circle lies in the data
      const margin = radiusKm / 100;
      const center = {
        lat: between([BOX.lat[0] + margin, BOX.lat[1] - margin]),
        lng: between([BOX.lng[0] + margin, BOX.lng[1] - margin]),
      };
      counter.reset();
      const t = process.hrtime.bigint();
      const result = await searchNearby({ center, radiusKm, limit: 100, openNow: false }, now);
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
      read += result.documentsRead.pharmacies;
      inside += result.matched;
      sdkReads += counter.counts.reads;
    }
    byRadius[`${radiusKm}km`] = {
      queries: QUERIES_PER_RADIUS,
      meanResults: round(inside / QUERIES_PER_RADIUS, 1),
      meanDocumentsRead: round(read / QUERIES_PER_RADIUS, 1),
      readsPerResult: round(read / Math.max(1, inside), 3),
      sdkReadsCountedPerQuery: round(sdkReads / QUERIES_PER_RADIUS, 1),
      medianQueryMs: round(median(times), 1),
    };
  }
  return byRadius;
}

async function fillReads(medicineIds: string[]) {
  const { searchNearby } = await import("../functions/src/handlers/pharmacy/findPharmacies");
  counter.reset();
  const result = await searchNearby(
    { center: { lat: 31.0, lng: 75.4 }, radiusKm: 10, medicineIds, limit: 20, openNow: false },
    new Date(),
  );
  return {
    radiusKm: 10,
    medicines: medicineIds.length,
    pharmaciesRead: result.documentsRead.pharmacies,
    stockDocumentsRead: result.documentsRead.stock,
    sdkReads: counter.counts.reads,
  };
}

async function csvImport() {
  const { importStockCsv } = await import("../functions/src/handlers/pharmacy/importStockCsv");
  const medicineCount = CSV_ROWS / BATCHES_PER_MEDICINE;
  const writer = db.bulkWriter();
  const ids: string[] = [];
  for (let i = 0; i < medicineCount; i += 1) {
    const doc = buildMedicineDoc(
      {
        generic: `Benchamol ${i}`,
        brands: [],
        strength: "10 mg",
        form: "tablet",
        packSize: 10,
        prescriptionOnly: true,
      },
      new Date(),
    );
    ids.push(doc.medicineId);
    void writer.set(db.doc(`medicines/${doc.medicineId}`), doc);
  }
  await writer.close();
  const pharmacyId = "bench-1";
  await db.doc(`pharmacies/${pharmacyId}`).update({ status: "approved" });
  const year = Number(wallTimeOf(Date.now(), "Asia/Kolkata").localDate.slice(0, 4)) + 1;
  const lines = ["medicine_id,batch,expiry,quantity,price,low_stock_threshold"];
  ids.forEach((id, i) => {
    for (let b = 0; b < BATCHES_PER_MEDICINE; b += 1)
      lines.push(
        `${id},B${i}-${b},${year}-${String((b % 12) + 1).padStart(2, "0")},${(i * 7 + b) % 300},${(i % 90) + 0.75},20`,
      );
  });
  const csv = `${lines.join("\n")}\n`;
  // The handler as the callable trigger hands it a call: signed in, limited and parsed.
  const call = () => ({
    actor: {
      uid: "bench-pharmacist",
      role: "pharmacist" as const,
      org: "org-bench",
      pharmacy: pharmacyId,
      platform: false,
    },
    input: { pharmacyId, csv },
    now: new Date(),
    origin: { ip: "127.0.0.1" },
    raw: {} as never,
  });

  const run = async () => {
    counter.reset();
    const t = process.hrtime.bigint();
    const result = await importStockCsv(call());
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    return {
      ms: round(ms, 0),
      rowsPerSecond: round((CSV_ROWS / ms) * 1000, 0),
      reads: counter.counts.reads,
      writes: counter.counts.writes,
      changed: result.medicines.changed,
      unchanged: result.medicines.unchanged,
      rejectedRows: result.rejectedRows,
    };
  };
  const first = await run();
  const reimport = await run();
  const known = new Set(ids);
  const parseTimes: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    const t = process.hrtime.bigint();
    parseStockCsv(csv, (id) => known.has(id), "2026-11-21");
    parseTimes.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  const parseMs = median(parseTimes);
  return {
    rows: CSV_ROWS,
    medicines: medicineCount,
    bytes: Buffer.byteLength(csv),
    firstImport: first,
    reimportSameFile: reimport,
    parseAndValidateOnly: {
      medianMs: round(parseMs, 1),
      rowsPerSecond: round((CSV_ROWS / parseMs) * 1000, 0),
    },
  };
}

/** N parallel reservations of one unit each on the last K units; how many held (must be K). */
async function reservationRaceFigures(n = Number(process.env.BENCH_RACE_N ?? 20), k = 5) {
  const { reserveMedicines } = await import("../functions/src/handlers/pharmacy/reserveMedicines");
  const { Timestamp } = counter.module;
  const run = randomUUID().slice(0, 8);
  const pharmacyId = `bench-race-${run}`;
  const medicineId = `benchamol-race-${run}`;
  const year = new Date().getUTCFullYear() + 1;
  await db.doc(`pharmacies/${pharmacyId}`).set({
    name: "Race Chemist",
    status: "approved",
    org: "org-bench",
    location: new GeoPoint(30.9, 75.85),
    timezone: "Asia/Kolkata",
  });
  await db.doc(`pharmacies/${pharmacyId}/inventory/${medicineId}`).set({
    pharmacyId,
    medicineId,
    batches: [{ batch: "LAST", expiry: `${year}-06`, quantity: k }],
    pricePaise: 500,
    lowStockThreshold: 1,
    quantity: k,
    state: "low",
    timezone: "Asia/Kolkata",
  });
  const line = {
    medicineId,
    name: "Benchamol",
    strength: "500 mg",
    form: "tablet",
    dose: { amount: 1, unit: "tablet" },
    frequency: "OD",
    route: "oral",
    durationDays: 1,
    quantity: 1,
  };
  const patients = Array.from({ length: n }, (_, i) => `bench-race-patient-${run}-${i}`);
  await Promise.all(
    patients.map((uid, i) =>
      db.doc(`prescriptions/rx-${run}-${i}`).set({
        content: {
          id: `rx-${run}-${i}`,
          patientUid: uid,
          patientName: "Bench Patient",
          doctorUid: "bench-doctor",
          doctorName: "Dr. Bench",
          registrationNumber: "R-1",
          org: "org-bench",
          orgName: "Bench Clinic",
          appointmentId: `appt-${run}-${i}`,
          issuedAt: new Date().toISOString(),
          lines: [line],
          keyId: "bench",
        },
        signature: "bench",
        verificationCode: "bench",
        patientUid: uid,
        doctorUid: "bench-doctor",
        org: "org-bench",
        appointmentId: `appt-${run}-${i}`,
        language: "en",
        pdfPath: "bench.pdf",
        status: "issued",
        createdAt: Timestamp.now(),
      }),
    ),
  );
  const t = Date.now();
  const outcomes = await Promise.allSettled(
    patients.map((uid, i) =>
      reserveMedicines({
        actor: { uid, role: "patient" as const, platform: false },
        input: { prescriptionId: `rx-${run}-${i}`, pharmacyId },
        now: new Date(),
        origin: { ip: "127.0.0.1" },
        raw: {} as never,
      }),
    ),
  );
  const ms = Date.now() - t;
  const held = outcomes.filter((o) => o.status === "fulfilled").length;
  const item = (await db.doc(`pharmacies/${pharmacyId}/inventory/${medicineId}`).get()).data()!;
  const reservations = (await db.collection("reservations").where("pharmacyId", "==", pharmacyId).get()).size;
  const figures = {
    parallel: n,
    lastUnits: k,
    held,
    refused: n - held,
    heldUnitsInStock: item.held,
    reservations,
    exactlyK: held === k && item.held === k && reservations === k,
    ms,
  };
  console.log(
    `[bench:pharmacy] reservation race: ${n} at once on the last ${k} units -> ${held} held (${figures.exactlyK ? "exactly K" : "NOT K"})`,
  );
  return figures;
}

console.log(`[bench:pharmacy] seeding ${PHARMACIES} pharmacies (run ${randomUUID().slice(0, 6)})`);
await backgroundTriggers(false);
try {
  await seedPharmacies();
} finally {
  await backgroundTriggers(true);
}
console.log("[bench:pharmacy] building the search listing (pharmacyCells)");
const listing = await buildListing();
console.log("[bench:pharmacy] nearby queries");
const nearbyFigures = await nearby();
console.log("[bench:pharmacy] CSV import");
const importFigures = await csvImport();
const fill = await fillReads([
  "benchamol-0-10mg-tablet",
  "benchamol-1-10mg-tablet",
  "benchamol-2-10mg-tablet",
]);
console.log("[bench:pharmacy] reservation race");
const reservationRace = await reservationRaceFigures();
const file = writeResults("pharmacy", {
  reservationRace,
  pharmacies: PHARMACIES,
  listingRebuild: listing,
  nearby: nearbyFigures,
  fill,
  csvImport: importFigures,
});
console.log(
  JSON.stringify(
    { listingRebuild: listing, nearby: nearbyFigures, fill, csvImport: importFigures, reservationRace },
    null,
    2,
  ),
);
console.log(`[bench:pharmacy] written to ${file}`);
process.exit(0);
