import assert from "node:assert/strict";
import { createApiApp } from "../../shared/api/create_api_app.ts";
import { buildMiniAppApi } from "../../shared/api/build_mini_app_api.ts";
import { signInitData } from "../../shared/matching/init_data.ts";
import { createMemoryRateLimiter } from "../../shared/platform/rate_limiter.ts";
import { hashId, type LogFields, type Logger } from "../../shared/platform/logger.ts";
import { loadI18n } from "../../shared/bot/texts.ts";
import { translatorFor } from "../../shared/notifications/translate.ts";
import { processDueRefunds } from "../../shared/payments/refunds.ts";
import type { TipBalance } from "../../shared/payments/contract.ts";
import { startTestBot, type TestBot } from "../support/harness.ts";
import { callbackUpdate, textUpdate } from "../support/updates.ts";
import { endedChat, letTimePass, pay, tipViaBot } from "./fixtures.ts";

/** `GET /tips` of the Mini App API, as `tgId` would call it. */
async function getTips(h: TestBot, tgId: number): Promise<{ balance: TipBalance }> {
  const app = createApiApp({ db: h.db, metrics: h.deps.metrics }, [{
    path: "/",
    app: buildMiniAppApi({
      db: h.db,
      botToken: h.telegram.token,
      clock: h.clock,
      rateLimiter: createMemoryRateLimiter({ limit: 100, windowSeconds: 60, clock: h.clock }),
      tips: { api: h.bot.api, texts: async () => translatorFor(await loadI18n()) },
    }),
  }]);
  const initData = await signInitData({
    auth_date: String(Math.floor(h.clock.now().getTime() / 1000)),
    user: JSON.stringify({ id: tgId, first_name: "Ёж" }),
  }, h.telegram.token);
  const res = await app.request("/api/tips", { headers: { authorization: `tma ${initData}` } });
  assert.equal(res.status, 200);
  return await res.json();
}

async function tipIdOfCharge(h: TestBot, chargeId: string): Promise<string> {
  const [row] = await h.db.query<{ id: string }>(
    "select id from public.tips where charge_id = $1",
    [chargeId],
  );
  return row!.id;
}

async function refundRow(h: TestBot, chargeId: string) {
  const [row] = await h.db.query<{ refund_status: string; attempts: number }>(
    `select refund_status, refund_attempts as attempts from public.tip_payments
      where telegram_payment_charge_id = $1`,
    [chargeId],
  );
  return row!;
}

