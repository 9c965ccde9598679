// outbox, reminders, optOuts: internal to the functions. Every actor is refused every
// operation, including the patient on messages and reminders about themselves.
import {
  collection,
  deleteDoc,
  doc,
  getDoc,
  getDocs,
  setDoc,
  updateDoc,
  type Firestore,
} from "firebase/firestore";
import { describe } from "vitest";
import { OWNERS, SEEDED_AT, runMatrix, useRulesEnv, type Op, DENY_ALL } from "./support";

const rules = useRulesEnv();
const patient = OWNERS.patient.uid;
const allDenied = DENY_ALL;

const documents: Record<string, { id: string; data: Record<string, unknown> }> = {
  outbox: {
    id: "appt_a1_booked",
    data: {
      kind: "appointment.booked",
      channel: "sms",
      to: "+919800000001",
      recipientUid: patient,
      language: "pa",
      body: "…",
      state: "pending",
      attempts: 0,
      createdAt: SEEDED_AT,
    },
  },
  reminders: {
    id: "a1_60m",
    data: {
      appointmentId: "a1",
      patientUid: patient,
      offsetMinutes: 60,
      dueAt: SEEDED_AT,
      startAt: SEEDED_AT,
      state: "scheduled",
    },
  },
  optOuts: { id: "+919800000001", data: { optedOutAt: SEEDED_AT, keyword: "STOP" } },
};

for (const [name, fixture] of Object.entries(documents)) {
  describe(name, () => {
    runMatrix(rules, {
      collection: name,
      owner: OWNERS.patient,
      table: allDenied,
      async seed(db: Firestore, op: Op) {
        if (op !== "create") await setDoc(doc(db, name, fixture.id), fixture.data);
      },
      requests: {
        get: (db) => getDoc(doc(db, name, fixture.id)),
        list: (db) => getDocs(collection(db, name)),
        create: (db) => setDoc(doc(db, name, fixture.id), fixture.data),
        update: (db) => updateDoc(doc(db, name, fixture.id), { state: "sent" }),
        delete: (db) => deleteDoc(doc(db, name, fixture.id)),
      },
    });
  });
}
