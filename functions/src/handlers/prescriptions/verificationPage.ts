import { createHash } from "node:crypto";
import { HttpsError } from "firebase-functions/v2/https";
import { logger } from "firebase-functions/v2";
import { formatShortCode, parseShortCode } from "../../domain/prescriptions/shortCode";
import { initials } from "../../domain/prescriptions/document";
import {
  pageLanguage,
  renderVerificationPage,
  type PageView,
  type PrescriptionView,
} from "../../domain/prescriptions/verificationPage";
import { dispensingRefusal, expiryRefusal } from "../../domain/prescriptions/window";
import { wallTimeOf } from "../../domain/scheduling/slots";
import { getAppointment } from "../../repo/appointments";
import { getPrescription, type PrescriptionDoc } from "../../repo/prescriptions";
import { getRxCode } from "../../repo/rxCodes";
import { enforceClientRateLimit } from "../../services/callable/rateLimit";
import { isGenuine } from "../../services/prescriptions/verification";

export interface PageRequest {
  /** What follows `/v/` in the path (undecoded), or null for `/v` itself. */
  pathCode: string | null;
  query: Record<string, unknown>;
  acceptLanguage?: string;
  /** The client's address, hashed here for its rate-limit counter, never stored. */
  clientIp: string;
}

/** The page, or (`location`) a redirect from the typed-code form to the code's own address. */
export interface PageAnswer {
  status: number;
  html: string;
  location?: string;
}

/** What the page shows of a genuine prescription: initials and age, never the name. */
export function prescriptionView(
  rx: PrescriptionDoc,
  facts: { appointmentStatus: string | null; timezone: string; now: Date },
): PrescriptionView {
  const c = rx.content;
  const issuedMs = Date.parse(c.issuedAt);
  const all = rx.status === "dispensed" && !rx.dispensedQuantities;
  return {
    code: rx.verificationCode,
    issuedOn: wallTimeOf(issuedMs, facts.timezone).localDate,
    doctorName: c.doctorName,
    registrationNumber: c.registrationNumber,
    clinicName: c.orgName,
    patientInitials: initials(c.patientName),
    ...(rx.patientAge !== undefined ? { patientAge: rx.patientAge } : {}),
    lines: c.lines.map((l, i) => ({
      ...l,
      dispensed: all ? l.quantity : (rx.dispensedQuantities?.[i] ?? 0),
    })),
    ...(c.advice ? { advice: c.advice } : {}),
    ...(() => {
      const reason =
        dispensingRefusal(facts.appointmentStatus) ?? expiryRefusal(issuedMs, facts.now.getTime());
      return reason ? { voidReason: reason } : {};
    })(),
  };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

const clientKey = (ip: string) =>
  createHash("sha256").update(`rx-page:${ip}`).digest("base64url").slice(0, 22);

/**
 * The verification page (Hosting: `/v/{code}` from the QR, `/v` to type one; rewritten to the
 * `api` function). A code that cannot be one (length, alphabet, check symbol) is answered 400
 * without a read; every lookup is counted per client (30 a minute); a code nobody holds and a
 * prescription that does not verify get the same 404 page, so the page tells nothing about
 * which codes exist. A genuine prescription shows prescriber, lines, what was dispensed, and the
 * patient by initials and age; a void or expired one says so, with the reason.
 */
export async function verificationPage(
  req: PageRequest,
  deps: { signingKey: () => string; now: Date },
): Promise<PageAnswer> {
  const lang = pageLanguage(req.query.lang, req.acceptLanguage);
  const page = (view: PageView) => renderVerificationPage(view, lang);
  let raw: string;
  if (req.pathCode !== null) raw = safeDecode(req.pathCode);
  else if (typeof req.query.code === "string") raw = req.query.code;
  else return page({ kind: "lookup" });
  const code = parseShortCode(raw);
  if (!code) return page({ kind: "lookup", typed: raw.slice(0, 40) });
  if (req.pathCode === null)
    return {
      status: 303,
      location: `/v/${formatShortCode(code)}?lang=${lang}`,
      html: "",
    };
  try {
    await enforceClientRateLimit("rxLookup", clientKey(req.clientIp), deps.now);
  } catch (error) {
    if (error instanceof HttpsError && error.code === "resource-exhausted") {
      const seconds = Number((error.details as { retryAfterSeconds?: number })?.retryAfterSeconds ?? 60);
      return page({ kind: "limited", retryAfterSeconds: seconds });
    }
    throw error;
  }
  const entry = await getRxCode(code);
  const rx = entry ? await getPrescription(entry.prescriptionId) : null;
  if (!rx || !(await isGenuine(rx, deps.signingKey()))) return page({ kind: "notFound" });
  const appointment = await getAppointment(rx.appointmentId);
  const view = prescriptionView(rx, {
    appointmentStatus: appointment?.status ?? null,
    timezone: appointment?.timezone ?? "Asia/Kolkata",
    now: deps.now,
  });
  logger.info("prescription.pageViewed", { prescriptionId: entry!.prescriptionId });
  return page({ kind: "prescription", rx: view });
}
