import { Composer, InlineKeyboard } from "grammy";
import { z } from "zod";
import type { BotContext } from "../bot/context.ts";
import type { BotDeps } from "../bot/deps.ts";
import type { Translate } from "../notifications/translate.ts";
import { normalizeText } from "../safety/normalize.ts";
import {
  announcementTopics,
  checkEventText,
  EVENT_DESCRIPTION_MAX,
  EVENT_TITLE_MAX,
  EVENT_TITLE_MIN,
} from "./announcement.ts";
import { eventCallbackData } from "./callbacks.ts";
import { localTime } from "./event_card.ts";
import { eventDuration, eventHours } from "./durations.ts";
import { postEventCard } from "../safety/moderation_chat.ts";

interface Draft {
  step: "title" | "description" | "starts_at" | "confirm";
  title: string | null;
  description: string | null;
  starts_at: string | null;
  utc_offset_minutes: number | null;
  /** What the event will be like: the events table's defaults (event_announcement_format). */
  format?: { round_minutes?: number; capacity?: number };
}

/**
 * The window for an announced event's start, as SQL states it (event_announce_window): the two
 * settings and the instants they give now. The texts read it, so they say what the rule does.
 */
const startWindow = z.object({
  min_hours: z.coerce.number(),
  max_days: z.coerce.number(),
  earliest: z.string(),
  latest: z.string(),
});
type StartWindow = z.output<typeof startWindow>;

/** answer_event_draft's refusal of a start: why, with the window. */
const startRefusal = startWindow.extend({ status: z.enum(["past", "too_soon", "too_far"]) });

const QUARTER_HOUR = 15 * 60_000;

/**
 * The window in words: «26 часов», «60 дней», and the earliest and latest start in the person's
 * own time, rounded inwards to a quarter hour with a few minutes to spare, so a time copied
 * from the answer is still accepted when it arrives.
 */
function windowVars(t: Translate, window: StartWindow, offsetMinutes: number | null) {
  const earliest = Math.ceil((Date.parse(window.earliest) + 5 * 60_000) / QUARTER_HOUR) *
    QUARTER_HOUR;
  const latest = Math.floor((Date.parse(window.latest) - 5 * 60_000) / QUARTER_HOUR) *
    QUARTER_HOUR;
  return {
    min: eventHours(t, window.min_hours),
    max: eventDuration(t, window.max_days * 24 * 60),
    earliest: localTime(t, new Date(earliest).toISOString(), offsetMinutes),
    latest: localTime(t, new Date(latest).toISOString(), offsetMinutes),
  };
}

/**
 * «31.12 19:00» or «31.12.2026 19:00» in the person's own time -> the UTC instant; the date's
 * year is this year, or the next when that day is more than half a year past (in December,
 * «05.01» is January next year; a day that passed last week stays in the past, so the answer
 * can say it has passed instead of that it is too far).
 */
const HALF_YEAR_MS = 183 * 86_400_000;

export function parseLocalStart(text: string, offsetMinutes: number, now: Date): Date | null {
  const match = normalizeText(text).text.trim()
    .match(/^(\d{1,2})\.(\d{1,2})(?:\.(\d{4}))?\s+(\d{1,2})[:.](\d{2})$/u);
  if (!match) return null;
  const [day, month, hours, minutes] = [match[1], match[2], match[4], match[5]].map(Number) as [
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hours > 23 || minutes > 59) return null;
  const localNow = new Date(now.getTime() + offsetMinutes * 60_000);
  let year = match[3] ? Number(match[3]) : localNow.getUTCFullYear();
  const at = (y: number) =>
    new Date(Date.UTC(y, month - 1, day, hours, minutes) - offsetMinutes * 60_000);
  let result = at(year);
  if (!match[3] && result.getTime() < now.getTime() - HALF_YEAR_MS) result = at(++year);
  // 31.02 rolls over into March: refuse rather than guess.
  if (new Date(result.getTime() + offsetMinutes * 60_000).getUTCDate() !== day) return null;
  return result;
}

