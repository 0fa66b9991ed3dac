import { I18n } from "@grammyjs/i18n";
import type { BotContext } from "./context.ts";

const localesDir = new URL("./locales/ru/", import.meta.url);

/**
 * All user-facing texts, Russian, from `locales/ru/*.ftl` (one file per feature). Read when the
 * bot is built, never at import time.
 */
export async function loadI18n(): Promise<I18n<BotContext>> {
  const files: string[] = [];
  for await (const entry of Deno.readDir(localesDir)) {
    if (entry.isFile && entry.name.endsWith(".ftl")) files.push(entry.name);
  }
  files.sort();
  const sources = await Promise.all(
    files.map((name) => Deno.readTextFile(new URL(name, localesDir))),
  );
  const i18n = new I18n<BotContext>({
    defaultLocale: "ru",
    useSession: false,
    // Every user gets Russian, whatever their Telegram client language is.
    localeNegotiator: () => "ru",
    // Unicode isolation marks would end up inside pseudonyms and numbers shown to users.
    fluentBundleOptions: { useIsolating: false },
  });
  await i18n.loadLocale("ru", { source: sources.join("\n") });
  return i18n;
}
