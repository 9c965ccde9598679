import { FieldPath, Timestamp, type Transaction } from "firebase-admin/firestore";
import { scheduleChangeDocSchema, type ScheduleChangeDoc } from "../schemas/documents/scheduleChanges";
import { documents } from "./documents";
import { COLLECTIONS } from "./firestore";

export type { ScheduleChangeDoc };

const changes = documents(COLLECTIONS.scheduleChanges, scheduleChangeDocSchema);

export const newScheduleChangeId = changes.newId;
export const getScheduleChange = changes.get;
export const createScheduleChange = changes.create;
export const updateScheduleChange = changes.update;

/** Records an item's outcome (the appointment id is a document id: no dots). */
export function markScheduleChangeItem(
  tx: Transaction,
  id: string,
  appointmentId: string,
  done: NonNullable<ScheduleChangeDoc["items"][string]["done"]>,
  now: Date,
): void {
  tx.update(
    changes.ref(id),
    new FieldPath("items", appointmentId, "done"),
    done,
    "updatedAt",
    Timestamp.fromDate(now),
  );
}

/** Changes still being applied that were written before `before` (their run was cut short). */
export async function findUnfinishedScheduleChangeIds(before: Date, limit: number): Promise<string[]> {
  const query = changes
    .collection()
    .where("state", "==", "applying")
    .where("createdAt", "<=", Timestamp.fromDate(before))
    .limit(limit);
  return (await query.select().get()).docs.map((d) => d.id);
}