/**
 * /newevent: a user announces an event in three answers — a title, a short description, the start
 * in their own time — then «Отправить на проверку». The step lives in the database
 * (event_drafts); the event is `pending` until a moderator approves it. Sits after the chat
 * feature (in a chat, texts go to the partner) and before the diary's writing mode.
 */
export function createEventDraftFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const feature = composer.chatType("private");

  feature.on("message:text", async (ctx, next) => {
    if (ctx.message.text.startsWith("/")) return next();
    const draft = await deps.db.call<Draft | null>("event_draft_of", { p_tg_id: ctx.from.id });
    if (!draft || draft.step === "confirm") return next();
    const text = normalizeText(ctx.message.text).text.trim();
    if (draft.step === "starts_at") {
      const at = parseLocalStart(text, draft.utc_offset_minutes ?? 180, deps.clock.now());
      if (!at) {
        await ctx.reply(ctx.t("newevent-when-invalid"));
        return;
      }
      const result = await deps.db.call<{ status: string }>("answer_event_draft", {
        p_tg_id: ctx.from.id,
        p_step: "starts_at",
        p_text: null,
        p_starts_at: at.toISOString(),
      });
      if (result.status !== "ok") {
        // Said why: already past, too soon or too far, with the window the rule uses.
        const refusal = startRefusal.safeParse(result);
        await ctx.reply(
          refusal.success
            ? ctx.t(
              `newevent-when-${refusal.data.status}`,
              windowVars(ctx.t, refusal.data, draft.utc_offset_minutes),
            )
            : ctx.t("newevent-when-invalid"),
        );
        return;
      }
      const full = await deps.db.call<Draft | null>("event_draft_of", { p_tg_id: ctx.from.id });
      await ctx.reply(
        ctx.t("newevent-confirm", {
          title: full?.title ?? "",
          description: full?.description || "—",
          when: localTime(ctx.t, at.toISOString(), draft.utc_offset_minutes),
          minutes: full?.format?.round_minutes ?? 5,
          capacity: full?.format?.capacity ?? 30,
        }),
        {
          reply_markup: new InlineKeyboard()
            .text(ctx.t("newevent-submit-button"), eventCallbackData.submitDraft())
            .text(ctx.t("newevent-cancel-button"), eventCallbackData.cancelDraft()),
        },
      );
      return;
    }
    const max = draft.step === "title" ? EVENT_TITLE_MAX : EVENT_DESCRIPTION_MAX;
    // «-» skips the description.
    const check = text === "-" && draft.step === "description"
      ? { ok: true as const, value: "" }
      : checkEventText(text, max, draft.step === "title" ? EVENT_TITLE_MIN : 1);
    if (!check.ok) {
      await ctx.reply(ctx.t(`newevent-refused-${check.reason}`, { max }));
      return;
    }
    const answered = await deps.db.call<{ status: string; window?: unknown }>(
      "answer_event_draft",
      { p_tg_id: ctx.from.id, p_step: draft.step, p_text: check.value },
    );
    if (draft.step === "title") {
      await ctx.reply(ctx.t("newevent-ask-description"));
      return;
    }
    const window = startWindow.parse(
      answered.window ?? await deps.db.call("event_announce_window"),
    );
    await ctx.reply(
      ctx.t("newevent-ask-when", windowVars(ctx.t, window, draft.utc_offset_minutes)),
    );
  });

  return composer;
}

/** «Отправить на проверку»: topics found in the title and description go with it. */
export async function submitDraft(ctx: BotContext, deps: BotDeps): Promise<void> {
  const tgId = ctx.from!.id;
  const draft = await deps.db.call<Draft | null>("event_draft_of", { p_tg_id: tgId });
  const topics = draft ? announcementTopics(draft.title ?? "", draft.description ?? "") : [];
  const result = await deps.db.call<{ status: string; event_id?: string }>("submit_event_draft", {
    p_tg_id: tgId,
    p_topic_slugs: topics,
  });
  await ctx.answerCallbackQuery();
  await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => {});
  await ctx.reply(ctx.t(result.status === "pending" ? "newevent-submitted" : "event-button-stale"));
  if (result.event_id) await postEventCard(ctx, deps, result.event_id);
}
