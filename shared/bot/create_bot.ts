import { Bot, Composer, type Middleware } from "grammy";
import type { Update, UserFromGetMe } from "grammy/types";
import { sequentialize } from "@grammyjs/runner";
import type { BotContext } from "./context.ts";
import type { BotDeps } from "./deps.ts";
import { loadI18n } from "./texts.ts";
import { installTelegramTransformers } from "./telegram_client.ts";
import { normalizeIncomingText } from "./normalize_input.ts";
import { privateChatsOnly } from "./private_only.ts";
import { createUnhandledFeature } from "./unhandled.ts";
import { createSafetyFeature } from "../safety/safety_feature.ts";
import { createModerationChatFeature } from "../safety/moderation_chat.ts";
import { createProfileFeature } from "../profile/profile_feature.ts";
import { createMatchingFeature } from "../matching/matching_feature.ts";
import { createChatFeature } from "../chat/chat_feature.ts";
import { createCoachFeature } from "../coach/coach_feature.ts";
import { createDiaryFeature } from "../diary/diary_feature.ts";
import { createEventsFeature } from "../events/events_feature.ts";
import { createEventDraftFeature } from "../events/event_draft.ts";
import { createRecommendFeature } from "../recommend/recommend_feature.ts";
import { createCheckoutFeature, createPaymentsFeature } from "../payments/payments_feature.ts";
import { createMiniAppFeature } from "../miniapp/bot_feature.ts";
import { createDispatcher } from "../notifications/dispatcher.ts";
import { dispatchAfterUpdate } from "../notifications/after_update.ts";
import { translatorFor } from "../notifications/translate.ts";
import { recordEffects } from "../updates/effects.ts";
import { llmPrivacyScope } from "../llm/people.ts";

/** The update kinds the bot asks Telegram for (polling and webhook alike). */
export const ALLOWED_UPDATES = [
  "message",
  "edited_message",
  "callback_query",
  "my_chat_member",
  // Without it a Stars payment waits for an answer that never comes and fails after 10 s.
  "pre_checkout_query",
] as const;

export interface BotOptions {
  token: string;
  apiRoot: string;
  /** Given in tests and on Edge (saves a getMe per cold start); fetched by `bot.init()` otherwise. */
  botInfo?: UserFromGetMe;
  /** Pace calls to Telegram's limits (default). Off only in benchmarks of the handler itself. */
  paceRequests?: boolean;
}

/** The failure could not be stored for replay: the update stays in the inbox instead. */
export class FailureNotRecorded extends Error {
  override name = "FailureNotRecorded";
}

/**
 * Builds the bot: order -> outbox dispatch -> metrics -> effects (recorded with the update's
 * completion) -> text normalisation -> the privacy scope of model calls -> error boundary -> i18n
 * -> moderators' group -> private only -> features -> unhandled. Updates reach it from the inbox
 * worker (see shared/updates/).
 */
