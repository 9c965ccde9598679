// Prescriptions at the pharmacy counter (issue 16): the verification page a QR opens through
// Hosting, the short code typed at a counter, the published key set and a key rotation that
// leaves older prescriptions valid.
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { admin, HOSTING_URL, signUp, type Client } from "../../tools/emulator-client";
import { newSigningSecret, publicHalf, rotateRxKey } from "../../tools/rotate-rx-key";
import { signPrescription } from "../../functions/src/domain/prescriptions/signing";
import { formatShortCode, shortCodeFrom } from "../../functions/src/domain/prescriptions/shortCode";
import { appointmentFixture, approvedDoctor, approvedPharmacy, makeOrg } from "./fixtures";

let org: string;
let doctor: Client;
let patient: Client;
let appointmentId: string;

const line = (name: string, quantity: number, medicineId?: string) => ({
  ...(medicineId ? { medicineId } : {}),
  name,
  strength: "500 mg",
  form: "tablet",
  dose: { amount: 1, unit: "tablet" },
  frequency: "OD",
  route: "oral",
  durationDays: quantity,
  quantity,
});

interface Issued {
  prescriptionId: string;
  verificationCode: string;
  signature: string;
}
const issue = (lines = [line("Paracetamol", 10)]) =>
  doctor.call<Issued>("issuePrescription", { appointmentId, lines });

const page = async (path: string, headers: Record<string, string> = {}) => {
  const res = await fetch(`${HOSTING_URL}${path}`, { headers, redirect: "manual" });
  return { status: res.status, html: await res.text(), headers: res.headers };
};

beforeAll(async () => {
  org = await makeOrg("clinic");
  [doctor, patient] = await Promise.all([approvedDoctor(org), signUp()]);
  await admin().db.doc(`patients/${patient.user.uid}`).set({
    name: "Gurpreet Sandhu",
    dateOfBirth: "1980-05-17",
    sex: "male",
    language: "pa",
    updatedAt: new Date(),
  });
  const start = Date.now() - 10 * 60_000;
  ({ id: appointmentId } = await appointmentFixture({
    org,
    doctorUid: doctor.user.uid,
    patientUid: patient.user.uid,
    startMs: start,
    endMs: start + 30 * 60_000,
  }));
});

describe("the verification page", () => {
  it("opens from the QR link through Hosting, in the pharmacist's language, with initials and age only", async () => {
    const rx = await issue([line("Paracetamol", 10), line("Cetirizine", 5)]);
    expect(rx.verificationCode).toMatch(
      /^[0-9A-HJKMNP-TV-Z]{3}-[0-9A-HJKMNP-TV-Z]{3}-[0-9A-HJKMNP-TV-Z]{3}$/,
    );
    const { status, html, headers } = await page(`/v/${rx.verificationCode}`, {
      "Accept-Language": "hi-IN,hi;q=0.9",
    });
    expect(status).toBe(200);
    expect(headers.get("content-type")).toMatch(/text\/html/);
    expect(html).toContain('lang="hi"');
    expect(html).toContain("मान्य: इस डॉक्टर द्वारा जारी");
    expect(html).toContain("Dr. Fixture");
    expect(html).toContain("PMC-10001");
    expect(html).toContain("G. S.</b>, 46");
    expect(html).toContain("Paracetamol");
    expect(html).toContain("Cetirizine");
    expect(html).toContain("अभी दवा नहीं दी गई");
    expect(html).not.toContain("Gurpreet");
    const english = await page(`/v/${rx.verificationCode}?lang=en`, { "Accept-Language": "pa" });
    expect(english.html).toContain("Valid: issued and signed");
  });

  it("opens from a code typed in lower case without hyphens, and with I/L/O for 1/0", async () => {
    const rx = await issue();
    const typed = rx.verificationCode.replace(/-/g, "").toLowerCase().replace(/1/g, "l").replace(/0/g, "o");
    const form = await page(`/v?code=${encodeURIComponent(typed)}&lang=pa`);
    expect(form.status).toBe(303);
    expect(form.headers.get("location")).toBe(`/v/${rx.verificationCode}?lang=pa`);
    const direct = await page(`/v/${typed}`);
    expect(direct.status).toBe(200);
    expect(direct.html).toContain("Paracetamol");
  });

  it("answers a malformed code 400 without a lookup, and escapes what was typed", async () => {
    for (const bad of ["ABC", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "UUU-UUU-UUU", "%E0%A4"]) {
      const { status, html } = await page(`/v/${bad}`);
      expect(status, bad).toBe(400);
      expect(html).toContain("not a prescription code");
      expect(html).not.toContain("<script>alert");
    }
    expect((await page("/v")).status).toBe(200);
  });

  it("answers an unknown code and a prescription that no longer verifies identically (404)", async () => {
    const tampered = await issue([line("Amoxicillin", 14)]);
    await admin()
      .db.doc(`prescriptions/${tampered.prescriptionId}`)
      .update({ "content.lines": [line("Amoxicillin", 140)] });
    let unknown = formatShortCode(shortCodeFrom(new Uint8Array([1, 2, 3, 4, 5])));
    if (
      (
        await admin()
          .db.doc(`rxCodes/${unknown.replace(/-/g, "")}`)
          .get()
      ).exists
    )
      unknown = formatShortCode(shortCodeFrom(new Uint8Array([5, 4, 3, 2, 1])));
    const a = await page(`/v/${unknown}`);
    const b = await page(`/v/${tampered.verificationCode}`);
    expect(a.status).toBe(404);
    expect(b).toMatchObject({ status: 404, html: a.html });
    expect(b.html).not.toContain("Amoxicillin");
  });

  it("says not valid, with the reason, for a prescription whose appointment was cancelled", async () => {
    const rx = await issue();
    const start = Date.now() - 10 * 60_000;
    const cancelled = await appointmentFixture({
      org,
      doctorUid: doctor.user.uid,
      patientUid: patient.user.uid,
      startMs: start,
      endMs: start + 30 * 60_000,
    });
    // The prescription's appointment is cancelled after it was issued.
    await admin().db.doc(`appointments/${cancelled.id}`).update({ status: "cancelled" });
    await admin().db.doc(`prescriptions/${rx.prescriptionId}`).update({ appointmentId: cancelled.id });
    const { status, html } = await page(`/v/${rx.verificationCode}`);
    expect(status).toBe(200);
    expect(html).toContain("Not valid: do not dispense");
    expect(html).toContain("cancelled");
  });
});

