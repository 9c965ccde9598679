// consultations/{appointmentId}: the live state of an appointment's video consultation (status,
// who is present), and its events/{id} log. Written only by the consultation functions
// (joinConsultation, leaveConsultation, startConsultation, endConsultation, the no-show job).
// Read only by the two participants: the patient (patientUid, the matrix "owner") and the
// treating doctor (doctorUid, with the doctor role). Nobody else reads it: not a colleague, not
// the admins, and not a doctor the patient consented to (consent covers records, not the
// session). The events are read by the same two, through the parent document.
import {
  collection,
  collectionGroup,
  deleteDoc,
  doc,
  getDoc,
  getDocs,
  query,
  setDoc,
  updateDoc,
  where,
  type Firestore,
} from "firebase/firestore";
import { describe, it } from "vitest";
import {
  ACTORS,
  CONSULTED_APPOINTMENT_ID,
  ORG_A,
  ORG_B,
  OWNERS,
  consent,
  consentIdFor,
  consultation,
  consultationEvent,
  expectDecision,
  readOnly,
  row,
  runMatrix,
  useRulesEnv,
  type Actor,
  type MatrixTable,
  runRevokedCases,
  type MatrixSpec,
} from "./support";

const rules = useRulesEnv();
const owner = { ...OWNERS.patient, label: "owner (the patient)" };
const treatingDoctor: Actor = { ...OWNERS.doctor, label: "treatingDoctor" };
/** The treating doctor's uid with a patient role claim. */
const demoted: Actor = {
  label: "the treating doctor's uid with a patient role",
  uid: treatingDoctor.uid,
  claims: { role: "patient" },
};
const otherOrgDoctor: Actor = {
  label: "a doctor of another organisation",
  uid: "doctor-b",
  claims: { role: "doctor", org: ORG_B },
};

const consultationRef = (db: Firestore, id = CONSULTED_APPOINTMENT_ID) => doc(db, "consultations", id);
const consultations = (db: Firestore) => collection(db, "consultations");
const eventRef = (db: Firestore, id = "event-1", appointmentId = CONSULTED_APPOINTMENT_ID) =>
  doc(db, "consultations", appointmentId, "events", id);
const events = (db: Firestore, appointmentId = CONSULTED_APPOINTMENT_ID) =>
  collection(db, "consultations", appointmentId, "events");
const byField = (db: Firestore, field: "patientUid" | "doctorUid" | "org", value: string) =>
  query(consultations(db), where(field, "==", value));
/** The query that returns exactly this consultation's kind: its patient, its doctor, its org. */
const thisConsultation = (db: Firestore) =>
  query(
    consultations(db),
    where("patientUid", "==", owner.uid),
    where("doctorUid", "==", treatingDoctor.uid!),
    where("org", "==", ORG_A),
  );

/** The other patient's consultation with the colleague (and its event), and one in ORG_B. */
async function seedOthers(db: Firestore) {
  await setDoc(
    consultationRef(db, "appt-colleague"),
    consultation(ACTORS.otherPatient.uid, ACTORS.doctor.uid, { appointmentId: "appt-colleague" }),
  );
  await setDoc(eventRef(db, "event-1", "appt-colleague"), consultationEvent());
  await setDoc(
    consultationRef(db, "appt-b"),
    consultation(ACTORS.otherPatient.uid, otherOrgDoctor.uid!, { appointmentId: "appt-b", org: ORG_B }),
  );
}
async function seedAll(db: Firestore) {
  await seedOthers(db);
  await setDoc(consultationRef(db), consultation(owner.uid, treatingDoctor.uid!));
  await setDoc(eventRef(db), consultationEvent());
  await setDoc(
    eventRef(db, "event-2"),
    consultationEvent({
      type: "joined",
      role: "doctor",
      at: consultation(owner.uid, treatingDoctor.uid!).startMs,
    }),
  );
}

const table: MatrixTable = {
  anonymous: row("deny"),
  owner: readOnly("allow"),
  otherPatient: row("deny"),
  doctor: row("deny"),
  pharmacist: row("deny"),
  orgAdmin: row("deny"),
  otherOrgAdmin: row("deny"),
  platformAdmin: row("deny"),
};

