// Prescriptions at the pharmacy counter (issue 16): the verification page a QR opens through
// Hosting, the short code typed at a counter, the published key set and a key rotation that
// leaves older prescriptions valid.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { beforeAll, describe, expect, it } from "vitest";
import {
  admin,
  callError,
  FUNCTIONS_URL,
  HOSTING_URL,
  signUp,
  type Client,
} from "../../tools/emulator-client";
import { buildMedicineDoc } from "../../functions/src/domain/pharmacy/medicines";
import { newSigningSecret, publicHalf, publishToFirestore, rotateRxKey } from "../../tools/rotate-rx-key";
import { signPrescription } from "../../functions/src/domain/prescriptions/signing";
import { formatShortCode, shortCodeFrom } from "../../functions/src/domain/prescriptions/shortCode";
import {
  approvedDoctor,
  approvedPharmacy,
  eventually,
  makeOrg,
  provePhoneByAuth,
  recordedTo,
  startedVisit,
} from "./fixtures";

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

/** The signing key the emulator's functions use (functions/.secret.local, written by tools/emulators.mjs). */
const currentSecret = () =>
  readFileSync("functions/.secret.local", "utf8")
    .match(/^RX_SIGNING_KEY=(.*)$/m)![1]
    .trim();

/**
 * A copy of an issued prescription as an older key signed it, before a rotation: its own id and
 * short code, signed with `oldSecret` (which the key set does not know until `rotateFrom`).
 */
async function signedBeforeRotation(issued: Issued, oldSecret: string): Promise<Issued & { code: string }> {
  const template = (await admin().db.doc(`prescriptions/${issued.prescriptionId}`).get()).data()!;
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
  return { prescriptionId: id, signature, verificationCode: formatShortCode(code), code };
}

/** The rotation as `npm run rx:rotate-key` runs it, from `oldSecret` to the functions' current key. */
async function rotateFrom(oldSecret: string) {
  const current = currentSecret();
  const stored: string[] = [];
  const rotated = await rotateRxKey(
    { readSecret: () => oldSecret, publish: publishToFirestore, storeSecret: (v) => stored.push(v) },
    new Date(),
    current,
  );
  expect(stored).toEqual([current]);
  return rotated;
}

/** A refusal's code and catalogue reason (`details.reason`, schemas/errorReasons.ts). */
async function refusal(
  promise: Promise<unknown>,
): Promise<{ code: string; reason?: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { code?: string; message?: string; details?: { reason?: string } };
    return { code: e.code ?? "no-code", reason: e.details?.reason, message: e.message ?? "" };
  }
  throw new Error("expected the call to be refused, but it succeeded");
}

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
  appointmentId = await startedVisit({ org, doctorUid: doctor.user.uid, patientUid: patient.user.uid });
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
    for (const bad of ["ABC", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "UUU-UUU-UUU"]) {
      const { status, html } = await page(`/v/${bad}`);
      expect(status, bad).toBe(400);
      expect(html).toContain("not a prescription code");
      expect(html).not.toContain("<script>alert");
    }
    expect((await page("/v")).status).toBe(200);
    // A broken percent-encoding: the Hosting emulator (superstatic) answers 500 itself before any
    // rewrite, so the function is asked directly (the path Hosting would pass on); Express refuses
    // it (400) before the handler, which also reads it safely (safeDecode).
    const broken = await fetch(`${FUNCTIONS_URL}/api/v/%E0%A4`);
    expect(broken.status).toBe(400);
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
    const cancelled = await startedVisit({ org, doctorUid: doctor.user.uid, patientUid: patient.user.uid });
    // The prescription's appointment is cancelled after it was issued.
    await admin().db.doc(`appointments/${cancelled}`).update({ status: "cancelled" });
    await admin().db.doc(`prescriptions/${rx.prescriptionId}`).update({ appointmentId: cancelled });
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
    const oldSecret = newSigningSecret();
    const fresh = await issue();
    const { keyId } = (await admin().db.doc(`prescriptions/${fresh.prescriptionId}`).get()).data()!.content;
    const { prescriptionId: id, signature, code } = await signedBeforeRotation(fresh, oldSecret);
    // Before the rotation published it, the old key is unknown: the old prescription does not verify.
    expect((await page(`/v/${formatShortCode(code)}`)).status).toBe(404);

    const rotated = await rotateFrom(oldSecret);
    expect(rotated.keyId).toBe(keyId);

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

// ---- dispensing that moves stock -------------------------------------------------------------

