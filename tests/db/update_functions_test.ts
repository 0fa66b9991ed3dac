import assert from "node:assert/strict";
import { createTestDb } from "../support/test_db.ts";

type Claimed = Array<{ update_id: number; chat_key: number; pass: number; payload: unknown }>;

const enqueue = (
  db: Awaited<ReturnType<typeof createTestDb>>,
  updateId: number,
  chatKey: number,
) =>
  db.call<boolean>("enqueue_update", {
    p_update_id: updateId,
    p_chat_key: chatKey,
    p_tg_user_id: chatKey,
    p_payload: { update_id: updateId, message: { text: "в пути" } },
  });

Deno.test("enqueue_update stores each update id exactly once", async (t) => {
  const db = await createTestDb();
  try {
    await t.step("the first time is true, a repeat is false", async () => {
      assert.equal(await enqueue(db, 1001, 1), true);
      assert.equal(await enqueue(db, 1001, 1), false);
    });
    await t.step("concurrent repeats store it once", async () => {
      const results = await Promise.all(Array.from({ length: 5 }, () => enqueue(db, 1003, 1)));
      assert.equal(results.filter(Boolean).length, 1);
      const [row] = await db.query<{ n: number }>(
        "select count(*)::int as n from public.update_inbox where update_id = 1003",
      );
      assert.equal(row!.n, 1);
    });
    await t.step("an update handled and gone from the inbox is still a repeat", async () => {
      await db.call("complete_update", { p_update_id: 1001, p_effects: [] });
      assert.equal(await enqueue(db, 1001, 1), false);
    });
  } finally {
    await db.close();
  }
});

Deno.test("claim_updates hands out each chat's updates in order, to one worker at a time", async (t) => {
  const db = await createTestDb();
  const claim = (limit = 20, lease = 30) =>
    db.call<Claimed>("claim_updates", { p_limit: limit, p_lease_seconds: lease });
  try {
    for (const [id, chat] of [[11, 1], [12, 2], [13, 1], [14, 1]] as const) {
      await enqueue(db, id, chat);
    }

    await t.step("a claim takes whole chats, oldest first, with their payloads", async () => {
      const taken = await claim();
      assert.deepEqual(taken.map((u) => [Number(u.update_id), Number(u.chat_key)]), [
        [11, 1],
        [12, 2],
        [13, 1],
        [14, 1],
      ]);
      assert.deepEqual(taken[0]!.payload, { update_id: 11, message: { text: "в пути" } });
    });

    await t.step("leased chats are not handed out again, even their new updates", async () => {
      await enqueue(db, 15, 1);
      await enqueue(db, 16, 3);
      assert.deepEqual((await claim()).map((u) => Number(u.update_id)), [16]);
    });

    await t.step("after completion the chat's next update is free", async () => {
      for (const id of [11, 13, 14]) {
        await db.call("complete_update", { p_update_id: id, p_effects: [] });
      }
      assert.deepEqual((await claim()).map((u) => Number(u.update_id)), [15]);
    });

    await t.step("an expired lease (a dead worker) hands the update out again", async () => {
      await db.exec(
        "update public.update_inbox set lease_until = now() - interval '1 second' where update_id = 12",
      );
      assert.deepEqual((await claim()).map((u) => Number(u.update_id)), [12]);
    });

    await t.step(
      "after five expired leases the update is kept as failed, not retried",
      async () => {
        await db.exec(
          "update public.update_inbox set lease_until = now() - interval '1 second', attempts = 5 where update_id = 12",
        );
        assert.deepEqual(await claim(), []);
        const rows = await db.query<{ update_id: string; attempts: number }>(
          "select update_id::text, attempts from public.failed_updates",
        );
        assert.deepEqual(rows, [{ update_id: "12", attempts: 6 }]);
        const [left] = await db.query<{ n: number }>(
          "select count(*)::int as n from public.update_inbox where update_id = 12",
        );
        assert.equal(left!.n, 0);
      },
    );
  } finally {
    await db.close();
  }
});

