import assert from "node:assert/strict";
import type { SqlDb } from "../../shared/db/db.ts";
import { createTestDb } from "../support/test_db.ts";
import { idfTable, newOverlap, shrink, withDiary } from "../eval/overlap.ts";
import { call, type FixtureUser, makeUser, outboxOf, topicIds, type UserSpec } from "./fixtures.ts";

/**
 * Matching v2: the IDF-weighted topic term with shrinkage, diary themes and mood (only with
 * consent), and the acute-crisis guard — in candidates_for and in the tick alike.
 */

async function enqueue(db: SqlDb, ...users: FixtureUser[]): Promise<void> {
  for (const user of users) await db.query("select public.enqueue_user($1, false)", [user.id]);
}

async function ranked(db: SqlDb, user: FixtureUser): Promise<Array<{ id: string; score: number }>> {
  const rows = await db.query<{ candidate_id: string; score: number }>(
    "select * from public.candidates_for($1, 10)",
    [user.id],
  );
  return rows.map((row) => ({ id: row.candidate_id, score: row.score }));
}

/** `count` filler people who all chose the given topics, so those topics become common. */
async function crowd(db: SqlDb, firstTg: number, count: number, topics: number[]): Promise<void> {
  for (let i = 0; i < count; i++) await makeUser(db, { tg: firstTg + i, topics });
}

/** A diary portrait as the projection would store it (the diary tests cover how it is built). */
async function portrait(
  db: SqlDb,
  user: FixtureUser,
  mood: { valence: number; arousal: number; entries?: number; themes?: Record<string, number> },
): Promise<void> {
  await db.query(
    `insert into public.user_portraits (user_id, entry_count, valence_mean, arousal_mean, themes)
     values ($1, $2, $3, $4, $5::jsonb)`,
    [user.id, mood.entries ?? 5, mood.valence, mood.arousal, JSON.stringify(mood.themes ?? {})],
  );
}

async function slugOf(db: SqlDb, index: number): Promise<string> {
  const ids = await topicIds(db);
  const [row] = await db.query<{ slug: string }>("select slug from public.topics where id = $1", [
    ids[index],
  ]);
  return row!.slug;
}

Deno.test("the topic term grows with evidence: four shared topics beat two of two", async () => {
  const db = await createTestDb();
  try {
    const me = await makeUser(db, { tg: 1, topics: [0, 1, 2, 3] });
    const twoOfTwo = await makeUser(db, { tg: 2, topics: [0, 1] });
    const fourOfFour = await makeUser(db, { tg: 3, topics: [0, 1, 2, 3] });
    await db.query("select public.refresh_topic_idf()");
    await enqueue(db, twoOfTwo, fourOfFour, me);
    const order = await ranked(db, me);
    // The old term gave both 1.0 (shared / the smaller total) and kept queue order.
    assert.deepEqual(order.map((c) => c.id), [fourOfFour.id, twoOfTwo.id]);
    assert.ok(order[0]!.score > order[1]!.score + 0.05);
  } finally {
    await db.close();
  }
});

Deno.test("a shared rare experience weighs more than a shared popular hobby", async (t) => {
  const db = await createTestDb();
  try {
    // Topics 0 and 1 are everywhere; 2 and 3 are rare.
    await crowd(db, 100, 12, [0, 1, 3]);
    const me = await makeUser(db, { tg: 1, topics: [0, 1, 2] });
    const popular = await makeUser(db, { tg: 2, topics: [0, 1, 4] });
    const rare = await makeUser(db, { tg: 3, topics: [0, 2, 5] });

    await t.step("refresh_topic_idf() gives rare topics the larger idf", async () => {
      assert.ok((await db.call<number>("refresh_topic_idf")) >= 6);
      const ids = await topicIds(db);
      const rows = await db.query<{ topic_id: number; people: number; idf: number }>(
        "select topic_id, people, idf from public.topic_idf where topic_id = any($1::int[])",
        [`{${ids.slice(0, 3).join(",")}}`],
      );
      const idf = new Map(rows.map((row) => [row.topic_id, row]));
      assert.equal(idf.get(ids[0]!)!.people, 15);
      assert.equal(idf.get(ids[2]!)!.people, 2);
      // ln((1 + 15) / (1 + 2)) + 1
      assert.ok(Math.abs(idf.get(ids[2]!)!.idf - (Math.log(16 / 3) + 1)) < 1e-9);
      assert.ok(idf.get(ids[2]!)!.idf > idf.get(ids[0]!)!.idf);
    });

    await t.step("the person sharing the rare one comes first", async () => {
      await enqueue(db, popular, rare, me);
      assert.deepEqual((await ranked(db, me)).map((c) => c.id), [rare.id, popular.id]);
    });
  } finally {
    await db.close();
  }
});

