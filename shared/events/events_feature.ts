import { Composer } from "grammy";
import type { BotContext } from "../bot/context.ts";
import type { BotDeps } from "../bot/deps.ts";
import { restrictionReply, sanctionInfo } from "../safety/sanctions.ts";
import { parseEventCallback } from "./callbacks.ts";
import { type EventCard, eventCard, eventCardKeyboard, eventCardText } from "./event_card.ts";
import { submitDraft } from "./event_draft.ts";
import { eventHours } from "./durations.ts";

interface RegistrationResult {
  status: string;
  confirm_now?: boolean;
  /** How long before the start confirmation opens (the setting, fractions kept). */
  confirm_open_hours?: number;
  card?: unknown;
}

/**
 * Events: `/events` lists the upcoming meetings of the person's age pool (soonest first, up to 5),
 * each a card with «Записаться» / «Отменить запись» (and «Подтверждаю» once confirmation is
 * asked). A card shows how many registered, never who. Every rule is in SQL
 * (register_for_event, cancel_event_registration, confirm_event_participation); a stale or
 * forged button changes nothing. Sits before the chat feature: /events in a chat is answered,
 * and /next in an event round is refused (the round ends by itself; /stop leaves it).
 */
export function createEventsFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const feature = composer.chatType("private");

  feature.command("events", async (ctx) => {
    // Recommended first, each with its reason; what is shown is recorded to measure.
    const result = await deps.db.call<{ status: string; events?: unknown[] }>(
      "recommended_events",
      { p_tg_id: ctx.from.id, p_limit: 5 },
    );
    if (result.status !== "ok") {
      await ctx.reply(ctx.t("event-profile-incomplete"));
      return;
    }
    const cards = (result.events ?? []).map((raw) => eventCard.parse(raw));
    if (cards.length === 0) {
      await ctx.reply(ctx.t("events-none"));
      return;
    }
    await ctx.reply(ctx.t("events-intro", { format: introFormat(ctx.t, cards) }));
    for (const card of cards) {
      await ctx.reply(eventCardText(ctx.t, card), {
        reply_markup: eventCardKeyboard(ctx.t, card),
        link_preview_options: { is_disabled: true },
      });
    }
  });

  feature.command("newevent", async (ctx) => {
    const status = await deps.db.call<{ status: string }>("match_status", { p_tg_id: ctx.from.id });
    if (status.status === "in_chat") {
      await ctx.reply(ctx.t("newevent-in-chat"));
      return;
    }
    const result = await deps.db.call<{ status: string }>("start_event_draft", {
      p_tg_id: ctx.from.id,
    });
    const sanction = result.status === "restricted" ? sanctionInfo.safeParse(result) : undefined;
    if (sanction?.success) {
      await ctx.reply(restrictionReply(ctx.t, sanction.data, deps.clock.now()));
      return;
    }
    await ctx.reply(
      ctx.t(result.status === "ok" ? "newevent-ask-title" : `newevent-${result.status}`),
    );
  });

  // In an event round the schedule goes on by itself: /next would leave it for a search.
  feature.command("next", async (ctx, next) => {
    const round = await deps.db.call<{ match_id?: string }>("event_round_of", {
      p_tg_id: ctx.from.id,
    });
    if (!round.match_id) return next();
    await ctx.reply(ctx.t("event-next-refused"));
  });

  feature.callbackQuery(/^e:/, async (ctx) => {
    const data = parseEventCallback(ctx.callbackQuery.data);
    if (!data) {
      await ctx.answerCallbackQuery({ text: ctx.t("event-button-stale") });
      return;
    }
    if (data.action === "submit_draft") {
      await submitDraft(ctx, deps);
      return;
    }
    if (data.action === "cancel_draft") {
      await deps.db.call("cancel_event_draft", { p_tg_id: ctx.from.id });
      await ctx.answerCallbackQuery();
      await ctx.editMessageText(ctx.t("newevent-cancelled")).catch(() => {});
      return;
    }
    if (data.action === "choose") {
      const chosen = await deps.db.call<{ status: string }>("choose_event_partner", {
        p_tg_id: ctx.from.id,
        p_event_id: data.eventId,
        p_index: data.index,
      });
      const key = `event-choice-${chosen.status}`;
      await ctx.answerCallbackQuery({
        text: ctx.t(choiceKeys.has(chosen.status) ? key : "event-button-stale"),
        show_alert: chosen.status === "mutual",
      });
      return;
    }
    const fn = {
      register: "register_for_event",
      cancel: "cancel_event_registration",
      confirm: "confirm_event_participation",
    }[data.action];
    const result = await deps.db.call<RegistrationResult>(fn, {
      p_tg_id: ctx.from.id,
      p_event_id: data.eventId,
    });
    if (result.status === "registered" || result.status === "waiting") {
      await deps.db.call("mark_event_recommendation_taken", {
        p_tg_id: ctx.from.id,
        p_event_id: data.eventId,
      });
    }
    const sanction = result.status === "restricted" ? sanctionInfo.safeParse(result) : undefined;
    if (sanction?.success) {
      await ctx.answerCallbackQuery({
        text: restrictionReply(ctx.t, sanction.data, deps.clock.now()).slice(0, 200),
      });
      return;
    }
    const answerKey = result.status === "registered" && result.confirm_now
      ? "event-answer-registered-confirm-now"
      : `event-answer-${result.status}`;
    await ctx.answerCallbackQuery({
      text: ctx.t(answerKeys.has(result.status) ? answerKey : "event-button-stale", {
        before: eventHours(ctx.t, Number(result.confirm_open_hours ?? 24)),
      }),
    });
    const card = result.card ? eventCard.safeParse(result.card) : undefined;
    if (card?.success) await refreshCard(ctx, card.data);
    else if (result.status === "cancelled") {
      await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => {});
    }
  });

  return composer;
}

/** The answers the SQL functions can give, each with a short text (the .ftl keys). */
const answerKeys = new Set([
  "registered",
  "waiting",
  "already",
  "cancelled",
  "not_registered",
  "confirmed",
  "too_early",
  "closed",
  "not_found",
  "not_for_you",
  "profile_incomplete",
]);

/** The answers of choose_event_partner. */
const choiceKeys = new Set(["chosen", "mutual", "mutual_busy", "already", "closed", "not_found"]);

/**
 * The /events intro's «5 минут с одним человеком, минута перерыва»: the listed events' own round
 * and pause, or a general wording when they differ (each card states its own).
 */
function introFormat(t: BotContext["t"], cards: EventCard[]): string {
  const first = cards[0]!;
  const same = cards.every((card) =>
    card.round_minutes === first.round_minutes && card.pause_minutes === first.pause_minutes
  );
  return same
    ? t("events-intro-format", { round: first.round_minutes, pause: first.pause_minutes })
    : t("events-intro-format-varies");
}

async function refreshCard(ctx: BotContext, card: EventCard): Promise<void> {
  await ctx.editMessageText(eventCardText(ctx.t, card), {
    reply_markup: eventCardKeyboard(ctx.t, card),
    link_preview_options: { is_disabled: true },
  }).catch(() => {});
}
