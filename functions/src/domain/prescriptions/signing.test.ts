import { createPrivateKey, generateKeyPairSync } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  canonicalPrescription,
  generateSigningKeyPair,
  parseQrPayload,
  publicKeyFromPrivate,
  qrPayload,
  signPrescription,
  signingKeyId,
  verificationCode,
  verifyPrescriptionSignature,
  type PrescriptionContent,
} from "./signing";
import { PARACETAMOL_ID, paracetamol } from "../../../../tests/factories";

const keys = generateSigningKeyPair();
const other = generateSigningKeyPair();

const content: PrescriptionContent = {
  id: "rx-0001",
  patientUid: "patient-1",
  patientName: "Gurpreet Kaur",
  doctorUid: "doctor-1",
  doctorName: "Dr. Harjit Singh",
  registrationNumber: "PMC-12345",
  org: "phc-raikot",
  orgName: "PHC Raikot",
  appointmentId: "appt-1",
  issuedAt: "2026-12-01T04:30:00.000Z",
  lines: [
    paracetamol({ medicineId: PARACETAMOL_ID, instructions: "after food" }),
    {
      name: "ORS",
      strength: "20.5 g",
      form: "sachet",
      dose: { amount: 1, unit: "sachet" },
      frequency: "SOS",
      maxPerDay: 4,
      route: "oral",
      durationDays: 2,
      quantity: 8,
    },
  ],
  advice: "ਪਾਣੀ ਪੀਓ. पानी पिएं.",
  keyId: "key-2026",
};

describe("canonicalPrescription", () => {
  it("is tagged with its version and ignores key order, undefined fields and unsigned extras", () => {
    const text = canonicalPrescription(content);
    expect(JSON.parse(text).v).toBe("arogya-rx/1");
    const reordered = Object.fromEntries(Object.entries(content).reverse()) as unknown as PrescriptionContent;
    expect(canonicalPrescription(reordered)).toBe(text);
    const stored = {
      ...content,
      status: "dispensed",
      lines: content.lines.map((l) => ({ ...l, stockNote: "x", medicineId: l.medicineId })),
    };
    expect(canonicalPrescription(stored)).toBe(text);
  });
});

describe("signPrescription and verifyPrescriptionSignature", () => {
  it("round-trips with PEM strings and with KeyObjects", () => {
    const signature = signPrescription(content, keys.privateKeyPem);
    expect(signature).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(verifyPrescriptionSignature(content, signature, keys.publicKeyPem)).toBe(true);
    expect(
      verifyPrescriptionSignature(
        content,
        signPrescription(content, createPrivateKey(keys.privateKeyPem)),
        keys.publicKeyPem,
      ),
    ).toBe(true);
  });
  it("refuses a signature made with another key", () => {
    const signature = signPrescription(content, other.privateKeyPem);
    expect(verifyPrescriptionSignature(content, signature, keys.publicKeyPem)).toBe(false);
  });
  it("answers false, never throws, for garbage signatures", () => {
    const good = signPrescription(content, keys.privateKeyPem);
    const flipped = `${good[0] === "A" ? "B" : "A"}${good.slice(1)}`;
    for (const garbage of [
      "",
      "abc",
      "!!!",
      `${good}==`,
      `${good}A`,
      flipped,
      "A".repeat(86),
      null,
      undefined,
      42,
      { sig: good },
    ]) {
      expect(verifyPrescriptionSignature(content, garbage, keys.publicKeyPem)).toBe(false);
    }
  });
  it("answers false for content that cannot be made canonical", () => {
    const good = signPrescription(content, keys.privateKeyPem);
    expect(
      verifyPrescriptionSignature(
        { ...content, lines: undefined } as unknown as PrescriptionContent,
        good,
        keys.publicKeyPem,
      ),
    ).toBe(false);
  });
  it("throws on a key that is not Ed25519, which is a configuration error", () => {
    const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 });
    expect(() => signPrescription(content, rsa.privateKey)).toThrow("expected an Ed25519 private key");
    expect(() => verifyPrescriptionSignature(content, "x", rsa.publicKey)).toThrow(
      "expected an Ed25519 public key",
    );
  });

  it("fails when any single signed field changes", () => {
    const signature = signPrescription(content, keys.privateKeyPem);
    const text = fc.string({ minLength: 1, maxLength: 20 });
    const mutation: fc.Arbitrary<(c: PrescriptionContent) => PrescriptionContent> = fc.oneof(
      fc
        .constantFrom(
          "id",
          "patientUid",
          "patientName",
          "doctorUid",
          "doctorName",
          "registrationNumber",
          "org",
          "orgName",
          "appointmentId",
          "keyId",
          "advice",
        )
        .chain((field) =>
          text
            .filter((v) => v !== content[field])
            .map((v) => (c: PrescriptionContent) => ({ ...c, [field]: v })),
        ),
      fc.constant((c: PrescriptionContent) => ({ ...c, advice: undefined })),
      fc
        .integer({ min: -3650, max: 3650 })
        .filter((d) => d !== 0)
        .map((days) => (c: PrescriptionContent) => ({
          ...c,
          issuedAt: new Date(Date.parse(c.issuedAt) + days * 86_400_000).toISOString(),
        })),
      fc
        .tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 1, max: 1000 }))
        .filter(([i, q]) => q !== content.lines[i].quantity)
        .map(([i, q]) => (c: PrescriptionContent) => ({
          ...c,
          lines: c.lines.map((l, j) => (j === i ? { ...l, quantity: q } : l)),
        })),
      fc.constant((c: PrescriptionContent) => ({ ...c, lines: [c.lines[1], c.lines[0]] })),
      fc.constant((c: PrescriptionContent) => ({ ...c, lines: [c.lines[0]] })),
    );
    fc.assert(
      fc.property(mutation, (mutate) => {
        expect(verifyPrescriptionSignature(mutate(content), signature, keys.publicKeyPem)).toBe(false);
      }),
    );
  });
});

