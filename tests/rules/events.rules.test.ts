// events/{eventId}: domain events waiting for the BigQuery export (functions/src/repo/events.ts),
// with ids only. Internal to the functions: every actor is denied every operation, including the
// patient the event is about (the "owner") and a platform admin; a forged or erased event would
// corrupt analytics. (consultations/{id}/events/{id} is another collection with its own rules.)
import {
  collection,
  doc,
  getDocs,
  query,
  setDoc,
  updateDoc,
  where,
  type Firestore,
} from "firebase/firestore";
import { describe, it } from "vitest";
import { ACTORS, ORG_A, OWNERS, SEEDED_AT, expectDecision, useRulesEnv } from "./support";
import { runFunctionsOnly } from "./templates/documentSuite";

const rules = useRulesEnv();
const owner = OWNERS.patient;
const APPOINTMENT_ID = "appt-events-a";
const EVENT_ID = `appointment.booked:${APPOINTMENT_ID}`;
const eventRef = (db: Firestore, id = EVENT_ID) => doc(db, "events", id);

function domainEvent(patientUid: string, overrides: Record<string, unknown> = {}) {
  return {
    eventId: EVENT_ID,
    type: "appointment.booked",
    occurredAt: SEEDED_AT,
    org: ORG_A,
    ids: { appointmentId: APPOINTMENT_ID, patientUid, doctorUid: "doctor-owner" },
    exported: false,
    exportedAt: null,
    exportAttempts: 0,
    lastError: null,
    ...overrides,
  };
}

async function seedOthers(db: Firestore) {
  await setDoc(
    eventRef(db, "appointment.booked:appt-other"),
    domainEvent(ACTORS.otherPatient.uid, { eventId: "appointment.booked:appt-other" }),
  );
}

runFunctionsOnly(rules, {
  collection: "events",
  owner,
  others: seedOthers,
  ref: (db) => eventRef(db),
  list: (db) => query(collection(db, "events"), where("ids.patientUid", "==", owner.uid)),
  stored: () => domainEvent(owner.uid),
  update: { exported: true },
});

describe("events: forged and hidden analytics", () => {
  it("events: orgAdmin cannot list their organisation's events", async () => {
    await rules.seed(async (db) => {
      await seedOthers(db);
      await setDoc(eventRef(db), domainEvent(owner.uid));
    });
    await expectDecision(
      "deny",
      getDocs(query(collection(rules.db(ACTORS.orgAdmin), "events"), where("org", "==", ORG_A))),
    );
  });
  it("events: a doctor cannot plant a completed appointment for their KPIs", async () => {
    await rules.seed(seedOthers);
    await expectDecision(
      "deny",
      setDoc(
        eventRef(rules.db(ACTORS.doctor), "appointment.completed:appt-forged"),
        domainEvent(owner.uid, { type: "appointment.completed" }),
      ),
    );
  });
  it("events: platformAdmin cannot mark events exported", async () => {
    await rules.seed(async (db) => setDoc(eventRef(db), domainEvent(owner.uid)));
    await expectDecision("deny", updateDoc(eventRef(rules.db(ACTORS.platformAdmin)), { exported: true }));
  });
});
