type VoiceResponseClass = typeof import("twilio/lib/twiml/VoiceResponse");
type MessagingResponseClass = typeof import("twilio/lib/twiml/MessagingResponse");

let voiceResponse: VoiceResponseClass | undefined;
let messagingResponse: MessagingResponseClass | undefined;

/** The languages the voice line speaks, as Twilio's <Say language> names them. */
export type SayLanguage = "en-IN" | "hi-IN" | "pa-IN";

/** One thing the voice line says: text in a language. */
export interface Prompt {
  text: string;
  language: SayLanguage;
}

/** What one step of a call answers: prompts, then either a keypad gather or a hang-up. */
export interface VoiceStep {
  /** Spoken before the gather (or before hanging up). */
  say: Prompt[];
  /** Wait for keypad presses and post them (Digits) to this URL; absent: hang up after speaking. */
  gather?: { action: string; numDigits: number; timeoutSeconds: number };
}

/**
 * TwiML for a voice step, built with the twilio library's VoiceResponse (loaded on first use,
 * only its TwiML module). Prompts inside <Gather> are interrupted by a key press, as callers
 * expect; when the gather times out without input, the prompts are said once more, then the
 * call ends.
 */
export function voiceTwiml(step: VoiceStep): string {
  voiceResponse ??= require("twilio/lib/twiml/VoiceResponse") as VoiceResponseClass;
  const response = new voiceResponse();
  if (step.gather) {
    for (let round = 0; round < 2; round += 1) {
      const gather = response.gather({
        action: step.gather.action,
        method: "POST",
        numDigits: step.gather.numDigits,
        timeout: step.gather.timeoutSeconds,
      });
      for (const prompt of step.say) gather.say({ language: prompt.language }, prompt.text);
    }
    response.hangup();
  } else {
    for (const prompt of step.say) response.say({ language: prompt.language }, prompt.text);
    response.hangup();
  }
  return response.toString();
}

/** TwiML answering an SMS with one message (or with none when `text` is empty). */
export function messageTwiml(text: string): string {
  messagingResponse ??= require("twilio/lib/twiml/MessagingResponse") as MessagingResponseClass;
  const response = new messagingResponse();
  if (text) response.message(text);
  return response.toString();
}
