// Acting for others (issue 15, items 1 and 2), against the emulators through the client SDK: a
// health worker, approved like a doctor, registers a patient by phone number, is confirmed by
// that patient (a texted code, or a witnessed attestation) and books, reschedules and cancels for
// them through the patient's own callables (`onBehalfOf`), leaving the same appointment, audit
// (with onBehalfOf) and messages as the app; the patient lists and revokes; a family account holds
// a child, books for them and hands them their own login with their history.
import { randomUUID } from "node:crypto";
import { deleteApp, initializeApp } from "firebase/app";
import { connectAuthEmulator, getAuth, signInWithCustomToken, type User } from "firebase/auth";
import {
  collection,
  connectFirestoreEmulator,
  doc,
  getDoc,
  getDocs,
  getFirestore,
  query,
  where,
  type Firestore,
} from "firebase/firestore";
import { connectFunctionsEmulator, getFunctions, httpsCallable } from "firebase/functions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AUTH_URL,
  PROJECT_ID,
  REGION,
  admin,
  callError,
  claimsOf,
  phoneSignUp,
  signUp,
  type Client,
} from "../../tools/emulator-client";
import {
  approvedDoctor,
  auditFor,
  eventually,
  freeSlots,
  makeOrg,
  orgAdmin,
  provePhoneByAuth,
  recordedTo,
  type SlotView,
} from "./fixtures";
import {
  appointmentShape,
  bookedInApp,
  expectSameAsApp,
  phoneKey,
  settledAppointment,
  sms,
} from "./inboundFixtures";

const clients: Array<{ close(): Promise<void> }> = [];
const track = <T extends { close(): Promise<void> }>(c: T): T => (clients.push(c), c);
afterAll(async () => Promise.all(clients.map((c) => c.close())));

let sequence = Math.floor(Math.random() * 800_000) + 100_000;
/** A fresh Indian mobile number the Twilio emulator accepts. */
const freshPhone = () => `+9196${String(sequence++).padStart(6, "0")}34`;

/**
 * A user signed in by phone: the Auth emulator's phone sign-in (Identity Toolkit REST, as the
 * client SDK's phone flow does behind its reCAPTCHA) says which account the number opens; the
 * client SDK session for that account is then made with a custom token (the Node build of the
 * client SDK has no phone credential).
 */
interface PhoneClient {
  user: User;
  db: Firestore;
  call<T = unknown>(name: string, data?: unknown): Promise<T>;
  close(): Promise<void>;
}

async function signInByPhone(phoneNumber: string): Promise<PhoneClient> {
  const { uid } = await phoneSignUp(phoneNumber);
  const app = initializeApp({ projectId: PROJECT_ID, apiKey: "demo-api-key" }, `phone-${randomUUID()}`);
  const auth = getAuth(app);
  connectAuthEmulator(auth, AUTH_URL, { disableWarnings: true });
  const db = getFirestore(app);
  const [fsHost, fsPort] = (process.env.FIRESTORE_EMULATOR_HOST ?? "127.0.0.1:8080").split(":");
  connectFirestoreEmulator(db, fsHost, Number(fsPort));
  const functions = getFunctions(app, REGION);
  const [fnHost, fnPort] = (process.env.FUNCTIONS_EMULATOR_HOST ?? "127.0.0.1:5001").split(":");
  connectFunctionsEmulator(functions, fnHost, Number(fnPort));
  const { user } = await signInWithCustomToken(auth, await admin().auth.createCustomToken(uid));
  return track({
    user,
    db,
    async call<T>(name: string, data?: unknown) {
      return (await httpsCallable(functions, name, { timeout: 240_000 })(data)).data as T;
    },
    close: () => deleteApp(app),
  });
}

/** The six-digit code of the newest SMS to `phone`, once the outbox has sent it. */
async function codeSentTo(phone: string, count = 1): Promise<string> {
  const messages = await eventually(async () => {
    const recorded = await recordedTo(phone);
    return recorded.length >= count && recorded;
  }, "the code SMS");
  const code = /\b(\d{6})\b/.exec(messages[count - 1].body)?.[1];
  if (!code) throw new Error("no code in the SMS");
  return code;
}

let org: string;
let doctor: Client;
let worker: Client;
let slots: SlotView[];
let nextSlot = 0;
/** A free slot a day or more ahead, a different one for each booking of this suite. */
const slot = () => slots[nextSlot++].start;

