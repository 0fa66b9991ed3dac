import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../bot/context.ts";
import type { BotDeps } from "../bot/deps.ts";
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
import { postEventCard } from "../safety/moderation_chat.ts";

interface Draft {
  step: "title" | "description" | "starts_at" | "confirm";
  title: string | null;
  description: string | null;
  starts_at: string | null;
  utc_offset_minutes: number | null;
}

/**
 * «31.12 19:00» or «31.12.2026 19:00» in the person's own time -> the UTC instant; the date's
 * year is this year, or the next when that day has passed.
 */
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
  if (!match[3] && result < now) result = at(++year);
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
      const result = at
        ? await deps.db.call<{ status: string; step?: string }>("answer_event_draft", {
          p_tg_id: ctx.from.id,
          p_step: "starts_at",
          p_text: null,
          p_starts_at: at.toISOString(),
        })
        : { status: "invalid" };
      if (result.status !== "ok") {
        await ctx.reply(ctx.t("newevent-when-invalid"));
        return;
      }
      const full = await deps.db.call<Draft | null>("event_draft_of", { p_tg_id: ctx.from.id });
      await ctx.reply(
        ctx.t("newevent-confirm", {
          title: full?.title ?? "",
          description: full?.description || "—",
          when: localTime(ctx.t, at!.toISOString(), draft.utc_offset_minutes),
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
    await deps.db.call("answer_event_draft", {
      p_tg_id: ctx.from.id,
      p_step: draft.step,
      p_text: check.value,
    });
    await ctx.reply(
      ctx.t(draft.step === "title" ? "newevent-ask-description" : "newevent-ask-when"),
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
