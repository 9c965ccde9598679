// organisations/{org}: any signed-in user reads organisations (applicants choose one to
// apply to); only functions (a platform admin's createOrganisation) write them. There is no
// owner: the "owner" row is a doctor member of the organisation.
import {
  collection,
  deleteDoc,
  doc,
  getDoc,
  getDocs,
  serverTimestamp,
  setDoc,
  updateDoc,
  type Firestore,
} from "firebase/firestore";
import {
  ACTORS,
  ORG_A,
  ORG_B,
  OWNERS,
  organisation,
  runMatrix,
  useRulesEnv,
  SIGNED_IN_READ,
} from "./support";

const rules = useRulesEnv();
const orgRef = (db: Firestore) => doc(db, "organisations", ORG_A);

const table = SIGNED_IN_READ;

runMatrix(rules, {
  collection: "organisations",
  owner: { ...OWNERS.member, label: "owner (orgA member)" },
  async seed(db, op) {
    await setDoc(
      doc(db, "organisations", ORG_B),
      organisation({ name: "Sangrur Village Health Post", type: "village", district: "Sangrur" }),
    );
    if (op !== "create") await setDoc(orgRef(db), organisation());
  },
  requests: {
    get: (db) => getDoc(orgRef(db)),
    list: (db) => getDocs(collection(db, "organisations")),
    create: (db) =>
      setDoc(orgRef(db), organisation({ createdAt: serverTimestamp(), createdBy: ACTORS.platformAdmin.uid })),
    update: (db) => updateDoc(orgRef(db), { name: "Ludhiana Rural Clinic (North)" }),
    delete: (db) => deleteDoc(orgRef(db)),
  },
  table,
});
