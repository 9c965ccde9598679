import { onCall, type CallableFunction } from "firebase-functions/v2/https";
import { appCheckFor } from "../../registry/appCheck";
import type { CallableSpec, Handler } from "../../registry/define";
import { CALLABLES, type CallableName } from "../../registry/callables";
import type { runCallable as runSteps } from "./run";

/**
 * Runs one call through the steps every callable shares (./run.ts), then its handler. Nothing of
 * it is loaded with the entry point: ./run.ts (sign-in, rate limit, request parsing, with zod and
 * the repositories), the request schema and the handler are required on a function's first call.
 */
export const runCallable: typeof runSteps = async (...call) => (await import("./run")).runCallable(...call);

/**
 * Loads what a callable's first call loads, without calling it: the shared steps, the request
 * schema and the handler (with their imports). For the cold-start benchmark (tools/coldstart.ts).
 */
export async function loadCallable(spec: CallableSpec): Promise<void> {
  await Promise.all([import("./run"), spec.request(), spec.handler()]);
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
