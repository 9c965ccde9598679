/**
 * The HTTP endpoints behind `/api/**` (triggers/http/api.ts → handlers/http/api.ts), declared once.
 * `npm run reference` makes the OpenAPI 3.1 document (docs/reference/api.openapi.json) from this
 * list, and tools/reference.test.ts fails when a route of handlers/http/ (`route === "/x"` with
 * `req.method === "Y"`) is not declared here, or a declared one has no route. Adding an endpoint:
 * its route in handlers/http/, then its entry here, then `npm run reference`.
 *
 * Plain data (JSON Schema, not zod): nothing here is loaded by the functions.
 */
export type HttpMethod = "GET" | "HEAD" | "POST" | "DELETE";

type JsonSchema = Record<string, unknown>;

export interface HttpEndpoint {
  method: HttpMethod;
  /** The path after `/api`, as the route compares it: `/auth/session`. */
  path: string;
  summary: string;
  /** Who may call it and how they prove it. */
  auth: "none" | "session" | "session+csrf" | "twilio-signature";
  query?: Record<string, { schema: JsonSchema; required: boolean; description: string }>;
  body?: { contentType: string; schema: JsonSchema };
  responses: Record<string, { description: string; contentType?: string; schema?: JsonSchema }>;
}

const str = { type: "string" } as const;
const nullableStr = { type: ["string", "null"] } as const;
/** `{ error: { status, message } }` (handlers/http/respond.ts). */
export const HTTP_ERROR_SCHEMA: JsonSchema = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["status", "message"],
      properties: {
        status: {
          enum: [
            "INVALID_ARGUMENT",
            "UNAUTHENTICATED",
            "PERMISSION_DENIED",
            "NOT_FOUND",
            "METHOD_NOT_ALLOWED",
          ],
        },
        message: str,
      },
    },
  },
};
const error = (description: string) => ({ description, schema: HTTP_ERROR_SCHEMA });

const sessionAnswer = {
  type: "object",
  required: ["uid", "role", "org", "csrfToken", "expiresAt"],
  properties: {
    uid: str,
    role: str,
    org: nullableStr,
    csrfToken: { type: "string", description: "send as X-CSRF-Token on DELETE" },
    expiresAt: { type: "string", format: "date-time" },
  },
};

export const HTTP_ENDPOINTS: readonly HttpEndpoint[] = [
  {
    method: "POST",
    path: "/auth/session",
    summary:
      "Exchanges a fresh Firebase ID token (signed in within 5 minutes) for an httpOnly `__session` cookie and a CSRF token. Allowed origins only (WEB_ORIGINS).",
    auth: "none",
    body: {
      contentType: "application/json",
      schema: { type: "object", required: ["idToken"], properties: { idToken: str } },
    },
    responses: {
      "200": { description: "the session; the cookie is set", schema: sessionAnswer },
      "400": error("not JSON, or no ID token"),
      "401": error("the ID token is invalid, revoked or not recent"),
      "403": error("the Origin is not allowed"),
    },
  },
  {
    method: "DELETE",
    path: "/auth/session",
    summary: "Signs out: revokes the user's sessions and clears the cookie.",
    auth: "session+csrf",
    responses: {
      "204": { description: "signed out (also when the session had already ended)" },
      "401": error("no session cookie"),
      "403": error("missing or wrong X-CSRF-Token header"),
    },
  },
  {
    method: "GET",
    path: "/auth/me",
    summary: "Who the session cookie belongs to.",
    auth: "session",
    responses: {
      "200": {
        description: "the signed-in user",
        schema: {
          type: "object",
          required: ["uid", "role", "org", "pharmacy", "platformAdmin", "email", "phoneNumber"],
          properties: {
            uid: str,
            role: str,
            org: nullableStr,
            pharmacy: nullableStr,
            platformAdmin: { type: "boolean" },
            email: nullableStr,
            phoneNumber: nullableStr,
          },
        },
      },
      "401": error("no session, or it expired or was signed out"),
    },
  },
  {
    method: "GET",
    path: "/health",
    summary: "Checks Firestore, Storage, the Twilio settings and the signing key (cached a few seconds).",
    auth: "none",
    responses: {
      "200": { description: "all checks pass", schema: { type: "object", properties: { status: str } } },
      "503": { description: "a check fails", schema: { type: "object", properties: { status: str } } },
    },
  },
  {
    method: "HEAD",
    path: "/health",
    summary: "The health check without a body.",
    auth: "none",
    responses: { "200": { description: "all checks pass" }, "503": { description: "a check fails" } },
  },
  {
    method: "POST",
    path: "/twilio/status",
    summary: "Twilio's delivery status callback for a message of the outbox.",
    auth: "twilio-signature",
    body: {
      contentType: "application/x-www-form-urlencoded",
      schema: { type: "object", properties: { MessageSid: str, MessageStatus: str, ErrorCode: str } },
    },
    responses: {
      "204": { description: "recorded, or not ours" },
      "400": error("MessageSid or MessageStatus missing or malformed"),
      "403": error("bad X-Twilio-Signature"),
    },
  },
  {
    method: "POST",
    path: "/twilio/inbound",
    summary: "An SMS or WhatsApp message to our number: STOP / START keywords change the opt-out.",
    auth: "twilio-signature",
    body: {
      contentType: "application/x-www-form-urlencoded",
      schema: { type: "object", properties: { From: str, Body: str } },
    },
    responses: {
      "200": { description: "an empty TwiML answer", contentType: "text/xml", schema: str },
      "403": error("bad X-Twilio-Signature"),
    },
  },
  {
    method: "POST",
    path: "/twilio/voice",
    summary:
      "A step of a call to the voice line: the language menu, then keypad choices (hear, confirm or cancel the next appointment, book, ask for a call back).",
    auth: "twilio-signature",
    body: {
      contentType: "application/x-www-form-urlencoded",
      schema: { type: "object", properties: { From: str, Digits: str, CallSid: str } },
    },
    responses: {
      "200": {
        description: "TwiML: what to say and which keys to gather next",
        contentType: "text/xml",
        schema: str,
      },
      "403": error("bad X-Twilio-Signature"),
    },
  },
  {
    method: "GET",
    path: "/rx/keys",
    summary:
      "The prescription signing key set (JWK set, application/jwk-set+json), cached publicly: a verifier checks QR signatures offline with it.",
    auth: "none",
    responses: {
      "200": {
        description: "the published keys",
        contentType: "application/jwk-set+json",
        schema: {
          type: "object",
          required: ["keys"],
          properties: { keys: { type: "array", items: { type: "object" } } },
        },
      },
    },
  },
  {
    method: "HEAD",
    path: "/rx/keys",
    summary: "The key set's headers without a body.",
    auth: "none",
    responses: { "200": { description: "the key set exists" } },
  },
  {
    method: "GET",
    path: "/rx/verify",
    summary:
      "The public prescription check a pharmacy's QR scan opens: genuine and unchanged, issuer, lines, dispensed or void. No sign-in.",
    auth: "none",
    query: {
      id: { schema: str, required: true, description: "the prescription id" },
      sig: { schema: str, required: true, description: "the signature printed in the QR" },
    },
    responses: {
      "200": {
        description: "the verdict (`valid` true or false, with a reason when false)",
        schema: {
          type: "object",
          required: ["valid"],
          properties: { valid: { type: "boolean" }, reason: str },
        },
      },
      "400": {
        description: "not a prescription QR",
        schema: {
          type: "object",
          required: ["valid", "reason"],
          properties: { valid: { const: false }, reason: str },
        },
      },
    },
  },
];
