import { Timestamp } from "firebase-admin/firestore";
import { logger } from "firebase-functions";
import { HttpsError } from "firebase-functions/v2/https";
import { phoneKey } from "../../domain/contacts/verification";
import { errorCode } from "../../domain/shared/errorCode";
import {
  decide,
  nextState,
  type ConversationState,
  type Decision,
  type OfferRef,
} from "../../domain/inbound/conversation";
import { parseSms } from "../../domain/inbound/keywords";
import {
  appointmentsReply,
  askSpecialtyReply,
  bookedReply,
  cancelledReply,
  confirmedReply,
  consentCodeRefusedReply,
  consentConfirmedReply,
  helpReply,
  movedReply,
  noAppointmentReply,
  noSlotsReply,
  offersReply,
  refusedReply,
  unknownPhoneReply,
} from "../../domain/inbound/replies";
import type { Origin } from "../../registry/define";
import { getConversation, setConversation, type ConversationDoc } from "../../repo/conversations";
import { claimInboundMessage } from "../../repo/inboundMessages";
import { getPatient } from "../../repo/patients";
import { languageSchema, type Language } from "../../schemas/common";
import { confirmCareConsentByCode } from "../../services/care/consent";
import { patientForPhone } from "../../services/inbound/patientForPhone";
import { countInbound } from "../../services/inbound/rateLimit";
import {
  answeredAppointment,
  bookOffer,
  cancelAppointment,
  confirm,
  lineOf,
  linesFor,
  mayActFor,
  moveAppointment,
  offersFor,
  offersToMove,
  refusalReason,
  upcomingAppointments,
} from "./patientActions";
import { getAppointment } from "../../repo/appointments";

export interface InboundSms {
  /** E.164. */
  from: string;
  body: string;
  messageSid: string;
}

const ORIGIN: Origin = { userAgent: "twilio-sms" };
const DAY_MS = 86_400_000;

/**
 * An SMS from a patient, after the webhook's signature check: its answer (empty: none). In order:
 * the number's rate limit (over it: no answer, nothing else written), the provider message id
 * claimed once (a redelivery: no answer, nothing done again), who the number belongs to (nobody,
 * or several accounts: help text only), then the conversation's state machine
 * (domain/inbound/conversation.ts) and what it decided, done as the patient.
 */
export async function answerSms(sms: InboundSms, now: Date): Promise<string> {
  const key = phoneKey(sms.from);
  if (!(await countInbound(key, now))) {
    logger.warn("inbound.sms.rateLimited", { messageSid: sms.messageSid });
    return "";
  }
  if (!(await claimInboundMessage(sms.messageSid, "sms", now))) {
    logger.info("inbound.sms.duplicate", { messageSid: sms.messageSid });
    return "";
  }
  const parsed = parseSms(sms.body);
  const stored = await getConversation(key);
  // A consent code is answered for the number it was sent to, before (and whoever) the number's
  // account is: the code binds the patient and the number, as confirmCareConsent does.
  if (parsed.code !== null)
    return answerConsentCode(sms, parsed.code, parsed.language ?? stored?.language, now);
  const patient = await patientForPhone(sms.from, now, ORIGIN);
  if (!patient) {
    logger.info("inbound.sms.unknownPhone", { messageSid: sms.messageSid });
    return unknownPhoneReply(parsed.language ?? "en");
  }
  const state: ConversationState | null = stored && {
    step: stored.step,
    language: stored.language,
    offers: stored.offers,
    moving: stored.moving,
    expiresAtMs: stored.expiresAt.toMillis(),
  };
  const decision = decide(state, parsed, now.getTime(), patient.language);
  const { reply, offered } = await act(decision, patient.uid, sms, now);
  const next = nextState(decision.language, now.getTime(), offered);
  const doc: ConversationDoc = {
    step: next.step,
    language: next.language,
    offers: next.offers,
    moving: next.moving,
    expiresAt: Timestamp.fromMillis(next.expiresAtMs),
    expireAt: Timestamp.fromMillis(next.expiresAtMs + DAY_MS),
    updatedAt: Timestamp.fromDate(now),
  };
  await setConversation(key, doc);
  logger.info("inbound.sms", { messageSid: sms.messageSid, uid: patient.uid, decision: decision.do });
  return reply;
}

interface Outcome {
  reply: string;
  offered?: { offers: OfferRef[]; moving: string | null };
}

/**
 * A reply carrying a care-consent code (issue 15): the code waiting on this number for a health
 * worker's request activates that care link (services/care/consent.ts, audited as the patient's
 * act). A wrong, expired or unknown code gets help text and changes no link, contact or audit
 * entry; a wrong try is counted on the waiting code (the last one locks it), as in the app.
 */
