import type { Db } from "../db/db.ts";
import type { Metrics } from "../metrics/metrics.ts";
import type { MatchingMetricsResult } from "./contract.ts";

/** Scrape-time gauges read from matching_metrics(): queue size, live chats, open proposals. */
export function registerMatchingMetrics(metrics: Metrics, db: Db): void {
  metrics.addCollector(async () => {
    const m = await db.call<MatchingMetricsResult>("matching_metrics");
    return {
      matching_queue_size: Number(m.queue_size ?? 0),
      matching_active_chats: Number(m.active_chats ?? 0),
      matching_proposals_pending: Number(m.proposals_pending ?? 0),
    };
  });
}
