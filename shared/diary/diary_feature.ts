import { Composer, InlineKeyboard, InputFile } from "grammy";
import type { BotContext } from "../bot/context.ts";
import type { BotDeps } from "../bot/deps.ts";
import { detectCrisis } from "../safety/crisis.ts";
import { loadSosCard } from "../safety/hotlines.ts";
import { sosText } from "../safety/safety_feature.ts";
import { chatCallbackData } from "../chat/callbacks.ts";
import { diaryCallbackData, parseDiaryCallback } from "./callbacks.ts";
import {
  ANSWER_LABELS,
  diaryMenu,
  formatMinute,
  moodCorrectionKeyboard,
  reminderTimesKeyboard,
} from "./keyboards.ts";
import type { MoodAnalyzer, MoodPick } from "./mood.ts";
import { createLexiconAnalyzer } from "./lexicon_analyzer.ts";
import { analyseEntry, type EntryMood } from "./analysis.ts";
import type { Translate } from "../notifications/translate.ts";
import { moodReport, type MoodSummary, moodWordKey } from "./mood_report.ts";

const PAGE_SIZE = 5;

interface DiaryPage {
  total: number;
  entries: Array<{
    id: string;
    local_date: string;
    pick: MoodPick | null;
    valence: number | null;
    snippet: string;
  }>;
}

interface EntryResult {
  status: string;
  entry_id?: string;
  pick?: MoodPick;
  ai_analysis?: boolean;
}

interface DiaryEntry {
  status: "ok" | "not_found";
  id: string;
  local_date: string;
  pick: MoodPick | null;
  body: string;
  valence: number | null;
  labels: Array<{ label: string; score: number }>;
}

/**
 * The mood diary: /diary opens writing mode (state in the database, 30 minutes), every text
 * then is an entry, analysed at once (offline lexicon unless the person chose AI analysis) and
 * counted into their day, week and month. Edits of an entry's message update it. Entries can be
 * listed, opened, deleted and exported; /mood shows the summary and a chart. An entry that
 * sounds like a crisis gets the crisis lines, and nobody is told. Sits after the chat feature:
 * in a chat, what one writes goes to the partner.
 */
