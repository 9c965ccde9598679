import { describe, expect, it } from "vitest";
import { LANGUAGES } from "../../schemas/common";
import { smsSegments } from "./segments";
import { joinHintFor, renderMessage } from "./templates";

describe("SMS segments", () => {
  it("counts GSM-7 and UCS-2 texts as carriers do", () => {
    expect(smsSegments("a".repeat(160))).toEqual({ encoding: "GSM-7", units: 160, segments: 1 });
    expect(smsSegments("a".repeat(161)).segments).toBe(2);
    expect(smsSegments("a".repeat(306)).segments).toBe(2);
    expect(smsSegments("a".repeat(307)).segments).toBe(3);
    expect(smsSegments("€".repeat(80))).toMatchObject({ encoding: "GSM-7", units: 160, segments: 1 });
    expect(smsSegments("क".repeat(70))).toEqual({ encoding: "UCS-2", units: 70, segments: 1 });
    expect(smsSegments("क".repeat(71)).segments).toBe(2);
    expect(smsSegments("क".repeat(134)).segments).toBe(2);
    expect(smsSegments("क".repeat(135)).segments).toBe(3);
  });

  // The prescription SMS with the longest doctor name the profile takes in practice and the
  // short link at its longest (an https site of 30 characters, /s/ and a 10-symbol token).
  const LINK = `https://${"a".repeat(22)}.example/s/${"A".repeat(10)}`;
  const LIMITS = { en: 2, hi: 4, pa: 4 } as const;
  for (const language of LANGUAGES) {
    it(`the prescription SMS fits in ${LIMITS[language]} segment(s) in ${language}`, () => {
      const body = renderMessage(
        "prescription.ready",
        language,
        { doctorName: "Dr. Harpreet Kaur Sandhu-Grewal", link: LINK },
        { timezone: "Asia/Kolkata" },
      );
      expect(smsSegments(body).segments).toBeLessThanOrEqual(LIMITS[language]);
    });
  }
});

// Confirmations and reminders carry the replies the inbound SMS handler understands (issue 15):
// with a long doctor's and clinic's name, two segments in English, three in Hindi and Punjabi.
describe("the reply hint keeps confirmations and reminders within budget", () => {
  const BUDGET = { en: 2, hi: 3, pa: 3 } as const;
  const doctorName = "Dr. Harpreet Kaur Sandhu-Grewal";
  const start = new Date("2026-11-23T03:30:00Z");
  for (const language of LANGUAGES)
    for (const mode of ["in_person", "video"] as const)
      it(`${language} / ${mode}: at most ${BUDGET[language]} segments`, () => {
        const options = { timezone: "Asia/Kolkata" };
        const booked = renderMessage(
          "appointment.booked",
          language,
          { doctorName, start, mode, clinicName: "Community Health Centre Nabha" },
          options,
        );
        const reminder = renderMessage(
          "appointment.reminder",
          language,
          { doctorName, start, mode, joinHint: joinHintFor(mode, language) },
          options,
        );
        for (const body of [booked, reminder])
          expect(smsSegments(body).segments, body).toBeLessThanOrEqual(BUDGET[language]);
      });
});
