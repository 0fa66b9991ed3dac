import assert from "node:assert/strict";
import { registerCommands } from "../../shared/bot/commands.ts";
import { startTestBot } from "../support/harness.ts";
import { groupTextUpdate, messageUpdate, textUpdate, user } from "../support/updates.ts";
import {
  buttonsOf,
  labelsOf,
  lastCallbackAnswer,
  lastMessage,
  onboard,
  press,
  say,
  send,
  topicsOf,
  userRow,
} from "./helpers.ts";

Deno.test("two users go through the whole onboarding and get their profile cards", async (t) => {
  const app = await startTestBot();
  const anna = user(1001, "Анна");
  const boris = user(1002, "Борис");
  try {
    await t.step("/start explains the service and asks to accept the rules", async () => {
      await say(app, anna, "/start");
      const message = lastMessage(app, anna.id)!;
      assert.match(message.text, /не психотерапия/);
      assert.match(message.text, /\/sos/);
      assert.deepEqual(buttonsOf(message), ["pr:rules"]);
      assert.deepEqual(labelsOf(message), ["Принимаю правила"]);
      const row = await userRow(app, anna.id);
      assert.equal(row?.onboarding_step, "rules");
      assert.equal(row?.rules_accepted_at, null);
    });

    await t.step("accepting the rules asks for the birth year", async () => {
      await press(app, anna, "pr:rules");
      assert.notEqual((await userRow(app, anna.id))?.rules_accepted_at, null);
      assert.match(lastMessage(app, anna.id)!.text, /год рождения/);
      assert.equal(app.telegram.callsOf("editMessageReplyMarkup", anna.id).length, 1);
    });

    await t.step("a birth year leads to the pseudonym", async () => {
      await say(app, anna, "1990");
      const row = await userRow(app, anna.id);
      assert.equal(row?.birth_year, 1990);
      assert.equal(row?.awaiting_input, "pseudonym");
      assert.match(lastMessage(app, anna.id)!.text, /псевдоним/);
    });

    await t.step("a pseudonym leads to the time zone keyboard", async () => {
      await say(app, anna, "Тихая Гавань");
      assert.equal((await userRow(app, anna.id))?.pseudonym, "Тихая Гавань");
      const message = lastMessage(app, anna.id)!;
      assert.ok(buttonsOf(message).includes("pr:tz:msk"));
      assert.ok(labelsOf(message).includes("Москва UTC+3"));
      assert.ok(labelsOf(message).includes("Кишинёв UTC+2"));
      assert.equal(buttonsOf(message).length, 21);
    });

    await t.step("a city button sets zone, offset and country, then topics", async () => {
      await press(app, anna, "pr:tz:nsk");
      const row = await userRow(app, anna.id);
      assert.equal(row?.timezone, "Asia/Novosibirsk");
      assert.equal(row?.utc_offset_minutes, 420);
      assert.equal(row?.country, "RU");
      assert.equal(row?.onboarding_step, "topics");
      const message = lastMessage(app, anna.id)!;
      assert.ok(buttonsOf(message).includes("pr:tg:experience"));
      assert.ok(labelsOf(message).includes("Жизненный опыт"));
      assert.ok(buttonsOf(message).includes("pr:td"));
    });

    await t.step("topics are picked by group with check marks", async () => {
      await press(app, anna, "pr:tg:experience");
      let message = lastMessage(app, anna.id)!;
      assert.ok(labelsOf(message).includes("Переезд в другой город"));
      await press(app, anna, "pr:tt:relocation");
      await press(app, anna, "pr:tt:divorce");
      message = lastMessage(app, anna.id)!;
      assert.ok(labelsOf(message).includes("✓ Переезд в другой город"));
      assert.ok(labelsOf(message).includes("✓ Развод"));
      assert.ok(buttonsOf(message).includes("pr:tg"));
      await press(app, anna, "pr:tg");
      message = lastMessage(app, anna.id)!;
      assert.ok(labelsOf(message).includes("Жизненный опыт (2)"));
      await press(app, anna, "pr:tg:games");
      await press(app, anna, "pr:tt:chess");
      assert.deepEqual(await topicsOf(app, anna.id), ["relocation", "divorce", "chess"]);
    });

    await t.step("then 1-3 of them are marked most important", async () => {
      await press(app, anna, "pr:td");
      let message = lastMessage(app, anna.id)!;
      assert.deepEqual(buttonsOf(message).slice(0, 3), [
        "pr:ti:relocation",
        "pr:ti:divorce",
        "pr:ti:chess",
      ]);
      await press(app, anna, "pr:tk");
      assert.match(lastCallbackAnswer(app)!, /хотя бы одну/);
      await press(app, anna, "pr:ti:divorce");
      message = lastMessage(app, anna.id)!;
      assert.ok(labelsOf(message).includes("⭐ Развод"));
      await press(app, anna, "pr:tk");
      assert.deepEqual(await topicsOf(app, anna.id), ["relocation", "divorce*", "chess"]);
      assert.equal((await userRow(app, anna.id))?.onboarding_step, "bio");
    });

    await t.step("the topics already give a profile embedding", async () => {
      const rows = await app.db.query<{ model: string }>(
        `select e.model from public.profile_embeddings e
           join public.users u on u.id = e.user_id where u.tg_id = $1`,
        [anna.id],
      );
      assert.equal(rows.length, 1);
      assert.equal(rows[0]!.model, app.deps.embedder.model);
    });

    await t.step("a short bio leads to the purpose", async () => {
      await say(
        app,
        anna,
        "Недавно переехала и развелась, хочу поговорить с теми, кто это прошёл.",
      );
      const row = await userRow(app, anna.id);
      assert.match(row!.bio!, /^Недавно переехала/);
      assert.deepEqual(buttonsOf(lastMessage(app, anna.id)), [
        "pr:pu:support",
        "pr:pu:advice",
        "pr:pu:friendship",
      ]);
    });

    await t.step("purpose, then availability windows complete the profile", async () => {
      await press(app, anna, "pr:pu:advice");
      assert.equal((await userRow(app, anna.id))?.onboarding_step, "availability");
      await press(app, anna, "pr:av:0:2");
      let message = lastMessage(app, anna.id)!;
      assert.ok(labelsOf(message).includes("✓ Вечер 18–24"));
      assert.ok(buttonsOf(message).includes("pr:av:4:s"));
      await press(app, anna, "pr:av:4:0");
      message = lastMessage(app, anna.id)!;
      assert.ok(buttonsOf(message).includes("pr:av:5:s"));
      await press(app, anna, "pr:av:5:s");
      const [prefs] = await app.db.query<{ purpose: string; available_hours: number[] }>(
        `select p.purpose, p.available_hours from public.preferences p
           join public.users u on u.id = p.user_id where u.tg_id = $1`,
        [anna.id],
      );
      assert.equal(prefs?.purpose, "advice");
      assert.deepEqual(prefs?.available_hours, [6, 7, 8, 9, 10, 11, 18, 19, 20, 21, 22, 23]);
      const row = await userRow(app, anna.id);
      assert.equal(row?.onboarding_step, "done");
      assert.notEqual(row?.onboarding_completed_at, null);
    });

    await t.step("the profile card shows everything, grouped, with stars", () => {
      const texts = app.telegram.textsTo(anna.id);
      const card = texts.find((text) => text.includes("Ваш профиль"))!;
      assert.match(card, /Псевдоним: Тихая Гавань/);
      assert.match(card, /Возраст: \d+/);
      assert.match(card, /Новосибирск \(UTC\+7\)/);
      assert.match(card, /Жизненный опыт: Переезд в другой город, Развод ⭐/);
      assert.match(card, /Игры: Шахматы/);
      assert.match(card, /Удобное время: утром, вечером/);
      assert.match(texts.at(-1)!, /\/find/);
    });

    await t.step("a second user types an offset, skips the bio, is free any time", async () => {
      await say(app, boris, "/start");
      await press(app, boris, "pr:rules");
      await say(app, boris, "2009");
      await say(app, boris, "Кофейный Енот");
      await say(app, boris, "UTC+5:30");
      let row = await userRow(app, boris.id);
      assert.equal(row?.utc_offset_minutes, 330);
      assert.equal(row?.timezone, "UTC+5:30");
      assert.equal(row?.country, null);
      await press(app, boris, "pr:tg:games");
      await press(app, boris, "pr:tt:video_games");
      await press(app, boris, "pr:td");
      assert.match(lastCallbackAnswer(app)!, /хотя бы 2/);
      await press(app, boris, "pr:tt:chess");
      await press(app, boris, "pr:td");
      await press(app, boris, "pr:ti:chess");
      await press(app, boris, "pr:tk");
      await press(app, boris, "pr:bio0");
      await press(app, boris, "pr:pu:friendship");
      await press(app, boris, "pr:av:any");
      row = await userRow(app, boris.id);
      assert.equal(row?.onboarding_step, "done");
      assert.equal(row?.bio, null);
      const card = app.telegram.textsTo(boris.id).find((text) => text.includes("Ваш профиль"))!;
      assert.match(card, /UTC\+5:30/);
      assert.match(card, /в любое время/);
    });

    await t.step("a 16-17 year old lands in the teen pool", async () => {
      const [pool] = await app.db.query<{ pool: string }>(
        "select public.age_pool(birth_year) as pool from public.users where tg_id = $1",
        [boris.id],
      );
      assert.equal(pool?.pool, "teen");
    });

    await t.step("the journey is in the event log without personal data", async () => {
      const events = await app.db.query<{ event: string; data: Record<string, unknown> }>(
        `select e.event, e.data from public.domain_events e
           join public.users u on u.id = e.user_id where u.tg_id = $1 order by e.id`,
        [anna.id],
      );
      assert.deepEqual(events.map((e) => e.event), [
        "user.registered",
        "rules.accepted",
        "onboarding.completed",
      ]);
      assert.ok(events.every((e) => Object.keys(e.data).length === 0));
    });

    await t.step("/start after onboarding greets by pseudonym", async () => {
      await say(app, anna, "/start");
      assert.match(lastMessage(app, anna.id)!.text, /С возвращением, Тихая Гавань/);
    });
  } finally {
    await app.close();
  }
});

