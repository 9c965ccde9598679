import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CLIENT_QUERIES, type QuerySpec } from "../client/src/firestore";
import { COLLECTIONS } from "../functions/src/repo/firestore";
import { loadIndexes, neededTail, scanRepoQueries, serves, type QueryShape } from "./indexes";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const indexes = loadIndexes(ROOT);
const served = (q: QueryShape) => indexes.some((index) => serves(index, q));

/**
 * repo/ files that build a query filter by filter (`if (x) query = query.where(…)`), whose
 * combinations the scan does not enumerate. Each was checked against firestore.indexes.json by
 * hand: audit.ts (org plus at most one of action / actorUid / target.id, then `at`; other
 * combinations are refused by readAuditLog with no-index-for-filters), records.ts (patientUid,
 * status, optional type / provider, date, createdAt: four indexes), analytics.ts (org?, status?,
 * start range: appointments (org, status, start), (org, start), (status, start)), members.ts
 * (equality only, ordered by id). A new file here fails the test until it is checked and listed.
 */
const CHECKED_BY_HAND = ["analytics.ts", "audit.ts", "members.ts", "records.ts"];

describe("firestore.indexes.json serves every query", () => {
  it("of the client (CLIENT_QUERIES)", () => {
    for (const [name, q] of Object.entries(CLIENT_QUERIES) as [string, QuerySpec][]) {
      const shape: QueryShape = {
        collection: q.collection,
        equals: [...q.equals],
        range: q.range?.field,
        order: [...q.order],
        at: `CLIENT_QUERIES.${name}`,
      };
      expect(served(shape), `${name} needs an index on ${q.collection}`).toBe(true);
    }
  });

  it("of the functions (functions/src/repo/)", () => {
    const { queries, conditional } = scanRepoQueries(path.join(ROOT, "functions/src/repo"), COLLECTIONS);
    expect(queries.length).toBeGreaterThan(5);
    const missing = queries.filter((q) => !served(q)).map((q) => `${q.at} (${q.collection})`);
    expect(missing, "queries without a composite index in firestore.indexes.json").toEqual([]);
    expect(conditional, "files that build queries conditionally: check by hand, then list").toEqual(
      CHECKED_BY_HAND,
    );
  });

  it("and the check fails for a query no index serves", () => {
    const q: QueryShape = {
      collection: "appointments",
      equals: ["patientUid"],
      order: [{ field: "mode", direction: "asc" }],
      at: "test",
    };
    expect(neededTail(q)).not.toBeNull();
    expect(served(q)).toBe(false);
    expect(served({ ...q, order: [{ field: "start", direction: "desc" }] })).toBe(true);
    expect(neededTail({ collection: "x", equals: ["a", "b"], order: [], at: "t" })).toBeNull();
  });
});
