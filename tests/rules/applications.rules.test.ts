// applications/{uid}: role applications, written only by functions (applyForRole and
// reviewApplication). The applicant reads their own; the admins of the organisation applied
// to (and platform admins) read and list them.
import {
  collection,
  doc,
  getDoc,
  getDocs,
  query,
  setDoc,
  updateDoc,
  where,
  type Firestore,
} from "firebase/firestore";
import { describe, it } from "vitest";
import {
  ACTORS,
  ORG_A,
  ORG_B,
  OWNERS,
  application,
  expectDecision,
  readOnly,
  useRulesEnv,
  type MatrixTable,
  onlyReaders,
} from "./support";
import { runDocumentMatrix } from "./templates/documentSuite";

const rules = useRulesEnv();
const owner = OWNERS.applicant;
const applicationRef = (db: Firestore) => doc(db, "applications", owner.uid);
const applicationsTo = (db: Firestore, org: string) =>
  query(collection(db, "applications"), where("org", "==", org));
const OTHER_APPLICANT = "applicant-b";

const table: MatrixTable = {
  ...onlyReaders("orgAdmin", "platformAdmin"),
  owner: readOnly("allow", "deny"),
};

const seedOtherApplication = (db: Firestore) =>
  setDoc(doc(db, "applications", OTHER_APPLICANT), application(OTHER_APPLICANT, { org: ORG_B }));

runDocumentMatrix(
  rules,
  {
    collection: "applications",
    owner,
    others: seedOtherApplication,
    ref: (db) => applicationRef(db),
    list: (db) => applicationsTo(db, ORG_A),
    stored: () => application(owner.uid),
    update: { status: "approved" },
  },
  table,
);

describe("applications: beyond the matrix", () => {
  const seedBoth = () =>
    rules.seed(async (db) => {
      await seedOtherApplication(db);
      await setDoc(applicationRef(db), application(owner.uid));
    });
  it("applications: orgAdmin cannot get an application to another organisation", async () => {
    await seedBoth();
    await expectDecision("deny", getDoc(doc(rules.db(ACTORS.orgAdmin), "applications", OTHER_APPLICANT)));
  });
  it("applications: orgAdmin cannot list another organisation's applications", async () => {
    await seedBoth();
    await expectDecision("deny", getDocs(applicationsTo(rules.db(ACTORS.orgAdmin), ORG_B)));
  });
  it("applications: orgAdmin cannot list every application", async () => {
    await seedBoth();
    await expectDecision("deny", getDocs(collection(rules.db(ACTORS.orgAdmin), "applications")));
  });
  it("applications: platformAdmin can list every application", async () => {
    await seedBoth();
    await expectDecision("allow", getDocs(collection(rules.db(ACTORS.platformAdmin), "applications")));
  });
  it("applications: owner cannot approve their own application", async () => {
    await seedBoth();
    await expectDecision("deny", updateDoc(applicationRef(rules.db(owner)), { status: "approved" }));
  });
  it("applications: otherOrgAdmin cannot approve the application", async () => {
    await seedBoth();
    await expectDecision(
      "deny",
      updateDoc(applicationRef(rules.db(ACTORS.otherOrgAdmin)), { status: "approved" }),
    );
  });
});
