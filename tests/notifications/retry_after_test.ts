import assert from "node:assert/strict";
import { Api } from "grammy";
import { createPrometheusMetrics } from "../../shared/metrics/prometheus.ts";
import { buildDispatcher } from "../../shared/notifications/build_dispatcher.ts";
import { silentLogger } from "../../shared/platform/logger.ts";
import { createTestDb, type TestDb } from "../support/test_db.ts";
import { onboardUser } from "../chat/fixtures.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A Bot API client that never leaves the process: every call is recorded and answered by
 * `answer` (after `delayMs`), the way Telegram would.
 */
function telegramStandIn(
  answer: () => Record<string, unknown>,
  delayMs = 0,
): { api: Api; calls: string[] } {
  const calls: string[] = [];
  const api = new Api("123:stand-in");
  api.config.use(async (_prev, method) => {
    calls.push(method);
    await sleep(delayMs);
    // deno-lint-ignore no-explicit-any
    return answer() as any;
  });
  return { api, calls };
}

const tooManyRequests = (retryAfter: number) => () => ({
  ok: false,
  error_code: 429,
  description: `Too Many Requests: retry after ${retryAfter}`,
  parameters: { retry_after: retryAfter },
});

async function pendingRow(db: TestDb, tgId: number) {
  const [row] = await db.query<{ id: number; attempts: number; wait: number }>(
    `select id, attempts, extract(epoch from next_attempt_at - now())::float8 as wait
       from public.outbox where tg_id = $1 and status = 'pending'`,
    [tgId],
  );
  return row;
}

async function queueNotice(db: TestDb, tgId: number): Promise<void> {
  const user = await onboardUser(db, tgId);
  await db.query("select public.outbox_push($1::uuid, 'search_expired', '{}'::jsonb)", [
    user.userId,
  ]);
}

Deno.test("a send that outlasts its lease is not sent again inside Telegram's wait", async () => {
  const db = await createTestDb();
  try {
    await queueNotice(db, 750_001);
    // Telegram takes longer to answer than the lease lasts, then asks to wait 45 s.
    const slow = telegramStandIn(tooManyRequests(45), 2_500);
    const other = telegramStandIn(() => ({ ok: true, result: { message_id: 1 } }));
    const dispatcher = (api: Api) =>
      buildDispatcher({
        db,
        api,
        logger: silentLogger,
        metrics: createPrometheusMetrics(),
        leases: { outboxSeconds: 1 },
      });
    const first = await dispatcher(slow.api);
    const second = await dispatcher(other.api);

    const running = first.dispatchOnce();
    // Well past the first lease: the call under way keeps the row.
    await sleep(1_600);
    const meanwhile = await second.dispatchOnce();
    const report = await running;
    assert.equal(meanwhile.claimed, 0, "the row is still held");
    assert.equal(report.retried, 1);

    const row = await pendingRow(db, 750_001);
    assert.ok(row!.wait > 44 && row!.wait <= 45, `the next attempt is ${row!.wait} s away`);
    assert.equal((await second.dispatchOnce()).claimed, 0, "nothing is due inside the wait");
    assert.deepEqual(other.calls, []);
    assert.deepEqual(slow.calls, ["sendMessage"]);
  } finally {
    await db.close();
  }
});

Deno.test("Telegram's wait holds whoever has the row", async (t) => {
  const db = await createTestDb();
  try {
    await queueNotice(db, 750_101);
    const claim = async () =>
      (await db.call<{ items: Array<{ id: number; attempts: number }> }>("claim_outbox", {
        p_limit: 10,
        p_lease_seconds: 5,
      })).items[0]!;

    await t.step(
      "a 429 answered after another claim took the row over still delays it",
      async () => {
        const mine = await claim();
        // The lease ran out and another dispatcher claimed the row (a newer attempt).
        await db.query(
          "update public.outbox set attempts = attempts + 1, next_attempt_at = now() + interval '5 seconds' where id = $1",
          [mine.id],
        );
        const result = await db.call<{ status: string }>("complete_outbox", {
          p_id: mine.id,
          p_result: "retry",
          p_retry_after_seconds: 45,
          p_attempts: mine.attempts,
        });
        assert.equal(result.status, "stale");
        const row = await pendingRow(db, 750_101);
        assert.ok(row!.wait > 44, `the next attempt is ${row!.wait} s away`);
        assert.equal(row!.attempts, mine.attempts + 1, "the newer claim is left as it is");
      },
    );

    await t.step("a lease renewal after the outcome does not cut the wait short", async () => {
      await db.query("update public.outbox set next_attempt_at = now() where tg_id = $1", [
        750_101,
      ]);
      const mine = await claim();
      await db.call("complete_outbox", {
        p_id: mine.id,
        p_result: "retry",
        p_retry_after_seconds: 120,
        p_attempts: mine.attempts,
      });
      assert.equal(
        await db.call<boolean>("renew_outbox_lease", {
          p_id: mine.id,
          p_attempts: mine.attempts,
          p_lease_seconds: 60,
        }),
        true,
      );
      const row = await pendingRow(db, 750_101);
      assert.ok(row!.wait > 119, `the next attempt is ${row!.wait} s away`);
    });
  } finally {
    await db.close();
  }
});
