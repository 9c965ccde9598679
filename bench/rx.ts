// `npm run bench:rx` (inside the emulators): the cost of rendering an e-prescription PDF, the
// verification page's answers per second through the Hosting emulator beside the bare health
// endpoint in the same run, and the prescription SMS's segments per language (against the issue's
// limits: 2 in English, 4 in Hindi or Punjabi) and the hold messages' segments; written to
// bench/results/rx.json and printed. `npx tsx bench/rx.ts` alone (no emulators) measures the PDF
// and the segments and says the page was not measured.
//
// A realistic 5-line Hindi prescription (Noto Sans Devanagari embedded and subset, a QR code,
// bilingual labels) is rendered RUNS times after WARMUP unmeasured renders, interleaved in the
// same loop with a one-line pdfkit document ("Hello" in Helvetica), so both see the same machine
// state. Reported: the first render in this process (it loads pdfkit, qrcode and reads the fonts),
// the median of each, their ratio, and the prescription's size in bytes in en, hi and pa.
//
// WARMUP is 50 (BENCH_WARMUP overrides it; it was 3): once rendering stopped being dominated by
// text shaping, V8 compiling the renderer's hot paths (on background threads, which CPU time counts
// and which compete for the cores) showed in the first 40 or so renders, so 3 warm-ups measured
// mostly that.
//
// The same prescription rendered again meets the renderer's process-wide caches at their best
// (its QR code, every string already shaped and wrapped). In production each render is a new
// prescription: a new id, verification code and QR payload, and a patient's name. So a second
// loop renders a distinct prescription each time (those fields changed; names combined from common
// first and family names), interleaved with "Hello" again, reported as distinct*. secondRenderMs
// is the render after the first (a distinct prescription, fonts already parsed). Medians of CPU
// time (process.cpuUsage) are given beside the wall-clock ones: on a busy machine the wall clock
// also counts waiting for a core, which a longer task does more often, and inflates the ratio.
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import type PDFKitModule from "pdfkit";
import {
  renderPrescriptionPdf,
  type PrescriptionPdfInput,
} from "../functions/src/adapters/pdf/prescriptionPdf";
import { ROOT, median, round, writeResults } from "./lib";

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 50);

const prescription: PrescriptionPdfInput = {
  prescriptionNumber: "7KD-Q2M-9XW",
  language: "hi",
  issuedAt: new Date("2026-03-12T05:00:00Z"),
  timezone: "Asia/Kolkata",
  clinic: {
    name: "Arogya Health Centre, Nabha",
    address: "Hospital Road, Nabha, Patiala, Punjab 147201",
    phone: "+91 1765220111",
  },
  doctor: {
    name: "Dr. Harpreet Kaur",
    registrationNumber: "PMC/2011/48213",
    qualification: "MBBS, MD (Medicine)",
  },
  patient: { name: "सुनीता देवी", age: 46, sex: "female" },
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
    code: "7KD-Q2M-9XW",
    qrPayload: "https://verify.arogya.example/v/7KD-Q2M-9XW",
    verifyUrl: "https://verify.arogya.example/v",
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

/** Wall-clock and CPU milliseconds of one awaited call. */
async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; cpuMs: number; value: T }> {
  const cpu = process.cpuUsage();
  const t = process.hrtime.bigint();
  const value = await fn();
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000, value };
}

const FIRST_NAMES = ["सुनीता", "रमेश", "गीता", "अमनदीप", "पूजा", "हरपाल", "कविता", "महेंद्र"];
const FAMILY_NAMES = ["देवी", "कुमार", "शर्मा", "सिंह", "कौर", "वर्मा", "गुप्ता", "यादव"];

