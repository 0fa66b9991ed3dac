import type { Db } from "../db/db.ts";
import type { Metrics } from "../metrics/metrics.ts";

/**
 * Scrape-time gauges read from event_metrics(): events scheduled and running, open rounds,
 * registrations and confirmations (current), meetings, no-shows (a side silent after the first
 * minute), mutual choices and messages relayed in event rounds (all time). The mutual-choice
 * rate is event_mutual_choices / event_meetings.
 */
export function registerEventMetrics(metrics: Metrics, db: Db): void {
  metrics.addCollector(async () => {
    const figures = await db.call<Record<string, number | string>>("event_metrics");
    const gauges: Record<string, number> = {};
    for (const [name, value] of Object.entries(figures ?? {})) {
      if (/^[a-z_]+$/.test(name)) gauges[name] = Number(value);
    }
    // Click-through per recommender: cards shown, and registrations that followed.
    const byRecommender = await db.call<Record<string, { shown: number; taken: number }>>(
      "event_recommendation_metrics",
    );
    for (const [recommender, counts] of Object.entries(byRecommender ?? {})) {
      if (!/^[a-z_]+$/.test(recommender)) continue;
      gauges[`event_recommendations_shown{recommender="${recommender}"}`] = Number(counts.shown);
      gauges[`event_recommendations_taken{recommender="${recommender}"}`] = Number(counts.taken);
    }
    return gauges;
  });
}
