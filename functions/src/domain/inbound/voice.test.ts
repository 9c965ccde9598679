import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PROMPTS, decodeOffers, encodeOffers, readVoiceState, specialtyForKey, voiceQuery } from "./voice";

const offerArb = fc.record({
  doctorUid: fc.stringMatching(/^[A-Za-z0-9_-]{1,28}$/),
  startMs: fc.integer({ min: 0, max: 4_102_444_800_000 }),
  mode: fc.constantFrom("video" as const, "in_person" as const),
});

describe("voice line state", () => {
  it("offers survive the URL", () => {
    fc.assert(
      fc.property(fc.array(offerArb, { maxLength: 3 }), (offers) => {
        expect(decodeOffers(encodeOffers(offers))).toEqual(offers);
        const query = Object.fromEntries(
          new URLSearchParams(voiceQuery({ step: "offer", language: "pa", offers })),
        );
        expect(readVoiceState(query)).toEqual({ step: "offer", language: "pa", appointmentId: null, offers });
      }),
    );
  });

  it("reads unknown or malformed values as absent", () => {
    expect(readVoiceState({ step: "admin", lang: "fr", a: "../x", o: "d.1.video~bad" })).toEqual({
      step: null,
      language: null,
      appointmentId: null,
      offers: [],
    });
    expect(readVoiceState({ step: ["menu"] })).toMatchObject({ step: null });
  });

  it("maps keys to specialties in menu order", () => {
    expect(["1", "2", "3", "4", "", undefined].map(specialtyForKey)).toEqual([
      "General medicine",
      "Paediatrics",
      "Obstetrics and gynaecology",
      null,
      null,
      null,
    ]);
  });

  it("every prompt exists in English, Hindi (Devanagari) and Punjabi (Gurmukhi)", () => {
    for (const [name, texts] of Object.entries(PROMPTS)) {
      if (Array.isArray(texts)) continue;
      expect(texts.en, name).toMatch(/^[\x20-\x7E]+$/);
      expect(texts.hi, name).toMatch(/[\u0900-\u097F]/);
      expect(texts.pa, name).toMatch(/[\u0A00-\u0A7F]/);
    }
  });
});
