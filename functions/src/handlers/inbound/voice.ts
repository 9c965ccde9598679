import { Timestamp } from "firebase-admin/firestore";
import { logger } from "firebase-functions";
import { voiceTwiml, type Prompt, type VoiceStep } from "../../adapters/messaging/twiml";
import { phoneKey } from "../../domain/contacts/verification";
import {
  LANGUAGE_KEYS,
  PROMPTS,
  SAY_LANGUAGE,
  bookedPrompt,
  nextAppointmentPrompt,
  offerPrompts,
  specialtyForKey,
  voiceQuery,
  type VoiceState,
  type VoiceStepName,
} from "../../domain/inbound/voice";
import type { Origin } from "../../registry/define";
import { recordAction } from "../../repo/actions";
import { claimInboundMessage } from "../../repo/inboundMessages";
import { createTicket, newTicketRef } from "../../repo/tickets";
import { runTransaction } from "../../repo/transaction";
import type { Language } from "../../schemas/common";
import { patientForPhone, type PhonePatient } from "../../services/inbound/patientForPhone";
import { countInbound } from "../../services/inbound/rateLimit";
import {
  bookOffer,
  cancelAppointment,
  confirm,
  lineOf,
  linesFor,
  offersFor,
  patientActor,
  upcomingAppointments,
} from "./patientActions";

export interface VoiceRequest {
  callSid: string;
  /** E.164, or null for a withheld or malformed number. */
  from: string | null;
  digits: string | null;
  state: VoiceState;
  /** The URL Twilio posts the next keys to, without its query. */
  actionUrl: string;
}

const ORIGIN: Origin = { userAgent: "twilio-voice" };
const GATHER_SECONDS = 6;

/**
 * One step of a call to the voice line (domain/inbound/voice.ts has the menus): the TwiML to
 * answer. The caller's number decides whose appointments are heard, confirmed, cancelled or
 * booked (services/inbound/patientForPhone.ts); a number no account belongs to can only ask
 * for a call back. Booking, cancelling and the call-back ticket happen at most once per call.
 */
