// organisations/{org}/members/{uid}: membership records written by functions. A member reads
// their own; the organisation's admins (and platform admins) read and list them all.
import {
  collection,
  deleteDoc,
  doc,
  getDoc,
  getDocs,
  setDoc,
  updateDoc,
  type Firestore,
} from "firebase/firestore";
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
  runMatrix,
  useRulesEnv,
  type MatrixTable,
  onlyReaders,
} from "./support";

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

runMatrix(rules, {
  collection: "members",
  owner,
  async seed(db, op) {
    await seedOrgs(db);
    if (op !== "create") await setDoc(memberRef(db), member(owner.uid, "doctor"));
  },
  requests: {
    get: (db) => getDoc(memberRef(db)),
    list: (db) => getDocs(membersOf(db, ORG_A)),
    create: (db) => setDoc(memberRef(db), member(owner.uid, "doctor")),
    update: (db) => updateDoc(memberRef(db), { role: "admin" }),
    delete: (db) => deleteDoc(memberRef(db)),
  },
  table,
});

describe("members: across organisations", () => {
  it("members: orgAdmin cannot get a member of another organisation", async () => {
    await rules.seed(seedOrgs);
    await expectDecision(
      "deny",
      getDoc(doc(membersOf(rules.db(ACTORS.orgAdmin), ORG_B), ACTORS.otherOrgAdmin.uid)),
    );
  });
  it("members: orgAdmin cannot list another organisation's members", async () => {
    await rules.seed(seedOrgs);
    await expectDecision("deny", getDocs(membersOf(rules.db(ACTORS.orgAdmin), ORG_B)));
  });
  it("members: platformAdmin can list any organisation's members", async () => {
    await rules.seed(seedOrgs);
    await expectDecision("allow", getDocs(membersOf(rules.db(ACTORS.platformAdmin), ORG_B)));
  });
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
