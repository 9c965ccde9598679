// prescriptions/{id}: a signed prescription (lines, signature, status). Written only by the
// prescription functions (issuePrescription, dispensePrescription, cancellation); the signature
// covers its content, so nothing may edit it in place. Read by the patient (patientUid, the
// matrix "owner"), the prescribing doctor (doctorUid, with the doctor role), and a doctor the
// patient consented to: consents/{patientUid}_{doctorUid}, active, not expired, covering
// 'prescription' (scope all, or the type listed), whatever the doctor's organisation.
// Pharmacies never read prescription documents: they verify the signed link through the public
// endpoint. No admin reads them either, and nobody writes them directly.
import {
  collection,
  deleteDoc,
  doc,
  getDoc,
  getDocs,
  query,
  serverTimestamp,
  setDoc,
  Timestamp,
  updateDoc,
  where,
  type Firestore,
} from "firebase/firestore";
import { describe, it } from "vitest";
import {
  ACTORS,
  COLLIDING,
  CONSENT_EXPIRED_AT,
  CONSULTED_APPOINTMENT_ID,
  ORG_A,
  ORG_B,
  OWNERS,
  PHARMACY_A,
  PRESCRIPTION_ID,
  consent,
  consentIdFor,
  expectDecision,
  orgConsent,
  orgConsentIdFor,
  prescription,
  readOnly,
  row,
  runMatrix,
  useRulesEnv,
  type Actor,
  type Decision,
  type MatrixTable,
  runRevokedCases,
  type MatrixSpec,
} from "./support";

const rules = useRulesEnv();
const owner = { ...OWNERS.patient, label: "owner (the patient)" };
const treatingDoctor: Actor = { ...OWNERS.doctor, label: "treatingDoctor" };
const demoted: Actor = {
  label: "the prescribing doctor's uid with a patient role",
  uid: treatingDoctor.uid,
  claims: { role: "patient" },
};
const otherOrgDoctor: Actor = {
  label: "a doctor of another organisation",
  uid: "doctor-b",
  claims: { role: "doctor", org: ORG_B },
};
/** The pharmacist of pharmacy A (ORG_A), where the patient takes the prescription. */
const localPharmacist: Actor = { ...OWNERS.pharmacist, label: "pharmacist of pharmacy A (same org)" };

const prescriptionRef = (db: Firestore, id = PRESCRIPTION_ID) => doc(db, "prescriptions", id);
const prescriptions = (db: Firestore) => collection(db, "prescriptions");
const consentRef = (db: Firestore, patientUid: string, granteeUid: string) =>
  doc(db, "consents", consentIdFor(patientUid, granteeUid));
const byField = (db: Firestore, field: "patientUid" | "doctorUid" | "org" | "appointmentId", value: string) =>
  query(prescriptions(db), where(field, "==", value));
/** The query that returns exactly this prescription's kind: its patient, its doctor, its org. */
const thisPrescription = (db: Firestore) =>
  query(
    prescriptions(db),
    where("patientUid", "==", owner.uid),
    where("doctorUid", "==", treatingDoctor.uid!),
    where("org", "==", ORG_A),
  );

/**
 * The other patient's prescription from the colleague, one in ORG_B, and the owner's own
 * prescription from a visit to an ORG_B doctor (consent covers every prescription of the patient).
 */
