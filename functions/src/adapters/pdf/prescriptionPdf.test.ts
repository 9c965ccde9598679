import { inflateSync } from "node:zlib";
import QRCode from "qrcode";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { describe, expect, it } from "vitest";
import { labelsFor } from "../../domain/prescriptions/labels";
import { FORMS, FREQUENCIES, ROUTES } from "../../schemas/prescriptions";
import {
  qrMatrix,
  qrRuns,
  renderPrescriptionPdf,
  type PrescriptionLine,
  type PrescriptionPdfInput,
} from "./prescriptionPdf";

// ---- fixtures ------------------------------------------------------------------------------

const LINES: PrescriptionLine[] = [
  {
    name: "Amoxicillin",
    strength: "500 mg",
    form: "capsule",
    dose: { amount: 1, unit: "capsule" },
    frequency: "TDS",
    route: "oral",
    durationDays: 5,
    quantity: 15,
    instructions: "After food",
  },
  {
    name: "Paracetamol",
    strength: "650 mg",
    form: "tablet",
    dose: { amount: 1, unit: "tablet" },
    frequency: "SOS",
    maxPerDay: 4,
    route: "oral",
    durationDays: 3,
    quantity: 12,
  },
  {
    name: "Pantoprazole",
    strength: "40 mg",
    form: "tablet",
    dose: { amount: 1, unit: "tablet" },
    frequency: "OD",
    route: "oral",
    durationDays: 14,
    quantity: 14,
    instructions: "30 minutes before breakfast",
  },
  {
    name: "Salbutamol",
    strength: "100 mcg/puff",
    form: "inhaler",
    dose: { amount: 2, unit: "puffs" },
    frequency: "Q6H",
    route: "inhaled",
    durationDays: 7,
    quantity: 1,
  },
  {
    name: "Ciprofloxacin eye drops",
    strength: "0.3% w/v",
    form: "drops",
    dose: { amount: 2, unit: "drops" },
    frequency: "QID",
    route: "ophthalmic",
    durationDays: 5,
    quantity: 1,
    instructions: "Both eyes; do not touch the tip of the bottle to the eye",
  },
];

function input(overrides: Partial<PrescriptionPdfInput> = {}): PrescriptionPdfInput {
  return {
    prescriptionNumber: "7KD-Q2M-9XW",
    language: "en",
    issuedAt: new Date("2026-03-12T05:00:00Z"),
    timezone: "Asia/Kolkata",
    clinic: {
      name: "Arogya Health Centre, Nabha",
      address: "Hospital Road, Nabha, Patiala, Punjab 147201",
      phone: "+91 1765 220 111",
    },
    doctor: {
      name: "Dr. Harpreet Kaur",
      registrationNumber: "PMC/2011/48213",
      qualification: "MBBS, MD (Medicine)",
    },
    patient: { name: "Gurnam Singh", age: 58, sex: "male" },
    lines: LINES,
    advice: "Drink plenty of water. Come back if the fever lasts more than three days.",
    verification: {
      code: "7KD-Q2M-9XW",
      qrPayload: "https://verify.arogya.example/v/7KD-Q2M-9XW",
      verifyUrl: "https://verify.arogya.example/rx",
    },
    ...overrides,
  };
}

/** Twenty distinct medicines, each with instructions, to force the table across pages. */
const TWENTY: PrescriptionLine[] = Array.from({ length: 20 }, (_, i) => ({
  name: `Medicine${String.fromCharCode(65 + i)}ol`,
  strength: `${(i + 1) * 25} mg`,
  form: i % 2 ? "tablet" : "syrup",
  dose: { amount: 1 + (i % 3), unit: i % 2 ? "tablet" : "ml" },
  frequency: ["OD", "BD", "TDS", "HS"][i % 4],
  route: "oral",
  durationDays: 5 + i,
  quantity: 100 + i,
  instructions: `Instruction ${i + 1}: take with a full glass of water, not on an empty stomach, and stop if a rash appears`,
}));

// ---- PDF reading helpers -------------------------------------------------------------------