const matrix: MatrixSpec = {
  collection: "consultations",
  owner,
  async seed(db, op) {
    await seedOthers(db);
    if (op !== "create") await setDoc(consultationRef(db), consultation(owner.uid, treatingDoctor.uid!));
  },
  requests: {
    get: (db) => getDoc(consultationRef(db)),
    list: (db) => getDocs(thisConsultation(db)),
    create: (db) => setDoc(consultationRef(db), consultation(owner.uid, treatingDoctor.uid!)),
    update: (db) => updateDoc(consultationRef(db), { status: "ended", endedBy: "doctor" }),
    delete: (db) => deleteDoc(consultationRef(db)),
  },
  table,
};
runMatrix(rules, matrix);
runRevokedCases(rules, {
  collection: "consultations",
  actor: owner,
  seed: matrix.seed,
  requests: { get: matrix.requests.get, list: matrix.requests.list },
});
runRevokedCases(rules, {
  collection: "consultations",
  actor: treatingDoctor,
  seed: matrix.seed,
  requests: { get: matrix.requests.get },
});

// The events of the same consultation: the same readers, decided through the parent document.
const eventsMatrix: MatrixSpec = {
  collection: "consultation events",
  owner,
  async seed(db, op) {
    await seedOthers(db);
    await setDoc(consultationRef(db), consultation(owner.uid, treatingDoctor.uid!));
    if (op !== "create") await setDoc(eventRef(db), consultationEvent());
  },
  requests: {
    get: (db) => getDoc(eventRef(db)),
    list: (db) => getDocs(events(db)),
    create: (db) => setDoc(eventRef(db), consultationEvent()),
    update: (db) => updateDoc(eventRef(db), { type: "left" }),
    delete: (db) => deleteDoc(eventRef(db)),
  },
  table,
};
runMatrix(rules, eventsMatrix);
runRevokedCases(rules, {
  collection: "consultation events",
  actor: owner,
  seed: eventsMatrix.seed,
  requests: { get: eventsMatrix.requests.get, list: eventsMatrix.requests.list },
});
runRevokedCases(rules, {
  collection: "consultation events",
  actor: treatingDoctor,
  seed: eventsMatrix.seed,
  requests: { get: eventsMatrix.requests.get, list: eventsMatrix.requests.list },
});

describe("consultations: the treating doctor", () => {
  it("consultations: treatingDoctor can get the consultation", async () => {
    await rules.seed(seedAll);
    await expectDecision("allow", getDoc(consultationRef(rules.db(treatingDoctor))));
  });
  it("consultations: treatingDoctor can list their consultations by doctorUid", async () => {
    await rules.seed(seedAll);
    await expectDecision(
      "allow",
      getDocs(byField(rules.db(treatingDoctor), "doctorUid", treatingDoctor.uid!)),
    );
  });
  it("consultations: treatingDoctor can list their consultations waiting for them", async () => {
    await rules.seed(seedAll);
    const waiting = query(
      consultations(rules.db(treatingDoctor)),
      where("doctorUid", "==", treatingDoctor.uid),
      where("status", "==", "waiting"),
    );
    await expectDecision("allow", getDocs(waiting));
  });
  it("consultations: treatingDoctor can get an event of the consultation", async () => {
    await rules.seed(seedAll);
    await expectDecision("allow", getDoc(eventRef(rules.db(treatingDoctor))));
  });
  it("consultations: treatingDoctor can list the consultation's events", async () => {
    await rules.seed(seedAll);
    await expectDecision("allow", getDocs(events(rules.db(treatingDoctor))));
  });
  it("consultations: treatingDoctor cannot get another doctor's consultation", async () => {
    await rules.seed(seedAll);
    await expectDecision("deny", getDoc(consultationRef(rules.db(treatingDoctor), "appt-colleague")));
  });
  it("consultations: treatingDoctor cannot list another doctor's consultation events", async () => {
    await rules.seed(seedAll);
    await expectDecision("deny", getDocs(events(rules.db(treatingDoctor), "appt-colleague")));
  });

  it("consultations: the treating doctor's uid with a patient role cannot get the consultation", async () => {
    await rules.seed(seedAll);
    await expectDecision("deny", getDoc(consultationRef(rules.db(demoted))));
  });
  it("consultations: the treating doctor's uid with a patient role cannot list by doctorUid", async () => {
    await rules.seed(seedAll);
    await expectDecision("deny", getDocs(byField(rules.db(demoted), "doctorUid", treatingDoctor.uid!)));
  });
  it("consultations: the treating doctor's uid with a patient role cannot list the events", async () => {
    await rules.seed(seedAll);
    await expectDecision("deny", getDocs(events(rules.db(demoted))));
  });
  it("consultations: the treating doctor's uid with an admin role cannot get the consultation", async () => {
    await rules.seed(seedAll);
    const asAdmin: Actor = { label: "admin", uid: treatingDoctor.uid, claims: { role: "admin", org: ORG_A } };
    await expectDecision("deny", getDoc(consultationRef(rules.db(asAdmin))));
  });
});

