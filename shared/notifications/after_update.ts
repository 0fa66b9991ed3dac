import type { Middleware } from "grammy";
import type { BotContext } from "../bot/context.ts";
import type { Logger } from "../platform/logger.ts";
import type { Dispatcher } from "./dispatcher.ts";

/**
 * After an update has been handled, sends what it queued in the outbox (proposal cards, chat
 * notices) without holding up the webhook answer. `waitUntil` keeps the work alive after the
 * response where the platform needs it (Supabase Edge: EdgeRuntime.waitUntil); tests pass one
 * that collects the promises so they can await them.
 */
export function dispatchAfterUpdate(
  dispatcher: Dispatcher,
  deps: { logger: Logger; waitUntil?: (task: Promise<unknown>) => void },
): Middleware<BotContext> {
  return async (_ctx, next) => {
    try {
      await next();
    } finally {
      const task = dispatcher.kick().catch((error) =>
        deps.logger.error("dispatch_after_update_failed", {
          error: error instanceof Error ? error.name : typeof error,
        })
      );
      deps.waitUntil?.(task);
    }
  };
}
