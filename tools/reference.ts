// The reference, derived from the code: for each callable of the registry (functions/src/registry/)
// who may call it, its limits, its App Check switch, its request (and response, where declared) as
// JSON Schema (zod's z.toJSONSchema) and the error reasons it can answer (read from the source of
// its handler and what the handler imports); the OpenAPI 3.1 document of the /api endpoints
// (registry/http.ts, tools/openapi.ts); and the catalogue of error reasons.
//
//   npm run reference    writes docs/reference/ (callables.md, callables.schema.json,
//                        api.openapi.json, errors.md) and the client's generated list (tools/client.ts)
//
// tools/reference.test.ts renders both again in memory and fails when the committed files differ
// from the code: after adding or changing a callable (or its request schema), run the command.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as prettier from "prettier";
import { z } from "zod";
import { RATE_LIMITS, type RateLimitedAction } from "../functions/src/config/rateLimits";
import type { RateLimitPolicy } from "../functions/src/domain/operations/rateLimit";
import { CALLABLES } from "../functions/src/registry/callables";
import type { CallableSpec } from "../functions/src/registry/define";
import {
  DEFAULT_REASONS,
  ERROR_REASONS,
  isErrorReason,
  type ErrorCode,
  type ErrorReason,
} from "../functions/src/schemas/errorReasons";
import { openApiDocument } from "./openapi";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const REFERENCE_FILES = {
  markdown: "docs/reference/callables.md",
  schema: "docs/reference/callables.schema.json",
  openapi: "docs/reference/api.openapi.json",
  errors: "docs/reference/errors.md",
} as const;

const JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema";
/** firebase-functions' defaults for a 2nd-gen function that sets neither. */
const DEFAULT_TIMEOUT_SECONDS = 60;
const DEFAULT_MEMORY = "256MiB";

/** What the reference reads of a declaration: all of it but the handler. */
type Spec = Omit<CallableSpec, "handler"> & { handler?: () => unknown };
type JsonSchema = Record<string, unknown>;

/** A request's JSON Schema, and what JSON Schema cannot say about it. */
interface RequestSchema {
  json: JsonSchema;
  /** Paths (`lines[].dose`) whose values are checked by code JSON Schema cannot express. */
  checkedInCode: string[];
  /** Paths whose type has no JSON Schema equivalent (shown as `{}`: any value). */
  unrepresentable: string[];
}

/** A JSON Schema path as a reader names the field: `lines[].dose`, `weekly.*`, `(request)`. */
function fieldPath(at: (string | number)[]): string {
  let text = "";
  for (let i = 0; i < at.length; i++) {
    const seg = at[i];
    if (seg === "properties") text += `${text ? "." : ""}${at[++i]}`;
    else if (seg === "items") text += "[]";
    else if (seg === "additionalProperties") text += `${text ? "." : ""}*`;
    else if (["anyOf", "oneOf", "allOf"].includes(seg as string)) i++; // a variant: same field
  }
  return text || "(request)";
}

/**
 * The request schema as clients send it (`io: "input"`: before defaults and transforms). Types
 * JSON Schema has no word for become `{}` (any value) and are listed; refinements (`.refine`,
 * `.superRefine`) cannot be shown at all and are listed too, so a reader knows where the code
 * checks more than the schema says.
 */
export function requestSchema(schema: z.ZodType): RequestSchema {
  const checkedInCode = new Set<string>();
  const unrepresentable = new Set<string>();
  const json = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io: "input",
    unrepresentable: ({ path: at }) => {
      unrepresentable.add(fieldPath(at));
      return "any";
    },
    override: ({ zodSchema, path: at }) => {
      const checks = (zodSchema._zod.def as { checks?: Array<{ _zod: { def: { check: string } } }> }).checks;
      if (checks?.some((c) => c._zod.def.check === "custom")) checkedInCode.add(fieldPath(at));
    },
  }) as JsonSchema;
  delete json.$schema;
  return { json, checkedInCode: [...checkedInCode].sort(), unrepresentable: [...unrepresentable].sort() };
}

const SRC = path.join(ROOT, "functions", "src");

/**
 * The module a loader imports: `() => import("../handlers/booking/book").then(…)` → its file. A
 * schema loader the registry derives (registry/define.ts `Picked`) names no file itself: its
 * `from`, the module's loader, does.
 */
