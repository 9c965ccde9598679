import { parse } from "csv-parse/sync";
import { Timestamp } from "firebase-admin/firestore";
import { doc, getDoc } from "firebase/firestore";
import { beforeAll, describe, expect, it } from "vitest";
import { admin, callError, signIn, signUp, type Client } from "../../tools/emulator-client";
import {
  appointmentFixture,
  approvedDoctor,
  approvedPharmacy,
  auditFor,
  makeOrg,
  orgAdmin,
  platformAdmin,
} from "./fixtures";
import { trackClients } from "./clients";

const track = trackClients();

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/** A membership as approval or assignOrgAdmin writes it. */
async function seedMember(
  org: string,
  uid: string,
  role: string,
  status = "active",
  since = new Date("2025-01-15T06:00:00Z"),
) {
  await admin().db.doc(`organisations/${org}/members/${uid}`).set({ uid, role, status, since });
}

/** Audit entries written by one actor, with an action. */
async function auditBy(actorUid: string, action?: string) {
  let query = admin().db.collection("auditLog").where("actorUid", "==", actorUid);
  if (action) query = query.where("action", "==", action);
  return (await query.get()).docs.map((d) => d.data());
}

let org: string;
let otherOrg: string;
let orgAdminClient: Client;
let foreignAdmin: Client;
let root: Client;
let patient: Client;
let d1: Client;
let d2: Client;
beforeAll(async () => {
  [org, otherOrg] = await Promise.all([makeOrg(), makeOrg()]);
  [orgAdminClient, foreignAdmin, root, patient, d1, d2] = (
    await Promise.all([
      orgAdmin(org),
      orgAdmin(otherOrg),
      platformAdmin(),
      signUp(),
      approvedDoctor(org),
      approvedDoctor(org),
    ])
  ).map(track);
  await Promise.all([
    seedMember(org, orgAdminClient.user.uid, "admin"),
    seedMember(otherOrg, foreignAdmin.user.uid, "admin"),
    seedMember(org, d1.user.uid, "doctor"),
    seedMember(org, d2.user.uid, "doctor"),
  ]);
});

