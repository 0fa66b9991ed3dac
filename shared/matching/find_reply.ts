import type { InlineKeyboard } from "grammy";
import type { Translate } from "../notifications/translate.ts";
import type { FindPartnerResult } from "./contract.ts";
import { cancelSearchKeyboard } from "./keyboards.ts";
import { restrictionReply } from "../safety/sanctions.ts";

/** What to tell a user after find_partner, for /find, the button and /next alike. */
export function findResultReply(
  t: Translate,
  result: FindPartnerResult,
  now: Date,
): { text: string; keyboard?: InlineKeyboard } {
  switch (result.status) {
    case "restricted":
      return { text: restrictionReply(t, result, now) };
    case "profile_incomplete":
      return { text: t("matching-profile-incomplete") };
    case "already_in_chat":
      return { text: t("matching-already-in-chat") };
    case "proposal_pending":
      return { text: t("matching-proposal-pending") };
    case "already_searching":
      return {
        text: t("matching-already-searching", {
          minutes: Math.floor(Number(result.waiting_seconds ?? 0) / 60),
        }),
        keyboard: cancelSearchKeyboard(t),
      };
    case "queued":
      return { text: t("matching-queued"), keyboard: cancelSearchKeyboard(t) };
    case "proposed":
      return { text: t("matching-proposed") };
  }
}
