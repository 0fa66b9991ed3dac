import assert from "node:assert/strict";
import { startTestBot } from "../support/harness.ts";
import { callbackUpdate, textUpdate } from "../support/updates.ts";
import { buttonsOf, lastWithButton, onboardUser } from "../chat/fixtures.ts";
import { parseLocalStart } from "../../shared/events/event_draft.ts";

Deno.test("parseLocalStart reads «ДД.ММ ЧЧ:ММ» in the person's own time", () => {
  const now = new Date("2026-11-23T12:00:00Z");
  assert.equal(parseLocalStart("12.12 19:00", 180, now)?.toISOString(), "2026-12-12T16:00:00.000Z");
  assert.equal(parseLocalStart("01.01 00:30", 330, now)?.toISOString(), "2026-12-31T19:00:00.000Z");
  assert.equal(parseLocalStart("5.3.2027 9:05", 0, now)?.toISOString(), "2027-03-05T09:05:00.000Z");
  // A day already past this year is next year's.
  assert.equal(parseLocalStart("01.02 10:00", 0, now)?.toISOString(), "2027-02-01T10:00:00.000Z");
  // A day that passed days ago stays in the past (the answer says it passed, not «too far»).
  assert.equal(parseLocalStart("20.11 10:00", 0, now)?.toISOString(), "2026-11-20T10:00:00.000Z");
  for (const bad of ["31.02 19:00", "12.13 10:00", "завтра", "12.12", "12.12 25:00", ""]) {
    assert.equal(parseLocalStart(bad, 180, now), null, bad);
  }
});

/** «ДД.ММ ЧЧ:ММ» `hours` from now in Moscow time (the test users' offset). */
function localIn(hours: number): string {
  const at = new Date(Date.now() + hours * 3600_000 + 180 * 60_000);
  const minutes = String(at.getUTCMinutes()).padStart(2, "0");
  return `${at.getUTCDate()}.${at.getUTCMonth() + 1} ${at.getUTCHours()}:${minutes}`;
}