describe("getKpis", () => {
  // A past week, so that nothing else of this organisation falls in it.
  const fromMs = Date.parse("2025-03-03T00:00:00Z");
  const toMs = fromMs + 7 * DAY;
  const from = new Date(fromMs).toISOString();
  const to = new Date(toMs).toISOString();
  let pharmacyId: string;

  beforeAll(async () => {
    const { db } = admin();
    const patientUid = patient.user.uid;
    let hour = 0;
    /** An appointment starting in the week, booked `bookedMinutesBefore` its consultation started. */
    const make = async (
      doctor: Client,
      status: "booked" | "cancelled" | "completed" | "no_show",
      options: {
        mode?: "video" | "in_person";
        startedAfterBookingMin?: number;
        startMs?: number;
        org?: string;
      } = {},
    ) => {
      const startMs = options.startMs ?? fromMs + (hour += 3) * HOUR;
      const a = await appointmentFixture({
        org: options.org ?? org,
        doctorUid: doctor.user.uid,
        patientUid,
        startMs,
        endMs: startMs + 30 * MINUTE,
        status,
        mode: options.mode ?? "video",
      });
      const bookedAtMs = startMs - 2 * DAY;
      await db.doc(`appointments/${a.id}`).update({ createdAt: Timestamp.fromMillis(bookedAtMs) });
      if (options.startedAfterBookingMin !== undefined) {
        await db.doc(`consultations/${a.id}`).set({
          appointmentId: a.id,
          org: options.org ?? org,
          doctorUid: doctor.user.uid,
          patientUid,
          status: "ended",
          startedAt: Timestamp.fromMillis(bookedAtMs + options.startedAfterBookingMin * MINUTE),
        });
      }
      return a;
    };
    // d1: 3 completed (consultations started 60, 120, 180 min after booking), 1 no-show, 1 cancelled, 2 booked.
    await make(d1, "completed", { startedAfterBookingMin: 60 });
    await make(d1, "completed", { startedAfterBookingMin: 180 });
    await make(d1, "completed", { startedAfterBookingMin: 120 });
    await make(d1, "no_show");
    await make(d1, "cancelled");
    await make(d1, "booked");
    await make(d1, "booked");
    // d2: 1 completed in person (no consultation session), 1 no-show.
    await make(d2, "completed", { mode: "in_person" });
    await make(d2, "no_show");
    // Outside the week, and in another organisation: not counted.
    await make(d1, "completed", { startMs: fromMs - HOUR, startedAfterBookingMin: 5 });
    await make(d1, "completed", { startMs: toMs, startedAfterBookingMin: 5 });
    await make(d1, "completed", { org: otherOrg, startedAfterBookingMin: 5 });

    // Prescriptions: 3 issued in the week, 2 of them dispensed (after 30 and 90 minutes); one issued before it.
    const rx = (createdMs: number, dispensedAfterMin?: number, rxOrg = org) =>
      db.collection("prescriptions").add({
        org: rxOrg,
        doctorUid: d1.user.uid,
        patientUid,
        status: dispensedAfterMin === undefined ? "issued" : "dispensed",
        createdAt: Timestamp.fromMillis(createdMs),
        ...(dispensedAfterMin === undefined
          ? {}
          : { dispensedAt: Timestamp.fromMillis(createdMs + dispensedAfterMin * MINUTE) }),
      });
    await Promise.all([
      rx(fromMs + DAY, 30),
      rx(fromMs + 2 * DAY, 90),
      rx(fromMs + 3 * DAY),
      rx(fromMs - DAY),
      rx(fromMs + DAY, 10, otherOrg),
    ]);

    // Stock: a pharmacy of the organisation with two items out and one low.
    ({ pharmacyId } = await approvedPharmacy(org, { withPharmacist: false }));
    await Promise.all(
      [
        ["paracetamol-500mg-tablet", "out"],
        ["amoxicillin-500mg-capsule", "out"],
        ["cetirizine-10mg-tablet", "low"],
      ].map(([medicineId, state]) =>
        db
          .doc(`pharmacies/${pharmacyId}/inventory/${medicineId}`)
          .set({ pharmacyId, medicineId, state, quantity: state === "out" ? 0 : 3, batches: [] }),
      ),
    );
  });

  const expected = () => ({
    org,
    from,
    to,
    appointments: { booked: 2, cancelled: 1, completed: 4, no_show: 2, total: 9 },
    noShowRate: 0.3333,
    consultationsPerDoctor: [
      { doctorUid: d1.user.uid, completed: 3 },
      { doctorUid: d2.user.uid, completed: 1 },
    ],
    prescriptions: { issued: 3, dispensed: 2 },
    stockOuts: { items: 2, pharmacies: [{ pharmacyId, items: 2 }] },
    responseTimes: {
      bookingToConsultationStart: { count: 3, medianMinutes: 120, p90Minutes: 168 },
      issueToDispense: { count: 2, medianMinutes: 60, p90Minutes: 84 },
    },
    truncated: [],
  });

  it("gives the organisation admin exact counts, rate, per-doctor counts, response times and stock-outs, and is audited", async () => {
    const before = await auditFor(org, "admin.kpisRead");
    expect(await orgAdminClient.call("getKpis", { from, to })).toEqual(expected());
    expect(await orgAdminClient.call("getKpis", { org, from, to })).toEqual(expected());
    const after = await auditFor(org, "admin.kpisRead");
    expect(after).toHaveLength(before.length + 2);
    expect(after.at(-1)).toMatchObject({
      actorUid: orgAdminClient.user.uid,
      actorRole: "admin",
      org,
      target: { type: "kpis", id: org },
    });
  });

  it("gives a platform admin any organisation, and the whole platform with org omitted", async () => {
    expect(await root.call("getKpis", { org, from, to })).toEqual(expected());
    const platform = await root.call<{
      org: string | null;
      appointments: { total: number; completed: number };
      stockOuts: { items: number; pharmacies: unknown };
    }>("getKpis", { from, to });
    expect(platform.org).toBeNull();
    // Every organisation's appointments in the week: at least ours and the other organisation's one.
    expect(platform.appointments.completed).toBeGreaterThanOrEqual(5);
    expect(platform.stockOuts.items).toBeGreaterThanOrEqual(2);
    expect(platform.stockOuts.pharmacies).toBeNull();
    const entries = await auditBy(root.user.uid, "admin.kpisRead");
    expect(entries.some((e) => e.org === null && e.target.id === "platform")).toBe(true);
  });

  it("refuses an admin of another organisation, a doctor and a range over 92 days, and audits none of them", async () => {
    const foreign = await callError(foreignAdmin.call("getKpis", { org, from, to }));
    expect(foreign).toEqual({
      code: "functions/permission-denied",
      message: "you administer another organisation",
    });
    expect((await callError(d1.call("getKpis", { org, from, to }))).code).toBe("functions/permission-denied");
    const tooLong = await callError(
      orgAdminClient.call("getKpis", { from, to: new Date(fromMs + 93 * DAY).toISOString() }),
    );
    expect(tooLong).toEqual({
      code: "functions/invalid-argument",
      message: "to: a range of at most 92 days",
    });
    expect(await auditBy(foreignAdmin.user.uid, "admin.kpisRead")).toHaveLength(0);
    expect(await auditBy(d1.user.uid, "admin.kpisRead")).toEqual([]);
  });

  it("answers not-found for an organisation that does not exist (platform admin)", async () => {
    expect((await callError(root.call("getKpis", { org: "org-missing-0000", from, to }))).code).toBe(
      "functions/not-found",
    );
  });

  it("exports the week's appointments as CSV that parses back to the rows", async () => {
    const result = await orgAdminClient.call<{
      kind: string;
      org: string;
      rows: number;
      columns: string[];
      csv: string;
    }>("exportCsv", { kind: "appointments", from, to });
    expect(result).toMatchObject({
      kind: "appointments",
      org,
      rows: 9,
      columns: ["appointmentId", "org", "status", "mode", "start", "end", "doctorUid", "patientUid"],
    });
    const parsed = parse(result.csv, { columns: true }) as Array<Record<string, string>>;
    const stored = await admin()
      .db.collection("appointments")
      .where("org", "==", org)
      .where("start", ">=", Timestamp.fromMillis(fromMs))
      .where("start", "<", Timestamp.fromMillis(toMs))
      .get();
    const expectedRows = stored.docs
      .map((d) => ({
        appointmentId: d.id,
        org,
        status: d.get("status"),
        mode: d.get("mode"),
        start: d.get("start").toDate().toISOString(),
        end: d.get("end").toDate().toISOString(),
        doctorUid: d.get("doctorUid"),
        patientUid: d.get("patientUid"),
      }))
      .sort((a, b) => a.start.localeCompare(b.start));
    expect(parsed).toEqual(expectedRows);
    expect(result.csv.split("\r\n")[0]).toBe("appointmentId,org,status,mode,start,end,doctorUid,patientUid");
    const audit = (await auditFor(org, "admin.csvExported")).filter(
      (e) => e.target.type === "csv.appointments",
    );
    expect(audit.at(-1)).toMatchObject({ actorUid: orgAdminClient.user.uid, org });
  });

  it("refuses an appointment export to another organisation's admin and over 92 days", async () => {
    expect(
      (await callError(foreignAdmin.call("exportCsv", { kind: "appointments", org, from, to }))).code,
    ).toBe("functions/permission-denied");
    expect(
      (
        await callError(
          orgAdminClient.call("exportCsv", {
            kind: "appointments",
            from,
            to: new Date(fromMs + 100 * DAY).toISOString(),
          }),
        )
      ).code,
    ).toBe("functions/invalid-argument");
    expect(await auditBy(foreignAdmin.user.uid, "admin.csvExported")).toHaveLength(0);
  });
});