Deno.test("a refunded tip leaves the helper's balance as if it had not been paid, and the helper is told", async (t) => {
  const h = await startTestBot();
  try {
    const { anna, boris, matchId } = await endedChat(h, [860_001, 860_002]);
    // 50 ⭐ (share 45) and two of 30 ⭐ (share 27 each), all inside the refund window.
    for (const [amount, chargeId] of [[50, "c-860-1"], [30, "c-860-2"], [30, "c-860-3"]] as const) {
      const invoice = await tipViaBot(h, anna, matchId, amount);
      assert.ok((await pay(h, anna, invoice, chargeId)).approved);
    }
    const refunded = await tipIdOfCharge(h, "c-860-1");

    await t.step("the payer takes the 50 ⭐ tip back with /refund", async () => {
      h.telegram.clear();
      await h.post(textUpdate(anna, "/refund"));
      await h.post(callbackUpdate(anna, `p:ry:${refunded}`));
      assert.equal(h.telegram.callsOf("refundStarPayment").length, 1);
      assert.match(h.telegram.textsTo(anna.id).join("\n"), /Возврат выполнен: 50 ⭐/);
    });

    await t.step("/tips: nothing available, the other two pending, 54 earned", async () => {
      await h.post(textUpdate(boris, "/tips"));
      const overview = h.telegram.lastTextTo(boris.id)!;
      assert.match(overview, /Доступно к выплате: 0 ⭐/);
      assert.match(overview, /Ожидает окончания срока возврата \(48 ч\): 54 ⭐/);
      assert.match(overview, /Всего получено: 54 ⭐, выплачено: 0 ⭐/);
    });

    await t.step("GET /tips answers the same balance", async () => {
      const { balance } = await getTips(h, boris.id);
      assert.deepEqual(balance, { available: 0, pending: 54, earned: 54, paid_out: 0 });
    });

    await t.step("the helper is told, in Russian, knowing only the payer's pseudonym", () => {
      const notice = h.telegram.textsTo(boris.id).find((text) => /вернул себе чаевые/.test(text));
      assert.ok(notice, "the helper gets a notice");
      assert.match(notice, /«Сова» вернул себе чаевые — 50 ⭐/);
      assert.match(notice, /45 ⭐/);
      assert.match(notice, /\/tips/);
      for (const secret of [anna.first_name, anna.username!, String(anna.id), "c-860-1"]) {
        assert.ok(!notice.includes(secret), `the helper never sees ${secret}`);
      }
      assert.ok(
        !h.telegram.textsTo(anna.id).some((text) => /вернул себе чаевые/.test(text)),
        "the payer gets their own confirmation, not the helper's notice",
      );
    });

    await t.step("when the refund window closes the two shares become available", async () => {
      await letTimePass(h.db, 49 * 3600);
      const { balance } = await getTips(h, boris.id);
      assert.deepEqual(balance, { available: 54, pending: 0, earned: 54, paid_out: 0 });
      const [over] = await h.db.query<{ r: { status: string } }>(
        "select admin.record_payout($1, 55) as r",
        [boris.userId],
      );
      assert.equal(over!.r.status, "exceeds_balance");
      const [paid] = await h.db.query<{ r: { status: string; available: number } }>(
        "select admin.record_payout($1, 54) as r",
        [boris.userId],
      );
      assert.deepEqual(paid!.r, { status: "ok", available: 0 });
      assert.deepEqual((await getTips(h, boris.id)).balance, {
        available: 0,
        pending: 0,
        earned: 54,
        paid_out: 54,
      });
      const [problems] = await h.db.query<{ p: unknown[] }>(
        "select public.tip_ledger_problems() as p",
      );
      assert.deepEqual(problems!.p, []);
    });
  } finally {
    await h.close();
  }
});

Deno.test("a refund answered 429 is not tried again before Telegram's retry_after", async (t) => {
  const logs: Array<{ event: string; fields: LogFields }> = [];
  const logger: Logger = {
    info() {},
    warn: (event, fields = {}) => void logs.push({ event, fields }),
    error: (event, fields = {}) => void logs.push({ event, fields }),
  };
  const h = await startTestBot({ logger });
  try {
    const { anna, boris, matchId } = await endedChat(h, [861_001, 861_002]);
    const invoice = await tipViaBot(h, anna, matchId, 50);
    await pay(h, anna, invoice, "c-861-1");
    const tipId = await tipIdOfCharge(h, "c-861-1");
    const beatDeps = { ...h.deps, api: h.bot.api };
    const refundCalls = () => h.telegram.callsOf("refundStarPayment").length;

    await t.step("/refund: Telegram answers 429, retry after 45 s", async () => {
      // Longer than auto-retry waits: the refund is left for the beat.
      h.telegram.failNext("refundStarPayment", {
        errorCode: 429,
        description: "Too Many Requests: retry after 45",
        retryAfter: 45,
      });
      await h.post(callbackUpdate(anna, `p:ry:${tipId}`));
      h.telegram.clearFailures();
      assert.equal(refundCalls(), 1);
      assert.deepEqual(await refundRow(h, "c-861-1"), { refund_status: "pending", attempts: 1 });
      assert.match(h.telegram.lastTextTo(anna.id)!, /повторю попытку/);
    });

    await t.step("the beat leaves it alone 30 s and 44 s later", async () => {
      await letTimePass(h.db, 30);
      assert.equal(await processDueRefunds(beatDeps), 0);
      await letTimePass(h.db, 14);
      assert.equal(await processDueRefunds(beatDeps), 0);
      assert.equal(refundCalls(), 1);
    });

    await t.step(
      "after 46 s it tries again; a longer wait than the backoff is kept too",
      async () => {
        await letTimePass(h.db, 2);
        // The second attempt's own backoff would be 60 s; Telegram asks for 100.
        h.telegram.failNext("refundStarPayment", {
          errorCode: 429,
          description: "Too Many Requests: retry after 100",
          retryAfter: 100,
        });
        assert.equal(await processDueRefunds(beatDeps), 1);
        h.telegram.clearFailures();
        assert.equal(refundCalls(), 2);
        await letTimePass(h.db, 61);
        assert.equal(await processDueRefunds(beatDeps), 0);
        await letTimePass(h.db, 40);
        assert.equal(await processDueRefunds(beatDeps), 1);
        assert.equal(refundCalls(), 3);
        assert.equal((await refundRow(h, "c-861-1")).refund_status, "done");
      },
    );

    await t.step("a refund made by the beat tells the helper too", async () => {
      const [row] = await h.db.query<{ text: string }>(
        `select payload #>> '{params,text}' as text from public.outbox
          where kind = 'api_call' and tg_id = $1 and payload #>> '{params,text}' like '%вернул себе%'`,
        [boris.id],
      );
      assert.match(row!.text, /«Сова» вернул себе чаевые — 50 ⭐/);
    });

    await t.step("the log ties each failure to the payment by a hash, nothing more", async () => {
      const failures = logs.filter((log) => log.event === "tip_refund_not_done");
      assert.equal(failures.length, 2);
      const hashed = await hashId("c-861-1", h.deps.logSalt);
      assert.deepEqual(failures.map((log) => log.fields), [
        { result: "retry", payment: hashed, attempt: 1, retry_after_seconds: 45 },
        { result: "retry", payment: hashed, attempt: 2, retry_after_seconds: 100 },
      ]);
      const text = JSON.stringify(logs);
      for (const secret of ["c-861-1", String(anna.id), String(boris.id), anna.userId, tipId]) {
        assert.ok(!text.includes(secret), `the logs never carry ${secret}`);
      }
    });
  } finally {
    await h.close();
  }
});