Deno.test("an interrupted onboarding resumes where it stopped", async (t) => {
  const app = await startTestBot();
  const vera = user(2001, "Вера");
  try {
    await say(app, vera, "/start");
    await press(app, vera, "pr:rules");
    await say(app, vera, "1985");

    await t.step("/start again continues with the pseudonym", async () => {
      await say(app, vera, "/start");
      const text = lastMessage(app, vera.id)!.text;
      assert.match(text, /^Продолжим/);
      assert.match(text, /псевдоним/);
      assert.equal((await userRow(app, vera.id))?.birth_year, 1985);
    });

    await t.step("on a button step, text gets a reminder and the step again", async () => {
      await say(app, vera, "Лесная Фея");
      await press(app, vera, "pr:tz:msk");
      await say(app, vera, "привет");
      const message = lastMessage(app, vera.id)!;
      assert.match(message.text, /кнопками/);
      assert.match(message.text, /Выберите от 2 до 10 тем/);
      assert.ok(buttonsOf(message).includes("pr:td"));
      assert.equal((await userRow(app, vera.id))?.onboarding_step, "topics");
    });

    await t.step("/profile before the end points back to the current step", async () => {
      await say(app, vera, "/profile");
      const text = lastMessage(app, vera.id)!.text;
      assert.match(text, /не заполнен до конца/);
      assert.match(text, /тем/);
    });

    await t.step("an old rules button does not move anything back", async () => {
      await press(app, vera, "pr:rules");
      assert.equal((await userRow(app, vera.id))?.onboarding_step, "topics");
    });

    await t.step("an old time zone button cannot change the answer mid-onboarding", async () => {
      await press(app, vera, "pr:tz:kam");
      assert.match(lastCallbackAnswer(app)!, /неактуальна/);
      assert.equal((await userRow(app, vera.id))?.utc_offset_minutes, 180);
    });
  } finally {
    await app.close();
  }
});

