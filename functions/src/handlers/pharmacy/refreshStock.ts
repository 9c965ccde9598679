import { logger } from "firebase-functions/v2";
import { errorCode } from "../../domain/shared/errorCode";
import { wallTimeOf } from "../../domain/scheduling/slots";
import { findInventoryDueForRefresh, setStockStates } from "../../repo/inventory";

const PAGE = 400;

/**
 * Batches expire at the end of their last sale day in the pharmacy's timezone; this recomputes
 * the stored state (in stock, low, out) of the items whose state changed since. Searches do not
 * depend on it (public stock carries `inStockUntil`); pharmacists' screens and low-stock lists do.
 *
 * One item never stops the run: the due items are read page after page with a cursor (an item
 * that stays due is met once per run), and a page whose write fails is written again item by
 * item, so only the items that cannot be read or written fail. Those are counted and logged with
 * their pharmacy's id, and tried again by the next run.
 */
export async function refreshExpiredStock(now: Date): Promise<{ refreshed: number; failed: number }> {
  let refreshed = 0;
  let failed = 0;
  // The pharmacy's id only: a medicine id spells the medicine's name.
  const fail = (pharmacyId: string, code: string) => {
    failed += 1;
    logger.error("stock.refresh.failed", { pharmacyId, code });
  };
  let after: unknown = null;
  for (;;) {
    const page = await findInventoryDueForRefresh(now, PAGE, after);
    for (const path of page.malformed) fail(path.split("/")[1] ?? "", "malformed-document");
    const rows = page.items.map((d) => ({ ...d, today: wallTimeOf(now.getTime(), d.timezone).localDate }));
    try {
      await setStockStates(rows, now);
      refreshed += rows.length;
    } catch {
      for (const row of rows) {
        try {
          await setStockStates([row], now);
          refreshed += 1;
        } catch (error) {
          fail(row.pharmacyId, errorCode(error));
        }
      }
    }
    if (!page.next) break;
    after = page.next;
  }
  logger.info("stock.refresh.done", { refreshed, failed });
  return { refreshed, failed };
}