export function loadedFile(loader: (() => unknown) & { from?: () => unknown }): string | null {
  // Any call with a relative path: `import(…)` as written, as tsx emits it, and as vitest does
  // (`__vite_ssr_dynamic_import__("/functions/src/….ts")`).
  const source = (loader.from ?? loader).toString();
  const match = /\(\s*["']((?:\.\.\/|\/functions\/src\/)[^"']+?)(?:\.ts)?["']/.exec(source);
  if (!match) return null;
  return match[1].startsWith("/")
    ? path.join(ROOT, `${match[1]}.ts`)
    : path.join(SRC, "registry", `${match[1]}.ts`);
}

/** The files under functions/src a module imports, itself included, transitively (not repo/, adapters/). */
function importedFiles(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file) || !existsSync(file)) return seen;
  seen.add(file);
  const source = readFileSync(file, "utf8");
  for (const m of source.matchAll(/from\s+["'](\.{1,2}\/[^"']+)["']/g)) {
    const target = path.resolve(path.dirname(file), m[1]);
    const candidates = [`${target}.ts`, path.join(target, "index.ts")];
    const next = candidates.find((c) => existsSync(c));
    // Matched below functions/src, so a checkout whose own path names one of them still works.
    if (next && !/^(repo|adapters|schemas)\//.test(path.relative(SRC, next))) importedFiles(next, seen);
  }
  return seen;
}

/** Reasons named in a source: `appError("…", "slot-taken"`, `reason: "slot-taken"`, or an HttpsError code's default. */
export function reasonsIn(source: string): ErrorReason[] {
  const found = new Set<ErrorReason>();
  for (const m of source.matchAll(/appError\(\s*"[a-z-]+",\s*"([a-z-]+)"/g))
    if (isErrorReason(m[1])) found.add(m[1]);
  for (const m of source.matchAll(/\breason:\s*"([a-z-]+)"/g)) if (isErrorReason(m[1])) found.add(m[1]);
  // Thrown without a reason: the pipeline gives it its code's default.
  for (const m of source.matchAll(/new HttpsError\(\s*"([a-z-]+)"/g))
    if (m[1] in DEFAULT_REASONS) found.add(DEFAULT_REASONS[m[1] as ErrorCode]);
  return [...found];
}

/** The reasons a callable can answer: the shared steps' and those its handler's code names. */
function errorReasons(spec: Spec & { handler?: () => unknown }): ErrorReason[] {
  const reasons = new Set<ErrorReason>([
    "sign-in-required",
    "signed-out",
    "app-check-reused",
    "invalid-request",
  ]);
  if (spec.rateLimit) reasons.add("rate-limited");
  if (spec.allow) reasons.add("role-not-allowed");
  const file = spec.handler ? loadedFile(spec.handler) : null;
  if (file)
    for (const f of importedFiles(file)) for (const r of reasonsIn(readFileSync(f, "utf8"))) reasons.add(r);
  return [...reasons].sort();
}

const per = (seconds: number) =>
  seconds === 3600 ? "an hour" : seconds === 86_400 ? "a day (UTC)" : `per ${seconds} s`;
const policyText = (p: RateLimitPolicy) => `${p.limit.toLocaleString("en")} ${per(p.windowSeconds)}`;

function rateLimitText(action: RateLimitedAction | undefined): string {
  if (!action) return "none";
  const { user, org } = RATE_LIMITS[action];
  return `\`${action}\`: ${policyText(user)} per user, ${policyText(org)} per organisation (staff)`;
}

function signInText(spec: Spec): string {
  if (spec.checkRevoked)
    return "required; the ID token is checked against Auth once more, so a revoked session is refused at once";
  return spec.revocationCheck === false
    ? "required; a signed-out session's token is accepted until it expires (a public read without PHI)"
    : "required";
}

function roleCheckText(spec: Spec): string {
  return spec.allow
    ? `before the request is read; others get \`permission-denied\`, "${spec.allow.denied}"`
    : "in the handler only";
}

function runtimeText(spec: Spec): string {
  const parts = [
    `timeout ${spec.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS} s`,
    `memory ${spec.memory ?? DEFAULT_MEMORY}`,
  ];
  const secrets = (spec.secrets ?? []).map((s) => `\`${s.name}\``);
  if (secrets.length) parts.push(`secrets ${secrets.join(", ")}`);
  return parts.join("; ");
}

const cell = (text: string) => text.replaceAll("|", "\\|").replaceAll("\n", " ");
const fields = (paths: string[]) =>
  paths.map((p) => (p === "(request)" ? "the request as a whole" : `\`${p}\``)).join(", ");

function callableSection(spec: Spec, request: RequestSchema, response: JsonSchema | null): string {
  const notes = [
    ...(request.checkedInCode.length
      ? [`Checked by code beyond what the schema says (refinements): ${fields(request.checkedInCode)}.`]
      : []),
    ...(request.unrepresentable.length
      ? [`No JSON Schema equivalent, shown as any value: ${fields(request.unrepresentable)}.`]
      : []),
  ];
  return [
    `### \`${spec.name}\``,
    "",
    spec.summary,
    "",
    `- **Who may call it**: ${spec.who}`,
    `- **Role check**: ${roleCheckText(spec)}`,
    `- **Sign-in**: ${signInText(spec)}`,
    `- **Rate limit**: ${rateLimitText(spec.rateLimit)}`,
    `- **App Check**: enforced when \`APP_CHECK_ENFORCED\` names \`${spec.name}\` (or is \`all\`); the token is consumed when \`APP_CHECK_CONSUMED\` names it`,
    `- **Runtime**: ${runtimeText(spec)}`,
    `- **Errors** (\`details.reason\`, see [errors.md](errors.md)): ${errorReasons(spec)
      .map((r) => `\`${r}\``)
      .join(", ")}`,
    "",
    "Request (JSON Schema, draft 2020-12, as the client sends it):",
    "",
    "```json",
    JSON.stringify(request.json, null, 2),
    "```",
    ...(notes.length ? ["", ...notes] : []),
    "",
    ...(response
      ? [
          "Response (JSON Schema, as the client receives it):",
          "",
          "```json",
          JSON.stringify(response, null, 2),
          "```",
        ]
      : [
          `Response: **no schema declared** (tools/reference.test.ts fails until \`response\` is declared in the registry).`,
        ]),
    "",
  ].join("\n");
}