async function seedOthers(db: Firestore) {
  await setDoc(
    prescriptionRef(db, "rx-colleague"),
    prescription(ACTORS.otherPatient.uid, ACTORS.doctor.uid, {
      id: "rx-colleague",
      appointmentId: "appt-colleague",
    }),
  );
  await setDoc(
    prescriptionRef(db, "rx-b"),
    prescription(ACTORS.otherPatient.uid, otherOrgDoctor.uid!, {
      id: "rx-b",
      appointmentId: "appt-b",
      org: ORG_B,
    }),
  );
  await setDoc(
    prescriptionRef(db, "rx-owner-b"),
    prescription(owner.uid, otherOrgDoctor.uid!, {
      id: "rx-owner-b",
      appointmentId: "appt-owner-b",
      org: ORG_B,
    }),
  );
}
async function seedAll(db: Firestore) {
  await seedOthers(db);
  await setDoc(prescriptionRef(db), prescription(owner.uid, treatingDoctor.uid!));
}
/** Everything, and a consent document from `patientUid` to `granteeUid`. */
const seedWithConsent =
  (patientUid: string, granteeUid: string, overrides: Record<string, unknown> = {}) =>
  async (db: Firestore) => {
    await seedAll(db);
    await setDoc(consentRef(db, patientUid, granteeUid), consent(patientUid, granteeUid, overrides));
  };

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
  collection: "prescriptions",
  owner,
  async seed(db, op) {
    await seedOthers(db);
    if (op !== "create") await setDoc(prescriptionRef(db), prescription(owner.uid, treatingDoctor.uid!));
  },
  requests: {
    get: (db) => getDoc(prescriptionRef(db)),
    list: (db) => getDocs(thisPrescription(db)),
    create: (db) =>
      setDoc(
        prescriptionRef(db),
        prescription(owner.uid, treatingDoctor.uid!, { createdAt: serverTimestamp() }),
      ),
    update: (db) => updateDoc(prescriptionRef(db), { status: "dispensed" }),
    delete: (db) => deleteDoc(prescriptionRef(db)),
  },
  table,
};
runMatrix(rules, matrix);
runRevokedCases(rules, {
  collection: "prescriptions",
  actor: owner,
  seed: matrix.seed,
  requests: { get: matrix.requests.get, list: matrix.requests.list },
});
runRevokedCases(rules, {
  collection: "prescriptions",
  actor: treatingDoctor,
  seed: matrix.seed,
  requests: { get: matrix.requests.get },
});

describe("prescriptions: the prescribing doctor", () => {
  it("prescriptions: treatingDoctor can get the prescription", async () => {
    await rules.seed(seedAll);
    await expectDecision("allow", getDoc(prescriptionRef(rules.db(treatingDoctor))));
  });
  it("prescriptions: treatingDoctor can list their prescriptions by doctorUid", async () => {
    await rules.seed(seedAll);
    await expectDecision(
      "allow",
      getDocs(byField(rules.db(treatingDoctor), "doctorUid", treatingDoctor.uid!)),
    );
  });
  it("prescriptions: treatingDoctor can list their prescriptions for the appointment", async () => {
    await rules.seed(seedAll);
    const ofAppointment = query(
      prescriptions(rules.db(treatingDoctor)),
      where("doctorUid", "==", treatingDoctor.uid),
      where("appointmentId", "==", CONSULTED_APPOINTMENT_ID),
    );
    await expectDecision("allow", getDocs(ofAppointment));
  });
  it("prescriptions: treatingDoctor cannot list the appointment's prescriptions without filtering on doctorUid", async () => {
    await rules.seed(seedAll);
    await expectDecision(
      "deny",
      getDocs(byField(rules.db(treatingDoctor), "appointmentId", CONSULTED_APPOINTMENT_ID)),
    );
  });
  it("prescriptions: treatingDoctor cannot get the patient's prescription from another doctor", async () => {
    await rules.seed(seedAll);
    await expectDecision("deny", getDoc(prescriptionRef(rules.db(treatingDoctor), "rx-owner-b")));
  });
  it("prescriptions: treatingDoctor cannot list the patient's prescriptions by patientUid", async () => {
    await rules.seed(seedAll);
    await expectDecision("deny", getDocs(byField(rules.db(treatingDoctor), "patientUid", owner.uid)));
  });

  const notADoctor: Array<[Actor, string]> = [
    [demoted, "the prescribing doctor's uid with a patient role"],
    [
      {
        label: "pharmacist",
        uid: treatingDoctor.uid,
        claims: { role: "pharmacist", org: ORG_A, pharmacy: PHARMACY_A },
      },
      "the prescribing doctor's uid with a pharmacist role",
    ],
    [
      { label: "admin", uid: treatingDoctor.uid, claims: { role: "admin", org: ORG_A } },
      "the prescribing doctor's uid with an admin role",
    ],
  ];
  for (const [actor, label] of notADoctor) {
    it(`prescriptions: ${label} cannot get the prescription`, async () => {
      await rules.seed(seedAll);
      await expectDecision("deny", getDoc(prescriptionRef(rules.db(actor))));
    });
    it(`prescriptions: ${label} cannot list by doctorUid`, async () => {
      await rules.seed(seedAll);
      await expectDecision("deny", getDocs(byField(rules.db(actor), "doctorUid", treatingDoctor.uid!)));
    });
  }
});