/** A patient applies as a health worker of `org` and an admin of `org` approves. */
async function approvedWorker(name = "Sunita ASHA"): Promise<Client> {
  const applicant = track(await signUp());
  await applicant.call("applyForRole", { role: "healthWorker", org, healthWorker: { name, title: "asha" } });
  const admin_ = track(await orgAdmin(org));
  await admin_.call("reviewApplication", { applicantUid: applicant.user.uid, decision: "approve" });
  await applicant.refresh();
  return applicant;
}

beforeAll(async () => {
  org = await makeOrg("village");
  doctor = track(await approvedDoctor(org));
  worker = await approvedWorker();
  slots = (await freeSlots(worker, doctor.user.uid, 14)).filter(
    (s) => Date.parse(s.start) > Date.now() + 36 * 3_600_000,
  );
  // Several accounts and an approval: longer than one call on a loaded machine.
}, 180_000);

const appointment = async (id: string) => (await admin().db.doc(`appointments/${id}`).get()).data()!;
const appointmentsOf = async (patientUid: string) =>
  (await admin().db.collection("appointments").where("patientUid", "==", patientUid).get()).docs;
const messagesAbout = async (appointmentId: string) =>
  (await admin().db.collection("outbox").where("appointmentId", "==", appointmentId).get()).docs.map((d) =>
    d.data(),
  );
/** Who calls: a client of the emulator, or one signed in by phone. */
type Caller = Pick<Client, "call">;
/** `caller` books the suite's doctor for `patientUid`, in the next free slot unless told. */
const bookFor = (caller: Caller, patientUid: string, mode = "video", start = slot()) =>
  caller.call<{ appointmentId: string; patientUid: string }>("book", {
    doctorUid: doctor.user.uid,
    start,
    mode,
    onBehalfOf: patientUid,
  });
/** `caller`'s booking for `patientUid` is refused `code`, and the patient has no new appointment. */
async function expectBookingRefused(caller: Caller, patientUid: string, code: string, start = slot()) {
  const before = (await appointmentsOf(patientUid)).length;
  expect((await callError(bookFor(caller, patientUid, "video", start))).code).toBe(code);
  expect(await appointmentsOf(patientUid)).toHaveLength(before);
}
/** A grant of the patient's lab reports to the suite's doctor for 30 days (grantConsent's request). */
const labReportGrant = () => ({
  granteeUid: doctor.user.uid,
  purpose: "follow_up",
  scope: { types: ["lab_report"] },
  expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
});
const link = async (patientUid: string, helperUid: string) =>
  (await admin().db.doc(`careLinks/${patientUid}_${helperUid}`).get()).data();
/**
 * What an appointment says, without who made it, when, or which slot; nor the patient's card and
 * the reminders' context, which are the patient's own (the card is asserted on its own below).
 */
function shape(a: FirebaseFirestore.DocumentData) {
  const { reminderContext: _reminderContext, ...rest }: Record<string, unknown> = appointmentShape(a);
  return rest;
}

describe("health workers: approved like doctors", () => {
  it("an approved application gives the healthWorker role of the organisation, and no public profile", async () => {
    expect(await claimsOf(worker)).toMatchObject({ role: "healthWorker", org });
    const member = await admin().db.doc(`organisations/${org}/members/${worker.user.uid}`).get();
    expect(member.data()?.role).toBe("healthWorker");
    expect((await admin().db.doc(`doctors/${worker.user.uid}`).get()).exists).toBe(false);
  });
});

