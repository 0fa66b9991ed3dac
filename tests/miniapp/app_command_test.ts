import assert from "node:assert/strict";
import { startTestBot } from "../support/harness.ts";
import { textUpdate, user } from "../support/updates.ts";
import { registerMenuButton } from "../../shared/miniapp/bot_feature.ts";

const URL_ = "https://example.org/functions/v1/app/";

Deno.test("/app opens the Mini App when it is published", async (t) => {
  const app = await startTestBot({ miniAppUrl: URL_ });
  try {
    const anna = user(8101, "Анна");
    await t.step("a web_app button and the chat's menu button", async () => {
      await app.post(textUpdate(anna, "/app"));
      const [message] = app.telegram.callsOf("sendMessage", anna.id);
      assert.ok(message);
      const button = message.payload.reply_markup.inline_keyboard[0][0];
      assert.deepEqual(button.web_app, { url: URL_ });
      assert.match(button.text, /Открыть приложение/);
      const [menu] = app.telegram.callsOf("setChatMenuButton");
      assert.equal(Number(menu?.payload.chat_id), anna.id);
      assert.equal(menu?.payload.menu_button.type, "web_app");
      assert.equal(menu?.payload.menu_button.web_app.url, URL_);
    });
    await t.step("registerMenuButton() sets the default menu button", async () => {
      await registerMenuButton(app.bot.api, URL_, "Приложение");
      const last = app.telegram.callsOf("setChatMenuButton").at(-1)!;
      assert.equal(last.payload.chat_id, undefined);
      assert.deepEqual(last.payload.menu_button, {
        type: "web_app",
        text: "Приложение",
        web_app: { url: URL_ },
      });
    });
  } finally {
    await app.close();
  }
});

Deno.test("/app without a public URL says how to open it locally", async () => {
  const app = await startTestBot();
  try {
    const oleg = user(8102, "Олег");
    await app.post(textUpdate(oleg, "/app"));
    const text = app.telegram.lastTextTo(oleg.id) ?? "";
    assert.match(text, /MINI_APP_URL/);
    assert.match(text, /deno task dev/);
    assert.equal(app.telegram.callsOf("setChatMenuButton").length, 0);
  } finally {
    await app.close();
  }
});
