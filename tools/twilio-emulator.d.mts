// Types for tools/twilio-emulator.mjs, for the TypeScript tests that start it.

export interface RecordedTwilioMessage {
  sid: string;
  accountSid: string;
  /** As sent, e.g. "+919800000001" or "whatsapp:+919800000001". */
  to: string;
  from: string;
  body: string;
  statusCallback: string | null;
  channel: "sms" | "whatsapp";
  /** ISO 8601. */
  receivedAt: string;
}

export interface TwilioEmulatorOptions {
  /** Default TWILIO_EMULATOR_PORT or 4599; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** When set (or TWILIO_EMULATOR_AUTH_TOKEN), the basic-auth password must equal it. */
  authToken?: string;
  /** Where inbound SMS and calls are posted (default http://127.0.0.1:5000, the Hosting emulator). */
  webhookBaseUrl?: string;
  /** The functions' TWILIO_AUTH_TOKEN: inbound requests are signed with it. */
  webhookAuthToken?: string;
  /** The number patients text and call (default +15005550006). */
  ourNumber?: string;
}

/** An SMS reply recorded from the functions' TwiML answer to an inbound message. */
export interface RecordedReply extends RecordedTwilioMessage {
  direction: "reply";
}

export interface PlayedSms {
  status: number;
  messageSid: string;
  replies: string[];
}

export interface PlayedCallTurn {
  /** The key pressed to reach this turn (null for the call's first request). */
  digits: string | null;
  status: number;
  say: Array<{ language: string | null; text: string }>;
  /** The turn waited for a key press. */
  gather: boolean;
}

export interface PlayedCall {
  status: number;
  callSid: string;
  turns: PlayedCallTurn[];
}

export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string;
export function readVoiceTwiml(xml: string): {
  say: Array<{ language: string | null; text: string }>;
  action: string | null;
};
export function readMessageTwiml(xml: string): string[];

export interface TwilioEmulator {
  /** Base URL, e.g. http://127.0.0.1:4599: what TWILIO_API_BASE / apiBaseUrl should be. */
  url: string;
  port: number;
  close(): Promise<void>;
}

export function startTwilioEmulator(options?: TwilioEmulatorOptions): Promise<TwilioEmulator>;
