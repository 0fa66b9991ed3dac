import { type Bot, webhookCallback } from "grammy";
import type { BotContext } from "./context.ts";

/**
 * The Telegram webhook as a plain `Request -> Response` handler. grammY checks the
 * `X-Telegram-Bot-Api-Secret-Token` header in constant time (401 when wrong or missing).
 * Handler errors never reach here: the bot's error boundary stores them for replay, so
 * Telegram always gets 200 and does not hammer us with retries.
 */
export function createWebhookHandler(
  bot: Bot<BotContext>,
  secretToken: string,
): (req: Request) => Promise<Response> {
  const handle = webhookCallback(bot, "std/http", {
    secretToken,
    // Edge functions have a wall-clock limit; answer Telegram before it gives up.
    onTimeout: "return",
    timeoutMilliseconds: 20_000,
  });
  // Wrapped: webhookCallback's handler has arity 0 and Deno.serve would call it with no args.
  return (req) => handle(req);
}
