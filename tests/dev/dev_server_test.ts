import assert from "node:assert/strict";
import { parseConfig } from "../../shared/config.ts";
import { startDevServer } from "../../shared/dev/dev_server.ts";
import { silentLogger } from "../../shared/platform/logger.ts";
import { FakeTelegram } from "../support/fake_telegram.ts";
import { textUpdate, user } from "../support/updates.ts";

const SECRET = "dev-server-webhook-secret-42";

Deno.test("the dev server serves the API without a bot token", async () => {
  const config = { ...parseConfig({ PGLITE_DATA_DIR: "memory://" }), port: 0 };
  const server = await startDevServer(config, silentLogger);
  try {
    const health = await fetch(`${server.url}/functions/v1/api/health`);
    assert.equal(health.status, 200);
    assert.equal((await health.json()).status, "ok");
    const webhook = await fetch(`${server.url}/functions/v1/telegram-bot`, { method: "POST" });
    assert.equal(webhook.status, 404);
    await webhook.body?.cancel();
  } finally {
    await server.shutdown();
  }
});

Deno.test("the dev server runs the bot as a webhook under the Supabase path", async (t) => {
  const telegram = new FakeTelegram();
  const apiRoot = telegram.start();
  const config = {
    ...parseConfig({
      PGLITE_DATA_DIR: "memory://",
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: apiRoot,
      BOT_MODE: "webhook",
      TELEGRAM_WEBHOOK_SECRET: SECRET,
    }),
    port: 0,
  };
  const server = await startDevServer(config, silentLogger);
  try {
    await t.step("the Russian command menu is registered at start", () => {
      const [call] = telegram.callsOf("setMyCommands");
      assert.ok(call, "setMyCommands was not called");
      assert.ok(call.payload.commands.some((c: { command: string }) => c.command === "start"));
    });

    await t.step("an update without the secret header is refused", async () => {
      const response = await fetch(`${server.url}/functions/v1/telegram-bot`, {
        method: "POST",
        body: JSON.stringify(textUpdate(user(501), "/start")),
      });
      assert.equal(response.status, 401);
      await response.body?.cancel();
      assert.equal(telegram.callsOf("sendMessage", 501).length, 0);
    });

    await t.step("/start through the webhook is answered", async () => {
      const response = await fetch(`${server.url}/functions/v1/telegram-bot`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-telegram-bot-api-secret-token": SECRET,
        },
        body: JSON.stringify(textUpdate(user(501), "/start")),
      });
      assert.equal(response.status, 200);
      await response.body?.cancel();
      // Answered at once; the reply follows from the inbox worker and the outbox.
      await waitFor(() => telegram.callsOf("sendMessage", 501).length > 0);
    });
  } finally {
    await server.shutdown();
    await telegram.stop();
  }
});

Deno.test("the dev server runs the bot by long polling by default", async () => {
  const telegram = new FakeTelegram();
  const apiRoot = telegram.start();
  const config = {
    ...parseConfig({
      PGLITE_DATA_DIR: "memory://",
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: apiRoot,
    }),
    port: 0,
  };
  assert.equal(config.telegram.mode, "polling");
  const server = await startDevServer(config, silentLogger);
  try {
    assert.equal(telegram.callsOf("deleteWebhook").length, 1);
    telegram.queueUpdate(textUpdate(user(502), "/start"));
    for (let i = 0; i < 100 && telegram.callsOf("sendMessage", 502).length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.ok(telegram.callsOf("sendMessage", 502).length > 0, "/start was not answered");
  } finally {
    await server.shutdown();
    await telegram.stop();
  }
});

/** Polls until `condition` holds (the bot answers after the webhook response). */
async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out waiting for the bot");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
