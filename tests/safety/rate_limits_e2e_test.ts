/**
 * Rate limits from outside: through the webhook and the Bot API stand-in (relays, /find and
 * /next, reports, onboarding answers) and through the Mini App API (per user and per address).
 * Over a limit the person is told once, briefly, in Russian; the rest of the burst is dropped
 * and nothing half-done stays behind.
 */
import assert from "node:assert/strict";
import { createApiApp } from "../../shared/api/create_api_app.ts";
import { buildMiniAppApi } from "../../shared/api/build_mini_app_api.ts";
import { signInitData } from "../../shared/matching/init_data.ts";
import { createPrometheusMetrics } from "../../shared/metrics/prometheus.ts";
import type { Metrics } from "../../shared/metrics/metrics.ts";
import type { Clock } from "../../shared/platform/clock.ts";
import { ManualClock } from "../../shared/platform/clock.ts";
import {
  createMemoryRateLimiter,
  createUpstashRateLimiter,
} from "../../shared/platform/rate_limiter.ts";
import { type BotLimitName, createBotRateLimits } from "../../shared/safety/rate_limits.ts";
import { onboardUser, startChat } from "../chat/fixtures.ts";
import { startTestBot, type TestBot } from "../support/harness.ts";
import { createTestDb } from "../support/test_db.ts";
import { hasRedisServer, startUpstashStandIn } from "../support/upstash_rest.ts";
import { callbackUpdate, textUpdate, user } from "../support/updates.ts";
import { press, say } from "../profile/helpers.ts";

type Limits = Record<BotLimitName, { limit: number; windowSeconds: number }>;

const LIMITS: Limits = {
  relay: { limit: 3, windowSeconds: 10 },
  find: { limit: 2, windowSeconds: 60 },
  report: { limit: 1, windowSeconds: 600 },
  onboarding: { limit: 3, windowSeconds: 60 },
};

function memoryLimits(clock: Clock, metrics: Metrics, limits = LIMITS) {
  return createBotRateLimits({
    metrics,
    limiter: (name, use) =>
      createMemoryRateLimiter({
        limit: use === "notices" ? 1 : limits[name].limit,
        windowSeconds: limits[name].windowSeconds,
        clock,
      }),
  });
}

/** A bot whose limits run on `clock` (the harness keeps a clock of its own). */
async function limitedBot(clock = new ManualClock(new Date())): Promise<TestBot> {
  const metrics = createPrometheusMetrics();
  return await startTestBot({ metrics, clock, rateLimits: memoryLimits(clock, metrics) });
}

async function counter(h: TestBot, name: string): Promise<number> {
  const text = await h.deps.metrics.render();
  const line = text.split("\n").find((l) => l.startsWith(`${name} `));
  return line ? Number(line.split(" ")[1]) : 0;
}

Deno.test("relays over the limit are dropped, and the sender is told once", async (t) => {
  const clock = new ManualClock(new Date());
  const h = await limitedBot(clock);
  try {
    const { anna, boris } = await startChat(h, [760_001, 760_002]);
    h.telegram.clear();
    await t.step("three pass, the next three are dropped with one notice", async () => {
      for (let i = 1; i <= 6; i++) await h.post(textUpdate(anna, `Сообщение ${i}`));
      assert.equal(h.telegram.callsOf("copyMessage", boris.id).length, 3);
      const notices = h.telegram.textsTo(anna.id).filter((text) => /подряд/.test(text));
      assert.equal(notices.length, 1);
      assert.match(notices[0]!, /не передал.*Подождите \d+ секунд/s);
      assert.equal(await counter(h, "relay_ratelimited_total"), 3);
    });
    await t.step("after the window the chat goes on", async () => {
      clock.advance(10_000);
      await h.post(textUpdate(anna, "Снова здесь"));
      assert.equal(h.telegram.callsOf("copyMessage", boris.id).length, 4);
    });
  } finally {
    await h.close();
  }
});

Deno.test("searching too often is refused; a refused /next leaves the chat as it was", async () => {
  const h = await limitedBot();
  try {
    const { anna } = await startChat(h, [761_001, 761_002]);
    h.telegram.clear();
    // startChat used one /find; /next is the second search.
    await h.post(textUpdate(anna, "/next"));
    h.telegram.clear();
    await h.post(textUpdate(anna, "/find"));
    await h.post(textUpdate(anna, "/next"));
    const texts = h.telegram.textsTo(anna.id);
    assert.equal(texts.filter((text) => /Слишком часто ищете/.test(text)).length, 1);
    assert.equal(await counter(h, "find_ratelimited_total"), 2);
    const [queue] = await h.db.query<{ n: number }>(
      "select count(*)::int as n from public.match_queue q join public.users u on u.id = q.user_id where u.tg_id = $1",
      [anna.id],
    );
    assert.equal(queue!.n, 1, "still searching once, from the /next that was allowed");
  } finally {
    await h.close();
  }
});

