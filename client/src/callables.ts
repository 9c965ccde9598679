// One typed function per callable: `arogya.book({ doctorUid, start, mode })`. The request type is
// the input of the callable's zod schema and the answer its handler's return type (./types.ts);
// refusals reject with an ArogyaError (./errors.ts). The list and the timeouts are generated
// (./generated/callables.ts, `npm run client`).
import { httpsCallable, type Functions } from "firebase/functions";
import { toArogyaError } from "./errors";
import { CALLABLE_INFO } from "./generated/callables";
import type { CallableName, RequestOf, ResponseOf } from "./types";

/** Every callable as a typed function. */
export type ArogyaCallables = {
  [N in CallableName]: (request: RequestOf<N>) => Promise<ResponseOf<N>>;
};

export interface CallableOptions {
  /** Overrides the generated timeout of every call (ms): the backend's own plus a margin. */
  timeoutMs?: number;
  /** Sends limited-use App Check tokens (for callables that consume them). */
  limitedUseAppCheckTokens?: boolean;
}

/** The callables of a Functions instance (region asia-south1: `getFunctions(app, "asia-south1")`). */
export function arogyaCallables(functions: Functions, options: CallableOptions = {}): ArogyaCallables {
  const entries = (Object.keys(CALLABLE_INFO) as CallableName[]).map((name) => {
    const callable = httpsCallable(functions, name, {
      timeout: options.timeoutMs ?? CALLABLE_INFO[name].timeoutMs,
      ...(options.limitedUseAppCheckTokens ? { limitedUseAppCheckTokens: true } : {}),
    });
    const call = async (request: unknown) => {
      try {
        return (await callable(request)).data;
      } catch (error) {
        throw toArogyaError(error, name);
      }
    };
    return [name, call] as const;
  });
  return Object.fromEntries(entries) as unknown as ArogyaCallables;
}