describe("verificationCode", () => {
  it("is 8 Crockford base32 characters written XXXX-XXXX, the same for the same signature", () => {
    const signature = signPrescription(content, keys.privateKeyPem);
    const code = verificationCode(signature);
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(verificationCode(signature)).toBe(code);
    expect(verificationCode(signPrescription(content, other.privateKeyPem))).not.toBe(code);
  });
  it("is the first 40 bits of SHA-256 of the signature bytes", () => {
    // SHA-256 of 64 zero bytes starts f5a5fd42d1; 0xf5a5fd42d1 in base32 is Y-P-J-Z-T-G-P-H
    expect(verificationCode("A".repeat(86))).toBe("YPJZ-TGPH");
  });
  it("refuses something that is not a signature", () => {
    expect(() => verificationCode("abc")).toThrow("not a prescription signature");
  });
});

describe("qrPayload and parseQrPayload", () => {
  const sig = signPrescription(content, keys.privateKeyPem);
  it("builds the verify URL and parses it back", () => {
    const url = qrPayload("https://arogya.example/", "rx-0001", sig);
    expect(url).toBe(`https://arogya.example/rx/verify?id=rx-0001&sig=${sig}`);
    expect(parseQrPayload(url)).toEqual({ baseUrl: "https://arogya.example", id: "rx-0001", signature: sig });
    const emulator = qrPayload("http://127.0.0.1:5001/demo-arogya/asia-south1", "rx_2", sig);
    expect(parseQrPayload(emulator)).toEqual({
      baseUrl: "http://127.0.0.1:5001/demo-arogya/asia-south1",
      id: "rx_2",
      signature: sig,
    });
  });
  it("round-trips any document id and signature", () => {
    fc.assert(
      fc.property(
        // Document ids: Firestore reserves __…__, which docIdSchema refuses.
        fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/).filter((id) => !/^__.*__$/.test(id)),
        fc.uint8Array({ minLength: 64, maxLength: 64 }),
        (id, bytes) => {
          const s = Buffer.from(bytes).toString("base64url");
          expect(parseQrPayload(qrPayload("https://arogya.example/app", id, s))).toEqual({
            baseUrl: "https://arogya.example/app",
            id,
            signature: s,
          });
        },
      ),
    );
  });
  it("checks the site when asked", () => {
    const url = qrPayload("https://arogya.example", "rx-1", sig);
    expect(parseQrPayload(url, "https://arogya.example/")).not.toBeNull();
    expect(parseQrPayload(url, "https://evil.example")).toBeNull();
  });
  it("rejects anything malformed", () => {
    const good = `https://arogya.example/rx/verify?id=rx-1&sig=${sig}`;
    expect(parseQrPayload(good)).not.toBeNull();
    for (const bad of [
      "",
      "not a url",
      `ftp://arogya.example/rx/verify?id=rx-1&sig=${sig}`,
      `javascript:alert(1)//rx/verify?id=rx-1&sig=${sig}`,
      `https://arogya.example/rx/verify?sig=${sig}&id=rx-1`,
      `https://arogya.example/rx/verify?id=rx-1&sig=${sig}&x=1`,
      `https://arogya.example/rx/verify?id=rx-1&id=rx-2&sig=${sig}`,
      `https://arogya.example/rx/verify?id=rx-1`,
      `https://arogya.example/rx/verify?id=rx/1&sig=${sig}`,
      `https://arogya.example/rx/verify?id=rx%2D1&sig=${sig}`,
      `https://arogya.example/rx/verify?id=rx-1&sig=${sig.slice(1)}`,
      `https://arogya.example/rx/verify?id=rx-1&sig=${sig}==`,
      `https://arogya.example/rx/verify/?id=rx-1&sig=${sig}`,
      `https://arogya.example/rx/check?id=rx-1&sig=${sig}`,
      `${good}#frag`,
      `https://user:pw@arogya.example/rx/verify?id=rx-1&sig=${sig}`,
      `HTTPS://AROGYA.EXAMPLE/rx/verify?id=rx-1&sig=${sig}`,
      ` ${good}`,
      `${good}\n`,
      null,
      42,
    ]) {
      expect(parseQrPayload(bad)).toBeNull();
    }
  });
  it("refuses to build a payload from a bad base, id or signature", () => {
    expect(() => qrPayload("ftp://arogya.example", "rx-1", sig)).toThrow();
    expect(() => qrPayload("https://arogya.example?x=1", "rx-1", sig)).toThrow();
    expect(() => qrPayload("https://arogya.example", "rx/1", sig)).toThrow();
    expect(() => qrPayload("https://arogya.example", "rx-1", "abc")).toThrow();
  });
});

describe("keys", () => {
  it("derives the public key and a stable key id from the private key", () => {
    expect(publicKeyFromPrivate(keys.privateKeyPem)).toBe(keys.publicKeyPem);
    expect(signingKeyId(keys.publicKeyPem)).toBe(signingKeyId(keys.privateKeyPem));
    expect(signingKeyId(keys.publicKeyPem)).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(signingKeyId(other.publicKeyPem)).not.toBe(signingKeyId(keys.publicKeyPem));
  });
});
