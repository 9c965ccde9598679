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
}

export interface TwilioEmulator {
  /** Base URL, e.g. http://127.0.0.1:4599: what TWILIO_API_BASE / apiBaseUrl should be. */
  url: string;
  port: number;
  close(): Promise<void>;
}

export function startTwilioEmulator(options?: TwilioEmulatorOptions): Promise<TwilioEmulator>;
