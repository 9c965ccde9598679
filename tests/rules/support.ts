// Shared harness for the security-rules suites: the test environment, the actors and their
// claims, valid fixtures for every collection, and a table-driven matrix runner.
//
// Each suite calls `useRulesEnv()` once at the top level: it connects to the Firestore
// emulator named by FIRESTORE_EMULATOR_HOST (default 127.0.0.1:8080) with firestore.rules,
// in a project of its own (projectIdFor: the emulator keeps each project's data and rules
// apart), clears that project's database before every test and cleans up after the file. So
// suites can run at the same time: clearing one suite's database never touches another's.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  assertFails,
  assertSucceeds,
  initializeTestEnvironment,
  type RulesTestContext,
  type RulesTestEnvironment,
} from "@firebase/rules-unit-testing";
import {
  GeoPoint,
  doc,
  setDoc,
  Timestamp,
  serverTimestamp,
  setLogLevel,
  type FieldValue,
  type Firestore,
} from "firebase/firestore";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  addressIn,
  appointmentDoc,
  consentDoc,
  doctorDoc,
  organisationDoc,
  pharmacyDoc,
  type AccessLogDoc,
  type AuditEntryDoc,
  type DoctorPractice,
  type HealthRecordDoc,
  type Overrides,
  type PatientProfile,
  PARACETAMOL_TDS,
} from "../factories";

export const PROJECT_ID = "demo-arogya-rules";

/**
 * The project of one suite file: PROJECT_ID and the file's name ("demo-arogya-rules-patients"
 * for patients.rules.test.ts). Never the functions' project (demo-arogya), so no trigger runs.
 */
export function projectIdFor(file: string): string {
  const name = path
    .basename(file)
    .replace(/\.rules\.test\.[cm]?[jt]s$/, "")
    .replace(/\.[cm]?[jt]s$/, "")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .toLowerCase();
  return `${PROJECT_ID}-${name}`.slice(0, 100);
}
const RULES_PATH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../firestore.rules");

// ---- organisations and ids ----------------------------------------------------------------

/** "This" organisation: every resource under test belongs to it. */
export const ORG_A = "org-a";
/** Another organisation, with its own admin and pharmacist. */
export const ORG_B = "org-b";
export const PHARMACY_A = "pharmacy-a";
export const PHARMACY_B = "pharmacy-b";

/** A fixed instant for seeded timestamps (clients must use serverTimestamp() instead). */
export const SEEDED_AT = Timestamp.fromDate(new Date("2026-01-15T09:30:00.000Z"));

// ---- actors ---------------------------------------------------------------------------------

export interface Claims {
  role: "patient" | "doctor" | "pharmacist" | "admin" | "healthWorker";
  org?: string;
  pharmacy?: string;
  platform?: true;
}

/** Someone making requests; `uid: null` is an unauthenticated client. */
export interface Actor {
  /** How the actor appears in test names. */
  label: string;
  uid: string | null;
  claims?: Claims;
  /** The token's `auth_time` (epoch seconds of the sign-in); 0 unless set, as the test SDK makes it. */
  authTime?: number;
}

/** The owners of the resources under test, one per kind of resource. */
export const OWNERS = {
  patient: { label: "owner", uid: "patient-owner", claims: { role: "patient" } },
  doctor: { label: "owner", uid: "doctor-owner", claims: { role: "doctor", org: ORG_A } },
  pharmacist: {
    label: "owner",
    uid: "pharmacist-owner",
    claims: { role: "pharmacist", org: ORG_A, pharmacy: PHARMACY_A },
  },
  /** An applicant is still a patient until the application is approved. */
  applicant: { label: "owner", uid: "applicant", claims: { role: "patient" } },
  /** A doctor member of ORG_A (the owner of their own membership document). */
  member: { label: "owner", uid: "member-a", claims: { role: "doctor", org: ORG_A } },
} satisfies Record<string, Actor>;

/** The actors every matrix row besides the owner uses. */
export const ACTORS = {
  anonymous: { label: "anonymous", uid: null },
  otherPatient: { label: "otherPatient", uid: "patient-other", claims: { role: "patient" } },
  /** A doctor of the same organisation as the resource, who does not own it. */
  doctor: { label: "doctor", uid: "doctor-colleague", claims: { role: "doctor", org: ORG_A } },
  /** The pharmacist of another pharmacy, in another organisation. */
  pharmacist: {
    label: "pharmacist",
    uid: "pharmacist-other",
    claims: { role: "pharmacist", org: ORG_B, pharmacy: PHARMACY_B },
  },
  orgAdmin: { label: "orgAdmin", uid: "admin-a", claims: { role: "admin", org: ORG_A } },
  otherOrgAdmin: { label: "otherOrgAdmin", uid: "admin-b", claims: { role: "admin", org: ORG_B } },
  platformAdmin: { label: "platformAdmin", uid: "admin-platform", claims: { role: "admin", platform: true } },
} satisfies Record<string, Actor>;

