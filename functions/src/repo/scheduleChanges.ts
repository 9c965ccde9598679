import { FieldPath, Timestamp, type Transaction, type UpdateData } from "firebase-admin/firestore";
import { scheduleChangeDocSchema, type ScheduleChangeDoc } from "../schemas/documents/scheduleChanges";
import { converterFor } from "./converter";
import { COLLECTIONS, db, readDoc } from "./firestore";

export type { ScheduleChangeDoc };

const changes = () =>
  db().collection(COLLECTIONS.scheduleChanges).withConverter(converterFor(scheduleChangeDocSchema));

export const newScheduleChangeId = (): string => changes().doc().id;

export function getScheduleChange(id: string, tx?: Transaction): Promise<ScheduleChangeDoc | null> {
  return readDoc(changes().doc(id), tx);
}

export function createScheduleChange(tx: Transaction, id: string, change: ScheduleChangeDoc): void {
  tx.create(changes().doc(id), change);
}

export function updateScheduleChange(
  tx: Transaction,
  id: string,
  patch: UpdateData<ScheduleChangeDoc>,
): void {
  tx.update(changes().doc(id), patch);
}

/** Records an item's outcome (the appointment id is a document id: no dots). */
export function markScheduleChangeItem(
  tx: Transaction,
  id: string,
  appointmentId: string,
  done: NonNullable<ScheduleChangeDoc["items"][string]["done"]>,
  now: Date,
): void {
  tx.update(
    changes().doc(id),
    new FieldPath("items", appointmentId, "done"),
    done,
    "updatedAt",
    Timestamp.fromDate(now),
  );
}

/** Changes still being applied that were written before `before` (their run was cut short). */
export async function findUnfinishedScheduleChangeIds(before: Date, limit: number): Promise<string[]> {
  const query = changes()
    .where("state", "==", "applying")
    .where("createdAt", "<=", Timestamp.fromDate(before))
    .limit(limit);
  return (await query.select().get()).docs.map((d) => d.id);
}
