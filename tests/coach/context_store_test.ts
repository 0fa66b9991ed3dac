import assert from "node:assert/strict";
import {
  type CoachContextStore,
  createMemoryContextStore,
  createRedisContextStore,
} from "../../shared/coach/context_store.ts";
import { ManualClock } from "../../shared/platform/clock.ts";
import { hasRedisServer, startUpstashStandIn } from "../support/upstash_rest.ts";

/** What every store must do: keep the last N lines in order, forget a chat, keep shown hints. */
async function behavesLikeAStore(t: Deno.TestContext, store: CoachContextStore) {
  const match = crypto.randomUUID();
  await t.step("keeps the last lines, oldest first", async () => {
    for (let i = 1; i <= 5; i++) await store.append(match, { from: i % 2, text: `строка ${i}` });
    assert.deepEqual((await store.recent(match)).map((line) => line.text), [
      "строка 3",
      "строка 4",
      "строка 5",
    ]);
  });
  await t.step("drop() forgets the chat", async () => {
    await store.drop(match);
    assert.deepEqual(await store.recent(match), []);
  });
  await t.step("remembers the hints shown to a person", async () => {
    await store.rememberHints(42, [{ id: "a", text: "Понимаю, как это тяжело." }]);
    assert.deepEqual(await store.shownHints(42), [{ id: "a", text: "Понимаю, как это тяжело." }]);
    assert.deepEqual(await store.shownHints(43), []);
  });
}

Deno.test("the memory context store keeps 3 lines and forgets after its TTL", async (t) => {
  const clock = new ManualClock(new Date());
  const store = createMemoryContextStore({ lines: 3, ttlSeconds: 60, clock });
  await behavesLikeAStore(t, store);
  await t.step("nothing outlives the TTL", async () => {
    const match = crypto.randomUUID();
    await store.append(match, { from: 1, text: "привет" });
    clock.advance(61_000);
    assert.deepEqual(await store.recent(match), []);
    assert.deepEqual(await store.shownHints(42), []);
  });
});

Deno.test({
  name: "the Redis context store does the same in real Redis, with expiring keys",
  ignore: !hasRedisServer(),
  sanitizeResources: false,
  sanitizeOps: false,
}, async (t) => {
  const upstash = await startUpstashStandIn();
  try {
    const prefix = `test-${crypto.randomUUID()}`;
    const store = createRedisContextStore({ ...upstash, lines: 3, ttlSeconds: 1, prefix });
    await behavesLikeAStore(t, store);
    await t.step("keys expire after the TTL", async () => {
      const match = crypto.randomUUID();
      await store.append(match, { from: 1, text: "привет" });
      assert.equal((await store.recent(match)).length, 1);
      await new Promise((resolve) => setTimeout(resolve, 2100));
      assert.deepEqual(await store.recent(match), []);
    });
  } finally {
    await upstash.close();
  }
});
