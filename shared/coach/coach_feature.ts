import { type Api, Composer, InlineKeyboard } from "grammy";
import type { MessageEntity } from "grammy/types";
import type { BotContext } from "../bot/context.ts";
import type { BotDeps } from "../bot/deps.ts";
import type { Translate } from "../notifications/translate.ts";
import { loadSosCard } from "../safety/hotlines.ts";
import { sosText } from "../safety/safety_feature.ts";
import { coachCallbackData, parseCoachCallback } from "./callbacks.ts";
import type { HintOutcome } from "./hint_service.ts";

export type CoachFlavor = {
  /** Set by the coach for the relay: «💡 Подсказка» under the copy the partner receives. */
  coachKeyboard?: InlineKeyboard;
};

/**
 * The AI coach in the bot. While a chat of the rollout is active it keeps the (anonymised) last
 * messages for hints, puts «💡 Подсказка» under the copies an opted-in person receives, and
 * explains itself once to each person before they decide. A hint is computed after the button
 * is answered and arrives as a follow-up message only its reader sees; «Вставить» puts it into
 * their input field (`switch_inline_query_current_chat`), and the "@bot " Telegram puts in front
 * is taken off before the message is relayed. Sits before the chat feature.
 */
export function createCoachFeature(deps: BotDeps, botApi: Api): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const coach = deps.coach;
  if (!coach) return composer;
  const feature = composer.chatType("private");

  feature.command("coach", async (ctx) => {
    const state = await coach.stateOf(ctx.from.id);
    const on = state.opted_in === true;
    await ctx.reply(ctx.t(on ? "coach-enabled" : "coach-offer"), {
      reply_markup: new InlineKeyboard().text(
        ctx.t(on ? "coach-off-button" : "coach-on-button"),
        on ? coachCallbackData.off : coachCallbackData.on,
      ),
    });
  });

  feature.callbackQuery(/^k:/, async (ctx) => {
    const data = parseCoachCallback(ctx.callbackQuery.data);
    if (!data) {
      await ctx.answerCallbackQuery({ text: ctx.t("chat-callback-stale") });
      return;
    }
    if (data.action !== "hint") {
      const on = data.action === "on";
      await deps.db.call("set_coach_opt_in", { p_tg_id: ctx.from.id, p_on: on });
      deps.metrics.inc("coach_opt_in_total", { answer: on ? "on" : "off" });
      await ctx.answerCallbackQuery();
      await ctx.editMessageText(ctx.t(on ? "coach-enabled" : "coach-disabled")).catch(() => {});
      return;
    }
    // The button is answered at once; the hint follows when the coach has it.
    await ctx.answerCallbackQuery({ text: ctx.t("coach-thinking") });
    const tgId = ctx.from.id;
    const t = ctx.t.bind(ctx);
    const task = coach.hintsFor(tgId, { source: "bot" })
      .then((outcome) => sendOutcome(botApi, deps, t, tgId, outcome))
      .catch((error) =>
        deps.logger.warn("coach_hint_failed", {
          error: error instanceof Error ? error.name : typeof error,
        })
      );
    if (deps.waitUntil) deps.waitUntil(task);
    else await task;
  });

  feature.on("message:text", async (ctx, next) => {
    if (ctx.message.text.startsWith("/")) return next();
    const tgId = ctx.from.id;
    // "@bot " in front: the person sends a hint «Вставить» put into their input field.
    const prefix = `@${ctx.me.username} `;
    if (ctx.message.text.startsWith(prefix)) {
      stripPrefix(ctx.message, prefix.length);
      ctx.inputChanged = true;
      await coach.noticeSent(tgId, ctx.message.text);
    }
    const state = await coach.stateOf(tgId);
    if (coach.covers(state)) {
      await coach.remember(tgId, ctx.message.text, state);
      if (state.partner_opted_in === true && !state.suppressed) {
        ctx.coachKeyboard = new InlineKeyboard().text(
          ctx.t("coach-hint-button"),
          coachCallbackData.hint,
        );
      } else if (state.partner_opted_in == null && state.partner_tg_id) {
        const first = await deps.db.call<boolean>("offer_coach_once", {
          p_tg_id: state.partner_tg_id,
        });
        if (first) {
          await next();
          // After the copy: the partner reads the message first, then the offer.
          await ctx.api.sendMessage(state.partner_tg_id, ctx.t("coach-offer"), {
            reply_markup: offerKeyboard(ctx.t),
          });
          return;
        }
      }
    }
    await next();
  });

  return composer;
}

function offerKeyboard(t: Translate): InlineKeyboard {
  return new InlineKeyboard()
    .text(t("coach-on-button"), coachCallbackData.on)
    .text(t("coach-off-button"), coachCallbackData.off);
}

/** The follow-up message: hints with «Вставить», or why there are none. */
async function sendOutcome(
  api: Api,
  deps: BotDeps,
  t: BotContext["t"],
  tgId: number,
  outcome: HintOutcome,
): Promise<void> {
  if (outcome.status === "crisis") {
    const card = await loadSosCard(deps.db, tgId);
    await api.sendMessage(tgId, `${t("coach-crisis")}\n\n${sosText({ t }, card)}`);
    return;
  }
  if (outcome.status !== "ok") {
    const key = outcome.status === "no_chat"
      ? "coach-no-chat"
      : outcome.status === "not_opted_in"
      ? "coach-offer"
      : "coach-not-available";
    await api.sendMessage(tgId, t(key), {
      ...(outcome.status === "not_opted_in" ? { reply_markup: offerKeyboard(t) } : {}),
    });
    return;
  }
  if (outcome.hints.length === 0) {
    await api.sendMessage(tgId, t("coach-no-hints"));
    return;
  }
  const keyboard = new InlineKeyboard();
  outcome.hints.forEach((hint, index) => {
    keyboard.switchInlineCurrent(t("coach-insert-button", { n: index + 1 }), hint.text).row();
  });
  const lines = outcome.hints.map((hint, index) => `${index + 1}. ${hint.text}`);
  await api.sendMessage(tgId, [t("coach-hints-title"), "", ...lines].join("\n"), {
    reply_markup: keyboard,
  });
}

/** Removes the first `length` characters (the "@bot " prefix) and shifts the entities. */
function stripPrefix(message: { text?: string; entities?: MessageEntity[] }, length: number) {
  message.text = message.text!.slice(length);
  const kept = (message.entities ?? [])
    .filter((entity) => entity.offset >= length)
    .map((entity) => ({ ...entity, offset: entity.offset - length }));
  if (kept.length > 0) message.entities = kept;
  else delete message.entities;
}
