import assert from "node:assert/strict";
import type { Update } from "grammy/types";
import type { Db } from "../../shared/db/db.ts";
import { silentLogger } from "../../shared/platform/logger.ts";
import { createUpdateWorker, type QueuedUpdate } from "../../shared/updates/worker.ts";

/**
 * An inbox that hands out one update per claim, as a webhook trickle does: each update, while
 * it is handled, brings the next one in and kicks the worker, as the next webhook call would.
 */
function trickle() {
  const inbox: QueuedUpdate[] = [];
  let stored = 0;
  const store = () => {
    stored++;
    inbox.push({
      update_id: stored,
      chat_key: 1,
      pass: 1,
      payload: { update_id: stored } as Update,
    });
  };
  const db: Db = {
    call: <T>(fn: string) => {
      assert.equal(fn, "claim_updates");
      return Promise.resolve(inbox.splice(0, 1) as T);
    },
    ping: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
  return { db, store, stored: () => stored, inbox };
}

Deno.test("a worker kicked during its last round goes round again: nothing waits for a sweep", async () => {
  const total = 45;
  const source = trickle();
  const handled: number[] = [];
  const kicks: Promise<void>[] = [];
  const worker = createUpdateWorker({
    db: source.db,
    logger: silentLogger,
    handle: (update) => {
      handled.push(update.update_id);
      if (source.stored() < total) {
        source.store();
        kicks.push(worker.kick());
      }
      return Promise.resolve();
    },
  });
  source.store();
  kicks.push(worker.kick());
  // What the webhook's waitUntil keeps alive: every kick's promise.
  while (kicks.length > 0) await kicks.shift();
  assert.equal(source.inbox.length, 0, "updates left in the inbox");
  assert.deepEqual(handled, Array.from({ length: total }, (_, i) => i + 1));
});