function markdown(
  specs: readonly Spec[],
  requests: Map<string, RequestSchema>,
  responses: Map<string, JsonSchema | null>,
): string {
  const index = specs.map(
    (s) => `| [\`${s.name}\`](#${s.name.toLowerCase()}) | ${cell(s.who)} | ${cell(s.summary)} |`,
  );
  return [
    "<!-- Generated by `npm run reference` (tools/reference.ts) from functions/src/registry/. Do not edit:",
    "     change the registry or the schemas, then run the command; tools/reference.test.ts fails until you do. -->",
    "",
    "# Callables",
    "",
    "Every callable of the backend, as declared in `functions/src/registry/`. Clients call them with the",
    'Firebase SDK: `httpsCallable(functions, "book")(request)`. The request schemas are also in',
    "[`callables.schema.json`](callables.schema.json) (`$defs`, two per callable: `<callable>Request`, `<callable>Response`).",
    "",
    "Every callable declares its response schema too (`<callable>Response` there): the handler's return type",
    "must equal it (the registry does not compile otherwise), the client types the answer by it",
    "(`ResponseOf<name>` in client/src/types.ts), and in the emulator every answer is checked against it",
    "(an answer outside it fails the call with `internal`). Every refusal carries `details.reason` (the",
    "[catalogue](errors.md)) and, for invalid requests, `details.fields`.",
    "The HTTP endpoints behind `/api` are in [`api.openapi.json`](api.openapi.json) (OpenAPI 3.1).",
    "",
    "Every call passes the same steps before its handler, each with its own error:",
    "",
    "1. App Check, where the deployment enforces it: `unauthenticated` without a valid token, or with a",
    "   limited-use token that was already used.",
    "2. Sign-in: `unauthenticated` (`sign in first`); with the revocation check, a signed-out session is",
    "   `unauthenticated` too.",
    "3. The rate limit, where there is one: `resource-exhausted` (`rate-limited`), with",
    "   `details.retryAfterSeconds` and `details.retryAt` (an ISO instant).",
    "4. The role check, where there is one: `permission-denied` (`role-not-allowed`) with the message shown.",
    "5. The request schema: `invalid-argument` (`invalid-request`), with `details.fields`, one",
    "   `{ path, problem }` per field (`address.pincode`, `must be a 6-digit PIN code`).",
    "",
    "The handler then decides the rest (finer access, state, conflicts) with its own errors.",
    "",
    "| callable | who may call it | what it does |",
    "|---|---|---|",
    ...index,
    "",
    "## By callable",
    "",
    ...specs.map((s) => callableSection(s, requests.get(s.name)!, responses.get(s.name) ?? null)),
  ].join("\n");
}

