import type { Api, Transformer } from "grammy";
import { autoRetry } from "@grammyjs/auto-retry";
import { apiThrottler } from "@grammyjs/transformer-throttler";

/**
 * Answers to a query Telegram is waiting on: a pre-checkout query fails the payment after 10 s
 * and a button spins until answered. They send no message, so the message limits do not apply
 * and they must not queue behind a backlog of relays.
 */
const UNPACED_METHODS = new Set([
  "answerPreCheckoutQuery",
  "answerCallbackQuery",
  "answerInlineQuery",
  "answerShippingQuery",
]);

/**
 * Every Bot API client we build goes through this: messages paced to Telegram's limits (≤30/s
 * overall, ≤1/s per chat; answers to queries are not held back), then retried on 429 and 5xx
 * honouring retry_after. Pacing is switched off only in benchmarks of the handler itself.
 */
export function installTelegramTransformers(api: Api, options: { pace?: boolean } = {}): Api {
  if (options.pace !== false) {
    const throttle = apiThrottler();
    const paceMessages: Transformer = (prev, method, payload, signal) =>
      UNPACED_METHODS.has(method)
        ? prev(method, payload, signal)
        : throttle(prev, method, payload, signal);
    api.config.use(paceMessages);
  }
  api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 10 }));
  return api;
}
