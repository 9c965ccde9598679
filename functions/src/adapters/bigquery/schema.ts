import { ID_FIELDS, type DomainEvent, type IdField } from "../../domain/events/events";

/**
 * The BigQuery table the domain events are exported to (dataset BIGQUERY_DATASET, table
 * BIGQUERY_TABLE; config/params.ts). One row per event, written by handlers/analytics/exportEvents.ts.
 *
 * `ids` is a RECORD of nullable STRING columns, one per id field of the domain (ID_FIELDS), not
 * a JSON column: the table's schema then is the list of what may be exported, so a field that is
 * not an id is refused by BigQuery itself (insertAll without ignoreUnknownValues answers
 * `invalid` for an unknown field) as well as by buildEvent; queries read `ids.appointment_id`
 * as a plain typed column, usable for clustering and joins, without JSON_VALUE; and adding an id
 * is an additive schema change (a new NULLABLE column), which BigQuery allows in place.
 *
 * Written with `tables.insert` / `bq mk` as EVENTS_TABLE (day partitions on occurred_at,
 * clustered by type and org), see README "Analytics events".
 */

export interface TableField {
  name: string;
  type: "STRING" | "TIMESTAMP" | "RECORD";
  mode: "REQUIRED" | "NULLABLE";
  description?: string;
  fields?: TableField[];
}

/** appointmentId -> appointment_id: BigQuery columns are snake_case. */
export function idColumn(field: IdField): string {
  return field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

export const EVENT_FIELDS: TableField[] = [
  {
    name: "event_id",
    type: "STRING",
    mode: "REQUIRED",
    description: "`{type}:{natural key}`; also the insertId of the streaming insert",
  },
  {
    name: "type",
    type: "STRING",
    mode: "REQUIRED",
    description: "e.g. appointment.booked (domain/events/events.ts EVENT_TYPES)",
  },
  { name: "occurred_at", type: "TIMESTAMP", mode: "REQUIRED", description: "when the change was committed" },
  {
    name: "org",
    type: "STRING",
    mode: "NULLABLE",
    description: "organisation id, null for a patient's own action or a sign-up",
  },
  {
    name: "ids",
    type: "RECORD",
    mode: "NULLABLE",
    description: "ids of the records concerned; never names, phone numbers or notes",
    fields: ID_FIELDS.map((f) => ({ name: idColumn(f), type: "STRING" as const, mode: "NULLABLE" as const })),
  },
];

/** The table resource for `tables.insert` (or `dataset.createTable(name, EVENTS_TABLE)`). */
export const EVENTS_TABLE = {
  schema: { fields: EVENT_FIELDS },
  timePartitioning: { type: "DAY", field: "occurred_at" },
  clustering: { fields: ["type", "org"] },
  description: "Arogya domain events (ids only, no PHI)",
} as const;

export interface EventRowJson {
  event_id: string;
  type: string;
  occurred_at: string;
  org: string | null;
  ids: Record<string, string>;
}

/** A streaming-insert row: the event id is the insertId, so BigQuery drops a retried copy. */
export interface EventRow {
  insertId: string;
  json: EventRowJson;
}

export function eventRow(event: DomainEvent): EventRow {
  const ids: Record<string, string> = {};
  for (const field of ID_FIELDS) {
    const value = event.ids[field];
    if (value !== undefined) ids[idColumn(field)] = value;
  }
  return {
    insertId: event.eventId,
    json: { event_id: event.eventId, type: event.type, occurred_at: event.occurredAt, org: event.org, ids },
  };
}
