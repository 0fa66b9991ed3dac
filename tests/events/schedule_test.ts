import assert from "node:assert/strict";
import type { SqlDb } from "../../shared/db/db.ts";
import { createTestDb } from "../support/test_db.ts";

/**
 * The round-robin schedule of an event (public.circle_pairs, public.build_event_schedule) as a
 * property test: for 2..60 participants every pair meets at most once, everyone is in every
 * round exactly once (meeting someone or sitting out), the sit-out rotates, blocked pairs and
 * pairs in a chat cooldown never meet, and groups are balanced.
 */

const POOL = 60;

/** POOL people with 2-5 topics each (a seeded pattern), complete profiles. */
async function makePool(db: SqlDb): Promise<string[]> {
  await db.exec(`
    insert into public.users (tg_id, pseudonym, bio, birth_year, utc_offset_minutes,
      rules_accepted_at, onboarding_step)
    select 700000 + i, 'p' || i, 'bio', 1990, 180, now(), 'done'
      from generate_series(1, ${POOL}) as i;
    insert into public.user_topics (user_id, topic_id, weight)
    select u.id, t.id, 1
      from public.users u
      cross join lateral (
        select id from public.topics order by md5(id::text || u.tg_id::text)
         limit 2 + u.tg_id % 4
      ) t;
  `);
  const rows = await db.query<{ id: string }>("select id from public.users order by tg_id");
  return rows.map((row) => row.id);
}

async function makeEvent(
  db: SqlDb,
  people: string[],
  options: { rounds?: number | null; groupSize?: number } = {},
): Promise<string> {
  const [event] = await db.query<{ id: string }>(
    `insert into public.events (title, starts_at, rounds, capacity, group_size, state)
     values ('Встреча', now() + interval '1 hour', $1, 300, $2, 'ready') returning id`,
    [options.rounds ?? null, options.groupSize ?? 60],
  );
  await db.query(
    `insert into public.event_registrations (event_id, user_id, status, confirmed_at)
     select $1, u, 'confirmed', now() from unnest($2::uuid[]) as u`,
    [event!.id, `{${people.join(",")}}`],
  );
  return event!.id;
}

interface PairRow {
  group_no: number;
  round: number;
  user_a: string;
  user_b: string | null;
  bye_reason: string | null;
}

async function scheduleOf(db: SqlDb, eventId: string): Promise<PairRow[]> {
  await db.query("select public.build_event_schedule($1)", [eventId]);
  return await db.query<PairRow>(
    "select group_no, round, user_a, user_b, bye_reason from public.event_pairs where event_id = $1",
    [eventId],
  );
}

const key = (a: string, b: string) => a < b ? `${a}|${b}` : `${b}|${a}`;

Deno.test("circle_pairs(n): every pair exactly once, one sit-out per round in turn", async () => {
  const db = await createTestDb();
  try {
    for (let n = 2; n <= 60; n++) {
      const rows = await db.query<{ round: number; a: number; b: number | null }>(
        "select * from public.circle_pairs($1)",
        [n],
      );
      const rounds = n % 2 === 0 ? n - 1 : n;
      const met = new Set<string>();
      const sitOut: number[] = [];
      for (const row of rows) {
        if (row.b === null) {
          sitOut.push(row.a);
          continue;
        }
        const pair = `${row.a}|${row.b}`;
        assert.ok(!met.has(pair), `n=${n}: ${pair} twice`);
        met.add(pair);
      }
      assert.equal(met.size, (n * (n - 1)) / 2, `n=${n}: every pair meets`);
      assert.equal(new Set(rows.map((r) => r.round)).size, rounds);
      if (n % 2 === 1) assert.deepEqual([...sitOut].sort((x, y) => x - y), [...Array(n).keys()]);
      else assert.equal(sitOut.length, 0);
    }
    assert.deepEqual(await db.query("select * from public.circle_pairs(1)"), []);
  } finally {
    await db.close();
  }
});