describe("prescriptions: consent", () => {
  interface ConsentCase {
    label: string;
    actor: Actor;
    /** The consent document seeded, or none. */
    consent: { patientUid: string; granteeUid: string; overrides?: Record<string, unknown> } | null;
    decision: Decision;
  }
  const to = (actor: Actor, overrides: Record<string, unknown> = {}) => ({
    patientUid: owner.uid,
    granteeUid: actor.uid!,
    overrides,
  });
  const doctor = ACTORS.doctor;
  const cases: ConsentCase[] = [
    {
      label: "doctor (same org) with consent to every record type",
      actor: doctor,
      consent: to(doctor),
      decision: "allow",
    },
    {
      label: "doctor with consent to prescriptions",
      actor: doctor,
      consent: to(doctor, { scope: { all: false, types: ["prescription"] } }),
      decision: "allow",
    },
    {
      label: "doctor with consent to clinical notes and prescriptions",
      actor: doctor,
      consent: to(doctor, { scope: { all: false, types: ["clinical_note", "prescription"] } }),
      decision: "allow",
    },
    {
      label: "a doctor of another organisation with consent",
      actor: otherOrgDoctor,
      consent: to(otherOrgDoctor),
      decision: "allow",
    },
    {
      label: "a doctor of another organisation with consent to prescriptions",
      actor: otherOrgDoctor,
      consent: to(otherOrgDoctor, { scope: { all: false, types: ["prescription"] } }),
      decision: "allow",
    },
    { label: "doctor without consent", actor: doctor, consent: null, decision: "deny" },
    {
      label: "a doctor of another organisation without consent",
      actor: otherOrgDoctor,
      consent: null,
      decision: "deny",
    },
    {
      label: "doctor with consent to clinical notes only",
      actor: doctor,
      consent: to(doctor, { scope: { all: false, types: ["clinical_note"] } }),
      decision: "deny",
    },
    {
      label: "doctor with consent to no type",
      actor: doctor,
      consent: to(doctor, { scope: { all: false, types: [] } }),
      decision: "deny",
    },
    {
      label: "doctor whose consent expired",
      actor: doctor,
      consent: to(doctor, { expiresAt: CONSENT_EXPIRED_AT }),
      decision: "deny",
    },
    {
      label: "doctor whose consent expired a minute ago",
      actor: doctor,
      consent: to(doctor, { expiresAt: Timestamp.fromMillis(Date.now() - 60_000) }),
      decision: "deny",
    },
    {
      label: "doctor whose consent was revoked",
      actor: doctor,
      consent: to(doctor, { status: "revoked", revokedAt: Timestamp.now() }),
      decision: "deny",
    },
    {
      label: "a doctor of another organisation whose consent was revoked",
      actor: otherOrgDoctor,
      consent: to(otherOrgDoctor, { status: "revoked" }),
      decision: "deny",
    },
    {
      label: "doctor with consent from another patient",
      actor: doctor,
      consent: { patientUid: ACTORS.otherPatient.uid, granteeUid: doctor.uid },
      decision: "deny",
    },
    {
      label: "doctor, when the patient consented to another doctor",
      actor: doctor,
      consent: { patientUid: owner.uid, granteeUid: otherOrgDoctor.uid! },
      decision: "deny",
    },
    // Consent reaches clinicians with the doctor role only: a pharmacist named in one still reads nothing.
    {
      label: "pharmacist named in a consent to every record type",
      actor: ACTORS.pharmacist,
      consent: to(ACTORS.pharmacist),
      decision: "deny",
    },
    {
      label: "pharmacist of pharmacy A named in a consent to prescriptions",
      actor: localPharmacist,
      consent: to(localPharmacist, { scope: { all: false, types: ["prescription"] } }),
      decision: "deny",
    },
    {
      label: "orgAdmin named in a consent",
      actor: ACTORS.orgAdmin,
      consent: to(ACTORS.orgAdmin),
      decision: "deny",
    },
    {
      label: "a consented doctor's uid with a patient role",
      actor: { label: "patient", uid: doctor.uid, claims: { role: "patient" } },
      consent: to(doctor),
      decision: "deny",
    },
  ];

  for (const c of cases) {
    const seed = async (db: Firestore) => {
      if (c.consent)
        await seedWithConsent(c.consent.patientUid, c.consent.granteeUid, c.consent.overrides)(db);
      else await seedAll(db);
    };
    const verb = c.decision === "allow" ? "can" : "cannot";
    it(`prescriptions: ${c.label} ${verb} get the prescription`, async () => {
      await rules.seed(seed);
      await expectDecision(c.decision, getDoc(prescriptionRef(rules.db(c.actor))));
    });
    it(`prescriptions: ${c.label} ${verb} list the patient's prescriptions by patientUid`, async () => {
      await rules.seed(seed);
      await expectDecision(c.decision, getDocs(byField(rules.db(c.actor), "patientUid", owner.uid)));
    });
  }

  describe("prescriptions: what a consent does not reach", () => {
    const seedConsented = seedWithConsent(owner.uid, ACTORS.doctor.uid);
    it("prescriptions: doctor with consent can get the patient's prescription from another organisation", async () => {
      await rules.seed(seedConsented);
      await expectDecision("allow", getDoc(prescriptionRef(rules.db(ACTORS.doctor), "rx-owner-b")));
    });
    it("prescriptions: doctor with consent cannot get another patient's prescription", async () => {
      await rules.seed(seedConsented);
      await expectDecision("deny", getDoc(prescriptionRef(rules.db(ACTORS.doctor), "rx-b")));
    });
    it("prescriptions: doctor with consent cannot list prescriptions of the patient and another patient together", async () => {
      await rules.seed(seedConsented);
      const both = query(
        prescriptions(rules.db(ACTORS.doctor)),
        where("patientUid", "in", [owner.uid, ACTORS.otherPatient.uid]),
      );
      await expectDecision("deny", getDocs(both));
    });
    it("prescriptions: doctor with consent cannot list every prescription", async () => {
      await rules.seed(seedConsented);
      await expectDecision("deny", getDocs(prescriptions(rules.db(ACTORS.doctor))));
    });
    it("prescriptions: doctor with consent cannot cancel the prescription", async () => {
      await rules.seed(seedConsented);
      await expectDecision(
        "deny",
        updateDoc(prescriptionRef(rules.db(ACTORS.doctor)), { status: "cancelled" }),
      );
    });
    it("prescriptions: doctor with consent cannot reissue it under their name", async () => {
      await rules.seed(seedConsented);
      await expectDecision(
        "deny",
        setDoc(
          prescriptionRef(rules.db(ACTORS.doctor), "rx-reissued"),
          prescription(owner.uid, ACTORS.doctor.uid, { id: "rx-reissued" }),
        ),
      );
    });
  });
});