function schemaDocument(
  specs: readonly Spec[],
  requests: Map<string, RequestSchema>,
  responses: Map<string, JsonSchema | null>,
): JsonSchema {
  return {
    $schema: JSON_SCHEMA_DIALECT,
    $comment:
      "Generated by `npm run reference` (tools/reference.ts) from functions/src/registry/; do not edit.",
    title: "Arogya callables: requests and responses",
    $defs: Object.fromEntries([
      ...specs.map((s) => [
        `${s.name}Request`,
        // Its own $id, so that any $ref inside a request's schema resolves within it.
        {
          $id: `callables/${s.name}/request`,
          title: `${s.name} request`,
          description: s.summary,
          ...requests.get(s.name)!.json,
        },
      ]),
      ...specs
        .filter((s) => responses.get(s.name))
        .map((s) => [
          `${s.name}Response`,
          { $id: `callables/${s.name}/response`, title: `${s.name} response`, ...responses.get(s.name)! },
        ]),
    ]),
  };
}

function errorsMarkdown(): string {
  return [
    "<!-- Generated by `npm run reference` (tools/reference.ts) from functions/src/schemas/errorReasons.ts. Do not edit. -->",
    "",
    "# Error reasons",
    "",
    "Every refused call carries `details.reason`, one of these stable codes, with the Firebase code",
    "shown. Clients switch on the reason, never on the message; the client (`client/`) has a",
    "message for each in English, Hindi and Punjabi (`ArogyaError.localized(language)`).",
    "Validation errors also carry `details.fields`: `[{ path, problem }]`. Times in `details` are",
    "ISO 8601 instants.",
    "",
    "| reason | code | meaning |",
    "|---|---|---|",
    ...Object.entries(ERROR_REASONS).map(
      ([reason, r]) => `| \`${reason}\` | \`${r.code}\` | ${cell(r.about)} |`,
    ),
    "",
  ].join("\n");
}

/** The callables that declare no response schema (tools/reference.test.ts wants none). */
export function missingResponses(specs: readonly Pick<Spec, "name" | "response">[] = CALLABLES): string[] {
  return specs.filter((s) => !s.response).map((s) => s.name);
}

/** A response schema as the client receives it (`io: "output"`). */
function responseSchema(schema: z.ZodType): JsonSchema {
  const json = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io: "output",
    unrepresentable: "any",
  }) as JsonSchema;
  delete json.$schema;
  return json;
}

/** Both files, as they should be committed (formatted as prettier would). */
export async function renderReference(
  specs: readonly Spec[] = CALLABLES,
): Promise<Record<keyof typeof REFERENCE_FILES, string>> {
  const requests = new Map(
    await Promise.all(specs.map(async (s) => [s.name, requestSchema(await s.request())] as const)),
  );
  const responses = new Map(
    await Promise.all(
      specs.map(async (s) => [s.name, s.response ? responseSchema(await s.response()) : null] as const),
    ),
  );
  const format = async (text: string, file: string) =>
    prettier.format(text, {
      ...(await prettier.resolveConfig(path.join(ROOT, file))),
      filepath: path.join(ROOT, file),
    });
  return {
    markdown: await format(markdown(specs, requests, responses), REFERENCE_FILES.markdown),
    schema: await format(
      JSON.stringify(schemaDocument(specs, requests, responses), null, 2),
      REFERENCE_FILES.schema,
    ),
    openapi: await format(JSON.stringify(openApiDocument(), null, 2), REFERENCE_FILES.openapi),
    errors: await format(errorsMarkdown(), REFERENCE_FILES.errors),
  };
}

async function main(): Promise<void> {
  const files = await renderReference();
  for (const [kind, file] of Object.entries(REFERENCE_FILES)) {
    const target = path.join(ROOT, file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, files[kind as keyof typeof REFERENCE_FILES]);
    console.log(`wrote ${file}`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
