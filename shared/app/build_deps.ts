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
import type { Logger } from "../platform/logger.ts";
import type { Coach } from "../coach/coach.ts";
import { createRuleCoach, ruleCoachName } from "../coach/rule_coach.ts";
import { createOpenAiCoach } from "../coach/openai_coach.ts";
import { createHintService } from "../coach/hint_service.ts";
import { createOpenAiHintModerator } from "../coach/hint_guard.ts";
import { createMemoryContextStore, createRedisContextStore } from "../coach/context_store.ts";
import { loadI18n } from "../bot/texts.ts";
import { createOpenAiAnalyzer } from "../diary/openai_analyzer.ts";
import { createLexiconAnalyzer } from "../diary/lexicon_analyzer.ts";
import { translatorFor } from "../notifications/translate.ts";
import { createLlmGate, type LlmGate } from "../llm/gate.ts";

/** The production set of dependencies around a database; entry points differ only in the Db. */
export function buildDeps(config: Config, db: Db): BotDeps {
  const metrics = createPrometheusMetrics();
  const logger = createJsonLogger();
  // Every model call goes through this one gate (shared/llm/gate.ts), which anonymises it.
  const gate = config.openai
    ? createLlmGate({ apiKey: config.openai.apiKey, baseUrl: config.openai.baseUrl })
    : undefined;
  return {
    db,
    embedder: createEmbedder(config, gate),
    clock: systemClock,
    logger,
    metrics,
    logSalt: config.logSalt,
    leases: config.leases,
    rateLimits: buildBotRateLimits(config, systemClock, metrics),
    moderator: buildModerator(config, metrics, gate),
    moderationChatId: config.moderationChatId,
    paymentsSupportContact: config.paymentsSupportContact,
    miniAppUrl: config.telegram.miniAppUrl,
    aiMoodAnalyzer: config.diaryLlm && gate
      ? createOpenAiAnalyzer({
        gate,
        model: config.diaryLlm.model,
        timeoutMs: config.diaryLlm.timeoutMs,
        fallback: createLexiconAnalyzer(),
      })
      : undefined,
    coach: config.coach.rolloutPercent > 0
      ? buildHintService(config, db, metrics, logger, gate)
      : undefined,
  };
}

/** The coach: the model when configured, the Russian rules as its fallback (and alone). */
function buildHintService(
  config: Config,
  db: Db,
  metrics: Metrics,
  logger: Logger,
  gate: LlmGate | undefined,
) {
  let rules: Promise<Coach> | undefined;
  // The rules' texts load on first use: building deps stays synchronous.
  const fallback: Coach = {
    name: ruleCoachName,
    hints: async (request, signal) =>
      (await (rules ??= loadI18n().then((i18n) => createRuleCoach(translatorFor(i18n)))))
        .hints(request, signal),
  };
  const llm = config.coach.llm;
  const coach = llm && gate
    ? createOpenAiCoach({
      gate,
      model: llm.model,
      timeoutMs: llm.timeoutMs,
    })
    : fallback;
  // A model's hints go through the moderation endpoint before they are shown (fails closed).
  const moderation = config.openai?.moderation;
  const moderator = llm && gate && moderation
    ? createOpenAiHintModerator({ gate, model: moderation.model, timeoutMs: moderation.timeoutMs })
    : undefined;
  return createHintService({
    db,
    coach,
    fallback,
    ...(moderator ? { moderator } : {}),
    metrics,
    logger,
    rolloutPercent: config.coach.rolloutPercent,
    timeoutMs: (llm?.timeoutMs ?? 4000) + 500,
    // Redis when configured: the webhook's and the API's instances share the context.
    store: config.upstash
      ? createRedisContextStore({
        ...config.upstash,
        lines: config.coach.contextMessages,
        ttlSeconds: config.coach.contextTtlSeconds,
      })
      : createMemoryContextStore({
        lines: config.coach.contextMessages,
        ttlSeconds: config.coach.contextTtlSeconds,
        clock: systemClock,
      }),
  });
}

/** The offline lists, plus OpenAI's moderation endpoint when a key is set (and not turned off). */
function buildModerator(
  config: Config,
  metrics: Metrics,
  gate: LlmGate | undefined,
): TextModerator {
  const offline = createOfflineModerator();
  const llm = config.openai?.moderation;
  if (!gate || !llm) return offline;
  return createOpenAiModerator({
    gate,
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
