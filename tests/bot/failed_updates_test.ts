import assert from "node:assert/strict";
import type { Db } from "../../shared/db/db.ts";
import { createJsonLogger } from "../../shared/platform/logger.ts";
import { startTestBot } from "../support/harness.ts";
import { textUpdate, user } from "../support/updates.ts";
import { createTestDb } from "../support/test_db.ts";

/** A database whose function `fn` fails the next `times` calls, as a broken deploy would. */
function failingDb(db: Db, fn: string, error: () => Error) {
  const plan = { times: 0 };
  const wrapped: Db = {
    call: (name, args) => {
      if (name === fn && plan.times > 0) {
        plan.times--;
        return Promise.reject(error());
      }
      return db.call(name, args);
    },
    ping: () => db.ping(),
    close: () => db.close(),
  };
  return { db: wrapped, failNext: (times = 1) => void (plan.times = times) };
}

Deno.test("a failing update is answered with 200, kept for replay and replayed once", async (t) => {
  const logLines: string[] = [];
  const base = await createTestDb();
  const broken = failingDb(
    base,
    "ensure_user",
    () => new Error('invalid input syntax for type integer: "Вера 777001234"'),
  );
  const app = await startTestBot({
    db: broken.db,
    logger: createJsonLogger((line) => logLines.push(line)),
  });
  const vera = user(777_001_234, "Вера");
  const update = textUpdate(vera, "/start");
  try {
    await t.step("a database fault makes the handler fail; Telegram still gets 200", async () => {
      broken.failNext();
      const response = await app.post(update);
      assert.equal(response.status, 200);
      await response.body?.cancel();
    });

    await t.step("the failure is stored for replay and the user is told politely", async () => {
      const rows = await base.query<{ update_id: string; error_name: string; attempts: number }>(
        "select update_id::text, error_name, attempts from public.failed_updates",
      );
      assert.equal(rows.length, 1);
      assert.equal(rows[0]!.update_id, String(update.update_id));
      assert.match(rows[0]!.error_name, /^Error: invalid input syntax/);
      assert.deepEqual(app.telegram.textsTo(vera.id).length, 1);
      assert.match(app.telegram.lastTextTo(vera.id) ?? "", /Что-то пошло не так/);
      const metrics = await app.deps.metrics.render();
      assert.match(metrics, /telegram_updates_total\{outcome="error"\} 1/);
      assert.match(metrics, /telegram_handler_errors_total 1/);
      const [inbox] = await base.query<{ n: number }>(
        "select count(*)::int as n from public.update_inbox",
      );
      assert.equal(inbox!.n, 0, "a stored failure leaves the inbox");
    });

    await t.step("the log has the failure but no Telegram id, name or quoted input", () => {
      const failure = logLines.find((line) => line.includes("update_failed"));
      assert.ok(failure, "no update_failed log line");
      for (const line of logLines) {
        assert.ok(!line.includes(String(vera.id)), `log line carries the Telegram id: ${line}`);
        assert.ok(!line.includes(vera.first_name), `log line carries the name: ${line}`);
      }
    });

    await t.step("Telegram re-sending the same update has no second effect", async () => {
      const before = app.telegram.calls.length;
      const response = await app.post(update);
      assert.equal(response.status, 200);
      await response.body?.cancel();
      assert.equal(app.telegram.calls.length, before);
    });

    await t.step("replay runs the update through the bot again, once", async () => {
      app.telegram.clear();
      await base.exec("update public.failed_updates set failed_at = now() - interval '2 minutes'");
      assert.equal(await app.pipeline.replayFailed(), 1);
      await app.settle();
      assert.match(app.telegram.lastTextTo(vera.id) ?? "", /не психотерапия/);
      const [row] = await base.query<{ replayed: boolean }>(
        "select replayed_at is not null as replayed from public.failed_updates",
      );
      assert.equal(row?.replayed, true);
      assert.equal(await app.pipeline.replayFailed(), 0);
    });
  } finally {
    await app.close();
    await base.close();
  }
});

Deno.test("an update whose failure cannot be stored stays in the inbox and is not lost", async (t) => {
  const logLines: string[] = [];
  const base = await createTestDb();
  const brokenStart = failingDb(base, "ensure_user", () => new Error("boom"));
  const brokenStore = failingDb(brokenStart.db, "record_failed_update", () => new Error("down"));
  const app = await startTestBot({
    db: brokenStore.db,
    logger: createJsonLogger((line) => logLines.push(line)),
  });
  const vera = user(777_001_235, "Вера");
  const update = textUpdate(vera, "/start");
  try {
    await t.step("both the handler and storing its failure fail: still 200", async () => {
      brokenStart.failNext();
      brokenStore.failNext();
      const response = await app.post(update);
      assert.equal(response.status, 200);
      await response.body?.cancel();
      assert.equal(app.telegram.textsTo(vera.id).length, 0);
      const rows = await base.query<{ attempts: number }>(
        "select attempts from public.update_inbox where update_id = $1",
        [update.update_id],
      );
      assert.deepEqual(rows, [{ attempts: 1 }]);
      assert.ok(logLines.some((line) => line.includes("failed_update_not_stored")));
      assert.ok(logLines.every((line) => !line.includes(String(vera.id))));
    });

    await t.step("when its lease runs out the next sweep handles it", async () => {
      await base.exec("update public.update_inbox set lease_until = now() - interval '1 second'");
      await app.pipeline.worker.kick();
      await app.settle();
      assert.match(app.telegram.lastTextTo(vera.id) ?? "", /не психотерапия/);
      const [left] = await base.query<{ n: number }>(
        "select count(*)::int as n from public.update_inbox",
      );
      assert.equal(left!.n, 0);
    });
  } finally {
    await app.close();
    await base.close();
  }
});