describe("exportCsv users", () => {
  it("exports the members by role, without email or phone, and parses back to the memberships", async () => {
    const all = await orgAdminClient.call<{ rows: number; csv: string }>("exportCsv", { kind: "users" });
    const parsed = parse(all.csv, { columns: true }) as Array<Record<string, string>>;
    const members = await admin().db.collection(`organisations/${org}/members`).get();
    const expectedRows = members.docs
      .map((d) => ({
        uid: d.id,
        role: d.get("role"),
        status: d.get("status"),
        since: d.get("since").toDate().toISOString(),
        disabled: "false",
      }))
      .sort((a, b) => (a.uid < b.uid ? -1 : 1));
    expect(parsed).toEqual(expectedRows);
    expect(all.rows).toBe(expectedRows.length);
    expect(all.csv.split("\r\n")[0]).toBe("uid,role,status,since,disabled");
    expect(all.csv).not.toMatch(/@test\.arogya\.example/);

    const doctors = parse(
      (await orgAdminClient.call<{ csv: string }>("exportCsv", { kind: "users", role: "doctor" })).csv,
      { columns: true },
    ) as Array<Record<string, string>>;
    expect(doctors.map((r) => r.uid).sort()).toEqual(
      expectedRows
        .filter((r) => r.role === "doctor")
        .map((r) => r.uid)
        .sort(),
    );
    expect(doctors.map((r) => r.uid)).toEqual(expect.arrayContaining([d1.user.uid, d2.user.uid]));
  });

  it("needs a platform admin to name the organisation", async () => {
    expect(await callError(root.call("exportCsv", { kind: "users" }))).toEqual({
      code: "functions/invalid-argument",
      message: "org: name the organisation",
    });
    const result = await root.call<{ org: string; rows: number }>("exportCsv", { kind: "users", org });
    expect(result.org).toBe(org);
  });
});