/** Medicines in the master with unique names (ids), as the platform admin would add them. */
async function medicines(...names: string[]): Promise<string[]> {
  const { db } = admin();
  const suffix = Math.random().toString(36).slice(2, 7);
  const ids: string[] = [];
  for (const name of names) {
    const doc = buildMedicineDoc(
      {
        generic: `${name}${suffix}`,
        brands: [],
        strength: "500 mg",
        form: "tablet",
        packSize: 10,
        prescriptionOnly: true,
      },
      new Date(),
    );
    await db.doc(`medicines/${doc.medicineId}`).set(doc);
    ids.push(doc.medicineId);
  }
  return ids;
}

const year = new Date().getUTCFullYear();
const stockOf = async (pharmacyId: string, medicineId: string) => ({
  inventory: (await admin().db.doc(`pharmacies/${pharmacyId}/inventory/${medicineId}`).get()).data()!,
  public: (await admin().db.doc(`pharmacies/${pharmacyId}/stock/${medicineId}`).get()).data()!,
});
/** One batch of `quantity` units of `medicineId`, expiring next January, at 5 rupees. */
const stockOne = (counter: Client, pharmacyId: string, medicineId: string, quantity: number, batch = "B") =>
  counter.call("setStockItem", {
    pharmacyId,
    medicineId,
    batches: [{ batch, expiry: `${year + 1}-01`, quantity }],
    priceInr: 5,
    lowStockThreshold: 1,
  });

/**
 * Makes an issued prescription one issued 31 days ago, so expired: the signature covers issuedAt,
 * so it is signed again (with the functions' current key) as issued then. Returns the signature.
 */
async function issuedMonthAgo(prescriptionId: string): Promise<string> {
  const ref = admin().db.doc(`prescriptions/${prescriptionId}`);
  const stored = (await ref.get()).data()!;
  const content = { ...stored.content, issuedAt: new Date(Date.now() - 31 * 86_400_000).toISOString() };
  const { createPrivateKey } = await import("node:crypto");
  const signature = signPrescription(
    content,
    createPrivateKey({ key: Buffer.from(currentSecret(), "base64"), format: "der", type: "pkcs8" }),
  );
  await ref.update({ content, signature });
  return signature;
}

