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
        // The partner's card, as the bot shows it: pseudonym, shared topics, time difference.
        assert.match(await app.text(), /Белый Кот/);
        assert.ok((await app.page.$$(".proposal .chips li")).length >= 1, "shared topics shown");
        assert.match(await app.text(), /в одном часовом поясе/);
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

    await t.step("the profile: a phone in the bio is refused with the bot's reason", async () => {
      const dina = user(7409, "Дина");
      await onboard(h, dina, { pseudonym: "Лесная Тропа" });
      const app = await openApp(browser, server, dina);
      await app.screen("home");
      await app.click('[data-nav="profile"]');
      await app.screen("profile");
      assert.match(await app.text(), /Лесная Тропа/);
      await app.page.type("#bio", "Пишите мне: +7 999 123-45-67");
      await app.click('[data-action="save-bio"]');
      await app.page.waitForSelector('[data-field="bio-error"]');
      const reason = await app.page.$eval('[data-field="bio-error"]', (e) => e.textContent ?? "");
      assert.match(reason, /телефон/i);
      const bioOf = async () =>
        (await h.db.query<{ bio: string | null }>("select bio from public.users where tg_id = $1", [
          dina.id,
        ]))[0]?.bio;
      assert.equal(await bioOf(), null, "a refused bio changes nothing");
      await app.page.$eval("#bio", (e) => ((e as unknown as { value: string }).value = ""));
      await app.page.type("#bio", "Люблю горы и долгие разговоры.");
      await app.click('[data-action="save-bio"]');
      await waitFor(async () => (await bioOf()) === "Люблю горы и долгие разговоры.");
      // Topics: one more, marked the most important.
      await app.click('[data-nav="profile-topics"]');
      await app.screen("profile-topics");
      const extra = await app.page.$eval(
        "[data-topic]:not(:checked)",
        (e) => e.getAttribute("data-topic") ?? "",
      );
      await app.click(`[data-topic="${extra}"]`);
      await app.click(`[data-star="${extra}"]`);
      await app.click('[data-action="save-topics"]');
      await app.screen("profile");
      const [row] = await h.db.query<{ weight: number }>(
        `select ut.weight from public.user_topics ut join public.topics t on t.id = ut.topic_id
           join public.users u on u.id = ut.user_id where u.tg_id = $1 and t.slug = $2`,
        [dina.id, extra],
      );
      assert.equal(row?.weight, 2, "the new topic is saved as one of the most important");
      await app.page.close();
    });

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
        await app.back("events");
        assert.match(await app.text(), /Мои встречи[\s\S]*Переезд: как прижиться/);
        // Announcing one: the bot's checks first, then moderation.
        await app.click('[data-nav="event-new"]');
        await app.screen("event-new");
        await app.fill("#event-title", "Звоните мне +7 999 123-45-67");
        await app.fill("#event-description", "Поговорим о первых месяцах на новом месте.");
        const when = new Date(Date.now() + 3 * 86400_000);
        const local = new Date(when.getTime() - when.getTimezoneOffset() * 60_000);
        await app.fill("#event-when", local.toISOString().slice(0, 16));
        await app.click('[data-action="announce"]');
        await app.page.waitForSelector('.error-state[data-error="title_refused"]');
        assert.match(await app.text(), /без телефонов/);
        await app.fill("#event-title", "Новый город: первые месяцы");
        await app.click('[data-action="announce"]');
        await app.page.waitForFunction(
          `document.body.innerText.includes("отправлена на проверку")`,
        );
        await app.back("events");
        await app.page.waitForFunction(`document.body.innerText.includes("На проверке")`);
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
      // Paying is the main action: Telegram's MainButton shows it.
      await waitFor(async () => {
        const setup = (await app.sent("web_app_setup_main_button")).at(-1)?.data;
        return setup?.is_visible === true && setup?.text === "Оплатить 50 ⭐";
      });
      assert.match(await app.text(), /кнопкой внизу экрана/);
      await app.receive("main_button_pressed");
      // A second press while the invoice is open sends nothing.
      await app.receive("main_button_pressed");
      await waitFor(async () => (await app.sent("web_app_open_invoice")).length === 1);
      const [opened] = await app.sent("web_app_open_invoice");
      assert.match(opened!.data.slug, /^invoice-test-\d+$/);
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal((await app.sent("web_app_open_invoice")).length, 1);
      await app.receive("invoice_closed", { slug: opened!.data.slug, status: "paid" });
      await app.page.waitForSelector('[data-field="pay-result"][data-result="paid"]');
      assert.match(await app.text(), /Спасибо! Чаевые оплачены/);
      const hidden = (await app.sent("web_app_setup_main_button")).at(-1)?.data;
      assert.equal(hidden?.is_visible, false, "the MainButton is gone after paying");
      await app.page.close();
    });
    await t.step("People: allowing the diary to find people, asked first", async () => {
      const ilya = user(7411, "Илья");
      await onboard(h, ilya, { pseudonym: "Тихий Омут" });
      const app = await openApp(browser, server, ilya);
      await app.screen("home");
      await app.click('[data-nav="people"]');
      await app.screen("people");
      assert.match(await app.text(), /Для этого нужно ваше разрешение/);
      assert.doesNotMatch(await app.text(), /\/similar/, "no bot commands in the app");
      await app.click('[data-action="allow"]');
      // Allowed; with no diary yet there is nobody to compare with, and the app says so.
      await app.page.waitForSelector('[data-state="no-portrait"]');
      await checkScreen(app, "people", "light");
      const [row] = await h.db.query<{ diary_matching: boolean }>(
        "select diary_matching from public.users where tg_id = $1",
        [ilya.id],
      );
      assert.equal(row?.diary_matching, true);
      await app.page.close();
    });

    await t.step("Help: export my data, then delete it after a confirmation", async () => {
      const zoya = user(7410, "Зоя");
      await onboard(h, zoya, { pseudonym: "Утренняя Роса" });
      const app = await openApp(browser, server, zoya);
      await app.screen("home");
      await app.click('[data-nav="help"]');
      await app.screen("help");
      await app.click('[data-action="export"]');
      await app.page.waitForSelector('a[download="ty-ne-odin-data.json"]');
      await app.click('[data-action="delete"]');
      await app.page.waitForSelector('[role="alertdialog"]');
      assert.match(await app.text(), /Это нельзя отменить/);
      await app.click('[data-action="delete-confirm"]');
      // Back to a fresh Home: the bot no longer knows this person.
      await app.page.waitForFunction(`document.body.innerText.includes("Давайте познакомимся")`);
      const rows = await h.db.query("select 1 from public.users where tg_id = $1", [zoya.id]);
      assert.equal(rows.length, 0);
      await app.page.close();
    });
  } finally {
    await browser.close();
    await server.close();
  }
});
