import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { admin, callError, signUp, type Client } from "../../tools/emulator-client";
import { approvedDoctor, approvedPharmacy, eventually, freeSlots, makeOrg, platformAdmin } from "./fixtures";
import { trackClients } from "./clients";

// Domain events: written by the functions in the transaction of the change, exported by
// runScheduledWork { task: "events" } with the real @google-cloud/bigquery client to the local
// BigQuery recorder (tools/bigquery-recorder.mjs, started by the harness): there is no BigQuery
// emulator.
const RECORDER = "http://127.0.0.1:4598";

interface RecordedRow {
  insertId: string | null;
  table: string;
  json: Record<string, unknown>;
}
async function recorderRows(): Promise<{ rows: RecordedRow[]; duplicates: number }> {
  return (await (await fetch(`${RECORDER}/__recorder/rows`)).json()) as {
    rows: RecordedRow[];
    duplicates: number;
  };
}
async function recorderRequests(): Promise<Array<{ body: { rows?: Array<{ insertId?: string }> } }>> {
  return (
    (await (await fetch(`${RECORDER}/__recorder/requests`)).json()) as {
      requests: Array<{ body: { rows?: Array<{ insertId?: string }> } }>;
    }
  ).requests;
}
const eventDoc = async (id: string) => (await admin().db.doc(`events/${id}`).get()).data();

const track = trackClients();

let org: string;
let platform: Client;
beforeAll(async () => {
  org = await makeOrg();
  platform = track(await platformAdmin());
});

interface ExportRun {
  task: string;
  read: number;
  exported: number;
  failed: number;
  batches: number;
  requests: number;
}
const exportNow = () => platform.call<ExportRun>("runScheduledWork", { task: "events" });

/**
 * `patient` books a video visit with `doctor` in the first free slot six hours or more ahead: the
 * appointment and its start.
 */
async function bookAhead(patient: Client, doctor: Client) {
  const slot = (await freeSlots(patient, doctor.user.uid)).find(
    (s) => Date.parse(s.start) > Date.now() + 6 * 3_600_000,
  )!;
  const { appointmentId } = await patient.call<{ appointmentId: string }>("book", {
    doctorUid: doctor.user.uid,
    start: slot.start,
    mode: "video",
  });
  return { appointmentId, start: slot.start };
}

