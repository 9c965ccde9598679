// Every id a callable takes is checked at the boundary: Firestore's reserved ids (`__x__`) and
import type { z } from "zod";
// paths (`.`, `..`, `a/b`) are answered `invalid-argument`, naming the field, before any handler
// turns them into a document path (where the SDK throws and the caller would see `internal`).
// The callables and their id fields come from the registry (functions/src/registry/idFields.ts),
// so a new callable or a new id field is covered here without being listed.
import { beforeAll, describe, expect, it } from "vitest";
import { actorFromClaims } from "../../functions/src/domain/identity/actor";
import { CALLABLES } from "../../functions/src/registry/callables";
import { idFields } from "../../functions/src/registry/idFields";
import { admin, callError, signUp, userWithClaims, type Client } from "../../tools/emulator-client";
import { makeOrg } from "./fixtures";

interface Caller {
  client: Client;
  claims: Record<string, unknown>;
}

const callers: Caller[] = [];
/** When the callers were made (their sign-up is audited): nothing may be audited after it. */
let since: Date;

beforeAll(async () => {
  const org = await makeOrg("clinic");
  const claims: Array<Record<string, unknown> | null> = [
    null,
    { role: "doctor", org },
    { role: "pharmacist", org, pharmacy: "pharmacy-ids-test" },
    { role: "admin", org },
    { role: "admin", platform: true },
    // Issue 15: the callables only health workers reach (registerPatient, requestCareConsent, …).
    { role: "healthWorker", org },
  ];
  for (const c of claims) {
    const client = c ? await userWithClaims(c, "ids") : await signUp();
    callers.push({ client, claims: c ?? { role: "patient" } });
  }
  since = new Date();
});

/** Someone the callable's coarse role check lets through, so the request schema is what answers. */
function callerFor(spec: (typeof CALLABLES)[number]): Caller {
  const caller = callers.find(
    (c) => !spec.allow || spec.allow.check(actorFromClaims(c.client.user.uid, c.claims)),
  );
  if (!caller) throw new Error(`no test caller passes ${spec.name}'s role check`);
  return caller;
}

// Request schemas are loaders (registry/define.ts): resolved once for the whole file.
const SCHEMAS = new Map<string, z.ZodType>(
  await Promise.all(CALLABLES.map(async (s) => [s.name, (await s.request()) as z.ZodType] as const)),
);
const cases = CALLABLES.flatMap((spec) =>
  idFields(SCHEMAS.get(spec.name)!).map((field) => ({
    spec,
    field,
    label: `${spec.name} ${field.path.join(".")}`,
  })),
);

describe("reserved ids in any id field", () => {
  it("reach most of the API: every callable that takes an id is tried", () => {
    expect(new Set(cases.map((c) => c.spec.name)).size).toBeGreaterThanOrEqual(26);
  });

  it.each(cases)("$label: __x__ is invalid-argument, naming the field", async ({ spec, field }) => {
    const { client } = callerFor(spec);
    const refused = await callError(client.call(spec.name, field.request("__x__")));
    expect(refused.code).toBe("functions/invalid-argument");
    // The refusal is about this field (the request lacks others, which are named too).
    const path = field.path.join(".").replace(/\./g, "\\.");
    expect(refused.message).toMatch(new RegExp(`(^|; )${path}: must be a`));
  });

  it("left nothing behind: no audit entry by any of the callers after they signed up", async () => {
    const uids = callers.map((c) => c.client.user.uid);
    const snap = await admin().db.collection("auditLog").where("actorUid", "in", uids).get();
    const after = snap.docs.filter((d) => d.get("at").toMillis() >= since.getTime());
    expect(after.map((d) => d.get("action"))).toEqual([]);
  });
});