Deno.test("diary themes count only with consent, at a lower weight, and are never shown", async (t) => {
  const db = await createTestDb();
  try {
    const me = await makeUser(db, { tg: 1, topics: [0, 1], hours: [] });
    const plain = await makeUser(db, { tg: 2, topics: [0, 1] });
    const writer = await makeUser(db, { tg: 3, topics: [0, 1] });
    const diarySlug = await slugOf(db, 7);
    // Both write about topic 7 without having chosen it.
    await portrait(db, me, { valence: 0, arousal: 0.3, themes: { [diarySlug]: 0.6 } });
    await portrait(db, writer, { valence: 0, arousal: 0.3, themes: { [diarySlug]: 0.4 } });
    await db.query("select public.refresh_topic_idf()");

    await t.step("without consent the diary changes nothing", async () => {
      await enqueue(db, plain, writer, me);
      const order = await ranked(db, me);
      assert.deepEqual(order.map((c) => c.id), [plain.id, writer.id], "queue order on a tie");
      assert.ok(Math.abs(order[0]!.score - order[1]!.score) < 1e-9);
    });

    await t.step("with both allowing it, the shared diary theme lifts the writer", async () => {
      await db.query("delete from public.match_queue");
      for (const tg of [1, 3]) await call(db, "set_diary_matching", { p_tg_id: tg, p_on: true });
      await enqueue(db, plain, writer, me);
      const order = await ranked(db, me);
      assert.deepEqual(order.map((c) => c.id), [writer.id, plain.id]);
    });

    await t.step("a diary theme weighs less than the same topic chosen", async () => {
      const chooser = await makeUser(db, { tg: 4, topics: [0, 1, 7] });
      // Not support seekers: the similar mood would add to the writer's score.
      await db.query("delete from public.match_queue");
      await db.query("update public.preferences set purpose = 'friendship'");
      await enqueue(db, plain, writer, chooser, me);
      const order = await ranked(db, me);
      assert.equal(order.length, 3);
      const score = new Map(order.map((c) => [c.id, c.score]));
      // me has 7 from the diary (0.5) only; chooser chose it (1); writer has it from the diary.
      assert.ok(score.get(writer.id)! < score.get(chooser.id)! + 1e-9);
      assert.ok(score.get(plain.id)! < score.get(writer.id)!);
    });

    await t.step("the proposal card lists only topics both chose", async () => {
      const result = await call(db, "find_partner", { p_tg_id: 3 });
      // writer is already queued; a tick pairs the best pairs.
      assert.ok(["queued", "proposed", "already_searching"].includes(result.status));
      await call(db, "run_matching_tick");
      const cards = [...await outboxOf(db, me), ...await outboxOf(db, writer)]
        .filter((row) => row.kind === "proposal");
      assert.ok(cards.length > 0);
      const diaryTitle = (await db.query<{ title: string }>(
        "select title from public.topics where slug = $1",
        [diarySlug],
      ))[0]!.title;
      for (const card of cards) {
        assert.ok(
          !JSON.stringify(card.payload).includes(diaryTitle),
          "the diary theme stays private",
        );
      }
    });
  } finally {
    await db.close();
  }
});