describe("prescriptions: a consent counts by its fields, not its id", () => {
  const doctor = ACTORS.doctor;
  interface FieldCase {
    label: string;
    /** Where the consent is stored, and what it says. */
    id: string;
    data: Record<string, unknown>;
  }
  const cases: FieldCase[] = [
    {
      label: "a consent at the doctor's id whose fields name another patient",
      id: consentIdFor(owner.uid, doctor.uid),
      data: consent(ACTORS.otherPatient.uid, doctor.uid),
    },
    {
      label: "a consent at the doctor's id whose fields name another grantee",
      id: consentIdFor(owner.uid, doctor.uid),
      data: consent(owner.uid, otherOrgDoctor.uid!),
    },
    {
      label: "a consent at the doctor's id that names their organisation instead",
      id: consentIdFor(owner.uid, doctor.uid),
      data: orgConsent(owner.uid, ORG_A),
    },
    {
      label: "an org consent at ORG_A's id whose fields name ORG_B",
      id: orgConsentIdFor(owner.uid, ORG_A),
      data: orgConsent(owner.uid, ORG_B),
    },
    {
      label: "an org consent at ORG_A's id whose fields name another patient",
      id: orgConsentIdFor(owner.uid, ORG_A),
      data: orgConsent(ACTORS.otherPatient.uid, ORG_A),
    },
    {
      label: "an org consent at ORG_A's id that names the doctor by uid instead",
      id: orgConsentIdFor(owner.uid, ORG_A),
      data: consent(owner.uid, doctor.uid),
    },
  ];
  for (const c of cases) {
    const seed = async (db: Firestore) => {
      await seedAll(db);
      await setDoc(doc(db, "consents", c.id), c.data);
    };
    it(`prescriptions: doctor (same org), with ${c.label}, cannot get the prescription`, async () => {
      await rules.seed(seed);
      await expectDecision("deny", getDoc(prescriptionRef(rules.db(doctor))));
    });
    it(`prescriptions: doctor (same org), with ${c.label}, cannot list the patient's prescriptions by patientUid`, async () => {
      await rules.seed(seed);
      await expectDecision("deny", getDocs(byField(rules.db(doctor), "patientUid", owner.uid)));
    });
  }

  describe("prescriptions: the id-collision case", () => {
    // consents/p_x_d is patient p's consent to x_d; it is not patient p_x's consent to d.
    const d: Actor = { label: "doctor d", uid: COLLIDING.doctorUid, claims: { role: "doctor", org: ORG_A } };
    const xd: Actor = {
      label: "doctor x_d",
      uid: COLLIDING.granteeUid,
      claims: { role: "doctor", org: ORG_B },
    };
    const seed = async (db: Firestore) => {
      await seedAll(db);
      for (const patientUid of [COLLIDING.patientUid, COLLIDING.otherPatientUid]) {
        const id = `rx-${patientUid}`;
        await setDoc(
          prescriptionRef(db, id),
          prescription(patientUid, treatingDoctor.uid!, { id, appointmentId: `appt-${patientUid}` }),
        );
      }
      await setDoc(
        consentRef(db, COLLIDING.patientUid, COLLIDING.granteeUid),
        consent(COLLIDING.patientUid, COLLIDING.granteeUid),
      );
    };
    it("prescriptions: doctor d cannot get patient p_x's prescription through p's consent to x_d (consents/p_x_d)", async () => {
      await rules.seed(seed);
      await expectDecision("deny", getDoc(prescriptionRef(rules.db(d), `rx-${COLLIDING.otherPatientUid}`)));
    });
    it("prescriptions: doctor d cannot list patient p_x's prescriptions through consents/p_x_d", async () => {
      await rules.seed(seed);
      await expectDecision("deny", getDocs(byField(rules.db(d), "patientUid", COLLIDING.otherPatientUid)));
    });
    it("prescriptions: doctor x_d, whom p consented to, can get p's prescription", async () => {
      await rules.seed(seed);
      await expectDecision("allow", getDoc(prescriptionRef(rules.db(xd), `rx-${COLLIDING.patientUid}`)));
    });
    it("prescriptions: doctor x_d cannot get patient p_x's prescription", async () => {
      await rules.seed(seed);
      await expectDecision("deny", getDoc(prescriptionRef(rules.db(xd), `rx-${COLLIDING.otherPatientUid}`)));
    });
  });
});