Deno.test("build_event_schedule: for 2..60 people pairs meet at most once, sit-outs rotate, blocked pairs never meet", async () => {
  const db = await createTestDb();
  try {
    const pool = await makePool(db);
    // About one pair in 25 blocked (either direction), a few in a chat cooldown.
    await db.query(
      `insert into public.blocks (blocker_user_id, blocked_user_id)
       select a, b from unnest($1::uuid[]) a, unnest($1::uuid[]) b
        where a <> b and abs(hashtext(a::text || b::text)) % 50 = 0`,
      [`{${pool.join(",")}}`],
    );
    await db.query(
      `insert into public.recent_contacts (user_low, user_high, until)
       select a, b, now() + interval '1 day' from unnest($1::uuid[]) a, unnest($1::uuid[]) b
        where a < b and abs(hashtext(b::text || a::text)) % 60 = 0
       on conflict do nothing`,
      [`{${pool.join(",")}}`],
    );
    const forbidden = new Set(
      (await db.query<{ a: string; b: string }>(
        `select blocker_user_id as a, blocked_user_id as b from public.blocks
         union all select user_low, user_high from public.recent_contacts`,
      )).map((row) => key(row.a, row.b)),
    );
    assert.ok(forbidden.size > 20, "the test has blocked pairs to avoid");

    for (let n = 2; n <= POOL; n++) {
      const people = pool.slice(0, n);
      const limited = n % 3 === 0 ? 5 : null;
      const eventId = await makeEvent(db, people, { rounds: limited });
      const rows = await scheduleOf(db, eventId);
      const rounds = Math.min(limited ?? Infinity, n % 2 === 0 ? n - 1 : n);
      const met = new Set<string>();
      const perRound = new Map<number, string[]>();
      const sitOuts = new Map<string, number>();
      for (const row of rows) {
        const seen = perRound.get(row.round) ?? [];
        seen.push(row.user_a);
        if (row.user_b) seen.push(row.user_b);
        perRound.set(row.round, seen);
        if (row.user_b === null) {
          sitOuts.set(row.user_a, (sitOuts.get(row.user_a) ?? 0) + 1);
          continue;
        }
        const pair = key(row.user_a, row.user_b);
        assert.ok(!forbidden.has(pair), `n=${n}: a blocked or recent pair met`);
        assert.ok(!met.has(pair), `n=${n}: a pair met twice`);
        met.add(pair);
      }
      assert.equal(perRound.size, rounds, `n=${n}: ${rounds} rounds`);
      for (const [round, seen] of perRound) {
        assert.equal(seen.length, n, `n=${n} round ${round}: everyone once`);
        assert.equal(new Set(seen).size, n, `n=${n} round ${round}: nobody twice`);
      }
      // The odd one out rotates: nobody sits out twice for being odd while others never did.
      const oddOuts = new Map<string, number>();
      for (const row of rows) {
        if (row.bye_reason === "odd") oddOuts.set(row.user_a, (oddOuts.get(row.user_a) ?? 0) + 1);
      }
      if (n % 2 === 1) {
        assert.equal([...oddOuts.values()].reduce((s, v) => s + v, 0), rounds);
        assert.ok([...oddOuts.values()].every((v) => v === 1), `n=${n}: the sit-out rotates`);
      } else {
        assert.equal(oddOuts.size, 0);
      }
      // Without limits every allowed pair meets (a full round robin).
      if (limited === null) {
        const allowed = (n * (n - 1)) / 2 -
          [...forbidden].filter((pair) => pair.split("|").every((id) => people.includes(id)))
            .length;
        assert.equal(met.size, allowed, `n=${n}: every allowed pair meets`);
      }
      // Idempotent: a second call writes nothing.
      assert.equal(await db.call<number>("build_event_schedule", { p_event_id: eventId }), 0);
    }
  } finally {
    await db.close();
  }
});

Deno.test("build_event_schedule: more people than a group holds make balanced groups", async () => {
  const db = await createTestDb();
  try {
    const pool = await makePool(db);
    const eventId = await makeEvent(db, pool.slice(0, 53), { groupSize: 12, rounds: 4 });
    const rows = await scheduleOf(db, eventId);
    const groups = await db.query<{ group_no: number; n: number }>(
      `select group_no, count(*)::int as n from public.event_registrations
        where event_id = $1 group by group_no order by group_no`,
      [eventId],
    );
    // 53 people, at most 12 a group: 5 groups of 10-11.
    assert.deepEqual(groups.map((g) => g.n).sort(), [10, 10, 11, 11, 11]);
    const groupOf = new Map(
      (await db.query<{ user_id: string; group_no: number }>(
        "select user_id, group_no from public.event_registrations where event_id = $1",
        [eventId],
      )).map((row) => [row.user_id, row.group_no]),
    );
    for (const row of rows) {
      if (row.user_b) assert.equal(groupOf.get(row.user_a), groupOf.get(row.user_b));
    }
    assert.equal(new Set(rows.map((r) => r.round)).size, 4);
  } finally {
    await db.close();
  }
});

Deno.test("build_event_schedule: pairs who met at an earlier event come last and drop off", async () => {
  const db = await createTestDb();
  try {
    const pool = await makePool(db);
    const people = pool.slice(0, 6);
    // Everyone with person 0 met before: with 2 of 5 rounds, person 0 meets nobody new... so
    // person 0's earlier partners must not appear in the rounds played, if avoidable.
    await db.query(
      `insert into public.event_pair_history (user_low, user_high)
       select least($1::uuid, u), greatest($1::uuid, u) from unnest($2::uuid[]) u`,
      [people[0], `{${people.slice(1, 3).join(",")}}`],
    );
    const rows = await scheduleOf(db, await makeEvent(db, people, { rounds: 3 }));
    const partnersOf0 = rows.filter((r) =>
      r.user_b && (r.user_a === people[0] || r.user_b === people[0])
    )
      .map((r) => r.user_a === people[0] ? r.user_b : r.user_a);
    assert.equal(partnersOf0.length, 3);
    assert.ok(
      partnersOf0.every((p) => !people.slice(1, 3).includes(p!)),
      "met-before pairs dropped",
    );
  } finally {
    await db.close();
  }
});
