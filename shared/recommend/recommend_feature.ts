import { Composer } from "grammy";
import type { BotContext } from "../bot/context.ts";
import type { BotDeps } from "../bot/deps.ts";
import { overLimit } from "../safety/rate_limits.ts";
import { restrictionReply } from "../safety/sanctions.ts";
import { parseRecommendCallback } from "./callbacks.ts";
import type {
  PersonCard,
  RecommendRefusal,
  SimilarPeopleResult,
  TakePersonResult,
  TakeTopicResult,
  TopicSuggestionsResult,
} from "./contract.ts";
import {
  diaryMatchingOnKeyboard,
  personCardKeyboard,
  topicSuggestionsKeyboard,
} from "./keyboards.ts";

/**
 * Recommendations: /similar shows up to three people whose diary portrait is close to the
 * user's (only people who allowed it, anonymously: pseudonym, topics both chose, one word for
 * how close), each with «Предложить разговор», which makes an ordinary proposal card for both;
 * then topics the user writes about but has not chosen, each a button that adds it. Without
 * "use my diary to find people" it explains what that means and offers to switch it on. Every
 * rule and state change is in SQL; a stale or forged button changes nothing.
 *
 * Sits before the chat feature: /similar during a chat is answered (it waits for the chat to
 * end) instead of being relayed.
 */
export function createRecommendFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const feature = composer.chatType("private");

  feature.command("similar", async (ctx) => {
    if (await overLimit(deps.rateLimits, ctx, "find")) return;
    await showSimilar(ctx, deps);
  });

  feature.callbackQuery(/^r:/, async (ctx) => {
    const data = parseRecommendCallback(ctx.callbackQuery.data);
    if (!data) {
      await ctx.answerCallbackQuery({ text: ctx.t("recommend-callback-invalid") });
      return;
    }
    const tgId = ctx.from.id;
    switch (data.action) {
      case "diary_matching_on": {
        const result = await deps.db.call<{ status: string }>("set_diary_matching", {
          p_tg_id: tgId,
          p_on: true,
        });
        if (result.status !== "ok") {
          await ctx.answerCallbackQuery({ text: ctx.t("recommend-profile-incomplete") });
          return;
        }
        await ctx.answerCallbackQuery();
        await ctx.editMessageText(ctx.t("recommend-turned-on")).catch(() => {});
        await showSimilar(ctx, deps);
        return;
      }
      case "take_person": {
        if (await overLimit(deps.rateLimits, ctx, "find")) return;
        const result = await deps.db.call<TakePersonResult>("take_person_recommendation", {
          p_tg_id: tgId,
          p_rec_id: data.recId,
        });
        if (result.status === "proposed") {
          // The proposal card itself goes to both through the outbox, after this update.
          await ctx.answerCallbackQuery();
          await appendOutcome(ctx, ctx.t("recommend-proposed"));
          return;
        }
        await ctx.answerCallbackQuery({ text: takeRefusalText(ctx, deps, result).slice(0, 200) });
        return;
      }
      case "take_topic": {
        const result = await deps.db.call<TakeTopicResult>("take_topic_recommendation", {
          p_tg_id: tgId,
          p_rec_id: data.recId,
        });
        if (result.status === "added" || result.status === "already_chosen") {
          await ctx.answerCallbackQuery({
            text: ctx.t(
              result.status === "added" ? "recommend-topic-added" : "recommend-topic-already",
              { title: result.title },
            ),
          });
          await dropButton(ctx, ctx.callbackQuery.data);
          return;
        }
        await ctx.answerCallbackQuery({ text: topicRefusalText(ctx, result.status) });
        return;
      }
    }
  });

  return composer;
}

