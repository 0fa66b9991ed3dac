import type { BotContext } from "../bot/context.ts";
import type { Metrics } from "../metrics/metrics.ts";
import type { RateLimiter } from "../platform/rate_limiter.ts";

/** What a person can do too often: relayed messages, searches (/find, /next), reports, answers. */
export const BOT_LIMITS = ["relay", "find", "report", "onboarding"] as const;
export type BotLimitName = typeof BOT_LIMITS[number];

export interface BotRateLimits {
  /**
   * Counts one action of this user. Over the limit: false, the `<name>_ratelimited_total` counter
   * goes up, and the user is told once per window (the rest of a burst is dropped quietly).
   */
  allow(ctx: BotContext, name: BotLimitName): Promise<boolean>;
}

export interface BotRateLimitDeps {
  /**
   * The limiter for one action, keyed by Telegram user id: for "actions" the action's own limit;
   * for "notices" one per the same window, so a user is told once per burst.
   */
  limiter(name: BotLimitName, use: "actions" | "notices"): RateLimiter;
  metrics: Metrics;
}

export function createBotRateLimits(deps: BotRateLimitDeps): BotRateLimits {
  const build = (use: "actions" | "notices") =>
    Object.fromEntries(BOT_LIMITS.map((name) => [name, deps.limiter(name, use)])) as Record<
      BotLimitName,
      RateLimiter
    >;
  // Created once: Upstash's cache of refused keys lives in the limiter.
  const limiters = build("actions");
  const notices = build("notices");
  return {
    async allow(ctx, name) {
      const userId = ctx.from?.id;
      if (userId === undefined) return true;
      const decision = await limiters[name].limit(`${name}:${userId}`);
      if (decision.allowed) return true;
      deps.metrics.inc(`${name}_ratelimited_total`);
      const notice = await notices[name].limit(`${name}-notice:${userId}`);
      if (notice.allowed) {
        const text = ctx.t(`ratelimit-${name}`, { seconds: decision.retryAfterSeconds });
        if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text });
        else await ctx.reply(text);
      } else if (ctx.callbackQuery) {
        await ctx.answerCallbackQuery();
      }
      return false;
    },
  };
}

/** True when this action is over its limit (the user has been told); false without limits. */
export async function overLimit(
  limits: BotRateLimits | undefined,
  ctx: BotContext,
  name: BotLimitName,
): Promise<boolean> {
  return limits ? !(await limits.allow(ctx, name)) : false;
}