describe("prescriptions: consent to an organisation's doctors", () => {
  interface OrgCase {
    label: string;
    actor: Actor;
    org: string;
    overrides?: Record<string, unknown>;
    decision: Decision;
  }
  const orglessDoctor: Actor = {
    label: "a doctor without an org claim",
    uid: "doctor-orgless",
    claims: { role: "doctor" },
  };
  const cases: OrgCase[] = [
    { label: "doctor of the consented organisation", actor: ACTORS.doctor, org: ORG_A, decision: "allow" },
    {
      label: "doctor of an organisation consented to for prescriptions",
      actor: ACTORS.doctor,
      org: ORG_A,
      overrides: { scope: { all: false, types: ["prescription"] } },
      decision: "allow",
    },
    {
      label: "a doctor of another organisation consented to by organisation",
      actor: otherOrgDoctor,
      org: ORG_B,
      decision: "allow",
    },
    {
      label: "a doctor of another organisation, when ORG_A is consented to",
      actor: otherOrgDoctor,
      org: ORG_A,
      decision: "deny",
    },
    {
      label: "a doctor without an org claim, when ORG_A is consented to",
      actor: orglessDoctor,
      org: ORG_A,
      decision: "deny",
    },
    {
      label: "doctor of an organisation consented to for clinical notes only",
      actor: ACTORS.doctor,
      org: ORG_A,
      overrides: { scope: { all: false, types: ["clinical_note"] } },
      decision: "deny",
    },
    {
      label: "doctor of an organisation whose consent expired",
      actor: ACTORS.doctor,
      org: ORG_A,
      overrides: { expiresAt: CONSENT_EXPIRED_AT },
      decision: "deny",
    },
    {
      label: "doctor of an organisation whose consent was revoked",
      actor: ACTORS.doctor,
      org: ORG_A,
      overrides: { status: "revoked", revokedAt: Timestamp.now() },
      decision: "deny",
    },
    { label: "orgAdmin of the consented organisation", actor: ACTORS.orgAdmin, org: ORG_A, decision: "deny" },
    {
      label: "pharmacist of pharmacy A, whose organisation is consented to",
      actor: localPharmacist,
      org: ORG_A,
      decision: "deny",
    },
    {
      label: "platformAdmin, when ORG_A is consented to",
      actor: ACTORS.platformAdmin,
      org: ORG_A,
      decision: "deny",
    },
  ];
  for (const c of cases) {
    const seed = async (db: Firestore) => {
      await seedAll(db);
      await setDoc(
        doc(db, "consents", orgConsentIdFor(owner.uid, c.org)),
        orgConsent(owner.uid, c.org, c.overrides),
      );
    };
    const verb = c.decision === "allow" ? "can" : "cannot";
    it(`prescriptions: ${c.label} ${verb} get the prescription`, async () => {
      await rules.seed(seed);
      await expectDecision(c.decision, getDoc(prescriptionRef(rules.db(c.actor))));
    });
    it(`prescriptions: ${c.label} ${verb} list the patient's prescriptions by patientUid`, async () => {
      await rules.seed(seed);
      await expectDecision(c.decision, getDocs(byField(rules.db(c.actor), "patientUid", owner.uid)));
    });
  }
  it("prescriptions: a doctor of the consented organisation cannot get another patient's prescription", async () => {
    await rules.seed(async (db) => {
      await seedAll(db);
      await setDoc(doc(db, "consents", orgConsentIdFor(owner.uid, ORG_B)), orgConsent(owner.uid, ORG_B));
    });
    await expectDecision("deny", getDoc(prescriptionRef(rules.db(otherOrgDoctor), "rx-colleague")));
  });
});

