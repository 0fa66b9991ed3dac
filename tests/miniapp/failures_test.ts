import assert from "node:assert/strict";
import type { HTTPRequest } from "puppeteer-core";
import { onboard } from "../profile/helpers.ts";
import { user } from "../support/updates.ts";
import {
  assertAccessible,
  browserTest,
  checkScreen,
  launchBrowser,
  openApp,
  startMiniAppServer,
  THEMES,
} from "./harness.ts";

browserTest("the Mini App when something is wrong", async (t) => {
  const server = await startMiniAppServer();
  const browser = await launchBrowser();
  try {
    const vera = user(7201, "Вера");
    await onboard(server.bot, vera, { pseudonym: "Ясный День" });

    await t.step("opened in a plain browser: how to open it in Telegram", async () => {
      for (const theme of ["light", "dark"] as const) {
        const app = await openApp(browser, server, vera, { outsideTelegram: true, theme });
        await checkScreen(app, "outside", theme);
        const text = await app.text();
        assert.match(text, /открывается в Telegram/);
        assert.match(text, /@ty_ne_odin_bot/);
        assert.deepEqual(await app.bridge(), [], "nothing is sent to a Telegram that is not there");
        await app.page.close();
      }
    });

    await t.step("expired initData: reopen from Telegram, never a blank page", async () => {
      const dayAgo = new Date(Date.now() - 25 * 3600_000);
      const app = await openApp(browser, server, vera, { authDate: dayAgo, theme: "dark" });
      await checkScreen(app, "reopen", "dark");
      assert.match(await app.text(), /Откройте заново из Telegram/);
      await app.click(".button");
      assert.equal((await app.sent("web_app_close")).length, 1);
      await app.page.close();
    });

    await t.step("forged initData (another bot's token) gets the same page", async () => {
      const app = await openApp(browser, server, vera, {
        signWith: "654321:another-bot-token-abcdefghijklmnop",
      });
      await checkScreen(app, "reopen", "light");
      await app.page.close();
    });

    await t.step("the API down: a visible retry that works once it is back", async () => {
      const app = await openApp(browser, server, vera, { deferNavigation: true });
      let down = true;
      await app.page.setRequestInterception(true);
      app.page.on("request", (request: HTTPRequest) => {
        if (down && request.url().includes("/functions/v1/api/")) request.abort("failed");
        else request.continue();
      });
      await app.navigate();
      await app.page.waitForSelector(".error-state");
      await checkScreen(app, "home", "light");
      assert.match(await app.text(), /Нет связи с сервером/);
      down = false;
      await app.click(".error-state .button");
      await app.page.waitForSelector('[data-action="find"]');
      await app.page.close();
    });

    await t.step("a 429 shows the wait and holds the retry until it passed", async () => {
      const app = await openApp(browser, server, vera, { deferNavigation: true });
      await app.page.setRequestInterception(true);
      app.page.on("request", (request: HTTPRequest) => {
        if (request.url().endsWith("/match/status")) {
          request.respond({
            status: 429,
            headers: { "retry-after": "7", "access-control-expose-headers": "retry-after" },
            contentType: "application/json",
            body: JSON.stringify({ error: { code: "rate_limited", message: "rate_limited" } }),
          });
        } else request.continue();
      });
      await app.navigate();
      await app.page.waitForSelector('.error-state[data-error="rate_limited"]');
      const text = await app.text();
      assert.match(text, /Слишком много действий подряд/);
      assert.match(text, /Можно повторить через [67] с/);
      assert.ok(await app.page.$eval(".error-state .button", (b) => b.hasAttribute("disabled")));
      await app.page.close();
    });

    await t.step("a temporary ban shows until when, and no search button", async () => {
      const lev = user(7202, "Лев");
      await onboard(server.bot, lev, { pseudonym: "Горный Ручей" });
      await server.bot.db.query(
        `insert into public.sanctions (user_id, kind, reason, imposed_by, ends_at)
         select id, 'temp_ban', 'moderator', 'test', now() + interval '2 hours'
           from public.users where tg_id = $1`,
        [lev.id],
      );
      const app = await openApp(browser, server, lev, { theme: "dark" });
      await checkScreen(app, "home", "dark");
      const text = await app.text();
      assert.match(text, /Аккаунт заблокирован/);
      assert.match(text, /Ограничение действует до \d+ [а-я]+/);
      assert.equal(await app.page.$('[data-action="find"]'), null);
      await app.page.close();
    });

    await t.step("Telegram switches to the dark theme while the app is open", async () => {
      const app = await openApp(browser, server, vera, { theme: "light" });
      await app.screen("home");
      const background = () =>
        app.page.evaluate(`getComputedStyle(document.body).backgroundColor`) as Promise<string>;
      const before = await background();
      await app.receive("theme_changed", { theme_params: THEMES.dark });
      await app.page.waitForFunction(`document.documentElement.dataset.theme === "dark"`);
      assert.notEqual(await background(), before);
      assert.equal(await background(), "rgb(21, 30, 39)", "the dark secondary background");
      await assertAccessible(app.page, "home after theme_changed");
      await app.page.close();
    });

    await t.step("a double tap on «Найти собеседника» sends one request", async () => {
      const app = await openApp(browser, server, vera);
      await app.screen("home");
      const finds: string[] = [];
      app.page.on("request", (request: HTTPRequest) => {
        if (request.method() === "POST" && request.url().endsWith("/match/find")) {
          finds.push(request.url());
        }
      });
      await app.page.$eval('[data-action="find"]', (button) => {
        (button as unknown as { click(): void }).click();
        (button as unknown as { click(): void }).click();
      });
      await app.page.waitForSelector('[data-action="cancel"]');
      assert.equal(finds.length, 1);
      assert.match(await app.text(), /Ищем собеседника/);
      // Haptics after a tap that changed something.
      assert.ok((await app.sent("web_app_trigger_haptic_feedback")).length >= 1);
      await app.click('[data-action="cancel"]');
      await app.page.waitForSelector('[data-action="find"]');
      await app.page.close();
    });
  } finally {
    await browser.close();
    await server.close();
  }
});
