// `npm run demo`: a scripted journey through the backend with the Firebase client SDK, as the
// web and mobile clients use it, against the running emulators. Each later capability adds
// its steps here. Exits non-zero if any step does not behave as described.
import {
  collection,
  doc,
  getDoc,
  getDocs,
  query,
  serverTimestamp,
  setDoc,
  updateDoc,
  where,
} from "firebase/firestore";
import type { Bundle, Resource } from "@medplum/fhirtypes";
import { validateFhir } from "./fhirValidation";
import type { RequestOf } from "../client/src";
import { ORG_IDS } from "./demo-data";
import {
  HOSTING_URL,
  callError,
  claimsOf,
  jwtPayload,
  phoneSignUp,
  signIn,
  signUp,
  uniqueEmail,
  waitPastSecond,
} from "./emulator-client";

const DEMO_PASSWORD = "arogya-demo";
let step = 0;
function say(text: string) {
  step += 1;
  console.log(`\n${String(step).padStart(2)}. ${text}`);
}
function ok(text: string) {
  console.log(`    ok: ${text}`);
}
function check(condition: boolean, text: string) {
  if (!condition) throw new Error(`demo step ${step} failed: ${text}`);
  ok(text);
}
async function refused(promise: Promise<unknown>, text: string) {
  try {
    await promise;
  } catch (error) {
    ok(`${text} (refused: ${(error as { code?: string }).code ?? String(error)})`);
    return;
  }
  throw new Error(`demo step ${step} failed: ${text} was allowed`);
}

say("A patient signs up with email; the blocking trigger makes them a patient");
const patient = await signUp(uniqueEmail("demo-patient"));
check((await claimsOf(patient)).role === "patient", `uid ${patient.user.uid} has role patient`);

say("The patient writes their own profile under the security rules, and reads it back");
const profile = {
  name: "Jaspreet Singh",
  dateOfBirth: "1979-03-08",
  sex: "male",
  phone: "+919812300001",
  address: {
    line1: "Near the water tank",
    village: "Mullanpur",
    district: "Ludhiana",
    state: "Punjab",
    pincode: "141101",
  },
  language: "pa",
  updatedAt: serverTimestamp(),
};
await setDoc(doc(patient.db, "patients", patient.user.uid), profile);
const saved = await getDoc(doc(patient.db, "patients", patient.user.uid));
check(saved.get("language") === "pa", "profile saved, preferred language Punjabi");

say("Forbidden things are refused");
await refused(
  updateDoc(doc(patient.db, "patients", patient.user.uid), { role: "admin", updatedAt: serverTimestamp() }),
  "giving oneself a role field",
);
await refused(
  updateDoc(doc(patient.db, "patients", patient.user.uid), { phone: "98123", updatedAt: serverTimestamp() }),
  "a phone number that is not E.164",
);
await refused(
  getDoc(doc(patient.db, "patients", "demo-patient-simran")),
  "reading another patient's profile",
);
await refused(getDocs(collection(patient.db, "auditLog")), "reading the audit log");
const notAdmin = await callError(
  patient.call("createOrganisation", { name: "My Clinic", type: "clinic", district: "X", state: "Y" }),
);
check(
  notAdmin.code === "functions/permission-denied",
  `a patient cannot create an organisation (${notAdmin.code})`,
);

say(
  "Jaspreet proves the number typed into the profile: nothing is texted to it until a code sent to it comes back",
);
const typed = profile.phone;
const codesBefore = await messagesTo(typed);
const asked = await patient.arogya.requestPhoneVerification({ phone: typed });
check(asked.status === "sent", "a six-digit code is queued through the outbox, in Punjabi");
for (let i = 0; i < 120 && (await messagesTo(typed)) === codesBefore; i += 1)
  await new Promise((r) => setTimeout(r, 250));
const codeSms = await lastMessageTo(typed);
const code = /\b(\d{6})\b/.exec(codeSms.body)?.[1] ?? "";
check(code.length === 6, `SMS ${codeSms.sid} carries the code (recorded by the local Twilio API)`);
const wrongCode = await callError(
  patient.call("confirmPhoneVerification", { phone: typed, code: code === "000000" ? "111111" : "000000" }),
);
check(wrongCode.code === "functions/invalid-argument", `a wrong code is refused: ${wrongCode.message}`);
const proven = await patient.arogya.confirmPhoneVerification({ phone: typed, code });
check(proven.status === "verified", "the right code proves the number: messages go to it from now on");
check(
  (await getDoc(doc(patient.db, "contacts", patient.user.uid))).get("phone") === typed,
  "Jaspreet reads the proven number back",
);
await refused(
  setDoc(doc(patient.db, "contacts", patient.user.uid), { phone: "+919800000009" }),
  "writing the proven number from the client",
);

say("Another patient signs up by phone (the Auth emulator hands out the SMS code)");
const phoneUser = await phoneSignUp(`+9198${String(Date.now()).slice(-8)}`);
check(jwtPayload(phoneUser.idToken).role === "patient", `phone user ${phoneUser.uid} has role patient`);

say("A doctor signs up and applies to join the Ludhiana clinic");
const applicant = await signUp(uniqueEmail("demo-doctor"));
const badApplication = await callError(
  applicant.call("applyForRole", {
    role: "doctor",
    org: ORG_IDS.ludhiana,
    doctor: {
      name: "Dr. Navdeep Brar",
      specialties: [],
      registrationNumber: "PMC-60011",
      feeInr: -5,
      languages: ["pa"],
      timezone: "Asia/Kolktta",
    },
  }),
);
check(
  badApplication.code === "functions/invalid-argument",
  `an invalid application is refused: ${badApplication.message}`,
);
const applied = await applicant.arogya.applyForRole({
  role: "doctor",
  org: ORG_IDS.ludhiana,
  doctor: {
    name: "Dr. Navdeep Brar",
    specialties: ["General medicine"],
    registrationNumber: "PMC-60011",
    feeInr: 250,
    languages: ["pa", "hi"],
    timezone: "Asia/Kolkata",
  },
});
check(applied.status === "pending", "application pending review");

