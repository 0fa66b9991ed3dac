import assert from "node:assert/strict";
import type { SqlDb } from "../../shared/db/db.ts";
import { createTestDb } from "../support/test_db.ts";
import { call, type FixtureUser, makeUser, outboxOf } from "../matching/fixtures.ts";

/**
 * Events, step 2: registration with a waiting list, confirmation, and the state machine up to
 * READY (public.advance_events), driven by moving the event's start instead of waiting.
 */

async function makeEvent(
  db: SqlDb,
  options: { capacity?: number; startsInHours?: number; moderation?: string } = {},
): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `insert into public.events (title, description, starts_at, capacity, moderation, rounds)
     values ('Выгорание: поговорим', 'Пять коротких разговоров', now() + make_interval(hours => $1),
             $2, $3, 3)
     returning id`,
    [options.startsInHours ?? 48, options.capacity ?? 30, options.moderation ?? "approved"],
  );
  return row!.id;
}

/** Moves the event's start so that `hours` remain. */
async function startsIn(db: SqlDb, eventId: string, hours: number): Promise<void> {
  await db.query(
    "update public.events set starts_at = now() + make_interval(mins => ($2::double precision * 60)::integer) where id = $1",
    [eventId, hours],
  );
}

const register = (db: SqlDb, user: FixtureUser, eventId: string) =>
  call(db, "register_for_event", { p_tg_id: user.tg, p_event_id: eventId });
const confirm = (db: SqlDb, user: FixtureUser, eventId: string) =>
  call(db, "confirm_event_participation", { p_tg_id: user.tg, p_event_id: eventId });

async function statusOf(
  db: SqlDb,
  user: FixtureUser,
  eventId: string,
): Promise<string | undefined> {
  const [row] = await db.query<{ status: string }>(
    "select status from public.event_registrations where event_id = $1 and user_id = $2",
    [eventId, user.id],
  );
  return row?.status;
}

Deno.test("registration: places, the waiting list, cancelling, counts without names", async (t) => {
  const db = await createTestDb();
  try {
    const eventId = await makeEvent(db, { capacity: 2 });
    const [a, b, c, d] = await Promise.all(
      [1, 2, 3, 4].map((tg) => makeUser(db, { tg, topics: [0, 1] })),
    );
    const teen = await makeUser(db, {
      tg: 5,
      topics: [0, 1],
      birthYear: new Date().getUTCFullYear() - 16,
    });

    await t.step("two places, then the waiting list", async () => {
      assert.equal((await register(db, a!, eventId)).status, "registered");
      assert.equal((await register(db, b!, eventId)).status, "registered");
      const third = await register(db, c!, eventId);
      assert.equal(third.status, "waiting");
      assert.equal(third.card.registered, 2);
      assert.ok(!JSON.stringify(third.card).includes(a!.id), "nobody's identity in the card");
      assert.equal((await register(db, a!, eventId)).status, "already");
    });

    await t.step("a teen does not see or join an adults' event", async () => {
      assert.equal((await register(db, teen, eventId)).status, "not_for_you");
      const list = await call(db, "upcoming_events", { p_tg_id: teen.tg });
      assert.deepEqual(list.events, []);
      const adults = await call(db, "upcoming_events", { p_tg_id: d!.tg });
      assert.equal(adults.events.length, 1);
      assert.equal(adults.events[0].my_status, null);
    });

    await t.step("a cancellation gives the place to the first on the waiting list", async () => {
      assert.equal((await register(db, d!, eventId)).status, "waiting");
      assert.equal(
        (await call(db, "cancel_event_registration", { p_tg_id: a!.tg, p_event_id: eventId }))
          .status,
        "cancelled",
      );
      assert.equal(await statusOf(db, c!, eventId), "registered");
      assert.equal(await statusOf(db, d!, eventId), "waiting");
      assert.equal((await outboxOf(db, c!)).at(-1)?.kind, "event_promoted");
      assert.equal(
        (await call(db, "cancel_event_registration", { p_tg_id: a!.tg, p_event_id: eventId }))
          .status,
        "not_registered",
      );
    });

    await t.step("unknown, unapproved and forged events are not found", async () => {
      const pending = await makeEvent(db, { moderation: "pending" });
      assert.equal((await register(db, d!, pending)).status, "not_found");
      assert.equal(
        (await register(db, d!, "00000000-0000-0000-0000-000000000000")).status,
        "not_found",
      );
    });

    await t.step("two people taking the last place at once: one gets it", async () => {
      const small = await makeEvent(db, { capacity: 2 });
      await register(db, c!, small);
      const results = await Promise.all([register(db, a!, small), register(db, b!, small)]);
      assert.deepEqual(results.map((r) => r.status).sort(), ["registered", "waiting"]);
    });
  } finally {
    await db.close();
  }
});