describe("dispensing at the counter", () => {
  it("Done when (issue 16): a pharmacist opens the QR page of a prescription signed before a key rotation, dispenses two of three lines with one substitution, and the public stock changes", async () => {
    const [para, amox, amoxSub, cetz] = await medicines(
      "paracetamol",
      "amoxicillin",
      "amoxyclav",
      "cetirizine",
    );
    const { pharmacyId, pharmacist } = await approvedPharmacy(org);
    const counter = pharmacist!;
    const set = (medicineId: string, batches: Array<{ batch: string; expiry: string; quantity: number }>) =>
      counter.call("setStockItem", { pharmacyId, medicineId, batches, priceInr: 20, lowStockThreshold: 2 });
    await set(para, [
      { batch: "P-LATE", expiry: `${year + 2}-06`, quantity: 6 },
      { batch: "P-SOON", expiry: `${year + 1}-01`, quantity: 4 },
    ]);
    await set(amoxSub, [{ batch: "S-1", expiry: `${year + 1}-03`, quantity: 14 }]);
    await set(cetz, [{ batch: "C-1", expiry: `${year + 1}-03`, quantity: 2 }]);
    // Issued, then the signing key rotated: the prescription is one the older key signed.
    const oldSecret = newSigningSecret();
    const rx = await signedBeforeRotation(
      await issue([
        line("Paracetamol", 10, para),
        line("Amoxicillin", 14, amox),
        line("Cetirizine", 5, cetz),
      ]),
      oldSecret,
    );
    expect((await page(`/v/${rx.verificationCode}`)).status).toBe(404); // its key is not published yet
    const rotated = await rotateFrom(oldSecret);
    const { keys } = (await (await fetch(`${HOSTING_URL}/api/rx/keys`)).json()) as {
      keys: Array<{ kid: string; status: string }>;
    };
    expect(keys).toContainEqual(expect.objectContaining({ kid: rotated.previousKeyId, status: "retired" }));

    // The pharmacist scans the QR (it opens /v/<code> through Hosting): valid, nothing dispensed.
    const before = await page(`/v/${rx.verificationCode}`);
    expect(before.status).toBe(200);
    expect(before.html).toContain("Valid");
    expect(before.html).toContain("Not dispensed yet");
    expect((await stockOf(pharmacyId, para)).public).toMatchObject({ inStock: true });

    const result = await counter.call<{
      lines: Array<{ balance: number; dispensed: number }>;
      complete: boolean;
    }>("dispensePrescription", {
      prescriptionId: rx.prescriptionId,
      signature: rx.signature,
      lines: [
        { line: 0, quantity: 10 },
        {
          line: 1,
          quantity: 14,
          substitute: {
            medicineId: amoxSub,
            reason: "Amoxicillin out of stock; prescriber agreed by phone",
            patientAcknowledged: true,
          },
        },
      ],
    });
    expect(result.complete).toBe(false);
    expect(result.lines.map((l) => [l.dispensed, l.balance])).toEqual([
      [10, 0],
      [14, 0],
      [0, 5],
    ]);
    // Earliest expiry first, all of paracetamol: out of stock now, in the public answer too.
    const p = await stockOf(pharmacyId, para);
    expect(p.inventory.batches.map((b: { quantity: number }) => b.quantity)).toEqual([0, 0]);
    expect(p.public).toMatchObject({ inStock: false, inStockUntil: null });
    expect((await stockOf(pharmacyId, amoxSub)).inventory.quantity).toBe(0);
    expect((await stockOf(pharmacyId, cetz)).inventory.quantity).toBe(2);
    const claim = (await admin().db.doc(`dispensations/${rx.prescriptionId}`).get()).data()!;
    expect(claim.fills[0].lines[0].draws.map((d: { batch: string }) => d.batch)).toEqual([
      "P-SOON",
      "P-LATE",
    ]);
    expect(claim.fills[0].lines[1].substitution).toMatchObject({
      medicineId: amoxSub,
      patientAcknowledged: true,
    });
    const after = await page(`/v/${rx.verificationCode}`);
    expect(after.html).toContain("Partly dispensed");

    // The balance: 5 cetirizine wanted, 2 in stock; refused with the count, nothing written.
    const short = await refusal(
      counter.call("dispensePrescription", {
        prescriptionId: rx.prescriptionId,
        signature: rx.signature,
        lines: [{ line: 2, quantity: 5 }],
      }),
    );
    expect(short.code).toBe("functions/failed-precondition");
    expect(short.message).toMatch(/only 2 .* in stock/);
    expect(short.reason).toBe("not-enough-stock");
    expect((await stockOf(pharmacyId, cetz)).inventory.quantity).toBe(2);
    // More than a line's balance is refused too.
    const over = await refusal(
      counter.call("dispensePrescription", {
        prescriptionId: rx.prescriptionId,
        signature: rx.signature,
        lines: [{ line: 0, quantity: 1 }],
      }),
    );
    expect(over.message).toMatch(/line 1: 0 of 10 left/);
    expect(over.reason).toBe("line-balance-exceeded");
    expect((await admin().db.doc(`dispensations/${rx.prescriptionId}`).get()).data()!.fills).toHaveLength(1);
    // One signed by the current key after the rotation verifies beside it.
    const after2 = await issue([line("Paracetamol", 1, para)]);
    expect((await page(`/v/${after2.verificationCode}`)).html).toContain("Valid");
  });

  it("refuses a substitution the patient did not acknowledge, writing nothing", async () => {
    const [para, sub] = await medicines("paracetamol", "crocin");
    const { pharmacyId, pharmacist } = await approvedPharmacy(org);
    await stockOne(pharmacist!, pharmacyId, sub, 10, "X");
    const rx = await issue([line("Paracetamol", 10, para)]);
    const error = await callError(
      pharmacist!.call("dispensePrescription", {
        prescriptionId: rx.prescriptionId,
        signature: rx.signature,
        lines: [
          {
            line: 0,
            quantity: 10,
            substitute: { medicineId: sub, reason: "brand", patientAcknowledged: false },
          },
        ],
      }),
    );
    expect(error.code).toBe("functions/invalid-argument");
    expect((await admin().db.doc(`dispensations/${rx.prescriptionId}`).get()).exists).toBe(false);
    expect((await stockOf(pharmacyId, sub)).inventory.quantity).toBe(10);
  });

  it("gives a line at most its quantity when counters dispense at the same moment", async () => {
    const [para] = await medicines("paracetamol");
    const { pharmacyId, pharmacist } = await approvedPharmacy(org);
    const counters = [pharmacist!, ...(await Promise.all([1, 2].map(() => signUpPharmacist(pharmacyId))))];
    await stockOne(pharmacist!, pharmacyId, para, 100);
    const rx = await issue([line("Paracetamol", 10, para)]);
    // warm the workers, so the race is between the calls and not the cold starts
    await Promise.all(
      counters.map((c) =>
        callError(c.call("dispensePrescription", { prescriptionId: "warm-up", signature: rx.signature })),
      ),
    );
    const outcomes = await Promise.allSettled(
      counters.map((c) =>
        c.call("dispensePrescription", {
          prescriptionId: rx.prescriptionId,
          signature: rx.signature,
          lines: [{ line: 0, quantity: 6 }],
        }),
      ),
    );
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    for (const o of outcomes.filter((o) => o.status === "rejected"))
      expect((o as PromiseRejectedResult).reason.code).toBe("functions/failed-precondition");
    const claim = (await admin().db.doc(`dispensations/${rx.prescriptionId}`).get()).data()!;
    expect(claim.quantities).toEqual([6]);
    expect((await stockOf(pharmacyId, para)).inventory.quantity).toBe(94);
  });

  it("refuses an expired prescription with the reason, writing nothing", async () => {
    const [para] = await medicines("paracetamol");
    const { pharmacist } = await approvedPharmacy(org);
    const rx = await issue([line("Paracetamol", 10, para)]);
    const signature = await issuedMonthAgo(rx.prescriptionId);
    const { db } = admin();
    const error = await callError(
      pharmacist!.call("dispensePrescription", { prescriptionId: rx.prescriptionId, signature }),
    );
    expect(error.code).toBe("functions/failed-precondition");
    expect(error.message).toMatch(/expired on/);
    expect((await db.doc(`dispensations/${rx.prescriptionId}`).get()).exists).toBe(false);
    const why = await refusal(
      pharmacist!.call("dispensePrescription", { prescriptionId: rx.prescriptionId, signature }),
    );
    expect(why.reason).toBe("prescription-expired");
    const shown = await page(`/v/${rx.verificationCode}`);
    expect(shown.html).toContain("Not valid");
    expect(shown.html).toContain("expired");
  });
});

