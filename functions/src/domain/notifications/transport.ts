/**
 * The port (implemented in adapters/messaging/) through which the notification outbox sends SMS and WhatsApp messages. The Twilio
 * adapter (./twilio.ts) implements it; in the emulator that adapter talks to the local Twilio
 * API recorder (tools/twilio-emulator.mjs) instead of api.twilio.com.
 */
export type Channel = "sms" | "whatsapp";

export interface OutboundMessage {
  channel: Channel;
  /** E.164, without any `whatsapp:` prefix: the adapter adds it. */
  to: string;
  body: string;
  /** Where the provider posts delivery status changes. */
  statusCallbackUrl?: string;
}

/**
 * A send never throws for a delivery failure. `retryable` says whether the same message may
 * succeed later (HTTP 5xx, 429, network errors and timeouts); `code` and `message` carry no
 * phone number or message body.
 */
export type SendResult =
  | { ok: true; providerId: string; providerStatus: string }
  | { ok: false; retryable: boolean; code: string; message: string };

export interface MessageTransport {
  send(message: OutboundMessage): Promise<SendResult>;
}
