import { Timestamp } from "firebase-admin/firestore";
import { logger } from "firebase-functions";
import { phoneKey } from "../../domain/contacts/verification";
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
import type { Language } from "../../schemas/common";
import { patientForPhone } from "../../services/inbound/patientForPhone";
import { countInbound } from "../../services/inbound/rateLimit";
import {
  bookOffer,
  cancelAppointment,
  confirm,
  lineOf,
  linesFor,
  moveAppointment,
  offersFor,
  offersToMove,
  refusalReason,
  upcomingAppointments,
} from "./patientActions";

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
  const patient = await patientForPhone(sms.from, now, ORIGIN);
  if (!patient) {
    logger.info("inbound.sms.unknownPhone", { messageSid: sms.messageSid });
    return unknownPhoneReply(parsed.language ?? "en");
  }
  const stored = await getConversation(key);
  const state: ConversationState | null = stored && {
    step: stored.step,
    language: stored.language,
    offers: stored.offers,
    moving: stored.moving,
    expiresAtMs: stored.expiresAt.toMillis(),
  };
  const decision = decide(state, parsed, now.getTime(), patient.language);
  const { reply, offered } = await act(decision, patient.uid, sms.messageSid, now);
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

async function act(decision: Decision, uid: string, seed: string, now: Date): Promise<Outcome> {
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
      const [next] = await upcomingAppointments(uid, now);
      if (!next) return { reply: noAppointmentReply(language) };
      const [line] = await linesFor([lineOf(next)]);
      try {
        if (decision.do === "confirm") {
          await confirm(uid, next.id, now, ORIGIN);
          return { reply: confirmedReply(language, line) };
        }
        if (decision.do === "cancel") {
          await cancelAppointment(uid, next.id, now, ORIGIN);
          return { reply: cancelledReply(language, line) };
        }
      } catch (error) {
        return { reply: refusedReply(language, refusalReason(error)) };
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
          const view = await moveAppointment(uid, decision.moving, decision.offer.startMs, now, ORIGIN);
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
        return { reply: refusedReply(language, refusalReason(error)) };
      }
    }
  }
}
