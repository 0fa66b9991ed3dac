import assert from "node:assert/strict";
import { GrammyError, HttpError } from "grammy";
import { buildDispatcher } from "../../shared/notifications/build_dispatcher.ts";
import { classify } from "../../shared/notifications/dispatcher.ts";
import {
  createDispatcherHandler,
  runMatchingCycle,
} from "../../shared/notifications/dispatcher_http.ts";
import { silentLogger } from "../../shared/platform/logger.ts";
import { startTestBot, type TestBot } from "../support/harness.ts";
import { callbackUpdate } from "../support/updates.ts";
import { onboardUser, proposalMatchId } from "../chat/fixtures.ts";

const dispatcherOf = (h: TestBot) =>
  buildDispatcher({ db: h.db, api: h.bot.api, logger: silentLogger, metrics: h.deps.metrics });

async function outboxRows(h: TestBot, tgId: number) {
  return await h.db.query<{ kind: string; status: string; attempts: number; wait: number }>(
    `select kind, status, attempts,
            extract(epoch from next_attempt_at - now())::int as wait
       from public.outbox where tg_id = $1 order by id`,
    [tgId],
  );
}

Deno.test("classify() maps Telegram failures to outbox outcomes", async (t) => {
  const err = (code: number, description: string, retry_after?: number) =>
    new GrammyError(
      description,
      { ok: false, error_code: code, description, parameters: { retry_after } },
      "sendMessage",
      {},
    );

  await t.step("403 and a chat that does not exist: the user is gone", () => {
    assert.deepEqual(classify(err(403, "Forbidden: bot was blocked by the user"), 1, 3), {
      result: "gone",
      retryAfter: null,
      reason: null,
    });
    assert.equal(classify(err(400, "Bad Request: chat not found"), 1, 3).result, "gone");
    assert.equal(classify(err(400, "Bad Request: PEER_ID_INVALID"), 1, 3, "relay").result, "gone");
  });

  await t.step("429 waits exactly what Telegram asked, 5xx at least that", () => {
    assert.deepEqual(classify(err(429, "Too Many Requests", 120), 1, 3), {
      result: "retry",
      retryAfter: 120,
      reason: null,
    });
    assert.equal(classify(err(429, "Too Many Requests: retry after 45", 45), 1, 3).retryAfter, 45);
    assert.equal(classify(err(429, "Too Many Requests"), 1, 3).retryAfter, 30);
    assert.equal(classify(err(502, "Bad Gateway"), 1, 3).result, "retry");
    assert.equal(classify(err(502, "Bad Gateway"), 1, 3).retryAfter, 30);
    assert.equal(classify(err(503, "Service Unavailable", 90), 1, 3).retryAfter, 90);
    assert.equal(classify(new HttpError("network", new Error("reset")), 1, 3).result, "retry");
  });

  await t.step("a notification's odd 400 is retried a few times, then given up", () => {
    assert.deepEqual(classify(err(400, "Bad Request: something odd"), 1, 3), {
      result: "retry",
      retryAfter: null,
      reason: null,
    });
    assert.equal(classify(err(400, "Bad Request: something odd"), 3, 3).result, "failed");
  });

  await t.step("a relay Telegram refuses is not retried, and says why", () => {
    const relay = (description: string) => classify(err(400, description), 1, 3, "relay");
    assert.deepEqual(relay("Bad Request: message can't be copied"), {
      result: "failed",
      retryAfter: null,
      reason: "refused",
    });
    assert.equal(relay("Bad Request: message to copy not found").reason, "deleted");
    assert.equal(relay("Bad Request: VOICE_MESSAGES_FORBIDDEN").reason, "voice_forbidden");
    // A handler's call (e.g. an edit that changes nothing) fails quietly.
    assert.deepEqual(classify(err(400, "Bad Request: message is not modified"), 1, 3, "api_call"), {
      result: "failed",
      retryAfter: null,
      reason: null,
    });
  });
});

