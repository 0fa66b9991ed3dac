import type { Bot } from "grammy";
import type { Update } from "grammy/types";
import type { BotContext } from "./context.ts";
import type { Db } from "../db/db.ts";

/**
 * Replays updates whose handling failed earlier. `take_failed_updates` forgets their
 * idempotency record, so they pass through the normal pipeline once more; a repeat failure is
 * recorded again (up to 5 attempts).
 */
export async function replayFailedUpdates(
  bot: Bot<BotContext>,
  db: Db,
  limit = 20,
): Promise<number> {
  const updates = await db.call<Update[]>("take_failed_updates", { p_limit: limit });
  for (const update of updates) await bot.handleUpdate(update);
  return updates.length;
}
