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
} from "./support";
import { documentMatrix } from "./templates/documentSuite";
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
async function seedAll(db: Firestore) {
  await seedOthers(db);
  await setDoc(entryRef(db), accessEntry(owner.uid, reader.uid!));
}

const matrix = documentMatrix(
  {
    collection: "accessLog",
    owner,
    others: seedOthers,
    ref: (db) => entryRef(db),
    list: (db) => thisEntry(db),
    stored: () => accessEntry(owner.uid, reader.uid!),
    created: () => accessEntry(owner.uid, reader.uid!, { at: serverTimestamp() }),
    update: { action: "download" },
  },
  PATIENT_READS_ONLY,
);
runMatrix(rules, matrix);
runRevokedFor(rules, matrix, [[owner, ["get", "list"]]]);

describe("accessLog: the patient reads their own", () => {
  it("accessLog: owner can list every read of their records", async () => {
    await rules.seed(seedAll);
    await expectDecision("allow", getDocs(byField(rules.db(owner), "patientUid", owner.uid)));
  });
  it("accessLog: owner can list the reads of one record", async () => {
    await rules.seed(seedAll);
    await expectDecision(
      "allow",
      getDocs(
        query(
          entries(rules.db(owner)),
          where("patientUid", "==", owner.uid),
          where("recordId", "==", RECORD_ID),
        ),
      ),
    );
  });
  it("accessLog: owner can list one doctor's reads of their records", async () => {
    await rules.seed(seedAll);
    await expectDecision(
      "allow",
      getDocs(
        query(
          entries(rules.db(owner)),
          where("patientUid", "==", owner.uid),
          where("actorUid", "==", reader.uid),
        ),
      ),
    );
  });
  it("accessLog: owner can get a download by the doctor a record is shared with", async () => {
    await rules.seed(seedAll);
    await expectDecision("allow", getDoc(entryRef(rules.db(owner), "entry-share")));
  });
  it("accessLog: owner cannot list the reads of a record without filtering on patientUid", async () => {
    await rules.seed(seedAll);
    await expectDecision("deny", getDocs(byField(rules.db(owner), "recordId", RECORD_ID)));
  });
  it("accessLog: owner cannot list a doctor's reads without filtering on patientUid", async () => {
    // That would show which other patients the doctor reads.
    await rules.seed(seedAll);
    await expectDecision("deny", getDocs(byField(rules.db(owner), "actorUid", reader.uid!)));
  });
  it("accessLog: owner cannot get another patient's entry", async () => {
    await rules.seed(seedAll);
    await expectDecision("deny", getDoc(entryRef(rules.db(owner), "entry-other")));
  });
  it("accessLog: otherPatient cannot list the owner's entries", async () => {
    await rules.seed(seedAll);
    await expectDecision("deny", getDocs(byField(rules.db(ACTORS.otherPatient), "patientUid", owner.uid)));
  });
  it("accessLog: otherPatient can list their own entries", async () => {
    await rules.seed(seedAll);
    await expectDecision(
      "allow",
      getDocs(byField(rules.db(ACTORS.otherPatient), "patientUid", ACTORS.otherPatient.uid)),
    );
  });
});

describe("accessLog: the readers do not read it", () => {
  it("accessLog: the doctor who read the record cannot get the entry", async () => {
    await rules.seed(seedAll);
    await expectDecision("deny", getDoc(entryRef(rules.db(reader))));
  });
  it("accessLog: the doctor who read the record cannot list their reads by actorUid", async () => {
    await rules.seed(seedAll);
    await expectDecision("deny", getDocs(byField(rules.db(reader), "actorUid", reader.uid!)));
  });
  it("accessLog: the doctor who read the record cannot list the patient's entries", async () => {
    await rules.seed(seedAll);
    await expectDecision("deny", getDocs(byField(rules.db(reader), "patientUid", owner.uid)));
  });
  it("accessLog: the doctor a record is shared with cannot get the entry of their download", async () => {
    await rules.seed(seedAll);
    await expectDecision(
      "deny",
      getDoc(entryRef(rules.db({ ...OWNERS.doctor, label: "shared doctor" }), "entry-share")),
    );
  });
  it("accessLog: orgAdmin cannot list the reads by a doctor of their organisation", async () => {
    await rules.seed(seedAll);
    await expectDecision("deny", getDocs(byField(rules.db(ACTORS.orgAdmin), "actorUid", reader.uid!)));
  });
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
  it("accessLog: the doctor who read the record cannot delete the entry", async () => {
    await rules.seed(seedAll);
    await expectDecision("deny", deleteDoc(entryRef(rules.db(reader))));
  });
  it("accessLog: the doctor who read the record cannot rewrite it as the patient's own read", async () => {
    await rules.seed(seedAll);
    await expectDecision(
      "deny",
      updateDoc(entryRef(rules.db(reader)), {
        actorUid: owner.uid,
        actorRole: "patient",
        basis: "owner",
        consentId: null,
      }),
    );
  });
  it("accessLog: the doctor who read the record cannot create an entry in another doctor's name", async () => {
    await rules.seed(seedAll);
    await expectDecision(
      "deny",
      setDoc(
        entryRef(rules.db(reader), "entry-forged"),
        accessEntry(owner.uid, OWNERS.doctor.uid, { at: serverTimestamp() }),
      ),
    );
  });
  it("accessLog: owner cannot delete an entry", async () => {
    await rules.seed(seedAll);
    await expectDecision("deny", deleteDoc(entryRef(rules.db(owner))));
  });
  it("accessLog: owner cannot create an entry accusing a doctor", async () => {
    await rules.seed(seedAll);
    await expectDecision(
      "deny",
      setDoc(
        entryRef(rules.db(owner), "entry-forged"),
        accessEntry(owner.uid, ACTORS.doctor.uid, { action: "download", at: serverTimestamp() }),
      ),
    );
  });
  it("accessLog: owner cannot change the action of an entry", async () => {
    await rules.seed(seedAll);
    await expectDecision("deny", updateDoc(entryRef(rules.db(owner)), { action: "download" }));
  });
  it("accessLog: orgAdmin cannot delete an entry", async () => {
    await rules.seed(seedAll);
    await expectDecision("deny", deleteDoc(entryRef(rules.db(ACTORS.orgAdmin))));
  });
  it("accessLog: platformAdmin cannot create an entry", async () => {
    await rules.seed(seedOthers);
    await expectDecision(
      "deny",
      setDoc(entryRef(rules.db(ACTORS.platformAdmin)), accessEntry(owner.uid, reader.uid!)),
    );
  });
});
