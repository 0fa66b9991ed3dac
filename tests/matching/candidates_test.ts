import assert from "node:assert/strict";
import type { SqlDb } from "../../shared/db/db.ts";
import { createTestDb } from "../support/test_db.ts";
import { generateProfiles } from "../bench/matching_bench.ts";
import { ageQueue, call, find, type Json, makeUser, outboxOf, type UserSpec } from "./fixtures.ts";

type Spec = Omit<UserSpec, "tg">;

const year = new Date().getUTCFullYear();

Deno.test("find_partner() refuses an incomplete profile and never queues it", async () => {
  const db = await createTestDb();
  try {
    const user = await makeUser(db, { tg: 1, topics: [0, 1], done: false });
    assert.equal((await find(db, user)).status, "profile_incomplete");
    assert.equal((await call(db, "find_partner", { p_tg_id: 999 })).status, "profile_incomplete");
    assert.equal((await call(db, "match_status", { p_tg_id: 1 })).status, "idle");
  } finally {
    await db.close();
  }
});

Deno.test("a user is queued once, sees their waiting time, and /cancel takes them out", async (t) => {
  const db = await createTestDb();
  try {
    const user = await makeUser(db, { tg: 1, topics: [0, 1, 2] });
    await t.step("the first /find queues with an arm", async () => {
      const result = await find(db, user);
      assert.equal(result.status, "queued");
      assert.ok(["strict", "soft"].includes(result.arm));
    });
    await t.step("a second /find says already_searching with the waiting time", async () => {
      await ageQueue(db, 2);
      const result = await find(db, user);
      assert.equal(result.status, "already_searching");
      assert.ok(result.waiting_seconds >= 120);
      const rows = await db.query("select 1 from public.match_queue");
      assert.equal(rows.length, 1);
    });
    await t.step("match_status says searching", async () => {
      assert.equal((await call(db, "match_status", { p_tg_id: 1 })).status, "searching");
    });
    await t.step("cancel leaves the queue, a second cancel finds nothing", async () => {
      assert.equal((await call(db, "cancel_search", { p_tg_id: 1 })).status, "cancelled");
      assert.equal((await call(db, "cancel_search", { p_tg_id: 1 })).status, "not_searching");
    });
    await t.step("the arm is assigned once and stays", async () => {
      const arms = await db.query("select arm from public.experiment_assignments");
      assert.equal(arms.length, 1);
    });
  } finally {
    await db.close();
  }
});

Deno.test("two people sharing two topics are proposed to each other at once", async () => {
  const db = await createTestDb();
  try {
    const a = await makeUser(db, { tg: 1, topics: [0, 1, 2], offsetMinutes: 180 });
    const b = await makeUser(db, { tg: 2, topics: [1, 2, 3], offsetMinutes: 0 });
    assert.equal((await find(db, a)).status, "queued");
    const result = await find(db, b);
    assert.equal(result.status, "proposed");
    const [proposalA] = await outboxOf(db, a);
    const [proposalB] = await outboxOf(db, b);
    assert.equal(proposalA?.kind, "proposal");
    assert.equal(proposalA?.payload.partner_pseudonym, "user2");
    assert.equal(proposalA?.payload.shared_topics.length, 2);
    assert.equal(Number(proposalA?.payload.time_difference_hours), -3);
    assert.equal(proposalB?.payload.partner_pseudonym, "user1");
    assert.equal(Number(proposalB?.payload.time_difference_hours), 3);
    assert.equal(proposalB?.payload.expires_minutes, 5);
    assert.equal(typeof proposalA?.payload.waited_seconds, "number", "how long a had waited");
    assert.equal(proposalB?.payload.waited_seconds, 0, "b was proposed at once");
    assert.equal((await db.query("select 1 from public.match_queue")).length, 0);
    const events = await db.query<{ event: string }>(
      "select event from public.domain_events where event like 'match.%'",
    );
    assert.deepEqual(events.map((e) => e.event), ["match.proposed"]);
  } finally {
    await db.close();
  }
});

