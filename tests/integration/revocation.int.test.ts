// A revoked identity stops at once (issue 13): after account deletion, suspension or a role
// change, the ID token the user held before is refused on its next request, by every callable
// and by the rules of the collections that hold PHI, although it has not expired yet.
// Firebase Auth keeps revocation times in whole seconds; tests that revoke a token let the
// second of its sign-in pass first (`waitPastSecond`), as a real revocation would be later.
import {
  deleteDoc,
  doc,
  getDoc,
  getDocs,
  collection,
  query,
  serverTimestamp,
  setDoc,
  where,
} from "firebase/firestore";
import { beforeAll, describe, expect, it } from "vitest";
import {
  admin,
  callError,
  claimsOf,
  HOSTING_URL,
  signIn,
  signUp,
  waitPastSecond,
  type Client,
} from "../../tools/emulator-client";
import {
  appointmentFixture,
  approvedDoctor,
  doctorApplication,
  freeSlots,
  makeOrg,
  orgAdmin,
} from "./fixtures";
import { PARACETAMOL_TDS_3_DAYS } from "../factories";
import { trackClients } from "./clients";

const track = trackClients();

const MINUTE = 60_000;

const profile = () => ({
  name: "Harjit Kaur",
  dateOfBirth: "1986-03-09",
  sex: "female",
  phone: "+919812300123",
  address: { line1: "Ward 4", district: "Ludhiana", state: "Punjab", pincode: "141001" },
  language: "pa",
  updatedAt: serverTimestamp(),
});

const note = {
  soap: {
    subjective: "Cough for a week",
    objective: "Chest clear",
    assessment: "Viral bronchitis",
    plan: "Fluids, review in 5 days",
  },
  diagnoses: [{ code: "J20.9", description: "Acute bronchitis, unspecified", primary: true }],
};

const prescription = (appointmentId: string) => ({
  appointmentId,
  lines: [PARACETAMOL_TDS_3_DAYS],
});

const authTimeOf = async (client: Client) => Number((await claimsOf(client)).auth_time);

/** Every document of a collection that names this patient. */
async function byPatient(name: string, uid: string, field = "patientUid") {
  return (await admin().db.collection(name).where(field, "==", uid).get()).docs;
}

let org: string;
let doctor: Client;
let orgAdminClient: Client;
beforeAll(async () => {
  org = await makeOrg();
  [doctor, orgAdminClient] = (await Promise.all([approvedDoctor(org), orgAdmin(org)])).map(track);
  await admin()
    .db.doc(`organisations/${org}/members/${orgAdminClient.user.uid}`)
    .set({ uid: orgAdminClient.user.uid, role: "admin", status: "active", since: new Date() });
});

describe("after account deletion", () => {
  it("the old ID token books, uploads, applies and writes a profile no more, and nothing is left behind", async () => {
    const patient = track(await signUp());
    const uid = patient.user.uid;
    await setDoc(doc(patient.db, "patients", uid), profile());
    const [slot] = await freeSlots(patient, doctor.user.uid);
    expect(slot).toBeDefined();

    // No wait here: the account cannot sign in again once deleted, so no token issued up to the
    // second of the deletion may outlive it, even one from that very second.
    await patient.call("deleteMyAccount", { confirm: "DELETE MY ACCOUNT" });
    await expect(admin().auth.getUser(uid)).rejects.toMatchObject({ code: "auth/user-not-found" });

    const refused = {
      book: await callError(
        patient.call("book", { doctorUid: doctor.user.uid, start: slot.start, mode: "video" }),
      ),
      upload: await callError(
        patient.call("requestRecordUpload", {
          type: "lab_report",
          title: "Blood test",
          date: "2025-07-01",
          contentType: "application/pdf",
          sizeBytes: 100,
        }),
      ),
      apply: await callError(patient.call("applyForRole", doctorApplication(org))),
      consent: await callError(
        patient.call("grantConsent", {
          granteeUid: doctor.user.uid,
          purpose: "treatment",
          scope: { all: true },
          expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        }),
      ),
    };
    for (const [name, error] of Object.entries(refused)) {
      expect(error.code, name).toBe("functions/unauthenticated");
    }
    await expect(setDoc(doc(patient.db, "patients", uid), profile())).rejects.toMatchObject({
      code: "permission-denied",
    });

    // Nothing was written for the deleted user.
    expect((await admin().db.doc(`patients/${uid}`).get()).exists).toBe(false);
    expect((await admin().db.doc(`applications/${uid}`).get()).exists).toBe(false);
    expect((await admin().db.doc(`bookingState/${uid}`).get()).exists).toBe(false);
    for (const name of ["appointments", "records", "consents"]) {
      expect(await byPatient(name, uid), name).toHaveLength(0);
    }
    expect(await byPatient("outbox", uid, "recipientUid")).toHaveLength(0);
  });

  it("erases the patient's role application too", async () => {
    const patient = track(await signUp());
    const uid = patient.user.uid;
    await patient.call("applyForRole", doctorApplication(org));
    expect((await admin().db.doc(`applications/${uid}`).get()).exists).toBe(true);
    await patient.call("deleteMyAccount", { confirm: "DELETE MY ACCOUNT" });
    expect((await admin().db.doc(`applications/${uid}`).get()).exists).toBe(false);
  });
});

