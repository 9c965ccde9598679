import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { DateTime } from "luxon";
import type PDFKitModule from "pdfkit";
import type QRCodeModule from "qrcode";
import { labelsFor, type Language, type PrescriptionLabels } from "../../domain/prescriptions/labels";

/**
 * Renders an e-prescription to PDF (A4) with pdfkit: header (clinic, doctor with registration
 * number, patient, date in the clinic's timezone), the medicines as a table whose column
 * headers are in the patient's language with the English word under them for the pharmacist,
 * the doctor's advice, a QR code carrying `verification.qrPayload`, the verification code and
 * URL as text, and a "Digitally signed" footer on every page.
 *
 * Fonts: Noto Sans Devanagari and Noto Sans Gurmukhi (from the @expo-google-fonts packages,
 * resolved with `require.resolve`, so the same code works from src/ under vitest and from the
 * compiled lib/). Both fonts carry the Latin alphabet too, so English documents use the Latin
 * glyphs of Noto Sans Devanagari (one look across languages, and any Unicode name prints,
 * unlike pdfkit's built-in Helvetica which only speaks WinAnsi). Each string is drawn in the
 * font of the Indic script it contains (Gurmukhi, else Devanagari, else the document's own),
 * so a Hindi patient name on an English prescription still prints. Each font file is read and
 * parsed once per process and shared by every document (see `sharedFont`); a document embeds
 * a subset of only the fonts it used.
 *
 * Speed: shaping Indic text (fontkit), wrapping it (pdfkit's line wrapper, once to measure and
 * again to draw) and writing the font subsets made a render 50-60 times a one-line pdfkit
 * document. What pdfkit and fontkit compute from the font alone is now kept for the process, per
 * font: shaped words (`shareCaches`), wrapped strings (`wrap`, drawn line by line as pdfkit's
 * text() draws them) and decoded glyphs, from which `writeSubset` writes each document's font
 * subset. The caches are bounded, and the PDF bytes are the same as without them.
 *
 * pdfkit and qrcode are loaded on the first render, not when this module is imported: every
 * function in the deployment shares one import graph, and only the ones that render PDFs should
 * pay for loading them.
 *
 * Deterministic: pdfkit derives the file /ID from the info dictionary, whose CreationDate is set
 * to `issuedAt`; font subset tags come from the font's registration order. The same input gives
 * the same bytes (on the same Node/ICU, which formats the date).
 */
export interface PrescriptionPdfInput {
  /**
   * The number printed on the prescription, read aloud at a counter and typed: its short code
   * grouped as `7KD-Q2M-9XW` (services/prescriptions/pdfInput.ts), not the 20-character id.
   */
  prescriptionNumber: string;
  language: "en" | "hi" | "pa";
  issuedAt: Date;
  /** IANA zone the date is printed in, e.g. Asia/Kolkata. */
  timezone: string;
  clinic: { name: string; address?: string; phone?: string };
  doctor: { name: string; registrationNumber: string; qualification?: string };
  patient: { name: string; age?: number; sex?: string };
  lines: Array<{
    name: string;
    strength: string;
    form: string;
    dose: { amount: number; unit: string };
    frequency: string;
    maxPerDay?: number;
    route: string;
    durationDays: number;
    quantity: number;
    instructions?: string;
  }>;
  advice?: string;
  verification: { code: string; qrPayload: string; verifyUrl: string };
}

export type PrescriptionLine = PrescriptionPdfInput["lines"][number];

type Doc = PDFKit.PDFDocument;
type Script = "devanagari" | "gurmukhi";

// ---- fonts ---------------------------------------------------------------------------------

const FONT_FILES: Record<Script, { regular: string; bold: string }> = {
  devanagari: {
    regular: "@expo-google-fonts/noto-sans-devanagari/400Regular/NotoSansDevanagari_400Regular.ttf",
    bold: "@expo-google-fonts/noto-sans-devanagari/700Bold/NotoSansDevanagari_700Bold.ttf",
  },
  gurmukhi: {
    regular: "@expo-google-fonts/noto-sans-gurmukhi/400Regular/NotoSansGurmukhi_400Regular.ttf",
    bold: "@expo-google-fonts/noto-sans-gurmukhi/700Bold/NotoSansGurmukhi_700Bold.ttf",
  },
};

const GURMUKHI = /[\u0A00-\u0A7F]/;
const DEVANAGARI = /[\u0900-\u097F]/;
const BASE_SCRIPT: Record<Language, Script> = { en: "devanagari", hi: "devanagari", pa: "gurmukhi" };

/**
 * Characters neither Noto font has, replaced by what a pharmacist reads the same way. "µg" is
 * printed "mcg", as medication-safety guidance asks anyway (µ is misread as m).
 */
function printable(text: string): string {
  return text.replace(/[\u00B5\u03BC]/g, "mc");
}

type GposAnchor = { xCoordinate: number; yCoordinate: number } | null | undefined;
type ApplyAnchor = (
  markRecord: { markAnchor?: GposAnchor } | undefined,
  baseAnchor: GposAnchor,
  baseGlyphIndex: number,
) => void;
interface FontkitGlyph {
  advanceWidth: number;
  _decode(): { numberOfContours: number; components?: Array<{ glyphID: number; pos: number }> } | null;
  _getMetrics(): { leftBearing: number };
}
/** The parts of a fontkit font this module touches (pdfkit takes the object as a font source). */
interface FontkitFont {
  layout(text: string): unknown;
  getGlyph(id: number): FontkitGlyph;
  createSubset(): { includeGlyph(gid: number): number; encode(): Uint8Array };
  readonly loca?: { version: number; offsets: number[] };
  directory?: { tables: Record<string, { offset: number; length: number } | undefined> };
  stream?: { buffer: Uint8Array };
  _getTableStream(tag: "glyf"): { pos: number; readBuffer(length: number): Uint8Array };
  _variationProcessor?: unknown;
  _layoutEngine?: { engine?: { GPOSProcessor?: { applyAnchor?: ApplyAnchor } | null } };
}

