import type { InlineKeyboard } from "grammy";
import { z } from "zod";
import { afterChatKeyboard, chatIntroKeyboard, ratingKeyboard } from "../chat/keyboards.ts";
import { findKeyboard, proposalKeyboard } from "../matching/keyboards.ts";
import type { Translate } from "./translate.ts";
import { sanctionInfo, sanctionNotice } from "../safety/sanctions.ts";
import { reminderKeyboard } from "../diary/keyboards.ts";
import {
  choiceKeyboard,
  eventCard,
  eventCardKeyboard,
  eventCardText,
  localTime,
} from "../events/event_card.ts";
import { eventDuration } from "../events/durations.ts";

/** One outbox row turned into a Telegram message. */
export interface RenderedMessage {
  text: string;
  keyboard?: InlineKeyboard;
  /** The id of a message in the recipient's own chat this one answers (shown as a reply). */
  replyTo?: number;
}

const matchId = z.uuid();

/** What every round message carries (public.event_round_payload). */
const eventRound = z.object({
  event_id: z.uuid(),
  title: z.string(),
  round: z.coerce.number(),
  rounds: z.coerce.number(),
  /** The event's lengths (rows queued before they were carried: the old defaults). */
  round_minutes: z.coerce.number().default(5),
  pause_minutes: z.coerce.number().default(1),
  utc_offset_minutes: z.coerce.number().nullish(),
});

const payloads = {
  proposal: z.object({
    match_id: matchId,
    partner_pseudonym: z.string(),
    shared_topics: z.array(z.string()).default([]),
    partner_bio: z.string().nullish(),
    time_difference_hours: z.coerce.number().nullish(),
    expires_minutes: z.coerce.number().default(5),
    /** A video call's proposal (the room is in the Mini App). */
    call: z.boolean().default(false),
  }),
  chat_started: z.object({
    match_id: matchId,
    partner_pseudonym: z.string(),
    call: z.boolean().default(false),
  }),
  proposal_declined: z.object({ match_id: matchId.optional() }),
  proposal_expired: z.object({
    match_id: matchId.optional(),
    requeued: z.boolean().default(false),
  }),
  search_expired: z.object({}),
  chat_ended: z.object({
    match_id: matchId,
    reason: z.enum(["stop", "next", "ended_by_partner", "partner_gone"]),
    // Set when the partner became unreachable while the recipient's messages were on the way.
    undelivered_message_id: z.coerce.number().int().positive().optional(),
    undelivered: z.coerce.number().int().nonnegative().default(0),
    call: z.boolean().default(false),
  }),
  relay_undelivered: z.object({
    message_id: z.coerce.number().int().positive(),
    reason: z.enum(["deleted", "voice_forbidden", "refused", "temporary"]).catch("refused"),
  }),
  rate_request: z.object({ match_id: matchId }),
  sanction: sanctionInfo,
  sanction_lifted: z.object({}),
  tip_receipt: z.object({
    amount: z.coerce.number(),
    platform_commission: z.coerce.number(),
    recipient_share: z.coerce.number(),
    recipient_pseudonym: z.string().nullish(),
    refund_hours: z.coerce.number(),
  }),
  tip_received: z.object({
    amount: z.coerce.number(),
    recipient_share: z.coerce.number(),
    payer_pseudonym: z.string().nullish(),
  }),
  tip_refunded: z.object({ amount: z.coerce.number() }),
  diary_reminder: z.object({}),
  event_confirm: eventCard.extend({ deadline: z.string() }),
  event_promoted: eventCard.extend({ confirm_now: z.boolean().default(false) }),
  event_released: eventCard.extend({ reason: z.enum(["not_confirmed", "full", "too_few"]) }),
  event_reminder: eventCard.extend({ starts_in_minutes: z.coerce.number().nullish() }),
  event_round: eventRound.extend({
    match_id: matchId,
    partner_pseudonym: z.string(),
    ends_at: z.string(),
  }),
  event_bye: eventRound.extend({
    next_at: z.string().nullish(),
    reason: z.enum(["sit_out", "partner_busy"]),
  }),
  event_round_ended: eventRound.extend({ match_id: matchId, next_at: z.string().nullish() }),
  event_partner_silent: eventRound,
  event_moderated: z.object({ event_id: z.uuid(), title: z.string(), approved: z.boolean() }),
  event_finished: eventRound.extend({
    partners: z.array(z.object({ index: z.coerce.number(), pseudonym: z.string() })).default([]),
    /** Until when choices are open (rows queued before it was carried: none). */
    choose_until: z.string().nullish(),
  }),
  event_schedule: eventCard.extend({
    suggested: z.array(z.string()).default([]),
    reminder_minutes: z.coerce.number().default(5),
    schedule: z.array(z.object({
      round: z.coerce.number(),
      starts_at: z.string(),
      sits_out: z.boolean(),
    })),
  }),
};

export type OutboxKind = keyof typeof payloads;

