import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { CALLABLES } from "../functions/src/registry/callables";
import { REFERENCE_FILES, ROOT, renderReference, requestSchema } from "./reference";

// docs/reference/ is derived from the registry; this fails when the two disagree. The fix is one
// command: `npm run reference` (then commit the files it wrote). Rendering formats a long document
// with prettier: seconds, not milliseconds.
const RENDER_MS = 30_000;
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
    },
    RENDER_MS,
  );

  it("names every callable, with its request schema", () => {
    const markdown = committed(REFERENCE_FILES.markdown);
    const schema = JSON.parse(committed(REFERENCE_FILES.schema)) as { $defs: Record<string, unknown> };
    for (const { name } of CALLABLES) {
      expect(markdown).toContain(`### \`${name}\``);
      expect(schema.$defs).toHaveProperty(`${name}Request`);
    }
    expect(Object.keys(schema.$defs)).toHaveLength(CALLABLES.length);
  });

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
