import { logger } from "firebase-functions";
import type { z } from "zod";
import { inEmulator } from "../../config/emulator";
import { appError } from "../../schemas/errors";

/** One way an answer left its schema: where, and zod's issue code. Never the value. */
export interface ResponseIssue {
  /** `appointment.start`, `slots.3.modes`, `(response)` for the answer as a whole. */
  path: string;
  code: string;
  /** For `unrecognized_keys`: the names of the fields the schema does not declare. */
  keys?: string[];
}

/** The issues of a failed parse, as paths and codes only: nothing a patient wrote reaches the log. */
export function responseIssues(error: z.ZodError): ResponseIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join(".") || "(response)",
    code: issue.code,
    ...(issue.code === "unrecognized_keys" ? { keys: issue.keys } : {}),
  }));
}

/**
 * The contract check of the emulator: the handler's answer against the callable's response schema
 * (registry/define.ts `response`). tsc already holds the handler's return type to the schema's
 * output; this catches what types cannot (a document spread into an answer carrying fields the
 * schema does not declare, a string that is not the instant it claims to be, a cast). On a
 * mismatch it logs `callable.responseMismatch` with the callable and the issues' paths and codes
 * (no values) and answers `internal`, so that every emulator test that calls the callable fails on
 * it. Deployed functions never run it (nor load the schema): `enabled` is the emulator's flag.
 */
export async function checkResponse(
  callable: string,
  loadSchema: (() => Promise<z.ZodType>) | undefined,
  answer: unknown,
  enabled = inEmulator(),
): Promise<void> {
  if (!enabled || !loadSchema) return;
  const result = (await loadSchema()).safeParse(answer);
  if (result.success) return;
  logger.error("callable.responseMismatch", { callable, issues: responseIssues(result.error) });
  throw appError("internal", "internal", `${callable} answered outside its response schema`);
}