Deno.test("the state machine up to READY: confirm 24 h before, release the rest, build the rounds", async (t) => {
  const db = await createTestDb();
  try {
    const eventId = await makeEvent(db, { capacity: 6 });
    const people: FixtureUser[] = [];
    for (let tg = 1; tg <= 7; tg++) {
      people.push(await makeUser(db, { tg, topics: [0, 1, tg % 5 + 2] }));
    }
    for (const person of people) await register(db, person, eventId);
    const late = await makeUser(db, { tg: 8, topics: [0, 1] });

    await t.step("too early: confirming is refused and the tick changes nothing", async () => {
      assert.equal((await confirm(db, people[0]!, eventId)).status, "too_early");
      const tick = await call(db, "advance_events");
      assert.equal(tick.opened, 0);
    });

    await t.step(
      "24 h before: everyone with a place is asked once, the waiting list is not",
      async () => {
        await startsIn(db, eventId, 23);
        const [first, second] = await Promise.all([
          call(db, "advance_events"),
          call(db, "advance_events"),
        ]);
        assert.equal(Number(first.opened ?? 0) + Number(second.opened ?? 0), 1);
        assert.equal((await call(db, "advance_events")).opened, 0, "a second tick changes nothing");
        for (const person of people.slice(0, 6)) {
          const asked = (await outboxOf(db, person)).filter((o) => o.kind === "event_confirm");
          assert.equal(asked.length, 1);
          assert.ok(asked[0]!.payload.deadline);
        }
        assert.deepEqual(
          (await outboxOf(db, people[6]!)).filter((o) => o.kind === "event_confirm"),
          [],
        );
      },
    );

    await t.step("a late registration inside the window is asked at once", async () => {
      const result = await register(db, late, eventId);
      assert.equal(result.status, "waiting");
      await call(db, "cancel_event_registration", { p_tg_id: 2, p_event_id: eventId });
      // people[1] left: people[6] (first in line) is promoted and told to confirm now.
      const promoted = (await outboxOf(db, people[6]!)).at(-1)!;
      assert.equal(promoted.kind, "event_promoted");
      assert.equal(promoted.payload.confirm_now, true);
    });

    await t.step("five confirm, one does not; at the deadline the place is released", async () => {
      for (const person of [people[0], people[2], people[3], people[4], people[6]]) {
        assert.equal((await confirm(db, person!, eventId)).status, "confirmed");
      }
      assert.equal((await confirm(db, people[0]!, eventId)).status, "already");
      assert.equal((await confirm(db, late, eventId)).status, "not_registered");
      await startsIn(db, eventId, 2.5);
      const tick = await call(db, "advance_events");
      assert.equal(tick.ready, 1);
      assert.equal(await statusOf(db, people[5]!, eventId), "released");
      assert.equal((await outboxOf(db, people[5]!)).at(-1)?.payload.reason, "not_confirmed");
      assert.equal(await statusOf(db, late, eventId), "released");
      assert.equal((await outboxOf(db, late)).at(-1)?.payload.reason, "full");
      assert.equal((await confirm(db, people[5]!, eventId)).status, "not_registered");
      assert.equal((await register(db, people[1]!, eventId)).status, "closed");
    });

    await t.step(
      "the five confirmed get a schedule card; one sits out each round, in turn",
      async () => {
        const [event] = await db.query<{ state: string }>(
          "select state from public.events where id = $1",
          [eventId],
        );
        assert.equal(event!.state, "ready");
        const sitOuts: string[] = [];
        for (const person of [people[0], people[2], people[3], people[4], people[6]]) {
          const card = (await outboxOf(db, person!)).at(-1)!;
          assert.equal(card.kind, "event_schedule");
          assert.equal(card.payload.schedule.length, 3);
          for (const round of card.payload.schedule) if (round.sits_out) sitOuts.push(person!.id);
        }
        assert.equal(sitOuts.length, 3);
        assert.equal(new Set(sitOuts).size, 3, "nobody sits out twice");
        assert.equal((await call(db, "advance_events")).ready, 0);
      },
    );
  } finally {
    await db.close();
  }
});

Deno.test("an event with fewer than two confirmed is cancelled and the one who came is told", async () => {
  const db = await createTestDb();
  try {
    const eventId = await makeEvent(db, { startsInHours: 20 });
    const a = await makeUser(db, { tg: 1, topics: [0, 1] });
    const b = await makeUser(db, { tg: 2, topics: [0, 1] });
    await register(db, a, eventId);
    await register(db, b, eventId);
    await call(db, "advance_events");
    await confirm(db, a, eventId);
    await startsIn(db, eventId, 1);
    assert.equal((await call(db, "advance_events")).cancelled, 1);
    assert.equal((await outboxOf(db, a)).at(-1)?.payload.reason, "too_few");
    const events = await db.query<{ data: { state: string } }>(
      "select data from public.domain_events where event = 'event.state_changed' order by id",
    );
    assert.deepEqual(events.map((e) => e.data.state), ["reg_confirm", "cancelled"]);
  } finally {
    await db.close();
  }
});
