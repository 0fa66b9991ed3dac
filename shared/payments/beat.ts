import type { Api } from "grammy";
import type { Db } from "../db/db.ts";
import type { Logger } from "../platform/logger.ts";
import type { Metrics } from "../metrics/metrics.ts";
import { reconcileStarsIfDue } from "./reconciliation.ts";
import { processDueRefunds } from "./refunds.ts";

export interface PaymentsBeatDeps {
  db: Db;
  api: Api;
  logger: Logger;
  metrics: Metrics;
  /** Salt for the hashed payment id in logs. */
  logSalt: string;
}

/**
 * The payments' share of the scheduler beat: refunds that are due (new or retried), then,
 * once a day, the reconciliation with Telegram's Star transactions.
 */
export function createPaymentsBeat(deps: PaymentsBeatDeps): () => Promise<void> {
  return async () => {
    await processDueRefunds(deps);
    const report = await reconcileStarsIfDue(deps.db, deps.api);
    if (report) {
      deps.metrics.inc("star_reconciliations_total", {
        result: report.differences === 0 ? "clean" : "differences",
      });
      if (report.differences > 0) {
        deps.logger.warn("star_reconciliation_differences", { differences: report.differences });
      }
    }
  };
}
