// Which refusals in functions/src have no explicit reason (`new HttpsError(...)` instead of
// `appError(code, reason, ...)`)? A report, not a test: the callable pipeline gives such an error
// its code's default reason, so nothing breaks, but a client can act only on the default.
//
//   npx tsx tools/error-report.ts          lists them, one line each; exit code 0
//   npx tsx tools/error-report.ts --check  exit code 1 when there is any (for a CI that wants it)
//   npx tsx tools/error-report.ts --allowed  exit code 1 when there is any outside ALLOWED_FILES
//
// tools/error-report.test.ts runs the --allowed check in `npm test`: no new file may throw an
// HttpsError without a reason. ALLOWED_FILES lists the files whose sites are being given reasons
// in other branches (issues 14, 15, 16); once it is empty the test demands zero sites.
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SRC = path.join(ROOT, "functions", "src");
/** Where a bare HttpsError is the point: the helpers that build reasoned ones. */
const EXEMPT = new Set(["schemas/errors.ts", "services/callable/parseRequest.ts"]);

/**
 * Files (under functions/src) whose bare HttpsErrors are known and being fixed elsewhere; a site
 * in any other file fails tools/error-report.test.ts. Remove a file once its sites have reasons
 * (the test names files listed here that no longer have any). Empty: every site needs a reason.
 */
export const ALLOWED_FILES: readonly string[] = [];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return files(full);
    return name.endsWith(".ts") && !name.endsWith(".test.ts") ? [full] : [];
  });
}

/** The lines of a source that throw an HttpsError naming no reason (1-based). */
export function bareSites(source: string): number[] {
  const lines: number[] = [];
  for (const m of source.matchAll(/new HttpsError\(/g)) {
    // An HttpsError whose details name a reason is explicit too.
    const call = source.slice(m.index, m.index + 400);
    if (/reason:/.test(call.slice(0, call.indexOf(");") + 1 || 400))) continue;
    lines.push(source.slice(0, m.index).split("\n").length);
  }
  return lines;
}

export function sitesWithoutReason(): string[] {
  const sites: string[] = [];
  for (const file of files(SRC)) {
    const rel = path.relative(SRC, file);
    if (EXEMPT.has(rel)) continue;
    for (const line of bareSites(readFileSync(file, "utf8"))) sites.push(`functions/src/${rel}:${line}`);
  }
  return sites;
}

/** The sites in files ALLOWED_FILES does not list. */
export function sitesOutsideAllowList(sites = sitesWithoutReason(), allowed = ALLOWED_FILES): string[] {
  return sites.filter(
    (site) => !allowed.includes(site.replace(/^functions\/src\//, "").replace(/:\d+$/, "")),
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const sites = sitesWithoutReason();
  for (const site of sites) console.log(`${site}: HttpsError without an explicit reason (use appError)`);
  console.log(`${sites.length} site(s) without an explicit reason`);
  const outside = sitesOutsideAllowList(sites);
  if (process.argv.includes("--allowed")) console.log(`${outside.length} outside ALLOWED_FILES`);
  const failed = process.argv.includes("--check")
    ? sites.length
    : process.argv.includes("--allowed")
      ? outside.length
      : 0;
  process.exit(failed ? 1 : 0);
}