Deno.test("the dispatcher sends, backs off on 429 and treats 403 as a user gone", async (t) => {
  const h = await startTestBot();
  try {
    const anna = await onboardUser(h.db, 740_001, { pseudonym: "Сова" });
    const boris = await onboardUser(h.db, 740_002, { pseudonym: "Ёж" });

    await t.step("a 429 longer than auto-retry waits is retried after retry_after", async () => {
      h.telegram.failNext("sendMessage", {
        chatId: boris.id,
        errorCode: 429,
        description: "Too Many Requests: retry after 60",
        retryAfter: 60,
      });
      // Queued in SQL and paired by the scheduled cycle, so only the dispatcher talks to Boris.
      for (const u of [anna, boris]) {
        await h.db.query("select public.enqueue_user($1::uuid, false)", [u.userId]);
      }
      await runMatchingCycle({
        db: h.db,
        dispatcher: await dispatcherOf(h),
        metrics: h.deps.metrics,
      });
      const [card] = (await outboxRows(h, boris.id)).filter((r) => r.kind === "proposal");
      assert.equal(card!.status, "pending");
      assert.equal(card!.attempts, 1);
      assert.ok(card!.wait >= 55 && card!.wait <= 60, `waits ${card!.wait} s`);
    });

    await t.step("once due again it is sent", async () => {
      await h.db.query("update public.outbox set next_attempt_at = now() where status = 'pending'");
      const report = await (await dispatcherOf(h)).dispatchOnce(10);
      assert.equal(report.sent, 1);
      proposalMatchId(h.telegram, boris.id);
    });

    await t.step("a 403 on the chat intro ends the chat and tells the partner", async () => {
      const matchId = proposalMatchId(h.telegram, anna.id);
      await h.post(callbackUpdate(anna, `m:y:${matchId}`));
      h.telegram.failNext("sendMessage", {
        chatId: boris.id,
        errorCode: 403,
        description: "Forbidden: bot was blocked by the user",
      });
      await h.post(callbackUpdate(boris, `m:y:${matchId}`));
      const rows = await outboxRows(h, boris.id);
      assert.equal(rows.find((r) => r.kind === "chat_started")!.status, "gone");
      const [m] = await h.db.query<{ state: string }>(
        "select state from public.matches where id = $1",
        [matchId],
      );
      assert.equal(m!.state, "ended");
      assert.match(h.telegram.lastTextTo(anna.id)!, /больше недоступен/);
    });

    await t.step("deliveries are counted by kind and result", async () => {
      const text = await h.deps.metrics.render();
      assert.match(text, /outbox_deliveries_total\{kind="proposal",result="retry"\} 1/);
      assert.match(text, /outbox_deliveries_total\{kind="chat_started",result="gone"\} 1/);
    });
  } finally {
    await h.close();
  }
});

Deno.test("the dispatcher endpoint needs the secret and runs one cycle", async (t) => {
  const h = await startTestBot();
  try {
    const secret = "dispatcher-secret-0123456789";
    const handle = createDispatcherHandler({
      secret,
      db: h.db,
      dispatcher: await dispatcherOf(h),
      metrics: h.deps.metrics,
      logger: silentLogger,
    });
    const call = (headers: Record<string, string>, method = "POST") =>
      handle(new Request("http://localhost/functions/v1/dispatcher", { method, headers }));

    await t.step("a missing or wrong secret gets 401", async () => {
      const attempts: Record<string, string>[] = [
        {},
        { "x-dispatcher-secret": "wrong" },
        { "x-dispatcher-secret": `${secret}x` },
      ];
      for (const headers of attempts) {
        const res = await call(headers);
        assert.equal(res.status, 401);
        assert.deepEqual(await res.json(), { error: { message: "unauthorized" } });
      }
    });

    await t.step("GET is not allowed", async () => {
      const res = await call({ "x-dispatcher-secret": secret }, "GET");
      assert.equal(res.status, 405);
      await res.body?.cancel();
    });

    await t.step("the right secret pairs the queue and sends the cards", async () => {
      const anna = await onboardUser(h.db, 741_001);
      const boris = await onboardUser(h.db, 741_002);
      // Queued straight in SQL, so only the scheduled tick can pair them.
      for (const u of [anna, boris]) {
        await h.db.query("select public.enqueue_user($1::uuid, false)", [u.userId]);
      }
      const res = await call({ "x-dispatcher-secret": secret });
      assert.equal(res.status, 200);
      const body = await res.json();
      assert.equal(body.status, "ok");
      assert.equal(body.pairs, 1);
      assert.equal(proposalMatchId(h.telegram, anna.id), proposalMatchId(h.telegram, boris.id));
    });

    await t.step("a too short secret is refused when the handler is built", () => {
      assert.throws(() =>
        createDispatcherHandler({
          secret: "short",
          db: h.db,
          dispatcher: { dispatchOnce: () => Promise.reject(), kick: () => Promise.resolve() },
          metrics: h.deps.metrics,
          logger: silentLogger,
        })
      );
    });
  } finally {
    await h.close();
  }
});
