// organisations/{org}/members/{uid}: membership records written by functions. A member reads
// their own; the organisation's admins (and platform admins) read and list them all.
import { collection, doc, getDoc, getDocs, setDoc, type Firestore } from "firebase/firestore";
import { describe, it } from "vitest";
import {
  ACTORS,
  ORG_A,
  ORG_B,
  OWNERS,
  expectDecision,
  member,
  organisation,
  readOnly,
  useRulesEnv,
  type MatrixTable,
  onlyReaders,
  expectEach,
} from "./support";
import { runDocumentMatrix } from "./templates/documentSuite";

const rules = useRulesEnv();
const owner = OWNERS.member;
const memberRef = (db: Firestore) => doc(db, "organisations", ORG_A, "members", owner.uid);
const membersOf = (db: Firestore, org: string) => collection(db, "organisations", org, "members");

const table: MatrixTable = {
  ...onlyReaders("orgAdmin", "platformAdmin"),
  owner: readOnly("allow", "deny"),
};

async function seedOrgs(db: Firestore) {
  await setDoc(doc(db, "organisations", ORG_A), organisation());
  await setDoc(
    doc(db, "organisations", ORG_B),
    organisation({ name: "Sangrur Village Health Post", type: "village" }),
  );
  await setDoc(doc(membersOf(db, ORG_A), ACTORS.doctor.uid), member(ACTORS.doctor.uid, "doctor"));
  await setDoc(doc(membersOf(db, ORG_A), ACTORS.orgAdmin.uid), member(ACTORS.orgAdmin.uid, "admin"));
  await setDoc(
    doc(membersOf(db, ORG_B), ACTORS.otherOrgAdmin.uid),
    member(ACTORS.otherOrgAdmin.uid, "admin"),
  );
}

runDocumentMatrix(
  rules,
  {
    collection: "members",
    owner,
    others: seedOrgs,
    ref: (db) => memberRef(db),
    list: (db) => membersOf(db, ORG_A),
    stored: () => member(owner.uid, "doctor"),
    update: { role: "admin" },
  },
  table,
);

describe("members: across organisations", () => {
  expectEach(rules, "members", seedOrgs, [
    [
      "orgAdmin cannot get a member of another organisation",
      "deny",
      ACTORS.orgAdmin,
      (db) => getDoc(doc(membersOf(db, ORG_B), ACTORS.otherOrgAdmin.uid)),
    ],
    [
      "orgAdmin cannot list another organisation's members",
      "deny",
      ACTORS.orgAdmin,
      (db) => getDocs(membersOf(db, ORG_B)),
    ],
    [
      "platformAdmin can list any organisation's members",
      "allow",
      ACTORS.platformAdmin,
      (db) => getDocs(membersOf(db, ORG_B)),
    ],
  ]);
  it("members: owner cannot make themselves an admin by creating a membership", async () => {
    await rules.seed(seedOrgs);
    const own = doc(membersOf(rules.db(owner), ORG_A), owner.uid);
    await expectDecision("deny", setDoc(own, member(owner.uid, "admin")));
  });
  it("members: doctor (same org) cannot get a colleague's membership", async () => {
    await rules.seed(async (db) => {
      await seedOrgs(db);
      await setDoc(memberRef(db), member(owner.uid, "doctor"));
    });
    await expectDecision("deny", getDoc(memberRef(rules.db(ACTORS.doctor))));
  });
  it("members: doctor (same org) can get their own membership", async () => {
    await rules.seed(seedOrgs);
    await expectDecision("allow", getDoc(doc(membersOf(rules.db(ACTORS.doctor), ORG_A), ACTORS.doctor.uid)));
  });
});