// ---- the test environment ---------------------------------------------------------------------

export interface RulesHarness {
  readonly env: RulesTestEnvironment;
  /** A client Firestore acting as `actor`, subject to the rules. */
  db(actor: Actor): Firestore;
  /** Writes fixtures with the rules disabled. */
  seed(write: (db: Firestore) => Promise<unknown>): Promise<void>;
}

function emulatorHostPort(): { host: string; port: number } {
  const [host, port] = (process.env.FIRESTORE_EMULATOR_HOST ?? "127.0.0.1:8080").split(":");
  return { host, port: Number(port) };
}

/** The modular SDK accepts the compat instance the test context returns. */
function modular(context: RulesTestContext): Firestore {
  return context.firestore() as unknown as Firestore;
}

export function useRulesEnv(): RulesHarness {
  let env: RulesTestEnvironment | undefined;
  /** The clients a test made; closed after it, so their streams do not pile up over a long suite. */
  let clients: Array<ReturnType<RulesTestContext["firestore"]>> = [];
  const current = (): RulesTestEnvironment => {
    if (!env) throw new Error("the rules test environment is not initialised (beforeAll failed?)");
    return env;
  };

  beforeAll(async () => {
    // Denied requests are expected here; keep the SDK from logging each one.
    setLogLevel("silent");
    const file = expect.getState().testPath;
    if (!file) throw new Error("useRulesEnv() belongs at the top level of a test file");
    env = await initializeTestEnvironment({
      projectId: projectIdFor(file),
      firestore: { rules: readFileSync(RULES_PATH, "utf8"), ...emulatorHostPort() },
    });
  });
  beforeEach(async () => {
    await current().clearFirestore();
  });
  afterEach(async () => {
    // Each context is a client whose listen stream stays open, idle, after its last read; left
    // open until afterAll, a few hundred of them stalled a suite for tens of seconds at a time.
    const done = clients;
    clients = [];
    await Promise.all(done.map((client) => client.terminate()));
  });
  afterAll(async () => {
    await env?.cleanup();
  });

  return {
    get env() {
      return current();
    },
    db(actor) {
      const context =
        actor.uid === null
          ? current().unauthenticatedContext()
          : current().authenticatedContext(actor.uid, {
              ...actor.claims,
              ...(actor.authTime === undefined ? {} : { auth_time: actor.authTime }),
            });
      const client = context.firestore();
      clients.push(client);
      return client as unknown as Firestore;
    },
    async seed(write) {
      await current().withSecurityRulesDisabled(async (context) => {
        await write(modular(context));
      });
    },
  };
}

// ---- decisions ------------------------------------------------------------------------------

export type Decision = "allow" | "deny";
export const OPS = ["get", "list", "create", "update", "delete"] as const;
export type Op = (typeof OPS)[number];

/** Asserts that the request is allowed (it succeeds) or denied (permission-denied). */
export async function expectDecision(decision: Decision, request: Promise<unknown>): Promise<void> {
  if (decision === "allow") await assertSucceeds(request);
  else await assertFails(request);
}

/** A request, who makes it, and the decision: one it() named "<collection>: <name>". */
export type Expectation = [
  name: string,
  decision: Decision,
  actor: Actor,
  request: (db: Firestore) => Promise<unknown>,
];

/** One it() per expectation, each after `seed`. */
export function expectEach(
  rules: RulesHarness,
  collection: string,
  seed: (db: Firestore) => Promise<unknown>,
  expectations: readonly Expectation[],
): void {
  for (const [name, decision, actor, request] of expectations) {
    it(`${collection}: ${name}`, async () => {
      await rules.seed(seed);
      await expectDecision(decision, request(rules.db(actor)));
    });
  }
}

// ---- the matrix runner ----------------------------------------------------------------------