async function answerConsentCode(
  sms: InboundSms,
  code: string,
  language: Language | undefined,
  now: Date,
): Promise<string> {
  try {
    const confirmed = await confirmCareConsentByCode(sms.from, code, now, { origin: ORIGIN });
    const profile = await getPatient(confirmed.patientUid);
    const patientLanguage = languageSchema.safeParse(profile?.language);
    logger.info("inbound.sms", {
      messageSid: sms.messageSid,
      uid: confirmed.patientUid,
      decision: "consent",
    });
    return consentConfirmedReply(language ?? (patientLanguage.success ? patientLanguage.data : "en"));
  } catch (error) {
    if (!(error instanceof HttpsError)) throw error;
    logger.info("inbound.sms.consentRefused", { messageSid: sms.messageSid, error: error.code });
    return consentCodeRefusedReply(language ?? "en");
  }
}

async function act(decision: Decision, uid: string, sms: InboundSms, now: Date): Promise<Outcome> {
  const seed = sms.messageSid;
  const language: Language = decision.language;
  switch (decision.do) {
    case "help":
      return { reply: helpReply(language, decision.restarted) };
    case "askSpecialty":
      return { reply: askSpecialtyReply(language) };
    case "list": {
      const upcoming = await upcomingAppointments(uid, now);
      return { reply: appointmentsReply(language, await linesFor(upcoming.slice(0, 5).map(lineOf))) };
    }
    case "confirm":
    case "cancel":
    case "another": {
      // The appointment of the latest confirmation or reminder sent to this number.
      const answered = await answeredAppointment(uid, sms.from, now);
      if (!answered) return { reply: noAppointmentReply(language) };
      const { appointment: next, onBehalfOf } = answered;
      const [line] = await linesFor([lineOf(next)]);
      try {
        if (decision.do === "confirm") {
          await confirm(uid, next.id, now, ORIGIN, onBehalfOf);
          return { reply: confirmedReply(language, line) };
        }
        if (decision.do === "cancel") {
          await cancelAppointment(uid, next.id, now, ORIGIN, onBehalfOf);
          return { reply: cancelledReply(language, line) };
        }
      } catch (error) {
        return { reply: refused(language, error, sms, decision.do) };
      }
      const offers = await offersToMove(next, now);
      if (!offers.length) return { reply: noSlotsReply(language) };
      const lines = await linesFor(offers.map((o) => ({ ...o, timezone: next.timezone })));
      return { reply: offersReply(language, lines, null), offered: { offers, moving: next.id } };
    }
    case "search": {
      const offers = await offersFor(decision.specialty, decision.doctorLanguage, seed, now);
      if (!offers.length) return { reply: noSlotsReply(language) };
      const lines = await linesFor(offers);
      return {
        reply: offersReply(language, lines, decision.specialty),
        offered: {
          offers: offers.map((o) => ({ doctorUid: o.doctorUid, startMs: o.startMs, mode: o.mode })),
          moving: null,
        },
      };
    }
    case "choose": {
      try {
        if (decision.moving) {
          // A dependant's appointment is moved by the holder on their behalf (checked again there).
          const moving = await getAppointment(decision.moving);
          const onBehalfOf =
            moving && moving.patientUid !== uid && (await mayActFor(uid, moving.patientUid))
              ? moving.patientUid
              : undefined;
          const view = await moveAppointment(
            uid,
            decision.moving,
            decision.offer.startMs,
            now,
            ORIGIN,
            onBehalfOf,
          );
          const [line] = await linesFor([
            { doctorUid: view.doctorUid, startMs: decision.offer.startMs, timezone: view.timezone },
          ]);
          return { reply: movedReply(language, line) };
        }
        const view = await bookOffer(uid, decision.offer, now, ORIGIN);
        const [line] = await linesFor([
          { doctorUid: view.doctorUid, startMs: decision.offer.startMs, timezone: view.timezone },
        ]);
        return { reply: bookedReply(language, line) };
      } catch (error) {
        return { reply: refused(language, error, sms, decision.do) };
      }
    }
  }
}

/** The reply to an action the booking services refused, logged by ids and codes (no text, no PHI). */
function refused(language: Language, error: unknown, sms: InboundSms, action: Decision["do"]): string {
  const reason = refusalReason(error);
  logger.warn("inbound.sms.refused", {
    messageSid: sms.messageSid,
    action,
    code: errorCode(error),
    ...(error instanceof HttpsError && {
      reason: (error.details as { reason?: string } | undefined)?.reason,
    }),
  });
  return refusedReply(language, reason);
}
