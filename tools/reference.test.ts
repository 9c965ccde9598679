import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { CALLABLES } from "../functions/src/registry/callables";
import { Validator } from "@seriousme/openapi-schema-validator";
import { HTTP_ENDPOINTS } from "../functions/src/registry/http";
import { ERROR_REASONS } from "../functions/src/schemas/errorReasons";
import { declaredRoutes, openApiDocument, routesInCode } from "./openapi";
import {
  REFERENCE_FILES,
  ROOT,
  loadedFile,
  missingResponses,
  reasonsIn,
  renderReference,
  requestSchema,
} from "./reference";

// docs/reference/ is derived from the registry; this fails when the two disagree. The fix is one
// command: `npm run reference` (then commit the files it wrote). Rendering formats a long document
// with prettier: seconds, not milliseconds.
const RENDER_MS = 120_000;
const committed = (file: string) => readFileSync(path.join(ROOT, file), "utf8");

describe("the callables' reference (docs/reference/)", () => {
  it(
    "is what the registry says today (if not: npm run reference)",
    async () => {
      const rendered = await renderReference();
      expect(committed(REFERENCE_FILES.markdown), `${REFERENCE_FILES.markdown}: npm run reference`).toBe(
        rendered.markdown,
      );
      expect(committed(REFERENCE_FILES.schema), `${REFERENCE_FILES.schema}: npm run reference`).toBe(
        rendered.schema,
      );
      expect(committed(REFERENCE_FILES.openapi), `${REFERENCE_FILES.openapi}: npm run reference`).toBe(
        rendered.openapi,
      );
      expect(committed(REFERENCE_FILES.errors), `${REFERENCE_FILES.errors}: npm run reference`).toBe(
        rendered.errors,
      );
    },
    RENDER_MS,
  );

  it("names every callable, with its request and response schemas", () => {
    const markdown = committed(REFERENCE_FILES.markdown);
    const schema = JSON.parse(committed(REFERENCE_FILES.schema)) as { $defs: Record<string, unknown> };
    for (const { name } of CALLABLES) {
      expect(markdown).toContain(`### \`${name}\``);
      expect(schema.$defs).toHaveProperty(`${name}Request`);
      expect(schema.$defs).toHaveProperty(`${name}Response`);
    }
    expect(Object.keys(schema.$defs)).toHaveLength(2 * CALLABLES.length);
    expect(markdown).not.toContain("no schema declared");
  });

  it("every callable declares a response schema (registry/define.ts `response`), in schemas/responses/", () => {
    expect(missingResponses(), "callables without `response` in the registry").toEqual([]);
    for (const spec of CALLABLES) {
      const file = spec.response ? loadedFile(spec.response) : null;
      expect(file && existsSync(file) && file.includes("/schemas/responses/"), spec.name).toBe(true);
    }
  });

  it(
    "would notice a callable declared without a response schema",
    async () => {
      const [first, ...rest] = CALLABLES;
      const { response: _dropped, ...bare } = first;
      void _dropped;
      expect(missingResponses([bare, ...rest])).toEqual([first.name]);
      const rendered = await renderReference([bare, ...rest]);
      expect(rendered.markdown).toContain("no schema declared");
      expect(rendered.markdown).not.toBe(committed(REFERENCE_FILES.markdown));
    },
    RENDER_MS,
  );

  it(
    "catches a change to a callable that the reference was not regenerated for",
    async () => {
      const [first, ...rest] = CALLABLES;
      const changed = await renderReference([{ ...first, summary: `${first.summary} (changed)` }, ...rest]);
      expect(changed.markdown).not.toBe(committed(REFERENCE_FILES.markdown));
      expect(changed.schema).not.toBe(committed(REFERENCE_FILES.schema));
    },
    RENDER_MS,
  );
});

describe("a request schema as JSON Schema", () => {
  it("shows what JSON Schema can say and lists the rest instead of failing", () => {
    const schema = z
      .object({
        from: z.string().refine((s) => s.length === 10, "a date"),
        at: z.date(),
        count: z.string().transform(Number),
        lines: z.array(z.object({ dose: z.number().refine((n) => n > 0) })),
      })
      .refine((r) => r.from !== "", "from first");
    const { json, checkedInCode, unrepresentable } = requestSchema(schema);
    expect(json).toMatchObject({
      type: "object",
      properties: { at: {}, count: { type: "string" }, from: { type: "string" } },
      required: ["from", "at", "count", "lines"],
    });
    expect(json).not.toHaveProperty("$schema");
    expect(checkedInCode).toEqual(["(request)", "from", "lines[].dose"]);
    expect(unrepresentable).toEqual(["at"]);
  });
});

describe("the HTTP API's OpenAPI document (docs/reference/api.openapi.json)", () => {
  it("is a valid OpenAPI 3.1 document (@seriousme/openapi-schema-validator)", async () => {
    const validator = new Validator();
    const result = await validator.validate(JSON.parse(committed(REFERENCE_FILES.openapi)));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("the validator refuses a broken document (the check can fail)", async () => {
    // A parameter without `in` (required by OpenAPI 3.1).
    const broken = openApiDocument() as {
      paths: Record<string, Record<string, { parameters: Array<Record<string, unknown>> }>>;
    };
    delete broken.paths["/rx/verify"].get.parameters[0].in;
    expect((await new Validator().validate(broken)).valid).toBe(false);
  });

  it("declares every route handlers/http/ answers, and no route it does not answer", () => {
    const inCode = routesInCode(path.join(ROOT, "functions/src/handlers/http"));
    const declared = declaredRoutes();
    const exact = [...inCode].filter((r) => !r.startsWith("PREFIX "));
    expect(
      exact.filter((r) => !declared.has(r)),
      "routes missing from registry/http.ts",
    ).toEqual([]);
    expect(
      [...declared].filter((r) => !inCode.has(r)),
      "declared but not routed",
    ).toEqual([]);
    for (const prefix of [...inCode].filter((r) => r.startsWith("PREFIX ")).map((r) => r.slice(7)))
      expect(
        HTTP_ENDPOINTS.some((e) => e.path.startsWith(prefix)),
        `no endpoint declared under ${prefix}`,
      ).toBe(true);
  });

  it("would notice a route added without its declaration", () => {
    const fewer = declaredRoutes(HTTP_ENDPOINTS.filter((e) => e.path !== "/rx/verify"));
    const inCode = routesInCode(path.join(ROOT, "functions/src/handlers/http"));
    expect([...inCode].filter((r) => !fewer.has(r))).toEqual(["GET /rx/verify"]);
  });
});

describe("error reasons in the reference", () => {
  it("reads the reasons a source names, and the default of a code thrown without one", () => {
    const source = [
      'throw appError("already-exists", "slot-taken", "taken");',
      'return { code: "failed-precondition", reason: "too-late-to-change", message: "…" };',
      'throw new HttpsError("not-found", "no such thing");',
      'const x = { reason: "a free-text reason" };',
    ].join("\n");
    expect(reasonsIn(source).sort()).toEqual(["not-found", "slot-taken", "too-late-to-change"]);
  });

  it("finds the handler file of every callable (where its reasons are read)", () => {
    for (const spec of CALLABLES) expect(existsSync(loadedFile(spec.handler) ?? ""), spec.name).toBe(true);
  });

  it("lists every reason of the catalogue in errors.md", () => {
    const errors = committed(REFERENCE_FILES.errors);
    for (const reason of Object.keys(ERROR_REASONS))
      expect(errors).toMatch(new RegExp(`^\\| \`${reason}\` +\\|`, "m"));
  });
});
