import type { Language } from "../../schemas/common";
import type { MedicationLine } from "../../schemas/prescriptions";
import { labelsFor, type PageHeading } from "./labels";

/**
 * The verification page a pharmacist opens from the QR or by typing the short code
 * (handlers/prescriptions/verificationPage.ts serves it through Hosting at `/v/{code}`). Pure: it
 * takes what to show and the language, and writes HTML in which every value from a prescription
 * is escaped. The patient appears by initials and age only.
 */

/** A line as prescribed, with the units dispensed so far (all pharmacies). */
export type PageLine = Pick<
  MedicationLine,
  "name" | "strength" | "form" | "dose" | "frequency" | "maxPerDay" | "route" | "durationDays" | "quantity"
> & { dispensed: number };

export interface PrescriptionView {
  code: string;
  /** The day of issue, YYYY-MM-DD, in the clinic's timezone. */
  issuedOn: string;
  doctorName: string;
  registrationNumber: string;
  qualification?: string;
  clinicName: string;
  patientInitials: string;
  patientAge?: number;
  lines: PageLine[];
  advice?: string;
  /** Set when the prescription may not be dispensed (its appointment was cancelled, or it expired). */
  voidReason?: string;
}

export type PageView =
  | { kind: "prescription"; rx: PrescriptionView }
  /** The form to type a code, with what was typed when it could not be a code. */
  | { kind: "lookup"; typed?: string }
  | { kind: "notFound" }
  | { kind: "limited"; retryAfterSeconds: number };

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Text for HTML content and quoted attributes. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/**
 * The language to answer in: `?lang=` when it is one the page speaks, else the first language of
 * Accept-Language (by weight) that it speaks, else English.
 */
export function pageLanguage(lang: unknown, acceptLanguage: string | undefined): Language {
  const speaks = (l: string): l is Language => l === "en" || l === "hi" || l === "pa";
  if (typeof lang === "string" && speaks(lang)) return lang;
  const ranked = (acceptLanguage ?? "")
    .slice(0, 500)
    .split(",")
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { primary: tag.split("-")[0].toLowerCase(), q: q === undefined ? 1 : Number(q), i };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return (ranked.find((x) => speaks(x.primary))?.primary as Language | undefined) ?? "en";
}

function dispensingState(rx: PrescriptionView): "notDispensed" | "fullyDispensed" | "partlyDispensed" {
  const given = rx.lines.reduce((s, l) => s + Math.min(l.dispensed, l.quantity), 0);
  const wanted = rx.lines.reduce((s, l) => s + l.quantity, 0);
  return given === 0 ? "notDispensed" : given >= wanted ? "fullyDispensed" : "partlyDispensed";
}

function prescriptionBody(rx: PrescriptionView, lang: Language): string {
  const L = labelsFor(lang);
  const t = (k: PageHeading) => L[k];
  const e = escapeHtml;
  const status = rx.voidReason
    ? `<p class="bad" id="status">${e(t("invalid"))}: ${e(rx.voidReason)}</p>`
    : `<p class="ok" id="status">${e(t("valid"))}</p>`;
  const rows = rx.lines
    .map((l) => {
      const dose = `${e(l.dose.amount)} ${e(L.formText(l.dose.unit, l.dose.amount))}`;
      const how = `${e(L.frequencyText(l.frequency, l.maxPerDay))}, ${e(L.routeText(l.route))}, ${e(L.daysText(l.durationDays))}`;
      const left = Math.max(0, l.quantity - l.dispensed);
      return (
        `<tr><td><b>${e(l.name)}</b> ${e(l.strength)} ${e(L.formName(l.form))}<br>${dose}; ${how}</td>` +
        `<td>${e(l.quantity)}</td><td>${e(l.dispensed)}</td><td>${e(left)}</td></tr>`
      );
    })
    .join("");
  const age = rx.patientAge === undefined ? "" : `, ${e(rx.patientAge)} ${e(t("years"))}`;
  return [
    status,
    `<p id="code">${e(L.verificationCode)}: <b>${e(rx.code)}</b> · ${e(L.date)}: ${e(rx.issuedOn)}</p>`,
    `<p>${e(L.doctor)}: <b>${e(rx.doctorName)}</b>`,
    rx.qualification ? ` (${e(rx.qualification)})` : "",
    ` · ${e(L.registrationNumber)}: ${e(rx.registrationNumber)} · ${e(t("clinic"))}: ${e(rx.clinicName)}</p>`,
    `<p>${e(L.patient)}: <b>${e(rx.patientInitials)}</b>${age}</p>`,
    `<p id="dispensing">${e(t(dispensingState(rx)))}</p>`,
    `<table><tr><th>${e(L.medicine)}</th><th>${e(L.quantity)}</th><th>${e(t("dispensed"))}</th><th>${e(t("remaining"))}</th></tr>${rows}</table>`,
    rx.advice ? `<p>${e(L.advice)}: ${e(rx.advice)}</p>` : "",
  ].join("");
}

function lookupForm(lang: Language, typed?: string): string {
  const e = escapeHtml;
  const T = labelsFor(lang);
  return (
    `<form method="get" action="/v"><label>${e(T.enterCode)} ` +
    `<input name="code" autocomplete="off" autocapitalize="characters" inputmode="text" maxlength="20" value="${e(typed ?? "")}"></label>` +
    `<input type="hidden" name="lang" value="${lang}"><button>${e(T.check)}</button></form>`
  );
}

/** The whole page, and the HTTP status it goes with. */
export function renderVerificationPage(view: PageView, lang: Language): { status: number; html: string } {
  const e = escapeHtml;
  const T = labelsFor(lang);
  let status = 200;
  let body: string;
  switch (view.kind) {
    case "prescription":
      body = prescriptionBody(view.rx, lang);
      break;
    case "lookup":
      status = view.typed === undefined ? 200 : 400;
      body =
        (view.typed === undefined ? "" : `<p class="bad" id="status">${e(T.malformed)}</p>`) +
        lookupForm(lang, view.typed);
      break;
    case "notFound":
      status = 404;
      body = `<p class="bad" id="status">${e(T.notFound)}</p>${lookupForm(lang)}`;
      break;
    case "limited":
      status = 429;
      body = `<p class="bad" id="status">${e(T.limited.replace("{s}", String(view.retryAfterSeconds)))}</p>`;
      break;
  }
  const langs = (["en", "hi", "pa"] as const)
    .map((l) => `<a href="?lang=${l}">${l === "en" ? "English" : l === "hi" ? "हिन्दी" : "ਪੰਜਾਬੀ"}</a>`)
    .join(" · ");
  const html =
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex">` +
    `<title>${e(T.pageTitle)}</title><style>body{font:16px/1.4 system-ui,sans-serif;margin:1em;max-width:40em}` +
    `.ok{background:#e6f4ea;color:#0d652d;padding:.5em;font-weight:bold}.bad{background:#fce8e6;color:#a50e0e;padding:.5em;font-weight:bold}` +
    `table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.3em;text-align:left;vertical-align:top}</style></head>` +
    `<body><h1>${e(T.pageTitle)}</h1>${body}<p>${langs}</p></body></html>`;
  return { status, html };
}
