/**
 * Real concurrency, which PGlite (one session) cannot show: several sessions of a real
 * PostgreSQL call the state-transition functions at the same moment. Runs in the
 * real-PostgreSQL tier (`deno task test:postgres`) and is skipped on PGlite.
 */
import assert from "node:assert/strict";
import type { PostgresDb } from "../../shared/db/postgres_db.ts";
import { call, find, type FixtureUser, makeUser, proposedPair } from "../matching/fixtures.ts";
import { createTestDb, openSession, realPostgres, type TestDb } from "../support/test_db.ts";

const ignore = realPostgres === undefined;
const SESSIONS = 8;

/** Runs `fn` on `count` separate sessions, all started together. */
async function inSessions<T>(
  db: TestDb,
  count: number,
  fn: (session: PostgresDb, index: number) => Promise<T>,
): Promise<T[]> {
  const sessions = Array.from({ length: count }, () => openSession(db));
  try {
    // Connect first, so the calls themselves start together.
    await Promise.all(sessions.map((s) => s.ping()));
    return await Promise.all(sessions.map((s, i) => fn(s, i)));
  } finally {
    await Promise.all(sessions.map((s) => s.close()));
  }
}

Deno.test({
  name: "real PostgreSQL: eight sessions searching and ticking at once pair each person once",
  ignore,
  async fn() {
    const db = await createTestDb();
    try {
      const users: FixtureUser[] = [];
      for (let i = 0; i < 40; i++) {
        users.push(await makeUser(db, { tg: 500 + i, topics: [0, 1, 2 + (i % 4)] }));
      }
      // Each session searches for five people, with a matching tick in between.
      await inSessions(db, SESSIONS, async (session, index) => {
        for (const user of users.filter((_, i) => i % SESSIONS === index)) {
          await find(session, user);
          await call(session, "run_matching_tick");
        }
      });
      const twice = await db.query(
        `select u from (
           select user_a as u from public.matches where state in ('proposed', 'accepted_by_one', 'active')
           union all
           select user_b from public.matches where state in ('proposed', 'accepted_by_one', 'active')
         ) x group by u having count(*) > 1`,
      );
      assert.deepEqual(twice, [], "nobody is in two live matches");
      const [{ paired }] = await db.query<{ paired: number }>(
        `select count(*)::int as paired from public.match_members`,
      ) as [{ paired: number }];
      const [{ queued }] = await db.query<{ queued: number }>(
        "select count(*)::int as queued from public.match_queue",
      ) as [{ queued: number }];
      assert.equal(paired + queued, 40, "everyone is either paired or still waiting");
      assert.ok(paired >= 30, `most people got a proposal (${paired} of 40)`);
    } finally {
      await db.close();
    }
  },
});

Deno.test({
  name: "real PostgreSQL: two accepts at the same moment start exactly one chat",
  ignore,
  async fn() {
    const db = await createTestDb();
    try {
      for (let round = 0; round < 5; round++) {
        const { a, b, matchId } = await proposedPair(
          db,
          { tg: 600 + round * 2, topics: [0, 1, 2] },
          { tg: 601 + round * 2, topics: [0, 1, 3] },
        );
        const results = await inSessions(
          db,
          2,
          (session, i) =>
            call(session, "respond_to_proposal", {
              p_tg_id: i === 0 ? a.tg : b.tg,
              p_match_id: matchId,
              p_accept: true,
            }),
        );
        assert.deepEqual(results.map((r) => r.status).sort(), [
          "chat_started",
          "waiting_for_partner",
        ]);
        const started = await db.query(
          "select 1 from public.domain_events where event = 'match.started' and data->>'match_id' = $1",
          [matchId],
        );
        assert.equal(started.length, 1, "one chat");
      }
    } finally {
      await db.close();
    }
  },
});

