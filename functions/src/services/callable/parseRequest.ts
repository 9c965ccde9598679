import { HttpsError } from "firebase-functions/v2/https";
import type { z } from "zod";

/** "address.pincode: must be a 6-digit PIN code; name: Too small…" */
export function formatZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join(".") : "request"}: ${issue.message}`)
    .join("; ");
}

/** Parses a request with its schema, or answers invalid-argument with readable field messages. */
export function parseRequest<S extends z.ZodType>(schema: S, data: unknown): z.infer<S> {
  const result = schema.safeParse(data);
  if (!result.success) throw new HttpsError("invalid-argument", formatZodError(result.error));
  return result.data;
}
