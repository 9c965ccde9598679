// The callables' types, derived from the registry (functions/src/registry/): nothing here is
// written by hand per callable, so a new callable or a changed schema reaches the client's types
// as soon as it is declared. Type-only imports: the client loads none of the functions' code.
import type { z } from "zod";
import type { CALLABLES } from "../../functions/src/registry/callables";

type Spec = (typeof CALLABLES)[number];
/** Every callable's name, as clients pass it to the backend. */
export type CallableName = Spec["name"];
type SpecOf<N extends CallableName> = Extract<Spec, { name: N }>;

type SchemaOf<N extends CallableName> = SpecOf<N>["request"] extends () => Promise<infer S extends z.ZodType>
  ? S
  : never;

/** What a call of `N` accepts: the input of its request schema (before defaults and transforms). */
export type RequestOf<N extends CallableName> = z.input<SchemaOf<N>>;

type ReturnOf<N extends CallableName> = SpecOf<N>["handler"] extends () => Promise<
  (call: never) => Promise<infer O>
>
  ? O
  : never;

/**
 * The output of the callable's response schema, or its handler's return type for a callable that
 * declares none yet (tools/reference.test.ts fails on those). The registry makes the two the same
 * type where both exist (registry/define.ts `ResponseMatches`).
 */
type AnswerOf<N extends CallableName> =
  SpecOf<N> extends { response?: () => Promise<infer R> }
    ? R extends z.ZodType
      ? z.output<R>
      : ReturnOf<N>
    : ReturnOf<N>;

/**
 * A value as the callable protocol delivers it (JSON): Firestore timestamps arrive as
 * `{ _seconds, _nanoseconds }`, Dates as `{}` (the backend answers instants as ISO strings),
 * `undefined` properties are left out.
 */
export type Wire<T> = T extends string | number | boolean | null
  ? T
  : T extends undefined
    ? null
    : T extends Date
      ? Record<string, never>
      : T extends { toMillis(): number; seconds: number; nanoseconds: number }
        ? { _seconds: number; _nanoseconds: number }
        : T extends readonly (infer E)[]
          ? Wire<E>[]
          : T extends object
            ? {
                [K in keyof T]: Wire<Exclude<T[K], undefined>> | (undefined extends T[K] ? undefined : never);
              }
            : unknown;

/** What a call of `N` answers: its response schema's output, as the callable protocol delivers it. */
export type ResponseOf<N extends CallableName> = Wire<AnswerOf<N>>;
