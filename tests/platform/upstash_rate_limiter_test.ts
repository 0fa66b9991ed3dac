/**
 * The Upstash adapter against a real redis-server behind a local Upstash REST endpoint
 * (tests/support/upstash_rest.ts): the real `@upstash/ratelimit` Lua scripts run in real Redis.
 * Skipped, with a message, where Debian's redis-server is not installed (`.ci/run` installs it).
 */
import assert from "node:assert/strict";
import { systemClock } from "../../shared/platform/clock.ts";
import {
  createUpstashRateLimiter,
  type UpstashRateLimitOptions,
} from "../../shared/platform/rate_limiter.ts";
import { hasRedisServer, startUpstashStandIn } from "../support/upstash_rest.ts";

const ignore = !hasRedisServer();
if (ignore && Deno.env.get("REQUIRE_REDIS") === "1") {
  throw new Error("REQUIRE_REDIS=1 but /usr/bin/redis-server is not installed");
}
if (ignore) console.warn("redis-server is not installed: the Upstash adapter tests are skipped");

function limiter(
  upstash: { url: string; token: string },
  options: Partial<UpstashRateLimitOptions> = {},
) {
  return createUpstashRateLimiter({
    ...upstash,
    limit: 3,
    windowSeconds: 10,
    clock: systemClock,
    prefix: `test-${crypto.randomUUID()}`,
    ...options,
  });
}

/**
 * Upstash's sliding window weighs the previous fixed window (aligned to the epoch) and floors
 * the weighted count: requests that straddle a window's edge can count one fewer. A step that
 * counts to the limit starts at least a second away from the next edge.
 */
async function awayFromWindowEdge(windowSeconds = 10): Promise<void> {
  const windowMs = windowSeconds * 1000;
  const toEdge = windowMs - (Date.now() % windowMs);
  if (toEdge < 1000) await new Promise((resolve) => setTimeout(resolve, toEdge + 50));
}

Deno.test({
  name: "the Upstash rate limiter runs its sliding window in real Redis",
  ignore,
  sanitizeResources: false,
  sanitizeOps: false,
}, async (t) => {
  const upstash = await startUpstashStandIn();
  try {
    await t.step("three pass, the fourth is refused with a Retry-After", async () => {
      const relay = limiter(upstash);
      await awayFromWindowEdge();
      for (let i = 0; i < 3; i++) assert.equal((await relay.limit("user:1")).allowed, true);
      const refused = await relay.limit("user:1");
      assert.equal(refused.allowed, false);
      assert.ok(refused.retryAfterSeconds >= 1 && refused.retryAfterSeconds <= 10);
      assert.equal((await relay.limit("user:2")).allowed, true, "keys are independent");
      assert.ok(upstash.requests() > 0, "the decisions came from Redis");
    });

    await t.step("two instances (two Edge isolates) share one count", async () => {
      const prefix = `shared-${crypto.randomUUID()}`;
      const first = limiter(upstash, { prefix });
      const second = limiter(upstash, { prefix });
      await awayFromWindowEdge();
      assert.equal((await first.limit("user:3")).allowed, true);
      assert.equal((await second.limit("user:3")).allowed, true);
      assert.equal((await first.limit("user:3")).allowed, true);
      assert.equal((await second.limit("user:3")).allowed, false);
    });

    await t.step("a slow Redis: open lets through, closed refuses; both are counted", async () => {
      const failures: string[] = [];
      const open = limiter(upstash, { timeoutMs: 100, onRedisFailure: (r) => failures.push(r) });
      const closed = limiter(upstash, {
        timeoutMs: 100,
        onFailure: "closed",
        onRedisFailure: (r) => failures.push(r),
      });
      upstash.delay(1000);
      assert.equal((await open.limit("user:4")).allowed, true);
      assert.equal((await closed.limit("user:4")).allowed, false);
      upstash.delay(0);
      assert.deepEqual(failures, ["timeout", "timeout"]);
    });

    await t.step("Redis unreachable: the same rule", async () => {
      const failures: string[] = [];
      const open = limiter(upstash, { onRedisFailure: (r) => failures.push(r) });
      const closed = limiter(upstash, {
        onFailure: "closed",
        onRedisFailure: (r) => failures.push(r),
      });
      await upstash.stopRedis();
      assert.equal((await open.limit("user:5")).allowed, true);
      assert.equal((await closed.limit("user:5")).allowed, false);
      assert.deepEqual(failures, ["error", "error"]);
    });
  } finally {
    await upstash.close();
  }
});