/**
 * fontkit 2.0.4, pdfkit's shaper, throws "Cannot read properties of null (reading
 * 'xCoordinate')" on a GPOS mark attachment whose anchor offset is NULL, which the OpenType spec
 * allows and Noto Sans Gurmukhi uses for most vowel signs (foliojs/fontkit#367; the fix,
 * foliojs/fontkit#374, is not released). Until it is, such an attachment is skipped as HarfBuzz
 * skips it: the mark keeps its default position. The patch is on this font object's own GPOS
 * processor (fontkit builds one per font and keeps it), not on fontkit's prototype, and only
 * changes calls that would otherwise throw. If fontkit's internals change shape nothing is
 * patched, and a Punjabi render fails loudly (the tests render one).
 */
function skipNullGposAnchors(font: FontkitFont): void {
  font.layout("a"); // builds the layout engine and its GPOS processor
  const processor = font._layoutEngine?.engine?.GPOSProcessor;
  const original = processor?.applyAnchor;
  if (!processor || typeof original !== "function") return;
  processor.applyAnchor = function (this: unknown, markRecord, baseAnchor, baseGlyphIndex) {
    if (!baseAnchor || !markRecord?.markAnchor) return;
    original.call(this, markRecord, baseAnchor, baseGlyphIndex);
  };
}

/** A Map that forgets its oldest entry once full: process-wide caches stay bounded. */
class BoundedCache<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly max: number) {}
  get(key: K): V | undefined {
    return this.map.get(key);
  }
  set(key: K, value: V): V {
    if (this.map.size >= this.max) this.map.delete(this.map.keys().next().value as K);
    this.map.set(key, value);
    return value;
  }
}

/** One glyph as a TrueType subset copies it: its glyf bytes, composite parts and metrics. */
interface GlyphRecord {
  bytes: Uint8Array;
  /** Component glyph ids and where they sit in `bytes` (composite glyphs), else null. */
  components: Array<{ glyphID: number; pos: number }> | null;
  advance: number;
  bearing: number;
}

/**
 * A parsed font and what this process has learnt about it, shared by every document:
 * - `runs`: shaped words. Shaping Devanagari or Gurmukhi (GSUB/GPOS, syllable reordering) is
 *   most of a render's work, and pdfkit caches it per document only, so each document shaped its
 *   labels, units and numbers afresh.
 * - `strings`: whole strings laid out from those words, as pdfkit joins them (glyphs, positions,
 *   width) on every call: for each word it measures while wrapping and each line it draws.
 * - `glyphs`: the bytes and metrics a font subset copies for each glyph, which fontkit would
 *   otherwise decode from the glyf table again for every document.
 * - `subsetWriter`: whether `writeSubset` has been checked against fontkit for this font
 *   ("unchecked" until the first document embeds it; "off" if it ever differed).
 * All of it is what pdfkit and fontkit compute themselves (deterministic functions of the font and
 * the word or glyph ids), so the output bytes do not change.
 */
interface SharedFont {
  font: FontkitFont;
  runs: BoundedCache<string, unknown>;
  strings: BoundedCache<string, unknown>;
  glyphs: Map<number, GlyphRecord>;
  subsetWriter: "unchecked" | "ok" | "off";
}

/** Shaped words (and strings) kept per font: labels, units, numbers, recent names; a few MB. */
const MAX_RUNS_PER_FONT = 20_000;

/**
 * The parsed fonts, one per file per process. fontkit decodes a font's GSUB/GPOS tables lazily
 * on first use and keeps them on the font object; giving pdfkit bytes would re-parse them for
 * every document. pdfkit 0.20 accepts a fontkit font as a source and makes its own subset per
 * document, so sharing the parsed font is safe.
 */
const sharedFonts = new Map<string, SharedFont>();
function sharedFont(script: Script, weight: "regular" | "bold"): SharedFont {
  const id = FONT_FILES[script][weight];
  let shared = sharedFonts.get(id);
  if (!shared) {
    // fontkit as pdfkit resolves it: the version pdfkit ships with.
    const fontkit = createRequire(require.resolve("pdfkit"))("fontkit") as {
      create(bytes: Buffer): FontkitFont;
    };
    const font = fontkit.create(readFileSync(require.resolve(id)));
    skipNullGposAnchors(font);
    shared = {
      font,
      runs: new BoundedCache(MAX_RUNS_PER_FONT),
      strings: new BoundedCache(MAX_RUNS_PER_FONT),
      glyphs: new Map(),
      subsetWriter: "unchecked",
    };
    sharedFonts.set(id, shared);
  }
  return shared;
}

/** pdfkit 0.20's EmbeddedFont and fontkit 2.0's TrueType subset: the parts `shareCaches` swaps. */
interface TrueTypeSubset {
  _addGlyph?: unknown;
  glyphs: number[];
  includeGlyph(gid: number): number;
  encode(): Uint8Array;
}
interface PdfkitEmbeddedFont {
  font?: unknown;
  layoutRun?(text: string): unknown;
  layoutCached?(text: string): unknown;
  layout?(text: string, features?: unknown, onlyWidth?: boolean): unknown;
  subset?: TrueTypeSubset;
}

