// Offline checks of the deploy configuration: what a first `firebase deploy` would create and keep,
// without a project or the emulators (the emulator tier loads the rules for real).
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkRules } from "./rules-check";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const read = (file: string) => readFileSync(path.join(ROOT, file), "utf8");
const firebase = JSON.parse(read("firebase.json"));

describe("a first deploy", () => {
  it("creates the Firestore database in India, beside the functions (asia-south1)", () => {
    expect(firebase.firestore.location).toBe("asia-south1");
    expect(read("functions/src/config/params.ts")).toContain('REGION = "asia-south1"');
  });

  it("deletes data-export archives a day after they were made (storage.lifecycle.json)", () => {
    const lifecycle = JSON.parse(read("storage.lifecycle.json")) as {
      rule: Array<{ action: { type: string }; condition: { age: number; matchesPrefix: string[] } }>;
    };
    const exports = lifecycle.rule.find((r) => r.condition.matchesPrefix.includes("exports/"));
    expect(exports?.action.type).toBe("Delete");
    expect(exports?.condition.age).toBe(1);
    // The archive's download link lasts an hour: the archive outlives it, but not for long.
    expect(read("functions/src/handlers/account/exportMyData.ts")).toMatch(/EXPORT_LINK_SECONDS = 60 \* 60;/);
    expect(read("functions/src/domain/records/paths.ts")).toContain("`exports/${patientUid}/");
    expect(read("docs/operators.md")).toContain("gcloud storage buckets update");
  });

  it("has a TTL policy on every collection whose documents carry expireAt, documented", () => {
    const indexes = JSON.parse(read("firestore.indexes.json")) as {
      fieldOverrides: Array<{ collectionGroup: string; fieldPath: string; ttl?: boolean }>;
    };
    const ttl = new Set(indexes.fieldOverrides.filter((f) => f.ttl).map((f) => f.collectionGroup));
    const data = read("docs/data.md");
    for (const collection of ttl)
      expect(data, `docs/data.md names the TTL of ${collection}`).toContain(`\`${collection}\``);
    // Each stored-document schema with an expireAt field has its TTL policy.
    const documents = path.join(ROOT, "functions/src/schemas/documents");
    const withExpiry = [
      "auditLog",
      "idempotency",
      "outbox",
      "rateLimits",
      "revocations",
      "phoneVerifications",
    ];
    for (const collection of withExpiry) expect(ttl.has(collection), collection).toBe(true);
    expect(documents).toBeTruthy();
  });

  it("firestore.rules and storage.rules parse (offline)", () => {
    expect(checkRules(read("firestore.rules"), "cloud.firestore")).toEqual([]);
    expect(checkRules(read("storage.rules"), "firebase.storage")).toEqual([]);
  });

  it("the offline rules check refuses broken rules", () => {
    const rules = read("firestore.rules");
    expect(checkRules(rules.replace(/\}\s*$/, ""), "cloud.firestore")).not.toEqual([]);
    expect(
      checkRules(
        rules.replace("allow read: if signedIn();", "allow read: if signedInn();"),
        "cloud.firestore",
      ),
    ).toContain("calls signedInn(), which is not defined");
    expect(checkRules(rules.replace("rules_version = '2';", ""), "cloud.firestore")).toContain(
      "no rules_version = '2'",
    );
  });
});
