import assert from "node:assert/strict";
import { startTestBot, type TestBot } from "../support/harness.ts";
import { callbackUpdate, textUpdate } from "../support/updates.ts";
import { buttonsOf, lastWithButton, onboardUser } from "../chat/fixtures.ts";

/** Moves the event's start so that `hours` remain; returns the new start. */
async function startsIn(h: TestBot, eventId: string, hours: number): Promise<Date> {
  const [row] = await h.db.query<{ starts_at: Date }>(
    `update public.events set starts_at = date_trunc('minute', now()) + make_interval(hours => $2)
      where id = $1 returning starts_at`,
    [eventId, hours],
  );
  return new Date(row!.starts_at);
}

/** «19:05» for a moment in Moscow time (the fixtures' users are at UTC+3). */
function moscowTime(at: Date): string {
  const local = new Date(at.getTime() + 180 * 60_000);
  return `${local.getUTCHours()}:${String(local.getUTCMinutes()).padStart(2, "0")}`;
}

Deno.test("events in the bot: list, register, confirm when asked, a schedule in one's own time", async (t) => {
  const h = await startTestBot();
  try {
    const anna = await onboardUser(h.db, 882_001);
    const boris = await onboardUser(h.db, 882_002);
    const [event] = await h.db.query<{ id: string }>(
      `insert into public.events (title, description, starts_at, rounds, capacity)
       values ('Вечер знакомств', 'Поговорим о выгорании', now() + interval '3 days', 2, 20)
       returning id`,
    );
    const eventId = event!.id;
    /** Any update lets the dispatcher send what the state machine queued. */
    const deliver = async (user: typeof anna) => {
      await h.post(textUpdate(user, "/help"));
      await h.settle();
    };

    await t.step("/events shows the card with the count and «Записаться»", async () => {
      await h.post(textUpdate(anna, "/events"));
      const card = lastWithButton(h.telegram, anna.id, "e:r:")!;
      assert.match(card.text, /Вечер знакомств/);
      assert.match(card.text, /Записалось: 0 из 20/);
      assert.deepEqual(buttonsOf(card), [`e:r:${eventId}`]);
    });

    await t.step("a tap registers; the card changes to «Отменить запись»", async () => {
      await h.post(callbackUpdate(anna, `e:r:${eventId}`));
      const answer = h.telegram.callsOf("answerCallbackQuery").at(-1)!;
      assert.match(answer.payload.text, /Вы записаны/);
      const edit = h.telegram.callsOf("editMessageText", anna.id).at(-1)!;
      assert.match(edit.payload.text, /Записалось: 1 из 20/);
      assert.deepEqual(
        edit.payload.reply_markup.inline_keyboard.flat().map((b: { callback_data: string }) =>
          b.callback_data
        ),
        [`e:x:${eventId}`],
      );
      await h.post(callbackUpdate(boris, `e:r:${eventId}`));
    });

    await t.step("forged and stale buttons are answered politely and change nothing", async () => {
      await h.post(callbackUpdate(anna, "e:r:00000000-0000-0000-0000-000000000000"));
      assert.match(
        h.telegram.callsOf("answerCallbackQuery").at(-1)!.payload.text,
        /больше нет в списке/,
      );
      await h.post(callbackUpdate(anna, "e:q:whatever"));
      assert.match(h.telegram.callsOf("answerCallbackQuery").at(-1)!.payload.text, /неактуальна/);
      await h.post(callbackUpdate(anna, `e:c:${eventId}`));
      assert.match(h.telegram.callsOf("answerCallbackQuery").at(-1)!.payload.text, /за сутки/);
      const [row] = await h.db.query<{ n: number }>(
        "select count(*)::int as n from public.event_registrations where status = 'registered'",
      );
      assert.equal(row!.n, 2);
    });

    let startsAt!: Date;
    await t.step(
      "a day before, both are asked to confirm, with a deadline in their time",
      async () => {
        startsAt = await startsIn(h, eventId, 23);
        assert.equal((await h.db.call<{ opened: number }>("advance_events")).opened, 1);
        await deliver(anna);
        const ask = lastWithButton(h.telegram, anna.id, "e:c:")!;
        assert.match(ask.text, /Подтвердите, пожалуйста, участие до/);
        const deadline = new Date(startsAt.getTime() - 3 * 3600_000);
        assert.ok(ask.text.includes(moscowTime(deadline)), ask.text);
        assert.deepEqual(buttonsOf(ask), [`e:c:${eventId}`, `e:x:${eventId}`]);
      },
    );

    await t.step(
      "«Подтверждаю»; then the schedule card lists the round in local time",
      async () => {
        await h.post(callbackUpdate(anna, `e:c:${eventId}`));
        assert.match(
          h.telegram.callsOf("answerCallbackQuery").at(-1)!.payload.text,
          /подтверждено/,
        );
        await h.post(callbackUpdate(boris, `e:c:${eventId}`));
        await startsIn(h, eventId, 2);
        const [row] = await h.db.query<{ starts_at: Date }>(
          "select starts_at from public.events where id = $1",
          [eventId],
        );
        startsAt = new Date(row!.starts_at);
        assert.equal((await h.db.call<{ ready: number }>("advance_events")).ready, 1);
        await deliver(anna);
        const schedule = h.telegram.callsOf("sendMessage", anna.id)
          .map((c) => c.payload.text as string)
          .find((text) => text.includes("Ваше расписание"))!;
        assert.ok(schedule, "a schedule card");
        // Two people meet once: one round, although the event allows two.
        assert.ok(schedule.includes(`Раунд 1 — `), schedule);
        assert.ok(!schedule.includes(`Раунд 2`), schedule);
        assert.ok(schedule.includes(moscowTime(startsAt)), schedule);
        // Boris shares all three topics: named as someone Anna may especially want to talk to.
        assert.ok(
          schedule.includes(`особенно захочется поговорить с: ${boris.pseudonym}`),
          schedule,
        );
      },
    );
  } finally {
    await h.close();
  }
});