/** The cards, or why there are none; then the topic suggestions, if any. */
async function showSimilar(ctx: BotContext, deps: BotDeps): Promise<void> {
  const tgId = ctx.from!.id;
  const result = await deps.db.call<SimilarPeopleResult>("similar_people", { p_tg_id: tgId });
  if (result.status === "diary_matching_off") {
    await ctx.reply(ctx.t("recommend-off"), { reply_markup: diaryMatchingOnKeyboard(ctx.t) });
    return;
  }
  if (result.status !== "ok") {
    // No topic suggestions either: nothing else fits a chat or a pending proposal, and without
    // a portrait there is nothing to suggest.
    await ctx.reply(refusalText(ctx, deps, result));
    return;
  }
  if (result.people.length === 0) {
    await ctx.reply(ctx.t("recommend-nobody"));
  } else {
    await ctx.reply(ctx.t("recommend-intro"));
    for (const card of result.people) {
      await ctx.reply(cardText(ctx, card), { reply_markup: personCardKeyboard(ctx.t, card.id) });
    }
  }
  const topics = await deps.db.call<TopicSuggestionsResult>("topic_recommendations", {
    p_tg_id: tgId,
  });
  if (topics.status === "ok" && topics.topics.length > 0) {
    await ctx.reply(ctx.t("recommend-topics-intro"), {
      reply_markup: topicSuggestionsKeyboard(ctx.t, topics.topics),
    });
  }
}

function cardText(ctx: BotContext, card: PersonCard): string {
  const lines = [ctx.t("recommend-card", { pseudonym: card.pseudonym, closeness: card.closeness })];
  lines.push(
    card.shared_topics.length > 0
      ? ctx.t("recommend-card-topics", { topics: card.shared_topics.join(", ") })
      : ctx.t("recommend-card-no-topics"),
  );
  return lines.join("\n");
}

function refusalText(
  ctx: BotContext,
  deps: BotDeps,
  result: RecommendRefusal,
): string {
  switch (result.status) {
    case "restricted":
      return restrictionReply(ctx.t, result, deps.clock.now());
    case "profile_incomplete":
      return ctx.t("recommend-profile-incomplete");
    case "already_in_chat":
      return ctx.t("recommend-in-chat");
    case "proposal_pending":
      return ctx.t("recommend-proposal-pending");
    case "diary_matching_off":
      return ctx.t("recommend-off");
    case "no_portrait":
      return ctx.t("recommend-no-portrait");
  }
}

function takeRefusalText(
  ctx: BotContext,
  deps: BotDeps,
  result: Exclude<TakePersonResult, { status: "proposed" }>,
): string {
  switch (result.status) {
    case "not_found":
      return ctx.t("recommend-callback-invalid");
    case "stale":
      return ctx.t("recommend-stale");
    case "already_taken":
      return ctx.t("recommend-already-taken");
    case "unavailable":
      return ctx.t("recommend-unavailable");
    case "diary_matching_off":
      return ctx.t("recommend-off-short");
    default:
      return refusalText(ctx, deps, result);
  }
}

function topicRefusalText(
  ctx: BotContext,
  status: Exclude<TakeTopicResult["status"], "added" | "already_chosen">,
): string {
  switch (status) {
    case "not_found":
      return ctx.t("recommend-callback-invalid");
    case "stale":
      return ctx.t("recommend-stale");
    case "already_taken":
      return ctx.t("recommend-topic-already-taken");
    case "profile_incomplete":
      return ctx.t("recommend-profile-incomplete");
    case "diary_matching_off":
      return ctx.t("recommend-off-short");
    case "topics_full":
      return ctx.t("recommend-topics-full");
  }
}

/** Keeps the card, removes its button and adds the outcome below it. */
async function appendOutcome(ctx: BotContext, outcome: string): Promise<void> {
  const card = ctx.callbackQuery?.message && "text" in ctx.callbackQuery.message
    ? ctx.callbackQuery.message.text
    : undefined;
  const text = card ? `${card}\n\n${outcome}` : outcome;
  // An old card may not be editable any more; the outcome is then simply sent.
  try {
    await ctx.editMessageText(text.slice(0, 4096));
  } catch {
    await ctx.reply(outcome);
  }
}

/** Removes the tapped button from the message's keyboard (the other suggestions stay). */
async function dropButton(ctx: BotContext, data: string | undefined): Promise<void> {
  const message = ctx.callbackQuery?.message;
  const rows = message && "reply_markup" in message
    ? message.reply_markup?.inline_keyboard ?? []
    : [];
  const kept = rows
    .map((row) =>
      row.filter((button) => !("callback_data" in button) || button.callback_data !== data)
    )
    .filter((row) => row.length > 0);
  await ctx.editMessageReplyMarkup({ reply_markup: { inline_keyboard: kept } }).catch(() => {});
}