say("The Sangrur admin cannot approve it; the Ludhiana admin can");
const otherAdmin = await signIn("admin.sangrur@arogya.demo", DEMO_PASSWORD);
const wrongOrg = await callError(
  otherAdmin.call("reviewApplication", { applicantUid: applicant.user.uid, decision: "approve" }),
);
check(
  wrongOrg.code === "functions/permission-denied",
  `admin of another organisation refused (${wrongOrg.code})`,
);
const ludhianaAdmin = await signIn("admin.ludhiana@arogya.demo", DEMO_PASSWORD);
const pending = await getDocs(
  query(
    collection(ludhianaAdmin.db, "applications"),
    where("org", "==", ORG_IDS.ludhiana),
    where("status", "==", "pending"),
  ),
);
check(
  pending.docs.some((d) => d.id === applicant.user.uid),
  `the admin sees ${pending.size} pending application(s) for their clinic`,
);
// Firebase records revocation to the second: approve only once the second the applicant signed
// in has passed, or their session would survive it (see the README).
await waitPastSecond(jwtPayload(await applicant.user.getIdToken()).auth_time as number);
const review = await ludhianaAdmin.arogya.reviewApplication({
  applicantUid: applicant.user.uid,
  decision: "approve",
});
check(review.status === "approved", "approved");

say("The approval revoked the applicant's sessions; signing in again gives the doctor role");
// Production refuses the revoked refresh token outright; the Auth emulator still refreshes it,
// but the token keeps its old auth_time, so every revocation-checking endpoint refuses it.
const stale = await fetch(`${HOSTING_URL}/api/auth/session`, {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ idToken: await applicant.user.getIdToken(true) }),
});
check(stale.status === 401, "the pre-approval session is refused as revoked (401)");
const doctor = await signIn(applicant.user.email!);
const doctorClaims = await claimsOf(doctor);
check(
  doctorClaims.role === "doctor" && doctorClaims.org === ORG_IDS.ludhiana,
  `role doctor in ${ORG_IDS.ludhiana}`,
);

say("The doctor edits their practice fields, but not their registration or organisation");
await updateDoc(doc(doctor.db, "doctors", doctor.user.uid), { feeInr: 300, updatedAt: serverTimestamp() });
ok("fee changed to 300");
await refused(
  updateDoc(doc(doctor.db, "doctors", doctor.user.uid), {
    registrationNumber: "PMC-99999",
    updatedAt: serverTimestamp(),
  }),
  "changing the registration number",
);
await refused(
  updateDoc(doc(doctor.db, "doctors", doctor.user.uid), {
    org: ORG_IDS.sangrur,
    updatedAt: serverTimestamp(),
  }),
  "moving to another organisation",
);

say("Patients find approved doctors");
const doctors = await getDocs(query(collection(patient.db, "doctors"), where("status", "==", "approved")));
check(
  doctors.docs.some((d) => d.id === doctor.user.uid),
  `${doctors.size} approved doctors listed, the new one among them`,
);

say("Web session: the doctor exchanges a fresh ID token for an httpOnly cookie at /api/auth/session");
const session = await fetch(`${HOSTING_URL}/api/auth/session`, {
  method: "POST",
  headers: { "content-type": "application/json", origin: HOSTING_URL },
  body: JSON.stringify({ idToken: await doctor.user.getIdToken() }),
});
const setCookie = session.headers.get("set-cookie") ?? "";
const { csrfToken, role } = (await session.json()) as { csrfToken: string; role: string };
check(
  session.status === 200 &&
    /HttpOnly/i.test(setCookie) &&
    /SameSite=Strict/i.test(setCookie) &&
    /Secure/i.test(setCookie),
  "cookie set: HttpOnly; Secure; SameSite=Strict",
);
const cookie = setCookie.split(";")[0];
const me = await fetch(`${HOSTING_URL}/api/auth/me`, { headers: { cookie } });
const meBody = (await me.json()) as { role: string; org: string };
check(
  me.status === 200 && meBody.role === "doctor" && role === "doctor",
  `GET /api/auth/me: ${meBody.role} of ${meBody.org}`,
);
// Firebase Auth records revocation to the second: a session whose sign-in falls in the same
// second as the sign-out would outlive it, so the demo lets that second pass first.
await waitPastSecond(Number(doctorClaims.auth_time));
const noCsrf = await fetch(`${HOSTING_URL}/api/auth/session`, { method: "DELETE", headers: { cookie } });
check(noCsrf.status === 403, "sign-out without the CSRF token is refused (403)");
const signOut = await fetch(`${HOSTING_URL}/api/auth/session`, {
  method: "DELETE",
  headers: { cookie, "x-csrf-token": csrfToken },
});
check(signOut.status === 204, "sign-out with the CSRF token: 204");
const after = await fetch(`${HOSTING_URL}/api/auth/me`, { headers: { cookie } });
check(after.status === 401, "the revoked session is refused (401)");

say("The Ludhiana admin reads the audit trail of their clinic (ids and actions only)");
const audit = await getDocs(
  query(collection(ludhianaAdmin.db, "auditLog"), where("org", "==", ORG_IDS.ludhiana)),
);
const actions = new Set(audit.docs.map((d) => d.get("action") as string));
check(
  actions.has("application.submitted") && actions.has("application.approved"),
  `${audit.size} entries, actions: ${[...actions].sort().join(", ")}`,
);