describe("listUsers", () => {
  let listOrg: string;
  let listAdmin: Client;
  const uids = (prefix: string) => ({
    doctors: ["a", "b", "c"].map((s) => `${prefix}-doc-${s}`),
    pharmacists: ["d", "e"].map((s) => `${prefix}-ph-${s}`),
  });
  let ids: ReturnType<typeof uids>;

  beforeAll(async () => {
    listOrg = await makeOrg();
    listAdmin = track(await orgAdmin(listOrg));
    ids = uids(listOrg);
    await Promise.all([
      ...ids.doctors.map((uid, i) => seedMember(listOrg, uid, "doctor", i === 2 ? "suspended" : "active")),
      ...ids.pharmacists.map((uid) => seedMember(listOrg, uid, "pharmacist")),
    ]);
  });

  it("pages through the members in uid order, with filters by role and status", async () => {
    type Page = {
      org: string;
      users: Array<{ uid: string; role: string; status: string; since: string; disabled: boolean | null }>;
      nextCursor: string | null;
    };
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page: Page = await listAdmin.call<Page>("listUsers", {
        pageSize: 2,
        ...(cursor ? { cursor } : {}),
      });
      expect(page.org).toBe(listOrg);
      seen.push(...page.users.map((u) => u.uid));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor && pages < 10);
    expect(seen).toEqual([...ids.doctors, ...ids.pharmacists].sort());

    const first = await listAdmin.call<Page>("listUsers", { pageSize: 1 });
    // No Auth account behind these memberships: disabled is unknown.
    expect(first.users[0]).toEqual({
      uid: [...ids.doctors, ...ids.pharmacists].sort()[0],
      role: "doctor",
      status: "active",
      since: "2025-01-15T06:00:00.000Z",
      disabled: null,
    });

    const pharmacists = await listAdmin.call<Page>("listUsers", { role: "pharmacist", pageSize: 10 });
    expect(pharmacists.users.map((u) => u.uid)).toEqual(ids.pharmacists);
    expect(pharmacists.nextCursor).toBeNull();
    const suspended = await listAdmin.call<Page>("listUsers", {
      role: "doctor",
      status: "suspended",
      pageSize: 10,
    });
    expect(suspended.users.map((u) => u.uid)).toEqual([ids.doctors[2]]);

    expect(await auditFor(listOrg, "admin.usersListed")).toHaveLength(pages + 3);
  });

  it("lets a platform admin list any organisation, and refuses another organisation's admin", async () => {
    const page = await root.call<{ users: unknown[] }>("listUsers", { org: listOrg, pageSize: 50 });
    expect(page.users).toHaveLength(5);
    expect((await callError(foreignAdmin.call("listUsers", { org: listOrg, pageSize: 5 }))).code).toBe(
      "functions/permission-denied",
    );
    expect((await callError(root.call("listUsers", { pageSize: 5 }))).code).toBe(
      "functions/invalid-argument",
    );
    expect(await auditBy(foreignAdmin.user.uid, "admin.usersListed")).toHaveLength(0);
  });
});

