// What a request schema says when it refuses a value, as the callable answers it: the unit tests
// of the schemas (functions/src/schemas/*.test.ts) compare these messages.
import { expect } from "vitest";
import { formatZodError } from "../functions/src/services/callable/parseRequest";

/** The readable field messages of a value `schema` refuses (failing the test if it accepts it). */
export function errors(
  schema: { safeParse(v: unknown): { success: boolean; error?: unknown } },
  value: unknown,
): string {
  const result = schema.safeParse(value);
  expect(result.success).toBe(false);
  return formatZodError(result.error as Parameters<typeof formatZodError>[0]);
}