Deno.test("similar moods bring two support seekers together; other purposes are unaffected", async (t) => {
  const db = await createTestDb();
  try {
    const spec = (tg: number): UserSpec => ({ tg, topics: [0, 1, 2] });
    const me = await makeUser(db, spec(1));
    const far = await makeUser(db, spec(2));
    const near = await makeUser(db, spec(3));
    await portrait(db, me, { valence: -0.4, arousal: 0.6 });
    await portrait(db, far, { valence: 0.7, arousal: 0.1 });
    await portrait(db, near, { valence: -0.3, arousal: 0.5 });
    for (const tg of [1, 2, 3]) await call(db, "set_diary_matching", { p_tg_id: tg, p_on: true });

    await t.step("support seekers: the similar mood first", async () => {
      await enqueue(db, far, near, me);
      const order = await ranked(db, me);
      assert.deepEqual(order.map((c) => c.id), [near.id, far.id]);
    });

    await t.step("friendship seekers: queue order, equal scores", async () => {
      await db.query("delete from public.match_queue");
      await db.query("update public.preferences set purpose = 'friendship'");
      await enqueue(db, far, near, me);
      const order = await ranked(db, me);
      assert.deepEqual(order.map((c) => c.id), [far.id, near.id]);
      assert.ok(Math.abs(order[0]!.score - order[1]!.score) < 1e-9);
    });

    await t.step("too few entries or consent withdrawn: the mood is not used", async () => {
      await db.query("delete from public.match_queue");
      await db.query("update public.preferences set purpose = 'support'");
      await call(db, "set_diary_matching", { p_tg_id: 3, p_on: false });
      await enqueue(db, far, near, me);
      const row = await db.query<{ valence: number | null }>(
        "select valence from public.match_queue where user_id = $1",
        [near.id],
      );
      assert.equal(row[0]!.valence, null);
    });
  } finally {
    await db.close();
  }
});

Deno.test("two people in acute crisis are never proposed to each other", async (t) => {
  const db = await createTestDb();
  try {
    const flagged = await makeUser(db, { tg: 1, topics: [0, 1, 2] });
    const low = await makeUser(db, { tg: 2, topics: [0, 1, 2] });
    const steady = await makeUser(db, { tg: 3, topics: [0, 1] });
    await db.query(
      `insert into public.safety_flags (user_id, label, severity, source)
       values ($1, 'suicide', 'high', 'bio')`,
      [flagged.id],
    );
    await portrait(db, low, { valence: -0.8, arousal: 0.7 });
    await call(db, "set_diary_matching", { p_tg_id: 2, p_on: true });

    await t.step("both are marked acute at enqueue, the steady person is not", async () => {
      await enqueue(db, flagged, low, steady);
      const rows = await db.query<{ user_id: string; acute: boolean }>(
        "select user_id, acute from public.match_queue",
      );
      const acute = new Map(rows.map((row) => [row.user_id, row.acute]));
      assert.deepEqual([acute.get(flagged.id), acute.get(low.id), acute.get(steady.id)], [
        true,
        true,
        false,
      ]);
    });

    await t.step("candidates_for leaves the other acute person out", async () => {
      assert.deepEqual((await ranked(db, flagged)).map((c) => c.id), [steady.id]);
      assert.deepEqual((await ranked(db, low)).map((c) => c.id), [steady.id]);
    });

    await t.step(
      "the tick pairs one of them with the steady person and leaves the other",
      async () => {
        await db.query("update public.match_queue set tried_at = null");
        const tick = await call(db, "run_matching_tick");
        assert.equal(tick.pairs, 1);
        const open = await db.query<{ user_a: string; user_b: string }>(
          "select user_a, user_b from public.matches",
        );
        assert.equal(open.length, 1);
        assert.ok([open[0]!.user_a, open[0]!.user_b].includes(steady.id));
      },
    );

    await t.step("an old flag no longer counts", async () => {
      await db.query("update public.safety_flags set created_at = now() - interval '4 days'");
      const [row] = await db.query<{ acute: boolean }>(
        "select public.in_acute_crisis($1, null, public.matching_settings()) as acute",
        [flagged.id],
      );
      assert.equal(row!.acute, false);
    });
  } finally {
    await db.close();
  }
});

