import type { Api } from "grammy";
import type { BotCommand } from "grammy/types";
import { loadI18n } from "./texts.ts";

/**
 * The bot's commands in menu order. Descriptions are Russian texts `safety-command-<name>` (in
 * safety.ftl; /similar's in recommend.ftl); the features that implement them live elsewhere.
 */
export const COMMAND_NAMES = [
  "start",
  "app",
  "find",
  "cancel",
  "next",
  "stop",
  "profile",
  "help",
  "diary",
  "mood",
  "similar",
  "events",
  "newevent",
  "sos",
  "tips",
  "refund",
  "paysupport",
  "terms",
  "delete",
] as const;

export type CommandName = (typeof COMMAND_NAMES)[number];

/** The command list as Telegram wants it, with Russian descriptions. */
export async function russianCommands(): Promise<BotCommand[]> {
  const i18n = await loadI18n();
  return COMMAND_NAMES.map((command) => ({
    command,
    description: i18n.t("ru", `safety-command-${command}`),
  }));
}

/** Publishes the command menu (private chats, Russian and the default language). */
export async function registerCommands(api: Api): Promise<void> {
  const commands = await russianCommands();
  await api.setMyCommands(commands, { scope: { type: "all_private_chats" } });
  await api.setMyCommands(commands, { scope: { type: "all_private_chats" }, language_code: "ru" });
}
