import { InlineKeyboard } from "grammy";
import type { Translate } from "../notifications/translate.ts";
import { chatCallbackData } from "../chat/callbacks.ts";
import { tipCallbackData } from "./callbacks.ts";
import type { RefundableTip } from "./contract.ts";

/** The amounts to pick from, and «Другая сумма». */
export function tipAmountKeyboard(
  t: Translate,
  matchId: string,
  presets: number[],
): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const amount of presets) {
    keyboard.text(t("payments-amount-button", { amount }), tipCallbackData.amount(matchId, amount));
  }
  return keyboard.row().text(t("payments-custom-button"), tipCallbackData.custom(matchId));
}

/** /tips: one button per recent chat whose partner can still be thanked. */
export function recentChatsKeyboard(
  t: Translate,
  chats: Array<{ match_id: string; pseudonym: string }>,
): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const chat of chats) {
    keyboard.text(
      t("payments-chat-button", { pseudonym: chat.pseudonym }),
      tipCallbackData.offer(chat.match_id),
    ).row();
  }
  return keyboard;
}

export function refundListKeyboard(t: Translate, tips: RefundableTip[]): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const tip of tips) {
    keyboard.text(
      t("payments-refund-button", { amount: tip.amount, pseudonym: tip.recipient_pseudonym }),
      tipCallbackData.refundAsk(tip.tip_id),
    ).row();
  }
  return keyboard;
}

export function refundConfirmKeyboard(t: Translate, tipId: string): InlineKeyboard {
  return new InlineKeyboard()
    .text(t("payments-refund-confirm-button"), tipCallbackData.refund(tipId))
    .text(t("chat-cancel-button"), chatCallbackData.dismiss());
}
