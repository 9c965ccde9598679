import { logger } from "firebase-functions/v2";
import { wallTimeOf } from "../../domain/scheduling/slots";
import { findInventoryDueForRefresh, setStockStates } from "../../repo/inventory";

const PAGE = 400;

/**
 * Batches expire at the end of their last sale day in the pharmacy's timezone; this recomputes
 * the stored state (in stock, low, out) of the items whose state changed since. Searches do not
 * depend on it (public stock carries `inStockUntil`); pharmacists' screens and low-stock lists do.
 */
export async function refreshExpiredStock(now: Date): Promise<{ refreshed: number }> {
  let refreshed = 0;
  for (;;) {
    const due = await findInventoryDueForRefresh(now, PAGE);
    if (!due.length) break;
    await setStockStates(
      due.map((d) => ({ ...d, today: wallTimeOf(now.getTime(), d.timezone).localDate })),
      now,
    );
    refreshed += due.length;
    if (due.length < PAGE) break;
  }
  logger.info("stock.refresh.done", { refreshed });
  return { refreshed };
}
