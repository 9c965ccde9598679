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
  expectEach,
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
  expectEach(rules, "auditLog", seedOthers, [
    [
      "orgAdmin cannot query entries with org null",
      "deny",
      ACTORS.orgAdmin,
      (db) => getDocs(entriesFor(db, null)),
    ],
    [
      "platformAdmin can query entries with org null",
      "allow",
      ACTORS.platformAdmin,
      (db) => getDocs(entriesFor(db, null)),
    ],
  ]);
  const orgless: Actor = { label: "orgless admin", uid: "admin-orgless", claims: { role: "admin" } };
  expectEach(rules, "auditLog", seedOthers, [
    [
      "an admin claim with neither org nor platform cannot get an org-null entry",
      "deny",
      orgless,
      (db) => getDoc(entryRef(db, "audit-null")),
    ],
    [
      "an admin claim with neither org nor platform cannot query org-null entries",
      "deny",
      orgless,
      (db) => getDocs(entriesFor(db, null)),
    ],
  ]);
});

describe("auditLog: across organisations", () => {
  expectEach(rules, "auditLog", seedOthers, [
    [
      "orgAdmin cannot get another organisation's entry",
      "deny",
      ACTORS.orgAdmin,
      (db) => getDoc(entryRef(db, "audit-b")),
    ],
    [
      "orgAdmin cannot list the whole log",
      "deny",
      ACTORS.orgAdmin,
      (db) => getDocs(collection(db, "auditLog")),
    ],
    [
      "platformAdmin can list the whole log",
      "allow",
      ACTORS.platformAdmin,
      (db) => getDocs(collection(db, "auditLog")),
    ],
  ]);
  it("auditLog: platformAdmin cannot append an entry", async () => {
    await expectDecision(
      "deny",
      setDoc(entryRef(rules.db(ACTORS.platformAdmin), "audit-new"), auditEntry({ org: null })),
    );
  });
});
