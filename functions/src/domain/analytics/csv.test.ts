import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { csvField, toCsv } from "./csv";

describe("csvField", () => {
  it("leaves plain text alone", () => {
    expect(csvField("abc123")).toBe("abc123");
    expect(csvField("")).toBe("");
  });
  it("quotes commas, quotes and line breaks, doubling inner quotes", () => {
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("line1\nline2")).toBe('"line1\nline2"');
    expect(csvField("line1\r\nline2")).toBe('"line1\r\nline2"');
  });
  it("guards text that a spreadsheet would run as a formula", () => {
    expect(csvField("=1+2")).toBe("'=1+2");
    expect(csvField("+91")).toBe("'+91");
    expect(csvField("-x")).toBe("'-x");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField("\tcmd")).toBe("'\tcmd");
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvField("a=b")).toBe("a=b");
  });
  it("writes numbers, booleans, dates and empties", () => {
    expect(csvField(-3)).toBe("-3");
    expect(csvField(0.25)).toBe("0.25");
    expect(csvField(Number.NaN)).toBe("");
    expect(csvField(true)).toBe("true");
    expect(csvField(false)).toBe("false");
    expect(csvField(new Date("2026-05-01T04:30:00Z"))).toBe("2026-05-01T04:30:00.000Z");
    expect(csvField(null)).toBe("");
    expect(csvField(undefined)).toBe("");
  });
});

describe("toCsv", () => {
  it("writes a header and the columns in order, CRLF line ends, a missing key as empty", () => {
    const csv = toCsv([{ b: 2, a: "x" }, { a: "y" }], ["a", "b"] as const);
    expect(csv).toBe("a,b\r\nx,2\r\ny,\r\n");
  });
  it("is only a header for no rows", () => {
    expect(toCsv([], ["uid", "role"] as const)).toBe("uid,role\r\n");
  });
  it("refuses no columns", () => {
    expect(() => toCsv([{}], [])).toThrow(RangeError);
  });
  it("parses back with csv-parse to the same cells (guarded cells keep their quote)", () => {
    const rows = [
      { id: "a1", note: "plain", n: 1 },
      { id: "a,2", note: 'with "quotes", commas\nand a newline', n: -2 },
      { id: "=cmd|' /C calc'!A0", note: "", n: 0 },
      { id: "ज़", note: "ਪੰਜਾਬੀ, हिन्दी", n: 3.5 },
    ];
    const csv = toCsv(rows, ["id", "note", "n"] as const);
    const parsed = parse(csv, { columns: true }) as Array<Record<string, string>>;
    expect(parsed).toEqual([
      { id: "a1", note: "plain", n: "1" },
      { id: "a,2", note: 'with "quotes", commas\nand a newline', n: "-2" },
      { id: "'=cmd|' /C calc'!A0", note: "", n: "0" },
      { id: "ज़", note: "ਪੰਜਾਬੀ, हिन्दी", n: "3.5" },
    ]);
  });
});