export const MATRIX_ACTORS = [
  "anonymous",
  "owner",
  "otherPatient",
  "doctor",
  "pharmacist",
  "orgAdmin",
  "otherOrgAdmin",
  "platformAdmin",
] as const;
export type MatrixActor = (typeof MATRIX_ACTORS)[number];
export type MatrixRow = Record<Op, Decision>;
export type MatrixTable = Record<MatrixActor, MatrixRow>;

/** A row of the same decision for every operation. */
export function row(decision: Decision): MatrixRow {
  return { get: decision, list: decision, create: decision, update: decision, delete: decision };
}
/** Every actor refused every operation: the collections internal to the functions. */
export const DENY_ALL: MatrixTable = Object.fromEntries(
  MATRIX_ACTORS.map((actor) => [actor, row("deny")]),
) as MatrixTable;

/** The named actors read (get and list); every other cell, and every write, is refused. */
export function onlyReaders(...readers: MatrixActor[]): MatrixTable {
  return Object.fromEntries(
    MATRIX_ACTORS.map((actor) => [actor, readers.includes(actor) ? readOnly("allow") : row("deny")]),
  ) as MatrixTable;
}

/** Every signed-in actor reads (get and list); nobody writes; the anonymous client nothing. */
export const SIGNED_IN_READ: MatrixTable = onlyReaders(
  ...MATRIX_ACTORS.filter((actor) => actor !== "anonymous"),
);

/**
 * Who may read a profile that is not approved (a suspended doctor or pharmacy): its owner and
 * the admins of its organisation, nobody else.
 */
export const SUSPENDED_PROFILE_READERS = (owner: Actor): Array<[Actor, Decision]> => [
  [ACTORS.anonymous, "deny"],
  [owner, "allow"],
  [ACTORS.otherPatient, "deny"],
  [ACTORS.doctor, "deny"],
  [ACTORS.pharmacist, "deny"],
  [ACTORS.orgAdmin, "allow"],
  [ACTORS.otherOrgAdmin, "deny"],
  [ACTORS.platformAdmin, "allow"],
];

/** Reads (get and list) decided by `get` and `list`; every write denied. */
export function readOnly(get: Decision, list: Decision = get): MatrixRow {
  return { get, list, create: "deny", update: "deny", delete: "deny" };
}

export interface MatrixSpec {
  /** The collection's name as it appears in test names. */
  collection: string;
  /** The owner of the document under test (its label names it in test names). */
  owner: Actor;
  /**
   * Seeds what a test of `op` needs. For `create` the target path must not exist yet; for
   * every other operation the target document must exist.
   */
  seed(db: Firestore, op: Op): Promise<unknown>;
  /** The request for each operation, made by whichever actor the cell is about. */
  requests: Record<Op, (db: Firestore) => Promise<unknown>>;
  table: MatrixTable;
}

/** One `it()` per actor and operation, named like "patients: otherPatient cannot update". */
export function runMatrix(rules: RulesHarness, spec: MatrixSpec): void {
  describe(`${spec.collection}: access matrix`, () => {
    for (const actorName of MATRIX_ACTORS) {
      const actor: Actor = actorName === "owner" ? spec.owner : ACTORS[actorName];
      for (const op of OPS) {
        const decision = spec.table[actorName][op];
        it(`${spec.collection}: ${actor.label} ${decision === "allow" ? "can" : "cannot"} ${op}`, async () => {
          await rules.seed((db) => spec.seed(db, op));
          await expectDecision(decision, spec.requests[op](rules.db(actor)));
        });
      }
    }
  });
}

// ---- revoked tokens ---------------------------------------------------------------------------

/**
 * The second of the revocation the suites seed (epoch seconds). A revocation (revocations/{uid},
 * written by functions on suspension, role change, sign-out and account deletion) refuses every
 * token signed in before it; firestore.rules `notRevoked()` checks it where PHI is at stake and on
 * every client write.
 */
export const REVOKED_AT = 1_800_000_000;

/** revocations/{uid}, as services/identity/revokeSessions.ts writes it. */
export function revocation(at = REVOKED_AT, overrides: Record<string, unknown> = {}) {
  return {
    at,
    reason: "suspended",
    revokedAt: SEEDED_AT,
    expireAt: Timestamp.fromMillis((at + 7200) * 1000),
    ...overrides,
  };
}

export async function seedRevocation(db: Firestore, uid: string, at = REVOKED_AT): Promise<void> {
  await setDoc(doc(db, "revocations", uid), revocation(at));
}

/** The same user with a token signed in at `authTime` (epoch seconds). */
export function signedInAt(actor: Actor, authTime: number, label: string): Actor {
  return { ...actor, label: `${actor.label} ${label}`, authTime };
}

