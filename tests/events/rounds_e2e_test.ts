import assert from "node:assert/strict";
import { startTestBot, type TestBot } from "../support/harness.ts";
import { callbackUpdate, textUpdate } from "../support/updates.ts";
import { buttonsOf, onboardUser } from "../chat/fixtures.ts";
import { createPrometheusMetrics } from "../../shared/metrics/prometheus.ts";
import { registerEventMetrics } from "../../shared/events/event_metrics.ts";

/**
 * Running an event on the Bot API stand-in: the rules 5 minutes before, rounds that open the
 * anonymous relay between partners and close it, the sit-out told in advance, a silent partner
 * mentioned kindly, /next refused in a round, catching up after missed ticks, the end. Time
 * moves by moving the event's start (the SQL compares with now()), never by waiting.
 */

type User = Awaited<ReturnType<typeof onboardUser>>;

/** Puts the event's start `seconds` from now (negative: already started). */
async function startAt(h: TestBot, eventId: string, seconds: number): Promise<void> {
  await h.db.query(
    "update public.events set starts_at = now() + make_interval(secs => $2) where id = $1",
    [eventId, seconds],
  );
}

async function tick(h: TestBot) {
  return await h.db.call<Record<string, number>>("advance_events");
}

/** Lets the dispatcher send what the state machine queued (any update triggers it). */
async function deliver(h: TestBot, user: User): Promise<void> {
  await h.post(textUpdate(user, "/help"));
  await h.settle();
}

function textsTo(h: TestBot, user: User): string[] {
  return h.telegram.callsOf("sendMessage", user.id).map((c) => c.payload.text as string);
}

