import { logger } from "firebase-functions";
import { HttpsError } from "firebase-functions/v2/https";
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { CALLABLES } from "../../registry/callables";
import { checkResponse } from "./checkResponse";

const schema = z.strictObject({
  appointmentId: z.string(),
  start: z.iso.datetime(),
  slots: z.array(z.strictObject({ mode: z.enum(["video", "in_person"]) })),
});
const load = () => Promise.resolve(schema);
const good = { appointmentId: "a-1", start: "2026-12-01T04:30:00.000Z", slots: [{ mode: "video" }] };

afterEach(() => vi.restoreAllMocks());

describe("checkResponse: the emulator's check of every answer against its callable's response schema", () => {
  it("passes an answer the schema accepts, and logs nothing", async () => {
    const error = vi.spyOn(logger, "error").mockImplementation(() => undefined);
    await expect(checkResponse("book", load, good, true)).resolves.toBeUndefined();
    expect(error).not.toHaveBeenCalled();
  });

  it("answers internal for an answer outside the schema, logging the callable and the issues' paths and codes but no value", async () => {
    const error = vi.spyOn(logger, "error").mockImplementation(() => undefined);
    const secret = "Ramesh Kumar, diabetic";
    const bad = { appointmentId: 7, start: secret, slots: [{ mode: "phone" }], diagnosis: secret };
    const thrown = await checkResponse("book", load, bad, true).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(HttpsError);
    expect((thrown as HttpsError).code).toBe("internal");
    expect((thrown as HttpsError).details).toEqual({ reason: "internal" });
    expect(error).toHaveBeenCalledTimes(1);
    const [event, fields] = error.mock.calls[0] as [string, { callable: string; issues: unknown[] }];
    expect(event).toBe("callable.responseMismatch");
    expect(fields.callable).toBe("book");
    expect(fields.issues).toEqual(
      expect.arrayContaining([
        { path: "appointmentId", code: "invalid_type" },
        { path: "start", code: "invalid_format" },
        { path: "slots.0.mode", code: "invalid_value" },
        { path: "(response)", code: "unrecognized_keys", keys: ["diagnosis"] },
      ]),
    );
    expect(JSON.stringify(error.mock.calls)).not.toContain("Ramesh");
    expect(JSON.stringify(thrown)).not.toContain("Ramesh");
  });

  it("is off outside the emulator: the schema is not even loaded", async () => {
    const loader = vi.fn(load);
    await expect(checkResponse("book", loader, { anything: true }, false)).resolves.toBeUndefined();
    expect(loader).not.toHaveBeenCalled();
  });

  it("is on where FUNCTIONS_EMULATOR is true, as the emulator sets it", async () => {
    vi.spyOn(logger, "error").mockImplementation(() => undefined);
    vi.stubEnv("FUNCTIONS_EMULATOR", "true");
    try {
      await expect(checkResponse("book", load, { appointmentId: "a-1" })).rejects.toMatchObject({
        code: "internal",
      });
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("every callable of the registry declares a response schema that loads", async () => {
    const missing = CALLABLES.filter((spec) => !("response" in spec) || !spec.response).map((s) => s.name);
    expect(missing).toEqual([]);
    for (const spec of CALLABLES)
      expect((await spec.response?.()) instanceof z.ZodType, spec.name).toBe(true);
  });
});
