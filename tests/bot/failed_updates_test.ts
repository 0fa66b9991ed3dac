import assert from "node:assert/strict";
import { replayFailedUpdates } from "../../shared/bot/replay.ts";
import { createJsonLogger } from "../../shared/platform/logger.ts";
import { startTestBot } from "../support/harness.ts";
import { textUpdate, user } from "../support/updates.ts";

Deno.test("a failing update is answered with 200, kept for replay and replayed once", async (t) => {
  const logLines: string[] = [];
  const app = await startTestBot({ logger: createJsonLogger((line) => logLines.push(line)) });
  const vera = user(777_001_234, "Вера");
  const update = textUpdate(vera, "/start");
  try {
    await t.step("Telegram refusing the reply makes the handler fail", async () => {
      app.telegram.failNext("sendMessage", {
        chatId: vera.id,
        errorCode: 400,
        description: "Bad Request: message is too long",
      });
      const response = await app.post(update);
      assert.equal(response.status, 200);
      await response.body?.cancel();
    });

    await t.step("the failure is stored for replay and the user is told politely", async () => {
      const rows = await app.db.query<{ update_id: string; error_name: string; attempts: number }>(
        "select update_id::text, error_name, attempts from public.failed_updates",
      );
      assert.equal(rows.length, 1);
      assert.equal(rows[0]!.update_id, String(update.update_id));
      assert.match(rows[0]!.error_name, /GrammyError/);
      assert.match(app.telegram.lastTextTo(vera.id) ?? "", /Что-то пошло не так/);
      const metrics = await app.deps.metrics.render();
      assert.match(metrics, /telegram_updates_total\{outcome="error"\} 1/);
      assert.match(metrics, /telegram_handler_errors_total 1/);
    });

    await t.step("the log has the failure but no Telegram id or name", () => {
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
      assert.equal(await replayFailedUpdates(app.bot, app.db), 1);
      assert.match(app.telegram.lastTextTo(vera.id) ?? "", /не психотерапия/);
      const [row] = await app.db.query<{ replayed: boolean }>(
        "select replayed_at is not null as replayed from public.failed_updates",
      );
      assert.equal(row?.replayed, true);
      assert.equal(await replayFailedUpdates(app.bot, app.db), 0);
    });
  } finally {
    await app.close();
  }
});
