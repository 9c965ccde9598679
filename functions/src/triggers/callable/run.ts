import { HttpsError, type CallableRequest } from "firebase-functions/v2/https";
import { requestOrigin, requireActor } from "../../services/callable/caller";
import { checkResponse } from "../../services/callable/checkResponse";
import { parseRequest } from "../../services/callable/parseRequest";
import { enforceRateLimit } from "../../services/callable/rateLimit";
import { appError, withReason } from "../../schemas/errors";
import type { CallableSpec, Handler } from "../../registry/define";

/**
 * Runs one call through the steps every callable shares (registry/define.ts), then its handler.
 * Loaded on a function's first call (./index.ts), with the request schema and the handler: the
 * sign-in, rate-limit and request-parsing code brings zod and the Firestore repositories with it.
 *
 * Every refusal leaves with `details.reason`: the one its site gave (schemas/errors.ts `appError`)
 * or, for an HttpsError thrown without one, the default of its code (`withReason`). In the
 * emulator, every answer is checked against the callable's response schema first
 * (services/callable/checkResponse.ts): an answer outside it is `internal`, loudly.
 */
export async function runCallable<I, O>(
  spec: CallableSpec<string, I, O>,
  load: () => Promise<Handler<I, O>>,
  raw: CallableRequest<unknown>,
  now = new Date(),
): Promise<O> {
  try {
    return await runSteps(spec, load, raw, now);
  } catch (error) {
    throw error instanceof HttpsError ? withReason(error) : error;
  }
}

async function runSteps<I, O>(
  spec: CallableSpec<string, I, O>,
  load: () => Promise<Handler<I, O>>,
  raw: CallableRequest<unknown>,
  now = new Date(),
): Promise<O> {
  const actor = await requireActor(raw, {
    checkRevoked: spec.checkRevoked,
    readRevocation: spec.revocationCheck !== false,
  });
  if (spec.rateLimit) await enforceRateLimit(actor, spec.rateLimit, now);
  if (spec.allow && !spec.allow.check(actor))
    throw appError("permission-denied", "role-not-allowed", spec.allow.denied);
  const input = parseRequest(await spec.request(), raw.data);
  const handler = await load();
  const answer = await handler({ actor, input, now, origin: requestOrigin(raw), raw });
  await checkResponse(spec.name, spec.response, answer);
  return answer;
}
