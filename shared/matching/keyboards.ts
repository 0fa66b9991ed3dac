import { InlineKeyboard } from "grammy";
import type { Translate } from "../notifications/translate.ts";
import { matchingCallbackData } from "./callbacks.ts";

export function proposalKeyboard(t: Translate, matchId: string): InlineKeyboard {
  return new InlineKeyboard()
    .text(t("matching-accept-button"), matchingCallbackData.accept(matchId))
    .text(t("matching-skip-button"), matchingCallbackData.skip(matchId));
}

export function findKeyboard(t: Translate): InlineKeyboard {
  return new InlineKeyboard().text(t("matching-find-button"), matchingCallbackData.find());
}

export function cancelSearchKeyboard(t: Translate): InlineKeyboard {
  return new InlineKeyboard().text(t("matching-cancel-button"), matchingCallbackData.cancel());
}
