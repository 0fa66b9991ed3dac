import { Composer } from "grammy";
import type { BotContext } from "./context.ts";

/**
 * The bot works one-to-one only. In a group it says so once, leaves, and stores nothing
 * about the group or its members.
 */
export function privateChatsOnly(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  // filter(), not drop(): drop runs its middleware when the predicate is false.
  composer.filter((ctx) => ctx.chat !== undefined && ctx.chat.type !== "private", async (ctx) => {
    const chatId = ctx.chat!.id;
    const addedToGroup = ctx.myChatMember &&
      ["member", "administrator"].includes(ctx.myChatMember.new_chat_member.status);
    if (ctx.message || ctx.callbackQuery || addedToGroup) {
      if (ctx.callbackQuery) await ctx.answerCallbackQuery();
      if (ctx.chat!.type !== "channel") await ctx.api.sendMessage(chatId, ctx.t("private-only"));
      await ctx.api.leaveChat(chatId).catch(() => {});
    }
  });
  return composer;
}
