// Every text the Mini App shows comes from the bot's Fluent files (shared/bot/locales/ru/):
// its own in app.ftl; the rules, crisis lines, diary words and payment texts shared with the bot.
import { FluentBundle, FluentResource } from "@fluent/bundle";
import app from "../../../bot/locales/ru/app.ftl" with { type: "text" };
import calls from "../../../bot/locales/ru/calls.ftl" with { type: "text" };
import diary from "../../../bot/locales/ru/diary.ftl" with { type: "text" };
import events from "../../../bot/locales/ru/events.ftl" with { type: "text" };
import matching from "../../../bot/locales/ru/matching.ftl" with { type: "text" };
import payments from "../../../bot/locales/ru/payments.ftl" with { type: "text" };
import profile from "../../../bot/locales/ru/profile.ftl" with { type: "text" };
import recommend from "../../../bot/locales/ru/recommend.ftl" with { type: "text" };
import safety from "../../../bot/locales/ru/safety.ftl" with { type: "text" };

const bundle = new FluentBundle("ru", { useIsolating: false });
for (const source of [app, calls, diary, events, matching, payments, profile, recommend, safety]) {
  bundle.addResource(new FluentResource(source));
}

export type TextArgs = Record<string, string | number>;

/** The Russian text of `key` (keys start with `app-`); the key itself if it is missing. */
export function t(key: string, args?: TextArgs): string {
  const message = bundle.getMessage(key);
  if (!message?.value) return key;
  return bundle.formatPattern(message.value, args);
}

/** True when `key` exists (used to pick a specific error text over a generic one). */
export function hasText(key: string): boolean {
  return bundle.hasMessage(key);
}
