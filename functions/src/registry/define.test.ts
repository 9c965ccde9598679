import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineCallable } from "./define";

// The type half of this file is checked by `tsc -p tsconfig.json` (the checks before each commit;
// the root config includes test files): each `@ts-expect-error` fails the build if the declaration
// below it compiles, so a handler whose answer differs from its response schema is a compile error.

const request = () => Promise.resolve(z.strictObject({ id: z.string() }));
const response = () =>
  Promise.resolve(z.strictObject({ id: z.string(), status: z.enum(["booked", "cancelled"]) }));

describe("defineCallable: the handler's answer and the response schema are one type", () => {
  it("accepts a handler that returns exactly what the schema describes", () => {
    const spec = defineCallable({
      name: "probe",
      summary: "probe",
      who: "anyone",
      request,
      response,
      handler: () =>
        Promise.resolve(async ({ input }: { input: { id: string } }) => ({
          id: input.id,
          status: "booked" as "booked" | "cancelled",
        })),
    });
    expect(spec.name).toBe("probe");
  });

  it("refuses, at compile time, a handler that returns more, less or other than the schema", () => {
    const specs = [
      // @ts-expect-error: the handler answers a field the schema does not declare.
      defineCallable({
        name: "extraField",
        summary: "",
        who: "",
        request,
        response,
        handler: () =>
          Promise.resolve(async () => ({
            id: "a",
            status: "booked" as const,
            patientName: "not in the schema",
          })),
      }),
      // @ts-expect-error: the schema promises `status`, which the handler does not answer.
      defineCallable({
        name: "missingField",
        summary: "",
        who: "",
        request,
        response,
        handler: () => Promise.resolve(async () => ({ id: "a" })),
      }),
      // @ts-expect-error: `status` is any string in the handler, one of two in the schema.
      defineCallable({
        name: "widerField",
        summary: "",
        who: "",
        request,
        response,
        handler: () => Promise.resolve(async () => ({ id: "a", status: "booked" as string })),
      }),
    ];
    expect(specs.map((s) => s.name)).toEqual(["extraField", "missingField", "widerField"]);
  });
});