Deno.test("complete_update records effects once and drops the raw update", async (t) => {
  const db = await createTestDb();
  const effects = [
    { seq: 0, tg_id: 501, method: "sendMessage", params: { chat_id: 501, text: "Привет" } },
    { seq: 1, tg_id: 501, method: "editMessageText", params: { chat_id: 501, text: "Ок" } },
  ];
  const outbox = () =>
    db.query<{ kind: string; method: string; dedupe_key: string; user_id: string | null }>(
      "select kind, method, dedupe_key, user_id from public.outbox order by id",
    );
  try {
    await enqueue(db, 2001, 501);
    await t.step("effects go into the outbox under update:pass:seq keys", async () => {
      assert.deepEqual(
        await db.call("complete_update", { p_update_id: 2001, p_effects: effects }),
        {
          status: "ok",
          queued: 2,
        },
      );
      assert.deepEqual(await outbox(), [
        { kind: "api_call", method: "sendMessage", dedupe_key: "2001:0:0", user_id: null },
        { kind: "api_call", method: "editMessageText", dedupe_key: "2001:0:1", user_id: null },
      ]);
      const [row] = await db.query<{ n: number }>(
        "select count(*)::int as n from public.update_inbox",
      );
      assert.equal(row!.n, 0);
    });
    await t.step("a worker completing it again adds nothing", async () => {
      assert.deepEqual(
        await db.call("complete_update", { p_update_id: 2001, p_effects: effects }),
        { status: "already_done", queued: 0 },
      );
      assert.equal((await outbox()).length, 2);
    });
    await t.step("a replay pass has keys of its own", async () => {
      await db.exec(
        "insert into public.update_inbox (update_id, chat_key, payload, pass) values (2001, 501, '{}', 2)",
      );
      await db.call("complete_update", { p_update_id: 2001, p_effects: effects.slice(0, 1) });
      assert.deepEqual((await outbox()).map((r) => r.dedupe_key), [
        "2001:0:0",
        "2001:0:1",
        "2001:2:0",
      ]);
    });
  } finally {
    await db.close();
  }
});

Deno.test("requeue_failed_updates gives failed updates another pass, with a growing pause", async (t) => {
  const db = await createTestDb();
  const fail = (updateId: number, error = "Error: boom") =>
    db.call("record_failed_update", {
      p_update_id: updateId,
      p_payload: { update_id: updateId, message: { chat: { id: 42 }, text: "только для повтора" } },
      p_tg_user_id: 42,
      p_error_name: error,
    });
  const ageFailures = (minutes: number) =>
    db.exec(
      `update public.failed_updates set failed_at = now() - interval '${minutes} minutes'`,
    );
  const requeue = (limit = 10) => db.call<number>("requeue_failed_updates", { p_limit: limit });
  try {
    await t.step("nothing failed, nothing to requeue", async () => {
      assert.equal(await requeue(), 0);
    });

    await t.step("a fresh failure waits a minute before its replay", async () => {
      await fail(3001);
      assert.equal(await requeue(), 0);
      await ageFailures(1);
      assert.equal(await requeue(), 1);
      const rows = await db.query<{ chat_key: string; pass: number }>(
        "select chat_key::text, pass from public.update_inbox where update_id = 3001",
      );
      assert.deepEqual(rows, [{ chat_key: "42", pass: 1 }]);
      assert.equal(await requeue(), 0);
    });

    await t.step("failing again counts the attempt and waits longer", async () => {
      await db.call("complete_update", { p_update_id: 3001, p_effects: [] });
      await fail(3001, "Error: again");
      await ageFailures(1);
      assert.equal(await requeue(), 0);
      await ageFailures(2);
      assert.equal(await requeue(), 1);
    });

    await t.step("after five attempts an update is no longer replayed", async () => {
      await db.call("complete_update", { p_update_id: 3001, p_effects: [] });
      for (let i = 0; i < 4; i++) await fail(3001);
      await ageFailures(60);
      assert.equal(await requeue(), 0);
    });

    await t.step("long error names are cut to 100 characters", async () => {
      await fail(4001, "E".repeat(500));
      const [row] = await db.query<{ n: number }>(
        "select char_length(error_name) as n from public.failed_updates where update_id = 4001",
      );
      assert.equal(row!.n, 100);
    });
  } finally {
    await db.close();
  }
});

Deno.test("purge_update_records forgets records older than seven days", async () => {
  const db = await createTestDb();
  try {
    for (const id of [5001, 5002]) await enqueue(db, id, 1);
    for (const id of [5001, 5002]) {
      await db.call("record_failed_update", {
        p_update_id: id,
        p_payload: { update_id: id },
        p_tg_user_id: null,
        p_error_name: "Error",
      });
    }
    await db.exec(`
      update public.processed_updates set received_at = now() - interval '8 days' where update_id = 5001;
      update public.failed_updates set failed_at = now() - interval '8 days' where update_id = 5001;
    `);
    assert.deepEqual(await db.call("purge_update_records"), { processed: 1, failed: 1 });
    assert.equal(await enqueue(db, 5002, 1), false);
    assert.deepEqual(await db.call("purge_update_records"), { processed: 0, failed: 0 });
  } finally {
    await db.close();
  }
});
