import path from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The layer boundaries of eslint.config.mjs (functions/src/README.md), shown biting: each snippet is
// linted as if it were a file at that path, with the repository's own configuration.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const eslint = new ESLint({ cwd: ROOT });
const LINT_MS = 30_000;

/** The no-restricted-imports errors (severity 2: they fail `npm test`) of a snippet at that path. */
async function restrictedImports(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return result.messages
    .filter((m) => m.ruleId === "no-restricted-imports" && m.severity === 2)
    .map((m) => m.message);
}

describe("layer boundaries (eslint no-restricted-imports)", () => {
  it(
    "a handler may not import the Firestore instance",
    async () => {
      const code =
        'import { db } from "../../repo/firestore";\n\nexport const doctors = () => db().collection("doctors");\n';
      expect(await restrictedImports("functions/src/handlers/booking/example.ts", code)).toEqual([
        expect.stringContaining("the Firestore instance lives in repo/; use its functions"),
      ]);
    },
    LINT_MS,
  );

  it(
    "nor open Firestore through the SDK; reading through repo/ is fine",
    async () => {
      const code = [
        'import { getFirestore } from "firebase-admin/firestore";',
        'import { getAppointment } from "../../repo/appointments";',
        "",
        "export const both = [getFirestore, getAppointment];",
        "",
      ].join("\n");
      expect(await restrictedImports("functions/src/services/booking/example.ts", code)).toEqual([
        expect.stringContaining("use the functions of repo/"),
      ]);
    },
    LINT_MS,
  );

  it(
    "domain/ imports no SDK",
    async () => {
      const code =
        'import { Timestamp } from "firebase-admin/firestore";\n\nexport const epoch = Timestamp.fromMillis(0);\n';
      expect(await restrictedImports("functions/src/domain/booking/example.ts", code)).toEqual([
        expect.stringContaining("domain/ and authz/ are pure: no SDK or outside service"),
      ]);
    },
    LINT_MS,
  );
});
