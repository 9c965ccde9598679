import type { z } from "zod";

/**
 * The id fields of a request schema, found by walking the schema: every string field named like
 * an id (`…Id`, `…Uid`, `…Ids`, `org`, `pharmacy`, `cursor`, …). Each is turned into Firestore
 * paths by some handler, so each must refuse what Firestore reserves (`__x__`, `.`, `..`, `/`):
 * the tests of every callable in the registry use this list, so a new callable or a new id
 * field is covered without anyone adding it to a test.
 */

/** Names of fields that hold document ids (or lists of them). */
const ID_NAME = /(Id|Uid|Ids|Uids)$|^(id|uid|org|pharmacy|cursor|granteeOrg|onBehalfOf)$/;

export interface IdField {
  /** Where the id sits, as zod reports it ("recordIds.0", "org"). */
  path: Array<string | number>;
  /**
   * The smallest request that reaches it: the id field set to `value`, inside the objects that
   * hold it, with the literals that pick a union's branch (`role: "doctor"`), nothing else.
   */
  request: (value: string) => unknown;
}

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  left?: z.ZodType;
  right?: z.ZodType;
  values?: unknown[];
  getter?: () => z.ZodType;
};

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Wrappers that do not change the shape: optional, nullable, default, pipe (transform) and the like. */
function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    if (def.innerType) current = def.innerType;
    else if (def.type === "pipe" && def.in) current = def.in;
    else if (def.type === "lazy" && def.getter) current = def.getter();
    else return current;
  }
}

interface Found {
  path: Array<string | number>;
  build: (value: string) => unknown;
}

function walk(schema: z.ZodType, name: string | null, depth: number): Found[] {
  if (depth > 8) return [];
  const inner = unwrap(schema);
  const def = defOf(inner);
  switch (def.type) {
    case "string":
      return name !== null && ID_NAME.test(name) ? [{ path: [], build: (v) => v }] : [];
    case "array":
      return walk(def.element!, name, depth + 1).map((f) => ({
        path: [0, ...f.path],
        build: (v) => [f.build(v)],
      }));
    case "union":
      return def.options!.flatMap((option) => walk(option, name, depth + 1));
    case "intersection":
      return [...walk(def.left!, name, depth + 1), ...walk(def.right!, name, depth + 1)];
    case "object": {
      const shape = def.shape!;
      // The literal fields of this object pick its branch of a union: always sent.
      const literals: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(shape)) {
        const fieldDef = defOf(unwrap(field));
        if (fieldDef.type === "literal" && fieldDef.values?.length) literals[key] = fieldDef.values[0];
      }
      return Object.entries(shape).flatMap(([key, field]) =>
        walk(field, key, depth + 1).map((f) => ({
          path: [key, ...f.path],
          build: (v: string) => ({ ...literals, [key]: f.build(v) }),
        })),
      );
    }
    default:
      return [];
  }
}

/** Every id field of a request schema, each with the smallest request that reaches it. */
export function idFields(schema: z.ZodType): IdField[] {
  const seen = new Set<string>();
  const out: IdField[] = [];
  for (const found of walk(schema, null, 0)) {
    const request = found.build;
    const key = JSON.stringify(request("x"));
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path: found.path, request });
  }
  return out;
}

/** Ids Firestore reserves or cannot store as one document id: every id field must refuse them. */
export const RESERVED_IDS = ["__x__", "__name__", "____", ".", "..", "a/b", "/"] as const;
