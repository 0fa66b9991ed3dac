import assert from "node:assert/strict";
import type { SqlDb } from "../../shared/db/db.ts";
import { createTestDb } from "../support/test_db.ts";
import { call, makeUser, outboxOf, topicIds } from "../matching/fixtures.ts";

/**
 * Event recommendations: content (topics, IDF-weighted), collaborative (co-registration) and a
 * small stable exploration share, each with its reason; shown and taken recorded per
 * recommender. Before an event, "you may especially want to talk to" names up to three people
 * of one's group by the same topic affinity.
 */

async function event(db: SqlDb, title: string, topics: number[], hours = 48): Promise<string> {
  const ids = await topicIds(db);
  const [row] = await db.query<{ id: string }>(
    `insert into public.events (title, topic_ids, starts_at, capacity)
     values ($1, $2::int[], now() + make_interval(hours => $3), 30) returning id`,
    [title, `{${topics.map((i) => ids[i]).join(",")}}`, hours],
  );
  return row!.id;
}

Deno.test("recommended events: by topic, by co-registration, recorded and measured", async (t) => {
  const db = await createTestDb();
  try {
    // No exploration here: the recommenders are compared as they are.
    await db.query("update public.matching_config set value = 0 where key = 'event_explore_share'");
    const me = await makeUser(db, { tg: 1, topics: [3, 4, 5], top: [3] });
    const peer = await makeUser(db, { tg: 2, topics: [10, 11] });
    const onTopic = await event(db, "Про тему", [3, 20]);
    const unrelated = await event(db, "Про другое", [30, 31]);
    const peersPick = await event(db, "Куда идут знакомые", [40]);
    const past = await event(db, "Прошлая встреча", [50], 1);
    for (const user of [me, peer]) {
      await db.query(
        "insert into public.event_registrations (event_id, user_id, status) values ($1, $2, 'confirmed')",
        [past, user.id],
      );
    }
    await call(db, "register_for_event", { p_tg_id: peer.tg, p_event_id: peersPick });
    await db.query("update public.events set state = 'finished' where id = $1", [past]);

    await t.step(
      "recommended ones first, each with its reason; the unrelated one last",
      async () => {
        const result = await call(db, "recommended_events", { p_tg_id: me.tg, p_limit: 5 });
        const ids: string[] = result.events.map((e: { event_id: string }) => e.event_id);
        assert.deepEqual(ids.slice(0, 2).sort(), [onTopic, peersPick].sort());
        assert.equal(ids[2], unrelated);
        const card = (id: string) => result.events[ids.indexOf(id)];
        assert.equal(card(onTopic).recommender, "content");
        assert.equal(card(onTopic).reason.kind, "topic");
        assert.ok(card(onTopic).reason.topic.length > 0);
        assert.equal(card(peersPick).recommender, "collaborative");
        assert.equal(card(peersPick).reason.kind, "people");
        assert.equal(card(unrelated).recommender, "none");
        assert.equal(card(unrelated).reason, null);
      },
    );

    await t.step("what was shown is recorded; registering marks it taken", async () => {
      const shown = await db.query<{ recommender: string }>(
        "select recommender from public.recommendations where kind = 'event' order by recommender",
      );
      assert.deepEqual(shown.map((r) => r.recommender), ["event_collaborative", "event_content"]);
      await call(db, "register_for_event", { p_tg_id: me.tg, p_event_id: onTopic });
      await call(db, "mark_event_recommendation_taken", { p_tg_id: me.tg, p_event_id: onTopic });
      const metrics = await call(db, "event_recommendation_metrics");
      assert.deepEqual(metrics.event_content, { shown: 1, taken: 1 });
      assert.deepEqual(metrics.event_collaborative, { shown: 1, taken: 0 });
    });

    await t.step(
      "an exploration share shows events without a reason, stable for the day",
      async () => {
        await db.query(
          "update public.matching_config set value = 1 where key = 'event_explore_share'",
        );
        const first = await call(db, "recommended_events", { p_tg_id: me.tg, p_limit: 5 });
        assert.ok(first.events.every((e: { recommender: string }) => e.recommender === "explore"));
        assert.equal(first.events[0].reason.kind, "new");
      },
    );
  } finally {
    await db.close();
  }
});

Deno.test("the schedule card names up to three people of one's group with the most in common", async () => {
  const db = await createTestDb();
  try {
    const me = await makeUser(db, { tg: 1, topics: [0, 1, 2, 3] });
    const close = await makeUser(db, { tg: 2, topics: [0, 1, 2, 3] });
    const near = await makeUser(db, { tg: 3, topics: [0, 1, 2] });
    const some = await makeUser(db, { tg: 4, topics: [0, 1] });
    const far = await makeUser(db, { tg: 5, topics: [0, 9] });
    const blocked = await makeUser(db, { tg: 6, topics: [0, 1, 2, 3] });
    await db.query(
      "insert into public.blocks (blocker_user_id, blocked_user_id) values ($1, $2)",
      [blocked.id, me.id],
    );
    const eventId = await event(db, "Встреча", [0], 20);
    await db.query("update public.events set state = 'reg_confirm' where id = $1", [eventId]);
    for (const user of [me, close, near, some, far, blocked]) {
      await db.query(
        "insert into public.event_registrations (event_id, user_id, status) values ($1, $2, 'confirmed')",
        [eventId, user.id],
      );
    }
    await db.query("update public.events set starts_at = now() + interval '2 hours'");
    assert.equal((await call(db, "advance_events")).ready, 1);
    const card = (await outboxOf(db, me)).at(-1)!;
    assert.equal(card.kind, "event_schedule");
    assert.deepEqual(card.payload.suggested, ["user2", "user3", "user4"]);
  } finally {
    await db.close();
  }
});