describe("the key set and rotation", () => {
  it("publishes the signing key as a cacheable JWK set naming the key each prescription names", async () => {
    const rx = await issue();
    const stored = (await admin().db.doc(`prescriptions/${rx.prescriptionId}`).get()).data()!;
    const res = await fetch(`${HOSTING_URL}/api/rx/keys`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toMatch(/^public, max-age=\d+/);
    const { keys } = (await res.json()) as { keys: Array<Record<string, string>> };
    expect(keys).toContainEqual(
      expect.objectContaining({
        kty: "OKP",
        crv: "Ed25519",
        alg: "EdDSA",
        kid: stored.content.keyId,
        status: "current",
      }),
    );
  });

  it("a rotated key leaves the prescriptions it signed valid: page, JSON check and dispensing", async () => {
    // The emulator's functions sign with the key in functions/.secret.local: the rotation is
    // replayed as it happened, from an older key (which signed `older`) to that one.
    const current = readFileSync("functions/.secret.local", "utf8")
      .match(/^RX_SIGNING_KEY=(.*)$/m)![1]
      .trim();
    const oldSecret = newSigningSecret();
    const fresh = await issue();
    const template = (await admin().db.doc(`prescriptions/${fresh.prescriptionId}`).get()).data()!;
    const id = admin().db.collection("prescriptions").doc().id;
    const code = shortCodeFrom(crypto.getRandomValues(new Uint8Array(5)));
    const content = { ...template.content, id, keyId: publicHalf(oldSecret).keyId };
    const signature = signPrescription(
      content,
      (await import("node:crypto")).createPrivateKey({
        key: Buffer.from(oldSecret, "base64"),
        format: "der",
        type: "pkcs8",
      }),
    );
    await admin()
      .db.doc(`prescriptions/${id}`)
      .set({ ...template, content, signature, verificationCode: formatShortCode(code) });
    await admin().db.doc(`rxCodes/${code}`).set({ prescriptionId: id, createdAt: new Date() });
    // Before the rotation published it, the old key is unknown: the old prescription does not verify.
    expect((await page(`/v/${formatShortCode(code)}`)).status).toBe(404);

    const stored: string[] = [];
    const { publishRotation } = await import("../../functions/src/repo/rxKeys");
    const rotated = await rotateRxKey(
      { readSecret: () => oldSecret, publish: publishRotation, storeSecret: (v) => stored.push(v) },
      new Date(),
      current,
    );
    expect(stored).toEqual([current]);
    expect(rotated.keyId).toBe(template.content.keyId);

    const { keys } = (await (await fetch(`${HOSTING_URL}/api/rx/keys`)).json()) as {
      keys: Array<{ kid: string; status: string }>;
    };
    expect(keys).toContainEqual(expect.objectContaining({ kid: rotated.previousKeyId, status: "retired" }));
    expect(keys).toContainEqual(expect.objectContaining({ kid: rotated.keyId, status: "current" }));
    const oldPage = await page(`/v/${formatShortCode(code)}`);
    expect(oldPage.status).toBe(200);
    expect(oldPage.html).toContain("Valid");
    const json = await (await fetch(`${HOSTING_URL}/api/rx/verify?id=${id}&sig=${signature}`)).json();
    expect(json).toMatchObject({ valid: true, keyId: rotated.previousKeyId });
    expect((await page(`/v/${fresh.verificationCode}`)).status).toBe(200);
    const { pharmacist } = await approvedPharmacy(org);
    await expect(
      pharmacist!.call("dispensePrescription", { prescriptionId: id, signature }),
    ).resolves.toMatchObject({
      prescriptionId: id,
    });
  });
});
