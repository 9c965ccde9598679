// Demo data for the emulators: organisations, a platform admin, organisation admins, approved
// doctors and pharmacies, patients with profiles. Idempotent: fixed ids, safe to run twice.
// Run by `npm start` (and `npm run demo` when it starts the emulators itself).
import { GeoPoint } from "firebase-admin/firestore";
import { buildApprovedProfile } from "../functions/src/domain/identity/profiles";
import {
  claimsForApprovedApplication,
  type Application,
} from "../functions/src/domain/identity/applications";
import type { Claims } from "../functions/src/schemas/identity";
import type { PatientProfile } from "../functions/src/schemas/profiles";
import { availabilitySchema } from "../functions/src/schemas/scheduling";
import { buildMedicineDoc } from "../functions/src/domain/pharmacy/medicines";
import {
  buildInventoryDoc,
  buildPublicStockDoc,
  type StockItem,
} from "../functions/src/domain/pharmacy/stock";
import { wallTimeOf } from "../functions/src/domain/scheduling/slots";
import { MEDICINE_MASTER } from "./medicine-master";
import { ORG_IDS, PHARMACY_IDS } from "./demo-data";
import { admin, signIn } from "./emulator-client";

export const DEMO_PASSWORD = "arogya-demo";
const quiet = process.argv.includes("--quiet");
const now = new Date();

export const ORGS = {
  ludhiana: {
    id: ORG_IDS.ludhiana,
    name: "Ludhiana Rural Health Clinic",
    type: "clinic",
    district: "Ludhiana",
    state: "Punjab",
    // Printed on the clinic's prescriptions (issue 16).
    address: { line1: "Civil Hospital Road", district: "Ludhiana", state: "Punjab", pincode: "141001" },
    phone: "+911612444555",
  },
  sangrur: {
    id: ORG_IDS.sangrur,
    name: "Sangrur Village Health Post",
    type: "village",
    district: "Sangrur",
    state: "Punjab",
    address: {
      line1: "Near Gurdwara Sahib",
      village: "Dhuri",
      district: "Sangrur",
      state: "Punjab",
      pincode: "148024",
    },
    phone: "+911672250100",
  },
  raikot: {
    id: ORG_IDS.raikot,
    name: "Raikot Jan Aushadhi Kendra",
    type: "pharmacy",
    district: "Ludhiana",
    state: "Punjab",
  },
  chemists: {
    id: ORG_IDS.chemists,
    name: "Malwa Chemists Cooperative",
    type: "pharmacy",
    district: "Ludhiana",
    state: "Punjab",
  },
} as const;

interface Account {
  uid: string;
  email: string;
  phone?: string;
  displayName: string;
  claims: Claims;
  what: string;
}

const accounts: Account[] = [
  {
    uid: "demo-platform-admin",
    email: "platform@arogya.demo",
    displayName: "Platform Admin",
    claims: { role: "admin", platform: true },
    what: "platform admin (all organisations)",
  },
  {
    uid: "demo-admin-ludhiana",
    email: "admin.ludhiana@arogya.demo",
    displayName: "Ludhiana Admin",
    claims: { role: "admin", org: ORGS.ludhiana.id },
    what: `admin of ${ORGS.ludhiana.id}`,
  },
  {
    uid: "demo-admin-sangrur",
    email: "admin.sangrur@arogya.demo",
    displayName: "Sangrur Admin",
    claims: { role: "admin", org: ORGS.sangrur.id },
    what: `admin of ${ORGS.sangrur.id}`,
  },
  {
    uid: "demo-admin-raikot",
    email: "admin.raikot@arogya.demo",
    displayName: "Raikot Admin",
    claims: { role: "admin", org: ORGS.raikot.id },
    what: `admin of ${ORGS.raikot.id}`,
  },
];

