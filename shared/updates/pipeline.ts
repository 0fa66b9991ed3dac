import type { Bot } from "grammy";
import type { BotContext } from "../bot/context.ts";
import type { Db } from "../db/db.ts";
import type { Metrics } from "../metrics/metrics.ts";
import type { Logger } from "../platform/logger.ts";
import { createWebhookHandler } from "./intake.ts";
import { createUpdateWorker, type UpdateWorker } from "./worker.ts";

export interface UpdatePipelineDeps {
  db: Db;
  bot: Bot<BotContext>;
  logger: Logger;
  metrics: Metrics;
  /** Keeps processing alive after the webhook answered (EdgeRuntime.waitUntil on Supabase). */
  waitUntil?: (task: Promise<unknown>) => void;
  /** How long a worker holds claimed updates (default 30 s). */
  leaseSeconds?: number;
}

export interface UpdatePipeline {
  worker: UpdateWorker;
  /** The Telegram webhook: store, answer 200, process after the answer. */
  webhook(secretToken: string): (req: Request) => Promise<Response>;
  /** Processing in the background (after a webhook answer, a polled batch, a sweep). */
  kickInBackground(): void;
  /** Failed updates go back into the inbox for another pass; answers how many. */
  replayFailed(limit?: number): Promise<number>;
  /** The periodic beat: failed updates replayed, updates whose worker died picked up. */
  sweep(): Promise<void>;
}

/**
 * Telegram update -> inbox (one idempotent insert) -> worker (lease, per-chat order) -> bot
 * (effects recorded in the outbox with the update's completion) -> outbox dispatcher.
 */
export function createUpdatePipeline(deps: UpdatePipelineDeps): UpdatePipeline {
  const worker = createUpdateWorker({
    db: deps.db,
    handle: (update) => deps.bot.handleUpdate(update),
    logger: deps.logger,
    leaseSeconds: deps.leaseSeconds,
  });
  const kickInBackground = () => {
    const task = worker.kick();
    deps.waitUntil?.(task);
  };
  const replayFailed = async (limit = 20) => {
    const requeued = await deps.db.call<number>("requeue_failed_updates", { p_limit: limit });
    if (Number(requeued) > 0) await worker.kick();
    return Number(requeued);
  };
  return {
    worker,
    kickInBackground,
    webhook: (secretToken) =>
      createWebhookHandler({
        db: deps.db,
        metrics: deps.metrics,
        logger: deps.logger,
        secretToken,
        afterQueued: kickInBackground,
      }),
    replayFailed,
    sweep: async () => {
      await replayFailed();
      await worker.kick();
    },
  };
}
