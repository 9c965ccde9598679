// The emulators as a phone on the developer's network reaches them (issue 17, item 6). The app is
// configured the way docs/contributors.md tells a developer to: the typed client's
// connectToEmulators with the one setting, AROGYA_EMULATOR_HOST. Every link the backend hands it
// (signed Storage URLs, the prescription's verification page and SMS short link) must be under
// that host, and work when opened there.
//
// Run with the LAN address to prove LAN mode (the emulators then listen on every interface):
//   AROGYA_EMULATOR_HOST=$(hostname -I | cut -d' ' -f1) node tools/emulators.mjs exec \
//     "npx vitest run --project emulator tests/integration/lan.int.test.ts"
// Without the variable the host is 127.0.0.1 and the same checks hold on this machine.
import { randomUUID } from "node:crypto";
import { deleteApp, initializeApp, type FirebaseApp } from "firebase/app";
import { createUserWithEmailAndPassword, getAuth, type Auth } from "firebase/auth";
import { getDoc, getFirestore, type Firestore } from "firebase/firestore";
import { getFunctions } from "firebase/functions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  arogyaCallables,
  connectToEmulators,
  docRef,
  emulatorHost,
  type ArogyaCallables,
} from "../../client/src";
import { admin, PASSWORD, PROJECT_ID, uniqueEmail } from "../../tools/emulator-client";
import { approvedDoctor, makeOrg, startedVisit, pdfText } from "./fixtures";
import { PARACETAMOL_TDS_3_DAYS } from "../factories";

/** The host the app is built with: AROGYA_EMULATOR_HOST, or 127.0.0.1 without it. */
const HOST = emulatorHost();

interface PhoneApp {
  app: FirebaseApp;
  auth: Auth;
  db: Firestore;
  arogya: ArogyaCallables;
  uid: string;
}

/** An app as a phone runs it: its own Firebase app, pointed at the emulators by the one setting. */
async function phoneApp(): Promise<PhoneApp> {
  const app = initializeApp({ projectId: PROJECT_ID, apiKey: "demo-api-key" }, `phone-${randomUUID()}`);
  const auth = getAuth(app);
  const db = getFirestore(app);
  const functions = getFunctions(app, "asia-south1");
  expect(connectToEmulators({ auth, firestore: db, functions })).toBe(HOST);
  const { user } = await createUserWithEmailAndPassword(auth, uniqueEmail("phone"), PASSWORD);
  return { app, auth, db, arogya: arogyaCallables(functions, { timeoutMs: 240_000 }), uid: user.uid };
}

const pdfBytes = Buffer.from(
  "%PDF-1.4\n% lan\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
  "latin1",
);

let phone: PhoneApp;
beforeAll(async () => {
  phone = await phoneApp();
});
afterAll(() => deleteApp(phone.app));

describe(`an app connected to the emulators at ${HOST} (AROGYA_EMULATOR_HOST)`, () => {
  it("signs in and calls a callable there; its signed upload and download URLs are under that host and work", async () => {
    expect(phone.auth.currentUser?.uid).toBe(phone.uid);
    const ticket = await phone.arogya.requestRecordUpload({
      type: "lab_report",
      title: "Blood test",
      date: "2026-10-01",
      contentType: "application/pdf",
      sizeBytes: pdfBytes.length,
    });
    expect(new URL(ticket.upload.url).hostname).toBe(HOST);
    const put = await fetch(ticket.upload.url, {
      method: ticket.upload.method,
      headers: ticket.upload.headers,
      body: new Uint8Array(pdfBytes),
    });
    expect(put.status).toBe(200);
    expect(await phone.arogya.confirmRecordUpload({ recordId: ticket.recordId })).toEqual({
      recordId: ticket.recordId,
      status: "ready",
    });

    const link = await phone.arogya.recordDownloadLink({ recordId: ticket.recordId });
    expect(new URL(link.url).hostname).toBe(HOST);
    const got = await fetch(link.url);
    expect(got.status).toBe(200);
    expect(Buffer.from(await got.arrayBuffer()).equals(pdfBytes)).toBe(true);

    // Firestore through the same connection: the record, read as the rules allow its patient.
    const stored = await getDoc(docRef(phone.db, "records", ticket.recordId));
    expect(stored.data()?.title).toBe("Blood test");
  });

  it("a prescription's PDF link, its verification page (the QR) and its SMS short link are under that host and open there", async () => {
    const org = await makeOrg("clinic");
    const doctor = await approvedDoctor(org);
    try {
      const phoneNumber = `+9198${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;
      await admin().db.doc(`patients/${phone.uid}`).set({
        name: "Lan Patient",
        dateOfBirth: "1990-01-01",
        sex: "female",
        phone: phoneNumber,
        language: "en",
        updatedAt: new Date(),
      });
      // Proven as phone sign-in proves it (tests/integration/fixtures.ts provePhoneByAuth).
      await admin().auth.updateUser(phone.uid, { phoneNumber });
      expect(await phone.arogya.requestPhoneVerification({ phone: phoneNumber })).toMatchObject({
        status: "verified",
      });
      const rx = await doctor.arogya.issuePrescription({
        appointmentId: await startedVisit({ org, doctorUid: doctor.user.uid, patientUid: phone.uid }),
        lines: [PARACETAMOL_TDS_3_DAYS],
      });

      const link = await phone.arogya.prescriptionLink({ prescriptionId: rx.prescriptionId });
      expect(new URL(link.url).hostname).toBe(HOST);
      const pdf = await fetch(link.url);
      expect(pdf.status).toBe(200);
      const site = `http://${HOST}:5000`;
      expect(await pdfText(await pdf.arrayBuffer())).toContain(`${site}/v`);

      const page = await fetch(`${site}/v/${rx.verificationCode}`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain("Paracetamol");

      const message = (await admin().db.doc(`outbox/rx-${rx.prescriptionId}`).get()).data();
      const short = new RegExp(`http://${HOST.replaceAll(".", "\\.")}:5000/s/[A-Za-z0-9_-]{10}`).exec(
        String(message?.body),
      )?.[0];
      expect(short, "the SMS carries a short link under the host").toBeDefined();
      const opened = await fetch(short!, { method: "POST", redirect: "manual" });
      expect(opened.status).toBe(303);
      expect(new URL(opened.headers.get("location")!).hostname).toBe(HOST);
    } finally {
      await doctor.close();
    }
  });
});
