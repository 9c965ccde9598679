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
> {
  /** What clients pass to httpsCallable(). */
  name: Name;
  /** One line for the reference. */
  summary: string;
  /** Who may call it, in words, for the reference (the checks are `allow` and the handler's). */
  who: string;
  /** The request schema (zod), loaded on the first call: `request: () => import("../schemas/x").then((m) => m.xRequestSchema)`. */
  request: () => Promise<S>;
  /**
   * The response schema (zod): `response: () => import("../schemas/responses/<area>").then((m) =>
   * m.xResponseSchema)`. The reference shows it as JSON Schema and the client's types follow it;
   * `defineCallable` refuses to compile when the handler's return type and the schema's output
   * differ (either way). A loader like `request`, and only ever loaded where it is used: by the
   * reference, and in the emulator by the callable runner, which checks every answer against it
   * (triggers/callable/run.ts); a deployed function never loads it. Every callable declares one
   * (tools/reference.test.ts fails otherwise); optional in the type only so that a callable being
   * written compiles before its schema exists.
   */
  response?: () => Promise<R>;
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

/**
 * Declares a callable; the name keeps its literal type so the registry knows every name, the
 * request schema its own type, so the client (client/) types a call by what the schema accepts
 * (`z.input`), and the response schema its own, so the client types the answer by what the schema
 * gives (`z.output`), which the handler's return type must equal (`ResponseMatches`).
 */
export function defineCallable<
  const Name extends string,
  S extends z.ZodType,
  O,
  R extends z.ZodType = z.ZodType<O>,
>(
  spec: CallableSpec<Name, z.output<S>, O, S, R> & ResponseMatches<O, z.output<R>>,
): CallableSpec<Name, z.output<S>, O, S, R> {
  return spec;
}

/** A coarse check for `allow`: the actor has one of these roles. */
export function roles(...allowed: Actor["role"][]): (actor: Actor) => boolean {
  return (actor) => allowed.includes(actor.role);
}
