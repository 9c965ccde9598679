import { errorCode } from "./errorCode";

/**
 * The loop of a scheduled run over many items: `step` on each in turn, its outcome counted in
 * `run` (nothing for null), and an item that throws never stops the run: it is counted as
 * `failed` and its error reaches `failed` as a PHI-free code (errorCode: never the message), to
 * record and log by id; then the next item goes.
 */
export async function eachOnItsOwn<T, K extends string>(
  items: readonly T[],
  run: Record<K | "failed", number>,
  step: (item: T) => Promise<K | null>,
  failed: (item: T, code: string) => Promise<void> | void,
): Promise<void> {
  for (const item of items) {
    try {
      const outcome = await step(item);
      if (outcome !== null) run[outcome] += 1;
    } catch (error) {
      run.failed += 1;
      await failed(item, errorCode(error));
    }
  }
}