describe("prescriptions: pharmacists never read them", () => {
  // Pharmacies check a prescription through the signed verify link, not by reading the document.
  const pharmacists: Actor[] = [localPharmacist, ACTORS.pharmacist];
  for (const actor of pharmacists) {
    it(`prescriptions: ${actor.label} cannot get the prescription`, async () => {
      await rules.seed(seedAll);
      await expectDecision("deny", getDoc(prescriptionRef(rules.db(actor))));
    });
    it(`prescriptions: ${actor.label} cannot list the patient's prescriptions by patientUid`, async () => {
      await rules.seed(seedAll);
      await expectDecision("deny", getDocs(byField(rules.db(actor), "patientUid", owner.uid)));
    });
    it(`prescriptions: ${actor.label} cannot list issued prescriptions`, async () => {
      await rules.seed(seedAll);
      await expectDecision(
        "deny",
        getDocs(query(prescriptions(rules.db(actor)), where("status", "==", "issued"))),
      );
    });
  }
  it("prescriptions: pharmacist of pharmacy A cannot get a prescription it dispensed", async () => {
    await rules.seed(async (db) => {
      await seedOthers(db);
      await setDoc(
        prescriptionRef(db),
        prescription(owner.uid, treatingDoctor.uid!, { status: "dispensed" }),
      );
    });
    await expectDecision("deny", getDoc(prescriptionRef(rules.db(localPharmacist))));
  });
});