describe("after a suspension", () => {
  it("the suspended doctor's old token writes and reads clinical notes no more; reinstated and signed in again, it works", async () => {
    const suspended = track(await approvedDoctor(org));
    const uid = suspended.user.uid;
    await admin()
      .db.doc(`organisations/${org}/members/${uid}`)
      .set({ uid, role: "doctor", status: "active", since: new Date() });
    const patient = track(await signUp());
    const start = Date.now() - 10 * MINUTE;
    const { id: appointmentId } = await appointmentFixture({
      org,
      doctorUid: uid,
      patientUid: patient.user.uid,
      startMs: start,
      endMs: start + 30 * MINUTE,
    });
    await suspended.call("writeClinicalRecord", { appointmentId, ...note });
    expect((await getDoc(doc(suspended.db, "clinicalRecords", appointmentId))).exists()).toBe(true);

    await waitPastSecond(await authTimeOf(suspended));
    await orgAdminClient.call("setUserStatus", { uid, org, status: "suspended", reason: "under review" });

    const amend = await callError(
      suspended.call("writeClinicalRecord", { appointmentId, ...note, amendmentReason: "Late lab result" }),
    );
    expect(amend.code).toBe("functions/unauthenticated");
    const issue = await callError(suspended.call("issuePrescription", prescription(appointmentId)));
    expect(issue.code).toBe("functions/unauthenticated");
    expect((await admin().db.doc(`clinicalRecords/${appointmentId}`).get()).get("version")).toBe(1);
    expect((await admin().db.collection(`clinicalRecords/${appointmentId}/versions`).get()).size).toBe(1);
    expect(await byPatient("prescriptions", patient.user.uid)).toHaveLength(0);

    for (const [path, label] of [
      [["clinicalRecords", appointmentId], "the note"],
      [["clinicalRecords", appointmentId, "versions", "0001"], "its first version"],
      [["appointments", appointmentId], "the appointment"],
    ] as const) {
      await expect(getDoc(doc(suspended.db, path.join("/"))), label).rejects.toMatchObject({
        code: "permission-denied",
      });
    }
    await expect(
      getDocs(query(collection(suspended.db, "clinicalRecords"), where("doctorUid", "==", uid))),
    ).rejects.toMatchObject({ code: "permission-denied" });
    await expect(
      setDoc(
        doc(suspended.db, "doctors", uid),
        { feeInr: 999, updatedAt: serverTimestamp() },
        { merge: true },
      ),
    ).rejects.toMatchObject({ code: "permission-denied" });
    expect((await admin().db.doc(`doctors/${uid}`).get()).get("feeInr")).toBe(200);

    // Reinstated, the doctor signs in again: the new token works, in functions and rules alike.
    await orgAdminClient.call("setUserStatus", { uid, org, status: "active", reason: "confirmed" });
    const again = track(await signIn(suspended.user.email!));
    await expect(
      again.call("writeClinicalRecord", { appointmentId, ...note, amendmentReason: "Late lab result" }),
    ).resolves.toMatchObject({ version: 2 });
    expect((await getDoc(doc(again.db, "clinicalRecords", appointmentId))).get("version")).toBe(2);
  });

  it("a suspended clinic admin's old token reads the clinic's appointments and audit log no more", async () => {
    const clinicAdmin = track(await orgAdmin(org));
    const adminUid = clinicAdmin.user.uid;
    await admin()
      .db.doc(`organisations/${org}/members/${adminUid}`)
      .set({ uid: adminUid, role: "admin", status: "active", since: new Date() });
    const patient = track(await signUp());
    const start = Date.now() + 2 * 86_400_000;
    const { id } = await appointmentFixture({
      org,
      doctorUid: doctor.user.uid,
      patientUid: patient.user.uid,
      startMs: start,
      endMs: start + 30 * MINUTE,
    });
    expect((await getDoc(doc(clinicAdmin.db, "appointments", id))).exists()).toBe(true);
    await waitPastSecond(await authTimeOf(clinicAdmin));
    await orgAdminClient.call("setUserStatus", { uid: adminUid, org, status: "suspended", reason: "left" });
    await expect(getDoc(doc(clinicAdmin.db, "appointments", id))).rejects.toMatchObject({
      code: "permission-denied",
    });
    await expect(
      getDocs(query(collection(clinicAdmin.db, "auditLog"), where("org", "==", org))),
    ).rejects.toMatchObject({ code: "permission-denied" });
  });
});

