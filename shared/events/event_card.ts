import { InlineKeyboard } from "grammy";
import { z } from "zod";
import type { Translate } from "../notifications/translate.ts";
import { eventCallbackData } from "./callbacks.ts";

/** What SQL's public.event_card() returns: ids, times and counts, never who registered. */
export const eventCard = z.object({
  event_id: z.uuid(),
  title: z.string(),
  description: z.string().default(""),
  starts_at: z.string(),
  round_minutes: z.coerce.number(),
  pause_minutes: z.coerce.number(),
  rounds: z.coerce.number().nullish(),
  capacity: z.coerce.number(),
  link: z.string().nullish(),
  state: z.string(),
  topics: z.array(z.string()).default([]),
  registered: z.coerce.number(),
  my_status: z.string().nullish(),
  utc_offset_minutes: z.coerce.number().nullish(),
  /** Why /events recommends it (recommended_events), if it does. */
  reason: z.object({ kind: z.enum(["topic", "people", "new"]), topic: z.string().nullish() })
    .nullish(),
});
export type EventCard = z.output<typeof eventCard>;

/** «23 нояб., 19:00» in the person's own UTC offset (Moscow when unknown). */
export function localTime(t: Translate, iso: string, offsetMinutes: number | null | undefined) {
  const local = new Date(Date.parse(iso) + (offsetMinutes ?? 180) * 60_000);
  return t("event-time", {
    day: local.getUTCDate(),
    month: t(`mood-month-${local.getUTCMonth() + 1}`),
    time: `${local.getUTCHours()}:${String(local.getUTCMinutes()).padStart(2, "0")}`,
  });
}

/** The card's text: title, when (local time), format, topics, places, the person's status. */
export function eventCardText(t: Translate, card: EventCard): string {
  const lines = [
    t("event-card-title", { title: card.title }),
    ...(card.reason
      ? [t(`event-reason-${card.reason.kind}`, { topic: card.reason.topic ?? "" })]
      : []),
    t("event-card-when", { when: localTime(t, card.starts_at, card.utc_offset_minutes) }),
    card.rounds
      ? t("event-card-format", {
        rounds: card.rounds,
        minutes: card.round_minutes,
        pause: card.pause_minutes,
      })
      : t("event-card-format-everyone", { minutes: card.round_minutes, pause: card.pause_minutes }),
  ];
  if (card.topics.length > 0) {
    lines.push(t("event-card-topics", { topics: card.topics.join(", ") }));
  }
  if (card.description) lines.push(card.description);
  lines.push(t("event-card-places", { registered: card.registered, capacity: card.capacity }));
  if (card.my_status) lines.push(t(`event-status-${card.my_status}`));
  return lines.join("\n");
}

/** «Записаться» or «Отменить запись» (and «Подтверждаю» while it is asked). */
export function eventCardKeyboard(t: Translate, card: EventCard): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  if (card.my_status === "registered" || card.my_status === "waiting") {
    if (card.my_status === "registered" && card.state === "reg_confirm") {
      keyboard.text(t("event-confirm-button"), eventCallbackData.confirm(card.event_id));
    }
    return keyboard.text(t("event-cancel-button"), eventCallbackData.cancel(card.event_id));
  }
  if (card.my_status === "confirmed") {
    return keyboard.text(t("event-cancel-button"), eventCallbackData.cancel(card.event_id));
  }
  return keyboard.text(t("event-register-button"), eventCallbackData.register(card.event_id));
}

/** After the end: one button per person met, «💬 <pseudonym>», each carrying only an index. */
export function choiceKeyboard(
  t: Translate,
  eventId: string,
  partners: Array<{ index: number; pseudonym: string }>,
): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const partner of partners) {
    keyboard.text(
      t("event-choose-button", { pseudonym: partner.pseudonym }),
      eventCallbackData.choose(eventId, partner.index),
    ).row();
  }
  return keyboard;
}