Deno.test("/newevent: three answers, checks, moderation, and only then listed", async (t) => {
  const h = await startTestBot();
  try {
    const anna = await onboardUser(h.db, 884_001);
    const boris = await onboardUser(h.db, 884_002);
    const last = () => h.telegram.lastTextTo(anna.id)!;

    await t.step("title with a phone is refused; a good one moves on", async () => {
      await h.post(textUpdate(anna, "/newevent"));
      assert.match(last(), /Как она будет называться/);
      await h.post(textUpdate(anna, "Звоните +7 999 123-45-67"));
      assert.match(last(), /без телефонов/);
      await h.post(textUpdate(anna, "Тупые уроды, приходите"));
      assert.match(last(), /без оскорблений/);
      await h.post(textUpdate(anna, "Выгорание на работе: делимся опытом"));
      assert.match(last(), /О чём поговорим/);
      await h.post(textUpdate(anna, "-"));
      assert.match(last(), /Когда начинаем/);
      assert.match(last(), /Не раньше чем через 26 часов и не позже чем через 60 дней/);
    });

    await t.step(
      "an impossible time is not understood; a time outside the window says why",
      async () => {
        await h.post(textUpdate(anna, "31.02 19:00"));
        assert.match(last(), /Не понял время/);
        // 2 h and 25 h ahead: under announce_min_hours (26), which the text names.
        for (const hours of [2, 25]) {
          await h.post(textUpdate(anna, localIn(hours)));
          assert.match(
            last(),
            /Слишком скоро: встреча может начаться не раньше чем через 26 часов/,
          );
          assert.match(last(), /Самое раннее — \d+ [а-я]+\.?, \d+:\d\d/);
          assert.doesNotMatch(last(), /Не понял/);
        }
        await h.post(textUpdate(anna, localIn(-2)));
        assert.match(last(), /уже прошло/);
        await h.post(textUpdate(anna, localIn(61 * 24)));
        assert.match(last(), /Слишком далеко: .*не позже чем через 60 дней/);
      },
    );

    await t.step(
      "the window is one setting: the rule and the text follow it, fractions kept",
      async () => {
        await h.db.query(
          "update public.event_config set value = 1.5 where key = 'announce_min_hours'",
        );
        await h.post(textUpdate(anna, localIn(1)));
        assert.match(last(), /не раньше чем через 90 минут/);
        const [accepted] = await h.db.query<{ refusal: unknown }>(
          "select public.event_start_refusal(now() + interval '100 minutes') as refusal",
        );
        assert.equal(accepted!.refusal, null, "1 h 40 min is inside a 1.5 h minimum");
        await h.db.query(
          "update public.event_config set value = 26 where key = 'announce_min_hours'",
        );
      },
    );

    await t.step(
      "a good time shows the card with the format the event will get",
      async () => {
        const later = new Date(Date.now() + 3 * 86_400_000 + 180 * 60_000);
        await h.post(
          textUpdate(anna, `${later.getUTCDate()}.${later.getUTCMonth() + 1} 19:00`),
        );
        const card = lastWithButton(h.telegram, anna.id, "e:ns")!;
        assert.match(card.text, /Выгорание на работе/);
        assert.match(card.text, /19:00/);
        assert.match(card.text, /раунды по 5 мин, до 30 участников/);
        assert.deepEqual(buttonsOf(card), ["e:ns", "e:nc"]);
      },
    );

    let eventId!: string;
    await t.step("sent for moderation: pending, with topics found, not listed yet", async () => {
      await h.post(callbackUpdate(anna, "e:ns"));
      assert.match(last(), /отправлена на проверку/);
      const [event] = await h.db.query<{ id: string; moderation: string; slugs: string[] }>(
        `select e.id, e.moderation,
                array(select t.slug from public.topics t where t.id = any(e.topic_ids)) as slugs
           from public.events e`,
      );
      eventId = event!.id;
      assert.equal(event!.moderation, "pending");
      assert.ok(event!.slugs.includes("burnout"), event!.slugs.join(","));
      const listed = await h.db.call<{ events: unknown[] }>("recommended_events", {
        p_tg_id: boris.id,
      });
      assert.deepEqual(listed.events, []);
      await h.post(callbackUpdate(anna, "e:ns"));
      assert.match(h.telegram.callsOf("sendMessage", anna.id).at(-1)!.payload.text, /неактуальна/);
    });

    await t.step("a moderator approves: the author is told, everyone can see it", async () => {
      const [pending] = await h.db.query<{ event_id: string }>(
        "select event_id from admin.pending_events",
      );
      assert.equal(pending!.event_id, eventId);
      assert.equal(
        (await h.db.query<{ r: { status: string } }>("select admin.approve_event($1) as r", [
          eventId,
        ]))[0]!.r.status,
        "approved",
      );
      await h.post(textUpdate(anna, "/help"));
      await h.settle();
      assert.ok(
        h.telegram.callsOf("sendMessage", anna.id).some((c) =>
          String(c.payload.text).includes("одобрена")
        ),
      );
      const listed = await h.db.call<{ events: Array<{ event_id: string }> }>(
        "recommended_events",
        { p_tg_id: boris.id },
      );
      assert.deepEqual(listed.events.map((e) => e.event_id), [eventId]);
    });

    await t.step("«Отменить» drops the draft and files nothing", async () => {
      await h.post(textUpdate(anna, "/newevent"));
      await h.post(textUpdate(anna, "Ещё одна встреча"));
      await h.post(textUpdate(anna, "-"));
      const later = new Date(Date.now() + 4 * 86_400_000 + 180 * 60_000);
      await h.post(textUpdate(anna, `${later.getUTCDate()}.${later.getUTCMonth() + 1} 18:30`));
      await h.post(callbackUpdate(anna, "e:nc"));
      const [drafts] = await h.db.query<{ n: number }>(
        "select count(*)::int as n from public.event_drafts",
      );
      assert.equal(drafts!.n, 0);
      const [events] = await h.db.query<{ n: number }>(
        "select count(*)::int as n from public.events",
      );
      assert.equal(events!.n, 1);
    });
  } finally {
    await h.close();
  }
});