export interface RevokedSpec {
  collection: string;
  /** Someone the rules let do each of `requests` with a token that was not revoked. */
  actor: Actor;
  /** Seeds what a test of `op` needs (the revocation is seeded after it). */
  seed(db: Firestore, op: Op): Promise<unknown>;
  /** The operations the rules gate on the revocation; each allowed to `actor` otherwise. */
  requests: Partial<Record<Op, (db: Firestore) => Promise<unknown>>>;
}

/**
 * The "revoked token" actor of a suite: for each gated operation, `actor` with a token signed in
 * before their revocation is refused, and the same user signed in again (in the very second of the
 * revocation, which Firebase Auth accepts too) is allowed, so the refusal is the revocation's.
 */
export function runRevokedCases(rules: RulesHarness, spec: RevokedSpec): void {
  if (spec.actor.uid === null) throw new Error("a revoked token belongs to a signed-in user");
  const uid = spec.actor.uid;
  const before = signedInAt(spec.actor, REVOKED_AT - 1, "(token from before the revocation)");
  const again = signedInAt(spec.actor, REVOKED_AT, "(signed in again after the revocation)");
  describe(`${spec.collection}: a revoked token`, () => {
    for (const op of OPS) {
      const request = spec.requests[op];
      if (!request) continue;
      it(`${spec.collection}: ${before.label} cannot ${op}`, async () => {
        await rules.seed(async (db) => {
          await spec.seed(db, op);
          await seedRevocation(db, uid);
        });
        await expectDecision("deny", request(rules.db(before)));
      });
      it(`${spec.collection}: ${again.label} can ${op}`, async () => {
        await rules.seed(async (db) => {
          await spec.seed(db, op);
          await seedRevocation(db, uid);
        });
        await expectDecision("allow", request(rules.db(again)));
      });
    }
  });
}

/**
 * runRevokedCases for each of `readers` of a matrix: the actor, and the operations of the matrix
 * (its own seed and requests) the rules gate on their revocation.
 */
export function runRevokedFor(rules: RulesHarness, matrix: MatrixSpec, readers: Array<[Actor, Op[]]>): void {
  for (const [actor, ops] of readers) {
    const requests = Object.fromEntries(ops.map((op) => [op, matrix.requests[op]]));
    runRevokedCases(rules, { collection: matrix.collection, actor, seed: matrix.seed, requests });
  }
}

// ---- fixtures (valid shapes, matching firestore.rules and functions/src/schemas) ------------
// Built on the typed factories of tests/factories.ts where the functions type the document.

type Timestampish = Timestamp | FieldValue;

export function organisation(overrides: Overrides = {}) {
  return {
    ...organisationDoc(
      { name: "Ludhiana Rural Clinic", type: "clinic", district: "Ludhiana", state: "Punjab" },
      { at: SEEDED_AT, by: ACTORS.platformAdmin.uid },
    ),
    ...overrides,
  };
}

export function member(uid: string, role: Claims["role"], overrides: Record<string, unknown> = {}) {
  return { uid, role, status: "active", since: SEEDED_AT, ...overrides };
}

export function address(overrides: Overrides = {}) {
  return { ...addressIn("House 12, Gali 3"), ...overrides };
}

/**
 * A patient profile. Client writes must stamp `updatedAt` with serverTimestamp() (the
 * default); seeds may pass a fixed Timestamp.
 */
export function patientProfile(
  overrides: Record<string, unknown> = {},
  updatedAt: Timestampish = serverTimestamp(),
) {
  const profile: PatientProfile = {
    name: "Gurpreet Kaur",
    dateOfBirth: "1990-04-12",
    sex: "female",
    phone: "+919812345678",
    address: address(),
    language: "pa",
  };
  return { ...profile, updatedAt, ...overrides };
}

/** The practice fields a doctor applies with and later edits. */
export function doctorPractice(overrides: Overrides = {}) {
  const practice: DoctorPractice = {
    name: "Dr Harpreet Singh",
    specialties: ["general-medicine"],
    registrationNumber: "PMC-12345",
    feeInr: 300,
    languages: ["hi", "en"],
    timezone: "Asia/Kolkata",
    bio: "Family physician, twenty years in rural Punjab.",
  };
  return { ...practice, ...overrides };
}

