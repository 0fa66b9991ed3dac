import assert from "node:assert/strict";
import { createApiApp } from "../../shared/api/create_api_app.ts";
import { buildMiniAppApi } from "../../shared/api/build_mini_app_api.ts";
import { signInitData, validateInitData } from "../../shared/matching/init_data.ts";
import { createPrometheusMetrics } from "../../shared/metrics/prometheus.ts";
import { ManualClock } from "../../shared/platform/clock.ts";
import {
  createMemoryRateLimiter,
  createRateLimiter,
  type RateLimiter,
} from "../../shared/platform/rate_limiter.ts";
import { onboardUser } from "../chat/fixtures.ts";
import { createTestDb } from "../support/test_db.ts";

const BOT_TOKEN = "123456:TEST-token-for-the-mini-app-api";

async function initDataFor(tgId: number, authDate: Date, token = BOT_TOKEN) {
  return await signInitData({
    auth_date: String(Math.floor(authDate.getTime() / 1000)),
    query_id: "AAH-test",
    user: JSON.stringify({ id: tgId, first_name: "Анна", username: "anna" }),
  }, token);
}

Deno.test("validateInitData() accepts Telegram's signature and nothing else", async (t) => {
  const now = new Date("2026-11-22T12:00:00Z");
  await t.step("a fresh, correctly signed initData names the user", async () => {
    const data = await initDataFor(42, new Date(now.getTime() - 60_000));
    const user = await validateInitData(data, BOT_TOKEN, now);
    assert.equal(user?.id, 42);
  });
  await t.step("a changed field or another bot's token fails the hash", async () => {
    const data = await initDataFor(42, now);
    assert.equal(await validateInitData(data.replace("42", "43"), BOT_TOKEN, now), null);
    const foreign = await initDataFor(42, now, "654321:another-bot-token-abcdefghij");
    assert.equal(await validateInitData(foreign, BOT_TOKEN, now), null);
  });
  await t.step("initData older than 24 hours is stale", async () => {
    const old = await initDataFor(42, new Date(now.getTime() - 25 * 3600_000));
    assert.equal(await validateInitData(old, BOT_TOKEN, now), null);
    const day = await initDataFor(42, new Date(now.getTime() - 23 * 3600_000));
    assert.equal((await validateInitData(day, BOT_TOKEN, now))?.id, 42);
  });
  await t.step("no hash, a malformed hash or no user is refused", async () => {
    assert.equal(await validateInitData("auth_date=1&user=%7B%7D", BOT_TOKEN, now), null);
    assert.equal(await validateInitData("hash=zz", BOT_TOKEN, now), null);
    const noUser = await signInitData({ auth_date: String(now.getTime() / 1000) }, BOT_TOKEN);
    assert.equal(await validateInitData(noUser, BOT_TOKEN, now), null);
  });
});

Deno.test("the in-memory rate limiter is a sliding window per key", async () => {
  const clock = new ManualClock(new Date("2026-11-22T12:00:00Z"));
  const limiter = createMemoryRateLimiter({ limit: 2, windowSeconds: 10, clock });
  assert.equal((await limiter.limit("a")).allowed, true);
  clock.advance(4000);
  assert.equal((await limiter.limit("a")).allowed, true);
  const refused = await limiter.limit("a");
  assert.deepEqual(refused, { allowed: false, remaining: 0, retryAfterSeconds: 6 });
  assert.equal((await limiter.limit("b")).allowed, true, "keys are independent");
  clock.advance(6000);
  assert.equal((await limiter.limit("a")).allowed, true, "the first hit left the window");
  assert.throws(() => createMemoryRateLimiter({ limit: 0, windowSeconds: 1, clock }));
});

Deno.test("createRateLimiter() builds the Upstash limiter only when Upstash is configured", () => {
  const clock = new ManualClock();
  const options = { limit: 5, windowSeconds: 60, clock };
  // Building makes no request; only limit() talks to Upstash.
  const upstash = createRateLimiter({
    upstash: { url: "https://example-upstash.invalid", token: "token" },
  }, options);
  assert.equal(typeof upstash.limit, "function");
  const memory = createRateLimiter({}, options);
  assert.equal(typeof memory.limit, "function");
});

