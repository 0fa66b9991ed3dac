import type { Db } from "../db/db.ts";
import type { Metrics } from "../metrics/metrics.ts";

interface TipMetricsResult {
  tips_paid: number;
  tip_stars: number;
  avg_tip: number | string;
  tips_today: number;
  tip_rate: number | string;
  refunds_pending: number;
}

/**
 * Scrape-time gauges from tip_metrics(): tips paid (all time and today), Stars, the average
 * tip, the tip rate (chats that ended in the last 30 days and were tipped) and refunds waiting.
 */
export function registerTipMetrics(metrics: Metrics, db: Db): void {
  metrics.addCollector(async () => {
    const m = await db.call<TipMetricsResult>("tip_metrics");
    return {
      tips_paid: Number(m.tips_paid ?? 0),
      tip_stars_paid: Number(m.tip_stars ?? 0),
      avg_tip: Number(m.avg_tip ?? 0),
      tips_today: Number(m.tips_today ?? 0),
      tip_rate: Number(m.tip_rate ?? 0),
      tip_refunds_pending: Number(m.refunds_pending ?? 0),
    };
  });
}
