import type { Hono } from "hono";
import type { Config } from "../config.ts";
import type { BotDeps } from "../bot/deps.ts";
import { type ApiRoutes, createApiApp } from "../api/create_api_app.ts";
import { createMatchApi } from "../matching/api.ts";
import { registerMatchingMetrics } from "../matching/matching_metrics.ts";
import { createRateLimiter } from "../platform/rate_limiter.ts";

/**
 * The `api` function's app: /health, /metrics (with matching gauges read at scrape time) and,
 * when a bot token is configured (it signs Mini App initData), the /match routes.
 * `afterWrite` sends the notices a Mini App request queued (e.g. a proposal card).
 */
export function buildApiApp(config: Config, deps: BotDeps, afterWrite?: () => void): Hono {
  registerMatchingMetrics(deps.metrics, deps.db);
  const routes: ApiRoutes[] = [];
  if (config.telegram.token) {
    routes.push({
      path: "/",
      app: createMatchApi({
        db: deps.db,
        botToken: config.telegram.token,
        clock: deps.clock,
        // 30 requests a minute per Telegram user is far above what a person taps.
        rateLimiter: createRateLimiter(config, {
          limit: 30,
          windowSeconds: 60,
          clock: deps.clock,
          prefix: "match-api",
        }),
        afterWrite,
      }),
    });
  }
  return createApiApp(
    { db: deps.db, metrics: deps.metrics, logger: deps.logger, metricsToken: config.metricsToken },
    routes,
  );
}