describe("prescriptions: each reader's query", () => {
  it("prescriptions: owner can list their prescriptions by patientUid", async () => {
    await rules.seed(seedAll);
    await expectDecision("allow", getDocs(byField(rules.db(owner), "patientUid", owner.uid)));
  });
  it("prescriptions: owner can list their issued prescriptions", async () => {
    await rules.seed(seedAll);
    const issued = query(
      prescriptions(rules.db(owner)),
      where("patientUid", "==", owner.uid),
      where("status", "==", "issued"),
    );
    await expectDecision("allow", getDocs(issued));
  });
  it("prescriptions: owner can get their prescription from another organisation", async () => {
    await rules.seed(seedAll);
    await expectDecision("allow", getDoc(prescriptionRef(rules.db(owner), "rx-owner-b")));
  });
  it("prescriptions: owner cannot list the appointment's prescriptions without filtering on patientUid", async () => {
    await rules.seed(seedAll);
    await expectDecision(
      "deny",
      getDocs(byField(rules.db(owner), "appointmentId", CONSULTED_APPOINTMENT_ID)),
    );
  });
  it("prescriptions: owner cannot get another patient's prescription", async () => {
    await rules.seed(seedAll);
    await expectDecision("deny", getDoc(prescriptionRef(rules.db(owner), "rx-colleague")));
  });
  it("prescriptions: otherPatient cannot list the owner's prescriptions by patientUid", async () => {
    await rules.seed(seedAll);
    await expectDecision("deny", getDocs(byField(rules.db(ACTORS.otherPatient), "patientUid", owner.uid)));
  });
  it("prescriptions: doctor (same org) can get their own prescription", async () => {
    await rules.seed(seedAll);
    await expectDecision("allow", getDoc(prescriptionRef(rules.db(ACTORS.doctor), "rx-colleague")));
  });

  const orgQueries: Array<[Actor, string]> = [
    [ACTORS.orgAdmin, ORG_A],
    [ACTORS.otherOrgAdmin, ORG_B],
    [ACTORS.platformAdmin, ORG_A],
    [ACTORS.doctor, ORG_A],
  ];
  for (const [actor, org] of orgQueries) {
    it(`prescriptions: ${actor.label} cannot list prescriptions where org is ${org}`, async () => {
      await rules.seed(seedAll);
      await expectDecision("deny", getDocs(byField(rules.db(actor), "org", org)));
    });
  }
  for (const actor of [owner, treatingDoctor, ACTORS.orgAdmin, ACTORS.platformAdmin]) {
    it(`prescriptions: ${actor.label} cannot list every prescription`, async () => {
      await rules.seed(seedAll);
      await expectDecision("deny", getDocs(prescriptions(rules.db(actor))));
    });
  }
});