Deno.test("bad input gets a polite answer and changes nothing", async (t) => {
  const app = await startTestBot();
  const kid = user(3001, "Петя");
  const gleb = user(3002, "Глеб");
  try {
    await t.step("an under-16 birth year is refused kindly and not stored", async () => {
      await say(app, kid, "/start");
      await press(app, kid, "pr:rules");
      const year = app.clock.now().getUTCFullYear() - 12;
      await say(app, kid, String(year));
      assert.match(lastMessage(app, kid.id)!.text, /с 16 лет/);
      assert.match(lastMessage(app, kid.id)!.text, /будем рады видеть вас/);
      const row = await userRow(app, kid.id);
      assert.equal(row?.birth_year, null);
      assert.equal(row?.onboarding_step, "birth_year");
    });

    await t.step("implausible and unreadable years are refused", async () => {
      await say(app, kid, "1850");
      assert.match(lastMessage(app, kid.id)!.text, /опечатка/);
      await say(app, kid, "двадцать лет");
      assert.match(lastMessage(app, kid.id)!.text, /четырьмя цифрами/);
      assert.equal((await userRow(app, kid.id))?.birth_year, null);
    });

    await say(app, gleb, "/start");
    await press(app, gleb, "pr:rules");
    await say(app, gleb, "1979");

    const pseudonyms: [string, RegExp][] = [
      ["+7 999 123-45-67", /номер телефона/],
      ["gleb@mail.ru", /почты/],
      ["@gleb_real", /@username/],
      ["t.me/gleb", /ссылка/],
      ["Глеб Андреевич Смирнов", /имя и фамилию/],
      ["Ivan Petrov", /имя и фамилию/],
      ["Я", /слишком короткий/],
      ["Очень длинный псевдоним который не влезет", /слишком длинный/],
      ["12345", /хотя бы одна буква/],
    ];
    for (const [pseudonym, reason] of pseudonyms) {
      await t.step(`pseudonym "${pseudonym}" is refused and says why`, async () => {
        await say(app, gleb, pseudonym);
        assert.match(lastMessage(app, gleb.id)!.text, reason);
        const row = await userRow(app, gleb.id);
        assert.equal(row?.pseudonym, null);
        assert.equal(row?.onboarding_step, "pseudonym");
      });
    }

    await t.step("a sticker where text is expected changes nothing", async () => {
      await send(
        app,
        messageUpdate(gleb, {
          sticker: {
            file_id: "CAACAgIAAxkBAAE",
            file_unique_id: "AgADAQAD",
            type: "regular",
            width: 512,
            height: 512,
            is_animated: false,
            is_video: false,
          },
        }),
      );
      assert.match(lastMessage(app, gleb.id)!.text, /ответ текстом/);
      assert.equal((await userRow(app, gleb.id))?.awaiting_input, "pseudonym");
    });

    await t.step("a typed time zone that makes no sense is refused", async () => {
      await say(app, gleb, "Путник");
      await say(app, gleb, "+25");
      assert.match(lastMessage(app, gleb.id)!.text, /Не получилось понять часовой пояс/);
      assert.equal((await userRow(app, gleb.id))?.utc_offset_minutes, null);
      await say(app, gleb, "кишинев");
      const row = await userRow(app, gleb.id);
      assert.equal(row?.utc_offset_minutes, 120);
      assert.equal(row?.country, "MD");
      assert.equal(row?.onboarding_step, "topics");
    });

    await t.step("an 11th topic is refused", async () => {
      const slugs = [
        "relocation",
        "emigration",
        "divorce",
        "breakup",
        "bereavement",
        "pet_loss",
        "job_loss",
        "career_change",
        "new_parenthood",
        "relative_illness",
      ];
      for (const slug of slugs) await press(app, gleb, `pr:tt:${slug}`);
      await press(app, gleb, "pr:tt:chronic_illness");
      assert.match(lastCallbackAnswer(app)!, /не больше 10/);
      assert.equal((await topicsOf(app, gleb.id)).length, 10);
      await press(app, gleb, "pr:td");
      for (const slug of slugs.slice(0, 3)) await press(app, gleb, `pr:ti:${slug}`);
      await press(app, gleb, "pr:ti:pet_loss");
      assert.match(lastCallbackAnswer(app)!, /не больше 3/);
      await press(app, gleb, "pr:tk");
    });

    await t.step("an over-long bio or one with a contact is refused", async () => {
      await say(app, gleb, "Очень ".repeat(40));
      assert.match(lastMessage(app, gleb.id)!.text, /не больше 160/);
      await say(app, gleb, "Пишите мне в телеграм @gleb_real");
      assert.match(lastMessage(app, gleb.id)!.text, /@username/);
      const row = await userRow(app, gleb.id);
      assert.equal(row?.bio, null);
      assert.equal(row?.onboarding_step, "bio");
    });

    await t.step("forged or stale buttons get a polite answer and change nothing", async () => {
      const before = await userRow(app, gleb.id);
      for (const data of ["pr:tz:xxx", "pr:zzz", "pr:av:99:s", "pr:tt:UPPER", "pr:del:abc"]) {
        await press(app, gleb, data);
        assert.match(lastCallbackAnswer(app)!, /неактуальна/);
      }
      await press(app, gleb, "pr:pu:support");
      assert.match(lastCallbackAnswer(app)!, /неактуальна/);
      await press(app, gleb, "zz:whatever");
      assert.match(lastCallbackAnswer(app)!, /устарела/);
      assert.deepEqual(await userRow(app, gleb.id), before);
    });

    await t.step("an unknown command gets a hint", async () => {
      await say(app, gleb, "/dance");
      assert.match(lastMessage(app, gleb.id)!.text, /Такой команды я не знаю/);
      assert.equal((await userRow(app, gleb.id))?.bio, null);
    });
  } finally {
    await app.close();
  }
});

