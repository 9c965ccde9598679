// Which refusals in functions/src have no explicit reason (`new HttpsError(...)` instead of
// `appError(code, reason, ...)`)? A report, not a test: the callable pipeline gives such an error
// its code's default reason, so nothing breaks, but a client can act only on the default.
//
//   npx tsx tools/error-report.ts          lists them, one line each; exit code 0
//   npx tsx tools/error-report.ts --check  exit code 1 when there is any (for a CI that wants it)
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SRC = path.join(ROOT, "functions", "src");
/** Where a bare HttpsError is the point: the helpers that build reasoned ones. */
const EXEMPT = new Set(["schemas/errors.ts", "services/callable/parseRequest.ts"]);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return files(full);
    return name.endsWith(".ts") && !name.endsWith(".test.ts") ? [full] : [];
  });
}

export function sitesWithoutReason(): string[] {
  const sites: string[] = [];
  for (const file of files(SRC)) {
    const rel = path.relative(SRC, file);
    if (EXEMPT.has(rel)) continue;
    const source = readFileSync(file, "utf8");
    for (const m of source.matchAll(/new HttpsError\(/g)) {
      // An HttpsError whose details name a reason is explicit too.
      const call = source.slice(m.index, m.index + 400);
      if (/reason:/.test(call.slice(0, call.indexOf(");") + 1 || 400))) continue;
      sites.push(`functions/src/${rel}:${source.slice(0, m.index).split("\n").length}`);
    }
  }
  return sites;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const sites = sitesWithoutReason();
  for (const site of sites) console.log(`${site}: HttpsError without an explicit reason (use appError)`);
  console.log(`${sites.length} site(s) without an explicit reason`);
  process.exit(process.argv.includes("--check") && sites.length ? 1 : 0);
}
