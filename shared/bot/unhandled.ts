import { Composer } from "grammy";
import type { BotContext } from "./context.ts";

/** Last in the chain: whatever no feature took gets a short, polite hint and changes nothing. */
export function createUnhandledFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.on(
    "callback_query",
    (ctx) => ctx.answerCallbackQuery({ text: ctx.t("unhandled-stale-button"), show_alert: false }),
  );
  composer.on("message::bot_command", (ctx) => ctx.reply(ctx.t("unhandled-unknown-command")));
  composer.on("message:text", (ctx) => ctx.reply(ctx.t("unhandled-text")));
  composer.on("message", (ctx) => ctx.reply(ctx.t("unhandled-media")));
  return composer;
}
