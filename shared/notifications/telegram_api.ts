import { Api } from "grammy";
import { autoRetry } from "@grammyjs/auto-retry";
import { apiThrottler } from "@grammyjs/transformer-throttler";

/**
 * A Bot API client for code that runs without a Bot (the dispatcher endpoint), paced and
 * retried exactly like `createBot` does for the bot's own `bot.api`.
 */
export function createTelegramApi(options: { token: string; apiRoot: string }): Api {
  const api = new Api(options.token, { apiRoot: options.apiRoot });
  api.config.use(apiThrottler());
  api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 10 }));
  return api;
}