describe("consultations: consent does not open the live session", () => {
  // Consent covers clinical records and prescriptions; the session is the participants' alone.
  const consentCases: Array<[Actor, string]> = [
    [ACTORS.doctor, "doctor (same org) with the patient's consent to everything"],
    [otherOrgDoctor, "a doctor of another organisation with the patient's consent to everything"],
  ];
  for (const [actor, label] of consentCases) {
    const seedWithConsent = async (db: Firestore) => {
      await seedAll(db);
      await setDoc(doc(db, "consents", consentIdFor(owner.uid, actor.uid!)), consent(owner.uid, actor.uid!));
    };
    it(`consultations: ${label} cannot get the consultation`, async () => {
      await rules.seed(seedWithConsent);
      await expectDecision("deny", getDoc(consultationRef(rules.db(actor))));
    });
    it(`consultations: ${label} cannot list the patient's consultations`, async () => {
      await rules.seed(seedWithConsent);
      await expectDecision("deny", getDocs(byField(rules.db(actor), "patientUid", owner.uid)));
    });
    it(`consultations: ${label} cannot list the consultation's events`, async () => {
      await rules.seed(seedWithConsent);
      await expectDecision("deny", getDocs(events(rules.db(actor))));
    });
  }
});

describe("consultations: each reader's query", () => {
  it("consultations: owner can list their consultations by patientUid", async () => {
    await rules.seed(seedAll);
    await expectDecision("allow", getDocs(byField(rules.db(owner), "patientUid", owner.uid)));
  });
  it("consultations: owner cannot list their doctor's consultations by doctorUid", async () => {
    await rules.seed(seedAll);
    await expectDecision("deny", getDocs(byField(rules.db(owner), "doctorUid", treatingDoctor.uid!)));
  });
  it("consultations: owner cannot get another patient's consultation", async () => {
    await rules.seed(seedAll);
    await expectDecision("deny", getDoc(consultationRef(rules.db(owner), "appt-colleague")));
  });
  it("consultations: owner cannot list another patient's consultation events", async () => {
    await rules.seed(seedAll);
    await expectDecision("deny", getDocs(events(rules.db(owner), "appt-colleague")));
  });
  it("consultations: otherPatient cannot list the owner's consultations by patientUid", async () => {
    await rules.seed(seedAll);
    await expectDecision("deny", getDocs(byField(rules.db(ACTORS.otherPatient), "patientUid", owner.uid)));
  });
  it("consultations: doctor (same org) can get their own consultation", async () => {
    await rules.seed(seedAll);
    await expectDecision("allow", getDoc(consultationRef(rules.db(ACTORS.doctor), "appt-colleague")));
  });
  it("consultations: doctor (same org) cannot list the treating doctor's consultations", async () => {
    await rules.seed(seedAll);
    await expectDecision("deny", getDocs(byField(rules.db(ACTORS.doctor), "doctorUid", treatingDoctor.uid!)));
  });

  const orgQueries: Array<[Actor, string]> = [
    [ACTORS.doctor, ORG_A],
    [ACTORS.orgAdmin, ORG_A],
    [ACTORS.otherOrgAdmin, ORG_B],
    [ACTORS.platformAdmin, ORG_A],
  ];
  for (const [actor, org] of orgQueries) {
    it(`consultations: ${actor.label} cannot list consultations where org is ${org}`, async () => {
      await rules.seed(seedAll);
      await expectDecision("deny", getDocs(byField(rules.db(actor), "org", org)));
    });
  }
});