Deno.test("the webhook is idempotent, checks its secret and stays out of groups", async (t) => {
  const app = await startTestBot();
  const dina = user(4001, "Дина");
  try {
    await t.step("a repeated update has no second effect", async () => {
      await say(app, dina, "/start");
      await press(app, dina, "pr:rules");
      const update = textUpdate(dina, "1992");
      await send(app, update);
      const calls = app.telegram.calls.length;
      await send(app, update);
      assert.equal(app.telegram.calls.length, calls);
      assert.equal((await userRow(app, dina.id))?.onboarding_step, "pseudonym");
    });

    await t.step("a wrong or missing secret gets 401 and nothing runs", async () => {
      const calls = app.telegram.calls.length;
      const stranger = user(4002);
      for (const secret of ["wrong-secret-0123456789", null]) {
        const response = await app.post(textUpdate(stranger, "/start"), secret);
        assert.equal(response.status, 401);
        await response.body?.cancel();
      }
      assert.equal(app.telegram.calls.length, calls);
      assert.equal(await userRow(app, stranger.id), undefined);
      const [seen] = await app.db.query<{ n: number }>(
        "select count(*)::int as n from public.processed_updates",
      );
      assert.equal(seen?.n, 3, "only the three earlier updates were recorded");
    });

    await t.step(
      "a group message gets a polite reply, the bot leaves, nothing is stored",
      async () => {
        const member = user(4003);
        await send(app, groupTextUpdate(member, -100123, "/start"));
        assert.match(app.telegram.lastTextTo(-100123)!, /только в личных сообщениях/);
        assert.equal(app.telegram.callsOf("leaveChat", -100123).length, 1);
        assert.equal(await userRow(app, member.id), undefined);
      },
    );
  } finally {
    await app.close();
  }
});

