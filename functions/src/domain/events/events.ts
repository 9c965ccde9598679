/**
 * Domain events for analytics (exported to BigQuery, adapters/bigquery/). An event says what
 * happened, when, in which organisation and to which records, by id only: never a name, a phone
 * number, an address or note text. The ids a type may carry are a closed list, and each value is
 * checked to look like an id, so a careless caller fails loudly instead of leaking PHI.
 *
 * Pure: no SDK, no clock (the caller passes `now`), no environment.
 */
import { createHash, randomUUID } from "node:crypto";

export const EVENT_TYPES = [
  "user.registered",
  "appointment.booked",
  "appointment.cancelled",
  "appointment.completed",
  "appointment.no_show",
  "consultation.started",
  "consultation.ended",
  "prescription.issued",
  "prescription.dispensed",
  "record.uploaded",
  "consent.granted",
  "consent.revoked",
  "stock.out",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** The ids an event may carry (each is a column of the BigQuery table's `ids` record). */
export const ID_FIELDS = [
  "uid",
  "actorUid",
  "patientUid",
  "doctorUid",
  "pharmacistUid",
  "granteeUid",
  "granteeOrg",
  "appointmentId",
  "prescriptionId",
  "recordId",
  "consentId",
  "pharmacyId",
  "medicineId",
] as const;
export type IdField = (typeof ID_FIELDS)[number];
export type EventIds = Partial<Record<IdField, string>>;

/** The ids each type must carry; others from ID_FIELDS may be added. */
export const REQUIRED_IDS: Record<EventType, readonly IdField[]> = {
  "user.registered": ["uid"],
  "appointment.booked": ["appointmentId", "patientUid", "doctorUid"],
  "appointment.cancelled": ["appointmentId", "patientUid", "doctorUid"],
  "appointment.completed": ["appointmentId", "patientUid", "doctorUid"],
  "appointment.no_show": ["appointmentId", "patientUid", "doctorUid"],
  "consultation.started": ["appointmentId", "patientUid", "doctorUid"],
  "consultation.ended": ["appointmentId", "patientUid", "doctorUid"],
  "prescription.issued": ["prescriptionId", "appointmentId", "patientUid", "doctorUid"],
  "prescription.dispensed": ["prescriptionId", "pharmacyId", "pharmacistUid"],
  "record.uploaded": ["recordId", "patientUid"],
  "consent.granted": ["consentId", "patientUid"],
  "consent.revoked": ["consentId", "patientUid"],
  "stock.out": ["pharmacyId", "medicineId"],
};

export interface DomainEvent {
  /** `{type}:{natural key}`: the Firestore document id and BigQuery's insertId. */
  eventId: string;
  type: EventType;
  /** ISO 8601 instant (UTC). */
  occurredAt: string;
  /** The organisation the event belongs to, or null (a patient's own action, a sign-up). */
  org: string | null;
  ids: EventIds;
}

export interface EventInput {
  org: string | null;
  ids: EventIds;
  /**
   * What makes this occurrence unique (an appointment id for `appointment.booked`): the event id
   * becomes `{type}:{key}`, so a retried handler records the same event once. Without a key the
   * id is random.
   */
  key?: string;
}

/** What an id looks like: no spaces (names), no `@` (emails), no `/` (paths), bounded. */
const ID_VALUE = /^[^\s/@]{1,128}$/;
/** A phone number (E.164 or ten-plus digits) is never an id. */
const PHONE_LIKE = /^\+?\d{10,15}$/;
const KEY = /^[^/\s]{1,256}$/;
/** Event ids stay short (an insertId, a document id): a longer key is replaced by its hash. */
const MAX_KEY_CHARS = 100;

export class InvalidEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidEventError";
  }
}

export function isEventType(value: unknown): value is EventType {
  return typeof value === "string" && (EVENT_TYPES as readonly string[]).includes(value);
}

export function eventIdFor(type: EventType, key: string): string {
  if (!KEY.test(key))
    throw new InvalidEventError(`${type}: the key must be 1-256 characters without spaces or "/"`);
  const short =
    key.length > MAX_KEY_CHARS ? `h-${createHash("sha256").update(key).digest("hex").slice(0, 40)}` : key;
  return `${type}:${short}`;
}

/** Only known id fields with id-like string values; empty values dropped; required ones present. */
export function checkIds(type: EventType, ids: EventIds): EventIds {
  const clean: EventIds = {};
  for (const [field, value] of Object.entries(ids)) {
    if (!(ID_FIELDS as readonly string[]).includes(field))
      throw new InvalidEventError(`${type}: ids.${field} is not an id field`);
    if (value === undefined || value === null || value === "") continue;
    if (typeof value !== "string" || !ID_VALUE.test(value) || PHONE_LIKE.test(value))
      throw new InvalidEventError(`${type}: ids.${field} does not look like an id`);
    clean[field as IdField] = value;
  }
  const missing = REQUIRED_IDS[type].filter((f) => clean[f] === undefined);
  if (missing.length) throw new InvalidEventError(`${type}: missing ids ${missing.join(", ")}`);
  return clean;
}

/** The event of `type` at `now`, with ids only. Throws InvalidEventError on anything else. */
export function buildEvent(
  type: EventType,
  input: EventInput,
  now: Date,
  newId: () => string = randomUUID,
): DomainEvent {
  if (!isEventType(type)) throw new InvalidEventError(`unknown event type ${String(type)}`);
  if (input.org !== null && (typeof input.org !== "string" || !ID_VALUE.test(input.org)))
    throw new InvalidEventError(`${type}: org does not look like an id`);
  if (Number.isNaN(now.getTime())) throw new InvalidEventError(`${type}: invalid time`);
  return {
    eventId: eventIdFor(type, input.key ?? newId()),
    type,
    occurredAt: now.toISOString(),
    org: input.org,
    ids: checkIds(type, input.ids),
  };
}
