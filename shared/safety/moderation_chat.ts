import { type Api, Composer, InlineKeyboard } from "grammy";
import { z } from "zod";
import type { BotContext } from "../bot/context.ts";
import type { BotDeps } from "../bot/deps.ts";
import type { Translate } from "../notifications/translate.ts";

/**
 * The moderators' Telegram group (MODERATION_CHAT_ID). Each new report, each first
 * high-severity crisis flag in a chat and each event a user announces is posted there as a card (pseudonym, reason, counts;
 * never a Telegram id or a message) with buttons for the decisions the admin functions make.
 * Only members of that group may press them; every decision is audited in SQL with who pressed.
 */
type ModerationDeps = Pick<BotDeps, "db" | "metrics" | "moderationChatId">;

const reportCard = z.object({
  report_id: z.coerce.number(),
  reason: z.string(),
  reported_pseudonym: z.string().nullable(),
  priority: z.enum(["high", "medium", "normal"]),
  open_reports_about_user: z.coerce.number(),
  recent_reporters: z.coerce.number(),
  sanctions_total: z.coerce.number(),
  restricted_now: z.boolean(),
  /** Filed from a video call (public.moderation_report_card). */
  call: z.boolean().default(false),
});

const flagCard = z.object({
  flag_id: z.coerce.number(),
  label: z.string(),
  severity: z.string(),
  source: z.string(),
  pseudonym: z.string().nullable(),
  flags_30_days: z.coerce.number(),
});

const REPORT_DECISIONS = {
  d: "dismissed",
  w: "warning",
  m: "mute",
  t: "temp_ban",
  b: "ban",
} as const;

const eventCard = z.object({
  event_id: z.uuid(),
  title: z.string(),
  description: z.string(),
  starts_at: z.string(),
  author_pseudonym: z.string().nullable(),
  author_events: z.coerce.number(),
});

/**
 * `mod:r:<report id>:<d|w|m|t|b>`, `mod:f:<flag id>:s` or `mod:e:<event id>:<a|r>` (under
 * Telegram's 64 bytes).
 */
const callback = z.union([
  z.tuple([
    z.literal("mod"),
    z.literal("r"),
    z.string().regex(/^\d{1,18}$/),
    z.enum(["d", "w", "m", "t", "b"]),
  ]).transform((p) => ({ targetId: Number(p[2]), action: REPORT_DECISIONS[p[3]] as string })),
  z.tuple([z.literal("mod"), z.literal("f"), z.string().regex(/^\d{1,18}$/), z.literal("s")])
    .transform((p) => ({ targetId: Number(p[2]), action: "seen" })),
  z.tuple([z.literal("mod"), z.literal("e"), z.uuid(), z.enum(["a", "r"])])
    .transform((p) => ({ eventId: p[2], approve: p[3] === "a" })),
]);

const unknownName = "—";

/** Posts the card of the report the user just filed in this match (when a group is set). */
export async function postReportCard(
  ctx: BotContext,
  deps: ModerationDeps,
  matchId: string,
): Promise<void> {
  await sendReportCard(ctx.api, ctx.t, deps, matchId, ctx.from!.id);
}

/**
 * The same card from outside a bot update (a report from the Mini App's video room); a report
 * made from a call says so.
 */
export async function sendReportCard(
  api: Api,
  t: Translate,
  deps: ModerationDeps,
  matchId: string,
  reporterTgId: number,
): Promise<void> {
  if (deps.moderationChatId === undefined) return;
  const raw = await deps.db.call("moderation_report_card", {
    p_match_id: matchId,
    p_reporter_tg_id: reporterTgId,
  });
  const card = reportCard.safeParse(raw);
  if (!card.success) return;
  const c = card.data;
  const text = (c.call ? t("calls-moderation-note") + "\n" : "") + t("moderation-report-card", {
    id: c.report_id,
    priority: c.priority,
    pseudonym: c.reported_pseudonym ?? unknownName,
    reason: c.reason,
    open: c.open_reports_about_user,
    reporters: c.recent_reporters,
    sanctions: c.sanctions_total,
    restricted: c.restricted_now ? "yes" : "no",
  });
  await api.sendMessage(deps.moderationChatId, text, {
    reply_markup: reportKeyboard(t, c.report_id),
  });
  deps.metrics.inc("moderation_cards_total", { kind: "report" });
}

