// accessLog/{entryId}: who read or downloaded which of a patient's health records, when, and on
// what basis ({patientUid, recordId, actorUid, actorRole, action list | download, basis owner |
// share | consent, consentId, at}). Appended only by the health-records functions (listRecords,
// recordDownloadLink) and erased with the account (deleteMyAccount). Read only by the patient it
// is about (patientUid, the matrix "owner"): not by the doctor who did the reading, not by the
// admins. Nobody writes it, so nobody can hide a read or invent one.
import {
  collection,
  deleteDoc,
  doc,
  getDoc,
  getDocs,
  query,
  serverTimestamp,
  setDoc,
  updateDoc,
  where,
  type Firestore,
} from "firebase/firestore";
import { describe, it } from "vitest";
import {
  ACTORS,
  ORG_A,
  OWNERS,
  RECORD_ID,
  accessEntry,
  expectDecision,
  orgConsentIdFor,
  runMatrix,
  useRulesEnv,
  type Actor,
  runRevokedFor,
  expectEach,
} from "./support";
import { documentMatrix, seedDocument, type DocumentSuite } from "./templates/documentSuite";
import { PATIENT, PATIENT_READS_ONLY, deniedTo, readMatrix } from "./templates/consentSuite";

const rules = useRulesEnv();
const owner = PATIENT;
/** The doctor whose read the entry under test records (by consent). */
const reader: Actor = { ...ACTORS.doctor, label: "the doctor who read the record" };
const ENTRY_ID = "entry-a";

const entryRef = (db: Firestore, id = ENTRY_ID) => doc(db, "accessLog", id);
const entries = (db: Firestore) => collection(db, "accessLog");
const byField = (db: Firestore, field: "patientUid" | "actorUid" | "recordId" | "consentId", value: string) =>
  query(entries(db), where(field, "==", value));
/** The query that returns exactly this entry's kind: its patient, its record, its reader. */
const thisEntry = (db: Firestore) =>
  query(
    entries(db),
    where("patientUid", "==", owner.uid),
    where("recordId", "==", RECORD_ID),
    where("actorUid", "==", reader.uid),
  );

/** The same doctor's read of another patient's record, and a download of the owner's by the doctor it is shared with. */
async function seedOthers(db: Firestore) {
  await setDoc(
    entryRef(db, "entry-other"),
    accessEntry(ACTORS.otherPatient.uid, reader.uid!, { recordId: "record-other" }),
  );
  await setDoc(
    entryRef(db, "entry-share"),
    accessEntry(owner.uid, OWNERS.doctor.uid, { action: "download", basis: "share", consentId: null }),
  );
}

const entry: DocumentSuite = {
  collection: "accessLog",
  owner,
  others: seedOthers,
  ref: (db) => entryRef(db),
  list: (db) => thisEntry(db),
  stored: () => accessEntry(owner.uid, reader.uid!),
  created: () => accessEntry(owner.uid, reader.uid!, { at: serverTimestamp() }),
  update: { action: "download" },
};
const matrix = documentMatrix(entry, PATIENT_READS_ONLY);
const seedAll = seedDocument(entry);
runMatrix(rules, matrix);
runRevokedFor(rules, matrix, [[owner, ["get", "list"]]]);

describe("accessLog: the patient reads their own", () => {
  expectEach(rules, "accessLog", seedAll, [
    [
      "owner can list every read of their records",
      "allow",
      owner,
      (db) => getDocs(byField(db, "patientUid", owner.uid)),
    ],
    [
      "owner can list the reads of one record",
      "allow",
      owner,
      (db) =>
        getDocs(query(entries(db), where("patientUid", "==", owner.uid), where("recordId", "==", RECORD_ID))),
    ],
    [
      "owner can list one doctor's reads of their records",
      "allow",
      owner,
      (db) =>
        getDocs(
          query(entries(db), where("patientUid", "==", owner.uid), where("actorUid", "==", reader.uid)),
        ),
    ],
    [
      "owner can get a download by the doctor a record is shared with",
      "allow",
      owner,
      (db) => getDoc(entryRef(db, "entry-share")),
    ],
    [
      "owner cannot list the reads of a record without filtering on patientUid",
      "deny",
      owner,
      (db) => getDocs(byField(db, "recordId", RECORD_ID)),
    ],
  ]);
  it("accessLog: owner cannot list a doctor's reads without filtering on patientUid", async () => {
    // That would show which other patients the doctor reads.
    await rules.seed(seedAll);
    await expectDecision("deny", getDocs(byField(rules.db(owner), "actorUid", reader.uid!)));
  });
  expectEach(rules, "accessLog", seedAll, [
    ["owner cannot get another patient's entry", "deny", owner, (db) => getDoc(entryRef(db, "entry-other"))],
    [
      "otherPatient cannot list the owner's entries",
      "deny",
      ACTORS.otherPatient,
      (db) => getDocs(byField(db, "patientUid", owner.uid)),
    ],
    [
      "otherPatient can list their own entries",
      "allow",
      ACTORS.otherPatient,
      (db) => getDocs(byField(db, "patientUid", ACTORS.otherPatient.uid)),
    ],
  ]);
});

