import { Composer } from "grammy";
import type { BotContext } from "../bot/context.ts";
import type { BotDeps } from "../bot/deps.ts";
import { parseMatchingCallback } from "./callbacks.ts";
import type { CancelSearchResult, FindPartnerResult, RespondResult } from "./contract.ts";
import { findResultReply } from "./find_reply.ts";
import { findKeyboard } from "./keyboards.ts";
import { overLimit } from "../safety/rate_limits.ts";

/**
 * Search and consent: /find (and the «Найти собеседника» button) queues the user and tries to
 * pair at once; /cancel leaves the queue; «Принять» / «Пропустить» answer a proposal card.
 * All state changes happen in SQL; this only talks to Telegram.
 */
export function createMatchingFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const feature = composer.chatType("private");

  async function find(ctx: BotContext): Promise<void> {
    const result = await deps.db.call<FindPartnerResult>("find_partner", {
      p_tg_id: ctx.from!.id,
    });
    if (result.status === "proposed") deps.metrics.inc("proposals_total");
    const reply = findResultReply(ctx.t, result, deps.clock.now());
    await ctx.reply(reply.text, reply.keyboard ? { reply_markup: reply.keyboard } : {});
  }

  async function cancel(ctx: BotContext): Promise<void> {
    const result = await deps.db.call<CancelSearchResult>("cancel_search", {
      p_tg_id: ctx.from!.id,
    });
    await ctx.reply(
      ctx.t(result.status === "cancelled" ? "matching-cancelled" : "matching-not-searching"),
    );
  }

  feature.command("find", async (ctx) => {
    if (await overLimit(deps.rateLimits, ctx, "find")) return;
    await find(ctx);
  });
  feature.command("cancel", cancel);

  feature.callbackQuery(/^m:/, async (ctx) => {
    const data = parseMatchingCallback(ctx.callbackQuery.data);
    if (!data) {
      await ctx.answerCallbackQuery({ text: ctx.t("matching-callback-invalid") });
      return;
    }
    if (data.action === "find") {
      if (await overLimit(deps.rateLimits, ctx, "find")) return;
      await ctx.answerCallbackQuery();
      await find(ctx);
      return;
    }
    if (data.action === "cancel") {
      await ctx.answerCallbackQuery();
      await cancel(ctx);
      return;
    }
    const result = await deps.db.call<RespondResult>("respond_to_proposal", {
      p_tg_id: ctx.from.id,
      p_match_id: data.matchId,
      p_accept: data.accept,
    });
    switch (result.status) {
      case "not_found":
        await ctx.answerCallbackQuery({ text: ctx.t("matching-callback-stale") });
        return;
      case "already_answered":
        await ctx.answerCallbackQuery({ text: ctx.t("matching-callback-already-answered") });
        return;
      case "expired":
        await ctx.answerCallbackQuery();
        await showOutcome(ctx, ctx.t("matching-outcome-expired"), true);
        return;
      case "waiting_for_partner":
      case "chat_started":
      case "declined": {
        deps.metrics.inc("proposal_responses_total", { answer: data.accept ? "accept" : "skip" });
        await ctx.answerCallbackQuery();
        const key = result.status === "waiting_for_partner"
          ? "matching-outcome-waiting"
          : result.status === "chat_started"
          ? "matching-outcome-started"
          : "matching-outcome-declined";
        await showOutcome(ctx, ctx.t(key), result.status === "declined");
        return;
      }
    }
  });

  return composer;
}

/** Keeps the card, removes its buttons and adds the outcome below it. */
async function showOutcome(ctx: BotContext, outcome: string, offerFind: boolean): Promise<void> {
  const card = ctx.callbackQuery?.message && "text" in ctx.callbackQuery.message
    ? ctx.callbackQuery.message.text
    : undefined;
  const text = card ? `${card}\n\n${outcome}` : outcome;
  // An old card may not be editable any more; the outcome is then simply sent.
  try {
    await ctx.editMessageText(text.slice(0, 4096), {
      ...(offerFind ? { reply_markup: findKeyboard(ctx.t) } : {}),
    });
  } catch {
    await ctx.reply(outcome, offerFind ? { reply_markup: findKeyboard(ctx.t) } : {});
  }
}