/** Applications that make a public profile (a health worker's makes none: issue 15). */
type ProfileApplication = Exclude<Application, { role: "healthWorker" }>;
const doctorApplications: ProfileApplication[] = [
  {
    uid: "demo-dr-kaur",
    role: "doctor",
    org: ORGS.ludhiana.id,
    status: "approved",
    doctor: {
      name: "Dr. Harleen Kaur",
      specialties: ["General medicine"],
      registrationNumber: "PMC-45821",
      qualification: "MBBS, MD (Medicine)",
      feeInr: 200,
      languages: ["pa", "hi", "en"],
      timezone: "Asia/Kolkata",
    },
  },
  {
    uid: "demo-dr-sharma",
    role: "doctor",
    org: ORGS.ludhiana.id,
    status: "approved",
    doctor: {
      name: "Dr. Anil Sharma",
      specialties: ["Paediatrics"],
      registrationNumber: "PMC-39107",
      qualification: "MBBS, DCH",
      feeInr: 300,
      languages: ["hi", "en"],
      timezone: "Asia/Kolkata",
    },
  },
  {
    uid: "demo-dr-bansal",
    role: "doctor",
    org: ORGS.ludhiana.id,
    status: "approved",
    doctor: {
      name: "Dr. Neha Bansal",
      specialties: ["General medicine", "Teleconsultation"],
      registrationNumber: "PMC-60412",
      qualification: "MBBS",
      feeInr: 150,
      languages: ["hi", "pa", "en"],
      timezone: "Asia/Kolkata",
    },
  },
  {
    uid: "demo-dr-gill",
    role: "doctor",
    org: ORGS.sangrur.id,
    status: "approved",
    doctor: {
      name: "Dr. Manpreet Gill",
      specialties: ["Obstetrics and gynaecology"],
      registrationNumber: "PMC-51230",
      qualification: "MBBS, MS (Obstetrics and Gynaecology)",
      feeInr: 250,
      languages: ["pa", "en"],
      timezone: "Asia/Kolkata",
    },
  },
];

const pharmacyApplications: ProfileApplication[] = [
  {
    uid: "demo-pharmacist-raikot",
    role: "pharmacist",
    org: ORGS.raikot.id,
    status: "approved",
    pharmacyId: "demo-pharmacy-raikot",
    pharmacy: {
      name: "Raikot Jan Aushadhi Kendra",
      licenceNumber: "PB-LDH-20B-1182",
      phone: "+911624263100",
      address: {
        line1: "Main Bazaar",
        village: "Raikot",
        district: "Ludhiana",
        state: "Punjab",
        pincode: "141109",
      },
      location: { lat: 30.6507, lng: 75.6011 },
      openingHours: {
        mon: [{ open: "09:00", close: "20:00" }],
        tue: [{ open: "09:00", close: "20:00" }],
        wed: [{ open: "09:00", close: "20:00" }],
        thu: [{ open: "09:00", close: "20:00" }],
        fri: [{ open: "09:00", close: "20:00" }],
        sat: [{ open: "09:00", close: "14:00" }],
      },
      timezone: "Asia/Kolkata",
    },
  },
];

const weekHours = (open: string, close: string, days = ["mon", "tue", "wed", "thu", "fri", "sat"]) =>
  Object.fromEntries(days.map((d) => [d, [{ open, close }]]));

/** Three more pharmacies west of Ludhiana, at a few kilometres from each other. */
const chemists: Array<{
  uid: string;
  id: string;
  name: string;
  licence: string;
  village: string;
  pincode: string;
  lat: number;
  lng: number;
  hours: Record<string, Array<{ open: string; close: string }>>;
}> = [
  {
    uid: "demo-pharmacist-mullanpur",
    id: PHARMACY_IDS.mullanpur,
    name: "Mullanpur Medical Hall",
    licence: "PB-LDH-21B-2230",
    village: "Mullanpur Dakha",
    pincode: "141101",
    lat: 30.8466,
    lng: 75.6833,
    hours: weekHours("08:00", "21:00", ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]),
  },
  {
    uid: "demo-pharmacist-jodhan",
    id: PHARMACY_IDS.jodhan,
    name: "Jodhan Chemists",
    licence: "PB-LDH-20B-3301",
    village: "Jodhan",
    pincode: "141120",
    lat: 30.7851,
    lng: 75.7702,
    hours: weekHours("09:30", "19:30"),
  },
  {
    uid: "demo-pharmacist-jagraon",
    id: PHARMACY_IDS.jagraon,
    name: "Jagraon Lifeline Pharmacy",
    licence: "PB-LDH-20B-4412",
    village: "Jagraon",
    pincode: "142026",
    lat: 30.7867,
    lng: 75.4727,
    hours: {
      ...weekHours("09:00", "13:00"),
      ...Object.fromEntries(
        ["mon", "tue", "wed", "thu", "fri"].map((d) => [
          d,
          [
            { open: "09:00", close: "13:00" },
            { open: "16:00", close: "20:00" },
          ],
        ]),
      ),
    },
  },
];
for (const c of chemists) {
  pharmacyApplications.push({
    uid: c.uid,
    role: "pharmacist",
    org: ORGS.chemists.id,
    status: "approved",
    pharmacyId: c.id,
    pharmacy: {
      name: c.name,
      licenceNumber: c.licence,
      phone: "+911612500000",
      address: {
        line1: "Main Road",
        village: c.village,
        district: "Ludhiana",
        state: "Punjab",
        pincode: c.pincode,
      },
      location: { lat: c.lat, lng: c.lng },
      openingHours: c.hours,
      timezone: "Asia/Kolkata",
    },
  });
}