describe("a health worker registers a patient by phone and acts for them with their consent", () => {
  let phone: string;
  let patientUid: string;
  let patient: PhoneClient;

  it("registers a patient by phone alone: an account for that number, a minimal profile, a pending link", async () => {
    phone = freshPhone();
    const answer = await worker.call<{ patientUid: string; status: string }>("registerPatient", {
      phone,
      name: "Gurpreet Kaur",
      language: "pa",
    });
    patientUid = answer.patientUid;
    expect(answer.status).toBe("pending");
    expect((await admin().auth.getUserByPhoneNumber(phone)).uid).toBe(patientUid);
    expect((await admin().db.doc(`patients/${patientUid}`).get()).data()).toMatchObject({
      name: "Gurpreet Kaur",
      phone,
      language: "pa",
    });
    expect(await link(patientUid, worker.user.uid)).toMatchObject({
      kind: "worker",
      org,
      status: "pending",
      helperName: "Sunita ASHA",
      registeredByHelper: true,
    });
    const [entry] = await auditFor(patientUid, "care.patientRegistered");
    expect(entry).toMatchObject({ actorUid: worker.user.uid, actorRole: "healthWorker", org });
    expect(JSON.stringify(entry)).not.toContain(phone);
  });

  it("a number that already has an account is not taken over: already-exists, nothing written", async () => {
    const before = (await admin().db.collection("patients").where("phone", "==", phone).get()).size;
    const error = await callError(
      worker.call("registerPatient", { phone, name: "Someone Else", language: "hi" }),
    );
    expect(error.code).toBe("functions/already-exists");
    expect((await admin().db.collection("patients").where("phone", "==", phone).get()).size).toBe(before);
    expect((await admin().auth.getUserByPhoneNumber(phone)).uid).toBe(patientUid);
  });

  it("before the patient agrees, the worker is refused with failed-precondition and nothing is booked", async () => {
    const error = await callError(
      worker.call("book", {
        doctorUid: doctor.user.uid,
        start: slots[0].start,
        mode: "video",
        onBehalfOf: patientUid,
      }),
    );
    expect(error.code).toBe("functions/failed-precondition");
    expect(await appointmentsOf(patientUid)).toHaveLength(0);
  });

  it("the patient confirms the texted code, signed in by their phone: the link is active and the number proven", async () => {
    await worker.call("requestCareConsent", { patientUid });
    const code = await codeSentTo(phone);
    const [sms] = await recordedTo(phone);
    expect(sms.body).toContain("ਆਰੋਗਿਆ");
    patient = await signInByPhone(phone);
    expect(patient.user.uid).toBe(patientUid);
    const wrong = await callError(
      patient.call("confirmCareConsent", { code: String((Number(code) + 1) % 1_000_000).padStart(6, "0") }),
    );
    expect(wrong.code).toBe("functions/invalid-argument");
    expect((await link(patientUid, worker.user.uid))?.status).toBe("pending");
    const confirmed = await patient.call("confirmCareConsent", { code });
    expect(confirmed).toEqual({ status: "confirmed", patientUid, helperUid: worker.user.uid });
    expect(await link(patientUid, worker.user.uid)).toMatchObject({
      status: "active",
      consent: { method: "code" },
    });
    expect((await admin().db.doc(`contacts/${patientUid}`).get()).data()).toMatchObject({
      phone,
      verifiedBy: "code",
    });
    const [entry] = await auditFor(`${patientUid}_${worker.user.uid}`, "care.consentConfirmed");
    expect(entry).toMatchObject({ actorUid: patientUid, org });
  });

  it("the worker books for the patient: the same appointment, audit (with onBehalfOf) and message as the app", async () => {
    // The same booking made by a patient in the app, with a proven number.
    const appPatient = track(await signUp());
    const appPhone = freshPhone();
    await provePhoneByAuth(appPatient, appPhone);
    const fromApp = await appPatient.call<{ appointmentId: string }>("book", {
      doctorUid: doctor.user.uid,
      start: slot(),
      mode: "video",
    });
    const byWorker = await bookFor(worker, patientUid);
    expect(byWorker.patientUid).toBe(patientUid);

    const [mine, theirs] = await Promise.all([
      settledAppointment(byWorker.appointmentId),
      settledAppointment(fromApp.appointmentId),
    ]);
    expect(mine.patientUid).toBe(patientUid);
    expect(shape(mine)).toEqual(shape(theirs));
    // The card is the patient's, never the worker's.
    expect(mine.patient).toMatchObject({ name: "Gurpreet Kaur" });
    expect(mine.reminderContext.doctorName).toBe(theirs.reminderContext.doctorName);
    expect(mine.history[0]).toMatchObject({
      by: worker.user.uid,
      role: "healthWorker",
      onBehalfOf: patientUid,
    });
    expect(theirs.history[0].onBehalfOf).toBeUndefined();

    const [workerEntry] = await auditFor(byWorker.appointmentId, "appointment.booked");
    const [appEntry] = await auditFor(fromApp.appointmentId, "appointment.booked");
    expect(workerEntry).toMatchObject({
      actorUid: worker.user.uid,
      actorRole: "healthWorker",
      onBehalfOf: patientUid,
      org,
    });
    expect(appEntry.onBehalfOf).toBeUndefined();
    expect(
      Object.keys(workerEntry)
        .filter((k) => k !== "onBehalfOf")
        .sort(),
    ).toEqual(Object.keys(appEntry).sort());

    const kinds = async (id: string) => (await messagesAbout(id)).map((m) => [m.kind, m.channel, m.required]);
    expect(await kinds(byWorker.appointmentId)).toEqual(await kinds(fromApp.appointmentId));
    expect((await messagesAbout(byWorker.appointmentId)).map((m) => m.to)).toEqual([phone]);
    expect((await messagesAbout(byWorker.appointmentId))[0]).toMatchObject({
      recipientUid: patientUid,
      language: "pa",
    });
    // The patient sees it as theirs, under the rules.
    expect((await getDoc(doc(patient.db, "appointments", byWorker.appointmentId))).exists()).toBe(true);
  });

  it("the worker reschedules and cancels for the patient; each audited by the worker on behalf of the patient", async () => {
    const { appointmentId } = await bookFor(worker, patientUid);
    const to = slot();
    const moved = await worker.call<{ start: string }>("reschedule", {
      appointmentId,
      start: to,
      onBehalfOf: patientUid,
    });
    expect(moved.start).toBe(to);
    const cancelled = await worker.call<{ status: string }>("cancel", {
      appointmentId,
      onBehalfOf: patientUid,
    });
    expect(cancelled.status).toBe("cancelled");
    for (const action of ["appointment.rescheduled", "appointment.cancelled"]) {
      const [entry] = await auditFor(appointmentId, action);
      expect(entry, action).toMatchObject({ actorUid: worker.user.uid, onBehalfOf: patientUid });
    }
    const a = await appointment(appointmentId);
    expect(a.history.map((h: { event: string; onBehalfOf?: string }) => [h.event, h.onBehalfOf])).toEqual([
      ["booked", patientUid],
      ["rescheduled", patientUid],
      ["cancelled", patientUid],
    ]);
    const kinds = (await messagesAbout(appointmentId)).map((m) => m.kind).sort();
    expect(kinds).toEqual(["appointment.booked", "appointment.cancelled", "appointment.rescheduled"]);
    const cancelMessage = (await messagesAbout(appointmentId)).find(
      (m) => m.kind === "appointment.cancelled",
    )!;
    expect(cancelMessage.required).toBe(false);
  });

  it("the worker asks for an upload URL for the patient's record", async () => {
    const { recordId } = await worker.call<{ recordId: string }>("requestRecordUpload", {
      onBehalfOf: patientUid,
      type: "lab_report",
      title: "Blood test",
      date: "2026-11-01",
      contentType: "application/pdf",
      sizeBytes: 1000,
    });
    const record = (await admin().db.doc(`records/${recordId}`).get()).data();
    expect(record).toMatchObject({ patientUid, uploadedBy: worker.user.uid, uploaderRole: "healthWorker" });
    expect(record?.path).toContain(patientUid);
  });

  it("the worker answers the clinic's proposal and grants and revokes record access for the patient, each audited on their behalf; another worker is refused and nothing changes; no worker exports", async () => {
    const { appointmentId } = await bookFor(worker, patientUid);
    const to = slot();
    await doctor.call("proposeTime", { appointmentId, start: to });
    const other = await approvedWorker("Third Worker");
    const refused = await callError(
      other.call("answerProposal", { appointmentId, accept: true, onBehalfOf: patientUid }),
    );
    expect(refused.code).toBe("functions/permission-denied");
    expect((await appointment(appointmentId)).proposal.status).toBe("open");
    expect(await auditFor(appointmentId, "appointment.proposalAccepted")).toHaveLength(0);
    const moved = await worker.call<{ start: string }>("answerProposal", {
      appointmentId,
      accept: true,
      onBehalfOf: patientUid,
    });
    expect(moved.start).toBe(to);
    expect((await appointment(appointmentId)).patientUid).toBe(patientUid);
    const [accepted] = await auditFor(appointmentId, "appointment.proposalAccepted");
    expect(accepted).toMatchObject({
      actorUid: worker.user.uid,
      actorRole: "healthWorker",
      onBehalfOf: patientUid,
    });

    const grant = labReportGrant();
    const consentPath = `consents/${patientUid}_${doctor.user.uid}`;
    const deniedGrant = await callError(other.call("grantConsent", { ...grant, onBehalfOf: patientUid }));
    expect(deniedGrant.code).toBe("functions/permission-denied");
    const forThemselves = await callError(worker.call("grantConsent", grant));
    expect(forThemselves.code).toBe("functions/permission-denied");
    expect((await admin().db.doc(consentPath).get()).exists).toBe(false);
    const granted = await worker.call<{ consentId: string }>("grantConsent", {
      ...grant,
      onBehalfOf: patientUid,
    });
    expect(granted.consentId).toBe(`${patientUid}_${doctor.user.uid}`);
    expect((await admin().db.doc(consentPath).get()).data()).toMatchObject({ patientUid, status: "active" });
    const [grantEntry] = await auditFor(granted.consentId, "consent.granted");
    expect(grantEntry).toMatchObject({ actorUid: worker.user.uid, onBehalfOf: patientUid });

    const deniedRevoke = await callError(
      other.call("revokeConsent", { granteeUid: doctor.user.uid, onBehalfOf: patientUid }),
    );
    expect(deniedRevoke.code).toBe("functions/permission-denied");
    expect((await admin().db.doc(consentPath).get()).data()?.status).toBe("active");
    await worker.call("revokeConsent", { granteeUid: doctor.user.uid, onBehalfOf: patientUid });
    expect((await admin().db.doc(consentPath).get()).data()?.status).toBe("revoked");
    const [revokeEntry] = await auditFor(granted.consentId, "consent.revoked");
    expect(revokeEntry).toMatchObject({ actorUid: worker.user.uid, onBehalfOf: patientUid });

    // The whole record never leaves through a health worker.
    const exported = await callError(worker.call("exportMyData", { onBehalfOf: patientUid }));
    expect(exported.code).toBe("functions/permission-denied");
    expect(await auditFor(patientUid, "data.exported")).toHaveLength(0);
  });

  it("a worker without the patient's consent, or not approved, is refused and nothing is written", async () => {
    const other = await approvedWorker("Other Worker");
    const start = slots[nextSlot].start;
    const denied = await callError(bookFor(other, patientUid, "video", start));
    expect(denied.code).toBe("functions/permission-denied");
    const applicant = track(await signUp());
    await applicant.call("applyForRole", {
      role: "healthWorker",
      org,
      healthWorker: { name: "Not Yet", title: "anm" },
    });
    const unapproved = await callError(bookFor(applicant, patientUid, "video", start));
    expect(unapproved.code).toBe("functions/permission-denied");
    const register = await callError(
      applicant.call("registerPatient", { phone: freshPhone(), name: "Nobody", language: "hi" }),
    );
    expect(register.code).toBe("functions/permission-denied");
    // An approved worker for themselves: never.
    const self = await callError(other.call("book", { doctorUid: doctor.user.uid, start, mode: "video" }));
    expect(self.code).toBe("functions/permission-denied");
    const booked = await admin()
      .db.collection("appointments")
      .where("doctorUid", "==", doctor.user.uid)
      .get();
    expect(booked.docs.filter((d) => d.data().start.toDate().toISOString() === start)).toHaveLength(0);
    expect(await link(patientUid, other.user.uid)).toBeUndefined();
  });

  it("the patient lists their helpers and revokes; after that the worker is refused and cannot attest back", async () => {
    const mine = await getDocs(
      query(collection(patient.db, "careLinks"), where("patientUid", "==", patientUid)),
    );
    expect(mine.docs.map((d) => [d.data().helperName, d.data().status])).toEqual([["Sunita ASHA", "active"]]);
    // The worker reads only what the functions answer.
    await expect(getDoc(doc(worker.db, "careLinks", `${patientUid}_${worker.user.uid}`))).rejects.toThrow();

    await patient.call("revokeCareLink", { patientUid, helperUid: worker.user.uid });
    expect(await link(patientUid, worker.user.uid)).toMatchObject({
      status: "revoked",
      revokedBy: patientUid,
    });
    await expectBookingRefused(worker, patientUid, "functions/permission-denied");
    const attest = await callError(
      worker.call("attestCareConsent", {
        patientUid,
        witnessName: "Ramesh Kumar",
        statement: "The patient agreed again in front of me.",
      }),
    );
    expect(attest.code).toBe("functions/failed-precondition");
    expect((await link(patientUid, worker.user.uid))?.status).toBe("revoked");
    const [entry] = await auditFor(`${patientUid}_${worker.user.uid}`, "care.revoked");
    expect(entry).toMatchObject({ actorUid: patientUid });
  });
});

