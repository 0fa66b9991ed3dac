import assert from "node:assert/strict";
import type { Api } from "grammy";
import type { Db } from "../../shared/db/db.ts";
import type { OutboxItem } from "../../shared/matching/contract.ts";
import { createPrometheusMetrics } from "../../shared/metrics/prometheus.ts";
import { createDispatcher } from "../../shared/notifications/dispatcher.ts";
import { silentLogger } from "../../shared/platform/logger.ts";

const matchId = "5b0a3f4e-7d2c-4b1a-9e8f-0123456789ab";

/** An outbox in memory behind the SQL functions the dispatcher calls. */
function fakeOutbox() {
  const pending: OutboxItem[] = [];
  const completed: Array<{ id: number; result: string }> = [];
  let nextId = 1;
  let claims = 0;
  const db: Db = {
    call<T>(fn: string, args: Record<string, unknown> = {}): Promise<T> {
      if (fn === "claim_outbox") {
        claims++;
        const items = pending.splice(0, Number(args.p_limit)).map((i) => ({
          ...i,
          attempts: i.attempts + 1,
        }));
        return Promise.resolve({ status: "ok", items } as T);
      }
      if (fn === "prepare_outbox_send") return Promise.resolve({ status: "ok" } as T);
      if (fn === "renew_outbox_lease") return Promise.resolve(true as T);
      if (fn === "complete_outbox") {
        completed.push({ id: Number(args.p_id), result: String(args.p_result) });
        return Promise.resolve({ status: "ok" } as T);
      }
      throw new Error(`unexpected ${fn}`);
    },
    ping: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
  return {
    db,
    completed,
    claims: () => claims,
    push(count: number) {
      for (let i = 0; i < count; i++) {
        pending.push({
          id: nextId++,
          tg_id: 1000 + i,
          kind: "rate_request",
          payload: { match_id: matchId },
          attempts: 0,
        });
      }
    },
  };
}

Deno.test("kick() drains the outbox in rounds and joins a drain already running", async (t) => {
  const outbox = fakeOutbox();
  const sent: number[] = [];
  let release: () => void = () => {};
  let gate = Promise.resolve();
  const api = {
    async sendMessage(chatId: number) {
      await gate;
      sent.push(chatId);
      return { message_id: sent.length };
    },
  } as unknown as Api;
  const dispatcher = createDispatcher({
    db: outbox.db,
    api,
    t: (key) => key,
    logger: silentLogger,
    metrics: createPrometheusMetrics(),
  });

  await t.step("more rows than one claim takes are all sent", async () => {
    outbox.push(120);
    await dispatcher.kick();
    assert.equal(sent.length, 120);
    assert.ok(outbox.completed.every((c) => c.result === "sent"));
  });

  await t.step("a kick during a drain joins it, and rows added meanwhile go out too", async () => {
    sent.length = 0;
    gate = new Promise((resolve) => (release = resolve));
    outbox.push(1);
    const first = dispatcher.kick();
    // Let the first round claim its row and block on Telegram.
    await new Promise((resolve) => setTimeout(resolve, 0));
    outbox.push(2);
    const second = dispatcher.kick();
    assert.equal(second, first, "the second kick joins the running drain");
    release();
    await second;
    assert.equal(sent.length, 3);
  });

  await t.step("an empty outbox costs one claim", async () => {
    const before = outbox.claims();
    await dispatcher.kick();
    assert.equal(outbox.claims() - before, 1);
  });
});
