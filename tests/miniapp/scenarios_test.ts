import assert from "node:assert/strict";
import { onboardUser } from "../chat/fixtures.ts";
import { lastWithButton, proposalMatchId } from "../chat/fixtures.ts";
import { endedChat } from "../payments/fixtures.ts";
import { onboard } from "../profile/helpers.ts";
import { callbackUpdate, textUpdate, user } from "../support/updates.ts";
import {
  browserTest,
  checkScreen,
  launchBrowser,
  openApp,
  startMiniAppServer,
  waitFor,
} from "./harness.ts";

/** The scenarios, each through the Mini App in Chromium and, where it says so, the bot. */
browserTest("Mini App scenarios", async (t) => {
  const server = await startMiniAppServer();
  const browser = await launchBrowser();
  const h = server.bot;
  const call = (fn: string, args: Record<string, unknown>) =>
    h.db.call<{ status: string }>(fn, args);
  try {
    await t.step(
      "found in the app, accepted in the app and in the bot: both in a chat",
      async () => {
        const anna = user(7401, "Анна");
        const boris = user(7402, "Борис");
        await onboard(h, anna, { pseudonym: "Тихая Гавань" });
        await onboard(h, boris, { pseudonym: "Белый Кот" });
        // Boris waits in the bot.
        await h.post(textUpdate(boris, "/find"));
        const app = await openApp(browser, server, anna);
        await app.screen("home");
        await app.click('[data-action="find"]');
        // Boris was waiting: a proposal at once, with the countdown.
        await app.page.waitForSelector('[data-action="accept"]');
        await checkScreen(app, "home", "light");
        assert.match(await app.text(), /Есть собеседник/);
        assert.match(await app.text(), /Ответить можно ещё [45]:\d\d/);
        await app.click('[data-action="accept"]');
        await app.page.waitForFunction(
          `document.body.innerText.includes("Ждём ответа собеседника")`,
        );
        // Boris accepts on the card the bot sent him.
        await waitFor(() => lastWithButton(h.telegram, boris.id, "m:y:") !== undefined);
        await h.post(callbackUpdate(boris, `m:y:${proposalMatchId(h.telegram, boris.id)}`));
        // The app notices on its next poll.
        await app.page.waitForSelector('[data-action="open-chat"]', { timeout: 10_000 });
        const [chat] = await h.db.query<{ state: string }>(
          `select m.state from public.matches m join public.users u on u.id in (m.user_a, m.user_b)
          where u.tg_id = $1`,
          [anna.id],
        );
        assert.equal(chat?.state, "active");
        await app.click('[data-action="open-chat"]');
        const [link] = await app.sent("web_app_open_tg_link");
        assert.equal(link?.data?.path_full, "/ty_ne_odin_bot");
        await app.page.close();
      },
    );

    await t.step("the diary: write, see the summary change, edit, delete", async () => {
      const vera = user(7403, "Вера");
      await onboard(h, vera, { pseudonym: "Ясный День" });
      const app = await openApp(browser, server, vera);
      await app.screen("home");
      await app.click('[data-nav="diary"]');
      await app.screen("diary");
      const summary = () => app.page.$eval('[data-field="summary"]', (e) => e.textContent ?? "");
      assert.match(await summary(), /записей: 0/);
      await app.page.type("#diary-text", "Весь день тревожно и грустно, ничего не хочется.");
      await app.click('[data-action="write"]');
      await app.page.waitForSelector('[data-field="saved"]');
      assert.match(await app.text(), /настроение (скорее|очень) плохое/);
      await app.page.waitForFunction(
        `document.querySelector('[data-field="summary"]')?.textContent.includes("записей: 1")`,
      );
      assert.match(await summary(), /плохое/);
      await app.page.type(
        "#diary-text",
        "Вечером встретилась с подругой, стало радостно и спокойно!",
      );
      await app.click('[data-action="write"]');
      await app.page.waitForFunction(
        `document.querySelector('[data-field="summary"]')?.textContent.includes("записей: 2")`,
      );
      // The newest entry first; edit it.
      await app.click("[data-entry]");
      await app.screen("diary-entry");
      await app.click('[data-action="edit"]');
      await app.page.$eval("#entry-text", (e) => ((e as unknown as { value: string }).value = ""));
      await app.page.type("#entry-text", "Вечером встретилась с подругой, было очень хорошо.");
      await app.click('[data-action="save"]');
      await app.page.waitForFunction(
        `document.querySelector('[data-field="body"]')?.textContent.includes("было очень хорошо")`,
      );
      await app.click('[data-action="delete"]');
      await app.click('[data-action="delete-confirm"]');
      await app.screen("diary");
      await app.page.waitForFunction(
        `document.querySelector('[data-field="summary"]')?.textContent.includes("записей: 1")`,
      );
      const [count] = await h.db.query<{ n: number }>(
        `select count(*)::int as n from public.diary_entries d join public.users u on u.id = d.user_id
          where u.tg_id = $1`,
        [vera.id],
      );
      assert.equal(count?.n, 1);
      await app.page.close();
    });

    await t.step(
      "an event past capacity: waiting list, cancel, a place frees, confirm",
      async () => {
        const gleb = user(7404, "Глеб");
        await onboard(h, gleb, { pseudonym: "Тёплый Ветер" });
        const [event] = await h.db.query<{ id: string }>(
          `insert into public.events (title, description, starts_at, capacity, moderation, rounds)
         values ('Переезд: как прижиться', 'Короткие разговоры о новом месте',
                 now() + interval '3 days', 2, 'approved', 3) returning id`,
        );
        const id = event!.id;
        const others = await Promise.all([7405, 7406].map((tg) => onboardUser(h.db, tg)));
        for (const other of others) {
          assert.equal(
            (await call("register_for_event", { p_tg_id: other.id, p_event_id: id })).status,
            "registered",
          );
        }
        const app = await openApp(browser, server, gleb, { theme: "dark" });
        await app.screen("home");
        await app.click('[data-nav="events"]');
        await app.screen("events");
        await app.click(`[data-event="${id}"]`);
        await checkScreen(app, "event", "dark");
        assert.match(await app.text(), /Записалось: 2 из 2/);
        await app.click('[data-action="register"]');
        await app.page.waitForSelector('[data-field="my-status"]');
        assert.match(await app.text(), /листе ожидания/);
        await app.click('[data-action="cancel-registration"]');
        await app.page.waitForFunction(`document.body.innerText.includes("Вы отменили запись")`);
        await app.click('[data-action="register"]');
        await app.page.waitForFunction(`document.body.innerText.includes("листе ожидания")`);
        // Someone gives up a place: the first on the waiting list gets it.
        await call("cancel_event_registration", { p_tg_id: others[0]!.id, p_event_id: id });
        // A day before, confirmation opens.
        await h.db.query(
          "update public.events set starts_at = now() + interval '20 hours' where id = $1",
          [id],
        );
        await call("advance_events", {});
        await app.back("events");
        await app.click(`[data-event="${id}"]`);
        await app.screen("event");
        assert.match(await app.text(), /Вы записаны/);
        await app.click('[data-action="confirm"]');
        await app.page.waitForFunction(
          `document.body.innerText.includes("Вы подтвердили участие")`,
        );
        await app.page.close();
      },
    );

    await t.step("a tip through openInvoice, the result from invoice_closed", async () => {
      const { anna } = await endedChat(h, [7407, 7408]);
      const app = await openApp(browser, server, anna);
      await app.screen("home");
      await app.click('[data-nav="tips"]');
      await app.screen("tips");
      await app.click("[data-tip-chat]");
      await app.screen("tip");
      await app.click('[data-amount="50"]');
      await app.click('[data-action="prepare"]');
      await app.page.waitForSelector('[data-field="split"]');
      const split = await app.page.$eval('[data-field="split"]', (e) => e.textContent ?? "");
      assert.match(split, /Вы платите50 ⭐/);
      assert.match(split, /Комиссия сервиса \(10 %\)5 ⭐/);
      assert.match(split, /Получит Ёж45 ⭐/);
      await app.click('[data-action="pay"]');
      await waitFor(async () => (await app.sent("web_app_open_invoice")).length === 1);
      const [opened] = await app.sent("web_app_open_invoice");
      assert.match(opened!.data.slug, /^invoice-test-\d+$/);
      // A second tap while the invoice is open sends nothing.
      await app.page.$eval(
        '[data-action="pay"]',
        (b) => (b as unknown as { click(): void }).click(),
      );
      assert.equal((await app.sent("web_app_open_invoice")).length, 1);
      await app.receive("invoice_closed", { slug: opened!.data.slug, status: "paid" });
      await app.page.waitForSelector('[data-field="pay-result"][data-result="paid"]');
      assert.match(await app.text(), /Спасибо! Чаевые оплачены/);
      await app.page.close();
    });
  } finally {
    await browser.close();
    await server.close();
  }
});