/** The n-th distinct prescription: its own number (short code), QR payload and patient. */
function distinct(n: number): PrescriptionPdfInput {
  const code = `${(46_656 + n * 7919).toString(36).toUpperCase().slice(-3)}-Q2M-9XW`;
  const first = FIRST_NAMES[n % FIRST_NAMES.length];
  const family = FAMILY_NAMES[Math.floor(n / FIRST_NAMES.length) % FAMILY_NAMES.length];
  return {
    ...prescription,
    prescriptionNumber: code,
    patient: { ...prescription.patient, name: `${first} ${family}` },
    verification: {
      ...prescription.verification,
      code,
      qrPayload: `https://verify.arogya.example/v/${code}`,
    },
  };
}
let distinctCount = 0;

// First render in this process: loads pdfkit, fontkit, qrcode and reads the TTF files.
const first = await timed(() => renderPrescriptionPdf(prescription));
// Second: another prescription, with everything loaded.
const second = await timed(() => renderPrescriptionPdf(distinct(distinctCount++)));
const PDFDocument = requireFromFunctions("pdfkit") as typeof PDFKitModule;

for (let i = 0; i < WARMUP; i += 1) {
  await renderPrescriptionPdf(prescription);
  await renderHello(PDFDocument);
}
const loadBefore = os.loadavg()[0];
const rxMs: number[] = [];
const rxCpuMs: number[] = [];
const helloMs: number[] = [];
const helloCpuMs: number[] = [];
let helloBytes = 0;
for (let i = 0; i < RUNS; i += 1) {
  const rx = await timed(() => renderPrescriptionPdf(prescription));
  rxMs.push(rx.ms);
  rxCpuMs.push(rx.cpuMs);
  const hello = await timed(() => renderHello(PDFDocument));
  helloMs.push(hello.ms);
  helloCpuMs.push(hello.cpuMs);
  helloBytes = hello.value.length;
}
// Then distinct prescriptions, in their own loop (their garbage is not collected during the
// renders above), interleaved with "Hello" again.
const distinctMs: number[] = [];
const distinctCpuMs: number[] = [];
const distinctHelloMs: number[] = [];
const distinctHelloCpuMs: number[] = [];
for (let i = 0; i < RUNS; i += 1) {
  const rx = await timed(() => renderPrescriptionPdf(distinct(distinctCount++)));
  distinctMs.push(rx.ms);
  distinctCpuMs.push(rx.cpuMs);
  const hello = await timed(() => renderHello(PDFDocument));
  distinctHelloMs.push(hello.ms);
  distinctHelloCpuMs.push(hello.cpuMs);
}
const loadAfter = os.loadavg()[0];

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
const helloCpu = median(helloCpuMs);
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
  secondRenderMs: round(second.ms),
  distinctPrescriptionMsMedian: round(median(distinctMs)),
  distinctPrescriptionToHelloRatio: round(median(distinctMs) / median(distinctHelloMs)),
  cpu: {
    prescriptionMsMedian: round(median(rxCpuMs)),
    helloMsMedian: round(helloCpu),
    prescriptionToHelloRatio: round(median(rxCpuMs) / helloCpu),
    distinctPrescriptionMsMedian: round(median(distinctCpuMs)),
    distinctPrescriptionToHelloRatio: round(median(distinctCpuMs) / median(distinctHelloCpuMs)),
  },
  loadAverage1m: { before: round(loadBefore), after: round(loadAfter) },
};
const counter = await counterFigures();
const file = writeResults("rx", { ...figures, ...counter });
console.log(figures);
console.log(`\nwritten to ${path.relative(ROOT, file)}`);
console.log(
  `5-line Hindi prescription: median ${figures.prescriptionHi5LinesMsMedian} ms vs one-line pdfkit "Hello" ${figures.helloOneLineMsMedian} ms ` +
    `(x${figures.prescriptionToHelloRatio}); first render in the process ${figures.firstRenderMs} ms, second ${figures.secondRenderMs} ms`,
);
console.log(
  `a distinct prescription each time: median ${figures.distinctPrescriptionMsMedian} ms (x${figures.distinctPrescriptionToHelloRatio}); ` +
    `CPU time: x${figures.cpu.prescriptionToHelloRatio} same, x${figures.cpu.distinctPrescriptionToHelloRatio} distinct ` +
    `(load average ${figures.loadAverage1m.before} -> ${figures.loadAverage1m.after} on ${os.cpus().length} CPUs)`,
);
console.log(`size: en ${sizes.en} B, hi ${sizes.hi} B, pa ${sizes.pa} B (Hello ${helloBytes} B)`);

