import type { Update } from "grammy/types";
import type { Db } from "../db/db.ts";
import type { Logger } from "../platform/logger.ts";

/** One claimed update, as claim_updates returns it. */
export interface QueuedUpdate {
  update_id: number | string;
  chat_key: number | string;
  pass: number;
  payload: Update;
}

export interface UpdateWorkerDeps {
  db: Db;
  /**
   * Handles one update and records its completion (the bot's recordEffects does both). An
   * error that escapes leaves the update leased; it is picked up again when the lease ends.
   */
  handle: (update: Update) => Promise<void>;
  logger: Logger;
  /** How long a claimed update stays reserved for this worker (default 30 s). */
  leaseSeconds?: number;
  /** Called after each round that handled something (sends what the updates queued). */
  afterRound?: () => Promise<void>;
}

export interface UpdateWorker {
  /** Claims one batch and handles it: chats in parallel, each chat's updates in order. */
  drainOnce(limit?: number): Promise<number>;
  /**
   * Drains the inbox. Calls made while a drain runs join it and make it go round once more
   * (or, when it stops at its round limit first, start another), so updates stored meanwhile
   * are not left waiting for the next sweep.
   */
  kick(): Promise<void>;
}

const batchSize = 50;
const maxRounds = 20;

export function createUpdateWorker(deps: UpdateWorkerDeps): UpdateWorker {
  let running: Promise<void> | undefined;
  let again = false;

  async function drainOnce(limit = batchSize): Promise<number> {
    const claimed = await deps.db.call<QueuedUpdate[]>("claim_updates", {
      p_limit: limit,
      p_lease_seconds: deps.leaseSeconds ?? 30,
    });
    const byChat = Map.groupBy(claimed ?? [], (item) => String(item.chat_key));
    await Promise.all([...byChat.values()].map(handleInOrder));
    if ((claimed?.length ?? 0) > 0) await deps.afterRound?.();
    return claimed?.length ?? 0;
  }

  async function handleInOrder(items: QueuedUpdate[]): Promise<void> {
    for (const item of items) {
      try {
        await deps.handle(item.payload);
      } catch (error) {
        // Its lease runs out and a later pass retries it (or, after 5, stores it as failed);
        // the chat's later updates wait for it, so order holds.
        deps.logger.error("update_processing_failed", {
          update_id: Number(item.update_id),
          error: error instanceof Error ? error.name : typeof error,
        });
        return;
      }
    }
  }

  function kick(): Promise<void> {
    if (running) {
      again = true;
      // A drain that stops at its last round leaves this call's update behind: go round again
      // after it then (a round that ran after this call has cleared `again`).
      return running.then(() => (again ? kick() : undefined));
    }
    running = (async () => {
      try {
        for (let round = 0; round < maxRounds; round++) {
          again = false;
          const handled = await drainOnce(batchSize);
          if (handled === 0 && !again) break;
        }
      } catch (error) {
        deps.logger.error("update_worker_failed", {
          error: error instanceof Error ? error.name : typeof error,
        });
      } finally {
        running = undefined;
      }
    })();
    return running;
  }

  return { drainOnce, kick };
}
