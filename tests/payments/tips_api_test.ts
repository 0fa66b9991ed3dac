import assert from "node:assert/strict";
import { createApiApp } from "../../shared/api/create_api_app.ts";
import { buildMiniAppApi } from "../../shared/api/build_mini_app_api.ts";
import { signInitData } from "../../shared/matching/init_data.ts";
import { createMemoryRateLimiter } from "../../shared/platform/rate_limiter.ts";
import { loadI18n } from "../../shared/bot/texts.ts";
import { translatorFor } from "../../shared/notifications/translate.ts";
import { startTestBot } from "../support/harness.ts";
import { endedChat, pay } from "./fixtures.ts";
import { registerTipMetrics } from "../../shared/payments/tip_metrics.ts";

Deno.test("POST /tips/create answers a Stars invoice link for the Mini App", async (t) => {
  const h = await startTestBot();
  try {
    const { anna, boris, matchId } = await endedChat(h, [850_001, 850_002]);
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
    const post = async (tgId: number | null, body: unknown) => {
      const initData = tgId === null ? null : await signInitData({
        auth_date: String(Math.floor(h.clock.now().getTime() / 1000)),
        user: JSON.stringify({ id: tgId, first_name: "Анна" }),
      }, h.telegram.token);
      return await app.request("/api/tips/create", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(initData ? { authorization: `tma ${initData}` } : {}),
        },
        body: typeof body === "string" ? body : JSON.stringify(body),
      });
    };

    let link!: { invoice_link: string; tip_id: string; recipient_share: number };
    await t.step("a valid request creates a pending tip and an invoice link", async () => {
      const res = await post(anna.id, { match_id: matchId, amount: 100 });
      assert.equal(res.status, 201);
      link = await res.json();
      assert.match(link.invoice_link, /^https:\/\/t\.me\/\$/);
      assert.equal(link.recipient_share, 90);
      const call = h.telegram.callsOf("createInvoiceLink").at(-1)!;
      assert.equal(call.payload.currency, "XTR");
      assert.equal(call.payload.provider_token, "");
      assert.equal(call.payload.payload, `tip:${link.tip_id}`);
      assert.equal(call.payload.prices[0].amount, 100);
    });

    await t.step("paying the link's invoice credits the tip as in the bot", async () => {
      await pay(h, anna, { payload: `tip:${link.tip_id}`, amount: 100 }, "charge-850-1");
      const [row] = await h.db.query<{ status: string; source: string }>(
        "select status, source from public.tips where id = $1",
        [link.tip_id],
      );
      assert.deepEqual(row, { status: "paid", source: "api" });
    });

    await t.step("bad requests change nothing", async () => {
      const cases: Array<[number | null, unknown, number, string]> = [
        [null, { match_id: matchId, amount: 10 }, 401, "unauthorized"],
        [anna.id, "not json", 400, "invalid_json"],
        [anna.id, { match_id: matchId, amount: 0 }, 400, "invalid_input"],
        [anna.id, { match_id: matchId, amount: 10, extra: 1 }, 400, "invalid_input"],
        [anna.id, { match_id: "nope", amount: 10 }, 400, "invalid_input"],
        [anna.id, { match_id: crypto.randomUUID(), amount: 10 }, 404, "not_found"],
        [anna.id, { match_id: matchId, amount: 5000 }, 422, "invalid_amount"],
        [850_009, { match_id: matchId, amount: 10 }, 404, "not_registered"],
      ];
      for (const [tgId, body, status, code] of cases) {
        const res = await post(tgId, body);
        assert.equal(res.status, status, JSON.stringify(body));
        const { error } = await res.json();
        assert.equal(error.code, code, JSON.stringify(body));
        if (code === "invalid_amount") {
          assert.match(error.message, /^Сумма — от 1 до 2\s500 ⭐\.$/u);
        }
      }
      const [row] = await h.db.query<{ n: number }>("select count(*)::int as n from public.tips");
      assert.equal(row!.n, 1);
    });

    await t.step("/metrics reports tips paid, the average tip and the tip rate", async () => {
      registerTipMetrics(h.deps.metrics, h.db);
      const res = await app.request("/api/metrics");
      const text = await res.text();
      assert.match(text, /^tips_paid 1$/m);
      assert.match(text, /^tips_today 1$/m);
      assert.match(text, /^avg_tip 100$/m);
      // One chat ended in the last 30 days, and it was tipped.
      assert.match(text, /^tip_rate 1$/m);
      assert.match(text, /^tip_stars_paid 100$/m);
      void boris;
    });
  } finally {
    await h.close();
  }
});