/** A patient the worker registers by a fresh number and asks to consent; the code texted to them. */
async function registeredWithCode(name: string, language: string) {
  const phone = freshPhone();
  const { patientUid } = await worker.call<{ patientUid: string }>("registerPatient", {
    phone,
    name,
    language,
  });
  await worker.call("requestCareConsent", { patientUid });
  return { phone, patientUid, code: await codeSentTo(phone) };
}

describe("consent by SMS reply (issue 15, done when)", () => {
  it("a health worker registers a patient, is confirmed by the patient's SMS reply with the code, and books for them: the same appointment, audit and messages as the app", async () => {
    const { phone, patientUid, code } = await registeredWithCode("Jaswinder Kaur", "pa");
    const reply = await sms(phone, code);
    expect(reply.replies[0]).toContain("ਧੰਨਵਾਦ");
    expect(await link(patientUid, worker.user.uid)).toMatchObject({
      status: "active",
      consent: { method: "code" },
    });
    expect((await admin().db.doc(`contacts/${patientUid}`).get()).data()).toMatchObject({ phone });
    const [consent] = await auditFor(`${patientUid}_${worker.user.uid}`, "care.consentConfirmed");
    expect(consent).toMatchObject({ actorUid: patientUid, org, userAgent: "twilio-sms" });
    expect(await admin().db.doc(`careCodes/consent_${patientUid}_${worker.user.uid}`).get()).toMatchObject({
      exists: false,
    });

    const { appointmentId } = await bookFor(worker, patientUid);
    expect((await appointment(appointmentId)).patientUid).toBe(patientUid);
    const { client: app, appointmentId: fromApp } = await bookedInApp(doctor.user.uid, "video");
    track(app);
    await expectSameAsApp(appointmentId, fromApp, {
      actorUid: worker.user.uid,
      actorRole: "healthWorker",
      onBehalfOf: patientUid,
    });
    expect((await messagesAbout(appointmentId)).map((m) => [m.kind, m.to])).toEqual([
      ["appointment.booked", phone],
    ]);
  });

  it("a wrong code gets help text: the link stays pending, no contact, no audit (the try is counted)", async () => {
    const { phone, patientUid, code } = await registeredWithCode("Kuldeep Singh", "hi");
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    const reply = await sms(phone, `YES ${wrong}`);
    expect(reply.replies[0]).toContain("code is not right");
    expect(reply.replies[0]).toContain("APPOINTMENTS");
    expect((await link(patientUid, worker.user.uid))?.status).toBe("pending");
    expect((await admin().db.doc(`contacts/${patientUid}`).get()).exists).toBe(false);
    expect(await auditFor(`${patientUid}_${worker.user.uid}`, "care.consentConfirmed")).toHaveLength(0);
    expect(
      (
        await admin()
          .db.doc(`conversations/${phoneKey(phone)}`)
          .get()
      ).exists,
    ).toBe(false);
    const pending = (await admin().db.doc(`careCodes/consent_${patientUid}_${worker.user.uid}`).get()).data();
    expect(pending).toMatchObject({ state: "pending", attempts: 1 });
  });

  it("an expired code, or a code from a number no code was sent to, gets help text and writes nothing", async () => {
    const { phone, patientUid, code } = await registeredWithCode("Manjit Kaur", "pa");
    const codeRef = admin().db.doc(`careCodes/consent_${patientUid}_${worker.user.uid}`);
    await codeRef.update({ expiresAt: new Date(Date.now() - 60_000) });
    const before = (await codeRef.get()).data();
    const expired = await sms(phone, code);
    expect(expired.replies[0]).toMatch(/ਕੋਡ ਸਹੀ ਨਹੀਂ|code is not right/);
    expect((await link(patientUid, worker.user.uid))?.status).toBe("pending");
    expect((await codeRef.get()).data()).toEqual(before);
    expect((await admin().db.doc(`contacts/${patientUid}`).get()).exists).toBe(false);

    // Another number sends the right code: it was not sent there, so it proves nothing.
    await worker.call("requestCareConsent", { patientUid });
    // The second message sent to the number (the recorder also keeps the webhook's replies).
    const fresh = await eventually(async () => {
      const sent = (await recordedTo(phone)).filter(
        (m) => (m as { direction?: string }).direction !== "reply",
      );
      return sent.length >= 2 && /\b(\d{6})\b/.exec(sent[1].body)?.[1];
    }, "the second code");
    const other = freshPhone();
    const stranger = await sms(other, fresh);
    expect(stranger.replies[0]).toContain("code is not right");
    expect((await link(patientUid, worker.user.uid))?.status).toBe("pending");
    expect((await codeRef.get()).data()).toMatchObject({ state: "pending", attempts: 0 });
    expect(await auditFor(`${patientUid}_${worker.user.uid}`, "care.consentConfirmed")).toHaveLength(0);
  });

  it("code replies are rate-limited per phone like every inbound message: past the limit the right code does nothing", async () => {
    const { phone, patientUid, code } = await registeredWithCode("Balwinder Singh", "en");
    for (let i = 0; i < 20; i += 1) await sms(phone, "help");
    const limited = await sms(phone, code);
    expect(limited).toMatchObject({ status: 200, replies: [] });
    expect((await link(patientUid, worker.user.uid))?.status).toBe("pending");
    expect(
      (await admin().db.doc(`careCodes/consent_${patientUid}_${worker.user.uid}`).get()).data(),
    ).toMatchObject({
      state: "pending",
      attempts: 0,
    });
  });
});

