import { readFileSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// npm test runs no tsc of its own: this runs the compiler on client/src/typecheck.ts (the type
// tests: a wrong request to `book` is a compile error) with the root tsconfig's options, so the
// proof is part of the test command. Type-checking pulls the registry's types in: seconds.
const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "../..");
const TIMEOUT = 120_000;

function diagnostics(file: string): string[] {
  const config = ts.readConfigFile(path.join(ROOT, "tsconfig.json"), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  const program = ts.createProgram([file], { ...options, noEmit: true });
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file?.fileName === file)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}

describe("the client's types (client/src/typecheck.ts)", () => {
  it(
    "compile: every @ts-expect-error there is a real type error",
    () => {
      expect(diagnostics(path.join(HERE, "typecheck.ts"))).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    "a call of book with a wrong type fails to compile",
    () => {
      const source = readFileSync(path.join(HERE, "typecheck.ts"), "utf8");
      const dir = mkdtempSync(path.join(HERE, ".typecheck-"));
      const file = path.join(dir, "wrong.ts");
      try {
        // The type tests without their @ts-expect-error markers: the wrong calls must now fail.
        writeFileSync(
          file,
          source.replaceAll("// @ts-expect-error", "// expected error").replaceAll('from "./', 'from "../'),
        );
        const errors = diagnostics(file);
        expect(errors.some((e) => e.includes('"video" | "in_person"'))).toBe(true);
        expect(errors.some((e) => e.includes("doctorUid"))).toBe(true);
        expect(errors.some((e) => e.includes("bookk"))).toBe(true);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    TIMEOUT,
  );
});
