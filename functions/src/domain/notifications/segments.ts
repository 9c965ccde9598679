/**
 * How many SMS segments a text takes (3GPP TS 23.038 / 23.040): GSM 7-bit when every character
 * is in the default alphabet (those of the extension table count twice), 160 septets in one
 * segment or 153 per segment when split; otherwise UCS-2 (Hindi, Punjabi), 70 UTF-16 code units
 * in one segment or 67 per segment. A split never cuts an escape pair or a surrogate pair, which
 * can leave a segment one short: counted here as the carriers do.
 */
const GSM_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM_EXTENDED = "^{}\\[~]|€\f";

export interface SegmentCount {
  encoding: "GSM-7" | "UCS-2";
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  units: number;
  segments: number;
}

function split(sizes: number[], single: number, multi: number): number {
  const total = sizes.reduce((s, n) => s + n, 0);
  if (total <= single) return total === 0 ? 0 : 1;
  let segments = 1;
  let used = 0;
  for (const size of sizes) {
    if (used + size > multi) {
      segments += 1;
      used = 0;
    }
    used += size;
  }
  return segments;
}

export function smsSegments(text: string): SegmentCount {
  const chars = [...text];
  if (chars.every((c) => GSM_BASIC.includes(c) || GSM_EXTENDED.includes(c))) {
    const sizes = chars.map((c) => (GSM_EXTENDED.includes(c) ? 2 : 1));
    return { encoding: "GSM-7", units: sizes.reduce((s, n) => s + n, 0), segments: split(sizes, 160, 153) };
  }
  const sizes = chars.map((c) => c.length);
  return { encoding: "UCS-2", units: text.length, segments: split(sizes, 70, 67) };
}