/** What fontkit's TTFSubset._addGlyph reads for glyph `gid` (fontkit 2.0.4, no variations). */
function glyphRecord(shared: SharedFont, gid: number): GlyphRecord {
  const cached = shared.glyphs.get(gid);
  if (cached) return cached;
  const { font } = shared;
  const glyph = font.getGlyph(gid);
  const glyf = glyph._decode();
  const offsets = font.loca!.offsets;
  const stream = font._getTableStream("glyf");
  stream.pos += offsets[gid];
  const bytes = stream.readBuffer(offsets[gid + 1] - offsets[gid]);
  const components =
    glyf && glyf.numberOfContours < 0
      ? (glyf.components ?? []).map((c) => ({ glyphID: c.glyphID, pos: c.pos }))
      : null;
  const record = { bytes, components, advance: glyph.advanceWidth, bearing: glyph._getMetrics().leftBearing };
  shared.glyphs.set(gid, record);
  return record;
}

/**
 * The TrueType font file for `subset`, byte for byte what fontkit 2.0.4's TTFSubset.encode
 * writes (the tables a PDF needs: head, hhea, loca, maxp, cvt, prep, glyf, hmtx, fpgm), from
 * glyphs decoded once per process and with plain byte copies: fontkit decodes every glyph again
 * and writes the tables field by field through restructure, about a millisecond per font per
 * document. head, hhea and maxp are the font's own bytes with the three fields a subset changes
 * (fontkit decodes and re-encodes them unchanged otherwise). Null when the font is outside what
 * this covers (variable font, missing table, offsets a short loca cannot hold): fontkit then
 * writes it.
 */