/** An approved doctor profile, as the review function writes it. */
export function doctorProfile(uid: string, overrides: Overrides = {}) {
  return { ...doctorDoc(uid, ORG_A, doctorPractice(), APPROVED), ...overrides };
}

/** Who approved the profiles under test, and when. */
const APPROVED = { at: SEEDED_AT, by: ACTORS.orgAdmin.uid };

/** An approved pharmacy, as the review function writes it. */
export function pharmacy(ownerUid: string, overrides: Overrides = {}) {
  const profile = {
    name: "Sehat Medicos",
    licenceNumber: "PB-LDH-20B-1234",
    phone: "+911612345678",
    address: addressIn("Shop 4, Main Bazaar"),
    location: new GeoPoint(30.901, 75.8573),
    geohash: "ttnfv2u0b",
    openingHours: { mon: [{ open: "09:00", close: "18:00" }] },
    timezone: "Asia/Kolkata",
  };
  return { ...pharmacyDoc(profile, { org: ORG_A, ownerUid }, APPROVED), ...overrides };
}

/** A pending doctor application, as applyForRole writes it. */
export function application(uid: string, overrides: Record<string, unknown> = {}) {
  const { bio: _bio, ...doctor } = doctorPractice();
  return { uid, role: "doctor", org: ORG_A, status: "pending", doctor, submittedAt: SEEDED_AT, ...overrides };
}

/** An audit entry, as buildAuditEntry writes it. */
export function auditEntry(overrides: Overrides = {}) {
  const entry: AuditEntryDoc = {
    action: "session.created",
    actorUid: OWNERS.member.uid,
    actorRole: "doctor",
    org: ORG_A,
    target: { type: "session", id: "session-1" },
    at: SEEDED_AT,
    expireAt: Timestamp.fromDate(new Date("2032-01-15T09:30:00.000Z")),
    ip: "203.0.113.9",
    userAgent: "Mozilla/5.0",
  };
  return { ...entry, ...overrides };
}

// ---- scheduling and booking fixtures (as the scheduling and booking functions write them) ----

/** The start of the appointment under test: 09:30 in Asia/Kolkata. */
export const APPOINTMENT_START = Timestamp.fromDate(new Date("2026-02-02T04:00:00.000Z"));

/** The slot lock id the booking functions derive from (doctor, start instant). */
export function slotLockIdFor(doctorUid: string, start: Timestamp = APPOINTMENT_START): string {
  return `${doctorUid}_${start
    .toDate()
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "")}`;
}

/** A doctor's availability, as setAvailability writes it. */
export function availability(doctorUid: string, overrides: Record<string, unknown> = {}) {
  return {
    doctorUid,
    timezone: "Asia/Kolkata",
    slotMinutes: 30,
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    minNoticeMinutes: 60,
    horizonDays: 30,
    modes: ["video"],
    weekly: { mon: [{ start: "09:00", end: "13:00" }] },
    exceptions: [],
    leave: [],
    updatedAt: SEEDED_AT,
    updatedBy: doctorUid,
    ...overrides,
  };
}

/** A booked 30-minute video appointment in ORG_A, as book writes it. */
export function appointment(patientUid: string, doctorUid: string, overrides: Overrides = {}) {
  const start = (overrides.start as Timestamp | undefined) ?? APPOINTMENT_START;
  return {
    ...appointmentDoc({
      patientUid,
      doctorUid,
      org: ORG_A,
      start,
      end: Timestamp.fromMillis(start.toMillis() + 30 * 60 * 1000),
      slotLockId: slotLockIdFor(doctorUid, start),
      at: SEEDED_AT,
    }),
    ...overrides,
  };
}

/** The lock that holds a doctor's slot for an appointment. */
export function slotLock(doctorUid: string, appointmentId: string, start: Timestamp = APPOINTMENT_START) {
  return { doctorUid, appointmentId, start, createdAt: SEEDED_AT };
}

/** Booked intervals keyed by appointment id, in epoch milliseconds (doctorSchedules, bookingState). */
export function bookedIntervals(appointmentId: string, start: Timestamp = APPOINTMENT_START) {
  return { [appointmentId]: { start: start.toMillis(), end: start.toMillis() + 30 * 60 * 1000 } };
}

/** An idempotency record, as rememberResult writes it. */
export function idempotencyRecord(uid: string, overrides: Record<string, unknown> = {}) {
  return {
    uid,
    operation: "book",
    requestHash: "0".repeat(64),
    result: { appointmentId: "appt-1" },
    createdAt: SEEDED_AT,
    expireAt: Timestamp.fromDate(new Date("2026-01-22T09:30:00.000Z")),
    ...overrides,
  };
}

