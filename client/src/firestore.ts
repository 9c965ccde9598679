// Reading and listening to the documents clients may read (firestore.rules), typed and checked by
// the same zod document schemas the functions use (functions/src/schemas/documents/). Every query
// a client may run is declared once in CLIENT_QUERIES: the helper below builds it, and
// tools/indexes.test.ts checks that firestore.indexes.json has an index for each.
import {
  collection,
  doc,
  limit as limitTo,
  orderBy,
  query,
  where,
  type DocumentData,
  type Firestore,
  type FirestoreDataConverter,
  type Query,
  type QueryDocumentSnapshot,
  type Timestamp,
  type WhereFilterOp,
} from "firebase/firestore";
import type { z } from "zod";
import { accessLogDocSchema } from "../../functions/src/schemas/documents/accessLog";
import { appointmentDocSchema } from "../../functions/src/schemas/documents/appointment";
import { availabilityDocSchema } from "../../functions/src/schemas/documents/availability";
import { consentDocSchema } from "../../functions/src/schemas/documents/consents";
import {
  consultationDocSchema,
  consultationEventDocSchema,
} from "../../functions/src/schemas/documents/consultations";
import { medicineDocSchema } from "../../functions/src/schemas/documents/medicines";
import { organisationDocSchema } from "../../functions/src/schemas/documents/organisations";
import { prescriptionDocSchema } from "../../functions/src/schemas/documents/prescriptions";
import { doctorDocSchema, patientDocSchema } from "../../functions/src/schemas/documents/profiles";
import { recordDocSchema } from "../../functions/src/schemas/documents/records";

/** A stored type as the web SDK reads it: the Admin SDK's Timestamp becomes the web SDK's. */
export type ClientDoc<T> = T extends { toMillis(): number; seconds: number; nanoseconds: number }
  ? Timestamp
  : T extends readonly (infer E)[]
    ? ClientDoc<E>[]
    : T extends object
      ? { [K in keyof T]: ClientDoc<T[K]> }
      : T;

/** A document that does not match its schema (an old version, a rule that let it through). */
export class MalformedDocumentError extends Error {
  override readonly name = "MalformedDocumentError";
  constructor(
    readonly path: string,
    readonly fields: string[],
  ) {
    super(`malformed document ${path}: ${fields.join(", ")}`);
  }
}

/** A converter that checks every read against the document's zod schema. */
export function converterFor<S extends z.ZodType>(schema: S): FirestoreDataConverter<ClientDoc<z.output<S>>> {
  return {
    toFirestore: (value) => value as DocumentData,
    fromFirestore(snapshot: QueryDocumentSnapshot) {
      const parsed = schema.safeParse(snapshot.data());
      if (parsed.success) return parsed.data as ClientDoc<z.output<S>>;
      const fields = [...new Set(parsed.error.issues.map((i) => i.path.join(".") || "(document)"))];
      throw new MalformedDocumentError(snapshot.ref.path, fields);
    },
  };
}

/** The collections clients may read (see docs/data.md for who may read what). */
export const CLIENT_COLLECTIONS = {
  appointments: appointmentDocSchema,
  availability: availabilityDocSchema,
  doctors: doctorDocSchema,
  patients: patientDocSchema,
  organisations: organisationDocSchema,
  consultations: consultationDocSchema,
  prescriptions: prescriptionDocSchema,
  records: recordDocSchema,
  consents: consentDocSchema,
  accessLog: accessLogDocSchema,
  medicines: medicineDocSchema,
} as const;
export type ClientCollection = keyof typeof CLIENT_COLLECTIONS;
export type DocOf<C extends ClientCollection> = ClientDoc<z.output<(typeof CLIENT_COLLECTIONS)[C]>>;

const converters = new Map<string, FirestoreDataConverter<unknown>>();
function converterOf<C extends ClientCollection>(name: C): FirestoreDataConverter<DocOf<C>> {
  let converter = converters.get(name);
  if (!converter) converters.set(name, (converter = converterFor(CLIENT_COLLECTIONS[name])));
  return converter as FirestoreDataConverter<DocOf<C>>;
}

