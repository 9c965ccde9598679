import type { RecordContentType } from "../../schemas/records";

/** How many leading bytes `sniffContentType` needs. */
export const SNIFF_BYTES = 8;

/**
 * The real type of a file from its first bytes (magic numbers), whatever its name or declared
 * type says: `%PDF-`, PNG's 8-byte signature, JPEG's FF D8 FF. Anything else is null.
 */
export function sniffContentType(head: Uint8Array): RecordContentType | null {
  const starts = (bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return "application/pdf";
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (starts([0xff, 0xd8, 0xff])) return "image/jpeg";
  return null;
}

export type UploadCheck = { ok: true } | { ok: false; reason: string };

/** An uploaded object is accepted when its real type is the declared one and its size fits. */
export function checkUpload(
  declared: { contentType: RecordContentType; sizeBytes: number },
  actual: { head: Uint8Array; size: number },
  maxBytes: number,
): UploadCheck {
  if (actual.size > maxBytes)
    return { ok: false, reason: `the file is ${actual.size} bytes; the limit is ${maxBytes}` };
  if (actual.size !== declared.sizeBytes)
    return { ok: false, reason: `the file is ${actual.size} bytes, not the ${declared.sizeBytes} declared` };
  const real = sniffContentType(actual.head);
  if (!real) return { ok: false, reason: "the file is not a PDF, JPEG or PNG" };
  if (real !== declared.contentType)
    return { ok: false, reason: `the file is ${real}, not the ${declared.contentType} declared` };
  return { ok: true };
}
