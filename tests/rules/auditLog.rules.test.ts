// auditLog/{id}: append-only, written by functions through the Admin SDK. The admins of the
// organisation an entry concerns (and platform admins) read it; entries that concern no
// organisation (org: null) are for platform admins only. There is no owner: the "owner" row
// is the entry's actor, a doctor member of the organisation.
import { collection, doc, getDoc, getDocs, query, setDoc, where, type Firestore } from "firebase/firestore";
import { describe, it } from "vitest";
import {
  ACTORS,
  ORG_A,
  ORG_B,
  OWNERS,
  auditEntry,
  expectDecision,
  runMatrix,
  useRulesEnv,
  type Actor,
  type MatrixTable,
  onlyReaders,
  runRevokedFor,
} from "./support";
import { documentMatrix } from "./templates/documentSuite";

const rules = useRulesEnv();
const ENTRY = "audit-a";
const entryRef = (db: Firestore, id = ENTRY) => doc(db, "auditLog", id);
const entriesFor = (db: Firestore, org: string | null) =>
  query(collection(db, "auditLog"), where("org", "==", org));

const table: MatrixTable = onlyReaders("orgAdmin", "platformAdmin");

async function seedOthers(db: Firestore) {
  await setDoc(
    entryRef(db, "audit-b"),
    auditEntry({ org: ORG_B, actorUid: ACTORS.otherOrgAdmin.uid, actorRole: "admin" }),
  );
  await setDoc(
    entryRef(db, "audit-null"),
    auditEntry({
      action: "user.registered",
      org: null,
      actorUid: ACTORS.otherPatient.uid,
      actorRole: "patient",
      target: { type: "user", id: ACTORS.otherPatient.uid },
    }),
  );
}

const matrix = documentMatrix(
  {
    collection: "auditLog",
    owner: { ...OWNERS.member, label: "owner (the entry's actor, an orgA doctor)" },
    others: seedOthers,
    ref: (db) => entryRef(db),
    list: (db) => entriesFor(db, ORG_A),
    stored: () => auditEntry(),
    update: { action: "session.revoked" },
  },
  table,
);
runMatrix(rules, matrix);
runRevokedFor(rules, matrix, [
  [ACTORS.orgAdmin, ["get", "list"]],
  [ACTORS.platformAdmin, ["get", "list"]],
]);

describe("auditLog: entries with no organisation", () => {
  const cases: Array<[Actor, "allow" | "deny"]> = [
    [ACTORS.anonymous, "deny"],
    [ACTORS.otherPatient, "deny"],
    [ACTORS.doctor, "deny"],
    [ACTORS.pharmacist, "deny"],
    [ACTORS.orgAdmin, "deny"],
    [ACTORS.otherOrgAdmin, "deny"],
    [ACTORS.platformAdmin, "allow"],
  ];
  for (const [actor, decision] of cases) {
    it(`auditLog: ${actor.label} ${decision === "allow" ? "can" : "cannot"} get an entry with org null`, async () => {
      await rules.seed(seedOthers);
      await expectDecision(decision, getDoc(entryRef(rules.db(actor), "audit-null")));
    });
  }
  it("auditLog: orgAdmin cannot query entries with org null", async () => {
    await rules.seed(seedOthers);
    await expectDecision("deny", getDocs(entriesFor(rules.db(ACTORS.orgAdmin), null)));
  });
  it("auditLog: platformAdmin can query entries with org null", async () => {
    await rules.seed(seedOthers);
    await expectDecision("allow", getDocs(entriesFor(rules.db(ACTORS.platformAdmin), null)));
  });
  const orgless: Actor = { label: "orgless admin", uid: "admin-orgless", claims: { role: "admin" } };
  it("auditLog: an admin claim with neither org nor platform cannot get an org-null entry", async () => {
    await rules.seed(seedOthers);
    await expectDecision("deny", getDoc(entryRef(rules.db(orgless), "audit-null")));
  });
  it("auditLog: an admin claim with neither org nor platform cannot query org-null entries", async () => {
    await rules.seed(seedOthers);
    await expectDecision("deny", getDocs(entriesFor(rules.db(orgless), null)));
  });
});

describe("auditLog: across organisations", () => {
  it("auditLog: orgAdmin cannot get another organisation's entry", async () => {
    await rules.seed(seedOthers);
    await expectDecision("deny", getDoc(entryRef(rules.db(ACTORS.orgAdmin), "audit-b")));
  });
  it("auditLog: orgAdmin cannot list the whole log", async () => {
    await rules.seed(seedOthers);
    await expectDecision("deny", getDocs(collection(rules.db(ACTORS.orgAdmin), "auditLog")));
  });
  it("auditLog: platformAdmin can list the whole log", async () => {
    await rules.seed(seedOthers);
    await expectDecision("allow", getDocs(collection(rules.db(ACTORS.platformAdmin), "auditLog")));
  });
  it("auditLog: platformAdmin cannot append an entry", async () => {
    await expectDecision(
      "deny",
      setDoc(entryRef(rules.db(ACTORS.platformAdmin), "audit-new"), auditEntry({ org: null })),
    );
  });
});