describe("a witnessed attestation instead of a code", () => {
  it("the worker signs who, when and the witness; then books for the patient", async () => {
    const phone = freshPhone();
    const { patientUid } = await worker.call<{ patientUid: string }>("registerPatient", {
      phone,
      name: "Bachan Singh",
      language: "hi",
    });
    await worker.call("attestCareConsent", {
      patientUid,
      witnessName: "Ramesh Kumar",
      statement: "Explained booking and uploads for him; he agreed in front of the sarpanch.",
    });
    const stored = await link(patientUid, worker.user.uid);
    expect(stored).toMatchObject({
      status: "active",
      consent: { method: "attestation", attestedBy: worker.user.uid, witnessName: "Ramesh Kumar" },
    });
    expect(stored?.consent.at.toMillis()).toBeGreaterThan(Date.now() - 120_000);
    const [entry] = await auditFor(`${patientUid}_${worker.user.uid}`, "care.consentAttested");
    expect(entry).toMatchObject({ actorUid: worker.user.uid, onBehalfOf: patientUid });
    const booked = await bookFor(worker, patientUid, "in_person");
    expect(booked.patientUid).toBe(patientUid);
  });

  it("a patient with their own account confirms by code only: attestation is refused, nothing written", async () => {
    const own = track(await signUp());
    await provePhoneByAuth(own, freshPhone());
    await worker.call("requestCareConsent", { patientUid: own.user.uid });
    const error = await callError(
      worker.call("attestCareConsent", {
        patientUid: own.user.uid,
        witnessName: "Ramesh Kumar",
        statement: "The patient agreed in front of me.",
      }),
    );
    expect(error.code).toBe("functions/failed-precondition");
    expect((await link(own.user.uid, worker.user.uid))?.status).toBe("pending");
  });
});