Deno.test("an event runs: rules, rounds with relays, a sit-out in turn, silence, the end", async (t) => {
  const h = await startTestBot();
  try {
    const people = [
      await onboardUser(h.db, 883_001, { pseudonym: "Анна" }),
      await onboardUser(h.db, 883_002, { pseudonym: "Борис" }),
      await onboardUser(h.db, 883_003, { pseudonym: "Вера" }),
    ];
    const [event] = await h.db.query<{ id: string }>(
      `insert into public.events (title, starts_at, capacity)
       values ('Вечер историй', now() + interval '20 hours', 10) returning id`,
    );
    const eventId = event!.id;
    for (const person of people) {
      await h.db.call("register_for_event", { p_tg_id: person.id, p_event_id: eventId });
    }
    await tick(h);
    for (const person of people) {
      await h.db.call("confirm_event_participation", { p_tg_id: person.id, p_event_id: eventId });
    }
    await startAt(h, eventId, 2 * 3600);
    assert.equal((await tick(h)).ready, 1);

    await t.step("5 minutes before, everyone gets the rules once", async () => {
      await startAt(h, eventId, 295);
      await tick(h);
      await tick(h);
      for (const person of people) await deliver(h, person);
      for (const person of people) {
        assert.equal(textsTo(h, person).filter((text) => text.includes("Через 5 минут")).length, 1);
      }
    });

    const pairOf = async (round: number) =>
      await h.db.query<{ user_a: string; user_b: string | null; match_id: string | null }>(
        "select user_a, user_b, match_id from public.event_pairs where event_id = $1 and round = $2",
        [eventId, round],
      );
    const byId = (id: string) => people.find((p) => p.userId === id)!;
    let talking: User[] = [];
    let resting!: User;

    await t.step(
      "at the start, round 1 opens a relay for the pair and tells the third",
      async () => {
        await startAt(h, eventId, -10);
        const [first, second] = await Promise.all([tick(h), tick(h)]);
        assert.equal(Number(first!.running ?? 0) + Number(second!.running ?? 0) >= 1, true);
        const rows = await pairOf(1);
        const pair = rows.find((r) => r.user_b !== null)!;
        const bye = rows.find((r) => r.user_b === null)!;
        talking = [byId(pair.user_a), byId(pair.user_b!)];
        resting = byId(bye.user_a);
        const [open] = await h.db.query<{ n: number }>(
          "select count(*)::int as n from public.matches where event_id = $1 and state = 'active'",
          [eventId],
        );
        assert.equal(open!.n, 1, "two ticks at once opened the round once");
        for (const person of people) await deliver(h, person);
        assert.ok(
          textsTo(h, talking[0]!).some((text) =>
            text.includes("Раунд 1 из 3") && text.includes(talking[1]!.pseudonym)
          ),
        );
        assert.ok(textsTo(h, resting).some((text) => text.includes("вы отдыхаете")));
      },
    );

    await t.step(
      "the round's opening has «Завершить», «Пожаловаться» and «Заблокировать»",
      async () => {
        const [open] = await h.db.query<{ id: string }>(
          "select id from public.matches where event_id = $1 and state = 'active'",
          [eventId],
        );
        for (const person of talking) {
          const opening = h.telegram.callsOf("sendMessage", person.id)
            .find((c) => String(c.payload.text).includes("Раунд 1 из 3"))!;
          assert.deepEqual(buttonsOf(opening.payload), [
            "c:end",
            `c:rep:${open!.id}`,
            `c:blk:${open!.id}`,
          ]);
        }
      },
    );

    await t.step("partners talk through the anonymous relay; /next is refused", async () => {
      h.telegram.clear();
      await h.post(textUpdate(talking[0]!, "Привет! Как вы?"));
      const copy = h.telegram.callsOf("copyMessage").at(-1)!;
      assert.equal(copy.payload.chat_id, talking[1]!.id);
      assert.equal(copy.payload.protect_content, true);
      await h.post(textUpdate(talking[0]!, "/next"));
      assert.match(textsTo(h, talking[0]!).at(-1)!, /\/next не работает/);
      const [still] = await h.db.query<{ n: number }>(
        "select count(*)::int as n from public.matches where event_id = $1 and state = 'active'",
        [eventId],
      );
      assert.equal(still!.n, 1);
    });

    await t.step("after a minute, the one who wrote hears that the partner is quiet", async () => {
      await startAt(h, eventId, -70);
      await tick(h);
      await tick(h);
      h.telegram.clear();
      await deliver(h, talking[0]!);
      assert.equal(
        textsTo(h, talking[0]!).filter((text) => text.includes("Собеседник пока молчит")).length,
        1,
      );
      await deliver(h, talking[1]!);
      assert.ok(!textsTo(h, talking[1]!).some((text) => text.includes("молчит")));
    });

    await t.step("the round closes after 5 minutes; the pause names the next start", async () => {
      await startAt(h, eventId, -(5 * 60 + 10));
      await tick(h);
      const [match] = await h.db.query<{ state: string; end_reason: string }>(
        "select state, end_reason from public.matches where event_id = $1",
        [eventId],
      );
      assert.deepEqual([match!.state, match!.end_reason], ["ended", "round_end"]);
      h.telegram.clear();
      await deliver(h, talking[1]!);
      assert.ok(
        textsTo(h, talking[1]!).some((text) =>
          text.includes("Раунд 1 закончился") && text.includes("Следующий раунд — в")
        ),
      );
      // The relay is closed: a message now is not copied to the former partner.
      h.telegram.clear();
      await h.post(textUpdate(talking[0]!, "Вы тут?"));
      assert.equal(h.telegram.callsOf("copyMessage").length, 0);
    });

    await t.step("missed ticks are caught up; everyone met everyone once; the end", async () => {
      await startAt(h, eventId, -40 * 60);
      await tick(h);
      const [state] = await h.db.query<{ state: string }>(
        "select state from public.events where id = $1",
        [eventId],
      );
      assert.equal(state!.state, "finished");
      const history = await h.db.query<{ n: number }>(
        "select count(*)::int as n from public.event_pair_history where event_id = $1",
        [eventId],
      );
      assert.equal(history[0]!.n, 3);
      const sitOuts = await h.db.query<{ user_a: string }>(
        "select user_a from public.event_pairs where event_id = $1 and user_b is null",
        [eventId],
      );
      assert.equal(new Set(sitOuts.map((r) => r.user_a)).size, 3, "each sat out once");
      for (const person of people) await deliver(h, person);
      for (const person of people) {
        assert.ok(textsTo(h, person).some((text) => text.includes("закончилась")));
      }
      const [open] = await h.db.query<{ n: number }>(
        "select count(*)::int as n from public.match_members",
      );
      assert.equal(open!.n, 0, "nobody is left in a round");
    });

    await t.step(
      "choices at the end: only a mutual one is revealed, as the consent card",
      async () => {
        const [anna, boris, vera] = people as [User, User, User];
        const buttonFor = (user: User, pseudonym: string): string => {
          const card = h.telegram.callsOf("sendMessage", user.id)
            .map((c) => c.payload)
            .find((p) => String(p.text).includes("С кем хотелось бы продолжить"))!;
          const button = card.reply_markup.inline_keyboard.flat()
            .find((b: { text: string }) => b.text.includes(pseudonym));
          return button.callback_data as string;
        };
        const answer = () =>
          h.telegram.callsOf("answerCallbackQuery").at(-1)!.payload.text as string;
        const annaChoosesBoris = buttonFor(anna, "Борис");
        const borisChoosesAnna = buttonFor(boris, "Анна");
        assert.match(annaChoosesBoris, new RegExp(`^e:m:${eventId}:[12]$`));

        await h.post(callbackUpdate(vera, buttonFor(vera, "Анна")));
        assert.match(answer(), /Отмечено/);
        await h.post(callbackUpdate(anna, annaChoosesBoris));
        assert.match(answer(), /Отмечено/);
        h.telegram.clear();
        await h.post(callbackUpdate(boris, borisChoosesAnna));
        assert.match(answer(), /Взаимно/);
        await deliver(h, anna);
        await deliver(h, vera);
        const [proposal] = await h.db.query<{ user_a: string; user_b: string; state: string }>(
          "select user_a, user_b, state from public.matches where event_id is null",
        );
        assert.deepEqual(
          [proposal!.user_a, proposal!.user_b].sort(),
          [anna.userId, boris.userId].sort(),
        );
        assert.equal(proposal!.state, "proposed");
        const cards = await h.db.query<{ user_id: string; status: string }>(
          "select user_id, status from public.outbox where kind = 'proposal'",
        );
        assert.deepEqual(
          cards.map((c) => c.user_id).sort(),
          [anna.userId, boris.userId].sort(),
          "both got the normal consent card",
        );
        assert.ok(cards.every((c) => c.status === "sent"));
        assert.ok(
          !textsTo(h, anna).some((text) => text.includes("Вера")),
          "Vera's choice stays hidden",
        );

        await h.post(callbackUpdate(boris, borisChoosesAnna));
        assert.match(answer(), /уже отправлено/);
        await h.post(callbackUpdate(anna, `e:m:${eventId}:9`));
        assert.match(answer(), /Не нашёл/);
        await h.post(callbackUpdate(anna, `e:m:${eventId}:x`));
        assert.match(answer(), /неактуальна/);
      },
    );

    await t.step("admin.event_stats and /metrics count it all, without content", async () => {
      const [stats] = await h.db.query<Record<string, string | number>>(
        "select * from admin.event_stats where event_id = $1",
        [eventId],
      );
      assert.deepEqual(
        [
          "confirmed",
          "rounds",
          "meetings",
          "no_shows",
          "choices",
          "mutual",
          "mutual_rate",
          "messages_relayed",
        ].map((key) => Number(stats![key])),
        [3, 3, 3, 1, 3, 1, 0.333, 1],
      );
      const metrics = createPrometheusMetrics();
      registerEventMetrics(metrics, h.db);
      const text = await metrics.render();
      for (
        const line of [
          "events_running 0",
          "event_meetings 3",
          "event_no_shows 1",
          "event_mutual_choices 1",
          "event_messages_relayed 1",
        ]
      ) assert.ok(text.includes(`${line}\n`), line);
    });
  } finally {
    await h.close();
  }
});

