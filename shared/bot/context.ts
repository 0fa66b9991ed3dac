import type { Context } from "grammy";
import type { I18nFlavor } from "@grammyjs/i18n";

/** The context every feature sees: grammY's, plus translations. */
export type BotContext = Context & I18nFlavor;