describe("after a role change", () => {
  it("the applicant's pre-approval token is refused by every callable; the new sign-in works at once", async () => {
    const applicant = track(await signUp());
    await applicant.call("applyForRole", doctorApplication(org));
    await setDoc(doc(applicant.db, "patients", applicant.user.uid), profile());
    await waitPastSecond(await authTimeOf(applicant));
    await orgAdminClient.call("reviewApplication", { applicantUid: applicant.user.uid, decision: "approve" });

    const [slot] = await freeSlots(doctor, doctor.user.uid);
    const error = await callError(
      applicant.call("book", { doctorUid: doctor.user.uid, start: slot.start, mode: "video" }),
    );
    expect(error.code).toBe("functions/unauthenticated");
    expect(await byPatient("appointments", applicant.user.uid)).toHaveLength(0);
    await expect(getDoc(doc(applicant.db, "patients", applicant.user.uid))).rejects.toMatchObject({
      code: "permission-denied",
    });
    await expect(deleteDoc(doc(applicant.db, "patients", applicant.user.uid))).rejects.toMatchObject({
      code: "permission-denied",
    });

    // Signing in again (possibly within the same second as the approval) gives a working token.
    const asDoctor = track(await signIn(applicant.user.email!));
    expect((await claimsOf(asDoctor)).role).toBe("doctor");
    await expect(freeSlots(asDoctor, doctor.user.uid)).resolves.toBeDefined();
    expect((await getDoc(doc(asDoctor.db, "patients", applicant.user.uid))).exists()).toBe(true);
  });
});

describe("after signing out everywhere", () => {
  it("the ID token of another device stops too: callables and PHI rules refuse it", async () => {
    const patient = track(await signUp());
    const uid = patient.user.uid;
    await setDoc(doc(patient.db, "patients", uid), profile());
    const created = await fetch(`${HOSTING_URL}/api/auth/session`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: HOSTING_URL },
      body: JSON.stringify({ idToken: await patient.user.getIdToken() }),
    });
    expect(created.status).toBe(200);
    const { csrfToken } = (await created.json()) as { csrfToken: string };
    const cookie = (created.headers.get("set-cookie") ?? "").split(";")[0];
    await waitPastSecond(await authTimeOf(patient));
    const signOut = await fetch(`${HOSTING_URL}/api/auth/session`, {
      method: "DELETE",
      headers: { cookie, "x-csrf-token": csrfToken },
    });
    expect(signOut.status).toBe(204);

    // The phone still holds the ID token it had before the sign-out.
    const [slot] = await freeSlots(doctor, doctor.user.uid);
    const error = await callError(
      patient.call("book", { doctorUid: doctor.user.uid, start: slot.start, mode: "video" }),
    );
    expect(error.code).toBe("functions/unauthenticated");
    expect(await byPatient("appointments", uid)).toHaveLength(0);
    await expect(getDoc(doc(patient.db, "patients", uid))).rejects.toMatchObject({
      code: "permission-denied",
    });
    await expect(
      setDoc(doc(patient.db, "patients", uid), { ...profile(), language: "hi" }),
    ).rejects.toMatchObject({ code: "permission-denied" });
    expect((await admin().db.doc(`patients/${uid}`).get()).get("language")).toBe("pa");
  });
});