export function createDiaryFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const feature = composer.chatType("private");
  const analyzer: MoodAnalyzer = deps.moodAnalyzer ?? createLexiconAnalyzer();

  feature.command("diary", async (ctx) => {
    await ctx.reply(ctx.t("diary-intro"), { reply_markup: diaryMenu(ctx.t) });
  });

  feature.command("done", async (ctx) => {
    const result = await deps.db.call<{ status: string }>("end_diary", { p_tg_id: ctx.from.id });
    await ctx.reply(ctx.t(result.status === "ok" ? "diary-done" : "diary-not-writing"));
  });

  feature.command("mood", async (ctx) => {
    await sendMood(ctx);
  });

  feature.callbackQuery(/^d:/, async (ctx) => {
    const data = parseDiaryCallback(ctx.callbackQuery.data);
    if (!data) {
      await ctx.answerCallbackQuery({ text: ctx.t("diary-callback-stale") });
      return;
    }
    const tgId = ctx.from.id;
    switch (data.action) {
      case "write": {
        const result = await deps.db.call<{ status: string }>("start_diary", {
          p_tg_id: tgId,
          p_pick: data.pick,
        });
        await ctx.answerCallbackQuery();
        const key = result.status === "ok"
          ? "diary-writing"
          : result.status === "in_chat"
          ? "diary-in-chat"
          : "diary-not-registered";
        await ctx.reply(ctx.t(key));
        return;
      }
      case "list": {
        await ctx.answerCallbackQuery();
        await sendPage(ctx, data.offset);
        return;
      }
      case "open": {
        const entry = await deps.db.call<DiaryEntry>("diary_entry", {
          p_tg_id: tgId,
          p_entry_id: data.entryId,
        });
        if (entry.status !== "ok") {
          await ctx.answerCallbackQuery({ text: ctx.t("diary-callback-stale") });
          return;
        }
        await ctx.answerCallbackQuery();
        const lines = [
          ctx.t("diary-entry", {
            date: formatDate(entry.local_date),
            pick: entry.pick ? ctx.t(`diary-pick-${entry.pick}`) : "",
            body: entry.body,
          }),
        ];
        if (entry.valence !== null) {
          const labels = entry.labels.slice(0, 3).map((l) => ctx.t(`diary-label-${l.label}`));
          lines.push(
            "",
            ctx.t("diary-entry-mood", {
              mood: ctx.t(moodWordKey(entry.valence)),
              labels: labels.length > 0 ? ` (${labels.join(", ")})` : "",
            }),
          );
        }
        await ctx.reply(lines.join("\n"), {
          reply_markup: new InlineKeyboard()
            .text(ctx.t("diary-delete-button"), diaryCallbackData.deleteAsk(entry.id))
            .text(ctx.t("diary-back-button"), diaryCallbackData.list(0)),
        });
        return;
      }
      case "delete_ask":
        await ctx.answerCallbackQuery();
        await ctx.reply(ctx.t("diary-delete-confirm"), {
          reply_markup: new InlineKeyboard()
            .text(ctx.t("diary-delete-yes-button"), diaryCallbackData.delete(data.entryId))
            .text(ctx.t("chat-cancel-button"), chatCallbackData.dismiss()),
        });
        return;
      case "delete": {
        const result = await deps.db.call<{ status: string }>("delete_diary_entry", {
          p_tg_id: tgId,
          p_entry_id: data.entryId,
        });
        await ctx.answerCallbackQuery();
        if (result.status !== "ok") {
          await ctx.reply(ctx.t("diary-callback-stale"));
          return;
        }
        deps.metrics.inc("diary_entries_deleted_total");
        await ctx.editMessageText(ctx.t("diary-deleted")).catch(() => {});
        return;
      }
      case "export": {
        await ctx.answerCallbackQuery();
        const entries = await deps.db.call<unknown[]>("diary_export", { p_tg_id: tgId });
        if (!entries || entries.length === 0) {
          await ctx.reply(ctx.t("diary-export-empty"));
          return;
        }
        const file = new TextEncoder().encode(JSON.stringify({ entries }, null, 2));
        // A file cannot wait in the outbox: it is sent at once, and only to its owner.
        await ctx.replyWithDocument(new InputFile(file, "diary.json"), {
          caption: ctx.t("diary-export-caption", { count: entries.length }),
          protect_content: true,
        });
        return;
      }
      case "mood":
        await ctx.answerCallbackQuery();
        await sendMood(ctx);
        return;
      case "ai_menu":
        await explainSwitch(ctx, "diary-ai", diaryCallbackData.ai);
        return;
      case "ai":
        await applySwitch(ctx, "set_diary_ai_analysis", "diary-ai", data.on);
        return;
      case "matching_menu":
        await explainSwitch(ctx, "diary-matching", diaryCallbackData.matching);
        return;
      case "matching":
        await applySwitch(ctx, "set_diary_matching", "diary-matching", data.on);
        return;
      case "correct":
      case "drop_label": {
        const result = await deps.db.call<{ status: string; changed?: boolean } & EntryMood>(
          "correct_entry_mood",
          data.action === "correct"
            ? { p_tg_id: tgId, p_entry_id: data.entryId, p_step: data.step }
            : { p_tg_id: tgId, p_entry_id: data.entryId, p_drop_label: data.label },
        );
        if (result.status !== "ok") {
          await ctx.answerCallbackQuery({ text: ctx.t("diary-callback-stale") });
          return;
        }
        await ctx.answerCallbackQuery({ text: ctx.t("diary-corrected") });
        if (!result.changed) return;
        deps.metrics.inc("diary_mood_corrections_total", {
          kind: data.action === "correct" ? "mood" : "label",
        });
        const mood: EntryMood = {
          valence: Number(result.valence),
          labels: result.labels ?? [],
          corrected: true,
        };
        await ctx.editMessageText(answerLine(ctx.t, mood), {
          reply_markup: moodCorrectionKeyboard(ctx.t, data.entryId, mood.labels),
        }).catch(() => {});
        return;
      }
      case "reminder_menu":
        await ctx.answerCallbackQuery();
        await ctx.reply(ctx.t("diary-reminder-pick"), {
          reply_markup: reminderTimesKeyboard(ctx.t),
        });
        return;
      case "reminder": {
        const result = await deps.db.call<{ status: string }>("set_diary_reminder", {
          p_tg_id: tgId,
          p_minute: data.minute,
        });
        await ctx.answerCallbackQuery();
        if (result.status !== "ok") {
          await ctx.reply(ctx.t("diary-callback-stale"));
          return;
        }
        await ctx.reply(
          data.minute === null
            ? ctx.t("diary-reminder-off")
            : ctx.t("diary-reminder-set", { time: formatMinute(data.minute) }),
        );
        return;
      }
    }
  });

  // Writing mode: a text is an entry; outside it (or in a chat) the message goes on.
  feature.on("message:text", async (ctx, next) => {
    if (ctx.message.text.startsWith("/")) return next();
    const result = await deps.db.call<EntryResult>(
      "add_diary_entry",
      { p_tg_id: ctx.from.id, p_message_id: ctx.message.message_id, p_body: ctx.message.text },
    );
    if (result.status === "no_session") return next();
    if (result.status === "invalid_body") {
      await ctx.reply(ctx.t("diary-too-long"));
      return;
    }
    if (result.status !== "ok") return;
    deps.metrics.inc("diary_entries_total");
    const mood = await analyse(
      result.entry_id!,
      ctx.message.text,
      result.pick ?? null,
      result.ai_analysis,
    );
    // One line: what was read, and one tap to correct it under it.
    await ctx.reply(
      mood ? answerLine(ctx.t, mood) : ctx.t("diary-saved"),
      mood ? { reply_markup: moodCorrectionKeyboard(ctx.t, result.entry_id!, mood.labels) } : {},
    );
    await offerHelpIfNeeded(ctx, ctx.message.text);
  });

  // An edit of an entry's message updates the entry (and its analysis).
  feature.on("edited_message:text", async (ctx, next) => {
    const text = ctx.editedMessage.text;
    const result = await deps.db.call<EntryResult>(
      "edit_diary_entry",
      { p_tg_id: ctx.from.id, p_message_id: ctx.editedMessage.message_id, p_body: text },
    );
    if (result.status !== "ok") return next();
    await analyse(result.entry_id!, text, result.pick ?? null, result.ai_analysis);
    await ctx.reply(ctx.t("diary-edited"), {
      reply_parameters: {
        message_id: ctx.editedMessage.message_id,
        allow_sending_without_reply: true,
      },
    });
  });

  const analyse = (id: string, text: string, pick: MoodPick | null, aiAnalysis?: boolean) =>
    analyseEntry(
      { db: deps.db, analyzer, aiAnalyzer: deps.aiMoodAnalyzer, embedder: deps.embedder },
      { id, text, pick, aiAnalysis },
    );

  /** An opt-in switch explained, with «on» and «off» (`<prefix>-explain`, `-on-button`, …). */
  async function explainSwitch(
    ctx: BotContext,
    prefix: string,
    data: (on: boolean) => string,
  ): Promise<void> {
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.t(`${prefix}-explain`), {
      reply_markup: new InlineKeyboard()
        .text(ctx.t(`${prefix}-on-button`), data(true))
        .text(ctx.t(`${prefix}-off-button`), data(false)),
    });
  }

  /** Sets an opt-in through its SQL function and says so (`<prefix>-enabled|disabled`). */
  async function applySwitch(
    ctx: BotContext,
    fn: string,
    prefix: string,
    on: boolean,
  ): Promise<void> {
    const result = await deps.db.call<{ status: string }>(fn, { p_tg_id: ctx.from!.id, p_on: on });
    await ctx.answerCallbackQuery();
    if (result.status !== "ok") {
      await ctx.reply(ctx.t("diary-not-registered"));
      return;
    }
    await ctx.editMessageText(ctx.t(`${prefix}-${on ? "enabled" : "disabled"}`)).catch(() => {});
  }

  /** The crisis lines, gently, when an entry sounds like a crisis; nobody else learns of it. */
  async function offerHelpIfNeeded(ctx: BotContext, text: string): Promise<void> {
    if (!detectCrisis(text)) return;
    deps.metrics.inc("diary_crisis_cards_total");
    const card = await loadSosCard(deps.db, ctx.from!.id);
    await ctx.reply(`${ctx.t("diary-crisis")}\n\n${sosText(ctx, card)}`);
  }

  async function sendPage(ctx: BotContext, offset: number): Promise<void> {
    const page = await deps.db.call<DiaryPage>("diary_page", {
      p_tg_id: ctx.from!.id,
      p_offset: offset,
      p_limit: PAGE_SIZE,
    });
    if (page.total === 0 || page.entries.length === 0) {
      await ctx.reply(ctx.t("diary-list-empty"));
      return;
    }
    const keyboard = new InlineKeyboard();
    for (const entry of page.entries) {
      keyboard.text(
        ctx.t("diary-list-item", {
          date: formatDate(entry.local_date),
          pick: entry.pick ? ctx.t(`diary-pick-${entry.pick}`).split(" ")[0]! : "·",
          snippet: entry.snippet.replace(/\s+/g, " ").slice(0, 40),
        }),
        diaryCallbackData.open(entry.id),
      ).row();
    }
    if (offset > 0) {
      keyboard.text(
        ctx.t("diary-prev-button"),
        diaryCallbackData.list(Math.max(0, offset - PAGE_SIZE)),
      );
    }
    if (offset + PAGE_SIZE < page.total) {
      keyboard.text(ctx.t("diary-next-button"), diaryCallbackData.list(offset + PAGE_SIZE));
    }
    await ctx.reply(
      ctx.t("diary-list-title", {
        from: offset + 1,
        to: offset + page.entries.length,
        total: page.total,
      }),
      { reply_markup: keyboard },
    );
  }

  async function sendMood(ctx: BotContext): Promise<void> {
    const summary = await deps.db.call<MoodSummary>("mood_summary", { p_tg_id: ctx.from!.id });
    if (summary.status !== "ok") {
      await ctx.reply(ctx.t("diary-not-registered"));
      return;
    }
    const report = await moodReport(ctx.t, summary);
    if (!report.png) {
      await ctx.reply(report.text);
      return;
    }
    // The picture is made here and uploaded at once (a file cannot wait in the outbox).
    await ctx.replyWithPhoto(new InputFile(report.png, "mood.png"), {
      caption: report.text,
      protect_content: true,
    });
  }

  return composer;
}

/**
 * The answer to an entry, one line: «Записано ✍️ Похоже, настроение скорее плохое: грусть,
 * усталость» (the mood in words and up to two feelings), or after a correction the person's own.
 */
export function answerLine(t: Translate, mood: EntryMood): string {
  const labels = mood.labels.slice(0, ANSWER_LABELS).map((l) => t(`diary-label-${l.label}`));
  return t(mood.corrected ? "diary-saved-mood-corrected" : "diary-saved-mood", {
    mood: t(moodWordKey(mood.valence)),
    count: labels.length,
    labels: labels.join(", "),
  });
}

/** "2026-11-23" -> "23.11". */
function formatDate(isoDate: string): string {
  const [, month, day] = isoDate.split("-");
  return `${day}.${month}`;
}