Deno.test("the beat does not take a refund the bot is making right now", async () => {
  const h = await startTestBot();
  try {
    const { anna, matchId } = await endedChat(h, [862_001, 862_002]);
    const invoice = await tipViaBot(h, anna, matchId, 10);
    await pay(h, anna, invoice, "c-862-1");
    const tipId = await tipIdOfCharge(h, "c-862-1");
    const requested = await h.db.call<{ status: string }>("request_tip_refund", {
      p_tg_id: anna.id,
      p_tip_id: tipId,
    });
    assert.equal(requested.status, "ok");
    const claimed = await h.db.call<{ charge_id: string; attempts: number } | null>(
      "claim_tip_refund",
      { p_charge_id: "c-862-1" },
    );
    assert.equal(claimed?.attempts, 1);
    assert.deepEqual(await h.db.call("claim_tip_refunds", { p_limit: 20 }), []);
    assert.equal(await h.db.call("claim_tip_refund", { p_charge_id: "c-862-1" }), null);
  } finally {
    await h.close();
  }
});

Deno.test("a tip whose share is already available can no longer be taken back", async () => {
  const h = await startTestBot();
  try {
    const { anna, boris, matchId } = await endedChat(h, [863_001, 863_002]);
    const invoice = await tipViaBot(h, anna, matchId, 20);
    await pay(h, anna, invoice, "c-863-1");
    const tipId = await tipIdOfCharge(h, "c-863-1");
    // The window was 24 h when it was paid, and is 48 h now: the share was paid out at 25 h.
    await h.db.query(
      "update public.tip_ledger set available_at = now() - interval '1 hour' where tip_id = $1",
      [tipId],
    );
    await letTimePass(h.db, 25 * 3600);
    const [payout] = await h.db.query<{ r: { status: string } }>(
      "select admin.record_payout($1, 18) as r",
      [boris.userId],
    );
    assert.equal(payout!.r.status, "ok");
    assert.deepEqual(await h.db.call("refundable_tips", { p_tg_id: anna.id }), []);
    const requested = await h.db.call<{ status: string }>("request_tip_refund", {
      p_tg_id: anna.id,
      p_tip_id: tipId,
    });
    assert.equal(requested.status, "too_late");
    const balance = await h.db.call<TipBalance>("tip_balance_of", { p_user_id: boris.userId });
    assert.deepEqual(balance, { available: 0, pending: 0, earned: 18, paid_out: 18 });
  } finally {
    await h.close();
  }
});
