import type { I18n } from "@grammyjs/i18n";
import type { BotContext } from "../bot/context.ts";

/** Looks up a Russian text by key: `ctx.t` in handlers, `translatorFor(i18n)` elsewhere. */
export type Translate = (key: string, vars?: Record<string, string | number>) => string;

export function translatorFor(i18n: I18n<BotContext>): Translate {
  return (key, vars) => i18n.t("ru", key, vars);
}