/** Another pharmacist of the same pharmacy (a second counter). */
async function signUpPharmacist(pharmacyId: string): Promise<Client> {
  const { userWithClaims } = await import("../../tools/emulator-client");
  return userWithClaims({ role: "pharmacist", org, pharmacy: pharmacyId }, "pharmacist");
}

// ---- reserve and collect -----------------------------------------------------------------------

/** The scheduled release's handler, run in this process against the emulator. */
async function inProcessHandler() {
  const require = createRequire(`${process.cwd()}/functions/package.json`);
  const { getApps, initializeApp } = require("firebase-admin/app") as typeof import("firebase-admin/app");
  if (!getApps().some((a) => a.name === "[DEFAULT]"))
    initializeApp({ projectId: process.env.GCLOUD_PROJECT });
  return import("../../functions/src/handlers/pharmacy/releaseExpiredReservations");
}

/**
 * A patient with a one-line prescription of `quantity` units of `medicineId`; with `reach`, their
 * language and a number they proved (messages go only to such numbers).
 */
async function patientWithPrescription(
  medicineId: string,
  quantity: number,
  reach: { language: "en" | "hi" | "pa"; phone: string } | null = null,
) {
  const p = await signUp();
  await admin()
    .db.doc(`patients/${p.user.uid}`)
    .set({
      name: "Asha Rani",
      dateOfBirth: "1990-01-01",
      sex: "female",
      language: reach?.language ?? "hi",
      ...(reach ? { phone: reach.phone } : {}),
      updatedAt: new Date(),
    });
  const id = await startedVisit({ org, doctorUid: doctor.user.uid, patientUid: p.user.uid });
  const rx = await doctor.call<Issued>("issuePrescription", {
    appointmentId: id,
    lines: [line("Paracetamol", quantity, medicineId)],
  });
  // Proven after the issue: the only messages this number gets are about the hold.
  if (reach) await provePhoneByAuth(p, reach.phone);
  return { patient: p, rx };
}

