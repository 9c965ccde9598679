import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeHtml, pageLanguage, renderVerificationPage, type PrescriptionView } from "./verificationPage";

const rx: PrescriptionView = {
  code: "7KD-Q2M-9XW",
  issuedOn: "2026-11-29",
  doctorName: "Dr. Asha <Rao>",
  registrationNumber: "PMC-1",
  qualification: "MBBS",
  clinicName: 'Ward 2 "Clinic" & Co',
  patientInitials: "G. S.",
  patientAge: 46,
  lines: [
    {
      name: "<img src=x onerror=alert(1)>",
      strength: "500 mg",
      form: "tablet",
      dose: { amount: 1, unit: "tablet" },
      frequency: "TDS",
      route: "oral",
      durationDays: 5,
      quantity: 15,
      dispensed: 10,
    },
  ],
  advice: "'; drop",
};

describe("the verification page", () => {
  it("escapes every value from the prescription", () => {
    const { status, html } = renderVerificationPage({ kind: "prescription", rx }, "en");
    expect(status).toBe(200);
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<Rao>");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).toContain("Ward 2 &quot;Clinic&quot; &amp; Co");
    expect(html).toContain("&#39;; drop");
    expect(html).toMatch(/Valid/);
    expect(html).toMatch(/Partly dispensed/);
    expect(html).toContain("G. S.</b>, 46 years");
  });

  it("escapes any text so that no tag or attribute can be opened", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(escapeHtml(s)).not.toMatch(/[<>"']/);
      }),
    );
  });

  it("speaks Hindi and Punjabi, and says not valid with the reason when void", () => {
    const hi = renderVerificationPage({ kind: "prescription", rx: { ...rx, voidReason: "cancelled" } }, "hi");
    expect(hi.html).toContain('lang="hi"');
    expect(hi.html).toContain("मान्य नहीं");
    expect(hi.html).toContain("दिन में तीन बार");
    const pa = renderVerificationPage({ kind: "notFound" }, "pa");
    expect(pa.status).toBe(404);
    expect(pa.html).toContain("ਇਸ ਕੋਡ ਦੀ ਕੋਈ ਪਰਚੀ ਨਹੀਂ");
  });

  it("answers a malformed code with 400 and the form, echoing what was typed escaped", () => {
    const { status, html } = renderVerificationPage({ kind: "lookup", typed: '"><script>' }, "en");
    expect(status).toBe(400);
    expect(html).not.toContain("<script>");
    expect(html).toContain("not a prescription code");
  });

  it("picks the language from ?lang, then Accept-Language by weight, else English", () => {
    expect(pageLanguage("pa", "hi")).toBe("pa");
    expect(pageLanguage("fr", "hi-IN,en;q=0.8")).toBe("hi");
    expect(pageLanguage(undefined, "en;q=0.5, pa-IN;q=0.9")).toBe("pa");
    expect(pageLanguage(undefined, "fr, de")).toBe("en");
    expect(pageLanguage(undefined, undefined)).toBe("en");
    expect(pageLanguage(["hi"], "hi;q=0")).toBe("en");
  });
});