Deno.test("candidate rules", async (t) => {
  const db = await createTestDb();
  let tg = 100;
  const pairOf = async (a: Spec, b: Spec) => {
    await db.exec("delete from public.match_queue");
    const ua = await makeUser(db, { ...a, tg: ++tg });
    const ub = await makeUser(db, { ...b, tg: ++tg });
    await find(db, ua);
    return { ua, ub };
  };
  try {
    await t.step("16-17 year olds are matched only with each other", async () => {
      const teen = { topics: [0, 1, 2], birthYear: year - 17 };
      const adult = { topics: [0, 1, 2], birthYear: year - 30 };
      const { ub } = await pairOf(teen, adult);
      assert.equal((await find(db, ub)).status, "queued");
      const again = await pairOf(teen, { ...teen, birthYear: year - 16 });
      assert.equal((await find(db, again.ub)).status, "proposed");
    });

    await t.step("one shared topic is not enough in the strict rule", async () => {
      const { ub } = await pairOf({ topics: [5, 6, 7], arm: "strict" }, {
        topics: [5, 8, 9],
        arm: "strict",
      });
      assert.equal((await find(db, ub)).status, "queued");
      assert.equal((await call(db, "run_matching_tick")).pairs, 0);
    });

    await t.step(
      "after 5 minutes the soft arm accepts one shared topic, strict does not",
      async () => {
        await pairOf({ topics: [10, 11, 12], arm: "strict" }, {
          topics: [10, 13, 14],
          arm: "strict",
        });
        const strictB = await makeUser(db, { tg: ++tg, topics: [10, 13, 14], arm: "strict" });
        await find(db, strictB);
        await ageQueue(db, 6);
        assert.equal((await call(db, "run_matching_tick")).pairs, 0);

        await db.exec("delete from public.match_queue");
        const soft = await makeUser(db, { tg: ++tg, topics: [15, 16, 17], arm: "soft" });
        const other = await makeUser(db, { tg: ++tg, topics: [15, 18, 19], arm: "strict" });
        await find(db, soft);
        await find(db, other);
        assert.equal((await call(db, "run_matching_tick")).pairs, 0, "soft before 5 minutes");
        await ageQueue(db, 6);
        assert.equal((await call(db, "run_matching_tick")).pairs, 1, "soft after 5 minutes");
      },
    );

    await t.step("free hours must overlap in UTC, across time zones", async () => {
      // 20-21 local at UTC+3 is 17-18 UTC; 17 local at UTC+0 overlaps, 20 local does not.
      const moscow = { topics: [20, 21, 22], offsetMinutes: 180, hours: [20, 21] };
      const { ub } = await pairOf(moscow, { topics: [20, 21], offsetMinutes: 0, hours: [20] });
      assert.equal((await find(db, ub)).status, "queued");
      const again = await pairOf(moscow, { topics: [20, 21], offsetMinutes: 0, hours: [17] });
      assert.equal((await find(db, again.ub)).status, "proposed");
    });

    await t.step(
      "without free hours, a partner free within 3 hours of now is accepted",
      async () => {
        const nowHour = new Date().getUTCHours();
        const near = { topics: [25, 26], offsetMinutes: 0, hours: [(nowHour + 2) % 24] };
        const far = { topics: [25, 26], offsetMinutes: 0, hours: [(nowHour + 12) % 24] };
        const { ub } = await pairOf({ topics: [25, 26, 27] }, far);
        assert.equal((await find(db, ub)).status, "queued");
        const again = await pairOf({ topics: [25, 26, 27] }, near);
        assert.equal((await find(db, again.ub)).status, "proposed");
        const neither = await pairOf({ topics: [25, 26] }, { topics: [25, 26] });
        assert.equal((await find(db, neither.ub)).status, "proposed");
      },
    );

    await t.step("a block in either direction excludes the pair", async () => {
      for (const direction of ["a blocks b", "b blocks a"]) {
        const { ua, ub } = await pairOf({ topics: [30, 31] }, { topics: [30, 31] });
        const [blocker, blocked] = direction === "a blocks b" ? [ua, ub] : [ub, ua];
        await db.query(
          "insert into public.blocks (blocker_user_id, blocked_user_id) values ($1, $2)",
          [blocker.id, blocked.id],
        );
        assert.equal((await find(db, ub)).status, "queued", direction);
      }
    });

    await t.step("the 72 h cooldown excludes the pair until it ends", async () => {
      const { ua, ub } = await pairOf({ topics: [32, 33] }, { topics: [32, 33] });
      await db.query(
        `insert into public.recent_contacts (user_low, user_high, until)
         values (least($1::uuid, $2::uuid), greatest($1::uuid, $2::uuid), now() + interval '72 hours')`,
        [ua.id, ub.id],
      );
      assert.equal((await find(db, ub)).status, "queued");
      await db.exec("update public.recent_contacts set until = now() - interval '1 second'");
      assert.equal((await call(db, "run_matching_tick")).pairs, 0, "not retried before resweep");
      await ageQueue(db, 11);
      assert.equal((await call(db, "run_matching_tick")).pairs, 1, "the next resweep pairs them");
    });

    await t.step("someone already proposed to or in a chat is not a candidate", async () => {
      await db.exec("delete from public.match_queue");
      const a = await makeUser(db, { tg: ++tg, topics: [35, 36] });
      const b = await makeUser(db, { tg: ++tg, topics: [35, 36] });
      const c = await makeUser(db, { tg: ++tg, topics: [35, 36] });
      await find(db, a);
      assert.equal((await find(db, b)).status, "proposed");
      assert.equal((await find(db, c)).status, "queued");
      assert.equal((await find(db, a)).status, "proposal_pending");
    });

    await t.step("an expired search is no candidate and the tick drops it", async () => {
      const { ua, ub } = await pairOf({ topics: [40, 41] }, { topics: [40, 41] });
      await ageQueue(db, 25 * 60);
      const tick = await call(db, "run_matching_tick");
      assert.equal(tick.expired_queue, 1);
      assert.equal(tick.pairs, 0);
      assert.equal((await outboxOf(db, ua)).at(-1)?.kind, "search_expired");
      assert.equal((await find(db, ub)).status, "queued");
    });
  } finally {
    await db.close();
  }
});

