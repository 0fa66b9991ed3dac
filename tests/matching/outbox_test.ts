import assert from "node:assert/strict";
import { createTestDb } from "../support/test_db.ts";
import { activeChat, call, type Json, makeUser, outboxOf } from "./fixtures.ts";

const alice = { tg: 1, topics: [0, 1, 2] };
const bob = { tg: 2, topics: [0, 1, 3] };

Deno.test("claim_outbox hands out due rows once and pushes them a minute ahead", async (t) => {
  const db = await createTestDb();
  try {
    await activeChat(db, alice, bob);
    await t.step("the first claim takes every due row", async () => {
      const claimed = await call(db, "claim_outbox", { p_limit: 50 });
      assert.equal(claimed.status, "ok");
      assert.deepEqual(
        claimed.items.map((i: { kind: string }) => i.kind),
        ["proposal", "proposal", "chat_started", "chat_started"],
      );
      assert.ok(claimed.items.every((i: { attempts: number }) => i.attempts === 1));
      assert.deepEqual(
        claimed.items.map((i: { tg_id: number }) => Number(i.tg_id)).sort(),
        [1, 1, 2, 2],
      );
    });
    await t.step("a second claim finds nothing until the minute has passed", async () => {
      assert.equal((await call(db, "claim_outbox", { p_limit: 50 })).items.length, 0);
      await db.exec("update public.outbox set next_attempt_at = now() - interval '1 second'");
      assert.equal((await call(db, "claim_outbox", { p_limit: 2 })).items.length, 2);
    });
  } finally {
    await db.close();
  }
});

Deno.test("complete_outbox records sent, schedules retries and gives up after 8 attempts", async () => {
  const db = await createTestDb();
  try {
    await activeChat(db, alice, bob);
    const [first, second] = (await call(db, "claim_outbox", { p_limit: 2 })).items;
    assert.equal(
      (await call(db, "complete_outbox", { p_id: first.id, p_result: "sent" })).status,
      "ok",
    );
    await call(db, "complete_outbox", {
      p_id: second.id,
      p_result: "retry",
      p_retry_after_seconds: 30,
    });
    const [row] = await db.query<{ status: string; wait: number }>(
      "select status, extract(epoch from next_attempt_at - now())::int as wait from public.outbox where id = $1",
      [second.id],
    );
    assert.equal(row?.status, "pending");
    assert.ok(row!.wait > 25 && row!.wait <= 30);
    await db.query("update public.outbox set attempts = 8 where id = $1", [second.id]);
    await call(db, "complete_outbox", { p_id: second.id, p_result: "retry" });
    const statuses = await db.query<{ status: string }>(
      "select status from public.outbox where id in ($1, $2) order by id",
      [first.id, second.id],
    );
    assert.deepEqual(statuses.map((s) => s.status), ["sent", "failed"]);
    assert.equal(
      (await call(db, "complete_outbox", { p_id: 999999, p_result: "sent" })).status,
      "not_found",
    );
    await assert.rejects(call(db, "complete_outbox", { p_id: first.id, p_result: "maybe" }));
  } finally {
    await db.close();
  }
});

Deno.test("'gone' ends the user's chat and tells the partner", async () => {
  const db = await createTestDb();
  try {
    const { a, b, matchId } = await activeChat(db, alice, bob);
    const items = (await call(db, "claim_outbox", { p_limit: 10 })).items;
    const toAlice = items.find((i: { tg_id: number }) => Number(i.tg_id) === 1);
    await call(db, "complete_outbox", { p_id: toAlice.id, p_result: "gone" });
    const aliceRows = await outboxOf(db, a);
    assert.ok(aliceRows.every((r) => r.status === "gone" || r.status === "pending") === true);
    assert.equal(aliceRows.filter((r) => r.status === "pending").length, 0);
    assert.deepEqual((await outboxOf(db, b)).at(-1)?.payload, {
      match_id: matchId,
      reason: "partner_gone",
    });
    assert.equal((await call(db, "match_status", { p_tg_id: 2 })).status, "idle");
    const metrics = await call(db, "matching_metrics");
    assert.equal(metrics.active_chats, 0);
    assert.equal(metrics.chats_ended_total, 1);
    assert.equal(metrics.accepted_total, 1);
  } finally {
    await db.close();
  }
});

Deno.test("a dispatcher whose lease ran out neither renews nor puts back a row claimed since", async () => {
  const db = await createTestDb();
  try {
    const user = await makeUser(db, { tg: 1, topics: [0] });
    await db.query(
      `insert into public.outbox (user_id, tg_id, kind, method, payload, dedupe_key)
       values ($1, 1, 'api_call', 'sendMessage', '{"params": {"chat_id": 1, "text": "x"}}', 'k:1')`,
      [user.id],
    );
    const claim = async () =>
      (await call(db, "claim_outbox", { p_limit: 10, p_lease_seconds: 60 })).items as Json[];
    const first = (await claim())[0]!;
    const renew = (attempts: number) =>
      call(db, "renew_outbox_lease", { p_id: first.id, p_attempts: attempts, p_lease_seconds: 60 });
    assert.equal(await renew(first.attempts), true, "the holder renews");
    // Its lease runs out and another dispatcher claims the row.
    await db.query("update public.outbox set next_attempt_at = now() - interval '1 second'");
    const second = (await claim())[0]!;
    assert.equal(second.id, first.id);
    assert.equal(await renew(first.attempts), false, "the first may no longer send it");
    assert.equal(
      (await call(db, "complete_outbox", {
        p_id: first.id,
        p_result: "release",
        p_attempts: first.attempts,
      })).status,
      "stale",
    );
    assert.equal(await renew(second.attempts), true, "the second holds it");
  } finally {
    await db.close();
  }
});
