import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { declaredParams } from "firebase-functions/params";
import { describe, expect, it } from "vitest";
import "./params";

// Every parameter and secret is documented where an operator looks before a first deploy:
// functions/.env.example (the file to copy) and docs/operators.md. firebase deploy prompts for a
// missing value with the description and checks it against validationRegex.
const ROOT = path.resolve(__dirname, "../../..");
const example = readFileSync(path.join(ROOT, "functions/.env.example"), "utf8");
const operators = readFileSync(path.join(ROOT, "docs/operators.md"), "utf8");

/** Plain environment variables the functions read besides the params (registry/appCheck.ts, config/rateLimits.ts). */
const PLAIN_ENV = ["APP_CHECK_ENFORCED", "APP_CHECK_CONSUMED", "RATE_LIMIT_SCALE"];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return name.endsWith(".ts") && !name.endsWith(".test.ts") ? [full] : [];
  });
}

/** Every `defineString("NAME"` (and Secret, Int, Boolean, List) anywhere in functions/src. */
const definedNames = [
  ...new Set(
    sourceFiles(path.join(ROOT, "functions/src")).flatMap((file) =>
      [
        ...readFileSync(file, "utf8").matchAll(
          /define(?:String|Secret|Int|Boolean|List|JsonSecret)\(\s*"(\w+)"/g,
        ),
      ].map((m) => m[1]),
    ),
  ),
].sort();

describe("params and secrets (config/params.ts)", () => {
  it("each has a description", () => {
    for (const param of declaredParams as Array<{ name: string; options?: { description?: string } }>)
      expect(param.options?.description, param.name).toBeTruthy();
  });

  it("each is listed in functions/.env.example and docs/operators.md", () => {
    expect(definedNames.length).toBeGreaterThan(10);
    for (const name of [...definedNames, ...PLAIN_ENV]) {
      expect(example, `${name} in functions/.env.example`).toMatch(new RegExp(`^#? ?${name}=`, "m"));
      expect(operators, `${name} in docs/operators.md`).toContain(`\`${name}\``);
    }
  });

  it("each validation pattern accepts its own example and refuses a blank", () => {
    for (const param of declaredParams as Array<{
      name: string;
      options?: { input?: { text?: { example?: string; validationRegex?: string } } };
    }>) {
      const text = param.options?.input?.text;
      if (!text?.validationRegex) continue;
      const pattern = new RegExp(text.validationRegex);
      if (text.example && !text.example.includes("…"))
        expect(pattern.test(text.example), param.name).toBe(true);
      expect(pattern.test(""), param.name).toBe(false);
    }
  });
});
