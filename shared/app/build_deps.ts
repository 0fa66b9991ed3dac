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
import { BOT_LIMITS, type BotRateLimits, createBotRateLimits } from "../safety/rate_limits.ts";

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
  };
}

/**
 * The bot's limits, created once per process (Upstash's cache of refused keys lives in the
 * limiter). They fail open: a chat should not stop because Redis did.
 */
function buildBotRateLimits(config: Config, clock: Clock, metrics: Metrics): BotRateLimits {
  const onRedisFailure = (reason: "timeout" | "error") =>
    metrics.inc("ratelimit_redis_failures_total", { reason });
  const limiter = (name: typeof BOT_LIMITS[number], notice: boolean) =>
    createRateLimiter(config, {
      limit: notice ? 1 : config.rateLimits[name].limit,
      windowSeconds: config.rateLimits[name].windowSeconds,
      clock,
      prefix: notice ? `rl-notice-${name}` : `rl-${name}`,
      onFailure: "open",
      onRedisFailure,
    });
  const all = (notice: boolean) =>
    Object.fromEntries(BOT_LIMITS.map((name) => [name, limiter(name, notice)])) as Record<
      typeof BOT_LIMITS[number],
      ReturnType<typeof limiter>
    >;
  return createBotRateLimits({ limiters: all(false), notices: all(true), metrics });
}
