import { HttpsError, onCall, type CallableFunction, type CallableRequest } from "firebase-functions/v2/https";
import { appCheckFor } from "../../registry/appCheck";
import { requestOrigin, requireActor } from "../../services/callable/caller";
import { parseRequest } from "../../services/callable/parseRequest";
import { enforceRateLimit } from "../../services/callable/rateLimit";
import type { CallableSpec, Handler } from "../../registry/define";
import { CALLABLES, type CallableName } from "../../registry/callables";

/** Runs one call through the steps every callable shares (registry/define.ts), then its handler. */
export async function runCallable<I, O>(
  spec: CallableSpec<string, I, O>,
  load: () => Promise<Handler<I, O>>,
  raw: CallableRequest<unknown>,
  now = new Date(),
): Promise<O> {
  const actor = await requireActor(raw, { checkRevoked: spec.checkRevoked });
  if (spec.rateLimit) await enforceRateLimit(actor, spec.rateLimit, now);
  if (spec.allow && !spec.allow.check(actor)) throw new HttpsError("permission-denied", spec.allow.denied);
  const input = parseRequest(spec.request, raw.data);
  const handler = await load();
  return handler({ actor, input, now, origin: requestOrigin(raw), raw });
}

function triggerFor<I, O>(spec: CallableSpec<string, I, O>): CallableFunction<unknown, Promise<O>> {
  let loaded: Promise<Handler<I, O>> | undefined;
  const load = () => (loaded ??= spec.handler());
  const options = {
    ...appCheckFor(spec.name as CallableName),
    ...(spec.secrets ? { secrets: spec.secrets } : {}),
    ...(spec.timeoutSeconds ? { timeoutSeconds: spec.timeoutSeconds } : {}),
    ...(spec.memory ? { memory: spec.memory } : {}),
  };
  return onCall(options, (request) => runCallable(spec, load, request));
}

/** Every callable's trigger, by the name clients call it by; index.ts exports them all. */
export function callableTriggers(): Record<string, CallableFunction<unknown, Promise<unknown>>> {
  return Object.fromEntries(CALLABLES.map((spec) => [spec.name, triggerFor(spec as CallableSpec)]));
}