interface Extracted {
  pages: string[];
  /** Baselines (points from the page bottom) of every text item, per page. */
  baselines: number[][];
  info: Record<string, unknown>;
}

async function extract(pdf: Buffer): Promise<Extracted> {
  const task = getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false });
  const doc = await task.promise;
  const pages: string[] = [];
  const baselines: number[][] = [];
  for (let n = 1; n <= doc.numPages; n += 1) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    const items = content.items.filter(
      (item): item is Extract<typeof item, { str: string }> => "str" in item,
    );
    pages.push(items.map((item) => item.str + (item.hasEOL ? "\n" : "")).join(""));
    baselines.push(items.filter((item) => item.str.trim() !== "").map((item) => item.transform[5] as number));
  }
  const { info } = await doc.getMetadata();
  await task.destroy();
  return { pages, baselines, info: info as Record<string, unknown> };
}

/** Text with all whitespace removed: wrapping may split a value over lines or items. */
const compact = (text: string) => text.replace(/\s+/g, "");

/** The /BaseFont names of the embedded fonts (font dictionaries are not compressed by pdfkit). */
function baseFonts(pdf: Buffer): string[] {
  return [...pdf.toString("latin1").matchAll(/\/BaseFont \/([A-Z]{6}\+)?([\w-]+)/g)].map((m) => m[2]);
}

/** Every `x y w h re` operator of every Flate stream in the file (page content streams). */
function rectangles(pdf: Buffer): Array<[number, number, number, number]> {
  const raw = pdf.toString("latin1");
  const rects: Array<[number, number, number, number]> = [];
  for (const m of raw.matchAll(/stream\r?\n/g)) {
    const start = m.index + m[0].length;
    const end = raw.indexOf("endstream", start);
    let body: string;
    try {
      body = inflateSync(pdf.subarray(start, end)).toString("latin1");
    } catch {
      continue;
    }
    for (const r of body.matchAll(/(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) re/g)) {
      rects.push([Number(r[1]), Number(r[2]), Number(r[3]), Number(r[4])]);
    }
  }
  return rects;
}

/** Rebuilds a QR matrix from the module-high rectangles the renderer drew. */
function matrixFromRects(rects: Array<[number, number, number, number]>): boolean[][] {
  const moduleSize = Math.min(...rects.map((r) => r[3]));
  const x0 = Math.min(...rects.map((r) => r[0]));
  const y0 = Math.min(...rects.map((r) => r[1]));
  const cell = (v: number) => {
    const n = Math.round(v / moduleSize);
    expect(Math.abs(n * moduleSize - v)).toBeLessThan(1e-3);
    return n;
  };
  const size = cell(Math.max(...rects.map((r) => r[0] + r[2])) - x0);
  const matrix = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
  for (const [x, y, w] of rects) {
    const row = cell(y - y0);
    const first = cell(x - x0);
    for (let c = first; c < first + cell(w); c += 1) matrix[row][c] = true;
  }
  return matrix;
}

function referenceMatrix(payload: string): boolean[][] {
  const { modules } = QRCode.create(payload, { errorCorrectionLevel: "M" });
  return Array.from({ length: modules.size }, (_, r) =>
    Array.from({ length: modules.size }, (_, c) => Boolean(modules.get(r, c))),
  );
}

// ---- tests ---------------------------------------------------------------------------------

