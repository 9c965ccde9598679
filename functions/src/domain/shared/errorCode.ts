/**
 * A short, PHI-free code for an error, to log and to store on an item a scheduled run could not
 * process: an error's own string `code` (HttpsError's `not-found`, MalformedDocumentError's
 * `malformed-document`), a gRPC status as `grpc-{n}` (Firestore), else the error's name. Never
 * the message, which may quote data.
 */
export function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && /^[a-z0-9/_-]{1,64}$/i.test(code)) return code;
  if (typeof code === "number" && Number.isInteger(code)) return `grpc-${code}`;
  const name = (error as { name?: unknown } | null)?.name;
  return typeof name === "string" && /^[A-Za-z]{1,64}$/.test(name) ? name : "error";
}