function writeSubset(shared: SharedFont, subset: TrueTypeSubset): Uint8Array | null {
  const { font } = shared;
  const tables = font.directory?.tables;
  const file = font.stream?.buffer;
  const version = font.loca?.version;
  if (!tables || !file || (version !== 0 && version !== 1) || font._variationProcessor) return null;
  const table = (tag: string): Uint8Array | null => {
    const entry = tables[tag];
    return entry ? file.subarray(entry.offset, entry.offset + entry.length) : null;
  };
  const [head, hhea, maxp] = [table("head"), table("hhea"), table("maxp")];
  if (!head || head.length < 54 || !hhea || hhea.length < 36 || !maxp || maxp.length < 6) return null;

  // Glyphs in subset order; a composite glyph adds its parts to the subset as it is copied.
  const glyf: Uint8Array[] = [];
  const offsets: number[] = [];
  const metrics: GlyphRecord[] = [];
  let offset = 0;
  for (let i = 0; i < subset.glyphs.length; i += 1) {
    const record = glyphRecord(shared, subset.glyphs[i]);
    let { bytes } = record;
    if (record.components) {
      // A composite glyph names its parts by glyph id: renumber them as this subset does.
      bytes = new Uint8Array(bytes);
      const view = new DataView(bytes.buffer);
      for (const c of record.components) view.setUint16(c.pos, subset.includeGlyph(c.glyphID));
    }
    glyf.push(bytes);
    offsets.push(offset);
    metrics.push(record);
    offset += bytes.length;
  }
  offsets.push(offset);
  if (version === 0 && offsets.some((o) => o % 2 !== 0 || o > 0x1fffe)) return null;

  const patched = (bytes: Uint8Array, at: number, value: number): Uint8Array => {
    const copy = new Uint8Array(bytes);
    new DataView(copy.buffer).setUint16(at, value);
    return copy;
  };
  const loca = new Uint8Array(offsets.length * (version === 0 ? 2 : 4));
  const locaView = new DataView(loca.buffer);
  offsets.forEach((o, i) =>
    version === 0 ? locaView.setUint16(i * 2, o / 2) : locaView.setUint32(i * 4, o),
  );
  const hmtx = new Uint8Array(metrics.length * 4);
  const hmtxView = new DataView(hmtx.buffer);
  metrics.forEach((m, i) => {
    hmtxView.setUint16(i * 4, m.advance);
    hmtxView.setInt16(i * 4 + 2, m.bearing);
  });
  const glyfBytes = new Uint8Array(offset);
  glyf.forEach((bytes, i) => glyfBytes.set(bytes, offsets[i]));
  const out: Array<[string, Uint8Array | null]> = [
    ["head", patched(head, 50, version)], // indexToLocFormat
    ["hhea", patched(hhea, 34, metrics.length)], // numberOfMetrics
    ["loca", loca],
    ["maxp", patched(maxp, 4, glyf.length)], // numGlyphs
    ["cvt ", table("cvt ")],
    ["prep", table("prep")],
    ["glyf", glyfBytes],
    ["hmtx", hmtx],
    ["fpgm", table("fpgm")],
  ];
  const present = out.filter((entry): entry is [string, Uint8Array] => entry[1] !== null);

  // The table directory as fontkit writes it: tag "true", checksums left 0, tables in order.
  const count = present.length;
  const power = 2 ** Math.floor(Math.log2(count));
  let at = 12 + 16 * count;
  const bytes = new Uint8Array(at + present.reduce((sum, [, data]) => sum + data.length, 0));
  const view = new DataView(bytes.buffer);
  const tag = (pos: number, text: string) => {
    for (let i = 0; i < 4; i += 1) bytes[pos + i] = text.charCodeAt(i);
  };
  tag(0, "true");
  view.setUint16(4, count);
  view.setUint16(6, power * 16);
  view.setUint16(8, Math.log2(power));
  view.setUint16(10, count * 16 - power * 16);
  present.forEach(([name, data], i) => {
    tag(12 + 16 * i, name);
    view.setUint32(12 + 16 * i + 8, at);
    view.setUint32(12 + 16 * i + 12, data.length);
    bytes.set(data, at);
    at += data.length;
  });
  return bytes;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/**
 * Points the document's pdfkit font at the process-wide caches of `shared`: its per-word layout
 * cache, its layout of whole strings (kept complete, glyphs and positions, also when pdfkit asks
 * for the width only; pdfkit only reads what it gets), and its subset's encoding (`writeSubset`).
 * The first subset of each font in the process
 * is also encoded by fontkit and compared: if the two ever differ (another fontkit), fontkit's
 * bytes are used and `writeSubset` is not used for that font again. Anything not shaped as
 * expected (another pdfkit or fontkit) is left alone, which is slower but right.
 */
function shareCaches(embedded: PdfkitEmbeddedFont, shared: SharedFont): void {
  if (embedded.font !== shared.font) return;
  const { layoutRun, layoutCached, layout, subset } = embedded;
  if (typeof layoutRun === "function" && typeof layoutCached === "function") {
    embedded.layoutCached = (text: string) =>
      shared.runs.get(text) ?? shared.runs.set(text, layoutRun.call(embedded, text));
    if (typeof layout === "function") {
      embedded.layout = (text: string, features?: unknown, onlyWidth?: boolean) =>
        features
          ? layout.call(embedded, text, features, onlyWidth)
          : (shared.strings.get(text) ?? shared.strings.set(text, layout.call(embedded, text)));
    }
  }
  if (!subset || typeof subset._addGlyph !== "function" || !Array.isArray(subset.glyphs)) return;
  const fontkitEncode = subset.encode;
  subset.encode = function (this: TrueTypeSubset): Uint8Array {
    if (shared.subsetWriter === "off") return fontkitEncode.call(this);
    const glyphs = [...this.glyphs];
    const written = writeSubset(shared, this);
    if (!written) return fontkitEncode.call(this);
    if (shared.subsetWriter === "unchecked") {
      const reference = shared.font.createSubset();
      for (const gid of glyphs) reference.includeGlyph(gid);
      const expected = reference.encode();
      shared.subsetWriter = sameBytes(written, expected) ? "ok" : "off";
      if (shared.subsetWriter === "off") return expected;
    }
    return written;
  };
}

// ---- QR ------------------------------------------------------------------------------------

let qrcode: typeof QRCodeModule | undefined;

/**
 * The QR code for `payload` as rows of dark (true) / light (false) modules, error correction M
 * (15% damage tolerated: a folded or smudged printout still scans). The renderer draws exactly
 * this matrix, one filled square run per horizontal stretch of dark modules.
 */
export function qrMatrix(payload: string): boolean[][] {
  qrcode ??= require("qrcode") as typeof QRCodeModule;
  const { modules } = qrcode.create(payload, { errorCorrectionLevel: "M" });
  return Array.from({ length: modules.size }, (_, row) =>
    Array.from({ length: modules.size }, (_, col) => Boolean(modules.get(row, col))),
  );
}

/** A QR code as the renderer draws it: its side in modules and its runs of dark modules. */
interface QrDrawing {
  size: number;
  runs: ReadonlyArray<readonly [number, number, number]>;
}
/**
 * The last QR codes drawn, by payload (choosing a mask scores all eight on the whole symbol, about
 * a millisecond). A payload belongs to one prescription, so this only saves anything when the
 * same prescription is rendered again (bench:rx does; issuePrescription renders each once).
 */
const qrDrawings = new BoundedCache<string, QrDrawing>(64);
function qrDrawing(payload: string): QrDrawing {
  const cached = qrDrawings.get(payload);
  if (cached) return cached;
  const matrix = qrMatrix(payload);
  return qrDrawings.set(payload, { size: matrix.length, runs: qrRuns(matrix) });
}

/** Horizontal runs of dark modules: [row, firstColumn, length]. */
export function qrRuns(matrix: boolean[][]): Array<[number, number, number]> {
  const runs: Array<[number, number, number]> = [];
  matrix.forEach((cells, row) => {
    let start = -1;
    for (let col = 0; col <= cells.length; col += 1) {
      const dark = col < cells.length && cells[col];
      if (dark && start < 0) start = col;
      if (!dark && start >= 0) {
        runs.push([row, start, col - start]);
        start = -1;
      }
    }
  });
  return runs;
}

// ---- layout constants ----------------------------------------------------------------------

const MARGIN = { top: 40, left: 40, right: 40, bottom: 56 };
const INK = "#111111";
const MUTED = "#555555";
const RULE = "#bbbbbb";
const STRIPE = "#f2f2f2";
const PAD = 4;
/** The QR code is drawn about this wide; the module size is rounded down to a quarter point. */
const QR_TARGET = 96;

interface Column {
  key: "n" | "medicine" | "dose" | "frequency" | "route" | "duration" | "quantity";
  width: number;
  align?: "left" | "right";
}
/** Widths for A4 minus margins (515.28 pt); the last column takes what is left. */
const COLUMNS: Column[] = [
  { key: "n", width: 18 },
  { key: "medicine", width: 150 },
  { key: "dose", width: 64 },
  { key: "frequency", width: 100 },
  { key: "route", width: 72 },
  { key: "duration", width: 52 },
  { key: "quantity", width: 0, align: "right" },
];

// ---- rendering -----------------------------------------------------------------------------

interface Ctx {
  doc: Doc;
  base: Script;
  l: PrescriptionLabels;
  en: PrescriptionLabels;
  /** Fonts registered with this document so far (a font is parsed and embedded only if used). */
  registered: Set<string>;
  /** Page content box. */
  left: number;
  width: number;
}

interface TextStyle {
  size: number;
  bold?: boolean;
  color?: string;
  align?: "left" | "right" | "center";
}

/** Registered font names (constants: pdfkit looks fonts up by name on every style change). */
const FONT_NAMES: Record<Script, Record<"regular" | "bold", string>> = {
  devanagari: { regular: "devanagari-regular", bold: "devanagari-bold" },
  gurmukhi: { regular: "gurmukhi-regular", bold: "gurmukhi-bold" },
};

/** The font for `text`: the Indic script it contains, else the document's; registered on first use. */
function fontName(ctx: Ctx, text: string, bold: boolean | undefined): string {
  const script: Script = GURMUKHI.test(text) ? "gurmukhi" : DEVANAGARI.test(text) ? "devanagari" : ctx.base;
  const weight = bold ? "bold" : "regular";
  const name = FONT_NAMES[script][weight];
  if (!ctx.registered.has(name)) {
    const shared = sharedFont(script, weight);
    // pdfkit takes a fontkit font object as a source; its types only list bytes and paths.
    ctx.doc.registerFont(name, shared.font as unknown as Buffer);
    ctx.doc.font(name); // pdfkit opens the font for this document when it is first selected
    shareCaches((ctx.doc as unknown as { _font: PdfkitEmbeddedFont })._font, shared);
    ctx.registered.add(name);
  }
  return name;
}

/** Selects the font, size and colour for `text`; returns the font's registered name. */
function setStyle(ctx: Ctx, text: string, style: TextStyle): string {
  const name = fontName(ctx, text, style.bold);
  ctx.doc
    .font(name)
    .fontSize(style.size)
    .fillColor(style.color ?? INK);
  return name;
}

/** Space between wrapped lines, in points. */
const LINE_GAP = 1;

/** One line of wrapped text as pdfkit's LineWrapper hands it to the renderer. */
interface WrappedLine {
  text: string;
  textWidth: number;
  wordCount: number;
  lineWidth: number;
}
type Align = "left" | "right" | "center";
/** A string broken into lines at a width, in one font and size, and the height of those lines. */
interface Wrapped {
  lines: WrappedLine[];
  height: number;
  /** Per alignment, the options text() would pass to `_fragment` for each line. */
  lineOptions: Partial<Record<Align, object[]>>;
}

/**
 * pdfkit's text internals this module drives: `_text` runs the line wrapper with a callback per
 * line (`heightOfString` and `text` are both built on it), `_fragment` draws one line.
 */
interface PdfkitTextInternals {
  _text?(
    text: string,
    x: number,
    y: number,
    options: PDFKit.Mixins.TextOptions,
    onLine: (line: string, options: { textWidth: number; wordCount: number; lineWidth: number }) => void,
  ): unknown;
  _fragment?(text: string, x: number, y: number, options: object): void;
}

/**
 * Wrapped strings, per font, size and width, then per string. Every string is measured before
 * it is drawn (row heights, page breaks), and pdfkit would wrap it again to draw it and a third
 * time to say how tall it came out; line breaking (Unicode line-break classes, a width per word)
 * was most of a render once shaping was cached. Wrapping is a pure function of the keys, so it is
 * done once per process and both measuring and drawing use the result.
 */
const wrappedCache = new Map<string, Map<string, Wrapped | null>>();
let wrappedCount = 0;
/** Wrapped strings kept (labels, units, numbers and recent free text); all dropped when full. */
const MAX_WRAPPED = 10_000;

/**
 * `printed` wrapped at `width` in `font` at `size`, as pdfkit wraps it (its own line wrapper, run
 * once with the callback `heightOfString` uses, with that font selected), or null when pdfkit's
 * internals are not as expected (then callers use the public API).
 */
function wrap(ctx: Ctx, font: string, size: number, printed: string, width: number): Wrapped | null {
  const boxKey = `${font} ${size} ${width}`;
  let box = wrappedCache.get(boxKey);
  const cached = box?.get(printed);
  if (cached !== undefined) return cached;
  if (wrappedCount >= MAX_WRAPPED) {
    wrappedCache.clear();
    wrappedCount = 0;
    box = undefined;
  }
  if (!box) wrappedCache.set(boxKey, (box = new Map()));
  wrappedCount += 1;
  const doc = ctx.doc as Doc & PdfkitTextInternals;
  if (typeof doc._text !== "function" || typeof doc._fragment !== "function") {
    box.set(printed, null);
    return null;
  }
  doc.font(font).fontSize(size);
  const { x, y } = doc;
  const lines: WrappedLine[] = [];
  // As heightOfString: no height limit, so no page break; lines are counted from y = 0.
  doc._text(printed, x, 0, { width, lineGap: LINE_GAP, height: Infinity }, (line, options) => {
    lines.push({
      text: line,
      textWidth: options.textWidth,
      wordCount: options.wordCount,
      lineWidth: options.lineWidth,
    });
    doc.y += doc.currentLineHeight(true) + LINE_GAP;
  });
  const wrapped: Wrapped = { lines, height: doc.y, lineOptions: {} };
  doc.x = x;
  doc.y = y;
  box.set(printed, wrapped);
  return wrapped;
}

function measure(ctx: Ctx, text: string, width: number, style: TextStyle): number {
  if (text === "") return 0;
  // Measuring has always set the fill colour as drawing does, which writes a colour operator to
  // the page; it still does, so the file stays byte for byte what it was. The font and size are
  // selected only when the string has to be wrapped.
  const font = fontName(ctx, text, style.bold);
  ctx.doc.fillColor(style.color ?? INK);
  const printed = printable(text);
  const wrapped = wrap(ctx, font, style.size, printed, width);
  if (wrapped) return wrapped.height;
  ctx.doc.font(font).fontSize(style.size);
  return ctx.doc.heightOfString(printed, { width, lineGap: LINE_GAP });
}

function draw(ctx: Ctx, text: string, x: number, y: number, width: number, style: TextStyle): number {
  if (text === "") return 0;
  const font = setStyle(ctx, text, style);
  const printed = printable(text);
  const align = style.align ?? "left";
  const doc = ctx.doc as Doc & PdfkitTextInternals;
  const wrapped = wrap(ctx, font, style.size, printed, width);
  const lineHeight = doc.currentLineHeight(true) + LINE_GAP;
  // Lines that fit above the bottom margin are drawn as pdfkit's text() draws them: one
  // `_fragment` per line, with the options its line wrapper passes. Text that would run past
  // the margin goes through text() itself, which continues it on a new page.
  if (wrapped && doc._fragment && y + wrapped.height + lineHeight < bottomLimit(doc) - 0.001) {
    const options = (wrapped.lineOptions[align] ??= wrapped.lines.map((line) => ({
      width,
      lineGap: LINE_GAP,
      align,
      columns: 0,
      columnGap: 18,
      rotation: 0,
      textWidth: line.textWidth,
      wordCount: line.wordCount,
      lineWidth: line.lineWidth,
    })));
    doc.x = x;
    doc.y = y;
    for (let i = 0; i < wrapped.lines.length; i += 1) {
      doc._fragment(wrapped.lines[i].text, x, doc.y, options[i]);
      doc.y += lineHeight;
    }
    return wrapped.height;
  }
  doc.text(printed, x, y, { width, lineGap: LINE_GAP, align });
  return wrapped ? wrapped.height : doc.heightOfString(printed, { width, lineGap: LINE_GAP });
}

/** A stack of text pieces in one box, each with its own style. */
type Piece = { text: string; style: TextStyle };
function measureStack(ctx: Ctx, pieces: Piece[], width: number): number {
  return pieces.reduce((h, p) => h + measure(ctx, p.text, width, p.style), 0);
}
function drawStack(ctx: Ctx, pieces: Piece[], x: number, y: number, width: number): number {
  let h = 0;
  for (const p of pieces) h += draw(ctx, p.text, x, y + h, width, p.style);
  return h;
}

/** "दवा / Medicine" in a Hindi or Punjabi document, "Medicine" in an English one. */
function bilingual(ctx: Ctx, key: keyof PrescriptionLabels): string {
  const local = ctx.l[key] as string;
  const english = ctx.en[key] as string;
  return local === english ? english : `${local} / ${english}`;
}

function bottomLimit(doc: Doc): number {
  return doc.page.height - doc.page.margins.bottom;
}

function hRule(ctx: Ctx, y: number, color = RULE, width = 0.6): void {
  ctx.doc
    .save()
    .moveTo(ctx.left, y)
    .lineTo(ctx.left + ctx.width, y)
    .lineWidth(width)
    .strokeColor(color)
    .stroke()
    .restore();
}

function formatIssued(input: PrescriptionPdfInput): string {
  const locale = { en: "en-IN", hi: "hi-IN", pa: "pa-IN" }[input.language] ?? "en-IN";
  const dt = DateTime.fromJSDate(input.issuedAt, { zone: input.timezone });
  if (!dt.isValid)
    throw new Error(`renderPrescriptionPdf: ${dt.invalidReason ?? "invalid"} date or timezone`);
  const local = dt.setLocale(locale);
  // "d MMMM yyyy, HH:mm ZZZZ", with the zone's short name ("IST") from a kept formatter.
  return `${local.toFormat("d MMMM yyyy, HH:mm")} ${zoneShortName(local)}`;
}

/** Intl formatters for zone names, per locale and zone. */
const zoneNameFormats = new BoundedCache<string, Intl.DateTimeFormat>(64);

/**
 * What luxon prints for "ZZZZ". For a named (IANA) zone luxon builds a new Intl.DateTimeFormat
 * on every call (about half a millisecond) with these options and reads the timeZoneName part;
 * this keeps that formatter. Other zones (fixed offsets, UTC) go to luxon.
 */
function zoneShortName(dt: DateTime): string {
  const locale = dt.locale;
  if (dt.zone.type !== "iana" || !locale) return dt.toFormat("ZZZZ");
  const key = `${locale}\u0000${dt.zone.name}`;
  const format =
    zoneNameFormats.get(key) ??
    zoneNameFormats.set(
      key,
      new Intl.DateTimeFormat(locale, {
        timeZoneName: "short",
        hourCycle: "h23",
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        timeZone: dt.zone.name,
      }),
    );
  const part = format.formatToParts(dt.toJSDate()).find((p) => p.type.toLowerCase() === "timezonename");
  return part ? part.value : dt.toFormat("ZZZZ");
}

function drawHeader(ctx: Ctx, input: PrescriptionPdfInput): number {
  const { doc } = ctx;
  let y = doc.page.margins.top;
  const half = ctx.width / 2 - 8;
  const rightX = ctx.left + ctx.width - half;

  // Clinic (left) and title with the prescription id (right).
  const clinic: Piece[] = [{ text: input.clinic.name, style: { size: 15, bold: true } }];
  if (input.clinic.address) clinic.push({ text: input.clinic.address, style: { size: 8.5, color: MUTED } });
  if (input.clinic.phone)
    clinic.push({
      text: `${bilingual(ctx, "phone")}: ${input.clinic.phone}`,
      style: { size: 8.5, color: MUTED },
    });
  const title: Piece[] = [
    { text: bilingual(ctx, "title"), style: { size: 13, bold: true, align: "right" } },
    { text: bilingual(ctx, "prescriptionNumber"), style: { size: 7.5, color: MUTED, align: "right" } },
    { text: input.prescriptionNumber, style: { size: 12, bold: true, align: "right" } },
  ];
  const top = Math.max(drawStack(ctx, clinic, ctx.left, y, half), drawStack(ctx, title, rightX, y, half));
  y += top + 6;
  hRule(ctx, y, INK, 1);
  y += 8;

  // Doctor and registration number (left); patient and date (right).
  const doctorName = input.doctor.qualification
    ? `${input.doctor.name}, ${input.doctor.qualification}`
    : input.doctor.name;
  const label: TextStyle = { size: 7.5, color: MUTED };
  const value: TextStyle = { size: 10.5, bold: true };
  const small: TextStyle = { size: 9.5 };
  const left: Piece[] = [
    { text: bilingual(ctx, "doctor"), style: label },
    { text: doctorName, style: value },
    { text: bilingual(ctx, "registrationNumber"), style: label },
    { text: input.doctor.registrationNumber, style: small },
  ];
  const patientDetails = [
    input.patient.age !== undefined ? `${bilingual(ctx, "age")}: ${input.patient.age} ${ctx.l.years}` : "",
    input.patient.sex ? `${bilingual(ctx, "sex")}: ${ctx.l.sexText(input.patient.sex)}` : "",
  ].filter(Boolean);
  const right: Piece[] = [
    { text: bilingual(ctx, "patient"), style: label },
    { text: input.patient.name, style: value },
    ...(patientDetails.length ? [{ text: patientDetails.join("  ·  "), style: small }] : []),
    { text: bilingual(ctx, "date"), style: label },
    { text: formatIssued(input), style: small },
  ];
  y += Math.max(drawStack(ctx, left, ctx.left, y, half), drawStack(ctx, right, rightX, y, half)) + 6;
  hRule(ctx, y);
  return y + 10;
}

function columnLayout(ctx: Ctx): Array<Column & { x: number }> {
  let x = ctx.left;
  const fixed = COLUMNS.reduce((sum, c) => sum + c.width, 0);
  return COLUMNS.map((c) => {
    const width = c.width || ctx.width - fixed;
    const col = { ...c, width, x };
    x += width;
    return col;
  });
}

function headerPieces(ctx: Ctx, key: Column["key"]): Piece[] {
  if (key === "n") return [{ text: "#", style: { size: 8, bold: true } }];
  const labelKey = key === "medicine" ? "medicine" : key;
  const local = ctx.l[labelKey];
  const english = ctx.en[labelKey];
  const pieces: Piece[] = [{ text: local, style: { size: 8, bold: true } }];
  if (local !== english) pieces.push({ text: english, style: { size: 6.5, color: MUTED } });
  return pieces;
}

function drawTableHeader(ctx: Ctx, y: number): number {
  const cols = columnLayout(ctx);
  const h =
    Math.max(...cols.map((c) => measureStack(ctx, headerPieces(ctx, c.key), c.width - 2 * PAD))) + 2 * PAD;
  ctx.doc.save().rect(ctx.left, y, ctx.width, h).fill("#e4e4e4").restore();
  for (const c of cols) {
    const pieces = headerPieces(ctx, c.key).map((p) => ({ ...p, style: { ...p.style, align: c.align } }));
    drawStack(ctx, pieces, c.x + PAD, y + PAD, c.width - 2 * PAD);
  }
  hRule(ctx, y + h, INK, 0.8);
  return y + h;
}

function cellPieces(ctx: Ctx, line: PrescriptionLine, index: number, key: Column["key"]): Piece[] {
  const body: TextStyle = { size: 8.5 };
  switch (key) {
    case "n":
      return [{ text: String(index + 1), style: body }];
    case "medicine":
      return [
        { text: line.name, style: { size: 9.5, bold: true } },
        { text: `${line.strength} · ${ctx.l.formName(line.form)}`, style: { size: 8, color: MUTED } },
      ];
    case "dose":
      return [
        { text: `${line.dose.amount} ${ctx.l.formText(line.dose.unit, line.dose.amount)}`, style: body },
      ];
    case "frequency":
      return [
        { text: ctx.l.frequencyText(line.frequency, line.maxPerDay), style: body },
        { text: line.frequency.toUpperCase(), style: { size: 7, color: MUTED } },
      ];
    case "route":
      return [{ text: ctx.l.routeText(line.route), style: body }];
    case "duration":
      return [{ text: ctx.l.daysText(line.durationDays), style: body }];
    case "quantity":
      return [
        { text: String(line.quantity), style: { size: 10, bold: true } },
        { text: ctx.l.formText(line.form, line.quantity), style: { size: 7, color: MUTED } },
      ];
  }
}

function instructionsPieces(ctx: Ctx, line: PrescriptionLine): Piece[] {
  if (!line.instructions) return [];
  return [
    { text: `${bilingual(ctx, "instructions")}:`, style: { size: 7.5, color: MUTED } },
    { text: line.instructions, style: { size: 8.5 } },
  ];
}

function drawLines(ctx: Ctx, input: PrescriptionPdfInput, startY: number): number {
  const { doc } = ctx;
  const cols = columnLayout(ctx);
  const noteX = cols[1].x;
  const noteWidth = ctx.left + ctx.width - noteX - PAD;
  let y = drawTableHeader(ctx, startY);

  input.lines.forEach((line, index) => {
    const cellsH = Math.max(
      ...cols.map((c) => measureStack(ctx, cellPieces(ctx, line, index, c.key), c.width - 2 * PAD)),
    );
    const notes = instructionsPieces(ctx, line);
    const notesH = notes.length ? measureStack(ctx, notes, noteWidth - PAD) + PAD : 0;
    const rowH = cellsH + notesH + 2 * PAD;
    if (y + rowH > bottomLimit(doc)) y = drawTableHeader(ctx, continuationPage(ctx, input));
    if (index % 2 === 1) doc.save().rect(ctx.left, y, ctx.width, rowH).fill(STRIPE).restore();
    for (const c of cols) {
      const pieces = cellPieces(ctx, line, index, c.key).map((p) => ({
        ...p,
        style: { ...p.style, align: c.align },
      }));
      drawStack(ctx, pieces, c.x + PAD, y + PAD, c.width - 2 * PAD);
    }
    if (notes.length) drawStack(ctx, notes, noteX + PAD, y + PAD + cellsH + PAD, noteWidth - PAD);
    y += rowH;
    hRule(ctx, y);
  });
  return y + 12;
}

/**
 * A new page that says whose prescription it continues (pages of a printout get separated);
 * returns where to draw below that line.
 */
function continuationPage(ctx: Ctx, input: PrescriptionPdfInput): number {
  ctx.doc.addPage();
  const y = ctx.doc.page.margins.top;
  const h = draw(ctx, `${input.patient.name} · ${input.prescriptionNumber}`, ctx.left, y, ctx.width, {
    size: 8,
    color: MUTED,
  });
  return y + h + 6;
}

/** Moves to a continuation page when `height` does not fit below `y`; returns where to draw. */
function ensureRoom(ctx: Ctx, input: PrescriptionPdfInput, y: number, height: number): number {
  return y + height <= bottomLimit(ctx.doc) ? y : continuationPage(ctx, input);
}

function drawAdvice(ctx: Ctx, input: PrescriptionPdfInput, y: number): number {
  const { advice } = input;
  if (!advice) return y;
  const label: Piece = { text: bilingual(ctx, "advice"), style: { size: 8, bold: true, color: MUTED } };
  const labelH = measure(ctx, label.text, ctx.width, label.style);
  const firstLineH = measure(ctx, "Ag", ctx.width, { size: 9.5 });
  y = ensureRoom(ctx, input, y, labelH + firstLineH + 2);
  y += draw(ctx, label.text, ctx.left, y, ctx.width, label.style) + 2;
  // Long advice flows on to the next page by itself (draw hands it to pdfkit's text(), whose
  // line wrapper breaks pages), so continue below where the text ended.
  draw(ctx, advice, ctx.left, y, ctx.width, { size: 9.5 });
  return ctx.doc.y + 14;
}

function drawVerification(ctx: Ctx, input: PrescriptionPdfInput, y: number): number {
  const { doc } = ctx;
  const qr = qrDrawing(input.verification.qrPayload);
  const moduleSize = Math.max(1, Math.floor((QR_TARGET / qr.size) * 4) / 4);
  const quiet = 4 * moduleSize; // the quiet zone the QR standard asks for, left blank
  const qrSide = qr.size * moduleSize;
  const textX = ctx.left + qrSide + 2 * quiet;
  const textW = ctx.left + ctx.width - textX;
  const pieces: Piece[] = [
    { text: bilingual(ctx, "verificationCode"), style: { size: 8, color: MUTED } },
    { text: input.verification.code, style: { size: 15, bold: true } },
    { text: bilingual(ctx, "verifyAt"), style: { size: 8, color: MUTED } },
    { text: input.verification.verifyUrl, style: { size: 9 } },
    { text: " ", style: { size: 6 } },
    { text: `${bilingual(ctx, "digitallySigned")}`, style: { size: 9, bold: true } },
    {
      text: `${input.doctor.name} · ${bilingual(ctx, "registrationNumber")} ${input.doctor.registrationNumber}`,
      style: { size: 8.5 },
    },
  ];
  const blockH = Math.max(qrSide + 2 * quiet, measureStack(ctx, pieces, textW));
  y = ensureRoom(ctx, input, y, blockH);
  hRule(ctx, y);
  const qrX = ctx.left + quiet;
  const qrY = y + quiet;
  doc.save();
  for (const [row, col, length] of qr.runs) {
    doc.rect(qrX + col * moduleSize, qrY + row * moduleSize, length * moduleSize, moduleSize);
  }
  doc.fill("#000000").restore();
  drawStack(ctx, pieces, textX, y + quiet, textW);
  return y + blockH;
}

/** "Digitally signed · <id> · 1 / 2" inside the bottom margin of every page. */
function drawFooters(ctx: Ctx, input: PrescriptionPdfInput): void {
  const { doc } = ctx;
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing inside the margin must not start a new page
    const y = doc.page.height - 36;
    ctx.doc
      .save()
      .moveTo(ctx.left, y - 6)
      .lineTo(ctx.left + ctx.width, y - 6)
      .lineWidth(0.6)
      .strokeColor(RULE)
      .stroke()
      .restore();
    const text = `${bilingual(ctx, "digitallySigned")} · ${input.doctor.name} · ${input.prescriptionNumber} · ${i - range.start + 1} / ${range.count}`;
    draw(ctx, text, ctx.left, y, ctx.width, { size: 7.5, color: MUTED, align: "center" });
    doc.page.margins.bottom = bottom;
  }
}

