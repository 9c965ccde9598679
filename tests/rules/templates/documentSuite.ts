// The access matrix of one document, declared by what it is rather than by its five requests.
//
// Nearly every suite asks the same five things of one document: get it, list its collection (or a
// query the rules allow), create it, update a field, delete it; the table says who may. What
// differs is the document's path, its valid contents, the change an update makes, the listing, and
// the other documents seeded beside it (another user's, so a list that should be refused is not
// empty by luck). `documentMatrix` turns those into runMatrix's seed and requests; `runDocumentMatrix`
// runs it; `runFunctionsOnly` is the common case of a collection internal to the functions, which
// every actor is refused every operation on (DENY_ALL).
//
// Test names and cases are runMatrix's: "<collection>: <actor> can|cannot <op>", one per actor and
// operation.
import {
  deleteDoc,
  getDoc,
  getDocs,
  setDoc,
  updateDoc,
  type DocumentData,
  type DocumentReference,
  type Firestore,
  type Query,
  type UpdateData,
} from "firebase/firestore";
import {
  DENY_ALL,
  runMatrix,
  type Actor,
  type MatrixSpec,
  type MatrixTable,
  type RulesHarness,
} from "../support";

export interface DocumentSuite {
  /** The collection's name as it appears in test names. */
  collection: string;
  /** The owner of the document under test (its label names it in test names). */
  owner: Actor;
  /** The document under test. */
  ref(db: Firestore): DocumentReference;
  /** The listing asked for; the document's whole collection when not given. */
  list?(db: Firestore): Query;
  /** The document as stored: seeded before every operation but create. */
  stored(): DocumentData;
  /** What the create request writes; the stored document when not given. */
  created?(): DocumentData;
  /** The fields the update request changes. */
  update: UpdateData<DocumentData>;
  /** Other documents seeded before every operation (first, and for create too). */
  others?(db: Firestore): Promise<unknown>;
}

/** Seeds the other documents and the document as stored: what the cases beyond the matrix start from. */
export function seedDocument(spec: DocumentSuite): (db: Firestore) => Promise<void> {
  return async (db) => {
    await spec.others?.(db);
    await setDoc(spec.ref(db), spec.stored());
  };
}

/** runMatrix's spec for one document: seeds it (except for create) and makes its five requests. */
export function documentMatrix(spec: DocumentSuite, table: MatrixTable): MatrixSpec {
  return {
    collection: spec.collection,
    owner: spec.owner,
    async seed(db, op) {
      if (op === "create") await spec.others?.(db);
      else await seedDocument(spec)(db);
    },
    requests: {
      get: (db) => getDoc(spec.ref(db)),
      list: (db) => getDocs(spec.list?.(db) ?? spec.ref(db).parent),
      create: (db) => setDoc(spec.ref(db), (spec.created ?? spec.stored)()),
      update: (db) => updateDoc(spec.ref(db), spec.update),
      delete: (db) => deleteDoc(spec.ref(db)),
    },
    table,
  };
}

/** Runs the document's matrix; returns its spec (for runRevokedCases, say). */
export function runDocumentMatrix(rules: RulesHarness, spec: DocumentSuite, table: MatrixTable): MatrixSpec {
  const matrix = documentMatrix(spec, table);
  runMatrix(rules, matrix);
  return matrix;
}

/**
 * A collection only the functions read and write (with the Admin SDK): every actor, the owner
 * included, is refused every operation.
 */
export function runFunctionsOnly(rules: RulesHarness, spec: DocumentSuite): void {
  runDocumentMatrix(rules, spec, DENY_ALL);
}
