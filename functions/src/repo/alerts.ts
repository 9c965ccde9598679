import { Timestamp, type Transaction } from "firebase-admin/firestore";
import { alertDocSchema, type AlertDoc } from "../schemas/documents/alerts";
import { documents } from "./documents";
import { COLLECTIONS } from "./firestore";

export type { AlertDoc };

/** `alerts/{kind}_{appointmentId}`: what a clinic's admins must act on (read by them, written by functions). */
const alerts = documents(COLLECTIONS.alerts, alertDocSchema);

export const alertId = (kind: AlertDoc["kind"], appointmentId: string) => `${kind}_${appointmentId}`;
export const alertRef = alerts.ref;
export const getAlert = alerts.get;

const KEEP_MS = 90 * 24 * 3_600_000;

/** Raises the alert in the caller's transaction; its id makes it once per event. */
export function createAlert(
  tx: Transaction,
  alert: Omit<AlertDoc, "createdAt" | "expireAt">,
  now: Date,
): string {
  const id = alertId(alert.kind, alert.appointmentId);
  alerts.create(tx, id, {
    ...alert,
    createdAt: Timestamp.fromDate(now),
    expireAt: Timestamp.fromMillis(now.getTime() + KEEP_MS),
  });
  return id;
}