export async function answerCall(call: VoiceRequest, now: Date): Promise<string> {
  const language: Language = call.state.language ?? "en";
  const say = (...texts: string[]): Prompt[] =>
    texts.map((text) => ({ text, language: SAY_LANGUAGE[language] }));
  const gather = (step: VoiceStepName, prompts: Prompt[], extra: Partial<VoiceState> = {}): VoiceStep => ({
    say: prompts,
    gather: {
      action: `${call.actionUrl}?${voiceQuery({ ...extra, step, language })}`,
      numDigits: 1,
      timeoutSeconds: GATHER_SECONDS,
    },
  });
  const end = (...texts: string[]): string => voiceTwiml({ say: say(...texts) });

  if (call.from && !(await countInbound(phoneKey(call.from), now))) {
    logger.warn("inbound.voice.rateLimited", { callSid: call.callSid });
    return end(PROMPTS.tooMany[language]);
  }
  const step = call.state.step;
  const digit = call.digits?.slice(0, 1) ?? "";

  if (step === null || (step === "lang" && !LANGUAGE_KEYS[digit])) {
    const prompts = PROMPTS.languageMenu.map((p) => ({ text: p.text, language: SAY_LANGUAGE[p.language] }));
    return voiceTwiml({
      say: prompts,
      gather: {
        action: `${call.actionUrl}?${voiceQuery({ step: "lang" })}`,
        numDigits: 1,
        timeoutSeconds: GATHER_SECONDS,
      },
    });
  }
  if (step === "lang") {
    const chosen = LANGUAGE_KEYS[digit];
    return voiceTwiml({
      say: [{ text: PROMPTS.mainMenu[chosen], language: SAY_LANGUAGE[chosen] }],
      gather: {
        action: `${call.actionUrl}?${voiceQuery({ step: "menu", language: chosen })}`,
        numDigits: 1,
        timeoutSeconds: GATHER_SECONDS,
      },
    });
  }

  const patient = call.from ? await patientForPhone(call.from, now, ORIGIN) : null;
  const menu = (prefix: string[] = []) =>
    voiceTwiml(gather("menu", say(...prefix, PROMPTS.mainMenu[language])));

  if (step === "menu") {
    if (digit === "3") return callback(call, patient, language, now, end);
    if (!patient) {
      logger.info("inbound.voice.unknownCaller", { callSid: call.callSid });
      return voiceTwiml(gather("menu", say(PROMPTS.unknownCaller[language])));
    }
    if (digit === "1") {
      const [next] = await upcomingAppointments(patient.uid, now);
      if (!next) return menu([PROMPTS.noAppointment[language]]);
      const [line] = await linesFor([lineOf(next)]);
      return voiceTwiml(
        gather("appt", say(nextAppointmentPrompt(language, line), PROMPTS.appointmentMenu[language]), {
          appointmentId: next.id,
        }),
      );
    }
    if (digit === "2") return voiceTwiml(gather("specialty", say(PROMPTS.specialtyMenu[language])));
    return menu([PROMPTS.notAnOption[language]]);
  }

  if (!patient) return voiceTwiml(gather("menu", say(PROMPTS.unknownCaller[language])));

  if (step === "appt") {
    const appointmentId = call.state.appointmentId;
    if (!appointmentId || (digit !== "1" && digit !== "2")) return menu([PROMPTS.notAnOption[language]]);
    if (!(await claimInboundMessage(`${call.callSid}:appt`, "voice", now)))
      return end(PROMPTS.refused[language]);
    try {
      if (digit === "1") {
        await confirm(patient.uid, appointmentId, now, ORIGIN);
        return end(PROMPTS.confirmed[language]);
      }
      await cancelAppointment(patient.uid, appointmentId, now, ORIGIN);
      return end(PROMPTS.cancelled[language]);
    } catch (error) {
      logger.info("inbound.voice.refused", {
        callSid: call.callSid,
        code: (error as { code?: unknown }).code ?? null,
      });
      return end(PROMPTS.refused[language]);
    }
  }

  if (step === "specialty") {
    const specialty = specialtyForKey(digit);
    if (!specialty)
      return voiceTwiml(
        gather("specialty", say(PROMPTS.notAnOption[language], PROMPTS.specialtyMenu[language])),
      );
    const offers = await offersFor(specialty, language, call.callSid, now);
    if (!offers.length) return end(PROMPTS.noSlots[language]);
    const lines = await linesFor(offers);
    const refs = offers.map((o) => ({ doctorUid: o.doctorUid, startMs: o.startMs, mode: o.mode }));
    return voiceTwiml(gather("offer", say(...offerPrompts(language, lines)), { offers: refs }));
  }

  // step === "offer"
  const offer = /^[1-9]$/.test(digit) ? call.state.offers[Number(digit) - 1] : undefined;
  if (!offer)
    return voiceTwiml(
      gather("specialty", say(PROMPTS.notAnOption[language], PROMPTS.specialtyMenu[language])),
    );
  if (!(await claimInboundMessage(`${call.callSid}:book`, "voice", now)))
    return end(PROMPTS.refused[language]);
  try {
    const view = await bookOffer(patient.uid, offer, now, ORIGIN);
    const [line] = await linesFor([
      { doctorUid: view.doctorUid, startMs: offer.startMs, timezone: view.timezone },
    ]);
    logger.info("inbound.voice.booked", { callSid: call.callSid, appointmentId: view.appointmentId });
    return end(bookedPrompt(language, line));
  } catch (error) {
    logger.info("inbound.voice.refused", {
      callSid: call.callSid,
      code: (error as { code?: unknown }).code ?? null,
    });
    return end(PROMPTS.refused[language]);
  }
}

/** Key 3: a call-back ticket for the clinic of the caller's next appointment, once per call. */
async function callback(
  call: VoiceRequest,
  patient: PhonePatient | null,
  language: Language,
  now: Date,
  end: (...texts: string[]) => string,
): Promise<string> {
  if (!call.from) return end(PROMPTS.refused[language]);
  if (!(await claimInboundMessage(`${call.callSid}:callback`, "voice", now)))
    return end(PROMPTS.callbackTaken[language]);
  const [next] = patient ? await upcomingAppointments(patient.uid, now) : [];
  const org = next?.org ?? null;
  const id = newTicketRef().id;
  const from = call.from;
  await runTransaction(async (tx) => {
    createTicket(tx, id, {
      kind: "callback",
      org,
      patientUid: patient?.uid ?? null,
      phone: from,
      language,
      channel: "voice",
      status: "open",
      createdAt: Timestamp.fromDate(now),
      closedAt: null,
      closedBy: null,
      note: null,
    });
    recordAction(
      tx,
      {
        action: "ticket.created",
        actor: patient ? patientActor(patient.uid) : { uid: "unknown-caller", role: "caller" },
        org,
        target: { type: "ticket", id },
        origin: ORIGIN,
      },
      now,
    );
  });
  logger.info("inbound.voice.callback", { callSid: call.callSid, ticketId: id });
  return end(PROMPTS.callbackTaken[language]);
}
