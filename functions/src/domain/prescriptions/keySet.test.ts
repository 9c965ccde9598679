import { describe, expect, it } from "vitest";
import { keyFromJwk, publicJwk } from "./keySet";
import {
  generateSigningKeyPair,
  signPrescription,
  signingKeyId,
  verifyPrescriptionSignature,
  type PrescriptionContent,
} from "./signing";

const content = (keyId: string): PrescriptionContent => ({
  id: "rx1",
  patientUid: "p",
  patientName: "A B",
  doctorUid: "d",
  doctorName: "Dr. C",
  registrationNumber: "R-1",
  org: "o",
  orgName: "Clinic",
  appointmentId: "a",
  issuedAt: "2026-11-29T10:00:00.000Z",
  lines: [],
  keyId,
});

describe("the published key set", () => {
  it("holds JWKs that verify what their key signed, under the kid the prescription names", () => {
    const { privateKeyPem, publicKeyPem } = generateSigningKeyPair();
    const jwk = publicJwk(publicKeyPem, "current");
    expect(jwk).toMatchObject({ kty: "OKP", crv: "Ed25519", alg: "EdDSA", kid: signingKeyId(publicKeyPem) });
    const c = content(jwk.kid);
    const sig = signPrescription(c, privateKeyPem);
    expect(verifyPrescriptionSignature(c, sig, keyFromJwk(jwk))).toBe(true);
    const other = publicJwk(generateSigningKeyPair().publicKeyPem, "retired");
    expect(verifyPrescriptionSignature(c, sig, keyFromJwk(other))).toBe(false);
  });
});