Deno.test("the profile card edits each part with the same steps", async (t) => {
  const app = await startTestBot();
  const lena = user(5001, "Лена");
  try {
    await onboard(app, lena, { pseudonym: "Северное Сияние" });

    await t.step("/profile shows the card with edit buttons", async () => {
      await say(app, lena, "/profile");
      const message = lastMessage(app, lena.id)!;
      assert.match(message.text, /Северное Сияние/);
      assert.deepEqual(buttonsOf(message), [
        "pr:ed:pseudonym",
        "pr:ed:timezone",
        "pr:ed:topics",
        "pr:ed:bio",
        "pr:ed:purpose",
        "pr:ed:availability",
      ]);
    });

    await t.step("a new pseudonym is checked, saved and the card comes back", async () => {
      await press(app, lena, "pr:ed:pseudonym");
      assert.equal((await userRow(app, lena.id))?.awaiting_input, "pseudonym");
      await say(app, lena, "Елена Сергеевна");
      assert.match(lastMessage(app, lena.id)!.text, /имя и фамилию/);
      await say(app, lena, "Полярная Звезда");
      const row = await userRow(app, lena.id);
      assert.equal(row?.pseudonym, "Полярная Звезда");
      assert.equal(row?.awaiting_input, null);
      assert.match(lastMessage(app, lena.id)!.text, /Сохранено/);
    });

    await t.step("an old «skip bio» button does not wipe the bio", async () => {
      await press(app, lena, "pr:ed:bio");
      await say(app, lena, "Люблю горы");
      await press(app, lena, "pr:bio0");
      assert.match(lastCallbackAnswer(app)!, /неактуальна/);
      assert.equal((await userRow(app, lena.id))?.bio, "Люблю горы");
      await press(app, lena, "pr:ed:bio");
      await press(app, lena, "pr:bio0");
      assert.equal((await userRow(app, lena.id))?.bio, null);
    });

    await t.step("cancel leaves the field as it was", async () => {
      await press(app, lena, "pr:ed:bio");
      await press(app, lena, "pr:ex");
      assert.equal((await userRow(app, lena.id))?.awaiting_input, null);
      await say(app, lena, "просто текст");
      assert.equal((await userRow(app, lena.id))?.bio, null);
    });

    await t.step("the bio edit recomputes the embedding", async () => {
      const before = await app.db.query<{ updated_at: Date }>(
        "select e.updated_at from public.profile_embeddings e",
      );
      await press(app, lena, "pr:ed:bio");
      await say(app, lena, "Люблю северное сияние и долгие разговоры");
      assert.equal((await userRow(app, lena.id))?.bio, "Люблю северное сияние и долгие разговоры");
      const after = await app.db.query<{ updated_at: Date }>(
        "select e.updated_at from public.profile_embeddings e",
      );
      assert.equal(after.length, 1);
      assert.ok(after[0]!.updated_at >= before[0]!.updated_at);
    });

    await t.step("time zone, purpose, availability and topics are edited by buttons", async () => {
      await press(app, lena, "pr:ed:timezone");
      await press(app, lena, "pr:tz:ala");
      let row = await userRow(app, lena.id);
      assert.equal(row?.country, "KZ");
      assert.equal(row?.utc_offset_minutes, 300);
      await press(app, lena, "pr:ed:purpose");
      await press(app, lena, "pr:pu:friendship");
      await press(app, lena, "pr:ed:availability");
      assert.ok(buttonsOf(lastMessage(app, lena.id)).includes("pr:av:15:s"));
      await press(app, lena, "pr:av:15:3");
      await press(app, lena, "pr:av:7:s");
      await press(app, lena, "pr:ed:topics");
      await press(app, lena, "pr:tg:sport");
      await press(app, lena, "pr:tt:yoga");
      await press(app, lena, "pr:td");
      await press(app, lena, "pr:tk");
      assert.deepEqual(await topicsOf(app, lena.id), ["relocation", "burnout*", "yoga"]);
      row = await userRow(app, lena.id);
      assert.equal(row?.onboarding_step, "done");
      const card = lastMessage(app, lena.id)!.text;
      assert.match(card, /Алматы \(UTC\+5\)/);
      assert.match(card, /Ищу: общение и дружба/);
      assert.match(card, /утром, днём, вечером/);
      assert.match(card, /Спорт: Йога/);
    });

    await t.step("each edit is a profile.updated event naming only the field", async () => {
      const events = await app.db.query<{ data: { field: string } }>(
        `select e.data from public.domain_events e
           join public.users u on u.id = e.user_id
          where u.tg_id = $1 and e.event = 'profile.updated' order by e.id`,
        [lena.id],
      );
      const fields = events.map((e) => e.data.field);
      for (const field of ["pseudonym", "bio", "timezone", "purpose", "availability", "topics"]) {
        assert.ok(fields.includes(field), field);
      }
    });
  } finally {
    await app.close();
  }
});

