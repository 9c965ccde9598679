import { beforeAll, describe, expect, it } from "vitest";
import { CALLABLE_NAMES } from "../functions/src/registry/callables";
import { runProbe, type ProbeResult } from "./coldstart";

// Loads functions/src/index.ts (through tsx, so no build is needed) in a fresh Node process, as
// the runtime loads the entry point for every function, and looks at what came with it. The
// timings are bench/coldstart.ts's business; this only checks which libraries load.

/**
 * Heavy libraries the entry point may load: csv-parse/sync is one 68 KB file without
 * dependencies (1.5 ms on top of firebase-functions in bench:coldstart), imported by the pure CSV
 * import domain; making it lazy would make that domain require at call time for no gain.
 */
const ALLOWED_EAGER = ["csv-parse"];

let bare: ProbeResult;
let index: ProbeResult;
beforeAll(() => {
  bare = runProbe({ kind: "bare" });
  index = runProbe({ kind: "index", entry: "src" });
}, 120_000);

describe("cold start: the functions entry point", () => {
  it("loads no heavy library (pdfkit, twilio, Storage, BigQuery, jszip, …) beyond what firebase-functions loads itself", () => {
    const beyond = index.inCache.filter((m) => !bare.inCache.includes(m) && !ALLOWED_EAGER.includes(m));
    // On failure, show who required each one: move that import into the function that needs it.
    expect(Object.fromEntries(beyond.map((m) => [m, index.firstRequiredBy[m]]))).toEqual({});
  });

  it("loads no handler, schema, repository or domain module: only config, the registry and the triggers", () => {
    // Each trigger loads its handler (and a callable its request schema) on its first call; on
    // failure, the list names what the entry point still loads eagerly.
    const allowed = /^(index|config\/[^/]+|registry\/[^/]+|triggers\/.+|authz\/policy)$/;
    expect(index.project.filter((file) => !allowed.test(file))).toEqual([]);
    expect(index.project).toContain("registry/callables");
  });

  it("exports only callables the registry declares (registry/callables.ts, which App Check reads)", () => {
    const callables = index.callables ?? [];
    expect(callables.length).toBeGreaterThan(0);
    expect(callables.filter((name) => !(CALLABLE_NAMES as readonly string[]).includes(name))).toEqual([]);
  });
});
