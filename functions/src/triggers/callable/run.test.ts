import { logger } from "firebase-functions";
import type { CallableRequest } from "firebase-functions/v2/https";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { CallableSpec } from "../../registry/define";
import { runCallable } from "./run";

// The sign-in step reads revocations from Firestore; here it is a signed-in patient, so the test
// is the runner's own: request schema, handler, then (in the emulator) the response check.
vi.mock("../../services/callable/caller", () => ({
  requireActor: () => Promise.resolve({ uid: "p-1", role: "patient", platform: false }),
  requestOrigin: () => ({}),
}));

const responseSchema = z.strictObject({ appointmentId: z.string(), status: z.enum(["booked", "cancelled"]) });

function spec(answer: unknown, response = vi.fn(() => Promise.resolve(responseSchema))) {
  return {
    spec: {
      name: "probe",
      summary: "",
      who: "",
      request: () => Promise.resolve(z.strictObject({ appointmentId: z.string() })),
      response,
      handler: () => Promise.resolve(async () => answer),
    } as unknown as CallableSpec<string, unknown, unknown>,
    response,
  };
}
const raw = {
  data: { appointmentId: "a-1" },
  auth: { uid: "p-1", token: {} },
} as unknown as CallableRequest<unknown>;
const run = (s: CallableSpec<string, unknown, unknown>) => runCallable(s, s.handler, raw);

let error: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  error = vi.spyOn(logger, "error").mockImplementation(() => undefined);
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe("the callable runner checks every answer against its response schema in the emulator", () => {
  it("returns an answer the schema accepts", async () => {
    vi.stubEnv("FUNCTIONS_EMULATOR", "true");
    const answer = { appointmentId: "a-1", status: "booked" };
    await expect(run(spec(answer).spec)).resolves.toEqual(answer);
    expect(error).not.toHaveBeenCalled();
  });

  it("answers internal (reason internal) for one outside it, and logs callable.responseMismatch", async () => {
    vi.stubEnv("FUNCTIONS_EMULATOR", "true");
    const answer = { appointmentId: "a-1", status: "maybe", patientName: "Asha" };
    await expect(run(spec(answer).spec)).rejects.toMatchObject({
      code: "internal",
      details: { reason: "internal" },
    });
    expect(error).toHaveBeenCalledWith("callable.responseMismatch", {
      callable: "probe",
      issues: [
        { path: "status", code: "invalid_value" },
        { path: "(response)", code: "unrecognized_keys", keys: ["patientName"] },
      ],
    });
    expect(JSON.stringify(error.mock.calls)).not.toContain("Asha");
  });

  it("outside the emulator returns the handler's answer as it is and never loads the response schema", async () => {
    vi.stubEnv("FUNCTIONS_EMULATOR", "");
    const answer = { appointmentId: "a-1", status: "maybe" };
    const { spec: s, response } = spec(answer);
    await expect(run(s)).resolves.toEqual(answer);
    expect(response).not.toHaveBeenCalled();
  });
});