Deno.test("the Mini App match API", async (t) => {
  const db = await createTestDb();
  const clock = new ManualClock(new Date());
  let limiter: RateLimiter = createMemoryRateLimiter({ limit: 100, windowSeconds: 60, clock });
  const app = createApiApp({ db, metrics: createPrometheusMetrics() }, [{
    path: "/",
    app: buildMiniAppApi({
      db,
      botToken: BOT_TOKEN,
      clock,
      rateLimiter: { limit: (key) => limiter.limit(key) },
    }),
  }]);
  const request = async (
    path: string,
    options: { tgId?: number; initData?: string; method?: string; body?: unknown } = {},
  ) => {
    const initData = options.initData ??
      (options.tgId ? await initDataFor(options.tgId, clock.now()) : undefined);
    const res = await app.request(`/api${path}`, {
      method: options.method ?? "POST",
      headers: {
        ...(initData ? { authorization: `tma ${initData}` } : {}),
        ...(options.body !== undefined ? { "content-type": "application/json" } : {}),
      },
      body: options.body === undefined
        ? undefined
        : typeof options.body === "string"
        ? options.body
        : JSON.stringify(options.body),
    });
    return { status: res.status, body: await res.json(), headers: res.headers };
  };

  try {
    await t.step(
      "the OpenAPI 3.1 document lists the mounted routes (no diary, coach or tips here)",
      async () => {
        const { status, body } = await request("/openapi.json", { method: "GET" });
        assert.equal(status, 200);
        assert.equal(body.openapi, "3.1.0");
        assert.deepEqual(Object.keys(body.paths).sort(), [
          "/account",
          "/account/export",
          "/events",
          "/events/mine",
          "/events/recommended",
          "/events/{id}",
          "/events/{id}/confirm",
          "/events/{id}/register",
          "/match/cancel",
          "/match/confirm",
          "/match/find",
          "/match/status",
          "/profile",
          "/recommendations/topics",
          "/recommendations/topics/{id}",
          "/safety/restriction",
          "/safety/sos",
          "/similar",
          "/similar/{id}/propose",
          "/topics",
        ]);
      },
    );

    await t.step("no, forged or stale initData gets 401 with a JSON error", async () => {
      for (
        const initData of [
          undefined,
          "query_id=1&hash=" + "0".repeat(64),
          await initDataFor(1, new Date(clock.now().getTime() - 25 * 3600_000)),
        ]
      ) {
        const res = await request("/match/status", { method: "GET", initData });
        assert.equal(res.status, 401);
        assert.equal(res.body.error.code, "unauthorized");
        assert.match(res.body.error.message, /откройте его заново из Telegram/);
      }
    });

    await t.step("someone the bot does not know cannot search (404 not_registered)", async () => {
      const res = await request("/match/find", { tgId: 750_000 });
      assert.equal(res.status, 404);
      assert.equal(res.body.error.code, "not_registered");
      assert.match(res.body.error.message, /Откройте бота и нажмите \/start/);
    });

    const anna = await onboardUser(db, 750_001);
    const boris = await onboardUser(db, 750_002);
    let matchId = "";

    await t.step("find queues (202), the second find proposes (200)", async () => {
      const first = await request("/match/find", { tgId: anna.id });
      assert.equal(first.status, 202);
      assert.equal(first.body.status, "queued");
      const status = await request("/match/status", { method: "GET", tgId: anna.id });
      assert.equal(status.body.status, "searching");
      const second = await request("/match/find", { tgId: boris.id });
      assert.equal(second.status, 200);
      assert.equal(second.body.status, "proposed");
      matchId = second.body.match_id;
      assert.equal(
        (await request("/match/status", { method: "GET", tgId: anna.id })).body.status,
        "proposed",
      );
    });

    await t.step(
      "a bad confirm body gets 400 with a Russian reason, never zod's dump",
      async () => {
        for (
          const body of [
            "not json",
            {},
            { match_id: "nope", accept: true },
            { match_id: matchId, accept: "yes" },
            { match_id: matchId, accept: true, extra: 1 },
          ]
        ) {
          const res = await request("/match/confirm", { tgId: anna.id, body });
          assert.equal(res.status, 400, JSON.stringify(body));
          const code = typeof body === "string" ? "invalid_json" : "invalid_input";
          assert.equal(res.body.error.code, code, JSON.stringify(body));
          assert.match(res.body.error.message, /^[^a-z{]*[А-Я][^{}]*$/u, res.body.error.message);
        }
      },
    );

    await t.step("a third user's confirm is 404 and changes nothing", async () => {
      const res = await request("/match/confirm", {
        tgId: 750_003,
        body: { match_id: matchId, accept: true },
      });
      assert.equal(res.status, 404);
    });

    await t.step("both accept: waiting, then the chat starts; a repeat is 409", async () => {
      const first = await request("/match/confirm", {
        tgId: anna.id,
        body: { match_id: matchId, accept: true },
      });
      assert.deepEqual([first.status, first.body.status], [200, "waiting_for_partner"]);
      const second = await request("/match/confirm", {
        tgId: boris.id,
        body: { match_id: matchId, accept: true },
      });
      assert.deepEqual([second.status, second.body.status], [200, "chat_started"]);
      const again = await request("/match/confirm", {
        tgId: boris.id,
        body: { match_id: matchId, accept: true },
      });
      assert.deepEqual([again.status, again.body.error.code], [409, "already_answered"]);
      const status = await request("/match/status", { method: "GET", tgId: anna.id });
      assert.equal(status.body.status, "in_chat");
    });

    await t.step("cancel without a search is 409", async () => {
      const res = await request("/match/cancel", { tgId: anna.id });
      assert.deepEqual([res.status, res.body.error.code], [409, "not_searching"]);
    });

    await t.step("too many requests get 429 with Retry-After", async () => {
      limiter = createMemoryRateLimiter({ limit: 2, windowSeconds: 60, clock });
      assert.equal((await request("/match/status", { method: "GET", tgId: anna.id })).status, 200);
      assert.equal((await request("/match/status", { method: "GET", tgId: anna.id })).status, 200);
      const limited = await request("/match/status", { method: "GET", tgId: anna.id });
      assert.equal(limited.status, 429);
      assert.equal(limited.headers.get("retry-after"), "60");
      assert.equal(limited.body.error.code, "rate_limited");
      assert.match(limited.body.error.message, /Подождите 60 с/);
      const other = await request("/match/status", { method: "GET", tgId: boris.id });
      assert.equal(other.status, 200, "the limit is per user");
    });

    await t.step(
      "the crisis lines and the user's restriction are there for the Mini App",
      async () => {
        limiter = createMemoryRateLimiter({ limit: 100, windowSeconds: 60, clock });
        const sos = await request("/safety/sos", { method: "GET", tgId: boris.id });
        assert.equal(sos.status, 200);
        assert.equal(sos.body.emergency, "112");
        assert.ok(sos.body.lines.some((l: { phone: string }) => l.phone === "8-800-2000-122"));
        assert.equal((await request("/safety/sos", { method: "GET" })).status, 401);
        const free = await request("/safety/restriction", { method: "GET", tgId: boris.id });
        assert.deepEqual(free.body, { status: "none" });
      },
    );

    await t.step("a muted user's search is refused with 403 and until when", async () => {
      await db.query("select admin.mute_user($1, 30)", [boris.userId]);
      const refused = await request("/match/find", { tgId: boris.id });
      assert.equal(refused.status, 403);
      assert.equal(refused.body.error.code, "restricted");
      assert.match(refused.body.error.message, /действует до \d{4}-\d\d-\d\d \d\d:\d\d/);
      assert.equal(refused.body.kind, "mute");
      assert.ok(Date.parse(refused.body.ends_at) > clock.now().getTime());
      const state = await request("/safety/restriction", { method: "GET", tgId: boris.id });
      assert.equal(state.body.status, "restricted");
      assert.equal(state.body.minutes, 30);
    });
  } finally {
    await db.close();
  }
});
