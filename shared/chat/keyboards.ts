import { InlineKeyboard } from "grammy";
import type { Translate } from "../notifications/translate.ts";
import { tipCallbackData } from "../payments/callbacks.ts";
import { chatCallbackData, reportReasons } from "./callbacks.ts";

/** Under the chat intro: end, report, block. */
export function chatIntroKeyboard(t: Translate, matchId: string): InlineKeyboard {
  return new InlineKeyboard()
    .text(t("chat-stop-button"), chatCallbackData.endAsk())
    .row()
    .text(t("chat-report-button"), chatCallbackData.reportAsk(matchId))
    .text(t("chat-block-button"), chatCallbackData.blockAsk(matchId));
}

/** After a chat: report or block the former partner. */
export function afterChatKeyboard(t: Translate, matchId: string): InlineKeyboard {
  return new InlineKeyboard()
    .text(t("chat-report-button"), chatCallbackData.reportAsk(matchId))
    .text(t("chat-block-button"), chatCallbackData.blockAsk(matchId));
}

/** After rating a chat: thank the partner with a tip, or report or block them. */
export function afterRatingKeyboard(t: Translate, matchId: string): InlineKeyboard {
  return new InlineKeyboard()
    .text(t("payments-tip-button"), tipCallbackData.offer(matchId))
    .row()
    .text(t("chat-report-button"), chatCallbackData.reportAsk(matchId))
    .text(t("chat-block-button"), chatCallbackData.blockAsk(matchId));
}

export function confirmStopKeyboard(t: Translate): InlineKeyboard {
  return new InlineKeyboard()
    .text(t("chat-confirm-stop-button"), chatCallbackData.end(true))
    .text(t("chat-continue-button"), chatCallbackData.end(false));
}

export function confirmBlockKeyboard(t: Translate, matchId: string): InlineKeyboard {
  return new InlineKeyboard()
    .text(t("chat-confirm-block-button"), chatCallbackData.block(matchId))
    .text(t("chat-cancel-button"), chatCallbackData.dismiss());
}

export function reportReasonKeyboard(t: Translate, matchId: string): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const reason of reportReasons) {
    keyboard.text(t(`chat-report-reason-${reason}`), chatCallbackData.report(matchId, reason))
      .row();
  }
  return keyboard.text(t("chat-cancel-button"), chatCallbackData.dismiss());
}

export function ratingKeyboard(t: Translate, matchId: string): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (let score = 1; score <= 5; score++) {
    keyboard.text(String(score), chatCallbackData.rate(matchId, score));
  }
  return keyboard.row()
    .text(t("payments-tip-button"), tipCallbackData.offer(matchId))
    .row()
    .text(t("chat-report-button"), chatCallbackData.reportAsk(matchId))
    .text(t("chat-block-button"), chatCallbackData.blockAsk(matchId));
}