// ---- pharmacy stock fixtures (as upsertMedicine, setStockItem and importStockCsv write them) ----

/** The medicine under test, and one more in the master. */
export const MEDICINE_ID = "paracetamol-500mg-tablet";
export const OTHER_MEDICINE_ID = "amoxicillin-500mg-capsule";

/** A medicine-master entry, as buildMedicineDoc writes it (words and prefixes index the search). */
export function medicine(overrides: Record<string, unknown> = {}) {
  return {
    medicineId: MEDICINE_ID,
    generic: "Paracetamol",
    brands: ["Crocin", "Dolo"],
    strength: "500 mg",
    form: "tablet",
    packSize: 15,
    prescriptionOnly: false,
    displayName: "Paracetamol 500 mg tablet",
    words: ["crocin", "dolo", "paracetamol"],
    prefixes: [
      "cr",
      "cro",
      "croc",
      "croci",
      "crocin",
      "do",
      "dol",
      "dolo",
      "pa",
      "par",
      "para",
      "parac",
      "parace",
      "paracet",
      "paraceta",
      "paracetam",
      "paracetamo",
      "paracetamol",
    ],
    updatedAt: SEEDED_AT,
    ...overrides,
  };
}

/** The second medicine of the master: a prescription-only antibiotic. */
export function otherMedicine(overrides: Record<string, unknown> = {}) {
  return medicine({
    medicineId: OTHER_MEDICINE_ID,
    generic: "Amoxicillin",
    brands: ["Mox"],
    strength: "500 mg",
    form: "capsule",
    packSize: 10,
    prescriptionOnly: true,
    displayName: "Amoxicillin 500 mg capsule",
    words: ["amoxicillin", "mox"],
    prefixes: [
      "am",
      "amo",
      "amox",
      "amoxi",
      "amoxic",
      "amoxici",
      "amoxicil",
      "amoxicill",
      "amoxicilli",
      "amoxicillin",
      "mo",
      "mox",
    ],
    ...overrides,
  });
}

/**
 * A pharmacy's private stock of one medicine, as buildInventoryDoc writes it on 2026-01-15 in
 * Asia/Kolkata: one batch of 120 strips good through 31 March 2027 (the month printed on the
 * pack), so the derived state next changes at the end of that day.
 */
export function inventoryItem(
  pharmacyId: string,
  medicineId: string = MEDICINE_ID,
  overrides: Record<string, unknown> = {},
) {
  return {
    pharmacyId,
    medicineId,
    batches: [{ batch: "PCM2403A", expiry: "2027-03", quantity: 120 }],
    pricePaise: 3050,
    lowStockThreshold: 30,
    quantity: 120,
    state: "in_stock",
    changesAfter: "2027-03-31",
    changesAt: Timestamp.fromDate(new Date("2027-03-31T18:30:00.000Z")),
    timezone: "Asia/Kolkata",
    stateAsOf: "2026-01-15",
    updatedAt: SEEDED_AT,
    ...overrides,
  };
}

/** What patients see of the same stock, as buildPublicStockDoc writes it beside the private one. */
export function publicStock(
  pharmacyId: string,
  medicineId: string = MEDICINE_ID,
  overrides: Record<string, unknown> = {},
) {
  return {
    pharmacyId,
    medicineId,
    inStock: true,
    inStockUntil: "2027-03-31",
    pricePaise: 3050,
    updatedAt: SEEDED_AT,
    ...overrides,
  };
}

/** The id importStockCsv derives from the pharmacy and the file (a sha-256 prefix). */
export const IMPORT_ID = "3f9a1c0e7b2d4a6f8e1c3b5d7f9a2c4e";

/**
 * A finished CSV import by the pharmacy's pharmacist, as importStockCsv leaves it: three data
 * rows, one rejected (a bad expiry), two medicines written.
 */
export function importReport(
  pharmacyId: string,
  importId: string = IMPORT_ID,
  overrides: Record<string, unknown> = {},
) {
  return {
    importId,
    pharmacyId,
    by: OWNERS.pharmacist.uid,
    dataRows: 3,
    validRows: 2,
    rejectedRows: 1,
    totalItems: 2,
    errors: [{ row: 4, column: "expiry", reason: "must be an expiry written YYYY-MM or YYYY-MM-DD" }],
    errorsTruncated: false,
    status: "done",
    processedItems: 2,
    changedItems: 2,
    unchangedItems: 0,
    startedAt: SEEDED_AT,
    progressAt: Timestamp.fromDate(new Date("2026-01-15T09:30:02.000Z")),
    finishedAt: Timestamp.fromDate(new Date("2026-01-15T09:30:03.000Z")),
    ...overrides,
  };
}

