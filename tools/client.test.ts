import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CALLABLES } from "../functions/src/registry/callables";
import { CALLABLE_INFO } from "../client/src/generated/callables";
import { CLIENT_FILE, renderClient } from "./client";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

describe("the client's generated list of callables (client/src/generated/)", () => {
  it("is what the registry says today (if not: npm run client)", async () => {
    expect(readFileSync(path.join(ROOT, CLIENT_FILE), "utf8"), `${CLIENT_FILE}: npm run client`).toBe(
      await renderClient(),
    );
  }, 120_000);

  it("names every callable of the registry and nothing else", () => {
    expect(Object.keys(CALLABLE_INFO).sort()).toEqual(CALLABLES.map((s) => s.name).sort());
  });

  it("catches a callable added without regenerating", async () => {
    const added = await renderClient([...CALLABLES, { name: "brandNew" }]);
    expect(added).not.toBe(readFileSync(path.join(ROOT, CLIENT_FILE), "utf8"));
  }, 120_000);
});
