import type { Db } from "../db/db.ts";
import type { Metrics } from "../metrics/metrics.ts";
import type { RecommendationMetricsResult } from "./contract.ts";

/**
 * Scrape-time gauges read from recommendation_metrics(): cards shown and taken per kind
 * (`recommendations_shown{kind="person"}`, `recommendations_taken{kind="topic"}`...). Their
 * ratio is the take rate; erasing a profile removes its cards from both.
 */
export function registerRecommendationMetrics(metrics: Metrics, db: Db): void {
  metrics.addCollector(async () => {
    const byKind = await db.call<RecommendationMetricsResult>("recommendation_metrics");
    const gauges: Record<string, number> = {};
    for (const [kind, counts] of Object.entries(byKind ?? {})) {
      if (!/^[a-z_]+$/.test(kind)) continue;
      gauges[`recommendations_shown{kind="${kind}"}`] = Number(counts.shown ?? 0);
      gauges[`recommendations_taken{kind="${kind}"}`] = Number(counts.taken ?? 0);
    }
    return gauges;
  });
}
