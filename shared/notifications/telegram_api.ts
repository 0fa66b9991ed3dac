import { Api } from "grammy";
import { installTelegramTransformers } from "../bot/telegram_client.ts";

/** A Bot API client for code that runs without a Bot (the dispatcher endpoint). */
export function createTelegramApi(options: { token: string; apiRoot: string }): Api {
  return installTelegramTransformers(new Api(options.token, { apiRoot: options.apiRoot }));
}