describe("prescriptions: nobody writes directly", () => {
  // The signature covers the content; status changes go through the prescription functions.
  it("prescriptions: treatingDoctor cannot issue a prescription directly", async () => {
    await rules.seed(seedOthers);
    await expectDecision(
      "deny",
      setDoc(
        prescriptionRef(rules.db(treatingDoctor)),
        prescription(owner.uid, treatingDoctor.uid!, { createdAt: serverTimestamp() }),
      ),
    );
  });
  it("prescriptions: treatingDoctor cannot change a signed line", async () => {
    await rules.seed(seedAll);
    const line = prescription(owner.uid, treatingDoctor.uid!).lines[0];
    await expectDecision(
      "deny",
      updateDoc(prescriptionRef(rules.db(treatingDoctor)), {
        lines: [{ ...line, quantity: 30, durationDays: 10 }],
      }),
    );
  });
  it("prescriptions: treatingDoctor cannot cancel the prescription directly", async () => {
    await rules.seed(seedAll);
    await expectDecision(
      "deny",
      updateDoc(prescriptionRef(rules.db(treatingDoctor)), { status: "cancelled" }),
    );
  });
  it("prescriptions: treatingDoctor cannot delete the prescription", async () => {
    await rules.seed(seedAll);
    await expectDecision("deny", deleteDoc(prescriptionRef(rules.db(treatingDoctor))));
  });
  it("prescriptions: owner cannot raise a quantity", async () => {
    await rules.seed(seedAll);
    const line = prescription(owner.uid, treatingDoctor.uid!).lines[0];
    await expectDecision(
      "deny",
      updateDoc(prescriptionRef(rules.db(owner)), { lines: [{ ...line, quantity: 150 }] }),
    );
  });
  it("prescriptions: owner cannot mark the prescription issued again after it was dispensed", async () => {
    await rules.seed(async (db) => {
      await seedOthers(db);
      await setDoc(
        prescriptionRef(db),
        prescription(owner.uid, treatingDoctor.uid!, { status: "dispensed" }),
      );
    });
    await expectDecision("deny", updateDoc(prescriptionRef(rules.db(owner)), { status: "issued" }));
  });
  it("prescriptions: owner cannot write a prescription for themselves", async () => {
    await rules.seed(seedOthers);
    await expectDecision(
      "deny",
      setDoc(
        prescriptionRef(rules.db(owner), "rx-self"),
        prescription(owner.uid, treatingDoctor.uid!, { id: "rx-self" }),
      ),
    );
  });
  it("prescriptions: pharmacist of pharmacy A cannot mark the prescription dispensed", async () => {
    await rules.seed(seedAll);
    await expectDecision(
      "deny",
      updateDoc(prescriptionRef(rules.db(localPharmacist)), { status: "dispensed" }),
    );
  });
  it("prescriptions: orgAdmin cannot cancel a prescription", async () => {
    await rules.seed(seedAll);
    await expectDecision(
      "deny",
      updateDoc(prescriptionRef(rules.db(ACTORS.orgAdmin)), { status: "cancelled" }),
    );
  });
  it("prescriptions: platformAdmin cannot create a prescription in another organisation", async () => {
    await rules.seed(seedOthers);
    await expectDecision(
      "deny",
      setDoc(
        prescriptionRef(rules.db(ACTORS.platformAdmin), "rx-new"),
        prescription(ACTORS.otherPatient.uid, otherOrgDoctor.uid!, { id: "rx-new", org: ORG_B }),
      ),
    );
  });
  it("prescriptions: platformAdmin cannot delete a prescription", async () => {
    await rules.seed(seedAll);
    await expectDecision("deny", deleteDoc(prescriptionRef(rules.db(ACTORS.platformAdmin))));
  });
});
