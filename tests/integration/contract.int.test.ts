// The contract an app developer builds on (issue 17), used as an app would: the typed client
// (client/) for calls, its ArogyaError for refusals (reason, fields, messages in three
// languages), and its converters and declared queries for reads the rules allow.
import { getDoc, getDocs, onSnapshot } from "firebase/firestore";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ArogyaError, ERROR_MESSAGES, clientQuery, docRef } from "../../client/src";
import { signUp, type Client } from "../../tools/emulator-client";
import { appointmentsAt, approvedDoctor, freeSlots, makeOrg } from "./fixtures";

let org: string;
let doctor: Client;
const clients: Client[] = [];
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected the call to be refused");
    },
    (error: unknown) => error as ArogyaError,
  );

beforeAll(async () => {
  org = await makeOrg();
  doctor = await approvedDoctor(org);
  clients.push(doctor);
});
afterAll(() => Promise.all(clients.map((c) => c.close())));

async function patient(): Promise<Client> {
  const client = await signUp();
  clients.push(client);
  return client;
}

describe("calls through the typed client", () => {
  it("books a slot; another patient taking it gets reason slot-taken, and nothing of theirs is written", async () => {
    const [first, second] = await Promise.all([patient(), patient()]);
    const [slot] = await freeSlots(first, doctor.user.uid);
    const booked = await first.arogya.book({ doctorUid: doctor.user.uid, start: slot.start, mode: "video" });
    expect(booked).toMatchObject({ status: "booked", doctorUid: doctor.user.uid, start: slot.start });

    const taken = await refusal(
      second.arogya.book({ doctorUid: doctor.user.uid, start: slot.start, mode: "video" }),
    );
    expect(taken).toBeInstanceOf(ArogyaError);
    expect(taken).toMatchObject({ code: "already-exists", reason: "slot-taken", callable: "book" });
    expect(taken.localized("pa")).toBe(ERROR_MESSAGES["slot-taken"].pa);
    const stored = await appointmentsAt(doctor.user.uid, slot.start);
    expect(stored.map((a) => (a as { patientUid?: string }).patientUid)).toEqual([first.user.uid]);
  });

  it("an invalid request names each field and its problem (details.fields); nothing is written", async () => {
    const someone = await patient();
    const [slot] = await freeSlots(someone, doctor.user.uid);
    const invalid = await refusal(
      someone.arogya.book({ doctorUid: doctor.user.uid, start: slot.start, mode: "telepathy" as never }),
    );
    expect(invalid).toMatchObject({ code: "invalid-argument", reason: "invalid-request" });
    expect(invalid.fields.map((f) => f.path)).toEqual(["mode"]);
    expect(invalid.fields[0].problem).not.toBe("");
    expect(await appointmentsAt(doctor.user.uid, slot.start)).toEqual([]);
  });

  it("a role that may not call it gets reason role-not-allowed; nothing is written", async () => {
    const [slot] = await freeSlots(doctor, doctor.user.uid);
    const refused = await refusal(
      doctor.arogya.book({ doctorUid: doctor.user.uid, start: slot.start, mode: "video" }),
    );
    expect(refused).toMatchObject({ code: "permission-denied", reason: "role-not-allowed" });
    expect(await appointmentsAt(doctor.user.uid, slot.start)).toEqual([]);
  });

  it("an unknown doctor is doctor-not-found, with the code's meaning kept", async () => {
    const someone = await patient();
    const from = new Date().toISOString();
    const to = new Date(Date.now() + 86_400_000).toISOString();
    const missing = await refusal(someone.arogya.listSlots({ doctorUid: "no-such-doctor", from, to }));
    expect(missing).toMatchObject({ code: "not-found", reason: "doctor-not-found" });
  });
});

describe("reads through the client's converters and declared queries", () => {
  it("a patient lists and listens to their appointments, typed; another patient may not read them", async () => {
    const [owner, other] = await Promise.all([patient(), patient()]);
    const [slot] = await freeSlots(owner, doctor.user.uid);
    const booked = await owner.arogya.book({
      doctorUid: doctor.user.uid,
      start: slot.start,
      mode: "in_person",
    });

    const mine = clientQuery(
      owner.db,
      "patientAppointments",
      { patientUid: owner.user.uid },
      { from: new Date() },
    );
    const listed = (await getDocs(mine)).docs.map((d) => ({ id: d.id, ...d.data() }));
    expect(listed.map((a) => a.id)).toEqual([booked.appointmentId]);
    expect(listed[0].start.toMillis()).toBe(Date.parse(slot.start));
    expect(listed[0].mode).toBe("in_person");

    const heard = await new Promise<string[]>((resolve, reject) => {
      const stop = onSnapshot(
        mine,
        (snap) => {
          stop();
          resolve(snap.docs.map((d) => d.id));
        },
        reject,
      );
    });
    expect(heard).toEqual([booked.appointmentId]);

    const one = await getDoc(docRef(owner.db, "appointments", booked.appointmentId));
    expect(one.data()?.patientUid).toBe(owner.user.uid);

    const theirs = clientQuery(other.db, "patientAppointments", { patientUid: owner.user.uid });
    await expect(getDocs(theirs)).rejects.toMatchObject({ code: "permission-denied" });
    await expect(getDoc(docRef(other.db, "appointments", booked.appointmentId))).rejects.toMatchObject({
      code: "permission-denied",
    });
  });
});
