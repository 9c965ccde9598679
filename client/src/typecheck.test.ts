import { readFileSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// npm test runs no tsc of its own: this runs the compiler on client/src/typecheck.ts (the type
// tests: a wrong request to `book` is a compile error) with the root tsconfig's options, so the
// proof is part of the test command. Type-checking pulls the registry's types in: seconds.
const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "../..");
const TIMEOUT = 120_000;

/**
 * The diagnostics of each file, from ONE program over all of them: the files share the registry's
 * types, and type-checking those is most of the cost, so one program pays it once.
 */
function diagnostics(files: string[]): Map<string, string[]> {
  const config = ts.readConfigFile(path.join(ROOT, "tsconfig.json"), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  const program = ts.createProgram(files, { ...options, noEmit: true });
  const all = ts.getPreEmitDiagnostics(program);
  return new Map(
    files.map((file) => [
      file,
      all
        .filter((d) => d.file?.fileName === file)
        .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")),
    ]),
  );
}

const TYPE_TESTS = path.join(HERE, "typecheck.ts");
let dir = "";
let wrong = "";
let found = new Map<string, string[]>();

beforeAll(() => {
  dir = mkdtempSync(path.join(HERE, ".typecheck-"));
  wrong = path.join(dir, "wrong.ts");
  // The type tests without their @ts-expect-error markers: the wrong calls must now fail.
  writeFileSync(
    wrong,
    readFileSync(TYPE_TESTS, "utf8")
      .replaceAll("// @ts-expect-error", "// expected error")
      .replaceAll('from "./', 'from "../'),
  );
  found = diagnostics([TYPE_TESTS, wrong]);
}, TIMEOUT);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("the client's types (client/src/typecheck.ts)", () => {
  it("compile: every @ts-expect-error there is a real type error", () => {
    expect(found.get(TYPE_TESTS)).toEqual([]);
  });

  it("a call of book with a wrong type fails to compile", () => {
    const errors = found.get(wrong) ?? [];
    expect(errors.some((e) => e.includes('"video" | "in_person"'))).toBe(true);
    expect(errors.some((e) => e.includes("doctorUid"))).toBe(true);
    expect(errors.some((e) => e.includes("bookk"))).toBe(true);
  });
});