/** Seeded stock (Raikot's comes from the CSV import in `npm run demo`). Medicine id → units. */
const seededStock: Record<string, Record<string, number>> = {
  [PHARMACY_IDS.mullanpur]: {
    "paracetamol-500mg-tablet": 400,
    "cetirizine-10mg-tablet": 120,
    "amoxicillin-500mg-capsule": 0,
    "oral-rehydration-salts-20-5g-sachet": 60,
  },
  [PHARMACY_IDS.jodhan]: {
    "paracetamol-500mg-tablet": 90,
    "amoxicillin-500mg-capsule": 40,
    "metformin-500mg-tablet": 300,
  },
  [PHARMACY_IDS.jagraon]: {
    "paracetamol-500mg-tablet": 250,
    "amoxicillin-500mg-capsule": 100,
    "cetirizine-10mg-tablet": 8,
    "pantoprazole-40mg-tablet": 150,
  },
};

const patients: Array<{ uid: string; email: string; phone: string; profile: PatientProfile }> = [
  {
    uid: "demo-patient-simran",
    email: "simran@arogya.demo",
    phone: "+919800000001",
    profile: {
      name: "Simran Kaur",
      dateOfBirth: "1994-06-02",
      sex: "female",
      phone: "+919800000001",
      language: "pa",
      address: {
        line1: "House 4, Gurdwara Road",
        village: "Jodhan",
        district: "Ludhiana",
        state: "Punjab",
        pincode: "141120",
      },
    },
  },
  {
    uid: "demo-patient-ramesh",
    email: "ramesh@arogya.demo",
    phone: "+919800000002",
    profile: {
      name: "Ramesh Kumar",
      dateOfBirth: "1961-11-23",
      sex: "male",
      phone: "+919800000002",
      language: "hi",
      address: { line1: "Ward 7", village: "Dhuri", district: "Sangrur", state: "Punjab", pincode: "148024" },
    },
  },
  {
    uid: "demo-patient-anita",
    email: "anita@arogya.demo",
    phone: "+919800000003",
    profile: {
      name: "Anita Verma",
      dateOfBirth: "1988-01-15",
      sex: "female",
      phone: "+919800000003",
      language: "en",
      abhaNumber: "91-2345-6789-0124",
      address: { line1: "12 Mall Road", district: "Ludhiana", state: "Punjab", pincode: "141001" },
    },
  },
];

const weekdays = (days: string[], intervals: Array<{ start: string; end: string }>) =>
  Object.fromEntries(days.map((d) => [d, intervals]));