// ---- consultations, clinical records, prescriptions, dispensations and consents ----------
// (as the consultation, records, prescription and health-records functions write them)

/** The appointment under test: its consultation and clinical record share its id. */
export const CONSULTED_APPOINTMENT_ID = "appt-a";
/** The prescription under test; its dispensation shares its id. */
export const PRESCRIPTION_ID = "rx-a";

/** A consent's expiry long after the tests run, and one already past (rules compare with request.time). */
export const CONSENT_EXPIRES_AT = Timestamp.fromDate(new Date("2036-01-15T09:30:00.000Z"));
export const CONSENT_EXPIRED_AT = Timestamp.fromDate(new Date("2026-02-15T09:30:00.000Z"));

/** The id the rules and getConsent derive: consents/{patientUid}_{granteeUid}. */
export function consentIdFor(patientUid: string, granteeUid: string): string {
  return `${patientUid}_${granteeUid}`;
}

/** The id of a consent to every doctor of an organisation: consents/{patientUid}_org:{org}. */
export function orgConsentIdFor(patientUid: string, org: string): string {
  return `${patientUid}_org:${org}`;
}

/**
 * Uids that make two different consents share one document id: patient `p`'s consent to
 * grantee `x_d` and patient `p_x`'s consent to doctor `d` are both consents/p_x_d. The document
 * holds the first; it must not let `d` read `p_x`'s records.
 */
export const COLLIDING = {
  /** The patient who granted the consent stored at `consentId`. */
  patientUid: "p",
  /** The doctor that consent names. */
  granteeUid: "x_d",
  /** Another patient, who consented to nobody. */
  otherPatientUid: "p_x",
  /** A doctor whose consent from `otherPatientUid` would have the same id. */
  doctorUid: "d",
  consentId: "p_x_d",
} as const;

/**
 * The video consultation of an ORG_A appointment, as newSession and join leave it: the patient
 * is in the waiting room, the doctor has not joined. Times are epoch ms, as in the session type.
 */
export function consultation(patientUid: string, doctorUid: string, overrides: Record<string, unknown> = {}) {
  const startMs = APPOINTMENT_START.toMillis();
  return {
    appointmentId: CONSULTED_APPOINTMENT_ID,
    patientUid,
    doctorUid,
    org: ORG_A,
    startMs,
    endMs: startMs + 30 * 60 * 1000,
    status: "waiting",
    participants: {
      doctor: { present: false, joins: 0 },
      patient: { present: true, joins: 1, joinedAt: startMs - 2 * 60 * 1000 },
    },
    createdAt: startMs - 10 * 60 * 1000,
    ...overrides,
  };
}

/** One line of a consultation's events log. */
export function consultationEvent(overrides: Record<string, unknown> = {}) {
  return { type: "joined", role: "patient", at: APPOINTMENT_START.toMillis() - 2 * 60 * 1000, ...overrides };
}

/**
 * A clinical record of an ORG_A appointment, as buildVersion writes it (version 1, no
 * amendment). The same shape is stored under versions/{0001, 0002, ...}.
 */
export function clinicalRecord(
  patientUid: string,
  doctorUid: string,
  overrides: Record<string, unknown> = {},
) {
  return {
    appointmentId: CONSULTED_APPOINTMENT_ID,
    patientUid,
    doctorUid,
    org: ORG_A,
    soap: {
      subjective: "Fever and sore throat for three days.",
      objective: "Throat congested, no exudate.",
      assessment: "Acute upper respiratory infection.",
      plan: "Paracetamol, fluids, review in five days if not better.",
    },
    diagnoses: [
      { code: "J06.9", description: "Acute upper respiratory infection, unspecified", primary: true },
    ],
    vitals: { temperatureC: 38.2, pulseBpm: 92, systolicMmHg: 118, diastolicMmHg: 76, spo2Percent: 98 },
    version: 1,
    author: doctorUid,
    amendmentReason: null,
    writtenAt: SEEDED_AT,
    createdAt: SEEDED_AT,
    ...overrides,
  };
}

