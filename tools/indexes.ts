// Do the composite indexes of firestore.indexes.json serve every query? Two sources of queries:
// the client's declared queries (client/src/firestore.ts CLIENT_QUERIES) and the functions' own,
// read from the source of functions/src/repo/ (each statement that chains literal
// `.where("field", "op", …)` / `.orderBy("field")` on a collection). Used by tools/indexes.test.ts.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";

export interface IndexField {
  fieldPath: string;
  order?: "ASCENDING" | "DESCENDING";
  arrayConfig?: string;
}
export interface CompositeIndex {
  collectionGroup: string;
  queryScope?: string;
  fields: IndexField[];
}

/** What a query filters and orders on. */
export interface QueryShape {
  collection: string;
  /** Equality filters (`==`, `array-contains`, `in`). */
  equals: string[];
  /** The inequality field, if any. */
  range?: string;
  /** orderBy fields in order, with direction. */
  order: { field: string; direction: "asc" | "desc" }[];
  /** Where it was found, for messages. */
  at: string;
}

/**
 * The fields after the equality ones a composite index must hold, in order, or null when the
 * query needs no composite index (one field only, or equality filters only, which Firestore
 * serves by merging single-field indexes).
 */
export function neededTail(q: QueryShape): { field: string; direction: "asc" | "desc" }[] | null {
  const tail = [...q.order];
  if (q.range && !tail.some((o) => o.field === q.range)) tail.unshift({ field: q.range, direction: "asc" });
  const fields = new Set([...q.equals, ...tail.map((t) => t.field)]);
  if (fields.size <= 1 || tail.length === 0) return null;
  // A single orderBy/range on a field with no equality filter needs only the single-field index.
  if (q.equals.length === 0 && tail.length === 1) return null;
  return tail;
}

/** Whether an index serves the query: its first fields are the equality ones (any order), then the tail. */
export function serves(index: CompositeIndex, q: QueryShape): boolean {
  const tail = neededTail(q);
  if (!tail) return true;
  if (index.collectionGroup !== q.collection) return false;
  const fields = index.fields.filter((f) => f.fieldPath !== "__name__");
  const equals = new Set(q.equals.filter((e) => !tail.some((t) => t.field === e)));
  if (fields.length !== equals.size + tail.length) return false;
  const head = fields.slice(0, equals.size).map((f) => f.fieldPath);
  if (!head.every((f) => equals.has(f))) return false;
  const rest = fields.slice(equals.size);
  // Either direction of the whole tail works (Firestore reads the index backwards).
  const same = rest.every((f, i) => f.fieldPath === tail[i].field && f.order === dir(tail[i].direction));
  const flipped = rest.every((f, i) => f.fieldPath === tail[i].field && f.order !== dir(tail[i].direction));
  return same || flipped;
}
const dir = (d: "asc" | "desc") => (d === "asc" ? "ASCENDING" : "DESCENDING");

export function loadIndexes(root: string): CompositeIndex[] {
  return (
    JSON.parse(readFileSync(path.join(root, "firestore.indexes.json"), "utf8")) as {
      indexes: CompositeIndex[];
    }
  ).indexes;
}

/** Statements of repo/ that build a query step by step (`query = query.where(…)`): not read here. */
export interface RepoScan {
  queries: QueryShape[];
  /** Files that build queries conditionally; checked by hand (tools/indexes.test.ts lists them). */
  conditional: string[];
}

export function scanRepoQueries(repoDir: string, collections: Record<string, string>): RepoScan {
  const queries: QueryShape[] = [];
  const conditional = new Set<string>();
  for (const file of readdirSync(repoDir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))) {
    const source = readFileSync(path.join(repoDir, file), "utf8");
    // Helpers such as `const appointments = () => db().collection(COLLECTIONS.appointments)…`, called
    // as `appointments()`, and collection doors (repo/documents.ts) such as `const appointments =
    // documents(COLLECTIONS.appointments, …)`, queried as `appointments.collection()`: each as the
    // pattern of its use.
    const helpers = new Map<string, string>();
    for (const m of source.matchAll(/const (\w+) = \([^)]*\)\s*=>\s*[\s\S]{0,80}?COLLECTIONS\.(\w+)/g))
      helpers.set(`\\b${m[1]}\\(\\)`, collections[m[2]] ?? m[2]);
    for (const m of source.matchAll(/const (\w+) = documents\(\s*COLLECTIONS\.(\w+)/g))
      helpers.set(`\\b${m[1]}\\s*\\.collection\\(\\)`, collections[m[2]] ?? m[2]);
    for (const statement of source.split(/;\s*\n/)) {
      if (!/\.(where|orderBy)\(\s*"/.test(statement)) continue;
      if (/\bquery = query\.(where|orderBy)\(|\? query :/.test(statement)) {
        conditional.add(file);
        continue;
      }
      const named = /COLLECTIONS\.(\w+)/.exec(statement)?.[1];
      const helper = [...helpers.keys()].find((use) => new RegExp(use).test(statement));
      const collection = named ? (collections[named] ?? named) : helper ? helpers.get(helper) : undefined;
      if (!collection) continue;
      const equals: string[] = [];
      let range: string | undefined;
      for (const m of statement.matchAll(/\.where\(\s*"([\w.]+)",\s*"([^"]+)"/g)) {
        if (["==", "array-contains", "in", "array-contains-any"].includes(m[2])) equals.push(m[1]);
        else range = m[1];
      }
      const order = [...statement.matchAll(/\.orderBy\(\s*"([\w.]+)"(?:,\s*"(asc|desc)")?\)/g)].map((m) => ({
        field: m[1],
        direction: (m[2] ?? "asc") as "asc" | "desc",
      }));
      const line = source.slice(0, source.indexOf(statement)).split("\n").length;
      queries.push({ collection, equals, range, order, at: `repo/${file}:${line}` });
    }
  }
  return { queries, conditional: [...conditional].sort() };
}
