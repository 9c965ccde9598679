import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { latinDigits, parseSms, scriptLanguage } from "./keywords";

describe("parseSms", () => {
  it.each([
    ["1", 1],
    [" 2 ", 2],
    ["३", 3],
    ["੨", 2],
    ["१", 1],
    ["3.", 3],
  ])("reads the digit in %j", (text, digit) => {
    expect(parseSms(text).digit).toBe(digit);
  });

  it.each([
    ["482913", "482913"],
    [" YES 482913 ", "482913"],
    ["code ०४८२९१", "048291"],
    ["ਕੋਡ ੪੮੨੯੧੩", "482913"],
  ])("reads the six-digit code in %j", (text, code) => {
    expect(parseSms(text).code).toBe(code);
    expect(parseSms(text).digit).toBeNull();
  });

  it("no code in other numbers, or when two are given", () => {
    for (const text of ["1", "12345", "1234567", "482913 482914", "48 29 13", "book child"])
      expect(parseSms(text).code, text).toBeNull();
  });

  it("a digit inside words is not an answer", () => {
    expect(parseSms("1 2").digit).toBeNull();
    expect(parseSms("book 2").digit).toBeNull();
    expect(parseSms("0").digit).toBeNull();
    expect(parseSms("12").digit).toBeNull();
  });

  it.each([
    ["APPOINTMENTS", "list", "en"],
    ["show my appts", "list", "en"],
    ["meri mulakat dikhao", "list", "hi"],
    ["मेरी मुलाकात दिखाओ", "list", "hi"],
    ["ਮੇਰੀਆਂ ਮੁਲਾਕਾਤਾਂ ਵੇਖੋ", "list", "pa"],
    ["mulakatan vekho", "list", "pa"],
    ["help", "help", "en"],
    ["मदद", "help", "hi"],
    ["ਮਦਦ", "help", "pa"],
    ["Book", "book", "en"],
    ["डॉक्टर चाहिए", "book", "hi"],
    ["ਡਾਕਟਰ ਚਾਹੀਦਾ", "book", "pa"],
  ])("%j is %s, answered in %s", (text, intent, language) => {
    expect(parseSms(text)).toMatchObject({ intent, language });
  });

  it.each([
    ["BOOK GENERAL", "General medicine", null, "en"],
    ["book child punjabi", "Paediatrics", "pa", "en"],
    ["bachche ka doctor hindi", "Paediatrics", "hi", "hi"],
    ["डॉक्टर महिला", "Obstetrics and gynaecology", null, "hi"],
    ["ਡਾਕਟਰ ਬੱਚੇ ਪੰਜਾਬੀ", "Paediatrics", "pa", "pa"],
    ["ਬੁੱਕ ਜਨਰਲ ਹਿੰਦੀ", "General medicine", "hi", "pa"],
    ["aurat doctor", "Obstetrics and gynaecology", null, "pa"],
  ])("%j books %s with a %s-speaking doctor, answered in %s", (text, specialty, doctorLanguage, language) => {
    expect(parseSms(text)).toMatchObject({ intent: "book", specialty, doctorLanguage, language });
  });

  it("unknown words have no intent; their script still gives the language", () => {
    expect(parseSms("hello there")).toMatchObject({ intent: null, language: "en" });
    expect(parseSms("3 !")).toMatchObject({ intent: null, language: null });
    expect(parseSms("नमस्ते")).toMatchObject({ intent: null, language: "hi" });
    expect(parseSms("ਸਤ ਸ੍ਰੀ ਅਕਾਲ")).toMatchObject({ intent: null, language: "pa" });
  });

  it("never throws and reads at most one digit, whatever the text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), (text) => {
        const parsed = parseSms(text);
        if (parsed.digit !== null) expect(parsed.digit).toBeGreaterThanOrEqual(1);
        expect(["en", "hi", "pa", null]).toContain(parsed.language);
      }),
    );
  });
});

describe("scripts and numerals", () => {
  it("maps Devanagari and Gurmukhi numerals to Latin digits", () => {
    expect(latinDigits("०१२३४५६७८९ ੦੧੨੩੪੫੬੭੮੯")).toBe("0123456789 0123456789");
  });
  it("tells Hindi from Punjabi by script", () => {
    expect(scriptLanguage("बुक")).toBe("hi");
    expect(scriptLanguage("ਬੁੱਕ")).toBe("pa");
    expect(scriptLanguage("book")).toBeNull();
  });
});
