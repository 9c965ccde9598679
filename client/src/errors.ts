// Typed errors: every refusal of the backend carries `details.reason`, a stable code from one
// catalogue (functions/src/schemas/errorReasons.ts, re-exported here), and, for validation,
// `details.fields`. Switch on `reason`, never on the message text.
import {
  ERROR_REASONS,
  ERROR_REASON_NAMES,
  DEFAULT_REASONS,
  isErrorReason,
  type ErrorCode,
  type ErrorDetails,
  type ErrorReason,
  type FieldProblem,
} from "../../functions/src/schemas/errorReasons";
import { messageFor, type Language } from "./messages";

export { ERROR_REASONS, ERROR_REASON_NAMES, isErrorReason };
export type { ErrorCode, ErrorDetails, ErrorReason, FieldProblem };

/** A refused call, as the client hands it to the app. */
export class ArogyaError extends Error {
  override readonly name = "ArogyaError";
  constructor(
    /** The Firebase code without its prefix: `already-exists`. */
    readonly code: ErrorCode,
    /** The stable reason: `slot-taken`. */
    readonly reason: ErrorReason,
    /** The server's message, for developers and logs (English). */
    message: string,
    /** Validation problems, one per field; empty when there are none. */
    readonly fields: FieldProblem[] = [],
    /** Everything the server sent in `details` (`retryAfterSeconds`, `retryAt`, `at`, …). */
    readonly details: Partial<ErrorDetails> = {},
    /** The callable that was refused. */
    readonly callable?: string,
  ) {
    super(message);
  }

  /** The message for a person, in their language (en, hi or pa). */
  localized(language: Language): string {
    return messageFor(this.reason, language);
  }
}

/**
 * Any error of a call as an ArogyaError: a FunctionsError of the SDK (`functions/already-exists`
 * with `details`), or anything else (network, timeout) under its code's default reason.
 */
export function toArogyaError(error: unknown, callable?: string): ArogyaError {
  if (error instanceof ArogyaError) return error;
  const e = (error ?? {}) as { code?: unknown; message?: unknown; details?: unknown };
  const rawCode = typeof e.code === "string" ? e.code.replace(/^functions\//, "") : "unknown";
  const code = (rawCode in DEFAULT_REASONS ? rawCode : "unknown") as ErrorCode;
  const details =
    e.details && typeof e.details === "object" && !Array.isArray(e.details)
      ? (e.details as Partial<ErrorDetails>)
      : {};
  const reason = isErrorReason(details.reason) ? details.reason : DEFAULT_REASONS[code];
  const fields = Array.isArray(details.fields) ? details.fields : [];
  // The JS SDK appends the HTTP status to the server's message: "… [400]".
  const message = typeof e.message === "string" ? e.message.replace(/ \[\d{3}\]$/, "") : String(error);
  return new ArogyaError(code, reason, message, fields, details, callable);
}

/** True when `error` is an ArogyaError with this reason: `if (isReason(e, "slot-taken")) …`. */
export function isReason(error: unknown, reason: ErrorReason): error is ArogyaError {
  return error instanceof ArogyaError && error.reason === reason;
}
