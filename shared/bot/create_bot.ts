import { Bot, type Middleware } from "grammy";
import type { Update, UserFromGetMe } from "grammy/types";
import { sequentialize } from "@grammyjs/runner";
import type { BotContext } from "./context.ts";
import type { BotDeps } from "./deps.ts";
import { loadI18n } from "./texts.ts";
import { installTelegramTransformers } from "./telegram_client.ts";
import { privateChatsOnly } from "./private_only.ts";
import { createUnhandledFeature } from "./unhandled.ts";
import { createSafetyFeature } from "../safety/safety_feature.ts";
import { createProfileFeature } from "../profile/profile_feature.ts";
import { createMatchingFeature } from "../matching/matching_feature.ts";
import { createChatFeature } from "../chat/chat_feature.ts";
import { createDispatcher } from "../notifications/dispatcher.ts";
import { dispatchAfterUpdate } from "../notifications/after_update.ts";
import { translatorFor } from "../notifications/translate.ts";

/** The update kinds the bot asks Telegram for (polling and webhook alike). */
export const ALLOWED_UPDATES = [
  "message",
  "edited_message",
  "callback_query",
  "my_chat_member",
] as const;

export interface BotOptions {
  token: string;
  apiRoot: string;
  /** Given in tests and on Edge (saves a getMe per cold start); fetched by `bot.init()` otherwise. */
  botInfo?: UserFromGetMe;
  /** Pace calls to Telegram's limits (default). Off only in benchmarks of the handler itself. */
  paceRequests?: boolean;
}

/** Builds the bot: idempotency -> error boundary -> i18n -> private only -> features -> unhandled. */
export async function createBot(options: BotOptions, deps: BotDeps): Promise<Bot<BotContext>> {
  const bot = new Bot<BotContext>(options.token, {
    botInfo: options.botInfo,
    client: { apiRoot: options.apiRoot },
  });
  installTelegramTransformers(bot.api, { pace: options.paceRequests });

  const i18n = await loadI18n();
  // Updates of one chat are handled in order even when they arrive concurrently.
  bot.use(sequentialize((ctx) => ctx.chat?.id.toString()));
  // Updates the error boundary caught: counted as errors though no error escapes it.
  const failedUpdates = new WeakSet<Update>();
  bot.use(skipRepeatedUpdates(deps, failedUpdates));
  // Sends what the update queued in the outbox (proposal cards, chat notices) once it is handled.
  const dispatcher = createDispatcher({ ...deps, api: bot.api, t: translatorFor(i18n) });
  bot.use(dispatchAfterUpdate(dispatcher, deps));
  bot.errorBoundary(
    (error) => {
      failedUpdates.add(error.ctx.update);
      return recordFailure(error.ctx, error.error, deps);
    },
    i18n,
    privateChatsOnly(),
    createSafetyFeature(deps),
    createProfileFeature(deps),
    createMatchingFeature(deps),
    // After onboarding (which takes its own answers first), before unhandled: relays while a
    // chat is active and passes everything else on.
    createChatFeature(deps),
    createUnhandledFeature(),
  );
  return bot;
}

/** Telegram re-sends an update it thinks was lost; the second copy must have no effect. */
function skipRepeatedUpdates(
  deps: BotDeps,
  failedUpdates: WeakSet<Update>,
): Middleware<BotContext> {
  return async (ctx, next) => {
    const started = performance.now();
    const isNew = await deps.db.call<boolean>("record_update", {
      p_update_id: ctx.update.update_id,
    });
    if (!isNew) {
      deps.metrics.updateHandled("duplicate", (performance.now() - started) / 1000);
      return;
    }
    let escaped = false;
    try {
      await next();
    } catch (error) {
      escaped = true;
      throw error;
    } finally {
      const outcome = escaped || failedUpdates.has(ctx.update) ? "error" : "ok";
      deps.metrics.updateHandled(outcome, (performance.now() - started) / 1000);
    }
  };
}

/** Logs without personal data, stores the update for replay and tells the user politely. */
async function recordFailure(ctx: BotContext, error: unknown, deps: BotDeps): Promise<void> {
  const errorName = describeError(error);
  deps.logger.error("update_failed", { update_id: ctx.update.update_id, error: errorName });
  await deps.db.call("record_failed_update", {
    p_update_id: ctx.update.update_id,
    p_payload: ctx.update,
    p_tg_user_id: ctx.from?.id ?? null,
    p_error_name: errorName,
  });
  if (ctx.chat?.type === "private" && typeof ctx.t === "function") {
    await ctx.reply(ctx.t("common-error")).catch(() => {});
  }
}

/** An error's class and message with long digit runs masked, so no id slips into logs. */
export function describeError(error: unknown): string {
  const name = error instanceof Error ? error.name : typeof error;
  const message = error instanceof Error ? error.message : String(error);
  return `${name}: ${message}`.replace(/\d{5,}/g, "#").slice(0, 200);
}