describe("renderPrescriptionPdf", () => {
  it.each(["en", "hi", "pa"] as const)(
    "prints every medicine, strength, quantity, the code and the id (%s)",
    async (language) => {
      const pdf = await renderPrescriptionPdf(input({ language }));
      expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      const { pages } = await extract(pdf);
      const text = compact(pages.join("\n"));
      for (const line of LINES) {
        expect(text).toContain(compact(line.name));
        expect(text).toContain(compact(line.strength));
        expect(text).toContain(String(line.quantity));
      }
      expect(text).toContain("7KD-Q2M-9XW");
      expect(text).toContain(compact("https://verify.arogya.example/rx"));
      expect(text).toContain(compact("Dr. Harpreet Kaur"));
      expect(text).toContain("PMC/2011/48213");
      expect(text).toContain("Gurnam Singh".replace(" ", ""));
    },
  );

  it("prints the date in the given timezone, not UTC", async () => {
    // 20:00 UTC on 11 March is 01:30 on 12 March in Kolkata.
    const { pages } = await extract(
      await renderPrescriptionPdf(input({ issuedAt: new Date("2026-03-11T20:00:00Z") })),
    );
    expect(pages[0]).toContain("12 March 2026, 01:30");
    expect(pages[0]).not.toContain("11 March 2026");
  });

  it.each(["en", "hi", "pa"] as const)(
    "heads the page with the clinic's address and phone, the doctor's qualification and registration, and the grouped number (%s)",
    async (language) => {
      const { pages } = await extract(await renderPrescriptionPdf(input({ language })));
      const text = compact(pages[0]);
      expect(text).toContain(compact("Arogya Health Centre, Nabha"));
      expect(text).toContain(compact("Hospital Road, Nabha, Patiala, Punjab 147201"));
      expect(text).toContain(compact("+91 1765 220 111"));
      expect(text).toContain(compact("Dr. Harpreet Kaur, MBBS, MD (Medicine)"));
      expect(text).toContain("PMC/2011/48213");
      // The number a pharmacist reads aloud, beside its label ("Prescription no." under the local one).
      expect(text).toContain(compact(`Prescription no.7KD-Q2M-9XW`));
      expect(text).toContain(compact(`Phone: +91 1765 220 111`));
    },
  );

  it.each([
    ["en", "Male", "58 years", "15 capsules"],
    ["hi", "पुरुष", "58", "15"],
    ["pa", "ਪੁਰਸ਼", "58 ਸਾਲ", "15"],
  ] as const)(
    "prints sex, age and quantities with their units in the document's language (%s)",
    async (language, sex, age, quantity) => {
      const l = labelsFor(language);
      const { pages } = await extract(await renderPrescriptionPdf(input({ language })));
      // Devanagari's pre-base vowel sign (ि) extracts in visual order (गोिलयाँ for गोलियाँ): compared without it.
      const unshaped = (t: string) => compact(t).replace(/\u093F/g, "");
      const text = unshaped(pages.join("\n"));
      expect(text).toContain(compact(sex));
      expect(text).not.toMatch(/:male/);
      expect(text).toContain(compact(age));
      expect(text).toContain(compact(quantity));
      // Each quantity carries its unit in the language: 15 capsules, 12 tablets, 1 inhaler.
      for (const line of LINES)
        expect(text).toContain(unshaped(`${line.quantity}${l.formText(line.form, line.quantity)}`));
    },
  );

  it("an English prescription has English labels and no Indic script", async () => {
    const { pages } = await extract(await renderPrescriptionPdf(input({ language: "en" })));
    const text = pages.join("\n");
    expect(text).toContain("Prescription");
    expect(text).toContain("three times a day");
    expect(text).toContain("Digitally signed");
    expect(text).not.toMatch(/[\u0900-\u097F\u0A00-\u0A7F]/);
  });

  it("a Hindi prescription embeds Noto Sans Devanagari and prints Hindi labels", async () => {
    const pdf = await renderPrescriptionPdf(input({ language: "hi" }));
    expect(baseFonts(pdf)).toContain("NotoSansDevanagari-Regular");
    expect(baseFonts(pdf)).toContain("NotoSansDevanagari-Bold");
    expect(baseFonts(pdf).some((f) => f.startsWith("NotoSansGurmukhi"))).toBe(false);
    const text = (await extract(pdf)).pages.join("\n");
    // Words whose letters come out of the PDF in logical order. Words with a pre-base vowel
    // sign (ि, as in "दिन") are shaped into visual order and extract as "िदन", so they are not
    // used here.
    expect(text).toContain(labelsFor("hi").medicine); // दवा
    expect(text).toContain(labelsFor("hi").advice); // सलाह
    expect(text).toContain("दिन में तीन बार".split(" ")[1]); // में
    expect(text).toContain("Medicine"); // English under the Hindi header, for the pharmacist
  });

  it("a Punjabi prescription embeds Noto Sans Gurmukhi and prints Punjabi labels", async () => {
    const pdf = await renderPrescriptionPdf(input({ language: "pa" }));
    expect(baseFonts(pdf)).toContain("NotoSansGurmukhi-Regular");
    expect(baseFonts(pdf)).toContain("NotoSansGurmukhi-Bold");
    expect(baseFonts(pdf).some((f) => f.startsWith("NotoSansDevanagari"))).toBe(false);
    const text = (await extract(pdf)).pages.join("\n");
    expect(text).toContain(labelsFor("pa").medicine); // ਦਵਾਈ
    expect(text).toContain(labelsFor("pa").advice); // ਸਲਾਹ
    expect(text).toContain("Medicine");
  });

  it("prints a Devanagari patient name on a Punjabi prescription in the Devanagari font", async () => {
    const pdf = await renderPrescriptionPdf(
      input({ language: "pa", patient: { name: "सुनीता देवी", age: 40, sex: "female" } }),
    );
    expect(baseFonts(pdf)).toContain("NotoSansDevanagari-Bold");
    expect((await extract(pdf)).pages.join("\n")).toContain("देवी");
  });

  it("sets the title in the metadata and keeps the patient's name out of it", async () => {
    const { info } = await extract(await renderPrescriptionPdf(input()));
    expect(info.Title).toBe("Prescription 7KD-Q2M-9XW");
    expect(JSON.stringify(info)).not.toContain("Gurnam");
    expect(String(info.CreationDate)).toContain("20260312050000");
  });

  it("gives the same bytes for the same input", async () => {
    for (const language of ["en", "hi", "pa"] as const) {
      const a = await renderPrescriptionPdf(input({ language }));
      const b = await renderPrescriptionPdf(input({ language }));
      expect(a.equals(b)).toBe(true);
    }
    const later = await renderPrescriptionPdf(input({ issuedAt: new Date("2026-03-12T05:00:01Z") }));
    expect(later.equals(await renderPrescriptionPdf(input()))).toBe(false);
  });

  it("flows 20 lines over pages, with the header repeated and nothing in the footer band", async () => {
    const { pages, baselines } = await extract(
      await renderPrescriptionPdf(input({ language: "hi", lines: TWENTY })),
    );
    expect(pages.length).toBeGreaterThan(1);
    const all = compact(pages.join("\n"));
    for (const line of TWENTY) {
      expect(all).toContain(line.name);
      expect(all).toContain(String(line.quantity));
    }
    // Each medicine is printed once (not duplicated across a page break).
    for (const line of TWENTY) expect(all.split(line.name).length - 1).toBe(1);
    // Every page after the first says whose prescription it continues and starts its part of
    // the table with the column headers.
    for (const page of pages.slice(1)) {
      expect(page).toContain("Gurnam Singh · 7KD-Q2M-9XW");
      if (TWENTY.some((line) => page.includes(line.name))) expect(page).toContain("Quantity");
    }
    // Every page has the footer, and only the footer sits in the bottom margin (56 pt).
    pages.forEach((page, i) => {
      expect(compact(page)).toContain(compact(`${i + 1} / ${pages.length}`));
      const inMargin = baselines[i].filter((y) => y < 56);
      expect(inMargin.length).toBeGreaterThan(0);
      expect(Math.max(...inMargin)).toBeLessThan(40);
      expect(baselines[i].filter((y) => y >= 40 && y < 56)).toEqual([]);
    });
  });

  it("wraps long text inside its cell instead of losing it", async () => {
    const long =
      "Take one tablet dissolved in half a glass of water every morning after breakfast for the whole course";
    const { pages } = await extract(
      await renderPrescriptionPdf(
        input({
          lines: [
            {
              ...LINES[0],
              name: "Amoxicillin and Potassium Clavulanate Extended Release",
              instructions: long,
            },
          ],
        }),
      ),
    );
    const text = compact(pages.join(""));
    expect(text).toContain(compact("Amoxicillin and Potassium Clavulanate Extended Release"));
    expect(text).toContain(compact(long));
  });

  it("draws the QR code module for module as qrcode encodes the payload", async () => {
    const payload = input().verification.qrPayload;
    const pdf = await renderPrescriptionPdf(input());
    // The QR is the only thing drawn with module-high rectangles (table fills are taller).
    const qr = rectangles(pdf).filter((r) => r[3] < 5);
    expect(qr.length).toBeGreaterThan(50);
    expect(matrixFromRects(qr)).toEqual(referenceMatrix(payload));
    expect(matrixFromRects(qr)).not.toEqual(referenceMatrix(`${payload}x`));
  });

  it("rejects an unknown timezone", async () => {
    await expect(renderPrescriptionPdf(input({ timezone: "Mars/Olympus" }))).rejects.toThrow(/timezone|zone/);
  });
});

