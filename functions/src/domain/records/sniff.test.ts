import { describe, expect, it } from "vitest";
import { checkUpload, sniffContentType } from "./sniff";

const PDF = Uint8Array.from(Buffer.from("%PDF-1.7\n"));
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]);

describe("sniffContentType", () => {
  it("knows PDF, PNG and JPEG by their first bytes", () => {
    expect(sniffContentType(PDF)).toBe("application/pdf");
    expect(sniffContentType(PNG)).toBe("image/png");
    expect(sniffContentType(JPEG)).toBe("image/jpeg");
  });

  it("refuses near misses, other formats and short heads", () => {
    expect(sniffContentType(Uint8Array.from(Buffer.from("%PDF1.7")))).toBeNull(); // no dash
    expect(sniffContentType(PNG.slice(0, 7))).toBeNull(); // truncated signature
    expect(sniffContentType(Uint8Array.from([0xff, 0xd8]))).toBeNull();
    expect(sniffContentType(Uint8Array.from(Buffer.from("MZ\x90\x00")))).toBeNull(); // an executable
    expect(sniffContentType(Uint8Array.from(Buffer.from("GIF89a")))).toBeNull();
    expect(sniffContentType(new Uint8Array(0))).toBeNull();
  });
});

describe("checkUpload", () => {
  const limit = 1000;
  it("accepts a file whose real type and size are the declared ones", () => {
    expect(
      checkUpload({ contentType: "image/png", sizeBytes: 500 }, { head: PNG, size: 500 }, limit),
    ).toEqual({ ok: true });
  });

  it("rejects a forged type with the real one named", () => {
    expect(
      checkUpload({ contentType: "application/pdf", sizeBytes: 500 }, { head: PNG, size: 500 }, limit),
    ).toEqual({
      ok: false,
      reason: "the file is image/png, not the application/pdf declared",
    });
    expect(
      checkUpload(
        { contentType: "application/pdf", sizeBytes: 4 },
        { head: Uint8Array.from(Buffer.from("text")), size: 4 },
        limit,
      ),
    ).toEqual({
      ok: false,
      reason: "the file is not a PDF, JPEG or PNG",
    });
  });

  it("rejects a file over the limit, or of another size than declared", () => {
    expect(
      checkUpload({ contentType: "application/pdf", sizeBytes: 1000 }, { head: PDF, size: 1001 }, limit),
    ).toEqual({ ok: false, reason: "the file is 1001 bytes; the limit is 1000" });
    expect(
      checkUpload({ contentType: "application/pdf", sizeBytes: 10 }, { head: PDF, size: 900 }, limit),
    ).toEqual({ ok: false, reason: "the file is 900 bytes, not the 10 declared" });
    expect(
      checkUpload({ contentType: "application/pdf", sizeBytes: 1000 }, { head: PDF, size: 1000 }, limit),
    ).toEqual({ ok: true });
  });
});
