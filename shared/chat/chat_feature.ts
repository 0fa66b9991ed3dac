import { Composer, type InlineKeyboard } from "grammy";
import type { Message } from "grammy/types";
import type { BotContext } from "../bot/context.ts";
import type { BotDeps } from "../bot/deps.ts";
import type {
  BlockResult,
  EndChatResult,
  FindPartnerResult,
  RateResult,
  RelayedCopyResult,
  RelayTargetResult,
  ReportResult,
  ToxicStrikeResult,
} from "../matching/contract.ts";
import { findResultReply } from "../matching/find_reply.ts";
import type { Translate } from "../notifications/translate.ts";
import { parseChatCallback } from "./callbacks.ts";
import {
  afterRatingKeyboard,
  confirmBlockKeyboard,
  confirmStopKeyboard,
  reportReasonKeyboard,
} from "./keyboards.ts";
import { CAPTION_LIMIT, classifyMessage, isCommand, screenText, TEXT_LIMIT } from "./relay.ts";
import { overLimit } from "../safety/rate_limits.ts";
import type { ToxicityCategory } from "../safety/toxicity.ts";
import { createOfflineModerator, type TextVerdict } from "../safety/text_moderator.ts";
import { postReportCard } from "../safety/moderation_chat.ts";
import { sanctionInfo, sanctionNotice } from "../safety/sanctions.ts";
import { respondToCrisis } from "../safety/crisis_response.ts";
import type { CrisisHit } from "../safety/crisis.ts";

/**
 * The anonymous chat: while a match is active every non-command private message is copied to
 * the partner (copyMessage with protect_content, never a forward, never the sender's name),
 * replies keep their thread and edits are mirrored. /stop, /next, ratings, reports and blocks.
 * Outside a chat, messages go on to the next feature.
 */