describe("domain events", () => {
  it("a sign-up records user.registered with the uid only", async () => {
    const patient = track(await signUp());
    const event = await eventDoc(`user.registered:${patient.user.uid}`);
    expect(event).toMatchObject({
      type: "user.registered",
      org: null,
      ids: { uid: patient.user.uid },
      exported: false,
    });
  });

  it("a booking records appointment.booked with ids only; the export sends it to BigQuery once, and again adds nothing", async () => {
    const doctor = track(await approvedDoctor(org));
    const patient = track(await signUp());
    await admin()
      .db.doc(`patients/${patient.user.uid}`)
      .set({
        name: "Sunita Devi",
        phone: "+919812345670",
        language: "hi",
        dateOfBirth: "1980-01-01",
        sex: "female",
        address: { line1: "1 Main Road", district: "Ludhiana", state: "Punjab", pincode: "141001" },
        updatedAt: new Date(),
      });
    const booked = await bookAhead(patient, doctor);
    const eventId = `appointment.booked:${booked.appointmentId}`;

    // Written by the appointment-created trigger, under this id (services/booking/bookAppointment.ts).
    const stored = await eventually(() => eventDoc(eventId), "the booking's event");
    expect(stored).toBeDefined();
    expect(Object.keys(stored!).sort()).toEqual([
      "eventId",
      "exportAttempts",
      "exported",
      "exportedAt",
      "ids",
      "lastError",
      "occurredAt",
      "org",
      "type",
    ]);
    expect(stored).toMatchObject({ eventId, type: "appointment.booked", org, exported: false });
    expect(stored!.ids).toEqual({
      appointmentId: booked.appointmentId,
      patientUid: patient.user.uid,
      doctorUid: doctor.user.uid,
    });
    const text = JSON.stringify(stored);
    for (const phi of ["Sunita", "+919812345670", "Dr. Fixture"]) expect(text).not.toContain(phi);

    // A refused second booking of the slot records nothing.
    const other = track(await signUp());
    expect(
      (
        await callError(
          other.call("book", { doctorUid: doctor.user.uid, start: booked.start, mode: "video" }),
        )
      ).code,
    ).toBe("functions/already-exists");
    expect(
      (await admin().db.collection("events").where("ids.doctorUid", "==", doctor.user.uid).get()).size,
    ).toBe(1);

    // Export: other tests' events may be waiting too (a run takes up to 10,000); run until none is left.
    for (let i = 0; i < 10 && (await exportNow()).read > 0; i += 1);
    const exported = await eventDoc(eventId);
    expect(exported).toMatchObject({ exported: true, lastError: null });
    expect(exported!.exportedAt).toBeTruthy();
    const mine = (await recorderRows()).rows.filter((r) => r.insertId === eventId);
    expect(mine).toEqual([
      expect.objectContaining({
        table: "events",
        json: {
          event_id: eventId,
          type: "appointment.booked",
          occurred_at: expect.any(String),
          org,
          ids: {
            patient_uid: patient.user.uid,
            doctor_uid: doctor.user.uid,
            appointment_id: booked.appointmentId,
          },
        },
      }),
    ]);

    // Running it again sends nothing for it and adds no row.
    const before = await recorderRows();
    const requestsBefore = (await recorderRequests()).length;
    const again = await exportNow();
    expect(again).toMatchObject({ task: "events", read: 0, exported: 0, requests: 0 });
    const after = await recorderRows();
    expect(after.rows.filter((r) => r.insertId === eventId)).toHaveLength(1);
    expect(after.rows.length).toBe(before.rows.length);
    const later = (await recorderRequests()).slice(requestsBefore);
    expect(later.flatMap((r) => r.body.rows ?? []).some((r) => r.insertId === eventId)).toBe(false);
  });

  it("a cancellation records appointment.cancelled with who cancelled", async () => {
    const doctor = track(await approvedDoctor(org));
    const patient = track(await signUp());
    const booked = await bookAhead(patient, doctor);
    await patient.call("cancel", { appointmentId: booked.appointmentId });
    await patient.call("cancel", { appointmentId: booked.appointmentId });
    expect(await eventDoc(`appointment.cancelled:${booked.appointmentId}`)).toMatchObject({
      type: "appointment.cancelled",
      org,
      ids: {
        appointmentId: booked.appointmentId,
        patientUid: patient.user.uid,
        doctorUid: doctor.user.uid,
        actorUid: patient.user.uid,
      },
    });
  });

  it("stock.out when an item's state becomes out from in stock or low, not for a new empty item or an unchanged write", async () => {
    const pharmacyOrg = await makeOrg("pharmacy");
    const { pharmacyId, pharmacist } = (await approvedPharmacy(pharmacyOrg)) as {
      pharmacyId: string;
      pharmacist: Client;
    };
    track(pharmacist);
    const medicineId = `evt-${randomUUID().slice(0, 8)}-500mg-tablet`;
    const other = `evt-${randomUUID().slice(0, 8)}-250mg-tablet`;
    for (const id of [medicineId, other])
      await admin().db.doc(`medicines/${id}`).set({
        medicineId: id,
        generic: "Eventamol",
        brands: [],
        strength: "500 mg",
        form: "tablet",
        updatedAt: new Date(),
      });
    const inAYear = `${new Date().getUTCFullYear() + 1}-12`;
    const set = (id: string, quantity: number) =>
      pharmacist.call<{ state: string }>("setStockItem", {
        pharmacyId,
        medicineId: id,
        batches: [{ batch: "B1", expiry: inAYear, quantity }],
        priceInr: 2,
        lowStockThreshold: 10,
      });
    const outs = async () =>
      (await admin().db.collection("events").where("ids.pharmacyId", "==", pharmacyId).get()).docs.map((d) =>
        d.data(),
      );

    await set(other, 0); // a new item that starts empty: no stock-out
    await set(medicineId, 100);
    await set(medicineId, 5);
    expect(await outs()).toEqual([]);
    expect(await set(medicineId, 0)).toMatchObject({ state: "out" });
    await set(medicineId, 0); // unchanged: nothing written
    const events = await outs();
    expect(events).toEqual([
      expect.objectContaining({
        type: "stock.out",
        org: pharmacyOrg,
        ids: { pharmacyId, medicineId },
        exported: false,
      }),
    ]);
    await set(medicineId, 20);
    await set(medicineId, 0);
    expect(await outs()).toHaveLength(2);
  });

  it("only a platform admin runs the export by hand", async () => {
    const patient = track(await signUp());
    expect((await callError(patient.call("runScheduledWork", { task: "events" }))).code).toBe(
      "functions/permission-denied",
    );
  });
});