Deno.test({
  name: "real PostgreSQL: the same update stored from several sessions at once counts once",
  ignore,
  async fn() {
    const db = await createTestDb();
    try {
      const results = await inSessions(
        db,
        SESSIONS,
        (session) =>
          session.call<boolean>("enqueue_update", {
            p_update_id: 777,
            p_chat_key: 42,
            p_tg_user_id: 42,
            p_payload: { update_id: 777 },
          }),
      );
      assert.equal(results.filter((stored) => stored === true).length, 1);
      const rows = await db.query("select 1 from public.update_inbox");
      assert.equal(rows.length, 1);
    } finally {
      await db.close();
    }
  },
});

Deno.test({
  name: "real PostgreSQL: workers claiming at once never share a chat and keep its order",
  ignore,
  async fn() {
    const db = await createTestDb();
    try {
      // 20 chats with 5 updates each, interleaved.
      for (let n = 0; n < 100; n++) {
        const chat = 1000 + (n % 20);
        await db.call("enqueue_update", {
          p_update_id: n + 1,
          p_chat_key: chat,
          p_tg_user_id: chat,
          p_payload: { update_id: n + 1 },
        });
      }
      const claims = await inSessions(
        db,
        SESSIONS,
        (session) =>
          session.call<{ update_id: number; chat_key: number }[]>("claim_updates", {
            p_limit: 30,
            p_lease_seconds: 30,
          }),
      );
      const owner = new Map<number, number>();
      let total = 0;
      claims.forEach((claimed, worker) => {
        for (const row of claimed ?? []) {
          total++;
          const chat = Number(row.chat_key);
          assert.ok((owner.get(chat) ?? worker) === worker, `chat ${chat} went to two workers`);
          owner.set(chat, worker);
        }
        // Within a claim, each chat's updates come oldest first.
        const byChat = new Map<number, number[]>();
        for (const row of claimed ?? []) {
          byChat.set(Number(row.chat_key), [
            ...(byChat.get(Number(row.chat_key)) ?? []),
            Number(row.update_id),
          ]);
        }
        for (const ids of byChat.values()) assert.deepEqual(ids, [...ids].sort((x, y) => x - y));
      });
      assert.ok(total > 0);
      const [{ n }] = await db.query<{ n: number }>(
        "select count(*)::int as n from public.update_inbox",
      ) as [{ n: number }];
      assert.equal(n, 100, "claiming never loses an update");
    } finally {
      await db.close();
    }
  },
});

Deno.test({
  name: "real PostgreSQL: two dispatchers claiming at once never send a row twice",
  ignore,
  async fn() {
    const db = await createTestDb();
    try {
      const users: FixtureUser[] = [];
      for (let i = 0; i < 10; i++) users.push(await makeUser(db, { tg: 700 + i, topics: [0] }));
      for (let n = 0; n < 60; n++) {
        await db.query(
          `insert into public.outbox (user_id, tg_id, kind, method, payload, dedupe_key)
           values ($1, $2, 'api_call', 'sendMessage', $3::jsonb, $4)`,
          [
            users[n % 10]!.id,
            users[n % 10]!.tg,
            { chat_id: users[n % 10]!.tg, text: "x" },
            `t:${n}`,
          ],
        );
      }
      const claims = await inSessions(
        db,
        2,
        (session) =>
          session.call<{ items: { id: number; tg_id: number }[] }>("claim_outbox", {
            p_limit: 100,
            p_lease_seconds: 60,
          }).then((result) => result.items),
      );
      const ids = claims.flatMap((rows) => (rows ?? []).map((row) => Number(row.id)));
      assert.ok(ids.length > 0);
      assert.equal(new Set(ids).size, ids.length, "no row claimed twice");
      const recipientsOf = (rows: { tg_id: number }[] | null) =>
        new Set((rows ?? []).map((row) => Number(row.tg_id)));
      const [first, second] = claims.map(recipientsOf) as [Set<number>, Set<number>];
      for (const tg of first) assert.ok(!second.has(tg), "one recipient, one dispatcher");
    } finally {
      await db.close();
    }
  },
});
