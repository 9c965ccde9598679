import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { docIdSchema } from "../schemas/common";
import { CALLABLES } from "./callables";
import { idFields, RESERVED_IDS } from "./idFields";

// Request schemas are loaders (registry/define.ts): resolved once for the whole file.
const SCHEMAS = new Map<string, z.ZodType>(
  await Promise.all(CALLABLES.map(async (s) => [s.name, (await s.request()) as z.ZodType] as const)),
);
const withIds = CALLABLES.map((spec) => ({
  name: spec.name,
  fields: idFields(SCHEMAS.get(spec.name)!),
})).filter((c) => c.fields.length > 0);
const cases = withIds.flatMap(({ name, fields }) =>
  fields.map((field) => ({ name, field, label: `${name} ${field.path.join(".")}` })),
);
const issuesAt = (name: string, request: unknown, path: Array<string | number>) => {
  const result = SCHEMAS.get(name)!.safeParse(request);
  return result.success ? [] : result.error.issues.filter((i) => i.path.join(".") === path.join("."));
};

describe("docIdSchema", () => {
  it.each(["abc", "a_b-C9", "__x", "x__", "__", "___", "a__b__c", "_x_"])("accepts %j", (id) => {
    expect(docIdSchema.safeParse(id).success).toBe(true);
  });
  it.each([...RESERVED_IDS, "", "a".repeat(129), "a b", "é"])("refuses %j", (id) => {
    expect(docIdSchema.safeParse(id).success).toBe(false);
  });
});

describe("every id field of every callable's request", () => {
  it("is found in the registry (the walk reaches ids inside unions and arrays)", () => {
    expect(withIds.length).toBeGreaterThanOrEqual(26);
    const labels = cases.map((c) => c.label);
    for (const expected of [
      "confirmRecordUpload recordId",
      "shareRecords recordIds.0",
      "applyForRole org",
      "reviewApplication applicantUid",
      "listRecords cursor",
      "grantConsent granteeOrg",
      "findPharmacies prescriptionId",
    ]) {
      expect(labels).toContain(expected);
    }
  });

  it.each(cases)("$label refuses Firestore's reserved ids at that field", ({ name, field }) => {
    for (const id of RESERVED_IDS) {
      expect(issuesAt(name, field.request(id), field.path), `${id}`).not.toEqual([]);
    }
  });

  it.each(cases)("$label accepts an ordinary id at that field", ({ name, field }) => {
    expect(issuesAt(name, field.request("abc-123"), field.path)).toEqual([]);
  });
});
