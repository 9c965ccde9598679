import { describe, expect, it } from "vitest";
import { actor } from "../../../tests/factories";
import type { Actor } from "../domain/identity/actor";
import {
  canReadClinical,
  consentCovers,
  isTreatingDoctor,
  type ConsentView,
  type RecordType,
} from "./clinical";

const NOW = new Date("2026-11-20T06:00:00Z");
const later = new Date(NOW.getTime() + 1);
const record = { patientUid: "p1", doctorUid: "d1" };
const consent = (over: Partial<ConsentView> = {}): ConsentView => ({
  patientUid: "p1",
  granteeUid: "d2",
  status: "active",
  expiresAt: new Date("2027-01-01T00:00:00Z"),
  scope: { all: true },
  ...over,
});

describe("consentCovers", () => {
  it("covers every type under an active, unexpired consent with scope all", () => {
    expect(consentCovers(consent(), "clinical_note", NOW)).toBe(true);
    expect(consentCovers(consent(), "prescription", NOW)).toBe(true);
  });

  it("covers nothing without a consent, or under a revoked or otherwise non-active one", () => {
    expect(consentCovers(null, "clinical_note", NOW)).toBe(false);
    expect(consentCovers(consent({ status: "revoked" }), "clinical_note", NOW)).toBe(false);
    expect(consentCovers(consent({ status: "pending" }), "clinical_note", NOW)).toBe(false);
  });

  it("has expired exactly at expiresAt and is valid one millisecond before", () => {
    expect(consentCovers(consent({ expiresAt: NOW }), "clinical_note", NOW)).toBe(false);
    expect(consentCovers(consent({ expiresAt: new Date(NOW.getTime() - 1) }), "clinical_note", NOW)).toBe(
      false,
    );
    expect(consentCovers(consent({ expiresAt: later }), "clinical_note", NOW)).toBe(true);
  });

  it("covers only the listed types when scope is not all", () => {
    const notesOnly = consent({ scope: { all: false, types: ["clinical_note"] } });
    expect(consentCovers(notesOnly, "clinical_note", NOW)).toBe(true);
    expect(consentCovers(notesOnly, "prescription", NOW)).toBe(false);
    expect(consentCovers(consent({ scope: { all: false } }), "prescription", NOW)).toBe(false);
    expect(consentCovers(consent({ scope: { all: false, types: [] } }), "clinical_note", NOW)).toBe(false);
    expect(
      consentCovers(consent({ scope: { all: false, types: ["lab_report"] } }), "clinical_note", NOW),
    ).toBe(false);
  });
});

describe("consentCovers: dates", () => {
  const dated = consent({ scope: { all: true, from: "2025-01-01", to: "2025-12-31" } });
  it("covers a dated record inside the range, not outside it", () => {
    expect(consentCovers(dated, "lab_report", NOW, "2025-06-30")).toBe(true);
    expect(consentCovers(dated, "lab_report", NOW, "2025-01-01")).toBe(true);
    expect(consentCovers(dated, "lab_report", NOW, "2024-12-31")).toBe(false);
    expect(consentCovers(dated, "lab_report", NOW, "2026-01-01")).toBe(false);
  });
  it("never covers undated documents (notes, prescriptions) when it is limited to dates", () => {
    expect(consentCovers(dated, "clinical_note", NOW)).toBe(false);
    expect(consentCovers(dated, "prescription", NOW, null)).toBe(false);
    expect(consentCovers(consent({ scope: { all: true, from: "2025-01-01" } }), "clinical_note", NOW)).toBe(
      false,
    );
  });
});

describe("canReadClinical", () => {
  const types: RecordType[] = ["clinical_note", "prescription"];
  const active = consent();
  const rows: [who: string, a: Actor, withConsent: boolean, withoutConsent: boolean][] = [
    ["the patient", actor("p1", "patient"), true, true],
    ["the treating doctor", actor("d1", "doctor"), true, true],
    ["another doctor", actor("d2", "doctor"), true, false],
    ["another doctor of another organisation", actor("d3", "doctor", { org: "org_2" }), true, false],
    ["another patient", actor("p2", "patient"), false, false],
    ["a pharmacist", actor("ph1", "pharmacist", { pharmacy: "ph_1" }), false, false],
    ["an admin", actor("a1", "admin"), false, false],
    ["a platform admin", actor("a2", "admin", { platform: true }), false, false],
    ["a patient whose uid is the doctor's", actor("d1", "patient"), false, false],
    ["a pharmacist whose uid is the doctor's", actor("d1", "pharmacist"), false, false],
  ];

  it.each(rows)("%s: with consent %s, without %s", (_who, a, withConsent, withoutConsent) => {
    for (const type of types) {
      expect(canReadClinical(a, record, type, { ...active, granteeUid: a.uid }, NOW)).toBe(withConsent);
      expect(canReadClinical(a, record, type, null, NOW)).toBe(withoutConsent);
    }
  });

  it("counts a consent only if it names this patient and this doctor or the doctor's organisation", () => {
    const d2 = actor("d2", "doctor", { org: "org_9" });
    expect(canReadClinical(d2, record, "clinical_note", consent({ patientUid: "p2" }), NOW)).toBe(false);
    expect(canReadClinical(d2, record, "clinical_note", consent({ granteeUid: "d3" }), NOW)).toBe(false);
    expect(
      canReadClinical(
        d2,
        record,
        "clinical_note",
        consent({ granteeUid: undefined, granteeOrg: "org_9" }),
        NOW,
      ),
    ).toBe(true);
    expect(
      canReadClinical(
        d2,
        record,
        "clinical_note",
        consent({ granteeUid: undefined, granteeOrg: "org_1" }),
        NOW,
      ),
    ).toBe(false);
    expect(
      canReadClinical(
        d2,
        record,
        "clinical_note",
        [consent({ granteeUid: "d3" }), consent({ status: "revoked" }), consent()],
        NOW,
      ),
    ).toBe(true);
  });

  it("lets another doctor read only what the consent covers, while it lasts", () => {
    const d2 = actor("d2", "doctor");
    const notesOnly = consent({ scope: { all: false, types: ["clinical_note"] } });
    expect(canReadClinical(d2, record, "clinical_note", notesOnly, NOW)).toBe(true);
    expect(canReadClinical(d2, record, "prescription", notesOnly, NOW)).toBe(false);
    expect(canReadClinical(d2, record, "clinical_note", consent({ status: "revoked" }), NOW)).toBe(false);
    expect(canReadClinical(d2, record, "clinical_note", consent({ expiresAt: NOW }), NOW)).toBe(false);
  });

  it("lets the treating doctor read even under a revoked consent", () => {
    expect(
      canReadClinical(actor("d1", "doctor"), record, "prescription", consent({ status: "revoked" }), NOW),
    ).toBe(true);
  });
});

describe("isTreatingDoctor", () => {
  it("is the appointment's doctor acting as a doctor, nobody else", () => {
    expect(isTreatingDoctor(actor("d1", "doctor"), { doctorUid: "d1" })).toBe(true);
    expect(isTreatingDoctor(actor("d2", "doctor"), { doctorUid: "d1" })).toBe(false);
    expect(isTreatingDoctor(actor("d1", "patient"), { doctorUid: "d1" })).toBe(false);
    expect(isTreatingDoctor(actor("d1", "admin", { platform: true }), { doctorUid: "d1" })).toBe(false);
    expect(isTreatingDoctor(actor("d1", "pharmacist"), { doctorUid: "d1" })).toBe(false);
  });
});