export async function createBot(options: BotOptions, deps: BotDeps): Promise<Bot<BotContext>> {
  const bot = new Bot<BotContext>(options.token, {
    botInfo: options.botInfo,
    client: { apiRoot: options.apiRoot },
  });
  installTelegramTransformers(bot.api, { pace: options.paceRequests });

  const i18n = await loadI18n();
  // Updates of one chat are handled in order even when they arrive concurrently.
  bot.use(sequentialize((ctx) => ctx.chat?.id.toString()));
  // Sends what the update queued in the outbox once it is recorded.
  const dispatcher = createDispatcher({
    ...deps,
    api: bot.api,
    t: translatorFor(i18n),
    leaseSeconds: deps.leases?.outboxSeconds,
  });
  bot.use(dispatchAfterUpdate(dispatcher, deps));
  // Updates the error boundary caught: counted as errors though no error escapes it.
  const failedUpdates = new WeakSet<Update>();
  bot.use(measureUpdates(deps, failedUpdates));
  bot.use(recordEffects(deps.db));
  bot.use(normalizeIncomingText());
  // Model calls made for this update know the sender's names and the chat's pseudonyms.
  bot.use(llmPrivacyScope(deps.db));
  bot.errorBoundary(
    async (error) => {
      failedUpdates.add(error.ctx.update);
      // Nothing half-done goes out: only the apology below.
      error.ctx.effects?.discard();
      await recordFailure(error.ctx, error.error, deps);
    },
    i18n,
    // The moderators' group (if set) before the private-only rule, which would leave it.
    createModerationChatFeature(deps),
    // Answered before anything else can delay it; a pre-checkout query has no chat.
    createCheckoutFeature(deps),
    privateChatsOnly(),
    createMembershipFeature(deps),
    createSafetyFeature(deps),
    createProfileFeature(deps),
    createMatchingFeature(deps),
    // Before the chat: a payment or a typed tip amount is not relayed to the partner.
    createPaymentsFeature(deps),
    // Before the chat: keeps the coach's context and puts its button under the copy.
    createCoachFeature(deps, bot.api),
    // Before the chat: /similar during a chat is answered, not relayed.
    createRecommendFeature(deps),
    // Before the chat: /events and its buttons are answered, not relayed.
    createEventsFeature(deps),
    // Before the chat: /app is answered, not relayed.
    createMiniAppFeature(deps),
    // After onboarding (which takes its own answers first), before unhandled: relays while a
    // chat is active and passes everything else on.
    createChatFeature(deps),
    // After the chat (in a chat, what one writes goes to the partner): /newevent's answers, then
    // writing mode's entries.
    createEventDraftFeature(deps),
    createDiaryFeature(deps),
    createUnhandledFeature(),
  );
  return bot;
}

/** Counts each update's outcome and handling time. */
function measureUpdates(deps: BotDeps, failedUpdates: WeakSet<Update>): Middleware<BotContext> {
  return async (ctx, next) => {
    const started = performance.now();
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

/**
 * A user who blocks the bot ("kicked") leaves the queue, their proposal or chat ends (the
 * partner is told) and nothing more is sent to them; writing again brings them back.
 */
function createMembershipFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.chatType("private").on("my_chat_member", async (ctx) => {
    if (ctx.myChatMember.new_chat_member.status !== "kicked") return;
    await deps.db.call("user_blocked_bot", { p_tg_id: ctx.from.id });
    deps.metrics.inc("bot_blocked_total");
  });
  return composer;
}

/**
 * Logs without personal data, stores the update for replay and tells the user politely. When
 * the update cannot be stored, it must not be lost: FailureNotRecorded leaves it in the inbox.
 */
async function recordFailure(ctx: BotContext, error: unknown, deps: BotDeps): Promise<void> {
  const errorName = describeError(error);
  deps.logger.error("update_failed", { update_id: ctx.update.update_id, error: errorName });
  try {
    await deps.db.call("record_failed_update", {
      p_update_id: ctx.update.update_id,
      p_payload: ctx.update,
      p_tg_user_id: ctx.from?.id ?? null,
      p_error_name: errorName,
    });
  } catch (storeError) {
    deps.logger.error("failed_update_not_stored", { error: describeError(storeError) });
    throw new FailureNotRecorded("the failed update stays in the inbox");
  }
  if (ctx.chat?.type === "private" && typeof ctx.t === "function") {
    await ctx.reply(ctx.t("common-error")).catch(() => {});
  }
}

/**
 * An error's class and message with long digit runs and quoted values masked, so no id or
 * user text (Postgres quotes the offending input) slips into logs.
 */
export function describeError(error: unknown): string {
  const name = error instanceof Error ? error.name : typeof error;
  const message = error instanceof Error ? error.message : String(error);
  return `${name}: ${message}`
    .replace(/"[^"]*"?/g, '"…"')
    .replace(/\d{5,}/g, "#")
    .slice(0, 200);
}
