/**
 * Classifies what the twilio library throws from a send into retryable or permanent failures.
 * Pure: it only reads fields of the error, so it is tested without the library.
 *
 * - `RestException` / `TwilioServiceException` carry `status` (HTTP) and `code` (Twilio error code).
 *   HTTP 5xx, 429 and 408 are retryable; every other status is permanent.
 * - Network errors (from axios / node:net) carry a string `code` such as ECONNRESET; known
 *   transient ones are retryable. Axios reports its own timeout as ECONNABORTED ("timeout of
 *   Nms exceeded"), classified as network-ETIMEDOUT.
 *
 * The result never includes the error's own message: Twilio echoes the recipient in some of them
 * ("The 'To' number +91… is not a valid phone number"). Messages come from the tables below.
 */

export interface TwilioErrorClass {
  retryable: boolean;
  /** "twilio-21211", "http-503", "network-ECONNRESET", "error-<CODE>" or "unknown-error". */
  code: string;
  /** Safe to store and log: no phone number, no message body. */
  message: string;
}

/** What the Twilio error codes we expect from Messages.create mean. */
const TWILIO_CODE_MEANINGS: Readonly<Record<number, string>> = {
  20003: "Authentication failed: account SID or auth token rejected",
  20404: "Twilio resource not found",
  20429: "Too many requests",
  20500: "Twilio internal server error",
  20503: "Twilio service unavailable",
  21211: "Invalid 'To' phone number",
  21212: "Invalid 'From' phone number",
  21408: "Sending to this region is not enabled on the account",
  21602: "Message body is required",
  21603: "'From' phone number is required",
  21604: "'To' phone number is required",
  21606: "'From' number is not a valid message-capable number",
  21608: "Trial account cannot send to unverified numbers",
  21610: "Recipient has unsubscribed (replied STOP)",
  21612: "'To' number is not reachable on this channel",
  21614: "'To' number is not a valid mobile number",
  21617: "Message body exceeds the length limit",
  21635: "'To' number is a landline",
  63007: "No WhatsApp sender found for the 'From' address",
  63016: "WhatsApp freeform message outside the 24-hour window; a template is required",
  63024: "Invalid WhatsApp recipient",
};

const HTTP_STATUS_MEANINGS: Readonly<Record<number, string>> = {
  400: "Bad request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not found",
  408: "Request timeout",
  429: "Too many requests",
  500: "Internal server error",
  502: "Bad gateway",
  503: "Service unavailable",
  504: "Gateway timeout",
};

/** Transient transport failures worth another attempt. */
const RETRYABLE_NETWORK_CODES: ReadonlySet<string> = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED", // axios: request timeout or abort
  "ETIMEDOUT",
  "ESOCKETTIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "EHOSTDOWN",
  "ENETUNREACH",
  "ENETDOWN",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ERR_NETWORK",
  "ERR_SOCKET_CONNECTION_TIMEOUT",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "UND_ERR_SOCKET",
]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function httpStatusOf(error: Record<string, unknown>): number | undefined {
  const status = error["status"];
  return typeof status === "number" && Number.isInteger(status) && status >= 100 && status <= 599
    ? status
    : undefined;
}

function twilioCodeOf(error: Record<string, unknown>): number | undefined {
  const code = error["code"];
  if (typeof code === "number" && Number.isInteger(code) && code > 0) return code;
  if (typeof code === "string" && /^\d{1,6}$/.test(code)) return Number(code);
  return undefined;
}

/** A string error code (node / axios style), reduced to safe characters; also looks one `cause` deep. */
function systemCodeOf(error: Record<string, unknown>): string | undefined {
  for (const candidate of [error, error["cause"]]) {
    if (!isRecord(candidate)) continue;
    const code = candidate["code"];
    if (typeof code === "string" && /^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(code)) return code.toUpperCase();
  }
  return undefined;
}

function classifyHttp(status: number, twilioCode: number | undefined): TwilioErrorClass {
  const retryable = status >= 500 || status === 429 || status === 408;
  const statusMeaning = HTTP_STATUS_MEANINGS[status] ?? "Unexpected response";
  if (retryable) {
    // The status decides what the caller does; a Twilio code on a 5xx/429 adds nothing.
    return {
      retryable: true,
      code: `http-${status}`,
      message: `HTTP ${status} from Twilio: ${statusMeaning}`,
    };
  }
  if (twilioCode !== undefined) {
    const meaning = TWILIO_CODE_MEANINGS[twilioCode] ?? `Twilio error ${twilioCode}`;
    return { retryable: false, code: `twilio-${twilioCode}`, message: `${meaning} (HTTP ${status})` };
  }
  return {
    retryable: false,
    code: `http-${status}`,
    message: `HTTP ${status} from Twilio: ${statusMeaning}`,
  };
}

export function classifyTwilioError(error: unknown): TwilioErrorClass {
  if (!isRecord(error)) {
    return { retryable: false, code: "unknown-error", message: "Unclassified send error" };
  }
  const status = httpStatusOf(error);
  if (status !== undefined) return classifyHttp(status, twilioCodeOf(error));

  const systemCode = systemCodeOf(error);
  if (systemCode !== undefined) {
    if (systemCode === "ECONNABORTED" && /^timeout of \d+ms exceeded$/.test(String(error["message"]))) {
      // axios's own request timeout (the library's `timeout` option).
      return { retryable: true, code: "network-ETIMEDOUT", message: "Request to Twilio timed out" };
    }
    if (RETRYABLE_NETWORK_CODES.has(systemCode)) {
      return {
        retryable: true,
        code: `network-${systemCode}`,
        message: `Network error reaching Twilio (${systemCode})`,
      };
    }
    return {
      retryable: false,
      code: `error-${systemCode}`,
      message: `Send failed before reaching Twilio (${systemCode})`,
    };
  }
  const name = error["name"];
  if (name === "AbortError" || name === "TimeoutError") {
    return { retryable: true, code: "network-TIMEOUT", message: "Request to Twilio timed out" };
  }
  return { retryable: false, code: "unknown-error", message: "Unclassified send error" };
}