/** A typed reference to one document: `getDoc(docRef(db, "appointments", id))`. */
export function docRef<C extends ClientCollection>(db: Firestore, name: C, id: string) {
  return doc(db, name, id).withConverter(converterOf(name));
}

/** A consultation's events (consultations/{id}/events), oldest first. */
export function consultationEvents(db: Firestore, appointmentId: string) {
  return query(
    collection(db, "consultations", appointmentId, "events").withConverter(
      converterFor(consultationEventDocSchema),
    ),
    orderBy("at", "asc"),
  );
}

/**
 * A query clients may run, declared once: its collection, its equality filters (what the rules
 * need to see: the caller's own uid), an optional range field, and its order. tools/indexes.test.ts
 * checks that firestore.indexes.json holds the composite index each needs.
 */
export interface QuerySpec {
  collection: ClientCollection;
  equals: readonly string[];
  range?: { field: string };
  order: readonly { field: string; direction: "asc" | "desc" }[];
}

export const CLIENT_QUERIES = {
  /** A patient's appointments by start (the patient's own uid). */
  patientAppointments: {
    collection: "appointments",
    equals: ["patientUid"],
    range: { field: "start" },
    order: [{ field: "start", direction: "asc" }],
  },
  /** A doctor's schedule by start (the doctor's own uid). */
  doctorAppointments: {
    collection: "appointments",
    equals: ["doctorUid"],
    range: { field: "start" },
    order: [{ field: "start", direction: "asc" }],
  },
  /** A clinic's appointments for its admin, by start. */
  organisationAppointments: {
    collection: "appointments",
    equals: ["org"],
    range: { field: "start" },
    order: [{ field: "start", direction: "asc" }],
  },
  /** Who read a patient's records, newest first (the patient's own uid). */
  accessLog: {
    collection: "accessLog",
    equals: ["patientUid"],
    order: [{ field: "at", direction: "desc" }],
  },
  /** A patient's ready records, newest date first (the patient's own uid). */
  patientRecords: {
    collection: "records",
    equals: ["patientUid", "status"],
    order: [
      { field: "date", direction: "desc" },
      { field: "createdAt", direction: "desc" },
    ],
  },
} as const satisfies Record<string, QuerySpec>;
export type ClientQueryName = keyof typeof CLIENT_QUERIES;

type CollectionOfQuery<Q extends ClientQueryName> = (typeof CLIENT_QUERIES)[Q]["collection"];
type EqualsOf<Q extends ClientQueryName> = (typeof CLIENT_QUERIES)[Q]["equals"][number];

/**
 * Builds a declared query: `clientQuery(db, "patientAppointments", { patientUid: me }, { from })`
 * for `onSnapshot` or `getDocs`; `from` / `to` bound the range field, `limit` the page.
 */
export function clientQuery<Q extends ClientQueryName>(
  db: Firestore,
  name: Q,
  equals: Record<EqualsOf<Q>, string>,
  options: { from?: Date | Timestamp; to?: Date | Timestamp; limit?: number } = {},
): Query<DocOf<CollectionOfQuery<Q>>> {
  const spec: QuerySpec = CLIENT_QUERIES[name];
  const filters = spec.equals.map((field) => where(field, "==", (equals as Record<string, string>)[field]));
  const bound = (op: WhereFilterOp, value: Date | Timestamp | undefined) =>
    spec.range && value !== undefined ? [where(spec.range.field, op, value)] : [];
  return query(
    collection(db, spec.collection).withConverter(converterOf(spec.collection as CollectionOfQuery<Q>)),
    ...filters,
    ...bound(">=", options.from),
    ...bound("<", options.to),
    ...spec.order.map((o) => orderBy(o.field, o.direction)),
    ...(options.limit ? [limitTo(options.limit)] : []),
  );
}
