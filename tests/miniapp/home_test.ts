import assert from "node:assert/strict";
import { onboard } from "../profile/helpers.ts";
import { user } from "../support/updates.ts";
import {
  browserTest,
  checkScreen,
  launchBrowser,
  type MiniAppServer,
  openApp,
  startMiniAppServer,
  THEMES,
} from "./harness.ts";

browserTest("the Mini App's Home in a real browser", async (t) => {
  const server: MiniAppServer = await startMiniAppServer();
  const browser = await launchBrowser();
  try {
    const anna = user(7101, "Анна");
    await onboard(server.bot, anna, { pseudonym: "Тихая Гавань" });

    await t.step("a registered person sees the idle state in both themes", async () => {
      for (const theme of ["light", "dark"] as const) {
        // The narrowest and the widest phone the issue names.
        const app = await openApp(browser, server, anna, {
          theme,
          width: theme === "light" ? 360 : 430,
        });
        await checkScreen(app, "home", theme);
        assert.match(await app.text(), /Найти собеседника/);
        // The SDK asked for the theme and said it is ready; no BackButton on Home.
        assert.ok((await app.sent("web_app_ready")).length > 0);
        const back = await app.sent("web_app_setup_back_button");
        assert.equal(back.at(-1)?.data?.is_visible ?? false, false);
        const bg = await app.page.evaluate(
          `getComputedStyle(document.documentElement).getPropertyValue("--tg-theme-bg-color")`,
        );
        assert.equal(String(bg).trim(), THEMES[theme].bg_color);
        await app.page.close();
      }
    });

    await t.step("Telegram's safe areas (fullscreen) pad the page", async () => {
      const app = await openApp(browser, server, anna);
      await app.screen("home");
      await app.receive("safe_area_changed", { top: 24, bottom: 16, left: 0, right: 0 });
      await app.receive("content_safe_area_changed", { top: 48, bottom: 0, left: 0, right: 0 });
      await app.page.waitForFunction(`getComputedStyle(document.body).paddingTop === "72px"`);
      assert.equal(
        await app.page.evaluate(`getComputedStyle(document.body).paddingBottom`),
        "16px",
      );
      await app.page.close();
    });

    await t.step(
      "an inner screen shows the BackButton and Telegram's back press leaves it",
      async () => {
        const app = await openApp(browser, server, anna);
        await app.screen("home");
        await app.click('[data-nav="help"]');
        await checkScreen(app, "help", "light");
        assert.match(await app.text(), /Телефоны доверия/);
        const shown = await app.sent("web_app_setup_back_button");
        assert.equal(shown.at(-1)?.data?.is_visible, true);
        await app.receive("back_button_pressed");
        await app.screen("home");
        const hidden = await app.sent("web_app_setup_back_button");
        assert.equal(hidden.at(-1)?.data?.is_visible, false);
        await app.page.close();
      },
    );

    await t.step("someone the bot does not know is sent to the bot to register", async () => {
      const app = await openApp(browser, server, user(7199, "Гость"));
      await checkScreen(app, "home", "light");
      assert.match(await app.text(), /заполните короткий профиль/);
      await app.click(".state .button");
      const [link] = await app.sent("web_app_open_tg_link");
      assert.equal(link?.data?.path_full, "/ty_ne_odin_bot?start=app");
      await app.page.close();
    });
  } finally {
    await browser.close();
    await server.close();
  }
});
