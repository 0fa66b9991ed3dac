import type { Config } from "../config.ts";
import type { BotDeps } from "../bot/deps.ts";
import type { Db } from "../db/db.ts";
import { createEmbedder } from "../embedding/create_embedder.ts";
import { createPrometheusMetrics } from "../metrics/prometheus.ts";
import { systemClock } from "../platform/clock.ts";
import { createJsonLogger } from "../platform/logger.ts";
import { createRateLimiter } from "../platform/rate_limiter.ts";
import type { Metrics } from "../metrics/metrics.ts";
import type { Clock } from "../platform/clock.ts";
import { type BotRateLimits, createBotRateLimits } from "../safety/rate_limits.ts";
import { createOfflineModerator, type TextModerator } from "../safety/text_moderator.ts";
import { createOpenAiModerator } from "../safety/openai_moderator.ts";

/** The production set of dependencies around a database; entry points differ only in the Db. */
export function buildDeps(config: Config, db: Db): BotDeps {
  const metrics = createPrometheusMetrics();
  return {
    db,
    embedder: createEmbedder(config),
    clock: systemClock,
    logger: createJsonLogger(),
    metrics,
    logSalt: config.logSalt,
    leases: config.leases,
    rateLimits: buildBotRateLimits(config, systemClock, metrics),
    moderator: buildModerator(config, metrics),
    moderationChatId: config.moderationChatId,
    paymentsSupportContact: config.paymentsSupportContact,
  };
}

/** The offline lists, plus OpenAI's moderation endpoint when a key is set (and not turned off). */
function buildModerator(config: Config, metrics: Metrics): TextModerator {
  const offline = createOfflineModerator();
  const llm = config.openai?.moderation;
  if (!config.openai || !llm) return offline;
  return createOpenAiModerator({
    apiKey: config.openai.apiKey,
    baseUrl: config.openai.baseUrl,
    model: llm.model,
    timeoutMs: llm.timeoutMs,
    offline,
    metrics,
  });
}

/** The bot's limits. They fail open: a chat should not stop because Redis did. */
function buildBotRateLimits(config: Config, clock: Clock, metrics: Metrics): BotRateLimits {
  const onRedisFailure = (reason: "timeout" | "error") =>
    metrics.inc("ratelimit_redis_failures_total", { reason });
  return createBotRateLimits({
    metrics,
    limiter: (name, use) =>
      createRateLimiter(config, {
        limit: use === "notices" ? 1 : config.rateLimits[name].limit,
        windowSeconds: config.rateLimits[name].windowSeconds,
        clock,
        prefix: use === "notices" ? `rl-notice-${name}` : `rl-${name}`,
        onFailure: "open",
        onRedisFailure,
      }),
  });
}