// ---- the counter (issue 16) ------------------------------------------------------------------

/**
 * The prescription SMS in each language, with the short link at a realistic length and a long
 * doctor's name, measured by the segment counter (domain/notifications/segments.ts).
 */
async function smsSegmentFigures() {
  const { renderMessage } = await import("../functions/src/domain/notifications/templates");
  const { smsSegments } = await import("../functions/src/domain/notifications/segments");
  // The limits: at most 2 segments in English, 4 in Hindi or Punjabi.
  const LIMIT = { en: 2, hi: 4, pa: 4 } as const;
  const out: Record<
    string,
    { segments: number; encoding: string; units: number; limit: number; withinLimit: boolean }
  > = {};
  for (const language of ["en", "hi", "pa"] as const) {
    const body = renderMessage(
      "prescription.ready",
      language,
      { doctorName: "Dr. Harpreet Kaur Sandhu", link: "https://app.arogya.example/s/Xy3_k9LmQ2" },
      { timezone: "Asia/Kolkata" },
    );
    const measured = smsSegments(body);
    out[language] = {
      ...measured,
      limit: LIMIT[language],
      withinLimit: measured.segments <= LIMIT[language],
    };
  }
  return out;
}

/**
 * The patient's messages about a hold at a pharmacy (confirmed, declined, lapsed), segments per
 * language, with a long pharmacy name: informative (the issue sets no limit for them).
 */
async function reservationSegmentFigures() {
  const { renderMessage } = await import("../functions/src/domain/notifications/templates");
  const { smsSegments } = await import("../functions/src/domain/notifications/segments");
  const pharmacyName = "Sri Guru Nanak Medical Hall and Chemists";
  const pickupBy = new Date("2026-11-23T12:30:00Z");
  const out: Record<string, Record<string, number>> = {};
  for (const language of ["en", "hi", "pa"] as const) {
    const at = { timezone: "Asia/Kolkata" };
    out[language] = {
      confirmed: smsSegments(renderMessage("reservation.confirmed", language, { pharmacyName, pickupBy }, at))
        .segments,
      declined: smsSegments(renderMessage("reservation.declined", language, { pharmacyName }, at)).segments,
      lapsed: smsSegments(renderMessage("reservation.lapsed", language, { pharmacyName, pickupBy }, at))
        .segments,
    };
  }
  return out;
}

/**
 * Answers per second for `path` through Hosting, CONCURRENCY clients for SECONDS, counting 200s
 * (and any other status apart).
 */
async function rate(path: string, seconds: number, concurrency: number) {
  const until = Date.now() + seconds * 1000;
  let ok = 0;
  const other: Record<number, number> = {};
  const started = Date.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < until) {
        const res = await fetch(`http://127.0.0.1:5000${path}`);
        await res.arrayBuffer();
        if (res.status === 200) ok += 1;
        else other[res.status] = (other[res.status] ?? 0) + 1;
      }
    }),
  );
  return { perSecond: round(ok / ((Date.now() - started) / 1000)), ok, other };
}

