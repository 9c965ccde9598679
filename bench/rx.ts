// `npx tsx bench/rx.ts`: the cost of rendering an e-prescription PDF, written to
// bench/results/rx.json and printed. Needs no emulator.
//
// A realistic 5-line Hindi prescription (Noto Sans Devanagari embedded and subset, a QR code,
// bilingual labels) is rendered RUNS times after WARMUP unmeasured renders, interleaved in the
// same loop with a one-line pdfkit document ("Hello" in Helvetica), so both see the same machine
// state. Reported: the first render in this process (it loads pdfkit, qrcode and reads the fonts),
// the median of each, their ratio, and the prescription's size in bytes in en, hi and pa.
import { createRequire } from "node:module";
import path from "node:path";
import type PDFKitModule from "pdfkit";
import {
  renderPrescriptionPdf,
  type PrescriptionPdfInput,
} from "../functions/src/adapters/pdf/prescriptionPdf";
import { ROOT, median, round, writeResults } from "./lib";

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const WARMUP = 3;

const prescription: PrescriptionPdfInput = {
  prescriptionId: "RX-2026-000123",
  language: "hi",
  issuedAt: new Date("2026-03-12T05:00:00Z"),
  timezone: "Asia/Kolkata",
  clinic: { name: "Arogya Health Centre, Nabha", address: "Hospital Road, Nabha, Patiala, Punjab 147201" },
  doctor: {
    name: "Dr. Harpreet Kaur",
    registrationNumber: "PMC/2011/48213",
    qualification: "MBBS, MD (Medicine)",
  },
  patient: { name: "सुनीता देवी", age: 46, sex: "F" },
  lines: [
    {
      name: "Amoxicillin",
      strength: "500 mg",
      form: "capsule",
      dose: { amount: 1, unit: "capsule" },
      frequency: "TDS",
      route: "oral",
      durationDays: 5,
      quantity: 15,
      instructions: "खाने के बाद",
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
      instructions: "बुखार 100°F से ज़्यादा हो तब",
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
      instructions: "नाश्ते से 30 मिनट पहले",
    },
    {
      name: "Cetirizine",
      strength: "10 mg",
      form: "tablet",
      dose: { amount: 1, unit: "tablet" },
      frequency: "HS",
      route: "oral",
      durationDays: 5,
      quantity: 5,
    },
    {
      name: "ORS",
      strength: "21.8 g",
      form: "sachet",
      dose: { amount: 1, unit: "sachet" },
      frequency: "BD",
      route: "oral",
      durationDays: 3,
      quantity: 6,
      instructions: "1 लीटर साफ़ पानी में घोलें",
    },
  ],
  advice: "खूब पानी पिएँ और आराम करें। बुखार तीन दिन से ज़्यादा रहे तो दोबारा दिखाएँ।",
  verification: {
    code: "7KQ4-M2XP",
    qrPayload: "https://verify.arogya.example/rx/RX-2026-000123?c=7KQ4-M2XP",
    verifyUrl: "https://verify.arogya.example/rx",
  },
};

// pdfkit lives in functions/node_modules; load the same copy the adapter uses.
const requireFromFunctions = createRequire(path.join(ROOT, "functions", "package.json"));

function renderHello(PDFDocument: typeof PDFKitModule): Promise<Buffer> {
  const doc = new PDFDocument({ size: "A4", info: { CreationDate: prescription.issuedAt } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  doc.text("Hello");
  doc.end();
  return done;
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, value };
}

// First render in this process: loads pdfkit, fontkit, qrcode and reads the TTF files.
const first = await timed(() => renderPrescriptionPdf(prescription));
const PDFDocument = requireFromFunctions("pdfkit") as typeof PDFKitModule;

for (let i = 0; i < WARMUP; i += 1) {
  await renderPrescriptionPdf(prescription);
  await renderHello(PDFDocument);
}
const rxMs: number[] = [];
const helloMs: number[] = [];
let helloBytes = 0;
for (let i = 0; i < RUNS; i += 1) {
  rxMs.push((await timed(() => renderPrescriptionPdf(prescription))).ms);
  const hello = await timed(() => renderHello(PDFDocument));
  helloMs.push(hello.ms);
  helloBytes = hello.value.length;
}

// Sizes: the same prescription with the doctor's free text (patient name, instructions, advice)
// written in each language, so each file embeds only its own script's font.
const FREE_TEXT = {
  en: {
    patient: "Sunita Devi",
    instructions: [
      "After food",
      "When the fever is above 100°F",
      "30 minutes before breakfast",
      undefined,
      "Dissolve in 1 litre of clean water",
    ],
    advice: "Drink plenty of water and rest. Come back if the fever lasts more than three days.",
  },
  hi: {
    patient: prescription.patient.name,
    instructions: prescription.lines.map((line) => line.instructions),
    advice: prescription.advice,
  },
  pa: {
    patient: "ਸੁਨੀਤਾ ਦੇਵੀ",
    instructions: [
      "ਖਾਣੇ ਤੋਂ ਬਾਅਦ",
      "ਜਦੋਂ ਬੁਖ਼ਾਰ 100°F ਤੋਂ ਵੱਧ ਹੋਵੇ",
      "ਨਾਸ਼ਤੇ ਤੋਂ 30 ਮਿੰਟ ਪਹਿਲਾਂ",
      undefined,
      "1 ਲੀਟਰ ਸਾਫ਼ ਪਾਣੀ ਵਿੱਚ ਘੋਲੋ",
    ],
    advice: "ਖ਼ੂਬ ਪਾਣੀ ਪੀਓ ਅਤੇ ਆਰਾਮ ਕਰੋ। ਬੁਖ਼ਾਰ ਤਿੰਨ ਦਿਨਾਂ ਤੋਂ ਵੱਧ ਰਹੇ ਤਾਂ ਦੁਬਾਰਾ ਦਿਖਾਓ।",
  },
} as const;
const sizes: Record<string, number> = {};
for (const language of ["en", "hi", "pa"] as const) {
  const text = FREE_TEXT[language];
  const pdf = await renderPrescriptionPdf({
    ...prescription,
    language,
    patient: { ...prescription.patient, name: text.patient },
    lines: prescription.lines.map((line, i) => ({ ...line, instructions: text.instructions[i] })),
    advice: text.advice,
  });
  sizes[language] = pdf.length;
}

const rx = median(rxMs);
const hello = median(helloMs);
const figures = {
  runs: RUNS,
  warmup: WARMUP,
  firstRenderMs: round(first.ms),
  prescriptionHi5LinesMsMedian: round(rx),
  helloOneLineMsMedian: round(hello),
  prescriptionToHelloRatio: round(rx / hello),
  prescriptionMsMin: round(Math.min(...rxMs)),
  prescriptionMsMax: round(Math.max(...rxMs)),
  bytes: { ...sizes, hello: helloBytes },
};
const file = writeResults("rx", figures);
console.log(figures);
console.log(`\nwritten to ${path.relative(ROOT, file)}`);
console.log(
  `5-line Hindi prescription: median ${figures.prescriptionHi5LinesMsMedian} ms vs one-line pdfkit "Hello" ${figures.helloOneLineMsMedian} ms ` +
    `(x${figures.prescriptionToHelloRatio}); first render in the process ${figures.firstRenderMs} ms`,
);
console.log(`size: en ${sizes.en} B, hi ${sizes.hi} B, pa ${sizes.pa} B (Hello ${helloBytes} B)`);
