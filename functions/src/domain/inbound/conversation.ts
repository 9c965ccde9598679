import type { Language } from "../../schemas/common";
import type { ConsultationMode } from "../../schemas/scheduling";
import type { ParsedSms, Specialty } from "./keywords";

/**
 * The SMS conversation with one phone, as a pure state machine: what a message means given the
 * conversation's state (offers waiting for a number, or none), and which state follows. The
 * service (services/inbound/sms.ts) does what the decision says and stores the state.
 */

/** A slot offered in a reply: what booking it needs. */
export interface OfferRef {
  doctorUid: string;
  startMs: number;
  mode: ConsultationMode;
}

export interface ConversationState {
  step: "idle" | "offered";
  language: Language;
  /** The slots offered, numbered from 1 in the reply (step "offered"). */
  offers: OfferRef[];
  /** The appointment the offers would move (a reply 3, "another time"); null for a new booking. */
  moving: string | null;
  /** After this instant the offers are stale: a number answered to them restarts the conversation. */
  expiresAtMs: number;
}

export type Decision =
  | { do: "help"; language: Language; restarted: boolean }
  | { do: "list"; language: Language }
  | { do: "confirm" | "cancel" | "another"; language: Language }
  | { do: "askSpecialty"; language: Language }
  | { do: "search"; language: Language; specialty: Specialty; doctorLanguage: Language }
  | { do: "choose"; language: Language; offer: OfferRef; moving: string | null };

/** How long offers wait for their number. */
export const CONVERSATION_MINUTES = 30;

export function isLive(state: ConversationState | null, nowMs: number): state is ConversationState {
  return state !== null && state.expiresAtMs > nowMs;
}

/**
 * What a message means. Numbers answer the offers of a live conversation; with none, they answer
 * the last confirmation or reminder (1 confirm, 2 cancel, 3 another time) about the patient's
 * next appointment. A number sent to offers that expired restarts the conversation (help, and
 * nothing done): a stale "2" never books or cancels anything.
 */
export function decide(
  state: ConversationState | null,
  message: ParsedSms,
  nowMs: number,
  patientLanguage: Language | null,
): Decision {
  const live = isLive(state, nowMs);
  const language =
    message.language ?? (live ? state.language : null) ?? patientLanguage ?? state?.language ?? "en";
  if (message.digit !== null) {
    if (live && state.step === "offered") {
      const offer = state.offers[message.digit - 1];
      return offer
        ? { do: "choose", language, offer, moving: state.moving }
        : { do: "help", language, restarted: false };
    }
    if (state?.step === "offered") return { do: "help", language, restarted: true };
    if (message.digit === 1) return { do: "confirm", language };
    if (message.digit === 2) return { do: "cancel", language };
    if (message.digit === 3) return { do: "another", language };
    return { do: "help", language, restarted: false };
  }
  if (message.intent === "book") {
    if (!message.specialty) return { do: "askSpecialty", language };
    return {
      do: "search",
      language,
      specialty: message.specialty,
      doctorLanguage: message.doctorLanguage ?? language,
    };
  }
  if (message.intent === "list") return { do: "list", language };
  return { do: "help", language, restarted: false };
}

/** The state after a reply: offers wait for their number; anything else leaves none. */
export function nextState(
  language: Language,
  nowMs: number,
  offered?: { offers: OfferRef[]; moving: string | null },
): ConversationState {
  return {
    step: offered && offered.offers.length ? "offered" : "idle",
    language,
    offers: offered?.offers ?? [],
    moving: offered?.moving ?? null,
    expiresAtMs: nowMs + CONVERSATION_MINUTES * 60_000,
  };
}
