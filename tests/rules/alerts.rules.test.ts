// alerts/{kind}_{appointmentId}: what a clinic's admins must act on (a doctor late for a patient
// waiting in the video room), written only by the functions (handlers/consultations/closeConsultations.ts).
// The admins of the alert's organisation (and platform admins) read it; nobody writes it.
import {
  collection,
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
  ORG_A,
  ORG_B,
  SEEDED_AT,
  expectDecision,
  runMatrix,
  seedRevocation,
  signedInAt,
  REVOKED_AT,
  useRulesEnv,
  type Actor,
  type MatrixTable,
  onlyReaders,
} from "./support";

const rules = useRulesEnv();

const alert = (org: string, appointmentId: string) => ({
  kind: "consultation.doctorLate",
  org,
  appointmentId,
  doctorUid: "doctor-colleague",
  start: SEEDED_AT,
  createdAt: SEEDED_AT,
  expireAt: SEEDED_AT,
});
const ID = "consultation.doctorLate_appt-a";
const alertRef = (db: Firestore, id = ID) => doc(db, "alerts", id);
/** An admin of ORG_A: the alert is theirs to act on. */
const CLINIC_ADMIN: Actor = { label: "owner", uid: "admin-a-owner", claims: { role: "admin", org: ORG_A } };

const table: MatrixTable = onlyReaders("owner", "orgAdmin", "platformAdmin");

runMatrix(rules, {
  collection: "alerts",
  owner: CLINIC_ADMIN,
  async seed(db, op) {
    await setDoc(alertRef(db, "consultation.doctorLate_appt-b"), alert(ORG_B, "appt-b"));
    if (op !== "create") await setDoc(alertRef(db), alert(ORG_A, "appt-a"));
  },
  requests: {
    get: (db) => getDoc(alertRef(db)),
    list: (db) => getDocs(query(collection(db, "alerts"), where("org", "==", ORG_A))),
    create: (db) => setDoc(alertRef(db), alert(ORG_A, "appt-a")),
    update: (db) => updateDoc(alertRef(db), { doctorUid: "someone-else" }),
    delete: (db) => deleteDoc(alertRef(db)),
  },
  table,
});

describe("alerts: only the alert's own clinic, with a live session", () => {
  it("alerts: orgAdmin cannot list every clinic's alerts", async () => {
    await rules.seed(async (db) => {
      await setDoc(alertRef(db), alert(ORG_A, "appt-a"));
      await setDoc(alertRef(db, "consultation.doctorLate_appt-b"), alert(ORG_B, "appt-b"));
    });
    await expectDecision("deny", getDocs(collection(rules.db(ACTORS.orgAdmin), "alerts")));
  });
  it("alerts: orgAdmin signed in before a revocation cannot get an alert", async () => {
    await rules.seed(async (db) => {
      await setDoc(alertRef(db), alert(ORG_A, "appt-a"));
      await seedRevocation(db, ACTORS.orgAdmin.uid);
    });
    const stale = signedInAt(ACTORS.orgAdmin, REVOKED_AT - 60, "revoked");
    await expectDecision("deny", getDoc(alertRef(rules.db(stale))));
  });
});