describe("family accounts", () => {
  let parent: Client;
  let parentPhone: string;
  let childUid: string;
  let childAppointment: string;

  it("a parent adds a child and books for them; messages go to the parent's proven number", async () => {
    parent = track(await signUp());
    parentPhone = freshPhone();
    await provePhoneByAuth(parent, parentPhone);
    ({ dependantUid: childUid } = await parent.call<{ dependantUid: string }>("addDependant", {
      name: "Simran",
      dateOfBirth: "2018-04-02",
      sex: "female",
      language: "pa",
    }));
    expect(await link(childUid, parent.user.uid)).toMatchObject({ kind: "holder", status: "active" });
    await expect(admin().auth.getUser(childUid)).rejects.toThrow();
    const booked = await bookFor(parent, childUid);
    childAppointment = booked.appointmentId;
    expect(booked.patientUid).toBe(childUid);
    await settledAppointment(childAppointment);
    expect((await messagesAbout(childAppointment)).map((m) => [m.kind, m.to, m.recipientUid])).toEqual([
      ["appointment.booked", parentPhone, childUid],
    ]);
    const [entry] = await auditFor(childAppointment, "appointment.booked");
    expect(entry).toMatchObject({ actorUid: parent.user.uid, actorRole: "patient", onBehalfOf: childUid });
    // The same appointment, audit entry and messages as the same booking from the app.
    const { client: app, appointmentId: fromApp } = await bookedInApp(doctor.user.uid, "video");
    track(app);
    await expectSameAsApp(childAppointment, fromApp, {
      actorUid: parent.user.uid,
      actorRole: "patient",
      onBehalfOf: childUid,
    });
    // The holder reads the child's profile and appointments under the rules.
    expect((await getDoc(doc(parent.db, "patients", childUid))).data()?.name).toBe("Simran");
    expect((await getDoc(doc(parent.db, "appointments", childAppointment))).exists()).toBe(true);
    const dependants = await getDocs(
      query(
        collection(parent.db, "careLinks"),
        where("helperUid", "==", parent.user.uid),
        where("kind", "==", "holder"),
      ),
    );
    expect(dependants.docs.map((d) => d.data().patientUid)).toEqual([childUid]);
  });

  it("the holder grants and revokes record access and exports the child's data, each audited on the child's behalf; a stranger is refused and nothing is written", async () => {
    const grant = labReportGrant();
    const consentPath = `consents/${childUid}_${doctor.user.uid}`;
    const stranger = track(await signUp());
    const denied = await callError(stranger.call("grantConsent", { ...grant, onBehalfOf: childUid }));
    expect(denied.code).toBe("functions/permission-denied");
    expect((await admin().db.doc(consentPath).get()).exists).toBe(false);
    const granted = await parent.call<{ consentId: string }>("grantConsent", {
      ...grant,
      onBehalfOf: childUid,
    });
    expect((await admin().db.doc(consentPath).get()).data()).toMatchObject({
      patientUid: childUid,
      status: "active",
    });
    const [grantEntry] = await auditFor(granted.consentId, "consent.granted");
    expect(grantEntry).toMatchObject({
      actorUid: parent.user.uid,
      actorRole: "patient",
      onBehalfOf: childUid,
    });

    const refusedExport = await callError(stranger.call("exportMyData", { onBehalfOf: childUid }));
    expect(refusedExport.code).toBe("functions/permission-denied");
    expect(await auditFor(childUid, "data.exported")).toHaveLength(0);
    const exported = await parent.call<{ url: string; counts: { appointments: number; consents: number } }>(
      "exportMyData",
      { onBehalfOf: childUid },
    );
    expect(exported.counts).toMatchObject({ appointments: 1, consents: 1 });
    const [exportEntry] = await auditFor(childUid, "data.exported");
    expect(exportEntry).toMatchObject({ actorUid: parent.user.uid, onBehalfOf: childUid });

    const refusedRevoke = await callError(
      stranger.call("revokeConsent", { granteeUid: doctor.user.uid, onBehalfOf: childUid }),
    );
    expect(refusedRevoke.code).toBe("functions/permission-denied");
    await parent.call("revokeConsent", { granteeUid: doctor.user.uid, onBehalfOf: childUid });
    expect((await admin().db.doc(consentPath).get()).data()?.status).toBe("revoked");
    const [revokeEntry] = await auditFor(granted.consentId, "consent.revoked");
    expect(revokeEntry).toMatchObject({ actorUid: parent.user.uid, onBehalfOf: childUid });
  });

  it("another holder cannot act for the child or read them; nothing is written", async () => {
    const stranger = track(await signUp());
    await expectBookingRefused(stranger, childUid, "functions/permission-denied");
    const cancel = await callError(
      stranger.call("cancel", { appointmentId: childAppointment, onBehalfOf: childUid }),
    );
    expect(cancel.code).toBe("functions/permission-denied");
    expect((await appointment(childAppointment)).status).toBe("booked");
    await expect(getDoc(doc(stranger.db, "patients", childUid))).rejects.toThrow();
    await expect(getDoc(doc(stranger.db, "appointments", childAppointment))).rejects.toThrow();
    const handover = await callError(
      stranger.call("startHandover", { dependantUid: childUid, phone: freshPhone() }),
    );
    expect(handover.code).toBe("functions/permission-denied");
  });

  it("the holder hands the child their own login: the same uid, with its history", async () => {
    const childPhone = freshPhone();
    const taken = await callError(
      parent.call("startHandover", { dependantUid: childUid, phone: parentPhone }),
    );
    expect(taken.code).toBe("functions/already-exists");
    await parent.call("startHandover", { dependantUid: childUid, phone: childPhone });
    const code = await codeSentTo(childPhone);
    const wrong = await callError(
      parent.call("completeHandover", {
        dependantUid: childUid,
        phone: childPhone,
        code: String((Number(code) + 1) % 1_000_000).padStart(6, "0"),
      }),
    );
    expect(wrong.code).toBe("functions/invalid-argument");
    await expect(admin().auth.getUser(childUid)).rejects.toThrow();
    await parent.call("completeHandover", { dependantUid: childUid, phone: childPhone, code });

    const child = await signInByPhone(childPhone);
    expect(child.user.uid).toBe(childUid);
    expect((await child.user.getIdTokenResult()).claims.role).toBe("patient");
    const mine = await getDocs(
      query(collection(child.db, "appointments"), where("patientUid", "==", childUid)),
    );
    expect(mine.docs.map((d) => d.id)).toContain(childAppointment);
    expect((await getDoc(doc(child.db, "patients", childUid))).data()).toMatchObject({
      name: "Simran",
      phone: childPhone,
    });
    expect((await admin().db.doc(`contacts/${childUid}`).get()).data()).toMatchObject({ phone: childPhone });
    const [entry] = await auditFor(`${childUid}_${parent.user.uid}`, "care.handedOver");
    expect(entry).toMatchObject({ actorUid: parent.user.uid, onBehalfOf: childUid });

    // The child, now signed in, sees the parent among their helpers and may end that.
    const helpers = await getDocs(
      query(collection(child.db, "careLinks"), where("patientUid", "==", childUid)),
    );
    expect(helpers.docs.map((d) => d.data().helperUid)).toEqual([parent.user.uid]);
    await child.call("revokeCareLink", { patientUid: childUid, helperUid: parent.user.uid });
    const refused = await callError(
      parent.call("cancel", { appointmentId: childAppointment, onBehalfOf: childUid }),
    );
    expect(refused.code).toBe("functions/permission-denied");
    await expect(getDoc(doc(parent.db, "appointments", childAppointment))).rejects.toThrow();
  });
});
