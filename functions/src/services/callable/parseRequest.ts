import { HttpsError } from "firebase-functions/v2/https";
import type { z } from "zod";
import { fieldsMessage, type FieldProblem } from "../../schemas/errors";

/** One problem per issue: `{ path: "address.pincode", problem: "must be a 6-digit PIN code" }`. */
export function fieldProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join("."), problem: issue.message }));
}

/** "address.pincode: must be a 6-digit PIN code; name: Too small…" */
export function formatZodError(error: z.ZodError): string {
  return fieldsMessage(fieldProblems(error));
}

/**
 * Parses a request with its schema, or answers invalid-argument with `details.reason`
 * `invalid-request` and `details.fields` (path and problem each), and the same as one message.
 */
export function parseRequest<S extends z.ZodType>(schema: S, data: unknown): z.infer<S> {
  const result = schema.safeParse(data);
  if (!result.success) {
    const fields = fieldProblems(result.error);
    throw new HttpsError("invalid-argument", fieldsMessage(fields), { reason: "invalid-request", fields });
  }
  return result.data;
}
