import assert from "node:assert/strict";
import { startTestBot, type TestBot } from "../support/harness.ts";
import { callbackUpdate, textUpdate } from "../support/updates.ts";
import { onboardUser } from "../chat/fixtures.ts";
import { eventDuration } from "../../shared/events/durations.ts";
import { loadI18n } from "../../shared/bot/texts.ts";
import { translatorFor } from "../../shared/notifications/translate.ts";

/**
 * Durations as the settings and the event say, on the Bot API stand-in: the texts state the
 * event's round and pause, reminder_minutes, confirm_open_hours and choice_hours instead of fixed
 * «5 минут», «минута перерыва», «сутки»; hour settings keep their fractions (1.5 h is 90
 * minutes, not 2 hours); the window for choices counts from the end of the event, so an edit of
 * the event row afterwards does not reopen it. Time moves by moving the start, never by waiting.
 */

type User = Awaited<ReturnType<typeof onboardUser>>;

async function startAt(h: TestBot, eventId: string, seconds: number): Promise<void> {
  await h.db.query(
    "update public.events set starts_at = now() + make_interval(secs => $2) where id = $1",
    [eventId, seconds],
  );
}

async function tick(h: TestBot): Promise<Record<string, number>> {
  return await h.db.call<Record<string, number>>("advance_events");
}

async function stateOf(h: TestBot, eventId: string): Promise<string> {
  const [row] = await h.db.query<{ state: string }>(
    "select state from public.events where id = $1",
    [eventId],
  );
  return row!.state;
}

/** Lets the dispatcher send what the state machine queued (any update triggers it). */
async function deliver(h: TestBot, user: User): Promise<void> {
  await h.post(textUpdate(user, "/help"));
  await h.settle();
}

const textsTo = (h: TestBot, user: User): string[] =>
  h.telegram.callsOf("sendMessage", user.id).map((c) => String(c.payload.text));
const lastAnswer = (h: TestBot): string =>
  String(h.telegram.callsOf("answerCallbackQuery").at(-1)!.payload.text);

Deno.test("eventDuration() says minutes, hours, «сутки» and days with Russian plurals", async () => {
  const t = translatorFor(await loadI18n());
  const cases: Array<[number, string]> = [
    [1, "1 минуту"],
    [2, "2 минуты"],
    [5, "5 минут"],
    [21, "21 минуту"],
    [90, "90 минут"],
    [60, "1 час"],
    [180, "3 часа"],
    [26 * 60, "26 часов"],
    [21 * 60, "21 час"],
    [24 * 60, "сутки"],
    [48 * 60, "2 дня"],
    [60 * 24 * 60, "60 дней"],
    [30.4, "30 минут"],
  ];
  for (const [minutes, text] of cases) assert.equal(eventDuration(t, minutes), text);
});