Deno.test("a second report within the window is refused at the button", async () => {
  const h = await limitedBot();
  try {
    const { anna, matchId } = await startChat(h, [762_001, 762_002]);
    await h.post(callbackUpdate(anna, `c:rep:${matchId}:spam`));
    const [first] = await h.db.query<{ n: number }>(
      "select count(*)::int as n from public.reports",
    );
    assert.equal(first!.n, 1);
    h.telegram.clear();
    await h.post(callbackUpdate(anna, `c:rep:${matchId}:abuse`));
    const answer = h.telegram.callsOf("answerCallbackQuery").at(-1)!;
    assert.match(answer.payload.text, /Жалоб слишком много/);
    assert.equal(await counter(h, "report_ratelimited_total"), 1);
  } finally {
    await h.close();
  }
});

Deno.test("onboarding answers over the limit are not taken", async () => {
  const h = await limitedBot();
  const vera = user(763_001, "Вера");
  try {
    await say(h, vera, "/start");
    await press(h, vera, "pr:rules");
    for (const year of ["abc", "12", "1700", "1992"]) await say(h, vera, year);
    const [row] = await h.db.query<{ birth_year: number | null }>(
      "select birth_year from public.users where tg_id = $1",
      [vera.id],
    );
    assert.equal(row!.birth_year, null, "the fourth answer in a minute was not taken");
    assert.match(h.telegram.lastTextTo(vera.id)!, /Слишком много ответов подряд/);
    assert.equal(await counter(h, "onboarding_ratelimited_total"), 1);
  } finally {
    await h.close();
  }
});

Deno.test("the Mini App API limits per user and per address, with Retry-After", async () => {
  const db = await createTestDb();
  const clock = new ManualClock(new Date());
  const token = "123456:TEST-token-for-the-mini-app-api";
  const metrics = createPrometheusMetrics();
  const app = createApiApp({ db, metrics }, [{
    path: "/",
    app: buildMiniAppApi({
      db,
      botToken: token,
      clock,
      rateLimiter: createMemoryRateLimiter({ limit: 3, windowSeconds: 60, clock }),
      ipRateLimiter: createMemoryRateLimiter({ limit: 2, windowSeconds: 60, clock }),
      metrics,
    }),
  }]);
  try {
    const anna = await onboardUser(db, 764_001);
    const initData = await signInitData({
      auth_date: String(Math.floor(clock.now().getTime() / 1000)),
      user: JSON.stringify({ id: anna.id, first_name: "Анна" }),
    }, token);
    const status = async (address: string) => {
      const res = await app.request("/api/match/status", {
        headers: { authorization: `tma ${initData}`, "x-forwarded-for": `${address}, 10.0.0.1` },
      });
      await res.body?.cancel();
      return { status: res.status, retryAfter: res.headers.get("retry-after") };
    };
    assert.equal((await status("203.0.113.7")).status, 200);
    assert.equal((await status("203.0.113.7")).status, 200);
    assert.deepEqual(await status("203.0.113.7"), { status: 429, retryAfter: "60" });
    assert.equal((await status("198.51.100.9")).status, 200, "another address, same user");
    assert.equal((await status("198.51.100.10")).status, 429, "the user's own limit (3)");
    const text = await metrics.render();
    assert.match(text, /api_ratelimited_total\{by="ip"\} 1/);
    assert.match(text, /api_ratelimited_total\{by="user"\} 1/);
  } finally {
    await db.close();
  }
});

Deno.test({
  name: "with Redis down the chat goes on (limits fail open) and the failure is counted",
  ignore: !hasRedisServer(),
  sanitizeResources: false,
  sanitizeOps: false,
}, async () => {
  const upstash = await startUpstashStandIn();
  const metrics = createPrometheusMetrics();
  const clock = new ManualClock(new Date());
  const h = await startTestBot({
    metrics,
    clock,
    rateLimits: createBotRateLimits({
      metrics,
      limiter: (name, use) =>
        createUpstashRateLimiter({
          url: upstash.url,
          token: upstash.token,
          limit: use === "notices" ? 1 : 100,
          windowSeconds: 10,
          clock,
          prefix: `e2e-${name}-${use}`,
          onFailure: "open",
          onRedisFailure: (reason) => metrics.inc("ratelimit_redis_failures_total", { reason }),
        }),
    }),
  });
  try {
    const { anna, boris } = await startChat(h, [765_001, 765_002]);
    await h.post(textUpdate(anna, "Redis работает"));
    assert.equal(h.telegram.callsOf("copyMessage", boris.id).length, 1);
    await upstash.stopRedis();
    await h.post(textUpdate(anna, "Redis упал, а разговор идёт"));
    assert.equal(h.telegram.callsOf("copyMessage", boris.id).length, 2);
    assert.match(await metrics.render(), /ratelimit_redis_failures_total\{reason="error"\} 1/);
  } finally {
    await h.close();
    await upstash.close();
  }
});
