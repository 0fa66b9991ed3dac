import type { Hono } from "hono";
import type { Config } from "../config.ts";
import type { BotDeps } from "../bot/deps.ts";
import { type ApiRoutes, createApiApp } from "../api/create_api_app.ts";
import { buildMiniAppApi } from "../api/build_mini_app_api.ts";
import { registerMatchingMetrics } from "../matching/matching_metrics.ts";
import { createRateLimiter } from "../platform/rate_limiter.ts";
import { registerTipMetrics } from "../payments/tip_metrics.ts";
import { registerRecommendationMetrics } from "../recommend/recommend_metrics.ts";
import { registerEventMetrics } from "../events/event_metrics.ts";
import { createTelegramApi } from "../notifications/telegram_api.ts";
import { translatorFor } from "../notifications/translate.ts";
import { loadI18n } from "../bot/texts.ts";
import { createLexiconAnalyzer } from "../diary/lexicon_analyzer.ts";
import { buildCallRoutes } from "../calls/build.ts";

/**
 * The `api` function's app: /health, /metrics (with matching and tip gauges read at scrape
 * time) and, when a bot token is configured (it signs Mini App initData), the Mini App routes.
 * `afterWrite` sends the notices a Mini App request queued (e.g. a proposal card).
 */
export function buildApiApp(config: Config, deps: BotDeps, afterWrite?: () => void): Hono {
  registerMatchingMetrics(deps.metrics, deps.db);
  registerTipMetrics(deps.metrics, deps.db);
  registerRecommendationMetrics(deps.metrics, deps.db);
  registerEventMetrics(deps.metrics, deps.db);
  const routes: ApiRoutes[] = [];
  const onRedisFailure = (reason: "timeout" | "error") =>
    deps.metrics.inc("ratelimit_redis_failures_total", { reason });
  if (config.telegram.token) {
    // The Russian texts (invoice, chart), read once on first use by either route group.
    const texts = once(async () => translatorFor(await loadI18n()));
    routes.push({
      path: "/",
      app: buildMiniAppApi({
        db: deps.db,
        botToken: config.telegram.token,
        clock: deps.clock,
        // Defaults: 30 a minute per Telegram user (far above what a person taps), 120 a
        // minute per address. Open when Redis fails: the Mini App's matching takes no money.
        rateLimiter: createRateLimiter(config, {
          ...config.rateLimits.apiUser,
          clock: deps.clock,
          prefix: "match-api",
          onRedisFailure,
        }),
        ipRateLimiter: createRateLimiter(config, {
          ...config.rateLimits.apiIp,
          clock: deps.clock,
          prefix: "match-api-ip",
          onRedisFailure,
        }),
        metrics: deps.metrics,
        afterWrite,
        coach: deps.coach,
        embedder: deps.embedder,
        moderator: deps.moderator,
        logger: deps.logger,
        texts,
        diary: {
          analyzer: deps.moodAnalyzer ?? createLexiconAnalyzer(),
          embedder: deps.embedder,
          aiAnalyzer: deps.aiMoodAnalyzer,
          texts,
        },
        tips: {
          api: createTelegramApi({
            token: config.telegram.token,
            apiRoot: config.telegram.apiRoot,
          }),
          texts,
          metrics: deps.metrics,
        },
        // The video room (/calls): signalling is chattier than a person's taps, so it has its
        // own per-user limits; the root still checks initData and the person, and documents it.
        calls: buildCallRoutes(config, deps, {
          botToken: config.telegram.token,
          texts,
          afterWrite,
        }),
      }),
    });
  }
  return createApiApp(
    {
      db: deps.db,
      metrics: deps.metrics,
      logger: deps.logger,
      metricsToken: config.metricsToken,
      texts: once(async () => translatorFor(await loadI18n())),
    },
    routes,
  );
}

/** Runs `load` on the first call only; later calls share its promise. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => (loaded ??= load());
}
