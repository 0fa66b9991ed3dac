import type { Config } from "../config.ts";
import type { BotDeps } from "../bot/deps.ts";
import type { Translate } from "../notifications/translate.ts";
import { createTelegramApi } from "../notifications/telegram_api.ts";
import { createRateLimiter } from "../platform/rate_limiter.ts";
import { sendReportCard } from "../safety/moderation_chat.ts";
import { callRoutes } from "./api.ts";

/**
 * The video room's routes as the `api` function serves them: signalling limited per user by
 * RATE_LIMIT_CALL_SIGNAL, starting a search by RATE_LIMIT_FIND (as /find), TURN from
 * TURN_URLS/TURN_SECRET, and a report from a call posted to the moderators' group.
 */
export function buildCallRoutes(
  config: Config,
  deps: BotDeps,
  options: { botToken: string; texts: () => Promise<Translate>; afterWrite?: () => void },
) {
  const { botToken, texts, afterWrite } = options;
  const onRedisFailure = (reason: "timeout" | "error") =>
    deps.metrics.inc("ratelimit_redis_failures_total", { reason });
  const api = config.moderationChatId === undefined
    ? undefined
    : createTelegramApi({ token: botToken, apiRoot: config.telegram.apiRoot });
  return callRoutes({
    db: deps.db,
    botToken,
    clock: deps.clock,
    turn: config.turn,
    signalLimiter: createRateLimiter(config, {
      ...config.rateLimits.callSignal,
      clock: deps.clock,
      prefix: "call-signal",
      onRedisFailure,
    }),
    searchLimiter: createRateLimiter(config, {
      ...config.rateLimits.find,
      clock: deps.clock,
      prefix: "call-search",
      onRedisFailure,
    }),
    texts,
    afterWrite,
    metrics: deps.metrics,
    onReport: api
      ? async (matchId, tgId) =>
        await sendReportCard(
          api,
          await texts(),
          {
            db: deps.db,
            metrics: deps.metrics,
            moderationChatId: config.moderationChatId,
          },
          matchId,
          tgId,
        )
      : undefined,
  });
}