Deno.test("candidates are ranked by score: more shared weight, then overlap, helpfulness, embedding", async () => {
  const db = await createTestDb();
  try {
    const me = await makeUser(db, {
      tg: 1,
      topics: [0, 1, 2, 3],
      top: [0],
      hours: [18, 19, 20],
      embedding: [1],
    });
    const best = await makeUser(db, {
      tg: 2,
      topics: [0, 1, 2, 3],
      top: [0],
      hours: [18, 19, 20],
      embedding: [1],
    });
    const middle = await makeUser(db, { tg: 3, topics: [0, 1, 2, 5], hours: [18], embedding: [1] });
    const low = await makeUser(db, { tg: 4, topics: [1, 2, 9], hours: [20], embedding: [0, 1] });
    const twin = await makeUser(db, { tg: 5, topics: [1, 2, 9], hours: [20], embedding: [1] });
    for (const user of [low, twin, middle, best, me]) {
      await db.query("select public.enqueue_user($1, false)", [user.id]);
    }
    const ranked = await db.query<{ candidate_id: string; score: number }>(
      "select * from public.candidates_for($1, 10)",
      [me.id],
    );
    assert.deepEqual(ranked.map((r) => r.candidate_id), [best.id, middle.id, twin.id, low.id]);
    assert.ok(ranked[0]!.score > ranked[1]!.score);

    await setHelpfulness(db, low.id, twin.id);
    const reranked = await db.query<{ candidate_id: string }>(
      "select * from public.candidates_for($1, 10)",
      [me.id],
    );
    const order = reranked.map((r) => r.candidate_id);
    assert.ok(order.indexOf(low.id) < order.indexOf(twin.id), "helpfulness outweighs embedding");
  } finally {
    await db.close();
  }
});

/** Gives `good` a 5-star helpfulness snapshot and `bad` a 1-star one. */
async function setHelpfulness(db: SqlDb, good: string, bad: string) {
  await db.query("update public.match_queue set helpfulness = 1 where user_id = $1", [good]);
  await db.query("update public.match_queue set helpfulness = 0 where user_id = $1", [bad]);
}