Deno.test("the tick and candidates_for score a pair the same", async () => {
  const db = await createTestDb();
  try {
    await crowd(db, 100, 6, [0, 4]);
    const a = await makeUser(db, { tg: 1, topics: [0, 2, 3, 4], top: [2], hours: [10, 11] });
    const b = await makeUser(db, { tg: 2, topics: [0, 2, 3, 6], top: [3], hours: [11, 12] });
    await portrait(db, a, { valence: -0.2, arousal: 0.4, themes: { [await slugOf(db, 6)]: 0.5 } });
    await portrait(db, b, { valence: -0.1, arousal: 0.5 });
    for (const tg of [1, 2]) await call(db, "set_diary_matching", { p_tg_id: tg, p_on: true });
    await db.query("select public.refresh_topic_idf()");
    await enqueue(db, a, b);
    const [expected] = await ranked(db, a);
    assert.equal(expected!.id, b.id);
    await db.query("update public.match_queue set tried_at = null");
    assert.equal((await call(db, "run_matching_tick")).pairs, 1);
    const [match] = await db.query<{ score: string }>("select score from public.matches");
    // matches.score is numeric(8, 4).
    assert.ok(Math.abs(Number(match!.score) - expected!.score) < 1e-4);
  } finally {
    await db.close();
  }
});

Deno.test("the SQL term equals the offline evaluation's mirror (tests/eval/overlap.ts)", async () => {
  const db = await createTestDb();
  try {
    await crowd(db, 100, 9, [0, 1, 5]);
    const users = [
      await makeUser(db, { tg: 1, topics: [0, 1, 2, 3, 6], top: [2] }),
      await makeUser(db, { tg: 2, topics: [0, 2, 3, 4], top: [0, 3] }),
      await makeUser(db, { tg: 3, topics: [1, 5, 6, 7] }),
    ];
    const writer = users[2]!;
    await portrait(db, writer, {
      valence: 0,
      arousal: 0.2,
      themes: { [await slugOf(db, 2)]: 0.5 },
    });
    await call(db, "set_diary_matching", { p_tg_id: 3, p_on: true });
    await db.call("refresh_topic_idf");

    const topicRows = await db.query<{ user_id: string; topic_id: number; weight: number }>(
      "select user_id, topic_id, weight from public.user_topics",
    );
    const byUser = new Map<string, Map<number, number>>();
    for (const row of topicRows) {
      if (!byUser.has(row.user_id)) byUser.set(row.user_id, new Map());
      byUser.get(row.user_id)!.set(row.topic_id, row.weight);
    }
    const catalogue = await topicIds(db);
    const idfs = idfTable(byUser.values(), catalogue);
    const stored = await db.query<{ topic_id: number; idf: number }>(
      "select topic_id, idf from public.topic_idf",
    );
    for (const row of stored) assert.ok(Math.abs(row.idf - idfs.get(row.topic_id)!) < 1e-9);

    const diaryTopic = catalogue[2]!;
    const topicsOf = (user: FixtureUser) =>
      user === writer ? withDiary(byUser.get(user.id)!, [diaryTopic], 0.5) : byUser.get(user.id)!;
    const pairs: Array<[FixtureUser, FixtureUser]> = [
      [users[0]!, users[1]!],
      [users[0]!, writer],
      [users[1]!, writer],
    ];
    for (const [a, b] of pairs) {
      const [row] = await db.query<{ dot: number }>(
        `select -(public.user_topic_vector($1, public.matching_settings())
                  operator(extensions.<#>) public.user_topic_vector($2, public.matching_settings())) as dot`,
        [a.id, b.id],
      );
      const expected = newOverlap(topicsOf(a), topicsOf(b), idfs, 13);
      // sparsevec stores float4: agreement to about 1e-6 relative.
      assert.ok(
        Math.abs(shrink(row!.dot, 13) - expected) < 1e-5,
        `${shrink(row!.dot, 13)} vs ${expected}`,
      );
    }
  } finally {
    await db.close();
  }
});