async function counterFigures() {
  const smsSegmentsByLanguage = await smsSegmentFigures();
  console.log("prescription SMS segments:", smsSegmentsByLanguage);
  const reservationSmsSegments = await reservationSegmentFigures();
  console.log("reservation SMS segments:", reservationSmsSegments);
  if (!process.env.FIRESTORE_EMULATOR_HOST)
    return {
      smsSegments: smsSegmentsByLanguage,
      reservationSmsSegments,
      verificationPage: "not measured: run `npm run bench:rx` (emulators)",
    };
  const { readFileSync } = await import("node:fs");
  const { getApps, initializeApp } = await import("firebase-admin/app");
  const { getFirestore, Timestamp } = await import("firebase-admin/firestore");
  const { rxKeysFrom } = await import("../functions/src/adapters/keys/rxSigningKey");
  const { signPrescription } = await import("../functions/src/domain/prescriptions/signing");
  type PrescriptionContent = import("../functions/src/domain/prescriptions/signing").PrescriptionContent;
  const { formatShortCode, shortCodeFrom } = await import("../functions/src/domain/prescriptions/shortCode");
  if (!getApps().length) initializeApp({ projectId: process.env.GCLOUD_PROJECT ?? "demo-arogya" });
  const db = getFirestore();
  // A prescription as issuePrescription stores it, signed with the emulator's key.
  const secret = readFileSync(path.join(ROOT, "functions", ".secret.local"), "utf8").match(
    /^RX_SIGNING_KEY=(.*)$/m,
  )![1];
  const keys = rxKeysFrom(secret.trim());
  const id = db.collection("prescriptions").doc().id;
  const code = shortCodeFrom(crypto.getRandomValues(new Uint8Array(5)));
  const content = {
    id,
    patientUid: "bench-patient",
    patientName: "Sunita Devi",
    doctorUid: "bench-doctor",
    doctorName: "Dr. Harpreet Kaur",
    registrationNumber: "PMC/2011/48213",
    org: "bench-org",
    orgName: "Arogya Health Centre, Nabha",
    appointmentId: "bench-appointment",
    issuedAt: new Date().toISOString(),
    // The PDF input's lines are the prescription's (the schema's codes), typed loosely there.
    lines: prescription.lines.map(({ instructions: _, ...line }) => line) as PrescriptionContent["lines"],
    keyId: keys.keyId,
  };
  await db.doc(`prescriptions/${id}`).set({
    content,
    signature: signPrescription(content, keys.privateKey),
    verificationCode: formatShortCode(code),
    patientUid: content.patientUid,
    doctorUid: content.doctorUid,
    org: content.org,
    appointmentId: content.appointmentId,
    language: "hi",
    pdfPath: `prescriptions/bench-patient/${id}.pdf`,
    status: "issued",
    createdAt: Timestamp.now(),
    patientAge: 46,
  });
  await db.doc(`rxCodes/${code}`).set({ prescriptionId: id, createdAt: Timestamp.now() });
  const page = `/v/${formatShortCode(code)}?lang=hi`;
  const warm = await fetch(`http://127.0.0.1:5000${page}`);
  if (warm.status !== 200) throw new Error(`the verification page answered ${warm.status}`);
  await fetch("http://127.0.0.1:5000/api/health");
  const SECONDS = Number(process.env.BENCH_PAGE_SECONDS ?? 5);
  const CONCURRENCY = 4;
  // Interleaved, twice each, so both see the same machine state.
  const health1 = await rate("/api/health", SECONDS, CONCURRENCY);
  const page1 = await rate(page, SECONDS, CONCURRENCY);
  const health2 = await rate("/api/health", SECONDS, CONCURRENCY);
  const page2 = await rate(page, SECONDS, CONCURRENCY);
  const verificationPage = {
    concurrency: CONCURRENCY,
    secondsEach: SECONDS * 2,
    pageAnswersPerSecond: round((page1.perSecond + page2.perSecond) / 2),
    healthAnswersPerSecond: round((health1.perSecond + health2.perSecond) / 2),
    pageToHealthRatio: round((page1.perSecond + page2.perSecond) / (health1.perSecond + health2.perSecond)),
    notOk: { page: [page1.other, page2.other], health: [health1.other, health2.other] },
  };
  console.log("verification page through Hosting:", verificationPage);
  return { smsSegments: smsSegmentsByLanguage, reservationSmsSegments, verificationPage };
}
