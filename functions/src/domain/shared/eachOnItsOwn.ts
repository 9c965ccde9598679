import { errorCode } from "./errorCode";

/** What a scheduled run that queues messages reports (the reminders' and the agendas' runs). */
export interface QueueRun {
  /** Items found due. */
  due: number;
  /** Messages written to the outbox (sent now, or after the recipient's quiet hours). */
  queued: number;
  /** Nothing to send (no proven number, already sent, no longer due). */
  skipped: number;
  /** Items whose attempt threw: tried again after a backoff, then given up. */
  failed: number;
}

/**
 * The loop of a scheduled run over many items: `step` on each in turn, its outcome counted in
 * `run` (one under its name, several at once as counts by name, nothing for null), and an item
 * that throws never stops the run: it is counted as `failed` and its error reaches `failed` as a
 * PHI-free code (errorCode: never the message), to record and log by id; then the next item goes.
 */
export async function eachOnItsOwn<T, K extends string>(
  items: readonly T[],
  run: Record<K | "failed", number>,
  step: (item: T) => Promise<K | Readonly<Record<K, number>> | null>,
  failed: (item: T, code: string) => Promise<void> | void,
): Promise<void> {
  for (const item of items) {
    try {
      const outcome = await step(item);
      if (typeof outcome === "string") run[outcome] += 1;
      else if (outcome) for (const key of Object.keys(outcome) as K[]) run[key] += outcome[key];
    } catch (error) {
      run.failed += 1;
      await failed(item, errorCode(error));
    }
  }
}
