import type { Api } from "grammy";
import { autoRetry } from "@grammyjs/auto-retry";
import { apiThrottler } from "@grammyjs/transformer-throttler";

/**
 * Every Bot API client we build goes through this: paced to Telegram's limits (≤30/s overall,
 * ≤1/s per chat), then retried on 429 and 5xx honouring retry_after. Pacing is switched off only
 * in benchmarks of the handler itself.
 */
export function installTelegramTransformers(api: Api, options: { pace?: boolean } = {}): Api {
  if (options.pace !== false) api.config.use(apiThrottler());
  api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 10 }));
  return api;
}