/** Posts the card of the user's latest crisis flag (when a group is set). */
export async function postFlagCard(ctx: BotContext, deps: ModerationDeps): Promise<void> {
  if (deps.moderationChatId === undefined) return;
  const card = flagCard.safeParse(
    await deps.db.call("moderation_flag_card", { p_tg_id: ctx.from!.id }),
  );
  if (!card.success) return;
  const c = card.data;
  const text = ctx.t("moderation-flag-card", {
    severity: c.severity,
    pseudonym: c.pseudonym ?? unknownName,
    label: c.label,
    source: c.source,
    flags: c.flags_30_days,
  });
  await ctx.api.sendMessage(deps.moderationChatId, text, {
    reply_markup: new InlineKeyboard().text(
      ctx.t("moderation-button-seen"),
      `mod:f:${c.flag_id}:s`,
    ),
  });
  deps.metrics.inc("moderation_cards_total", { kind: "flag" });
}

/** Posts the card of an event a user just announced (when a group is set). */
export async function postEventCard(
  ctx: BotContext,
  deps: ModerationDeps,
  eventId: string,
): Promise<void> {
  if (deps.moderationChatId === undefined) return;
  const card = eventCard.safeParse(
    await deps.db.call("moderation_event_card", { p_event_id: eventId }),
  );
  if (!card.success) return;
  const c = card.data;
  const text = ctx.t("moderation-event-card", {
    title: c.title,
    description: c.description || unknownName,
    starts: `${c.starts_at.slice(0, 16).replace("T", " ")} UTC`,
    pseudonym: c.author_pseudonym ?? unknownName,
    events: c.author_events,
  });
  await ctx.api.sendMessage(deps.moderationChatId, text, {
    reply_markup: new InlineKeyboard()
      .text(ctx.t("moderation-button-approve-event"), `mod:e:${c.event_id}:a`)
      .text(ctx.t("moderation-button-reject-event"), `mod:e:${c.event_id}:r`),
  });
  deps.metrics.inc("moderation_cards_total", { kind: "event" });
}

function reportKeyboard(t: Translate, reportId: number): InlineKeyboard {
  const data = (code: string) => `mod:r:${reportId}:${code}`;
  return new InlineKeyboard()
    .text(t("moderation-button-dismiss"), data("d"))
    .text(t("moderation-button-warning"), data("w"))
    .text(t("moderation-button-mute"), data("m"))
    .row()
    .text(t("moderation-button-temp-ban"), data("t"))
    .text(t("moderation-button-ban"), data("b"));
}

const MEMBER_STATUSES = new Set(["creator", "administrator", "member"]);

/**
 * Everything from the moderators' group ends here (the bot stays in that one group): button
 * presses become decisions, anything else is left alone.
 */
export function createModerationChatFeature(deps: ModerationDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const chatId = deps.moderationChatId;
  if (chatId === undefined) return composer;
  const group = composer.filter((ctx) => ctx.chat?.id === chatId);

  group.on("callback_query:data", async (ctx) => {
    const parsed = callback.safeParse(ctx.callbackQuery.data.split(":"));
    if (!parsed.success) {
      await ctx.answerCallbackQuery({ text: ctx.t("moderation-stale") });
      return;
    }
    // Whoever can see the card could press it; only current members may decide.
    const member = await ctx.api.getChatMember(chatId, ctx.from.id);
    const isMember = MEMBER_STATUSES.has(member.status) ||
      (member.status === "restricted" && member.is_member);
    if (!isMember) {
      await ctx.answerCallbackQuery({ text: ctx.t("moderation-not-a-member"), show_alert: true });
      return;
    }
    const who = ctx.from.username ? `@${ctx.from.username}` : ctx.from.first_name;
    const decision = parsed.data;
    const action = "eventId" in decision
      ? (decision.approve ? "approved" : "rejected")
      : decision.action;
    const result = "eventId" in decision
      ? await deps.db.call<{ status: string }>("moderate_event_from_chat", {
        p_event_id: decision.eventId,
        p_approve: decision.approve,
        p_actor: `moderation_chat:${ctx.from.id}`,
      })
      : await deps.db.call<{ status: string }>("moderation_action", {
        p_action: decision.action,
        p_target_id: decision.targetId,
        p_actor: `moderation_chat:${ctx.from.id}`,
      });
    if (result.status !== "ok") {
      await ctx.answerCallbackQuery({
        text: ctx.t(
          result.status.startsWith("already") ? "moderation-already-decided" : "moderation-stale",
        ),
      });
      return;
    }
    deps.metrics.inc("moderation_decisions_total", { action });
    await ctx.answerCallbackQuery();
    const original = ctx.callbackQuery.message?.text ?? "";
    await ctx.editMessageText(
      `${original}\n\n${ctx.t("moderation-decided", { decision: action, who })}`,
    );
  });

  // Messages, joins and everything else in the group: nothing to do, and the bot stays.
  group.use(() => {});
  return composer;
}