describe("setUserStatus", () => {
  /**
   * The organisation's admin sets a doctor's status: answered that it changed, with the doctor
   * profile's new status, and the Auth account disabled while suspended.
   */
  async function expectStatusChanged(uid: string, status: string, reason: string, profileStatus: string) {
    expect(await orgAdminClient.call("setUserStatus", { uid, org, status, reason })).toEqual({
      uid,
      org,
      status,
      changed: true,
      profile: { path: `doctors/${uid}`, status: profileStatus },
      disabled: status === "suspended",
    });
  }
  it("suspends a doctor: Auth disabled, sign-in refused, profile hidden from patients by the rules; reinstating reverses it", async () => {
    const doctor = track(await approvedDoctor(org));
    const uid = doctor.user.uid;
    const email = doctor.user.email!;
    await seedMember(org, uid, "doctor");
    expect((await getDoc(doc(patient.db, "doctors", uid))).get("status")).toBe("approved");

    await expectStatusChanged(uid, "suspended", "registration under review", "suspended");
    const user = await admin().auth.getUser(uid);
    expect(user.disabled).toBe(true);
    expect(user.tokensValidAfterTime).toBeDefined();
    expect((await admin().db.doc(`organisations/${org}/members/${uid}`).get()).data()).toMatchObject({
      status: "suspended",
      statusReason: "registration under review",
      statusChangedBy: orgAdminClient.user.uid,
    });
    expect((await admin().db.doc(`doctors/${uid}`).get()).get("status")).toBe("suspended");
    await expect(getDoc(doc(patient.db, "doctors", uid))).rejects.toMatchObject({
      code: "permission-denied",
    });
    await expect(signIn(email)).rejects.toMatchObject({ code: "auth/user-disabled" });
    expect(
      (
        await callError(
          patient.call("listSlots", {
            doctorUid: uid,
            from: new Date().toISOString(),
            to: new Date(Date.now() + DAY).toISOString(),
          }),
        )
      ).code,
    ).toBe("functions/not-found");
    expect(await auditFor(uid, "admin.userSuspended")).toEqual([
      expect.objectContaining({ actorUid: orgAdminClient.user.uid, org, target: { type: "user", id: uid } }),
    ]);

    await expectStatusChanged(uid, "active", "registration confirmed", "approved");
    expect((await admin().auth.getUser(uid)).disabled).toBe(false);
    expect((await admin().db.doc(`organisations/${org}/members/${uid}`).get()).get("status")).toBe("active");
    expect((await getDoc(doc(patient.db, "doctors", uid))).get("status")).toBe("approved");
    track(await signIn(email));
    expect(await auditFor(uid, "admin.userReinstated")).toHaveLength(1);
  });

  it("suspends a pharmacist and the pharmacy they own; a platform admin may do it too", async () => {
    const { pharmacyId, pharmacist } = await approvedPharmacy(org);
    const uid = track(pharmacist!).user.uid;
    await seedMember(org, uid, "pharmacist");
    const result = await root.call("setUserStatus", {
      uid,
      org,
      status: "suspended",
      reason: "licence expired",
    });
    expect(result).toMatchObject({
      status: "suspended",
      profile: { path: `pharmacies/${pharmacyId}`, status: "suspended" },
      disabled: true,
    });
    await expect(getDoc(doc(patient.db, "pharmacies", pharmacyId))).rejects.toMatchObject({
      code: "permission-denied",
    });
    await root.call("setUserStatus", { uid, org, status: "active", reason: "licence renewed" });
    expect((await getDoc(doc(patient.db, "pharmacies", pharmacyId))).get("status")).toBe("approved");
    expect((await admin().auth.getUser(uid)).disabled).toBe(false);
  });

  it("refuses self, a platform admin, another organisation's member and a non-member, and leaves nothing behind", async () => {
    const otherDoctor = track(await approvedDoctor(otherOrg));
    await seedMember(otherOrg, otherDoctor.user.uid, "doctor");
    const stranger = track(await signUp());
    const attempt = (client: Client, uid: string, target = org) =>
      callError(
        client.call("setUserStatus", { uid, org: target, status: "suspended", reason: "testing refusals" }),
      );

    expect(await attempt(orgAdminClient, orgAdminClient.user.uid)).toEqual({
      code: "functions/permission-denied",
      message: "you cannot change your own status",
    });
    expect(await attempt(orgAdminClient, root.user.uid)).toEqual({
      code: "functions/permission-denied",
      message: "only a platform admin can change a platform admin's status",
    });
    expect(await attempt(orgAdminClient, otherDoctor.user.uid)).toEqual({
      code: "functions/permission-denied",
      message: "this user belongs to another organisation",
    });
    expect(await attempt(orgAdminClient, otherDoctor.user.uid, otherOrg)).toEqual({
      code: "functions/permission-denied",
      message: "you administer another organisation",
    });
    expect(await attempt(foreignAdmin, d1.user.uid)).toEqual({
      code: "functions/permission-denied",
      message: "you administer another organisation",
    });
    expect(await attempt(orgAdminClient, stranger.user.uid)).toEqual({
      code: "functions/not-found",
      message: "no such member of this organisation",
    });
    expect(await attempt(d1, d2.user.uid)).toEqual({
      code: "functions/permission-denied",
      message: "only admins may do this",
    });
    expect(
      (await callError(orgAdminClient.call("setUserStatus", { uid: d2.user.uid, org, status: "suspended" })))
        .code,
    ).toBe("functions/invalid-argument");

    for (const uid of [
      orgAdminClient.user.uid,
      root.user.uid,
      otherDoctor.user.uid,
      d1.user.uid,
      d2.user.uid,
      stranger.user.uid,
    ]) {
      expect((await admin().auth.getUser(uid)).disabled).toBe(false);
      expect(await auditFor(uid, "admin.userSuspended")).toEqual([]);
    }
    expect(
      (await admin().db.doc(`organisations/${otherOrg}/members/${otherDoctor.user.uid}`).get()).get("status"),
    ).toBe("active");
    expect((await admin().db.doc(`doctors/${otherDoctor.user.uid}`).get()).get("status")).toBe("approved");
  });
});

