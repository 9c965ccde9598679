import { describe, expect, it } from "vitest";
import { z } from "zod";
import { callablesWith } from "./define";

// The type half of this file is checked by `tsc -p tsconfig.json` (the checks before each commit;
// the root config includes test files): each `@ts-expect-error` fails the build if the declaration
// below it compiles, so a handler whose answer differs from its response schema is a compile error.

const probeRequestSchema = z.strictObject({ id: z.string() });
const sharedRequestSchema = z.strictObject({ code: z.string() });
const response = z.strictObject({ id: z.string(), status: z.enum(["booked", "cancelled"]) });
const callable = callablesWith({
  requests: () => Promise.resolve({ probeRequestSchema, sharedRequestSchema }),
  responses: () =>
    Promise.resolve({
      probeResponseSchema: response,
      extraFieldResponseSchema: response,
      missingFieldResponseSchema: response,
      widerFieldResponseSchema: response,
    }),
});
const answer = { id: "a", status: "booked" as "booked" | "cancelled" };
const readsId = async ({ input }: { input: { id: string } }) => ({ ...answer, id: input.id });

describe("callablesWith: the handler's answer and the response schema are one type", () => {
  it("accepts a handler that returns exactly what the schema describes", () => {
    const spec = callable({
      name: "probe",
      summary: "probe",
      who: "anyone",
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
      callable({
        name: "extraField",
        summary: "",
        who: "",
        request: "probeRequestSchema",
        handler: () =>
          Promise.resolve(async () => ({
            id: "a",
            status: "booked" as const,
            patientName: "not in the schema",
          })),
      }),
      // @ts-expect-error: the schema promises `status`, which the handler does not answer.
      callable({
        name: "missingField",
        summary: "",
        who: "",
        request: "probeRequestSchema",
        handler: () => Promise.resolve(async () => ({ id: "a" })),
      }),
      // @ts-expect-error: `status` is any string in the handler, one of two in the schema.
      callable({
        name: "widerField",
        summary: "",
        who: "",
        request: "probeRequestSchema",
        handler: () => Promise.resolve(async () => ({ id: "a", status: "booked" as string })),
      }),
    ];
    expect(specs.map((s) => s.name)).toEqual(["extraField", "missingField", "widerField"]);
  });
});

describe("callablesWith: an entry's schemas are the exports named after it", () => {
  it("loads `${name}RequestSchema`, or the export `request` names, and `${name}ResponseSchema`", async () => {
    const spec = callable({
      name: "probe",
      summary: "probe",
      who: "anyone",
      handler: () => Promise.resolve(readsId),
    });
    expect(await spec.request()).toBe(probeRequestSchema);
    expect(await spec.response?.()).toBe(response);
    const shared = callable({
      name: "probe",
      summary: "probe",
      who: "anyone",
      request: "sharedRequestSchema",
      handler: () =>
        Promise.resolve(async ({ input }: { input: { code: string } }) => ({ ...answer, id: input.code })),
    });
    expect(await shared.request()).toBe(sharedRequestSchema);
  });

  it("refuses, at compile time, a schema the modules do not export, or a handler of another request", () => {
    const specs = [
      // @ts-expect-error: the requests module exports no `missingRequestSchema`.
      callable({ name: "missing", summary: "", who: "", handler: () => Promise.resolve(async () => answer) }),
      // @ts-expect-error: `sharedRequestSchema` is exported, but no `sharedResponseSchema`.
      callable({ name: "shared", summary: "", who: "", handler: () => Promise.resolve(async () => answer) }),
      // @ts-expect-error: `request` names no export of the requests module.
      callable({
        name: "probe",
        summary: "",
        who: "",
        request: "otherRequestSchema",
        handler: () => Promise.resolve(async () => answer),
      }),
      callable({
        name: "probe",
        summary: "",
        who: "",
        request: "sharedRequestSchema",
        // @ts-expect-error: the handler reads `id`, which the request schema it is given has not.
        handler: () => Promise.resolve(readsId),
      }),
    ];
    expect(specs.map((s) => s.name)).toEqual(["missing", "shared", "probe", "probe"]);
  });
});
