import assert from "node:assert/strict";
import { startTestBot, type TestBot } from "../support/harness.ts";
import { callbackUpdate, textUpdate } from "../support/updates.ts";
import { onboardUser } from "../chat/fixtures.ts";

/**
 * The whole scenario on the Bot API stand-in, with time moved instead of waited for:
 * 7 people register through the bot, 1 does not confirm, 6 run 5 rounds with relays, one
 * no-show, choices at the end with one mutual pair -> the consent card; two concurrent ticks
 * change nothing extra.
 */

type User = Awaited<ReturnType<typeof onboardUser>>;

async function startAt(h: TestBot, eventId: string, seconds: number): Promise<void> {
  await h.db.query(
    "update public.events set starts_at = now() + make_interval(secs => $2) where id = $1",
    [eventId, seconds],
  );
}

Deno.test("7 register, 6 confirm, 5 rounds, a no-show, one mutual choice", async () => {
  const h = await startTestBot();
  try {
    const people: User[] = [];
    for (let i = 0; i < 7; i++) {
      people.push(await onboardUser(h.db, 885_001 + i, { pseudonym: `Гость${i + 1}` }));
    }
    const [event] = await h.db.query<{ id: string }>(
      `insert into public.events (title, starts_at, rounds, capacity)
       values ('Большой вечер', now() + interval '3 days', 5, 10) returning id`,
    );
    const eventId = event!.id;
    for (const person of people) await h.post(callbackUpdate(person, `e:r:${eventId}`));

    await startAt(h, eventId, 20 * 3600);
    await Promise.all([h.db.call("advance_events"), h.db.call("advance_events")]);
    for (const person of people.slice(0, 6)) {
      await h.post(callbackUpdate(person, `e:c:${eventId}`));
    }
    await startAt(h, eventId, 2 * 3600);
    await h.db.call("advance_events");
    const statuses = await h.db.query<{ status: string; n: number }>(
      `select status, count(*)::int as n from public.event_registrations
        where event_id = $1 group by status order by status`,
      [eventId],
    );
    assert.deepEqual(statuses.map((s) => [s.status, s.n]), [["confirmed", 6], ["released", 1]]);

    // Round 1 opens; two ticks at once open it once.
    await startAt(h, eventId, -5);
    await Promise.all([h.db.call("advance_events"), h.db.call("advance_events")]);
    const round1 = await h.db.query<{ user_a: string; user_b: string; match_id: string }>(
      "select user_a, user_b, match_id from public.event_pairs where event_id = $1 and round = 1",
      [eventId],
    );
    assert.equal(round1.length, 3);
    assert.ok(round1.every((p) => p.match_id && p.user_b), "six people: three pairs, no bye");
    const byId = (id: string) => people.find((p) => p.userId === id)!;
    // Everyone writes except one person, who is the no-show.
    const silent = byId(round1[0]!.user_b);
    for (const pair of round1) {
      for (const id of [pair.user_a, pair.user_b]) {
        if (id !== silent.userId) await h.post(textUpdate(byId(id), "Привет!"));
      }
    }
    assert.equal(h.telegram.callsOf("copyMessage").length, 5);
    await startAt(h, eventId, -65);
    await h.db.call("advance_events");
    const told = await h.db.query<{ user_id: string }>(
      "select user_id from public.outbox where kind = 'event_partner_silent'",
    );
    assert.deepEqual(told.map((r) => r.user_id), [round1[0]!.user_a], "only the partner is told");

    // All five rounds, then the end.
    await startAt(h, eventId, -(5 * 6 * 60));
    await Promise.all([h.db.call("advance_events"), h.db.call("advance_events")]);
    const [stats] = await h.db.query<Record<string, string>>(
      "select state, rounds, meetings, no_shows from admin.event_stats where event_id = $1",
      [eventId],
    );
    assert.deepEqual(
      [stats!.state, Number(stats!.rounds), Number(stats!.meetings), Number(stats!.no_shows)],
      ["finished", 5, 15, 1],
    );
    const [history] = await h.db.query<{ n: number }>(
      "select count(*)::int as n from public.event_pair_history where event_id = $1",
      [eventId],
    );
    assert.equal(history!.n, 15, "every pair of six met exactly once");

    // Choices: one mutual pair gets the consent card; a one-sided choice stays hidden.
    const [a, b, c] = [people[0]!, people[1]!, people[2]!];
    for (const person of [a, b, c]) await h.post(textUpdate(person, "/help"));
    await h.settle();
    const indexOf = async (chooser: User, chosen: User) => {
      const partners = await h.db.call<Array<{ index: number; pseudonym: string }>>(
        "event_partners_of",
        { p_event_id: eventId, p_user_id: chooser.userId },
      );
      return partners.find((p) => p.pseudonym === chosen.pseudonym)!.index;
    };
    await h.post(callbackUpdate(a, `e:m:${eventId}:${await indexOf(a, b)}`));
    await h.post(callbackUpdate(c, `e:m:${eventId}:${await indexOf(c, a)}`));
    await h.post(callbackUpdate(b, `e:m:${eventId}:${await indexOf(b, a)}`));
    const proposals = await h.db.query<{ user_id: string }>(
      "select user_id from public.outbox where kind = 'proposal'",
    );
    assert.deepEqual(proposals.map((p) => p.user_id).sort(), [a.userId, b.userId].sort());
    const [mutual] = await h.db.query<{ mutual: string; choices: string }>(
      "select mutual, choices from admin.event_stats where event_id = $1",
      [eventId],
    );
    assert.deepEqual([Number(mutual!.mutual), Number(mutual!.choices)], [1, 3]);
  } finally {
    await h.close();
  }
});