Deno.test("/delete erases one user everywhere and leaves the other intact", async (t) => {
  const app = await startTestBot();
  // A realistic, large Telegram id: it must not turn up in any bigint column afterwards.
  const mira = user(5_912_345_678, "Мира");
  const oleg = user(6002, "Олег");
  try {
    await onboard(app, mira, { pseudonym: "Мирная Птица", bio: "Ищу поддержку после переезда" });
    await onboard(app, oleg, { pseudonym: "Старый Клён" });
    const miraId = (await userRow(app, mira.id))!.id;
    await app.db.call("record_failed_update", {
      p_update_id: 999_001,
      p_payload: { update_id: 999_001 },
      p_tg_user_id: mira.id,
      p_error_name: "Error: test",
    });

    await t.step("/delete asks first, with two buttons", async () => {
      await say(app, mira, "/delete");
      const message = lastMessage(app, mira.id)!;
      assert.match(message.text, /безвозвратно/);
      assert.equal(buttonsOf(message).length, 2);
      assert.match(buttonsOf(message)[0]!, /^pr:del:\d+$/);
      assert.equal(buttonsOf(message)[1], "pr:keep");
    });

    await t.step("«keep» changes nothing", async () => {
      await press(app, mira, "pr:keep");
      assert.match(lastMessage(app, mira.id)!.text, /ничего не удаляем/);
      assert.notEqual(await userRow(app, mira.id), undefined);
    });

    await t.step("an expired confirmation changes nothing", async () => {
      await say(app, mira, "/delete");
      const stale = buttonsOf(lastMessage(app, mira.id))[0]!;
      app.clock.advance(11 * 60 * 1000);
      await press(app, mira, stale);
      assert.match(lastMessage(app, mira.id)!.text, /устарело/);
      assert.notEqual(await userRow(app, mira.id), undefined);
    });

    await t.step("a fresh confirmation deletes and says goodbye", async () => {
      await say(app, mira, "/delete");
      await press(app, mira, buttonsOf(lastMessage(app, mira.id))[0]!);
      assert.match(lastMessage(app, mira.id)!.text, /данные удалены/);
      assert.equal(await userRow(app, mira.id), undefined);
    });

    await t.step("no row in any public table refers to the user any more", async () => {
      const columns = await app.db.query<{ table_name: string; column_name: string }>(
        `select c.table_name, c.column_name
           from information_schema.columns c
           join information_schema.tables t
             on t.table_schema = c.table_schema and t.table_name = c.table_name
          where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
            and (c.data_type = 'uuid' or c.data_type = 'jsonb')`,
      );
      const userIdColumns = columns.filter((c) =>
        c.column_name === "user_id" || c.column_name.endsWith("_user_id")
      );
      assert.ok(userIdColumns.length >= 4, "user_id columns were found");
      for (const { table_name, column_name } of columns) {
        const [hit] = await app.db.query<{ n: number }>(
          `select count(*)::int as n from public.${table_name} where ${column_name}::text like $1`,
          [`%${miraId}%`],
        );
        assert.equal(hit?.n, 0, `${table_name}.${column_name} still refers to the user`);
      }
      const bigints = await app.db.query<{ table_name: string; column_name: string }>(
        `select c.table_name, c.column_name
           from information_schema.columns c
           join information_schema.tables t
             on t.table_schema = c.table_schema and t.table_name = c.table_name
          where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
            and c.data_type = 'bigint'`,
      );
      for (const { table_name, column_name } of bigints) {
        const [hit] = await app.db.query<{ n: number }>(
          `select count(*)::int as n from public.${table_name} where ${column_name} = $1`,
          [mira.id],
        );
        assert.equal(hit?.n, 0, `${table_name}.${column_name} still holds the Telegram id`);
      }
      const texts = await app.db.query<{ table_name: string; column_name: string }>(
        `select c.table_name, c.column_name
           from information_schema.columns c
           join information_schema.tables t
             on t.table_schema = c.table_schema and t.table_name = c.table_name
          where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
            and c.data_type in ('text', 'jsonb', 'character varying')`,
      );
      for (const { table_name, column_name } of texts) {
        const [hit] = await app.db.query<{ n: number }>(
          `select count(*)::int as n from public.${table_name}
            where ${column_name}::text like '%Мирная Птица%'
               or ${column_name}::text like '%поддержку после переезда%'
               or ${column_name}::text like $1`,
          [`%${mira.id}%`],
        );
        assert.equal(hit?.n, 0, `${table_name}.${column_name} still holds the profile`);
      }
      const [failed] = await app.db.query<{ n: number }>(
        "select count(*)::int as n from public.failed_updates where tg_user_id = $1",
        [mira.id],
      );
      assert.equal(failed?.n, 0);
      const [byTg] = await app.db.query<{ n: number }>(
        "select count(*)::int as n from public.users where tg_id = $1",
        [mira.id],
      );
      assert.equal(byTg?.n, 0);
    });

    await t.step("the erasure is counted and logged without the user", async () => {
      const [stats] = await app.db.query<{ erased_users: number }>(
        "select erased_users from public.erasure_stats",
      );
      assert.equal(stats?.erased_users, 1);
      const deleted = await app.db.query<{ user_id: string | null }>(
        "select user_id from public.domain_events where event = 'user.deleted'",
      );
      assert.deepEqual(deleted, [{ user_id: null }]);
    });

    await t.step("the other user is intact", async () => {
      const row = await userRow(app, oleg.id);
      assert.equal(row?.pseudonym, "Старый Клён");
      assert.equal(row?.onboarding_step, "done");
      assert.deepEqual(await topicsOf(app, oleg.id), ["relocation", "burnout*"]);
    });

    await t.step("after deletion /start begins from scratch", async () => {
      await say(app, mira, "/start");
      const row = await userRow(app, mira.id);
      assert.equal(row?.onboarding_step, "rules");
      assert.notEqual(row?.id, miraId);
    });
  } finally {
    await app.close();
  }
});