describe("reserve and collect", () => {
  it("of patients reserving the last units at once, exactly as many as there are units hold them", async () => {
    const [para] = await medicines("paracetamol");
    const { pharmacyId, pharmacist } = await approvedPharmacy(org);
    await stockOne(pharmacist!, pharmacyId, para, 3);
    const patients = await Promise.all([1, 2, 3, 4, 5, 6].map(() => patientWithPrescription(para, 1)));
    // warm the workers, so the race is between the calls and not the cold starts
    await Promise.all(
      patients.map(({ patient }) =>
        callError(patient.call("reserveMedicines", { prescriptionId: "warm-up", pharmacyId })),
      ),
    );
    const outcomes = await Promise.allSettled(
      patients.map(({ patient, rx }) =>
        patient.call("reserveMedicines", { prescriptionId: rx.prescriptionId, pharmacyId }),
      ),
    );
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(3);
    for (const o of outcomes.filter((o) => o.status === "rejected")) {
      expect((o as PromiseRejectedResult).reason.code).toBe("functions/failed-precondition");
      expect((o as PromiseRejectedResult).reason.message).toMatch(/only 0 available/);
    }
    const stock = await stockOf(pharmacyId, para);
    expect(stock.inventory).toMatchObject({ quantity: 3, held: 3 });
    expect(stock.public).toMatchObject({ inStock: false });
    const held = await admin().db.collection("reservations").where("pharmacyId", "==", pharmacyId).get();
    expect(held.size).toBe(3);

    // The pharmacist declines one: its unit is back on sale at once.
    const [first] = held.docs;
    const declined = await pharmacist!.call<{ status: string }>("decideReservation", {
      reservationId: first.id,
      decision: "decline",
    });
    expect(declined.status).toBe("declined");
    expect((await stockOf(pharmacyId, para)).inventory.held).toBe(2);
    expect((await stockOf(pharmacyId, para)).public.inStock).toBe(true);
    const again = await callError(
      pharmacist!.call("decideReservation", { reservationId: first.id, decision: "confirm" }),
    );
    expect(again.code).toBe("functions/failed-precondition");
    // Another pharmacy's pharmacist cannot decide it.
    const other = await approvedPharmacy(org);
    const [, second] = held.docs;
    expect(
      (
        await callError(
          other.pharmacist!.call("decideReservation", { reservationId: second.id, decision: "decline" }),
        )
      ).code,
    ).toBe("functions/not-found");
    expect((await admin().db.doc(`reservations/${second.id}`).get()).get("status")).toBe("held");
    // Held units are not dispensed to someone else: 1 unit free, 2 wanted.
    const other2 = await patientWithPrescription(para, 2);
    const refused = await callError(
      pharmacist!.call("dispensePrescription", {
        prescriptionId: other2.rx.prescriptionId,
        signature: other2.rx.signature,
      }),
    );
    expect(refused.message).toMatch(/only 1 .* in stock/);
  });

  it("tells the patient by message when the pharmacist confirms or declines and when the hold lapses: the pharmacy and the pickup time, never the medicine", async () => {
    const [para] = await medicines("paracetamol");
    const { pharmacyId, pharmacist } = await approvedPharmacy(org);
    const pharmacyName = (await admin().db.doc(`pharmacies/${pharmacyId}`).get()).get("name") as string;
    await stockOne(pharmacist!, pharmacyId, para, 9);
    const [en, hi, pa] = await Promise.all(
      (["en", "hi", "pa"] as const).map(async (language) => {
        const phone = `+9197${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;
        const who = await patientWithPrescription(para, 2, { language, phone });
        const { reservationId } = await who.patient.call<{ reservationId: string }>("reserveMedicines", {
          prescriptionId: who.rx.prescriptionId,
          pharmacyId,
        });
        return { phone, reservationId };
      }),
    );
    await pharmacist!.call("decideReservation", { reservationId: en.reservationId, decision: "confirm" });
    await pharmacist!.call("decideReservation", { reservationId: hi.reservationId, decision: "decline" });
    // The scheduled release's handler, a day later: pa's hold lapses (en's confirmed one too).
    const { releaseExpiredReservations } = await inProcessHandler();
    await releaseExpiredReservations(new Date(Date.now() + 25 * 3_600_000));

    const messages = async (phone: string, count: number) =>
      eventually(async () => {
        const got = await recordedTo(phone);
        return got.length >= count && got.map((m) => m.body);
      }, `${count} message(s) to the patient`);
    const [confirmed, lapsedToo] = await messages(en.phone, 2);
    expect(confirmed).toContain("has set your medicines aside");
    expect(confirmed).toContain(pharmacyName);
    expect(confirmed).toMatch(/collect them by \w{3}, \d{1,2} \w{3}, \d{1,2}:\d{2}/);
    expect(lapsedToo).toContain("ended");
    const [declined] = await messages(hi.phone, 1);
    expect(declined).toContain(pharmacyName);
    expect(declined).toMatch(/[\u0900-\u097F]/);
    expect(declined).toContain("नहीं रख सकती");
    const [lapsed] = await messages(pa.phone, 1);
    expect(lapsed).toContain(pharmacyName);
    expect(lapsed).toMatch(/[\u0A00-\u0A7F]/);
    for (const body of [confirmed, lapsedToo, declined, lapsed]) {
      expect(body).not.toMatch(/paracetamol/i);
      expect(body).not.toMatch(/Asha|Rani/);
    }
    // One message per transition, however often the job runs.
    await releaseExpiredReservations(new Date(Date.now() + 26 * 3_600_000));
    const outbox = await admin()
      .db.collection("outbox")
      .where("recipientUid", "in", [
        (await admin().db.doc(`reservations/${en.reservationId}`).get()).get("patientUid"),
      ])
      .get();
    expect(outbox.docs.map((d) => d.id).sort()).toEqual([
      `reservation_${en.reservationId}_confirmed`,
      `reservation_${en.reservationId}_lapsed`,
    ]);
  });

  it("refuses to hold medicines for a void or expired prescription, with the reason, writing nothing", async () => {
    const [para] = await medicines("paracetamol");
    const { pharmacyId, pharmacist } = await approvedPharmacy(org);
    await stockOne(pharmacist!, pharmacyId, para, 9);
    const nothingHeld = async () => {
      expect((await stockOf(pharmacyId, para)).inventory.held ?? 0).toBe(0);
      expect(
        (await admin().db.collection("reservations").where("pharmacyId", "==", pharmacyId).get()).size,
      ).toBe(0);
    };
    // Void: its appointment was cancelled.
    const cancelled = await patientWithPrescription(para, 2);
    const rxDoc = (await admin().db.doc(`prescriptions/${cancelled.rx.prescriptionId}`).get()).data()!;
    await admin().db.doc(`appointments/${rxDoc.appointmentId}`).update({ status: "cancelled" });
    const voided = await refusal(
      cancelled.patient.call("reserveMedicines", { prescriptionId: cancelled.rx.prescriptionId, pharmacyId }),
    );
    expect(voided).toMatchObject({ code: "functions/failed-precondition", reason: "prescription-void" });
    await nothingHeld();
    // Expired: issued 31 days ago (re-signed as issued then: the signature covers issuedAt).
    const old = await patientWithPrescription(para, 2);
    await issuedMonthAgo(old.rx.prescriptionId);
    const expired = await refusal(
      old.patient.call("reserveMedicines", { prescriptionId: old.rx.prescriptionId, pharmacyId }),
    );
    expect(expired).toMatchObject({ code: "functions/failed-precondition", reason: "prescription-expired" });
    expect(expired.message).toMatch(/expired on/);
    await nothingHeld();
    // Someone else's prescription, and a pharmacist deciding an unknown reservation: catalogue reasons.
    const notMine = await refusal(
      patient.call("reserveMedicines", { prescriptionId: old.rx.prescriptionId, pharmacyId }),
    );
    expect(notMine).toMatchObject({ code: "functions/not-found", reason: "prescription-not-found" });
    const unknown = await refusal(
      pharmacist!.call("decideReservation", { reservationId: "no-such-reservation", decision: "confirm" }),
    );
    expect(unknown).toMatchObject({ code: "functions/not-found", reason: "reservation-not-found" });
    await nothingHeld();
  });

  it("releases holds whose pickup window passed, one at a time", async () => {
    const [para] = await medicines("paracetamol");
    const { pharmacyId, pharmacist } = await approvedPharmacy(org);
    await stockOne(pharmacist!, pharmacyId, para, 5);
    const { patient: p, rx } = await patientWithPrescription(para, 2);
    const { reservationId } = await p.call<{ reservationId: string }>("reserveMedicines", {
      prescriptionId: rx.prescriptionId,
      pharmacyId,
    });
    expect((await stockOf(pharmacyId, para)).inventory.held).toBe(2);
    // The scheduled job's handler, run in this process against the emulator, a day later.
    const { releaseExpiredReservations } = await inProcessHandler();
    const result = await releaseExpiredReservations(new Date(Date.now() + 25 * 3_600_000));
    expect(result.released).toBeGreaterThanOrEqual(1);
    expect((await admin().db.doc(`reservations/${reservationId}`).get()).get("status")).toBe("released");
    expect((await stockOf(pharmacyId, para)).inventory.held).toBe(0);
  });
});