/** The newest message the local Twilio API recorded for a number, waiting for the outbox trigger. */
async function lastMessageTo(
  phone: string,
  accept: (m: { sid: string; body: string }) => boolean = () => true,
) {
  for (let i = 0; i < 120; i += 1) {
    const last = (await recordedTo(phone)).at(-1);
    if (last && accept(last)) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no message recorded for ${phone}`);
}
/** What the local Twilio API has recorded for a number so far, oldest first (no waiting). */
async function recordedTo(phone: string): Promise<Array<{ sid: string; body: string }>> {
  const { messages } = (await (await fetch("http://127.0.0.1:4599/__emulator/messages")).json()) as {
    messages: Array<{ sid: string; to: string; body: string }>;
  };
  return messages.filter((m) => m.to.replace(/^whatsapp:/, "") === phone);
}
async function messagesTo(phone: string): Promise<number> {
  return (await recordedTo(phone)).length;
}
// The newest message Simran's number had before she books, if any: her confirmation is the next one.
const lastBefore = (await recordedTo("+919800000001")).at(-1)?.sid ?? "none";

say("Simran lists Dr. Kaur's free slots for the coming week (times in IST)");
const simran = await signIn("simran@arogya.demo", DEMO_PASSWORD);
const ramesh = await signIn("ramesh@arogya.demo", DEMO_PASSWORD);
const weekAhead = {
  doctorUid: "demo-dr-kaur",
  from: new Date().toISOString(),
  to: new Date(Date.now() + 7 * 86_400_000).toISOString(),
};
const { slots } = await simran.arogya.listSlots(weekAhead);
const later = slots.filter((s) => Date.parse(s.start) > Date.now() + 24 * 3_600_000);
check(
  later.length >= 3,
  `${slots.length} free slots; first after tomorrow: ${later[0].localDate} ${later[0].localTime}`,
);

say("Simran books it; her phone retries the same request, and gets the same appointment back");
const request: RequestOf<"book"> = {
  doctorUid: "demo-dr-kaur",
  start: later[0].start,
  mode: "video",
  idempotencyKey: `demo-${Date.now()}`,
};
const booked = await simran.arogya.book(request);
const retried = await simran.arogya.book(request);
check(
  booked.status === "booked" && retried.appointmentId === booked.appointmentId,
  `appointment ${booked.appointmentId} at ${booked.localTime}, retry answered with the same id`,
);

say("The confirmation reaches Simran's phone in Punjabi (recorded by the local Twilio API, never sent)");
const confirmation = await lastMessageTo("+919800000001", (m) => m.sid !== lastBefore);
check(/[\u0A00-\u0A7F]/.test(confirmation.body), `SMS ${confirmation.sid}: ${confirmation.body}`);

say("Dr. Kaur is told of the booking on her proven number, in Punjabi, with Simran's first name and initial");
// A message written in her quiet hours (21:00 to 07:00 IST) waits for 07:00: the outbox sweep,
// run by hand with the clock at 07:02 IST the next morning, sends it then (at once otherwise).
const sweeper = await signIn("platform@arogya.demo", DEMO_PASSWORD);
const istNow = new Date(Date.now() + 330 * 60_000);
const inQuiet = istNow.getUTCHours() >= 21 || istNow.getUTCHours() < 7;
if (inQuiet) {
  const morning =
    Date.UTC(istNow.getUTCFullYear(), istNow.getUTCMonth(), istNow.getUTCDate(), 7, 2) - 330 * 60_000;
  const sweepAt = morning > Date.now() ? morning : morning + 86_400_000;
  await sweeper.call("runScheduledWork", { task: "outbox", now: new Date(sweepAt).toISOString() });
}
const kaurBooked = await lastMessageTo("+919800000101", (m) => /[\u0A00-\u0A7F]/.test(m.body));
check(
  kaurBooked.body.includes("Simran") && !kaurBooked.body.includes("Simran Kaur"),
  `${inQuiet ? "held for her quiet hours, then " : ""}SMS ${kaurBooked.sid}: ${kaurBooked.body}`,
);

say("Ramesh cannot take the same slot");
const taken = await callError(
  ramesh.call("book", { doctorUid: "demo-dr-kaur", start: later[0].start, mode: "video" }),
);
check(taken.code === "functions/already-exists", taken.message);

say("Simran reschedules to another slot; the freed slot is Ramesh's to book");
const moved = await simran.arogya.reschedule({
  appointmentId: booked.appointmentId,
  start: later[2].start,
});
ok(`moved to ${moved.localDate} ${moved.localTime}`);
const rameshBooking = await ramesh.arogya.book({
  doctorUid: "demo-dr-kaur",
  start: later[0].start,
  mode: "in_person",
});
ok(`Ramesh booked ${rameshBooking.localTime}`);

say("Patients read their own appointments directly, not each other's; nobody writes them");
const mine = await getDocs(
  query(collection(simran.db, "appointments"), where("patientUid", "==", simran.user.uid)),
);
check(
  mine.docs.some((d) => d.id === booked.appointmentId),
  `Simran sees ${mine.size} appointment(s) of hers`,
);
await refused(
  getDoc(doc(simran.db, "appointments", rameshBooking.appointmentId)),
  "reading Ramesh's appointment",
);
await refused(
  updateDoc(doc(simran.db, "appointments", booked.appointmentId), { status: "completed" }),
  "writing an appointment from the client",
);

say("The clock moves to 24 hours before Simran's appointment: the scheduler sends her reminder, once");
const platform = await signIn("platform@arogya.demo", DEMO_PASSWORD);
const beforeReminder = (await lastMessageTo("+919800000001")).sid;
const reminderAt = new Date(Date.parse(later[2].start) - 24 * 3_600_000).toISOString();
const countBefore = await messagesTo("+919800000001");
await Promise.all(
  [0, 1].map(() => platform.call("runScheduledWork", { task: "reminders", now: reminderAt })),
);
const reminder = await lastMessageTo("+919800000001", (m) => m.sid !== beforeReminder);
await new Promise((r) => setTimeout(r, 2000)); // let any duplicate show up, were there one
check((await messagesTo("+919800000001")) === countBefore + 1, "two scheduler runs at once, one reminder");
check(/[\u0A00-\u0A7F]/.test(reminder.body), `SMS: ${reminder.body}`);

say("The clock moves to 07:30 IST: Dr. Kaur's agenda for the day (count, times, video or clinic; no names)");
const agendaBefore = await messagesTo("+919800000101");
const istClock = new Date(Date.now() + 330 * 60_000);
const agendaAt =
  Date.UTC(istClock.getUTCFullYear(), istClock.getUTCMonth(), istClock.getUTCDate(), 7, 30) - 330 * 60_000;
const agendaDue = agendaAt > Date.now() ? agendaAt : agendaAt + 86_400_000;
await Promise.all(
  [0, 1].map(() =>
    sweeper.call("runScheduledWork", { task: "agendas", now: new Date(agendaDue + 60_000).toISOString() }),
  ),
);
const agenda = await lastMessageTo("+919800000101", (m) => m.body.includes("ਤੁਹਾਡਾ ਦਿਨ"));
await new Promise((r) => setTimeout(r, 2000)); // let any duplicate show up, were there one
check(
  (await messagesTo("+919800000101")) === agendaBefore + 1,
  `two runs at once, one agenda: SMS ${agenda.sid}: ${agenda.body}`,
);

say("Both cancel; the slots are offered again");
await simran.arogya.cancel({ appointmentId: booked.appointmentId });
await ramesh.arogya.cancel({ appointmentId: rameshBooking.appointmentId });
const again = await simran.arogya.listSlots(weekAhead);
check(
  [later[0].start, later[2].start].every((s) => again.slots.some((x) => x.start === s)),
  "both slots listed as free again",
);

say("The Raikot pharmacist imports the shop's stock from a CSV file; bad rows are reported, not applied");
const pharmacist = await signIn("pharmacist.raikot@arogya.demo", DEMO_PASSWORD);
const nextYear = new Date().getUTCFullYear() + 1;
const stockCsv = [
  "Medicine ID,Batch,Expiry,Quantity,Price,Low Stock Threshold",
  `paracetamol-500mg-tablet,JA2291,${nextYear}-03,600,1.10,100`,
  `paracetamol-500mg-tablet,JA2304,${nextYear}-09,400,1.10,100`,
  `amoxicillin-500mg-capsule,AX118,${nextYear}-01,150,4.20,30`,
  `cetirizine-10mg-tablet,CZ77,${nextYear}-06,90,0.95,20`,
  `metformin-500mg-tablet,MF09,${nextYear}-12,500,0.80,100`,
  `pantoprazole-40mg-tablet,PZ3,2024-02,200,2.40,40`,
  `cough-syrup-unknown,CS1,${nextYear}-01,20,55.00,5`,
  `azithromycin-500mg-tablet,AZ5,${nextYear}-04,twenty,21.00,5`,
].join("\n");
const imported = await pharmacist.arogya.importStockCsv({
  pharmacyId: "demo-pharmacy-raikot",
  csv: stockCsv,
});
check(
  imported.appliedRows === 5 && imported.rejectedRows === 3,
  `${imported.appliedRows} rows applied to ${imported.medicines.changed} medicines, ${imported.rejectedRows} rejected:`,
);
for (const e of imported.errors) ok(`  row ${e.row}, ${e.column}: ${e.reason}`);
const report = await getDoc(
  doc(pharmacist.db, "pharmacies", "demo-pharmacy-raikot", "imports", imported.importId),
);
check(
  report.get("status") === "done",
  `the pharmacist reads the import report under the rules: ${report.get("processedItems")} items processed`,
);
const reimported = await pharmacist.arogya.importStockCsv({
  pharmacyId: "demo-pharmacy-raikot",
  csv: stockCsv,
});
check(
  reimported.medicines.changed === 0,
  `importing the same file again changes nothing (${reimported.medicines.unchanged} medicines unchanged)`,
);
await refused(
  getDoc(doc(simran.db, "pharmacies", "demo-pharmacy-raikot", "inventory", "paracetamol-500mg-tablet")),
  "a patient reading the shop's batches and quantities",
);
const shelf = await getDoc(
  doc(simran.db, "pharmacies", "demo-pharmacy-raikot", "stock", "paracetamol-500mg-tablet"),
);
check(
  shelf.get("inStock") === true,
  `a patient sees only: in stock, ₹${shelf.get("pricePaise") / 100} a unit`,
);

say("Simran looks up her medicines by name, as a patient types them");
const found = await simran.arogya.searchMedicines({ query: "AMOXI" });
check(
  found.medicines.some((m) => m.medicineId === "amoxicillin-500mg-capsule"),
  `"AMOXI" → ${found.medicines.map((m) => m.displayName).join(", ")}`,
);
const byBrand = await simran.arogya.searchMedicines({
  query: "crocin",
});
check(
  byBrand.medicines.length > 0,
  `"crocin" (a brand) → ${byBrand.medicines.map((m) => m.displayName).join(", ")}`,
);

say("From her village, Simran finds the nearest pharmacy that has everything on her prescription");
const jodhan = { lat: 30.7851, lng: 75.7702 };
const prescriptionItems = ["paracetamol-500mg-tablet", "amoxicillin-500mg-capsule", "cetirizine-10mg-tablet"];
const fill = await simran.arogya.findPharmacies({
  center: jodhan,
  radiusKm: 30,
  medicineIds: prescriptionItems,
});
for (const p of fill.pharmacies) {
  const when = p.openNow
    ? "open now"
    : p.opensAt
      ? `opens ${new Date(p.opensAt).toLocaleString("en-IN", { timeZone: "Asia/Kolkata", weekday: "short", hour: "2-digit", minute: "2-digit" })}`
      : "closed";
  ok(
    `  ${p.name}, ${p.distanceKm.toFixed(1)} km, ${when}: ${p.fill?.complete ? "has everything" : `missing ${p.fill?.missing.map((m) => m.name).join(", ")}`}`,
  );
}
check(
  fill.pharmacies[0]?.pharmacyId === "demo-pharmacy-raikot" && fill.pharmacies[0].fill?.complete === true,
  "the nearest pharmacy with everything is Raikot, whose stock was just imported",
);
check(
  fill.pharmacies.some((p) => !p.fill?.complete && p.distanceKm < fill.pharmacies[0].distanceKm),
  "nearer pharmacies that have only some of it come after, with what they lack",
);

say("Simran books a video consultation with the on-call doctor, starting within ten minutes");
const bansal = await signIn("dr.bansal@arogya.demo", DEMO_PASSWORD);
const soon = await simran.arogya.listSlots({
  doctorUid: "demo-dr-bansal",
  from: new Date().toISOString(),
  to: new Date(Date.now() + 3_600_000).toISOString(),
});
const visit = await simran.arogya.book({
  doctorUid: "demo-dr-bansal",
  start: soon.slots[0].start,
  mode: "video",
});
check(
  Date.parse(soon.slots[0].start) - Date.now() <= 10 * 60_000,
  `appointment ${visit.appointmentId} at ${visit.localTime} IST with Dr. Neha Bansal`,
);
const notHers = await callError(ramesh.call("joinConsultation", { appointmentId: visit.appointmentId }));
check(
  notHers.code === "functions/permission-denied",
  `Ramesh cannot get a video token for it (${notHers.code})`,
);

say(
  "Both join: each gets a Jitsi and a Twilio Video token for that room only; Simran watches the session state live",
);
const patientJoin = await simran.arogya.joinConsultation({ appointmentId: visit.appointmentId });
const doctorJoin = await bansal.arogya.joinConsultation({ appointmentId: visit.appointmentId });
const jitsiClaims = jwtPayload(doctorJoin.jitsi!.token) as {
  room: string;
  context: { user: { moderator: string } };
};
check(
  jitsiClaims.room === patientJoin.jitsi?.room && jitsiClaims.context.user.moderator === "true",
  `Jitsi room ${jitsiClaims.room}: the doctor moderates, the patient does not (${(jwtPayload(patientJoin.jitsi!.token) as { context: { user: { moderator: string } } }).context.user.moderator})`,
);
const liveSession = await getDoc(doc(simran.db, "consultations", visit.appointmentId));
check(
  liveSession.get("status") === "in_progress",
  `Simran reads the session under the rules: ${liveSession.get("status")}`,
);
await refused(getDoc(doc(ramesh.db, "consultations", visit.appointmentId)), "Ramesh reading the session");

say("Dr. Bansal writes the note (SOAP, ICD-10, vitals), then amends it; the first version stays readable");
const soap = {
  subjective: "Fever, sore throat, runny nose for 3 days",
  objective: "Temp 38.2 C; throat congested",
  assessment: "Acute pharyngitis",
  plan: "Symptomatic care; antibiotics if no better",
};
await bansal.arogya.writeClinicalRecord({
  appointmentId: visit.appointmentId,
  soap,
  diagnoses: [{ code: "J02.9", description: "Acute pharyngitis", primary: true }],
  vitals: { temperatureC: 38.2, pulseBpm: 92, spo2Percent: 98 },
});
const amendedNote = await bansal.arogya.writeClinicalRecord({
  appointmentId: visit.appointmentId,
  soap: { ...soap, plan: "Amoxicillin for 7 days; review if not better in 3 days" },
  diagnoses: [
    { code: "J02.9", description: "Acute pharyngitis", primary: true },
    { code: "J30.4", description: "Allergic rhinitis" },
  ],
  amendmentReason: "Added the antibiotic and the rhinitis",
});
const versions = await getDocs(collection(simran.db, "clinicalRecords", visit.appointmentId, "versions"));
check(
  amendedNote.version === 2 && versions.size === 2,
  `Simran reads both versions: ${versions.docs.map((d) => `v${d.get("version")}`).join(", ")}`,
);

say(
  "Dr. Bansal issues the e-prescription: validated, signed, rendered in Punjabi, stored, and texted to Simran",
);
const rxLines: RequestOf<"issuePrescription">["lines"] = [
  {
    medicineId: "paracetamol-500mg-tablet",
    name: "Paracetamol",
    strength: "500 mg",
    form: "tablet",
    dose: { amount: 1, unit: "tablet" },
    frequency: "TDS",
    route: "oral",
    durationDays: 3,
    quantity: 9,
    instructions: "After food",
  },
  {
    medicineId: "amoxicillin-500mg-capsule",
    name: "Amoxicillin",
    strength: "500 mg",
    form: "capsule",
    dose: { amount: 1, unit: "capsule" },
    frequency: "BD",
    route: "oral",
    durationDays: 7,
    quantity: 14,
  },
  {
    medicineId: "cetirizine-10mg-tablet",
    name: "Cetirizine",
    strength: "10 mg",
    form: "tablet",
    dose: { amount: 1, unit: "tablet" },
    frequency: "HS",
    route: "oral",
    durationDays: 5,
    quantity: 5,
  },
];
const wrongQuantity = await callError(
  bansal.call("issuePrescription", {
    appointmentId: visit.appointmentId,
    lines: [{ ...rxLines[1], quantity: 7 }],
  }),
);
check(
  wrongQuantity.code === "functions/invalid-argument",
  `a quantity that does not cover the course is refused: ${wrongQuantity.message}`,
);
const issued = await bansal.arogya.issuePrescription({
  appointmentId: visit.appointmentId,
  lines: rxLines,
  advice: "Warm fluids, rest",
});
ok(`prescription ${issued.prescriptionId}, verification code ${issued.verificationCode}`);
const link = await simran.arogya.prescriptionLink({
  prescriptionId: issued.prescriptionId,
});
const pdf = Buffer.from(await (await fetch(link.url)).arrayBuffer());
check(
  pdf.subarray(0, 5).toString() === "%PDF-",
  `Simran downloads the PDF (${pdf.length} bytes) from Cloud Storage by a link valid until ${link.expiresAt}`,
);
const rxSms = await lastMessageTo("+919800000001", (m) => m.body.includes("/s/"));
check(/[\u0A00-\u0A7F]/.test(rxSms.body), "the SMS with the link is in Punjabi and names no medicine");

say("Simran asks where to fill this prescription near her village");
const forRx = await simran.arogya.findPharmacies({
  center: jodhan,
  radiusKm: 30,
  prescriptionId: issued.prescriptionId,
});
check(
  forRx.pharmacies[0]?.pharmacyId === "demo-pharmacy-raikot" && forRx.pharmacies[0].fill?.complete === true,
  `${forRx.pharmacies[0].name} has all ${rxLines.length} items, ${forRx.pharmacies[0].distanceKm.toFixed(1)} km away`,
);

say("At Raikot the pharmacist scans the QR: the public endpoint says it is genuine; it is dispensed once");
const qrUrl = `${HOSTING_URL}/api/rx/verify?id=${issued.prescriptionId}&sig=${issued.signature}`;
const verified = (await (await fetch(qrUrl)).json()) as {
  valid: boolean;
  issuedBy: { doctorName: string; registrationNumber: string };
  patient: { initials: string };
  dispensed: boolean;
};
check(
  verified.valid && !verified.dispensed,
  `valid, issued by ${verified.issuedBy.doctorName} (${verified.issuedBy.registrationNumber}) for ${verified.patient.initials}, not yet dispensed`,
);
await pharmacist.arogya.dispensePrescription({
  prescriptionId: issued.prescriptionId,
  signature: issued.signature,
});
const twice = await callError(
  pharmacist.call("dispensePrescription", {
    prescriptionId: issued.prescriptionId,
    signature: issued.signature,
  }),
);
check(twice.code === "functions/failed-precondition", `a second dispense is refused: ${twice.message}`);
const afterDispense = (await (await fetch(qrUrl)).json()) as { dispensed: boolean };
check(afterDispense.dispensed, "the endpoint now shows it dispensed");
const forged = (await (
  await fetch(`${HOSTING_URL}/api/rx/verify?id=${issued.prescriptionId}&sig=${"A".repeat(85)}Q`)
).json()) as { valid: boolean };
check(!forged.valid, "a QR with another signature is not valid");

say("Dr. Bansal ends the consultation; the appointment is completed");
const ended = await bansal.arogya.endConsultation({
  appointmentId: visit.appointmentId,
});
check(
  ended.status === "ended" && ended.appointmentStatus === "completed",
  `session ${ended.status}, appointment ${ended.appointmentStatus}`,
);

say("Simran uploads a lab report: a signed upload URL, then the server checks what the file really is");
const labReport = Buffer.from(
  "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
  "latin1",
);
const uploadRecord = async (bytes: Buffer, declared: Omit<RequestOf<"requestRecordUpload">, "sizeBytes">) => {
  const asked = await simran.arogya.requestRecordUpload({ sizeBytes: bytes.length, ...declared });
  const put = await fetch(asked.upload.url, {
    method: "PUT",
    headers: asked.upload.headers,
    body: new Uint8Array(bytes),
  });
  if (!put.ok) throw new Error(`upload failed: ${put.status}`);
  return asked.recordId;
};
const hbReport = await uploadRecord(labReport, {
  type: "lab_report",
  title: "Haemoglobin and CBC",
  date: "2026-11-18",
  provider: "Ludhiana Path Lab",
  tags: ["blood"],
  contentType: "application/pdf",
});
const confirmed = await simran.arogya.confirmRecordUpload({ recordId: hbReport });
check(confirmed.status === "ready", `record ${hbReport} is ready (a real PDF, ${labReport.length} bytes)`);
const forgedId = await uploadRecord(Buffer.from("MZ this is not a PDF at all"), {
  type: "lab_report",
  title: "Renamed file",
  date: "2026-11-18",
  contentType: "application/pdf",
});
const forgedUpload = await callError(simran.call("confirmRecordUpload", { recordId: forgedId }));
check(
  forgedUpload.code === "functions/failed-precondition",
  `a file that only claims to be a PDF is ${forgedUpload.message}`,
);

say("Simran lets Dr. Kaur see her lab reports for 30 days; Dr. Kaur downloads the report");
const kaur = await signIn("dr.kaur@arogya.demo", DEMO_PASSWORD);
await refused(kaur.call("recordDownloadLink", { recordId: hbReport }), "Dr. Kaur before any consent");
await simran.arogya.grantConsent({
  granteeUid: "demo-dr-kaur",
  purpose: "second_opinion",
  scope: { types: ["lab_report"] },
  expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
});
const kaurLink = await kaur.arogya.recordDownloadLink({ recordId: hbReport });
const downloaded = Buffer.from(await (await fetch(kaurLink.url)).arrayBuffer());
check(downloaded.equals(labReport), "Dr. Kaur downloads it through a 5-minute signed link, byte for byte");
const metadata = await getDoc(doc(kaur.db, "records", hbReport));
check(
  metadata.get("title") === "Haemoglobin and CBC",
  "and reads its metadata directly under the rules (consent checked with one get())",
);

say("Simran revokes the consent; Dr. Kaur's next request is refused");
await simran.arogya.revokeConsent({ granteeUid: "demo-dr-kaur" });
await refused(
  kaur.call("recordDownloadLink", { recordId: hbReport }),
  "Dr. Kaur's download after revocation",
);
await refused(getDoc(doc(kaur.db, "records", hbReport)), "Dr. Kaur's direct read after revocation");

say("Simran reads who accessed her records");
const log = await getDocs(
  query(collection(simran.db, "accessLog"), where("patientUid", "==", simran.user.uid)),
);
const byOthers = log.docs.filter((d) => d.get("actorUid") !== simran.user.uid);
check(
  byOthers.some(
    (d) =>
      d.get("actorUid") === "demo-dr-kaur" && d.get("action") === "download" && d.get("basis") === "consent",
  ),
  `${byOthers.length} access(es) by others: ${byOthers.map((d) => `${d.get("actorUid")} ${d.get("action")} ${d.get("recordId")} (${d.get("basis")})`).join("; ")}`,
);

say("Simran lets Dr. Kaur read her whole record as FHIR R4 for a second opinion (ABDM's shapes)");
await simran.call("grantConsent", {
  granteeUid: "demo-dr-kaur",
  purpose: "second_opinion",
  scope: { all: true },
  expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
});
const fhir = await kaur.call<{ bundle: Bundle; documents: Bundle[]; problems: unknown[] }>(
  "readPatientFhir",
  {
    patientUid: simran.user.uid,
  },
);
const fhirResources = (fhir.bundle.entry ?? []).map((e) => e.resource as Resource);
const fhirIssues = [fhir.bundle, ...fhirResources, ...fhir.documents].flatMap((r) => {
  try {
    validateFhir(r);
    return [];
  } catch (error) {
    return [`${r.resourceType}/${r.id}: ${(error as Error).message}`];
  }
});
const fhirTypes = (type: string) => fhirResources.filter((r) => r.resourceType === type).length;
check(
  fhirIssues.length === 0 && fhir.problems.length === 0,
  `${fhirResources.length} resources, zero FHIR R4 validation issues${fhirIssues.length ? `: ${fhirIssues.join("; ")}` : ""}`,
);
check(
  fhirTypes("Condition") > 0 && fhirTypes("MedicationRequest") > 0 && fhirTypes("DocumentReference") > 0,
  `the consultation's diagnoses (${fhirTypes("Condition")} Condition), the prescription (${fhirTypes("MedicationRequest")} MedicationRequest) and the lab report (${fhirTypes("DocumentReference")} DocumentReference)`,
);
const kinds = fhir.documents.map((d) => (d.entry?.[0].resource as { title?: string }).title).sort();
check(
  kinds.includes("OP Consultation Record") && kinds.includes("Prescription record"),
  `as ABDM documents: ${kinds.join(", ")}`,
);
const fhirLog = (
  await getDocs(query(collection(simran.db, "accessLog"), where("patientUid", "==", simran.user.uid)))
).docs.filter((d) => d.get("action") === "fhir");
check(fhirLog.length > 0, `${fhirLog.length} FHIR read(s) by Dr. Kaur in Simran's access log`);
await simran.call("revokeConsent", { granteeUid: "demo-dr-kaur" });

// ---- patients without a smartphone: an SMS booking and a call (issue 15) --------------------

/** The local Twilio recorder plays an SMS or a call to the functions, signed as Twilio signs it. */
async function inbound<T>(kind: "sms" | "call", body: Record<string, unknown>): Promise<T> {
  const res = await fetch(`http://127.0.0.1:4599/__emulator/inbound/${kind}`, {
    method: "POST",
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`demo step ${step} failed: the recorder answered ${res.status}`);
  return (await res.json()) as T;
}
const basicPhone = `+9197${String(Date.now()).slice(-8)}`;
await phoneSignUp(basicPhone);

say("A patient with a basic phone texts ਡਾਕਟਰ ਜਨਰਲ (a general doctor, in Punjabi) and books by replying 1");
const offeredBySms = await inbound<{ status: number; replies: string[] }>("sms", {
  from: basicPhone,
  body: "ਡਾਕਟਰ ਜਨਰਲ",
});
check(
  offeredBySms.status === 200 && /^1\. /m.test(offeredBySms.replies[0] ?? ""),
  `the reply offers the next free times:\n      ${offeredBySms.replies[0]?.replace(/\n/g, "\n      ")}`,
);
const bookedBySms = await inbound<{ replies: string[] }>("sms", { from: basicPhone, body: "1" });
check(/ਬੁੱਕ ਹੋ ਗਿਆ/.test(bookedBySms.replies[0] ?? ""), `booked: ${bookedBySms.replies[0]}`);
const unknownSms = await inbound<{ replies: string[] }>("sms", {
  from: "+919700000999",
  body: "appointments",
});
check(
  /could not find an account/.test(unknownSms.replies[0] ?? ""),
  "a number without an account gets help text only",
);

say("The same phone calls the voice line: Punjabi (3), hear the next appointment (1), confirm it (1)");
const played = await inbound<{ turns: Array<{ say: Array<{ language: string; text: string }> }> }>("call", {
  from: basicPhone,
  digits: ["3", "1", "1"],
});
for (const turn of played.turns)
  for (const line of turn.say) console.log(`      [${line.language}] ${line.text}`);
check(
  /ਪੁਸ਼ਟੀ ਹੋ ਗਈ/.test(played.turns.at(-1)?.say[0]?.text ?? ""),
  "the caller heard the appointment booked by SMS and confirmed it",
);

say("Dr. Bansal opens her day with one query: each appointment carries the patient's name, age and sex");
const bansalDay = await getDocs(
  query(
    collection(bansal.db, "appointments"),
    where("doctorUid", "==", "demo-dr-bansal"),
    where("start", ">=", new Date(Date.now() - 12 * 3_600_000)),
    where("start", "<", new Date(Date.now() + 12 * 3_600_000)),
  ),
);
const cards = bansalDay.docs.map(
  (d) => d.get("patient") as { name: string; age: number; sex: string } | undefined,
);
check(
  bansalDay.docs.some((d) => d.id === visit.appointmentId && d.get("patient")?.name === "Simran Kaur"),
  `${bansalDay.size} appointment(s): ${cards.map((c) => (c ? `${c.name}, ${c.age}, ${c.sex}` : "(no card)")).join("; ")}`,
);
await refused(getDoc(doc(bansal.db, "patients", simran.user.uid)), "a read of Simran's profile itself");

say("Simran notes an allergy; Dr. Bansal, treating her, adds a current medicine, marked as hers");
await simran.call("addHealthSummaryEntry", {
  entry: { kind: "allergy", substance: "sulfa drugs", severity: "moderate" },
});
const added = await bansal.call<{ recordedBy: string; recordedRole: string }>("addHealthSummaryEntry", {
  patientUid: simran.user.uid,
  entry: { kind: "medication", name: "vitamin D3", dose: "1000 IU", frequency: "daily" },
});
check(
  added.recordedBy === "demo-dr-bansal" && added.recordedRole === "doctor",
  "recorded by demo-dr-bansal (doctor)",
);

say(
  "Dr. Bansal opens Simran's chart (logged in Simran's access log); Ramesh's, unrelated to her, is refused",
);
type ChartView = {
  access: { basis: string; until?: string };
  demographics: { name: string; age: number; sex: string; language: string; village: string | null };
  summary: { allergies: unknown[]; medications: unknown[] };
  consultations: unknown[];
};
const simranChart = await bansal.call<ChartView>("getPatientChart", { patientUid: simran.user.uid });
const dem = simranChart.demographics;
check(
  simranChart.access.basis === "care" && dem.name === "Simran Kaur",
  `${dem.name}, ${dem.age}, ${dem.sex}, speaks ${dem.language}, village ${dem.village ?? "-"}; ${simranChart.summary.allergies.length} allergy, ${simranChart.summary.medications.length} medicine, ${simranChart.consultations.length} consultation(s); care until ${simranChart.access.until}`,
);
await refused(
  bansal.call("getPatientChart", { patientUid: ramesh.user.uid }),
  "Dr. Bansal opening Ramesh's chart",
);
const chartLog = await getDocs(
  query(collection(simran.db, "accessLog"), where("patientUid", "==", simran.user.uid)),
);
check(
  chartLog.docs.some((d) => d.get("action") === "chart" && d.get("actorUid") === "demo-dr-bansal"),
  "Simran sees the chart read in her access log (basis care)",
);

say("Dr. Kaur proposes a new time for Simran's next visit; Simran accepts, and both are told in Punjabi");
/** A message recorded for `phone` containing `text` that was not there before (any order). */
async function newMessageTo(phone: string, text: string, seen: Set<string>) {
  for (let i = 0; i < 120; i += 1) {
    const { messages } = (await (await fetch("http://127.0.0.1:4599/__emulator/messages")).json()) as {
      messages: Array<{ sid: string; to: string; body: string }>;
    };
    const found = messages.find(
      (m) => m.to.replace(/^whatsapp:/, "") === phone && !seen.has(m.sid) && m.body.includes(text),
    );
    if (found) return found;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`demo step ${step} failed: no new message with "${text}" for ${phone}`);
}
const recordedSids = async () =>
  new Set(
    (
      (await (await fetch("http://127.0.0.1:4599/__emulator/messages")).json()) as {
        messages: Array<{ sid: string }>;
      }
    ).messages.map((m) => m.sid),
  );
const beforeProposal = await recordedSids();
const kaurSlots = (await simran.arogya.listSlots(weekAhead)).slots.filter(
  (s) => Date.parse(s.start) > Date.now() + 24 * 3_600_000,
);
const nextVisit = await simran.arogya.book({
  doctorUid: "demo-dr-kaur",
  start: kaurSlots[0].start,
  mode: "video",
});
const proposal = await kaur.arogya.proposeTime({
  appointmentId: nextVisit.appointmentId,
  start: kaurSlots[2].start,
  reason: "Clinic closes early that day",
});
ok(`proposed ${kaurSlots[2].localDate} ${kaurSlots[2].localTime}; answer by ${proposal.proposal.expiresAt}`);
const proposedSms = await newMessageTo("+919800000001", "ਕਰਨਾ ਚਾਹੁੰਦੇ ਹਨ", beforeProposal);
ok(`Simran is asked: SMS ${proposedSms.sid}: ${proposedSms.body}`);
const accepted = await simran.arogya.answerProposal({ appointmentId: nextVisit.appointmentId, accept: true });
check(
  accepted.start === kaurSlots[2].start && accepted.status === "booked",
  `Simran accepted: the visit is now ${accepted.localDate} ${accepted.localTime}`,
);
const movedSms = await newMessageTo("+919800000001", "ਬਦਲ ਗਿਆ", beforeProposal);
ok(`Simran is told: SMS ${movedSms.sid}: ${movedSms.body}`);
// Dr. Kaur's quiet hours (21:00 to 07:00 IST) hold her message until 07:00, as for the booking.
const istAtProposal = new Date(Date.now() + 330 * 60_000);
if (istAtProposal.getUTCHours() >= 21 || istAtProposal.getUTCHours() < 7) {
  const morning =
    Date.UTC(istAtProposal.getUTCFullYear(), istAtProposal.getUTCMonth(), istAtProposal.getUTCDate(), 7, 2) -
    330 * 60_000;
  const sweepAt = morning > Date.now() ? morning : morning + 86_400_000;
  await sweeper.call("runScheduledWork", { task: "outbox", now: new Date(sweepAt).toISOString() });
}
const kaurTold = await newMessageTo("+919800000101", "ਮੰਨ ਲਿਆ", beforeProposal);
check(
  kaurTold.body.includes("Simran K.") && !kaurTold.body.includes("Simran Kaur"),
  `Dr. Kaur is told, with Simran's first name and initial: SMS ${kaurTold.sid}: ${kaurTold.body}`,
);
await simran.arogya.cancel({ appointmentId: nextVisit.appointmentId });

for (const c of [
  patient,
  applicant,
  otherAdmin,
  ludhianaAdmin,
  doctor,
  simran,
  ramesh,
  platform,
  pharmacist,
  bansal,
  kaur,
])
  await c.close();
console.log(`\nDemo journey complete: ${step} steps.`);
process.exit(0);
