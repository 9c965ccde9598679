// outbox, reminders, optOuts: internal to the functions. Every actor is refused every
// operation, including the patient on messages and reminders about themselves.
import { doc } from "firebase/firestore";
import { describe } from "vitest";
import { OWNERS, SEEDED_AT, useRulesEnv } from "./support";
import { runFunctionsOnly } from "./templates/documentSuite";

const rules = useRulesEnv();
const patient = OWNERS.patient.uid;

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
    runFunctionsOnly(rules, {
      collection: name,
      owner: OWNERS.patient,
      ref: (db) => doc(db, name, fixture.id),
      stored: () => fixture.data,
      update: { state: "sent" },
    });
  });
}