/** A signed, issued prescription of an ORG_A appointment (the signature is a well-formed stand-in). */
export function prescription(patientUid: string, doctorUid: string, overrides: Record<string, unknown> = {}) {
  return {
    id: PRESCRIPTION_ID,
    patientUid,
    patientName: "Gurpreet Kaur",
    doctorUid,
    doctorName: "Dr Harpreet Singh",
    registrationNumber: "PMC-12345",
    org: ORG_A,
    orgName: "Ludhiana Rural Clinic",
    appointmentId: CONSULTED_APPOINTMENT_ID,
    issuedAt: SEEDED_AT.toDate().toISOString(),
    lines: [{ ...PARACETAMOL_TDS, medicineId: MEDICINE_ID, instructions: "After food" }],
    advice: "Drink plenty of fluids.",
    keyId: "rx-key-1",
    signature: `${"x".repeat(85)}A`,
    status: "issued",
    createdAt: SEEDED_AT,
    ...overrides,
  };
}

/** Who dispensed a prescription, as dispensePrescription writes it (once, by the first pharmacy). */
export function dispensation(
  prescriptionId: string,
  pharmacyId: string,
  overrides: Record<string, unknown> = {},
) {
  return { prescriptionId, pharmacyId, pharmacistUid: OWNERS.pharmacist.uid, at: SEEDED_AT, ...overrides };
}

/**
 * A patient's consent to a clinician, stored at consents/{consentIdFor(patientUid, granteeUid)}:
 * active, unexpired, covering every record type. Narrow it with `scope: { all: false, types }`.
 */
export function consent(patientUid: string, granteeUid: string, overrides: Overrides = {}) {
  return {
    ...consentDoc(patientUid, { granteeUid }, { ...CONSENT_TIMES, purpose: "continuity_of_care" }),
    ...overrides,
  };
}

/** When the consents under test were granted, and until when they last. */
const CONSENT_TIMES = { expiresAt: CONSENT_EXPIRES_AT, grantedAt: SEEDED_AT };

/**
 * A patient's consent to every doctor of an organisation, stored at
 * consents/{orgConsentIdFor(patientUid, org)}, as grantConsent writes it with `granteeOrg`:
 * active, unexpired, covering every record type.
 */
export function orgConsent(patientUid: string, org: string, overrides: Overrides = {}) {
  return {
    ...consentDoc(patientUid, { granteeOrg: org }, { ...CONSENT_TIMES, purpose: "treatment" }),
    revokedAt: null,
    ...overrides,
  };
}

// ---- health records and their access log (as the health-records functions write them) --------

/** The health record under test. */
export const RECORD_ID = "record-a";
/** The date printed on the record under test (YYYY-MM-DD, compared with a consent's scope). */
export const RECORD_DATE = "2026-01-10";

/** Until when a record stays shared with a doctor (after the tests run), and a share already over. */
export const SHARED_UNTIL = Timestamp.fromDate(new Date("2036-01-15T09:30:00.000Z"));
export const SHARE_ENDED_AT = Timestamp.fromDate(new Date("2026-02-15T09:30:00.000Z"));

/**
 * A lab report the patient uploaded and confirmed (status `ready`), as requestRecordUpload and
 * confirmRecordUpload leave it, shared with nobody. Share it with
 * `shares: { [doctorUid]: SHARED_UNTIL }`.
 */
export function record(patientUid: string, overrides: Overrides = {}) {
  const doc: HealthRecordDoc = {
    patientUid,
    type: "lab_report",
    title: "Complete blood count",
    date: RECORD_DATE,
    provider: "Civil Hospital Laboratory, Ludhiana",
    tags: ["blood"],
    contentType: "application/pdf",
    sizeBytes: 245_760,
    path: `records/${patientUid}/${RECORD_ID}`,
    status: "ready",
    uploadedBy: patientUid,
    uploaderRole: "patient",
    appointmentId: null,
    shares: {},
    createdAt: SEEDED_AT,
    readyAt: SEEDED_AT,
  };
  return { ...doc, ...overrides };
}

/** One read of a record by someone other than its patient, as logAccess writes it (listRecords). */
export function accessEntry(patientUid: string, actorUid: string, overrides: Overrides = {}) {
  const entry: AccessLogDoc = {
    patientUid,
    recordId: RECORD_ID,
    actorUid,
    actorRole: "doctor",
    action: "list",
    basis: "consent",
    consentId: consentIdFor(patientUid, actorUid),
    at: SEEDED_AT,
  };
  return { ...entry, ...overrides };
}