Deno.test("texts follow the settings and the event; fractions kept; choices close on time", async (t) => {
  const h = await startTestBot();
  try {
    const people = [
      await onboardUser(h.db, 886_001, { pseudonym: "Анна" }),
      await onboardUser(h.db, 886_002, { pseudonym: "Борис" }),
      await onboardUser(h.db, 886_003, { pseudonym: "Вера" }),
    ];
    const [anna, boris] = people as [User, User, User];
    await h.db.query(
      `update public.event_config set value = case key
         when 'confirm_open_hours' then 1.5 when 'confirm_close_hours' then 0.5
         when 'reminder_minutes' then 10 when 'choice_hours' then 0.5 end
        where key in ('confirm_open_hours', 'confirm_close_hours', 'reminder_minutes',
                      'choice_hours')`,
    );
    const [event] = await h.db.query<{ id: string }>(
      `insert into public.events (title, starts_at, capacity, round_minutes, pause_minutes)
       values ('Длинные раунды', now() + interval '3 hours', 10, 7, 2) returning id`,
    );
    const eventId = event!.id;

    await t.step("/events introduces the listed events' own round and pause", async () => {
      await h.post(textUpdate(anna, "/events"));
      const intro = textsTo(h, anna).find((text) => text.includes("Ближайшие встречи"))!;
      assert.match(intro, /7 минут с одним человеком, 2 минуты перерыва, следующий/);
      assert.doesNotMatch(intro, /пять минут|минута перерыва/);
      const [other] = await h.db.query<{ id: string }>(
        `insert into public.events (title, starts_at, round_minutes)
         values ('Другой формат', now() + interval '3 days', 5) returning id`,
      );
      h.telegram.clear();
      await h.post(textUpdate(anna, "/events"));
      assert.match(textsTo(h, anna)[0]!, /сколько длятся раунды — в карточке/);
      await h.db.query("delete from public.events where id = $1", [other!.id]);
    });

    await t.step("registering says when confirmation opens: 90 minutes, not «сутки»", async () => {
      for (const person of people) await h.post(callbackUpdate(person, `e:r:${eventId}`));
      assert.match(lastAnswer(h), /За 90 минут до начала попрошу подтвердить участие/);
      await h.post(callbackUpdate(anna, `e:c:${eventId}`));
      assert.match(lastAnswer(h), /можно будет за 90 минут до начала/);
    });

    await t.step("confirm_open_hours = 1.5 opens at 90 minutes, not at 2 hours", async () => {
      await startAt(h, eventId, 100 * 60);
      await tick(h);
      assert.equal(await stateOf(h, eventId), "not_started");
      await startAt(h, eventId, 80 * 60);
      await tick(h);
      assert.equal(await stateOf(h, eventId), "reg_confirm");
      for (const person of people) await h.post(callbackUpdate(person, `e:c:${eventId}`));
    });

    await t.step("confirm_close_hours = 0.5 closes at 30 minutes, not at the start", async () => {
      await startAt(h, eventId, 40 * 60);
      await tick(h);
      assert.equal(await stateOf(h, eventId), "reg_confirm");
      await startAt(h, eventId, 20 * 60);
      await tick(h);
      assert.equal(await stateOf(h, eventId), "ready");
      await deliver(h, anna);
      const schedule = textsTo(h, anna).find((text) => text.includes("Ваше расписание"))!;
      assert.match(schedule, /За 10 минут до начала пришлю правила/);
    });

    await t.step(
      "the rules come reminder_minutes before and state the event's lengths",
      async () => {
        await startAt(h, eventId, 9.5 * 60);
        await tick(h);
        assert.equal(await stateOf(h, eventId), "ready");
        h.telegram.clear();
        await deliver(h, anna);
        const rules = textsTo(h, anna).find((text) => text.includes("Как это будет"))!;
        assert.match(rules, /Через 10 минут начинаем!/);
        assert.match(rules, /На раунд 7 минут, потом 2 минуты перерыва\./);
        assert.doesNotMatch(rules, /5 минут|минута перерыва/);
      },
    );

    await t.step("a round's end states the event's pause", async () => {
      await startAt(h, eventId, -5);
      await tick(h);
      await startAt(h, eventId, -(7 * 60 + 5));
      await tick(h);
      h.telegram.clear();
      for (const person of people) await deliver(h, person);
      const ended = people.flatMap((person) => textsTo(h, person))
        .filter((text) => text.includes("Раунд 1 закончился"));
      assert.ok(ended.length >= 1);
      for (const text of ended) {
        assert.match(text, /2 минуты перерыва: можно записать/);
        assert.doesNotMatch(text, /Минутка/);
      }
    });

    await t.step("the end says until when choices are open (choice_hours = 0.5)", async () => {
      await startAt(h, eventId, -60 * 60);
      await tick(h);
      assert.equal(await stateOf(h, eventId), "finished");
      const [row] = await h.db.query<{ until: string }>(
        `select to_char((finished_at + interval '30 minutes') at time zone 'UTC'
                          + interval '3 hours', 'FMHH24:MI') as until
           from public.events where id = $1`,
        [eventId],
      );
      h.telegram.clear();
      await deliver(h, anna);
      const last = textsTo(h, anna).find((text) => text.includes("С кем хотелось бы"))!;
      assert.ok(last.includes(`Отметить можно до `), last);
      assert.ok(last.includes(`, ${row!.until} (по вашему времени)`), last);
      assert.doesNotMatch(last, /в течение суток/);
    });

    await t.step(
      "the window counts from the end: a later edit of the row does not reopen it",
      async () => {
        const [pair] = await h.db.query<{ n: number }>(
          `select count(*)::int as n from public.event_pairs
          where event_id = $1 and match_id is not null and (user_a = $2 or user_b = $2)`,
          [eventId, anna.userId],
        );
        assert.ok(pair!.n >= 1);
        // Ended 40 minutes ago (past the 30-minute window); an admin edits the title now.
        await h.db.query(
          `update public.events set finished_at = now() - interval '40 minutes',
                                  title = 'Длинные раунды (итоги)', updated_at = now()
          where id = $1`,
          [eventId],
        );
        await h.post(callbackUpdate(anna, `e:m:${eventId}:1`));
        assert.match(lastAnswer(h), /уже закрыт/);
        // Ended 20 minutes ago, row untouched for days: still open.
        await h.db.query(
          `update public.events set finished_at = now() - interval '20 minutes',
                                  updated_at = now() - interval '2 days'
          where id = $1`,
          [eventId],
        );
        await h.post(callbackUpdate(boris, `e:m:${eventId}:1`));
        assert.doesNotMatch(lastAnswer(h), /уже закрыт/);
      },
    );
  } finally {
    await h.close();
  }
});
