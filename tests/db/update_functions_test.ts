import assert from "node:assert/strict";
import { createTestDb } from "../support/test_db.ts";

Deno.test("record_update lets each update id through exactly once", async (t) => {
  const db = await createTestDb();
  try {
    await t.step("the first time is true, a repeat is false", async () => {
      assert.equal(await db.call("record_update", { p_update_id: 1001 }), true);
      assert.equal(await db.call("record_update", { p_update_id: 1001 }), false);
      assert.equal(await db.call("record_update", { p_update_id: 1001 }), false);
    });
    await t.step("another id is independent", async () => {
      assert.equal(await db.call("record_update", { p_update_id: 1002 }), true);
    });
    await t.step("concurrent repeats let exactly one through", async () => {
      const results = await Promise.all(
        Array.from({ length: 5 }, () => db.call<boolean>("record_update", { p_update_id: 1003 })),
      );
      assert.equal(results.filter(Boolean).length, 1);
    });
  } finally {
    await db.close();
  }
});

Deno.test("take_failed_updates hands out failed updates for one replay each", async (t) => {
  const db = await createTestDb();
  const fail = (updateId: number, error = "Error: boom") =>
    db.call("record_failed_update", {
      p_update_id: updateId,
      p_payload: { update_id: updateId, message: { text: "kept only for replay" } },
      p_tg_user_id: 42,
      p_error_name: error,
    });
  const take = (limit: number) =>
    db.call<Array<{ update_id: number }>>("take_failed_updates", { p_limit: limit });
  try {
    await t.step("nothing failed, nothing to take", async () => {
      assert.deepEqual(await take(10), []);
    });

    await t.step("a failed update is taken once, with its payload", async () => {
      assert.equal(await db.call("record_update", { p_update_id: 2001 }), true);
      await fail(2001);
      const taken = await take(10);
      assert.deepEqual(taken, [{ update_id: 2001, message: { text: "kept only for replay" } }]);
      assert.deepEqual(await take(10), []);
    });

    await t.step("a taken update passes the idempotency check once more", async () => {
      assert.equal(await db.call("record_update", { p_update_id: 2001 }), true);
      assert.equal(await db.call("record_update", { p_update_id: 2001 }), false);
    });

    await t.step("failing again makes it available again and counts the attempt", async () => {
      await fail(2001, "Error: again");
      assert.deepEqual((await take(10)).map((u) => u.update_id), [2001]);
      const [row] = await db.query<{ attempts: number; error_name: string }>(
        "select attempts, error_name from public.failed_updates where update_id = 2001",
      );
      assert.deepEqual(row, { attempts: 2, error_name: "Error: again" });
    });

    await t.step("after five attempts an update is no longer replayed", async () => {
      for (let i = 0; i < 3; i++) await fail(2001);
      assert.deepEqual((await take(10)).map((u) => u.update_id), [2001]);
      await fail(2001); // sixth attempt
      assert.deepEqual(await take(10), []);
    });

    await t.step("the limit is respected and the oldest failures go first", async () => {
      for (const id of [3001, 3002, 3003]) await fail(id);
      await db.exec(`
        update public.failed_updates set failed_at = now() - interval '3 minutes' where update_id = 3003;
        update public.failed_updates set failed_at = now() - interval '2 minutes' where update_id = 3001;
        update public.failed_updates set failed_at = now() - interval '1 minutes' where update_id = 3002;
      `);
      assert.deepEqual((await take(2)).map((u) => u.update_id).sort(), [3001, 3003]);
      assert.deepEqual((await take(2)).map((u) => u.update_id), [3002]);
      assert.deepEqual(await take(0), []);
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
    for (const id of [5001, 5002]) await db.call("record_update", { p_update_id: id });
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
    assert.equal(await db.call("record_update", { p_update_id: 5002 }), false);
    assert.deepEqual(await db.call("purge_update_records"), { processed: 0, failed: 0 });
  } finally {
    await db.close();
  }
});