Deno.test("a tick over a crowd proposes only pairs that pass every rule", async () => {
  const db = await createTestDb();
  try {
    await db.exec("drop index public.profile_embeddings_hnsw_idx");
    await generateProfiles(db, 400, { embeddings: true });
    await db.exec(`
      select public.enqueue_user(u.id, false) from public.users u;
      -- Some blocks and cooldowns between people who would otherwise fit well.
      insert into public.blocks (blocker_user_id, blocked_user_id)
      select a.id, b.id from public.users a join public.users b on b.tg_id = a.tg_id + 1
       where a.tg_id % 7 = 0;
      insert into public.recent_contacts (user_low, user_high, until)
      select least(a.id, b.id), greatest(a.id, b.id), now() + interval '1 hour'
        from public.users a join public.users b on b.tg_id = a.tg_id + 2
       where a.tg_id % 5 = 0;
    `);
    const tick = await call(db, "run_matching_tick");
    assert.ok(tick.pairs > 100, `most people are paired (${tick.pairs} pairs)`);
    const [check] = await db.query<Json>(`
      with m as (
        select x.id, x.user_a, x.user_b, a.birth_year as ya, b.birth_year as yb,
               pa.available_utc_mask as ma, pb.available_utc_mask as mb,
               (select count(*) from public.user_topics ta
                  join public.user_topics tb on tb.topic_id = ta.topic_id and tb.user_id = x.user_b
                 where ta.user_id = x.user_a) as shared
          from public.matches x
          join public.users a on a.id = x.user_a
          join public.users b on b.id = x.user_b
          left join public.preferences pa on pa.user_id = a.id
          left join public.preferences pb on pb.user_id = b.id
      ), near as (
        select public.hours_near_mask(extract(hour from now() at time zone 'utc')::integer, 3) as n
      )
      select
        count(*) filter (where public.age_pool(ya) <> public.age_pool(yb)) as mixed_ages,
        count(*) filter (where shared < 2) as too_few_topics,
        count(*) filter (where case
          when ma is null and mb is null then false
          when ma is null then (mb & near.n) = 0
          when mb is null then (ma & near.n) = 0
          else (ma & mb) = 0 end) as no_common_hour,
        count(*) filter (where exists (
          select 1 from public.blocks bl
           where (bl.blocker_user_id, bl.blocked_user_id) in ((m.user_a, m.user_b), (m.user_b, m.user_a))
        )) as blocked,
        count(*) filter (where exists (
          select 1 from public.recent_contacts rc
           where rc.user_low = least(m.user_a, m.user_b) and rc.user_high = greatest(m.user_a, m.user_b)
        )) as in_cooldown,
        (select count(*) from (
           select u from (select user_a as u from m union all select user_b from m) y
            group by u having count(*) > 1
         ) z) as twice,
        (select count(*) from public.match_members) as members,
        (select count(*) from public.outbox where kind = 'proposal'
            and payload ? 'waited_seconds' and jsonb_array_length(payload -> 'shared_topics') >= 2)
          as notified,
        (select count(*) from public.match_queue q join m on q.user_id in (m.user_a, m.user_b))
          as still_queued
        from m, near
    `);
    const pairs = Number(tick.pairs);
    assert.deepEqual(
      Object.fromEntries(Object.entries(check!).map(([k, v]) => [k, Number(v)])),
      {
        mixed_ages: 0,
        too_few_topics: 0,
        no_common_hour: 0,
        blocked: 0,
        in_cooldown: 0,
        twice: 0,
        members: 2 * pairs,
        notified: 2 * pairs,
        still_queued: 0,
      },
    );
  } finally {
    await db.close();
  }
});

Deno.test("people the exact search could not reach within tick_budget_ms stay due for the next tick", async () => {
  const db = await createTestDb();
  try {
    const a = await makeUser(db, { tg: 1, topics: [0, 1] });
    const b = await makeUser(db, { tg: 2, topics: [2, 3] });
    for (const user of [a, b]) await db.query("select public.enqueue_user($1, false)", [user.id]);
    await db.exec("update public.matching_config set value = 0 where key = 'tick_budget_ms'");
    assert.equal((await call(db, "run_matching_tick")).pairs, 0);
    const untried = await db.query("select 1 from public.match_queue where tried_at is null");
    assert.equal(untried.length, 2, "nobody was marked as tried");
    await db.exec("update public.matching_config set value = 1200 where key = 'tick_budget_ms'");
    assert.equal((await call(db, "run_matching_tick")).pairs, 0);
    const tried = await db.query("select 1 from public.match_queue where tried_at is not null");
    assert.equal(tried.length, 2, "the next tick searched for both");
  } finally {
    await db.close();
  }
});