Deno.test("«Пожаловаться» in a round: the report is filed, the round ends, the event goes on", async () => {
  const h = await startTestBot();
  try {
    const people = [
      await onboardUser(h.db, 887_001, { pseudonym: "Анна" }),
      await onboardUser(h.db, 887_002, { pseudonym: "Борис" }),
      await onboardUser(h.db, 887_003, { pseudonym: "Вера" }),
      await onboardUser(h.db, 887_004, { pseudonym: "Глеб" }),
    ];
    const [event] = await h.db.query<{ id: string }>(
      `insert into public.events (title, starts_at, capacity, rounds)
       values ('Короткий вечер', now() + interval '20 hours', 10, 2) returning id`,
    );
    const eventId = event!.id;
    for (const person of people) {
      await h.db.call("register_for_event", { p_tg_id: person.id, p_event_id: eventId });
    }
    await tick(h);
    for (const person of people) {
      await h.db.call("confirm_event_participation", { p_tg_id: person.id, p_event_id: eventId });
    }
    await startAt(h, eventId, 2 * 3600);
    await tick(h);
    await startAt(h, eventId, -5);
    await tick(h);
    for (const person of people) await deliver(h, person);

    const reporter = people[0]!;
    const opening = h.telegram.callsOf("sendMessage", reporter.id)
      .find((c) => String(c.payload.text).includes("Раунд 1 из 2"))!;
    const reportAsk = buttonsOf(opening.payload).find((d) => d.startsWith("c:rep:"))!;
    const matchId = reportAsk.slice("c:rep:".length);
    await h.post(callbackUpdate(reporter, reportAsk));
    await h.post(callbackUpdate(reporter, `${reportAsk}:abuse`));

    const [report] = await h.db.query<{ n: number }>(
      "select count(*)::int as n from public.reports where match_id = $1",
      [matchId],
    );
    assert.equal(report!.n, 1, "the report is filed");
    const [match] = await h.db.query<{ state: string; end_reason: string }>(
      "select state, end_reason from public.matches where id = $1",
      [matchId],
    );
    assert.deepEqual({ ...match }, { state: "ended", end_reason: "report" });
    const [others] = await h.db.query<{ n: number }>(
      "select count(*)::int as n from public.matches where event_id = $1 and state = 'active'",
      [eventId],
    );
    assert.equal(others!.n, 1, "the other pair goes on talking");

    await startAt(h, eventId, -30 * 60);
    await tick(h);
    const [state] = await h.db.query<{ state: string }>(
      "select state from public.events where id = $1",
      [eventId],
    );
    assert.equal(state!.state, "finished", "the event went on to its end");
  } finally {
    await h.close();
  }
});
