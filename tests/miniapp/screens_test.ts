import assert from "node:assert/strict";
import { endedChat } from "../payments/fixtures.ts";
import {
  browserTest,
  checkScreen,
  launchBrowser,
  openApp,
  startMiniAppServer,
  type ThemeName,
} from "./harness.ts";

/**
 * Every screen in the light and the dark theme: rendered with data, no serious or critical
 * axe violation, a screenshot of each (MINIAPP_SCREENSHOTS), the BackButton on inner ones.
 */
browserTest("every Mini App screen in both themes", async (t) => {
  const server = await startMiniAppServer();
  const browser = await launchBrowser();
  try {
    const h = server.bot;
    // A chat that ended well: tips have someone to thank.
    const { anna } = await endedChat(h, [7301, 7302]);
    const [event] = await h.db.query<{ id: string }>(
      `insert into public.events (title, description, starts_at, capacity, moderation, rounds)
       values ('Выгорание: поговорим', 'Пять коротких разговоров о работе и отдыхе',
               now() + interval '3 days', 8, 'approved', 3) returning id`,
    );

    for (const theme of ["light", "dark"] as ThemeName[]) {
      await t.step(`${theme}: home, help, diary, people, events, tips`, async () => {
        const app = await openApp(browser, server, anna, { theme, width: 360 });
        await checkScreen(app, "home", theme);
        const visit = async (nav: string, screen: string) => {
          await app.click(`[data-nav="${nav}"]`);
          await checkScreen(app, screen, theme);
          const back = await app.sent("web_app_setup_back_button");
          assert.equal(back.at(-1)?.data?.is_visible, true, `${screen} shows the BackButton`);
        };
        await visit("help", "help");
        await app.back("home");

        await visit("diary", "diary");
        await app.page.type("#diary-text", "Сегодня было спокойно, гуляла в парке.");
        await app.click('[data-action="write"]');
        await app.page.waitForSelector('[data-field="saved"]');
        await app.page.waitForSelector("[data-entry]");
        await checkScreen(app, "diary", theme);
        await app.click("[data-entry]");
        await checkScreen(app, "diary-entry", theme);
        await app.back("diary");
        await visit("diary-settings", "diary-settings");
        await app.back("diary");
        await app.back("home");

        await visit("profile", "profile");
        await visit("profile-topics", "profile-topics");
        await app.back("profile");
        await app.back("home");

        await visit("people", "people");
        await app.back("home");

        await visit("events", "events");
        await app.click(`[data-event="${event!.id}"]`);
        await checkScreen(app, "event", theme);
        await app.back("events");
        await visit("event-new", "event-new");
        await app.back("events");
        await app.back("home");

        await visit("tips", "tips");
        await app.click("[data-tip-chat]");
        await checkScreen(app, "tip", theme);
        await app.page.close();
      });
    }
  } finally {
    await browser.close();
    await server.close();
  }
});
