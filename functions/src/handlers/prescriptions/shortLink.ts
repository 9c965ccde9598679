import { logger } from "firebase-functions/v2";
import { signedDownloadUrl } from "../../adapters/storage/bucket";
import { RX_LINK_MINUTES } from "../../config/prescriptions";
import { labelsFor } from "../../domain/prescriptions/labels";
import { escapeHtml, pageLanguage } from "../../domain/prescriptions/verificationPage";
import { getPrescription } from "../../repo/prescriptions";
import { getRxLink, markRxLinkUsed } from "../../repo/rxLinks";
import { runTransaction } from "../../repo/transaction";
import type { Language } from "../../schemas/common";
import { ensurePrescriptionPdf } from "../../services/prescriptions/prescriptionPdf";

const TOKEN = /^[A-Za-z0-9_-]{10}$/;

export interface LinkAnswer {
  status: number;
  html: string;
  location?: string;
}

function html(lang: Language, body: string): string {
  return (
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex">` +
    `<title>${escapeHtml(labelsFor(lang).linkTitle)}</title></head><body><h1>${escapeHtml(labelsFor(lang).linkTitle)}</h1>${body}</body></html>`
  );
}

/**
 * The short link in a prescription SMS, `/s/{token}` (Hosting rewrites it to the `api` function).
 * GET shows a page with one button; its POST takes a fresh signed download (RX_LINK_MINUTES) of
 * the patient's PDF and marks the link used, then redirects to it. A GET never spends the link,
 * so a messaging app that fetches a preview does not use it up. Whoever holds the SMS is the
 * patient as far as this link goes (as with the signed URL it replaces), for one download within
 * RX_SHORT_LINK_DAYS; afterwards the app (signed in) gives links (prescriptionLink). An unknown,
 * used or expired token gets the same 410 page.
 */
export async function shortLink(
  req: { token: string; method: "GET" | "POST"; query: Record<string, unknown>; acceptLanguage?: string },
  now: Date,
): Promise<LinkAnswer> {
  const lang = pageLanguage(req.query.lang, req.acceptLanguage);
  const gone: LinkAnswer = {
    status: 410,
    html: html(lang, `<p>${escapeHtml(labelsFor(lang).linkGone)}</p>`),
  };
  if (!TOKEN.test(req.token)) return gone;
  const link = await getRxLink(req.token);
  if (!link || link.usedAt || link.expiresAt.toMillis() < now.getTime()) return gone;
  if (req.method === "GET")
    return {
      status: 200,
      html: html(
        lang,
        `<form method="post" action="/s/${req.token}?lang=${lang}"><button>${escapeHtml(labelsFor(lang).linkDownload)}</button></form><p>${escapeHtml(labelsFor(lang).linkOnce)}</p>`,
      ),
    };
  const rx = await getPrescription(link.prescriptionId);
  if (!rx || rx.patientUid !== link.patientUid) return gone;
  await ensurePrescriptionPdf(link.prescriptionId, rx);
  const download = await signedDownloadUrl({
    path: rx.pdfPath,
    expiresInSeconds: RX_LINK_MINUTES * 60,
    downloadName: `prescription-${link.prescriptionId}.pdf`,
  });
  // Used up at most once: of two presses at once, the second finds it used and gets `gone`.
  const first = await runTransaction(async (tx) => {
    const again = await getRxLink(req.token, tx);
    if (!again || again.usedAt) return false;
    markRxLinkUsed(tx, req.token, now);
    return true;
  });
  if (!first) return gone;
  logger.info("prescription.shortLinkUsed", { prescriptionId: link.prescriptionId });
  return { status: 303, location: download.url, html: "" };
}
