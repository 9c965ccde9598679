import { HttpsError } from "firebase-functions/v2/https";
import {
  DEFAULT_REASONS,
  isErrorReason,
  type CodeOf,
  type ErrorCode,
  type ErrorDetails,
  type ErrorReason,
  type FieldProblem,
} from "./errorReasons";

export * from "./errorReasons";

/**
 * A refusal a client can act on: `throw appError("already-exists", "slot-taken", "this slot …")`.
 * The reason (schemas/errorReasons.ts) is the stable code clients switch on and translate; the
 * message is for developers and logs. `extra` adds machine-readable facts (`{ at: iso }`):
 * times as ISO 8601 instants, never as words. The code must be the reason's (checked by tsc).
 */
export function appError<R extends ErrorReason>(
  code: CodeOf<R>,
  reason: R,
  message: string,
  extra: Omit<Partial<ErrorDetails>, "reason"> = {},
): HttpsError {
  const given = extra.fields as FieldProblem[] | undefined;
  const fields = given ?? (code === "invalid-argument" ? fieldsOf(message) : undefined);
  return new HttpsError(code, message, { ...extra, ...(fields?.length ? { fields } : {}), reason });
}

/**
 * The field problems an invalid-argument message names in the house style,
 * "path: problem; other.path: problem" (`mode: this doctor offers video`), or none.
 */
export function fieldsOf(message: string): FieldProblem[] {
  const parts = message.split("; ").map((part) => /^([A-Za-z_][\w.[\]]*): (.+)$/.exec(part));
  return parts.every((m) => m) ? parts.map((m) => ({ path: m![1], problem: m![2] })) : [];
}

/** A refusal decided by pure code (domain/, authz/): its code, message, and reason if it names one. */
export interface Refused {
  code: ErrorCode;
  message: string;
  reason?: ErrorReason;
  /** When something happened or opens, as an ISO 8601 instant. */
  at?: string;
}

/** The HttpsError of a pure refusal: `throw refusalError(refusal)`; without a reason, its code's default. */
export function refusalError(refusal: Refused): HttpsError {
  const reason = refusal.reason ?? DEFAULT_REASONS[refusal.code];
  return new HttpsError(refusal.code as HttpsError["code"], refusal.message, {
    reason,
    ...(refusal.at ? { at: refusal.at } : {}),
  });
}

/** Field problems as one message: "address.pincode: must be a 6-digit PIN code; name: …". */
export function fieldsMessage(fields: FieldProblem[]): string {
  return fields.map((f) => `${f.path || "request"}: ${f.problem}`).join("; ");
}

/** An invalid-argument naming one field: `invalidField("expiresAt", "must be in the future")`. */
export function invalidField(
  path: string,
  problem: string,
  reason: ErrorReason = "invalid-request",
): HttpsError {
  const fields = [{ path, problem }];
  return new HttpsError("invalid-argument", fieldsMessage(fields), { reason, fields });
}

/**
 * The error as clients receive it: with `details.reason` (the one given, or the default of its
 * code: DEFAULT_REASONS). The callable pipeline passes every HttpsError through this, so an error
 * thrown without a reason still carries one.
 */
export function withReason(error: HttpsError): HttpsError {
  const details = error.details as Partial<ErrorDetails> | undefined;
  if (details && typeof details === "object" && isErrorReason(details.reason)) return error;
  const reason = DEFAULT_REASONS[error.code as ErrorCode] ?? "unknown";
  const extra = details && typeof details === "object" && !Array.isArray(details) ? details : {};
  return new HttpsError(error.code, error.message, { ...extra, reason });
}