Deno.test("/help, /sos and the command menu", async (t) => {
  const app = await startTestBot();
  const rita = user(7001, "Рита");
  const nobody = user(7002);
  try {
    await t.step("/help lists the commands and the rules", async () => {
      await say(app, rita, "/help");
      const text = lastMessage(app, rita.id)!.text;
      for (const command of ["/find", "/stop", "/profile", "/sos", "/delete"]) {
        assert.ok(text.includes(command), command);
      }
      assert.match(text, /Правила/);
    });

    await t.step("/sos works without a profile and stores nothing", async () => {
      await say(app, nobody, "/sos");
      const text = lastMessage(app, nobody.id)!.text;
      assert.match(text, /112/);
      assert.match(text, /Россия:/);
      assert.match(text, /Казахстан:/);
      assert.equal(await userRow(app, nobody.id), undefined);
    });

    await t.step("/sos shows the lines of the user's country", async () => {
      await onboard(app, rita, { pseudonym: "Ночная Сова" });
      await say(app, rita, "/sos");
      const text = lastMessage(app, rita.id)!.text;
      assert.match(text, /8-800-2000-122/);
      assert.match(text, /\+7 495 989-50-50/);
      assert.match(text, /112/);
      assert.doesNotMatch(text, /Казахстан/);
    });

    await t.step("registerCommands() publishes the Russian menu", async () => {
      await registerCommands(app.bot.api);
      const calls = app.telegram.callsOf("setMyCommands");
      assert.ok(calls.length >= 1);
      const commands = calls[0]!.payload.commands as { command: string; description: string }[];
      assert.deepEqual(commands.map((c) => c.command), [
        "start",
        "app",
        "find",
        "cancel",
        "next",
        "stop",
        "profile",
        "help",
        "diary",
        "mood",
        "similar",
        "events",
        "newevent",
        "sos",
        "tips",
        "refund",
        "paysupport",
        "terms",
        "delete",
      ]);
      assert.ok(commands.every((c) => c.description.length > 0 && /[а-я]/.test(c.description)));
    });
  } finally {
    await app.close();
  }
});
