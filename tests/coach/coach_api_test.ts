import assert from "node:assert/strict";
import { createApiApp } from "../../shared/api/create_api_app.ts";
import { buildMiniAppApi } from "../../shared/api/build_mini_app_api.ts";
import { signInitData } from "../../shared/matching/init_data.ts";
import { createMemoryRateLimiter } from "../../shared/platform/rate_limiter.ts";
import { createHintService } from "../../shared/coach/hint_service.ts";
import { createMemoryContextStore } from "../../shared/coach/context_store.ts";
import { createRuleCoach } from "../../shared/coach/rule_coach.ts";
import { loadI18n } from "../../shared/bot/texts.ts";
import { translatorFor } from "../../shared/notifications/translate.ts";
import { createPrometheusMetrics } from "../../shared/metrics/prometheus.ts";
import { silentLogger } from "../../shared/platform/logger.ts";
import { ManualClock } from "../../shared/platform/clock.ts";
import { startTestBot } from "../support/harness.ts";
import { callbackUpdate, textUpdate } from "../support/updates.ts";
import { startChat } from "../chat/fixtures.ts";

Deno.test("POST /ai/hint follows the bot's rules: opt-in, active chat, crisis", async (t) => {
  const rules = createRuleCoach(translatorFor(await loadI18n()));
  const h = await startTestBot((db) => ({
    coach: createHintService({
      db,
      coach: rules,
      fallback: rules,
      metrics: createPrometheusMetrics(),
      logger: silentLogger,
      rolloutPercent: 100,
      store: createMemoryContextStore({ lines: 8, ttlSeconds: 600, clock: new ManualClock() }),
    }),
  }));
  try {
    const app = createApiApp({ db: h.db, metrics: h.deps.metrics }, [{
      path: "/",
      app: buildMiniAppApi({
        db: h.db,
        botToken: h.telegram.token,
        clock: h.clock,
        rateLimiter: createMemoryRateLimiter({ limit: 100, windowSeconds: 60, clock: h.clock }),
        coach: h.deps.coach,
      }),
    }]);
    const post = async (tgId: number, body: unknown) => {
      const initData = await signInitData({
        auth_date: String(Math.floor(h.clock.now().getTime() / 1000)),
        user: JSON.stringify({ id: tgId, first_name: "Борис" }),
      }, h.telegram.token);
      const res = await app.request("/api/ai/hint", {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `tma ${initData}` },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: await res.json() };
    };

    await t.step("someone the bot does not know: 404 not_registered", async () => {
      const { status, body } = await post(870_009, {});
      assert.equal(status, 404);
      assert.equal(body.error.code, "not_registered");
    });

    const { anna, boris } = await startChat(h, [870_001, 870_002]);
    await t.step("before opting in: 403 not_opted_in", async () => {
      const { status, body } = await post(boris.id, {});
      assert.equal(status, 403);
      assert.equal(body.error.code, "not_opted_in");
    });

    await t.step("opted in: hints for the draft, recorded as shown via the API", async () => {
      await h.post(callbackUpdate(boris, "k:on"));
      await h.post(textUpdate(anna, "У меня умерла кошка, мне очень больно"));
      const { status, body } = await post(boris.id, { draft: "Не грусти, заведёшь новую" });
      assert.equal(status, 200);
      assert.ok(body.hints.length >= 1 && body.hints.length <= 3);
      for (const hint of body.hints) assert.ok(hint.text.length <= 240);
      const [row] = await h.db.query<{ n: number }>(
        "select count(*)::int as n from public.ai_hints where source = 'api'",
      );
      assert.equal(row!.n, body.hints.length);
    });

    await t.step("a malformed body: 400 invalid_input naming the field", async () => {
      for (const [body, field] of [[{ draft: 5 }, "draft"], [{ text: "x" }, "text"]] as const) {
        const res = await post(boris.id, body);
        assert.equal(res.status, 400);
        assert.deepEqual([res.body.error.code, res.body.error.field], ["invalid_input", field]);
      }
    });

    await t.step("a crisis flag: 409 crisis", async () => {
      await h.db.query("update public.matches set coach_suppressed = true where state = 'active'");
      const { status, body } = await post(boris.id, {});
      assert.equal(status, 409);
      assert.equal(body.error.code, "crisis");
    });
  } finally {
    await h.close();
  }
});