/** Weekly hours in India Standard Time; availability goes through the same schema as setAvailability. */
const availabilities: Record<string, unknown> = {
  "demo-dr-kaur": {
    timezone: "Asia/Kolkata",
    slotMinutes: 15,
    bufferAfterMinutes: 5,
    minNoticeMinutes: 60,
    horizonDays: 30,
    modes: ["video", "in_person"],
    weekly: weekdays(
      ["mon", "tue", "wed", "thu", "fri", "sat"],
      [
        { start: "09:00", end: "13:00" },
        { start: "16:00", end: "19:00" },
      ],
    ),
  },
  "demo-dr-sharma": {
    timezone: "Asia/Kolkata",
    slotMinutes: 20,
    minNoticeMinutes: 120,
    horizonDays: 21,
    modes: ["video"],
    weekly: weekdays(["mon", "tue", "wed", "thu", "fri"], [{ start: "10:00", end: "14:00" }]),
  },
  // On call for video consultations round the clock, 10-minute slots bookable at once.
  "demo-dr-bansal": {
    timezone: "Asia/Kolkata",
    slotMinutes: 10,
    minNoticeMinutes: 0,
    horizonDays: 7,
    modes: ["video"],
    weekly: weekdays(["mon", "tue", "wed", "thu", "fri", "sat", "sun"], [{ start: "00:00", end: "24:00" }]),
  },
  "demo-dr-gill": {
    timezone: "Asia/Kolkata",
    slotMinutes: 30,
    bufferBeforeMinutes: 5,
    bufferAfterMinutes: 5,
    minNoticeMinutes: 240,
    horizonDays: 30,
    modes: ["video", "in_person"],
    weekly: weekdays(["tue", "thu", "sat"], [{ start: "09:00", end: "12:00" }]),
    exceptions: [{ date: "2026-12-26", intervals: [], note: "Gurpurab" }],
    leave: [{ from: "2026-12-28", to: "2027-01-03", note: "Annual leave" }],
  },
};

async function ensureUser(
  a: { uid: string; email: string; phone?: string; displayName: string },
  claims: Claims,
) {
  const { auth } = admin();
  const exists = await auth.getUser(a.uid).then(
    () => true,
    () => false,
  );
  const fields = {
    email: a.email,
    password: DEMO_PASSWORD,
    displayName: a.displayName,
    phoneNumber: a.phone,
    emailVerified: true,
  };
  if (exists) await auth.updateUser(a.uid, fields);
  else await auth.createUser({ uid: a.uid, ...fields });
  await auth.setCustomUserClaims(a.uid, claims);
}

/**
 * Messages go only to a number its holder proved. A demo account's number is on its Auth account,
 * as phone sign-in leaves it, so the patient's own requestPhoneVerification records it as proven
 * without a code: the seed signs in as them and asks, as the app does after a phone sign-in.
 */
async function proveAuthPhone(email: string, phone: string) {
  const client = await signIn(email, DEMO_PASSWORD);
  try {
    const answer = await client.call<{ status: string }>("requestPhoneVerification", { phone });
    if (answer.status !== "verified") throw new Error(`${email}: the Auth phone was not taken as proven`);
  } finally {
    await client.close();
  }
}

/** Dr. Kaur's messages (issue 14): a proven number, Punjabi, SMS, quiet from 21:00 to 07:00, agenda at 07:30. */
const CLINICIAN_CONTACTS: Record<string, { phone: string; language: "en" | "hi" | "pa" }> = {
  "demo-dr-kaur": { phone: "+919800000101", language: "pa" },
};