describe("readAuditLog", () => {
  let auditOrg: string;
  let auditAdmin: Client;
  // Seeded entries, oldest first, all within one past hour.
  const t0 = Date.parse("2025-06-01T08:00:00Z");
  const seeded: Array<{ id: string; action: string; actorUid: string; targetId: string; atMs: number }> = [];

  beforeAll(async () => {
    auditOrg = await makeOrg();
    auditAdmin = track(await orgAdmin(auditOrg));
    const { db } = admin();
    const rows = [
      ["appointment.booked", "patient-1", "appt-1"],
      ["appointment.booked", "patient-2", "appt-2"],
      ["appointment.cancelled", "patient-1", "appt-1"],
      ["appointment.booked", "patient-1", "appt-3"],
      ["appointment.completed", "doctor-1", "appt-2"],
      ["appointment.cancelled", "doctor-1", "appt-3"],
      ["appointment.booked", "patient-2", "appt-4"],
    ];
    for (const [i, [action, actorUid, targetId]] of rows.entries()) {
      const atMs = t0 + i * MINUTE;
      const ref = db.collection("auditLog").doc();
      await ref.set({
        action,
        actorUid,
        actorRole: actorUid.startsWith("doctor") ? "doctor" : "patient",
        org: auditOrg,
        target: { type: "appointment", id: targetId },
        at: Timestamp.fromMillis(atMs),
        expireAt: Timestamp.fromMillis(atMs + 6 * 365 * DAY),
        ip: "203.0.113.7",
        userAgent: "test",
      });
      seeded.push({ id: ref.id, action, actorUid, targetId, atMs });
    }
    // Another organisation's entry in the same hour: never shown to this organisation's admin.
    await db.collection("auditLog").add({
      action: "appointment.booked",
      actorUid: "patient-1",
      actorRole: "patient",
      org: otherOrg,
      target: { type: "appointment", id: "appt-x" },
      at: Timestamp.fromMillis(t0 + 30_000),
      expireAt: Timestamp.fromMillis(t0 + 1000 * DAY),
      ip: null,
      userAgent: null,
    });
  });

  type Page = {
    org: string | null;
    entries: Array<{
      id: string;
      action: string;
      actorUid: string;
      org: string;
      target: { type: string; id: string };
      at: string;
    }>;
    nextCursor: string | null;
  };
  const window = () => ({ from: new Date(t0).toISOString(), to: new Date(t0 + HOUR).toISOString() });
  let reads = 0;
  const read = async (client: Client, data: Record<string, unknown>) => {
    const page = await client.call<Page>("readAuditLog", data);
    if (client === auditAdmin) reads += 1;
    return page;
  };

  it("pages newest first with stable cursors", async () => {
    const ids: string[] = [];
    let cursor: string | undefined;
    let page: Page;
    do {
      page = await read(auditAdmin, { ...window(), pageSize: 3, ...(cursor ? { cursor } : {}) });
      expect(page.org).toBe(auditOrg);
      ids.push(...page.entries.map((e) => e.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(ids).toEqual([...seeded].reverse().map((s) => s.id));
    const first = (await read(auditAdmin, { ...window(), pageSize: 1 })).entries[0];
    const last = seeded.at(-1)!;
    expect(first).toEqual({
      id: last.id,
      action: last.action,
      actorUid: last.actorUid,
      actorRole: "patient",
      org: auditOrg,
      target: { type: "appointment", id: last.targetId },
      at: new Date(last.atMs).toISOString(),
      ip: "203.0.113.7",
      userAgent: "test",
    });
  });

  it("filters by action, actor, target and time, alone and together", async () => {
    const idsOf = (p: Page) => p.entries.map((e) => e.id);
    const expectIds = (pred: (s: (typeof seeded)[number]) => boolean) =>
      seeded
        .filter(pred)
        .reverse()
        .map((s) => s.id);
    expect(idsOf(await read(auditAdmin, { action: "appointment.cancelled", pageSize: 50 }))).toEqual(
      expectIds((s) => s.action === "appointment.cancelled"),
    );
    expect(idsOf(await read(auditAdmin, { actorUid: "doctor-1", pageSize: 50 }))).toEqual(
      expectIds((s) => s.actorUid === "doctor-1"),
    );
    expect(idsOf(await read(auditAdmin, { targetId: "appt-3", pageSize: 50 }))).toEqual(
      expectIds((s) => s.targetId === "appt-3"),
    );
    expect(
      idsOf(await read(auditAdmin, { action: "appointment.booked", actorUid: "patient-1", pageSize: 50 })),
    ).toEqual(expectIds((s) => s.action === "appointment.booked" && s.actorUid === "patient-1"));
    const from = new Date(t0 + 2 * MINUTE).toISOString();
    const to = new Date(t0 + 5 * MINUTE).toISOString();
    expect(idsOf(await read(auditAdmin, { from, to, pageSize: 50 }))).toEqual(
      expectIds((s) => s.atMs >= t0 + 2 * MINUTE && s.atMs < t0 + 5 * MINUTE),
    );
    expect(idsOf(await read(auditAdmin, { action: "appointment.booked", from, to, pageSize: 50 }))).toEqual(
      expectIds(
        (s) => s.action === "appointment.booked" && s.atMs >= t0 + 2 * MINUTE && s.atMs < t0 + 5 * MINUTE,
      ),
    );
  });

  it("keeps other organisations out, lets a platform admin read any or all, and refuses a bad cursor", async () => {
    expect((await callError(foreignAdmin.call("readAuditLog", { org: auditOrg, pageSize: 5 }))).code).toBe(
      "functions/permission-denied",
    );
    expect((await callError(d1.call("readAuditLog", { pageSize: 5 }))).code).toBe(
      "functions/permission-denied",
    );
    const own = await read(auditAdmin, { ...window(), actorUid: "patient-1", pageSize: 50 });
    expect(own.entries.every((e) => e.org === auditOrg)).toBe(true);

    const byRoot = await root.call<Page>("readAuditLog", { org: auditOrg, ...window(), pageSize: 50 });
    expect(byRoot.entries.map((e) => e.id)).toEqual([...seeded].reverse().map((s) => s.id));
    const everywhere = await root.call<Page>("readAuditLog", {
      ...window(),
      actorUid: "patient-1",
      action: "appointment.booked",
      pageSize: 50,
    });
    expect(everywhere.org).toBeNull();
    expect(new Set(everywhere.entries.map((e) => e.org))).toEqual(new Set([auditOrg, otherOrg]));

    expect(
      await callError(auditAdmin.call("readAuditLog", { pageSize: 5, cursor: "no-such-entry" })),
    ).toEqual({ code: "functions/invalid-argument", message: "cursor: not a cursor this callable gave" });
  });

  it("audits every read (refused ones excepted), after taking the page", async () => {
    const entries = await auditBy(auditAdmin.user.uid, "admin.auditRead");
    expect(entries).toHaveLength(reads);
    expect(
      entries.every((e) => e.org === auditOrg && e.target.type === "auditLog" && e.target.id === auditOrg),
    ).toBe(true);
    expect(await auditBy(foreignAdmin.user.uid, "admin.auditRead")).toHaveLength(0);
  });
});

describe("every admin call is audited", () => {
  it("leaves one entry per successful call with the caller, the organisation and the action", async () => {
    const auditedOrg = await makeOrg();
    const adminClient = track(await orgAdmin(auditedOrg));
    const doctor = track(await approvedDoctor(auditedOrg));
    await seedMember(auditedOrg, doctor.user.uid, "doctor");
    const from = "2025-01-01T00:00:00Z";
    const to = "2025-01-31T00:00:00Z";
    await adminClient.call("getKpis", { from, to });
    await adminClient.call("exportCsv", { kind: "users" });
    await adminClient.call("exportCsv", { kind: "appointments", from, to });
    await adminClient.call("listUsers", { pageSize: 10 });
    await adminClient.call("setUserStatus", {
      uid: doctor.user.uid,
      org: auditedOrg,
      status: "suspended",
      reason: "audit check",
    });
    await adminClient.call("setUserStatus", {
      uid: doctor.user.uid,
      org: auditedOrg,
      status: "active",
      reason: "audit check",
    });
    await adminClient.call("readAuditLog", { pageSize: 10 });

    // Sign-up wrote `user.registered` for this account too: only the admin actions are counted.
    const entries = (await auditBy(adminClient.user.uid)).filter((e) =>
      String(e.action).startsWith("admin."),
    );
    expect(entries.map((e) => e.action).sort()).toEqual(
      [
        "admin.auditRead",
        "admin.csvExported",
        "admin.csvExported",
        "admin.kpisRead",
        "admin.userReinstated",
        "admin.userSuspended",
        "admin.usersListed",
      ].sort(),
    );
    expect(entries.every((e) => e.org === auditedOrg && e.actorRole === "admin" && e.at && e.expireAt)).toBe(
      true,
    );
    expect(
      entries
        .filter((e) => e.action === "admin.csvExported")
        .map((e) => e.target.type)
        .sort(),
    ).toEqual(["csv.appointments", "csv.users"]);
  });
});