/** Thrown for an outbox row this code cannot render (unknown kind or bad payload). */
export class UnrenderableOutboxItem extends Error {
  override name = "UnrenderableOutboxItem";
}

/** Renders an outbox row with the Fluent texts; the payload never carries message content. */
export function renderOutboxItem(t: Translate, kind: string, payload: unknown): RenderedMessage {
  switch (kind) {
    case "proposal": {
      const p = parse("proposal", payload);
      const lines = [t("matching-proposal-title", { pseudonym: p.partner_pseudonym })];
      if (p.shared_topics.length > 0) {
        lines.push(
          t("matching-proposal-topics", { topics: p.shared_topics.slice(0, 3).join(", ") }),
        );
      }
      if (p.partner_bio) {
        lines.push(t("matching-proposal-bio", { bio: p.partner_bio.slice(0, 120) }));
      }
      const hours = p.time_difference_hours ?? 0;
      const shown = formatHours(Math.abs(hours));
      if (shown === "0") lines.push(t("matching-proposal-time-same"));
      else if (hours > 0) lines.push(t("matching-proposal-time-ahead", { hours: shown }));
      else lines.push(t("matching-proposal-time-behind", { hours: shown }));
      if (p.call) lines.push(t("calls-proposal-note"));
      lines.push("", t("matching-proposal-footer", { minutes: p.expires_minutes }));
      return { text: lines.join("\n"), keyboard: proposalKeyboard(t, p.match_id) };
    }
    case "chat_started": {
      const p = parse("chat_started", payload);
      // A call's room is in the Mini App: nothing to type here.
      if (p.call) return { text: t("calls-started", { pseudonym: p.partner_pseudonym }) };
      return {
        text: t("chat-started", { pseudonym: p.partner_pseudonym }),
        keyboard: chatIntroKeyboard(t, p.match_id),
      };
    }
    case "proposal_declined":
      parse("proposal_declined", payload);
      return { text: t("matching-proposal-declined") };
    case "proposal_expired": {
      const p = parse("proposal_expired", payload);
      return p.requeued
        ? { text: t("matching-proposal-expired-requeued") }
        : { text: t("matching-proposal-expired"), keyboard: findKeyboard(t) };
    }
    case "search_expired":
      parse("search_expired", payload);
      return { text: t("matching-search-expired"), keyboard: findKeyboard(t) };
    case "chat_ended": {
      const p = parse("chat_ended", payload);
      if (p.call) {
        const key = {
          stop: "calls-ended-stop",
          next: "calls-ended-next",
          ended_by_partner: "calls-ended-by-partner",
          partner_gone: "calls-ended-partner-gone",
        }[p.reason];
        return p.reason === "ended_by_partner"
          ? { text: t(key), keyboard: afterChatKeyboard(t, p.match_id) }
          : { text: t(key) };
      }
      switch (p.reason) {
        // A rate_request with report/block buttons follows these two.
        case "stop":
          return { text: t("chat-ended-stop") };
        case "next":
          return { text: t("chat-ended-next") };
        case "ended_by_partner":
          return { text: t("chat-ended-by-partner"), keyboard: afterChatKeyboard(t, p.match_id) };
        case "partner_gone":
          // Said as a reply to the first message that did not arrive.
          return p.undelivered_message_id
            ? {
              text: t("chat-partner-unreachable", { count: Math.max(p.undelivered, 1) }),
              keyboard: findKeyboard(t),
              replyTo: p.undelivered_message_id,
            }
            : { text: t("chat-ended-partner-gone"), keyboard: findKeyboard(t) };
      }
      break;
    }
    case "relay_undelivered": {
      // A reply to the sender's own message, so they see which one did not arrive.
      const p = parse("relay_undelivered", payload);
      return { text: t(`chat-undelivered-${p.reason}`), replyTo: p.message_id };
    }
    case "sanction":
      return { text: sanctionNotice(t, parse("sanction", payload)) };
    case "sanction_lifted":
      parse("sanction_lifted", payload);
      return { text: t("sanction-lifted"), keyboard: findKeyboard(t) };
    case "tip_receipt": {
      const p = parse("tip_receipt", payload);
      return {
        text: t("payments-receipt", {
          amount: p.amount,
          pseudonym: p.recipient_pseudonym ?? "—",
          share: p.recipient_share,
          commission: p.platform_commission,
          hours: p.refund_hours,
        }),
      };
    }
    case "tip_received": {
      const p = parse("tip_received", payload);
      return {
        text: t("payments-received", {
          amount: p.amount,
          share: p.recipient_share,
          pseudonym: p.payer_pseudonym ?? "—",
        }),
      };
    }
    case "tip_refunded":
      return { text: t("payments-refunded", { amount: parse("tip_refunded", payload).amount }) };
    case "diary_reminder":
      parse("diary_reminder", payload);
      return { text: t("diary-reminder"), keyboard: reminderKeyboard(t) };
    case "event_confirm": {
      const p = parse("event_confirm", payload);
      return {
        text: t("event-confirm-ask", {
          card: eventCardText(t, p),
          deadline: localTime(t, p.deadline, p.utc_offset_minutes),
        }),
        keyboard: eventCardKeyboard(t, p),
      };
    }
    case "event_promoted": {
      const p = parse("event_promoted", payload);
      const text = t("event-promoted", { card: eventCardText(t, p) });
      return {
        text: p.confirm_now ? `${text}\n${t("event-promoted-confirm")}` : text,
        keyboard: eventCardKeyboard(t, p),
      };
    }
    case "event_released": {
      const p = parse("event_released", payload);
      return { text: t(`event-released-${p.reason}`, { title: p.title }) };
    }
    case "event_schedule": {
      const p = parse("event_schedule", payload);
      const rounds = p.schedule.map((round) =>
        t(round.sits_out ? "event-schedule-sit-out" : "event-schedule-round", {
          round: round.round,
          time: localTime(t, round.starts_at, p.utc_offset_minutes),
        })
      );
      const suggested = p.suggested.length > 0
        ? `\n\n${t("event-suggested", { people: p.suggested.join(", ") })}`
        : "";
      return {
        text: t("event-schedule", {
          card: eventCardText(t, p),
          rounds: rounds.join("\n"),
          reminder: eventDuration(t, Math.max(1, p.reminder_minutes)),
        }) + suggested,
        keyboard: eventCardKeyboard(t, p),
      };
    }
    case "event_reminder": {
      const p = parse("event_reminder", payload);
      // How long until the start when it was queued (a late tick says less, never a wrong 5).
      const left = p.starts_in_minutes ?? 5;
      return {
        text: t("event-reminder", {
          card: eventCardText(t, p),
          when: left > 0
            ? t("event-reminder-in", { duration: eventDuration(t, left) })
            : t("event-reminder-now"),
          round: eventDuration(t, p.round_minutes),
          pause: p.pause_minutes,
        }),
      };
    }
    case "event_round": {
      const p = parse("event_round", payload);
      // As in any chat: end it, report or block the partner.
      return {
        text: t("event-round", {
          round: p.round,
          rounds: p.rounds,
          partner: p.partner_pseudonym,
          until: localTime(t, p.ends_at, p.utc_offset_minutes),
        }),
        keyboard: chatIntroKeyboard(t, p.match_id),
      };
    }
    case "event_bye": {
      const p = parse("event_bye", payload);
      return {
        text: `${t(`event-bye-${p.reason}`, { round: p.round, rounds: p.rounds })}\n${
          nextRound(t, p)
        }`,
      };
    }
    case "event_round_ended": {
      const p = parse("event_round_ended", payload);
      // Rating works as after any chat (it feeds the partner's helpfulness), without a prompt.
      return {
        text: `${
          p.next_at
            ? t("event-round-ended", { round: p.round, pause: p.pause_minutes })
            : t("event-round-ended-last", { round: p.round })
        }\n${nextRound(t, p)}`,
        keyboard: ratingKeyboard(t, p.match_id),
      };
    }
    case "event_partner_silent":
      parse("event_partner_silent", payload);
      return { text: t("event-partner-silent") };
    case "event_moderated": {
      const p = parse("event_moderated", payload);
      return {
        text: t(p.approved ? "newevent-approved" : "newevent-rejected", { title: p.title }),
      };
    }
    case "event_finished": {
      const p = parse("event_finished", payload);
      const text = t("event-finished", { title: p.title });
      if (p.partners.length === 0) return { text };
      return {
        text: `${text}\n\n${
          p.choose_until
            ? t("event-finished-choose", {
              until: localTime(t, p.choose_until, p.utc_offset_minutes),
            })
            : t("event-finished-choose-open")
        }`,
        keyboard: choiceKeyboard(t, p.event_id, p.partners),
      };
    }
    case "rate_request": {
      const p = parse("rate_request", payload);
      return { text: t("chat-rate-request"), keyboard: ratingKeyboard(t, p.match_id) };
    }
  }
  throw new UnrenderableOutboxItem(`unknown outbox kind: ${kind.slice(0, 40)}`);
}

/** «Следующий раунд — в 19:06.» or «Это был последний раунд.» */
function nextRound(
  t: Translate,
  p: { next_at?: string | null; utc_offset_minutes?: number | null },
): string {
  return p.next_at
    ? t("event-next-at", { time: localTime(t, p.next_at, p.utc_offset_minutes) })
    : t("event-last-round");
}

function parse<K extends OutboxKind>(kind: K, payload: unknown): z.output<typeof payloads[K]> {
  const result = payloads[kind].safeParse(payload ?? {});
  if (!result.success) throw new UnrenderableOutboxItem(`bad ${kind} payload`);
  return result.data as z.output<typeof payloads[K]>;
}

/** 3 -> "3", 5.5 -> "5,5" (Russian decimal comma), rounded to half hours. */
function formatHours(hours: number): string {
  const rounded = Math.round(hours * 2) / 2;
  return String(rounded).replace(".", ",");
}
