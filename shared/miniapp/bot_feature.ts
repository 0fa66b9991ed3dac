import { type Api, Composer } from "grammy";
import type { BotContext } from "../bot/context.ts";

export interface MiniAppFeatureDeps {
  /** The Mini App's public https address; none: /app explains how to open it locally. */
  miniAppUrl?: string;
}

/**
 * `/app`: a button that opens the Mini App (and the chat's menu button set to it), or, without
 * a published address, how to open it locally.
 */
export function createMiniAppFeature(deps: MiniAppFeatureDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const feature = composer.chatType("private");
  feature.command("app", async (ctx) => {
    if (!deps.miniAppUrl) {
      await ctx.reply(ctx.t("app-command-no-url"));
      return;
    }
    const webApp = { url: deps.miniAppUrl };
    await ctx.reply(ctx.t("app-command-open"), {
      reply_markup: { inline_keyboard: [[{ text: ctx.t("app-command-button"), web_app: webApp }]] },
    });
    await ctx.api.setChatMenuButton({
      chat_id: ctx.chat.id,
      menu_button: { type: "web_app", text: ctx.t("app-command-menu-button"), web_app: webApp },
    });
  });
  return composer;
}

/** Makes the Mini App every private chat's menu button (called at start when a URL is set). */
export async function registerMenuButton(api: Api, miniAppUrl: string, text: string) {
  await api.setChatMenuButton({
    menu_button: { type: "web_app", text, web_app: { url: miniAppUrl } },
  });
}