describe("consultations: the unfiltered list", () => {
  const actors: Actor[] = [owner, treatingDoctor, ACTORS.doctor, ACTORS.orgAdmin, ACTORS.platformAdmin];
  for (const actor of actors) {
    it(`consultations: ${actor.label} cannot list every consultation`, async () => {
      await rules.seed(seedAll);
      await expectDecision("deny", getDocs(consultations(rules.db(actor))));
    });
  }
});

describe("consultations: events", () => {
  it("consultations: owner cannot list the events of a consultation that does not exist", async () => {
    await rules.seed(async (db) => {
      await seedAll(db);
      await setDoc(eventRef(db, "event-1", "appt-gone"), consultationEvent());
    });
    await expectDecision("deny", getDocs(events(rules.db(owner), "appt-gone")));
  });
  // No rule matches a collection-group query on events: clients read one consultation's log by its path.
  for (const actor of [owner, treatingDoctor, ACTORS.platformAdmin]) {
    it(`consultations: ${actor.label} cannot query events as a collection group`, async () => {
      await rules.seed(seedAll);
      await expectDecision(
        "deny",
        getDocs(query(collectionGroup(rules.db(actor), "events"), where("type", "==", "joined"))),
      );
    });
  }
});

describe("consultations: nobody writes directly", () => {
  // Every change goes through the consultation functions, which keep the session's state machine.
  it("consultations: owner cannot mark themselves present", async () => {
    await rules.seed(seedAll);
    await expectDecision(
      "deny",
      updateDoc(consultationRef(rules.db(owner)), {
        "participants.patient.present": true,
        "participants.patient.joins": 2,
      }),
    );
  });
  it("consultations: owner cannot end the consultation", async () => {
    await rules.seed(seedAll);
    await expectDecision(
      "deny",
      updateDoc(consultationRef(rules.db(owner)), { status: "ended", endedBy: "patient" }),
    );
  });
  it("consultations: owner cannot append an event", async () => {
    await rules.seed(seedAll);
    await expectDecision(
      "deny",
      setDoc(eventRef(rules.db(owner), "event-3"), consultationEvent({ type: "left" })),
    );
  });
  it("consultations: treatingDoctor cannot start the consultation", async () => {
    await rules.seed(seedAll);
    await expectDecision(
      "deny",
      updateDoc(consultationRef(rules.db(treatingDoctor)), { status: "in_progress", startedAt: Date.now() }),
    );
  });
  it("consultations: treatingDoctor cannot mark the patient a no-show", async () => {
    await rules.seed(seedAll);
    await expectDecision(
      "deny",
      updateDoc(consultationRef(rules.db(treatingDoctor)), {
        status: "no_show",
        noShow: { absent: "patient" },
      }),
    );
  });
  it("consultations: treatingDoctor cannot open a consultation for the appointment", async () => {
    await rules.seed(seedOthers);
    await expectDecision(
      "deny",
      setDoc(
        consultationRef(rules.db(treatingDoctor)),
        consultation(owner.uid, treatingDoctor.uid!, { status: "created" }),
      ),
    );
  });
  it("consultations: treatingDoctor cannot delete an event", async () => {
    await rules.seed(seedAll);
    await expectDecision("deny", deleteDoc(eventRef(rules.db(treatingDoctor))));
  });
  it("consultations: doctor (same org) cannot take over the consultation", async () => {
    await rules.seed(seedAll);
    await expectDecision(
      "deny",
      updateDoc(consultationRef(rules.db(ACTORS.doctor)), { doctorUid: ACTORS.doctor.uid }),
    );
  });
  it("consultations: orgAdmin cannot end the consultation", async () => {
    await rules.seed(seedAll);
    await expectDecision(
      "deny",
      updateDoc(consultationRef(rules.db(ACTORS.orgAdmin)), { status: "ended", endedBy: "system" }),
    );
  });
  it("consultations: platformAdmin cannot create a consultation in another organisation", async () => {
    await rules.seed(seedOthers);
    await expectDecision(
      "deny",
      setDoc(
        consultationRef(rules.db(ACTORS.platformAdmin), "appt-new"),
        consultation(ACTORS.otherPatient.uid, otherOrgDoctor.uid!, { org: ORG_B }),
      ),
    );
  });
  it("consultations: platformAdmin cannot delete a consultation", async () => {
    await rules.seed(seedAll);
    await expectDecision("deny", deleteDoc(consultationRef(rules.db(ACTORS.platformAdmin))));
  });
});
