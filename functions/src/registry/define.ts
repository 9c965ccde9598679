import type { CallableRequest } from "firebase-functions/v2/https";
import type { SecretParam } from "firebase-functions/params";
import type { z } from "zod";
import type { RateLimitedAction } from "../config/rateLimits";
import type { Actor } from "../domain/identity/actor";

/** Where a request came from, for the audit log. */
export interface Origin {
  ip?: string;
  userAgent?: string;
}

/** What a callable's handler receives: the request already authenticated, limited and parsed. */
export interface Call<I> {
  actor: Actor;
  input: I;
  now: Date;
  origin: Origin;
  /** The raw request, for the rare handler that needs more (the ID token for revocation checks). */
  raw: CallableRequest<unknown>;
}

export type Handler<I, O> = (call: Call<I>) => Promise<O>;

/**
 * One callable, declared once. The trigger (triggers/callable/), the App Check switch
 * (registry/appCheck.ts) and the reference documentation are derived from this declaration.
 *
 * The trigger runs, in this order: sign-in (`requireActor`: a token signed in before the user's
 * revocation, `revocations/{uid}`, is refused; against Auth once more when `checkRevoked`), the rate limit, `allow` (a coarse role check that needs no input; finer
 * decisions are the handler's, through authz/), the request schema, then the handler.
 *
 * The request schema and the handler are loaders, called on the first call: index.ts loads the
 * registry for every function of the deployment, and zod, the schemas and the handlers' imports
 * would otherwise be paid on every cold start, by every function. Tools that need a schema
 * (the reference) await it: `await spec.request()`.
 */
export interface CallableSpec<
  Name extends string = string,
  I = unknown,
  O = unknown,
  S extends z.ZodType = z.ZodType<I>,
  R extends z.ZodType = z.ZodType<O>,
> extends CallableOptions<Name, I, O> {
  /** The request schema (zod), loaded on the first call (`callablesWith` picks it by name). */
  request: () => Promise<S>;
  /**
   * The response schema (zod). The reference shows it as JSON Schema and the client's types follow
   * it; the declaration refuses to compile when the handler's return type and the schema's output
   * differ (either way). A loader like `request`, and only ever loaded where it is used: by the
   * reference, and in the emulator by the callable runner, which checks every answer against it
   * (triggers/callable/run.ts); a deployed function never loads it. Every callable declares one
   * (tools/reference.test.ts fails otherwise; `callablesWith` does not compile without it).
   */
  response?: () => Promise<R>;
}

/** What a registry entry writes: everything but the schemas, which `callablesWith` finds by name. */
export interface CallableOptions<Name extends string = string, I = unknown, O = unknown> {
  /** What clients pass to httpsCallable(). */
  name: Name;
  /** One line for the reference. */
  summary: string;
  /** Who may call it, in words, for the reference (the checks are `allow` and the handler's). */
  who: string;
  rateLimit?: RateLimitedAction;
  /** Also ask Auth (an Auth round trip): catches disabled accounts and revocations made elsewhere. */
  checkRevoked?: boolean;
  /**
   * `false`: the sign-in step does not read `revocations/{uid}`, so a token signed in before a
   * sign-out, suspension, role change or deletion is still accepted until it expires (an hour at
   * most). Only for a public read that writes nothing and returns no PHI, and that firestore.rules
   * already grant any signed-in user without `notRevoked()` (listSlots: a doctor's free slots,
   * computed from `availability/{uid}`, which any signed-in user may read). Absent: checked.
   */
  revocationCheck?: false;
  allow?: { check: (actor: Actor) => boolean; denied: string };
  secrets?: SecretParam[];
  timeoutSeconds?: number;
  memory?: "256MiB" | "512MiB" | "1GiB" | "2GiB";
  /** The handler, loaded on the first call: `() => import("../handlers/<area>/x").then((m) => m.x)`. */
  handler: () => Promise<Handler<I, O>>;
}

/**
 * `unknown` (no constraint) when the handler's answer `O` and the response schema's output `P` are
 * the same type (each assignable to the other); otherwise a property no declaration has, so the
 * declaration fails to compile with both types in the message. Tuples keep the check from
 * distributing over unions.
 */
export type ResponseMatches<O, P> = [O] extends [P]
  ? [P] extends [O]
    ? unknown
    : { responseSchemaAcceptsMoreThanTheHandlerReturns: { handler: O; schema: P } }
  : { handlerReturnsWhatTheResponseSchemaRefuses: { handler: O; schema: P } };

/** A coarse check for `allow`: the actor has one of these roles. */
export function roles(...allowed: Actor["role"][]): (actor: Actor) => boolean {
  return (actor) => allowed.includes(actor.role);
}

/** The zod schema a module exports under the name `K`; never when it exports none. */
type SchemaAt<M, K> = Extract<K extends keyof M ? M[K] : never, z.ZodType>;

/** `unknown` when the module exports a zod schema named `K`; otherwise a property naming it. */
type Exports<M, K extends string, Missing extends string> = [SchemaAt<M, K>] extends [never]
  ? { [P in Missing]: K }
  : unknown;

/**
 * A loader that loads a module and picks one of its exports. `from` is the module's own loader,
 * whose text names the file (tools/reference.ts reads it).
 */
export type Picked<T> = (() => Promise<T>) & { from: () => Promise<unknown> };

function pick<T>(from: () => Promise<Record<string, unknown>>, name: string): Picked<T> {
  return Object.assign(() => from().then((m) => m[name] as T), { from });
}

/**
 * Declares the callables of an area whose request schemas are exported by one module and response
 * schemas by another: an entry writes its name, its options and its handler, and its schemas are
 * the modules' exports named after it, `${name}RequestSchema` (or the export `request` names, a
 * schema several callables share) and `${name}ResponseSchema`. Both stay loaders, so the registry
 * loads no schema (tools/coldstart.test.ts). An entry whose module lacks either export does not
 * compile, nor one whose handler takes another input than its request schema gives or answers
 * other than its response schema (`ResponseMatches`). The name keeps its literal type so the
 * registry knows every name, and each schema its own type, so the client (client/) types a call by
 * what the request schema accepts (`z.input`) and the answer by what the response schema gives.
 */
export function callablesWith<Requests, Responses>(modules: {
  requests: () => Promise<Requests>;
  responses: () => Promise<Responses>;
}) {
  return <const Name extends string, O, const Key extends string = `${Name}RequestSchema`>(
    entry: CallableOptions<Name, z.output<SchemaAt<Requests, Key>>, O> & {
      /** The request schema's export, when it is not `${name}RequestSchema`. */
      request?: Key;
    } & Exports<Requests, Key, "requestSchemaNotExported"> &
      Exports<Responses, `${Name}ResponseSchema`, "responseSchemaNotExported"> &
      ResponseMatches<O, z.output<SchemaAt<Responses, `${Name}ResponseSchema`>>>,
  ): CallableSpec<
    Name,
    z.output<SchemaAt<Requests, Key>>,
    O,
    SchemaAt<Requests, Key>,
    SchemaAt<Responses, `${Name}ResponseSchema`>
  > => {
    const { request = `${entry.name}RequestSchema`, ...options } = entry;
    return {
      ...options,
      request: pick(modules.requests as () => Promise<Record<string, unknown>>, request),
      response: pick(
        modules.responses as () => Promise<Record<string, unknown>>,
        `${entry.name}ResponseSchema`,
      ),
    };
  };
}