describe("accessLog: the readers do not read it", () => {
  expectEach(rules, "accessLog", seedAll, [
    ["the doctor who read the record cannot get the entry", "deny", reader, (db) => getDoc(entryRef(db))],
    [
      "the doctor who read the record cannot list their reads by actorUid",
      "deny",
      reader,
      (db) => getDocs(byField(db, "actorUid", reader.uid!)),
    ],
    [
      "the doctor who read the record cannot list the patient's entries",
      "deny",
      reader,
      (db) => getDocs(byField(db, "patientUid", owner.uid)),
    ],
    [
      "the doctor a record is shared with cannot get the entry of their download",
      "deny",
      { ...OWNERS.doctor, label: "shared doctor" },
      (db) => getDoc(entryRef(db, "entry-share")),
    ],
    [
      "orgAdmin cannot list the reads by a doctor of their organisation",
      "deny",
      ACTORS.orgAdmin,
      (db) => getDocs(byField(db, "actorUid", reader.uid!)),
    ],
  ]);
  it("accessLog: orgAdmin cannot list the reads under their organisation's consent", async () => {
    await rules.seed(async (db) => {
      await seedAll(db);
      await setDoc(
        entryRef(db, "entry-org"),
        accessEntry(owner.uid, reader.uid!, { consentId: orgConsentIdFor(owner.uid, ORG_A) }),
      );
    });
    await expectDecision(
      "deny",
      getDocs(byField(rules.db(ACTORS.orgAdmin), "consentId", orgConsentIdFor(owner.uid, ORG_A))),
    );
  });
  readMatrix(rules, {
    collection: "accessLog",
    seed: seedAll,
    cases: deniedTo([
      ACTORS.anonymous,
      owner,
      reader,
      ACTORS.pharmacist,
      ACTORS.orgAdmin,
      ACTORS.platformAdmin,
    ]),
    reads: [{ what: "list every entry", request: (db) => getDocs(entries(db)) }],
  });
});

describe("accessLog: nobody writes it", () => {
  expectEach(rules, "accessLog", seedAll, [
    [
      "the doctor who read the record cannot delete the entry",
      "deny",
      reader,
      (db) => deleteDoc(entryRef(db)),
    ],
    [
      "the doctor who read the record cannot rewrite it as the patient's own read",
      "deny",
      reader,
      (db) =>
        updateDoc(entryRef(db), {
          actorUid: owner.uid,
          actorRole: "patient",
          basis: "owner",
          consentId: null,
        }),
    ],
    [
      "the doctor who read the record cannot create an entry in another doctor's name",
      "deny",
      reader,
      (db) =>
        setDoc(
          entryRef(db, "entry-forged"),
          accessEntry(owner.uid, OWNERS.doctor.uid, { at: serverTimestamp() }),
        ),
    ],
    ["owner cannot delete an entry", "deny", owner, (db) => deleteDoc(entryRef(db))],
    [
      "owner cannot create an entry accusing a doctor",
      "deny",
      owner,
      (db) =>
        setDoc(
          entryRef(db, "entry-forged"),
          accessEntry(owner.uid, ACTORS.doctor.uid, { action: "download", at: serverTimestamp() }),
        ),
    ],
    [
      "owner cannot change the action of an entry",
      "deny",
      owner,
      (db) => updateDoc(entryRef(db), { action: "download" }),
    ],
    ["orgAdmin cannot delete an entry", "deny", ACTORS.orgAdmin, (db) => deleteDoc(entryRef(db))],
  ]);
  it("accessLog: platformAdmin cannot create an entry", async () => {
    await rules.seed(seedOthers);
    await expectDecision(
      "deny",
      setDoc(entryRef(rules.db(ACTORS.platformAdmin)), accessEntry(owner.uid, reader.uid!)),
    );
  });
});