/** Renders the prescription; resolves with the PDF bytes. */
export async function renderPrescriptionPdf(input: PrescriptionPdfInput): Promise<Buffer> {
  // Lazy on purpose (cold starts); the type-only import above emits no require.
  const PDFDocument = require("pdfkit") as typeof PDFKitModule;
  const doc: Doc = new PDFDocument({
    size: "A4",
    margins: MARGIN,
    bufferPages: true,
    autoFirstPage: false,
    lang: { en: "en-IN", hi: "hi-IN", pa: "pa-IN" }[input.language] ?? "en-IN",
    displayTitle: true,
    // No patient name here: document metadata is shown by file browsers and indexed by tools.
    info: {
      Title: `Prescription ${input.prescriptionNumber}`,
      Creator: "Arogya",
      Producer: "Arogya (PDFKit)",
      CreationDate: input.issuedAt,
    },
    // No default font: pdfkit would otherwise load (and embed) Helvetica; every string below
    // picks one of the registered Noto fonts.
    font: "",
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const ctx: Ctx = {
    doc,
    base: BASE_SCRIPT[input.language] ?? "devanagari",
    l: labelsFor(input.language),
    en: labelsFor("en"),
    registered: new Set(),
    left: MARGIN.left,
    width: 0,
  };
  doc.addPage();
  ctx.width = doc.page.width - MARGIN.left - MARGIN.right;

  let y = drawHeader(ctx, input);
  y = drawLines(ctx, input, y);
  y = drawAdvice(ctx, input, y);
  drawVerification(ctx, input, y + 4);
  drawFooters(ctx, input);

  doc.end();
  return done;
}