describe("qrMatrix", () => {
  it("equals qrcode's own module matrix at error correction M", () => {
    const payload = "arogya:rx:RX-2026-000123:7KQ4-M2XP";
    expect(qrMatrix(payload)).toEqual(referenceMatrix(payload));
    expect(qrMatrix(payload)).not.toEqual(referenceMatrix("arogya:rx:RX-2026-000124:7KQ4-M2XP"));
  });

  it("runs cover exactly the dark modules", () => {
    const matrix = qrMatrix("hello");
    const rebuilt = matrix.map((row) => row.map(() => false));
    for (const [row, col, length] of qrRuns(matrix)) {
      for (let c = col; c < col + length; c += 1) {
        expect(rebuilt[row][c]).toBe(false);
        rebuilt[row][c] = true;
      }
    }
    expect(rebuilt).toEqual(matrix);
  });
});

// labels.ts is pure and small; its checks live here beside their only consumer.
describe("labelsFor", () => {
  it("falls back to English for an unknown language", () => {
    expect(labelsFor("fr").title).toBe("Prescription");
    expect(labelsFor("fr").language).toBe("en");
  });

  it("speaks every frequency, route and form of the request schema in every language", () => {
    for (const language of ["hi", "pa"]) {
      const l = labelsFor(language);
      const script = language === "hi" ? /[\u0900-\u097F]/ : /[\u0A00-\u0A7F]/;
      for (const code of FREQUENCIES) expect(l.frequencyText(code)).toMatch(script);
      for (const route of ROUTES) expect(l.routeText(route)).toMatch(script);
      for (const form of FORMS) expect(l.formText(form)).toMatch(script);
    }
  });

  it("words frequencies, counts and unknown codes", () => {
    const en = labelsFor("en");
    expect(en.frequencyText("BD")).toBe("twice a day");
    expect(en.frequencyText("sos", 3)).toBe("when needed (max 3 a day)");
    expect(en.frequencyText("SOS")).toBe("when needed");
    expect(labelsFor("hi").frequencyText("SOS", 4)).toContain("4 बार");
    expect(en.frequencyText("Q12H")).toBe("Q12H");
    expect(en.routeText("transdermal")).toBe("transdermal");
    expect(en.formText("tablet", 2)).toBe("tablets");
    expect(en.formText("tablets", 1)).toBe("tablet");
    expect(en.formText("mg", 5)).toBe("mg");
    expect(en.daysText(1)).toBe("1 day");
    expect(en.daysText(5)).toBe("5 days");
    expect(labelsFor("hi").daysText(5)).toBe("5 दिन");
    expect(labelsFor("pa").formText("tablet", 2)).toBe("ਗੋਲੀਆਂ");
    expect(en.formName("drops")).toBe("drops");
    expect(en.formName("tablet")).toBe("tablet");
    expect(labelsFor("hi").formName("drops")).toBe("बूँदें");
    expect(en.formName("patch")).toBe("patch");
  });
});
