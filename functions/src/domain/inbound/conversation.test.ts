import { describe, expect, it } from "vitest";
import { decide, nextState, CONVERSATION_MINUTES, type ConversationState } from "./conversation";
import { parseSms } from "./keywords";

const NOW = Date.parse("2026-12-01T06:00:00Z");
const offers = [
  { doctorUid: "dA", startMs: NOW + 3_600_000, mode: "video" as const },
  { doctorUid: "dB", startMs: NOW + 7_200_000, mode: "in_person" as const },
];
const offered = (expiresAtMs = NOW + 60_000): ConversationState => ({
  step: "offered",
  language: "pa",
  offers,
  moving: null,
  expiresAtMs,
});

describe("conversation", () => {
  it("without offers, 1 2 3 answer the reminder", () => {
    expect(decide(null, parseSms("1"), NOW, "hi")).toEqual({ do: "confirm", language: "hi" });
    expect(decide(null, parseSms("2"), NOW, null)).toEqual({ do: "cancel", language: "en" });
    expect(decide(nextState("pa", NOW), parseSms("3"), NOW, "en")).toEqual({ do: "another", language: "pa" });
    expect(decide(null, parseSms("7"), NOW, "en")).toMatchObject({ do: "help" });
  });

  it("with live offers, a number chooses one; a number past the list gets help", () => {
    expect(decide(offered(), parseSms("੨"), NOW, "en")).toEqual({
      do: "choose",
      language: "pa",
      offer: offers[1],
      moving: null,
    });
    expect(decide(offered(), parseSms("3"), NOW, "en")).toEqual({
      do: "help",
      language: "pa",
      restarted: false,
    });
  });

  it("a number answered to expired offers restarts the conversation and does nothing", () => {
    expect(decide(offered(NOW), parseSms("1"), NOW, "en")).toEqual({
      do: "help",
      language: "en",
      restarted: true,
    });
  });

  it("words start over whatever the state", () => {
    expect(decide(offered(), parseSms("book child"), NOW, "hi")).toEqual({
      do: "search",
      language: "en",
      specialty: "Paediatrics",
      doctorLanguage: "en",
    });
    expect(decide(offered(), parseSms("ਡਾਕਟਰ"), NOW, "hi")).toEqual({ do: "askSpecialty", language: "pa" });
    expect(decide(null, parseSms("मुलाकात"), NOW, "en")).toEqual({ do: "list", language: "hi" });
    expect(decide(null, parseSms("?"), NOW, "pa")).toEqual({ do: "help", language: "pa", restarted: false });
    expect(decide(null, parseSms("what"), NOW, "pa")).toEqual({
      do: "help",
      language: "en",
      restarted: false,
    });
  });

  it("offers wait for CONVERSATION_MINUTES; an empty offer list leaves the conversation idle", () => {
    const state = nextState("hi", NOW, { offers, moving: "appt1" });
    expect(state).toEqual({
      step: "offered",
      language: "hi",
      offers,
      moving: "appt1",
      expiresAtMs: NOW + CONVERSATION_MINUTES * 60_000,
    });
    expect(nextState("hi", NOW, { offers: [], moving: null }).step).toBe("idle");
  });
});