async function seed() {
  const { db } = admin();
  for (const org of Object.values(ORGS)) {
    const { id, ...data } = org;
    await db.doc(`organisations/${id}`).set({ ...data, createdAt: now, createdBy: "demo-platform-admin" });
  }
  for (const a of accounts) {
    await ensureUser(a, a.claims);
    if (a.claims.org)
      await db
        .doc(`organisations/${a.claims.org}/members/${a.uid}`)
        .set({ uid: a.uid, role: "admin", status: "active", since: now });
  }
  for (const application of [...doctorApplications, ...pharmacyApplications]) {
    const name =
      application.role === "doctor" ? application.doctor.name : `${application.pharmacy.name} pharmacist`;
    const email = `${application.uid.replace(/^demo-/, "").replace(/-/g, ".")}@arogya.demo`;
    await ensureUser(
      { uid: application.uid, email, displayName: name },
      claimsForApprovedApplication(application),
    );
    const profile = buildApprovedProfile(application, "demo-admin-seed", now);
    const data =
      profile.collection === "pharmacies"
        ? { ...profile.data, location: new GeoPoint(profile.data.location.lat, profile.data.location.lng) }
        : profile.data;
    await db.doc(`${profile.collection}/${profile.id}`).set(data);
    await db
      .doc(`applications/${application.uid}`)
      .set({ ...application, submittedAt: now, reviewedAt: now, reviewedBy: "demo-platform-admin" });
    await db
      .doc(`organisations/${application.org}/members/${application.uid}`)
      .set({ uid: application.uid, role: application.role, status: "active", since: now });
    const clinician = CLINICIAN_CONTACTS[application.uid];
    if (clinician) {
      await admin().auth.updateUser(application.uid, { phoneNumber: clinician.phone });
      await proveAuthPhone(email, clinician.phone);
      const client = await signIn(email, DEMO_PASSWORD);
      await client.call("setClinicianContact", {
        language: clinician.language,
        channel: "sms",
        quietHours: { startHour: 21, endHour: 7 },
        timezone: "Asia/Kolkata",
        // The day's agenda at 07:30 IST (issue 14, tools/demo.ts shows it).
        agendaTime: "07:30",
      });
      await client.close();
    }
    if (availabilities[application.uid]) {
      const availability = availabilitySchema.parse(availabilities[application.uid]);
      await db
        .doc(`availability/${application.uid}`)
        .set({ ...availability, doctorUid: application.uid, updatedAt: now, updatedBy: "demo-admin-seed" });
    }
    accounts.push({
      uid: application.uid,
      email,
      displayName: name,
      claims: claimsForApprovedApplication(application),
      what: `${application.role} in ${application.org}`,
    });
  }
  for (const medicine of MEDICINE_MASTER) {
    const doc = buildMedicineDoc(medicine, now);
    await db.doc(`medicines/${doc.medicineId}`).set(doc);
  }
  const today = wallTimeOf(now.getTime(), "Asia/Kolkata").localDate;
  const nextYear = `${Number(today.slice(0, 4)) + 1}-${today.slice(5, 7)}`;
  const known = new Set(MEDICINE_MASTER.map((m) => buildMedicineDoc(m, now).medicineId));
  for (const [pharmacyId, stock] of Object.entries(seededStock)) {
    for (const [medicineId, quantity] of Object.entries(stock)) {
      if (!known.has(medicineId))
        throw new Error(`seeded stock names ${medicineId}, which is not in the medicine master`);
      const item: StockItem = {
        medicineId,
        batches: [{ batch: `S-${medicineId.slice(0, 6).toUpperCase()}`, expiry: nextYear, quantity }],
        pricePaise: 150,
        lowStockThreshold: 10,
      };
      await db
        .doc(`pharmacies/${pharmacyId}/inventory/${medicineId}`)
        .set(buildInventoryDoc(pharmacyId, item, today, now, "Asia/Kolkata"));
      await db
        .doc(`pharmacies/${pharmacyId}/stock/${medicineId}`)
        .set(buildPublicStockDoc(pharmacyId, item, today, now));
    }
  }
  for (const p of patients) {
    await ensureUser(
      { uid: p.uid, email: p.email, phone: p.phone, displayName: p.profile.name },
      { role: "patient" },
    );
    await db.doc(`patients/${p.uid}`).set({ ...p.profile, updatedAt: now });
    await proveAuthPhone(p.email, p.phone);
    accounts.push({
      uid: p.uid,
      email: p.email,
      phone: p.phone,
      displayName: p.profile.name,
      claims: { role: "patient" },
      what: "patient",
    });
  }
}

await seed();
if (quiet) {
  console.log(`[seed] ${accounts.length} demo accounts, ${Object.keys(ORGS).length} organisations`);
} else {
  console.log(
    `\nDemo accounts (password for all: ${DEMO_PASSWORD}; phone sign-in codes appear in the Auth emulator):`,
  );
  for (const a of accounts) console.log(`  ${a.email.padEnd(34)} ${(a.phone ?? "").padEnd(14)} ${a.what}`);
  console.log(
    `Organisations: ${Object.values(ORGS)
      .map((o) => `${o.id} (${o.type})`)
      .join(", ")}`,
  );
  console.log(
    `Medicine master: ${MEDICINE_MASTER.length} medicines; stock seeded at ${Object.keys(seededStock).length} pharmacies\n`,
  );
}
