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
 * parsed once per process and shared by every document (see `fontkitFont`); a document embeds
 * a subset of only the fonts it used.
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
  prescriptionId: string;
  language: "en" | "hi" | "pa";
  issuedAt: Date;
  /** IANA zone the date is printed in, e.g. Asia/Kolkata. */
  timezone: string;
  clinic: { name: string; address?: string };
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
/** The parts of a fontkit font this module touches (pdfkit takes the object as a font source). */
interface FontkitFont {
  layout(text: string): unknown;
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

/**
 * The parsed fonts, one per file per process. fontkit decodes a font's GSUB/GPOS tables lazily
 * on first use and keeps them on the font object; giving pdfkit bytes would re-parse them for
 * every document (most of a render's time). pdfkit 0.20 accepts a fontkit font as a source and
 * makes its own subset per document, so sharing the parsed font is safe.
 */
const parsedFonts = new Map<string, FontkitFont>();
function fontkitFont(script: Script, weight: "regular" | "bold"): FontkitFont {
  const id = FONT_FILES[script][weight];
  let font = parsedFonts.get(id);
  if (!font) {
    // fontkit as pdfkit resolves it: the version pdfkit ships with.
    const fontkit = createRequire(require.resolve("pdfkit"))("fontkit") as {
      create(bytes: Buffer): FontkitFont;
    };
    font = fontkit.create(readFileSync(require.resolve(id)));
    skipNullGposAnchors(font);
    parsedFonts.set(id, font);
  }
  return font;
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

/** The font for `text`: the Indic script it contains, else the document's; registered on first use. */
function fontName(ctx: Ctx, text: string, bold: boolean | undefined): string {
  const script: Script = GURMUKHI.test(text) ? "gurmukhi" : DEVANAGARI.test(text) ? "devanagari" : ctx.base;
  const weight = bold ? "bold" : "regular";
  const name = `${script}-${weight}`;
  if (!ctx.registered.has(name)) {
    // pdfkit takes a fontkit font object as a source; its types only list bytes and paths.
    ctx.doc.registerFont(name, fontkitFont(script, weight) as unknown as Buffer);
    ctx.registered.add(name);
  }
  return name;
}

function setStyle(ctx: Ctx, text: string, style: TextStyle): void {
  ctx.doc
    .font(fontName(ctx, text, style.bold))
    .fontSize(style.size)
    .fillColor(style.color ?? INK);
}

function measure(ctx: Ctx, text: string, width: number, style: TextStyle): number {
  if (text === "") return 0;
  setStyle(ctx, text, style);
  return ctx.doc.heightOfString(printable(text), { width, lineGap: 1 });
}

function draw(ctx: Ctx, text: string, x: number, y: number, width: number, style: TextStyle): number {
  if (text === "") return 0;
  setStyle(ctx, text, style);
  const printed = printable(text);
  ctx.doc.text(printed, x, y, { width, lineGap: 1, align: style.align ?? "left" });
  return ctx.doc.heightOfString(printed, { width, lineGap: 1 });
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
  return dt.setLocale(locale).toFormat("d MMMM yyyy, HH:mm ZZZZ");
}

function drawHeader(ctx: Ctx, input: PrescriptionPdfInput): number {
  const { doc } = ctx;
  let y = doc.page.margins.top;
  const half = ctx.width / 2 - 8;
  const rightX = ctx.left + ctx.width - half;

  // Clinic (left) and title with the prescription id (right).
  const clinic: Piece[] = [{ text: input.clinic.name, style: { size: 15, bold: true } }];
  if (input.clinic.address) clinic.push({ text: input.clinic.address, style: { size: 8.5, color: MUTED } });
  const title: Piece[] = [
    { text: bilingual(ctx, "title"), style: { size: 13, bold: true, align: "right" } },
    { text: input.prescriptionId, style: { size: 9, color: MUTED, align: "right" } },
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
    input.patient.age !== undefined ? `${bilingual(ctx, "age")}: ${input.patient.age}` : "",
    input.patient.sex ? `${bilingual(ctx, "sex")}: ${input.patient.sex}` : "",
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
      return [{ text: String(line.quantity), style: { size: 10, bold: true } }];
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
  const h = draw(ctx, `${input.patient.name} · ${input.prescriptionId}`, ctx.left, y, ctx.width, {
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
  // Long advice flows on to the next page by itself (pdfkit's line wrapper breaks pages).
  setStyle(ctx, advice, { size: 9.5 });
  ctx.doc.text(printable(advice), ctx.left, y, { width: ctx.width, lineGap: 1 });
  return ctx.doc.y + 14;
}

function drawVerification(ctx: Ctx, input: PrescriptionPdfInput, y: number): number {
  const { doc } = ctx;
  const matrix = qrMatrix(input.verification.qrPayload);
  const moduleSize = Math.max(1, Math.floor((QR_TARGET / matrix.length) * 4) / 4);
  const quiet = 4 * moduleSize; // the quiet zone the QR standard asks for, left blank
  const qrSide = matrix.length * moduleSize;
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
  for (const [row, col, length] of qrRuns(matrix)) {
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
    const text = `${bilingual(ctx, "digitallySigned")} · ${input.doctor.name} · ${input.prescriptionId} · ${i - range.start + 1} / ${range.count}`;
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
      Title: `Prescription ${input.prescriptionId}`,
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