export function createChatFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const feature = composer.chatType("private");
  const moderator = deps.moderator ?? createOfflineModerator();

  feature.command("stop", async (ctx) => {
    const target = await deps.db.call<RelayTargetResult>("relay_target", {
      p_tg_id: ctx.from.id,
      p_reply_to_message_id: null,
    });
    if (target.status !== "ok") {
      await ctx.reply(ctx.t("chat-not-in-chat"));
      return;
    }
    await ctx.reply(ctx.t("chat-confirm-stop"), { reply_markup: confirmStopKeyboard(ctx.t) });
  });

  feature.command("next", async (ctx) => {
    // A refused /next leaves the chat as it is: nothing half-done.
    if (await overLimit(deps.rateLimits, ctx, "find")) return;
    const ended = await endChat(ctx.from.id, "next");
    if (ended) await ctx.reply(ctx.t("chat-next-searching"));
    const found = await deps.db.call<FindPartnerResult>("find_partner", { p_tg_id: ctx.from.id });
    if (found.status === "proposed") deps.metrics.inc("proposals_total");
    const reply = findResultReply(ctx.t, found, deps.clock.now());
    await ctx.reply(reply.text, reply.keyboard ? { reply_markup: reply.keyboard } : {});
  });

  feature.callbackQuery(/^c:/, async (ctx) => {
    const data = parseChatCallback(ctx.callbackQuery.data);
    const tgId = ctx.from.id;
    if (!data) {
      await ctx.answerCallbackQuery({ text: ctx.t("chat-callback-stale") });
      return;
    }
    switch (data.action) {
      case "end_ask":
        await ctx.answerCallbackQuery();
        await ctx.reply(ctx.t("chat-confirm-stop"), { reply_markup: confirmStopKeyboard(ctx.t) });
        return;
      case "end": {
        await ctx.answerCallbackQuery();
        if (!data.confirmed) {
          await editOrReply(ctx, ctx.t("chat-stop-kept"));
          return;
        }
        const ended = await endChat(tgId, "stop");
        // The rating request with report/block buttons follows through the outbox.
        await editOrReply(ctx, ctx.t(ended ? "chat-ended-by-you" : "chat-not-in-chat"));
        return;
      }
      case "rate": {
        const result = await deps.db.call<RateResult>("rate_chat", {
          p_tg_id: tgId,
          p_match_id: data.matchId,
          p_score: data.score,
        });
        if (result.status === "saved") {
          deps.metrics.inc("ratings_total", { score: String(data.score) });
          await ctx.answerCallbackQuery();
          // Tipping, reporting or blocking stays possible after rating.
          await editOrReply(
            ctx,
            ctx.t("chat-rate-saved", { score: data.score }),
            afterRatingKeyboard(ctx.t, data.matchId),
          );
        } else if (result.status === "already_rated") {
          await ctx.answerCallbackQuery({ text: ctx.t("chat-rate-already") });
        } else {
          await ctx.answerCallbackQuery({ text: ctx.t("chat-callback-stale") });
        }
        return;
      }
      case "report_ask":
        await ctx.answerCallbackQuery();
        await ctx.reply(ctx.t("chat-report-pick-reason"), {
          reply_markup: reportReasonKeyboard(ctx.t, data.matchId),
        });
        return;
      case "report": {
        if (await overLimit(deps.rateLimits, ctx, "report")) return;
        const result = await deps.db.call<ReportResult>("report_partner", {
          p_tg_id: tgId,
          p_match_id: data.matchId,
          p_reason: data.reason,
        });
        if (result.status !== "reported") {
          await ctx.answerCallbackQuery({ text: ctx.t("chat-callback-stale") });
          return;
        }
        deps.metrics.inc("reports_total", { reason: data.reason });
        await postReportCard(ctx, deps, data.matchId);
        // Set only when the report ended a running chat (not when sent after it).
        if (result.duration_seconds != null) {
          await recordEndedChat(data.matchId, result.duration_seconds, "report");
        }
        await ctx.answerCallbackQuery();
        await editOrReply(ctx, ctx.t("chat-reported"));
        return;
      }
      case "block_ask":
        await ctx.answerCallbackQuery();
        await ctx.reply(ctx.t("chat-confirm-block"), {
          reply_markup: confirmBlockKeyboard(ctx.t, data.matchId),
        });
        return;
      case "block": {
        const result = await deps.db.call<BlockResult>("block_partner", {
          p_tg_id: tgId,
          p_match_id: data.matchId,
        });
        if (result.status !== "blocked") {
          await ctx.answerCallbackQuery({ text: ctx.t("chat-callback-stale") });
          return;
        }
        deps.metrics.inc("blocks_total");
        if (result.duration_seconds != null) {
          await recordEndedChat(data.matchId, result.duration_seconds, "block");
        }
        await ctx.answerCallbackQuery();
        await editOrReply(ctx, ctx.t("chat-blocked"));
        return;
      }
      case "dismiss":
        await ctx.answerCallbackQuery();
        await editOrReply(ctx, ctx.t("chat-action-cancelled"));
        return;
    }
  });

  feature.on("message", async (ctx, next) => {
    const message = ctx.message;
    if (isCommand(message)) return next();
    const target = await deps.db.call<RelayTargetResult>("relay_target", {
      p_tg_id: ctx.from.id,
      p_reply_to_message_id: null,
    });
    if (target.status !== "ok") return next();
    if (await overLimit(deps.rateLimits, ctx, "relay")) return;
    await relay(ctx, message, target);
  });

  feature.on("edited_message", async (ctx, next) => {
    const edited = ctx.editedMessage;
    const copy = await deps.db.call<CopyLookup>("relayed_copy", {
      p_tg_id: ctx.from.id,
      p_sender_message_id: edited.message_id,
    });
    if (copy.status === "not_found") return next();
    await mirrorEdit(ctx, edited, copy);
  });

  async function endChat(tgId: number, reason: "stop" | "next"): Promise<boolean> {
    const result = await deps.db.call<EndChatResult>("end_chat", {
      p_tg_id: tgId,
      p_reason: reason,
    });
    if (result.status !== "ended") return false;
    await recordEndedChat(result.match_id, result.duration_seconds, reason);
    return true;
  }

  /**
   * Chat metrics for every way a user ends a chat; the coach forgets the chat's context (chats
   * ended in SQL alone, e.g. by a sanction, run out with its TTL).
   */
  async function recordEndedChat(
    matchId: string,
    durationSeconds: number | string | null,
    reason: "stop" | "next" | "block" | "report",
  ): Promise<void> {
    await deps.coach?.forget(matchId);
    if (durationSeconds !== null) {
      deps.metrics.observe("chat_duration_seconds", Number(durationSeconds));
    }
    deps.metrics.inc("chats_ended_total", { reason });
  }

  /**
   * Counts a refused toxic message; enough of them take the next step of the sanction ladder
   * (in SQL), which the sender learns right after the refusal. A mute or ban has already ended
   * the chat there, and the partner was told only that it ended.
   */
  async function recordStrike(ctx: BotContext, category: ToxicityCategory): Promise<void> {
    const result = await deps.db.call<ToxicStrikeResult>("record_toxic_message", {
      p_tg_id: ctx.from!.id,
      p_category: category,
    });
    if (result.status !== "ok" || !result.sanction) return;
    const sanction = sanctionInfo.parse(result.sanction);
    deps.metrics.inc("sanctions_total", { kind: sanction.kind, reason: "toxicity" });
    await ctx.reply(sanctionNotice(ctx.t, sanction));
  }

  /**
   * Holds back a message (or an edit) that a rule or the learned model reads as abuse of the
   * partner, tells the sender why and, for a rule's category only, counts a strike: a model's
   * guess never sanctions anyone. Resolves to whether the message was held back.
   */
  async function refuseAbuse(
    ctx: BotContext,
    verdict: Pick<TextVerdict, "toxicity" | "hurtful">,
    textKey: "chat-toxic-refused" | "chat-toxic-refused-edit",
    other: Parameters<BotContext["reply"]>[1] = {},
  ): Promise<boolean> {
    const { toxicity: toxic, hurtful } = verdict;
    if (!toxic && !hurtful) return false;
    const kind = toxic ?? "hurtful";
    deps.metrics.inc("relay_refused_total", { reason: `toxic_${kind}` });
    await ctx.reply(ctx.t(textKey, { kind }), other);
    if (toxic) await recordStrike(ctx, toxic);
    return true;
  }

  /**
   * The crisis a relayed message shows, read with what this person said just before: right after
   * their own crisis signal in this chat, a reply that only leans to a crisis («да. сегодня»,
   * «не отговаривай») or a second middling signal gets the crisis lines (a flag holds no text:
   * only that one was raised in the last half hour is read).
   */
  async function crisisInConversation(
    ctx: BotContext,
    verdict: TextVerdict,
  ): Promise<CrisisHit | null> {
    const { crisis } = verdict;
    if (crisis?.severity === "high" || (!crisis && !verdict.crisisLeaning)) return crisis;
    const followsFlag = await deps.db.call<boolean>("recent_safety_flag", {
      p_tg_id: ctx.from!.id,
    });
    if (!followsFlag) return crisis;
    return { label: crisis?.label ?? "suicide", severity: "high" };
  }

  async function relay(
    ctx: BotContext,
    message: Message,
    target: Extract<RelayTargetResult, { status: "ok" }>,
  ): Promise<void> {
    const classified = classifyMessage(message);
    if ("service" in classified) return;
    if ("refused" in classified) {
      deps.metrics.inc("relay_refused_total", { reason: classified.refused });
      await ctx.reply(ctx.t(`chat-refused-${classified.refused}`), {
        reply_parameters: { message_id: message.message_id, allow_sending_without_reply: true },
      });
      return;
    }
    const kind = classified.kind;
    const partnerId = Number(target.partner_tg_id);
    const original = kind === "text" ? message.text : message.caption;
    const entities = kind === "text" ? message.entities : message.caption_entities;
    const screened = original === undefined
      ? { text: "", found: [] }
      : screenText(original, entities, ctx.t("chat-pii-mask"));
    const limit = kind === "text" ? TEXT_LIMIT : CAPTION_LIMIT;
    if (screened.text.length > limit) {
      await ctx.reply(ctx.t("chat-too-long"));
      return;
    }
    // What was checked is what would go: abuse is not passed on, the sender is told why.
    const verdict = await moderator.check(screened.text);
    const crisis = await crisisInConversation(ctx, verdict);
    if (
      await refuseAbuse(ctx, verdict, "chat-toxic-refused", {
        reply_parameters: { message_id: message.message_id, allow_sending_without_reply: true },
      })
    ) {
      if (crisis) await respondToCrisis(ctx, deps, crisis, "relay");
      return;
    }

    // The copy goes out through the outbox (paced, in order, once); its id pair is recorded
    // when it is delivered. A copy of the original is sent only when what was checked is
    // exactly what Telegram holds; otherwise the checked text itself is sent.
    const common = {
      chat_id: partnerId,
      protect_content: true,
      ...(ctx.coachKeyboard ? { reply_markup: ctx.coachKeyboard } : {}),
    };
    const copy = { ...common, from_chat_id: ctx.chat!.id, message_id: message.message_id };
    const masked = screened.found.length > 0;
    const meta = {
      match_id: target.match_id,
      sender_tg_id: ctx.from!.id,
      sender_message_id: message.message_id,
      kind,
      ...(message.reply_to_message ? { reply_to: message.reply_to_message.message_id } : {}),
    };
    if (!masked && !ctx.inputChanged) {
      ctx.effects.relay("copyMessage", copy, meta);
    } else if (kind === "text") {
      ctx.effects.relay("sendMessage", {
        ...common,
        text: screened.text,
        ...(!masked && entities ? { entities } : {}),
        ...(message.link_preview_options
          ? { link_preview_options: message.link_preview_options }
          : {}),
      }, meta);
    } else {
      ctx.effects.relay("copyMessage", {
        ...copy,
        caption: screened.text,
        ...(!masked && entities ? { caption_entities: entities } : {}),
      }, meta);
    }
    deps.metrics.inc("relayed_messages_total", { kind });
    if (masked) {
      deps.metrics.inc("relay_masked_total", { kind });
      await ctx.reply(ctx.t("chat-masked", { kinds: describeKinds(ctx.t, screened.found) }), {
        reply_parameters: { message_id: message.message_id, allow_sending_without_reply: true },
      });
    }
    // Relayed all the same: a person in crisis is not silenced.
    if (crisis) await respondToCrisis(ctx, deps, crisis, "relay");
  }

  async function mirrorEdit(
    ctx: BotContext,
    edited: Message,
    copy: Exclude<CopyLookup, { status: "not_found" }>,
  ): Promise<void> {
    const partnerId = Number(copy.partner_tg_id);
    const isText = edited.text !== undefined;
    // A removed caption arrives as no caption at all: mirror it as an empty one.
    const original = isText ? edited.text! : edited.caption ?? "";
    const entities = isText ? edited.entities : edited.caption_entities;
    const screened = screenText(original, entities, ctx.t("chat-pii-mask"));
    if (screened.text.length > (isText ? TEXT_LIMIT : CAPTION_LIMIT)) return;
    if (await refuseAbuse(ctx, await moderator.check(screened.text), "chat-toxic-refused-edit")) {
      return;
    }
    const clean = screened.found.length === 0;
    const change = isText
      ? { text: screened.text, ...(clean && entities ? { entities } : {}) }
      : { caption: screened.text, ...(clean && entities ? { caption_entities: entities } : {}) };
    const method = isText ? "editMessageText" : "editMessageCaption";
    // Deferred to the outbox like every send; "not modified" or too old to edit is dropped there.
    if (copy.status === "ok") {
      await ctx.api.raw[method]({
        chat_id: partnerId,
        message_id: Number(copy.partner_message_id),
        ...change,
      });
    } else {
      // The copy still waits in the outbox: the edit goes out right behind it and corrects it.
      ctx.effects.relay(method, { chat_id: partnerId, ...change }, {
        match_id: copy.match_id,
        sender_tg_id: ctx.from!.id,
        sender_message_id: edited.message_id,
        kind: isText ? "text" : "caption",
        edit: true,
      });
    }
    deps.metrics.inc("relayed_edits_total");
    if (!clean) {
      await ctx.reply(ctx.t("chat-masked-edit", { kinds: describeKinds(ctx.t, screened.found) }));
    }
  }

  return composer;
}

/** relayed_copy: the partner's copy of a message, or that it still waits in the outbox. */
type CopyLookup =
  | RelayedCopyResult
  | { status: "pending"; partner_tg_id: number | string; match_id: string };

/** "номер телефона, ссылку" from the kinds found. */
function describeKinds(t: Translate, kinds: string[]): string {
  const known = ["phone", "email", "username", "link", "full_name", "mention"];
  const names = kinds.map((kind) =>
    known.includes(kind) ? t(`chat-pii-kind-${kind}`) : t("chat-pii-kinds-fallback")
  );
  return [...new Set(names)].join(", ");
}

/** Replaces the text of the message with the buttons (dropping them), or says it anew. */
async function editOrReply(
  ctx: BotContext,
  text: string,
  keyboard?: InlineKeyboard,
): Promise<void> {
  const extra = keyboard ? { reply_markup: keyboard } : {};
  try {
    await ctx.editMessageText(text, extra);
  } catch {
    await ctx.reply(text, extra);
  }
}
