import type { Response } from "express";

/** The error statuses the HTTP API answers with, as Google APIs spell them. */
export type FailureStatus =
  "INVALID_ARGUMENT" | "UNAUTHENTICATED" | "PERMISSION_DENIED" | "NOT_FOUND" | "METHOD_NOT_ALLOWED";

const HTTP_STATUS: Record<FailureStatus, number> = {
  INVALID_ARGUMENT: 400,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
};

/** Answers an HTTP request with an error: `{ error: { status, message } }` and its HTTP code. */
export function fail(res: Response, status: FailureStatus, message: string): void {
  res.status(HTTP_STATUS[status]).json({ error: { status, message } });
}
