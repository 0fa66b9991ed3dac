import assert from "node:assert/strict";
import { createTestDb, type TestDb } from "../support/test_db.ts";
import { activeChat, call, find, type Json, makeUser, outboxOf } from "../matching/fixtures.ts";
import {
  ageCards,
  diaryUser,
  matchesOf,
  names,
  rowsOf,
  setPortrait,
  similar,
  takePerson,
  takeTopic,
  topics,
} from "./fixtures.ts";

const TEEN_YEAR = new Date().getUTCFullYear() - 17;

async function block(db: TestDb, blocker: { id: string }, blocked: { id: string }) {
  await db.query(
    "insert into public.blocks (blocker_user_id, blocked_user_id) values ($1, $2)",
    [blocker.id, blocked.id],
  );
}

async function mute(db: TestDb, user: { id: string }) {
  await db.query(
    `insert into public.sanctions (user_id, kind, reason, imposed_by, ends_at)
     values ($1, 'mute', 'moderator', 'test', now() + interval '30 minutes')`,
    [user.id],
  );
}

async function crisisFlag(db: TestDb, user: { id: string }) {
  await db.query(
    `insert into public.safety_flags (user_id, label, severity, source)
     values ($1, 'suicide', 'high', 'relay')`,
    [user.id],
  );
}

async function cooldown(db: TestDb, a: { id: string }, b: { id: string }) {
  await db.query(
    `insert into public.recent_contacts (user_low, user_high, until)
     values (least($1::uuid, $2::uuid), greatest($1::uuid, $2::uuid), now() + interval '1 day')`,
    [a.id, b.id],
  );
}

Deno.test("similar_people() shows only people who allowed it, nearest first", async (t) => {
  const db = await createTestDb();
  try {
    const me = await diaryUser(db, { tg: 1, topics: [0, 1, 2], top: [0], head: [1, 0] });

    await t.step("the caller needs a profile, the switch on and a portrait", async () => {
      assert.equal((await similar(db, { id: "", tg: 999 })).status, "profile_incomplete");
      const shy = await diaryUser(db, { tg: 2, topics: [0, 1], head: [1, 0], optIn: false });
      assert.equal((await similar(db, shy)).status, "diary_matching_off");
      const blank = await diaryUser(db, { tg: 3, topics: [0, 1] });
      assert.equal((await similar(db, blank)).status, "no_portrait");
      const unfinished = await diaryUser(db, { tg: 4, topics: [0], head: [1], done: false });
      assert.equal((await similar(db, unfinished)).status, "profile_incomplete");
      assert.deepEqual(names(await similar(db, me)), [], "none of them is shown to anyone");
    });

    const near = await diaryUser(db, { tg: 10, topics: [0, 1, 3], head: [1, 0.1] });
    const middle = await diaryUser(db, { tg: 11, topics: [4, 5], head: [1, 0.9] });
    const far = await diaryUser(db, { tg: 12, topics: [0, 1], head: [0.5, 1] });
    const unrelated = await diaryUser(db, { tg: 13, topics: [0, 1], head: [0, 0, 1] });

    await t.step("nearest first, with topics both chose and one word for closeness", async () => {
      const result = await similar(db, me);
      assert.equal(result.status, "ok");
      assert.deepEqual(names(result), ["user10", "user11", "user12"]);
      const [first, second, third] = result.people as Json[];
      assert.deepEqual(first!.shared_topics, ["Переезд в другой город", "Эмиграция"]);
      assert.deepEqual(second!.shared_topics, []);
      assert.deepEqual(
        result.people.map((p: Json) => p.closeness),
        ["very_close", "close", "similar"],
      );
      assert.ok(result.people.every((p: Json) => /^[0-9a-f-]{36}$/.test(p.id)));
      // The card says nothing else about the person: no ids, no score, no diary.
      assert.deepEqual(Object.keys(first!).sort(), [
        "closeness",
        "id",
        "pseudonym",
        "shared_topics",
      ]);
      assert.ok(!JSON.stringify(result).includes(near.id));
      assert.ok(!names(result).includes("user13"), "below similar_min_similarity");
      void third;
      void unrelated;
    });

    await t.step("every card shown is a row with its score", async () => {
      const rows = await rowsOf(db, me);
      assert.equal(rows.length, 3);
      assert.deepEqual(
        rows.map((r) => r.target_user_id).sort(),
        [near.id, middle.id, far.id].sort(),
      );
      assert.ok(rows.every((r) => r.kind === "person" && r.taken_at === null));
      assert.ok(rows.every((r) => r.recommender === "portrait_cosine_v1"));
      assert.ok(rows.every((r) => r.score > 0.3 && r.score <= 1));
    });

    await t.step("at most p_limit people (3 unless asked)", async () => {
      await diaryUser(db, { tg: 14, topics: [0], head: [1, 0.3] });
      assert.equal((await similar(db, me)).people.length, 3);
      assert.deepEqual(names(await similar(db, me, 1)), ["user10"]);
      assert.equal((await similar(db, me, 10)).people.length, 4);
    });

    await t.step("someone who did not switch the diary on never appears", async () => {
      const closest = await diaryUser(db, { tg: 20, topics: [0, 1], head: [1, 0], optIn: false });
      assert.ok(!names(await similar(db, me, 10)).includes("user20"));
      await call(db, "set_diary_matching", { p_tg_id: closest.tg, p_on: true });
      assert.equal(names(await similar(db, me, 10))[0], "user20");
      await call(db, "set_diary_matching", { p_tg_id: closest.tg, p_on: false });
      assert.ok(!names(await similar(db, me, 10)).includes("user20"));
    });

    await t.step("a block either way hides both from each other", async () => {
      await block(db, me, near);
      assert.ok(!names(await similar(db, me, 10)).includes("user10"));
      await db.query("delete from public.blocks");
      await block(db, near, me);
      assert.ok(!names(await similar(db, me, 10)).includes("user10"));
      assert.ok(!names(await similar(db, near, 10)).includes("user1"));
      await db.query("delete from public.blocks");
      assert.ok(names(await similar(db, me, 10)).includes("user10"));
    });

    await t.step("nobody in the cooldown, in a proposal or chat, muted or unfinished", async () => {
      await cooldown(db, me, near);
      assert.ok(!names(await similar(db, me, 10)).includes("user10"));
      await db.query("delete from public.recent_contacts");

      await mute(db, middle);
      assert.ok(!names(await similar(db, me, 10)).includes("user11"));
      await db.query("delete from public.sanctions");

      // Two people in acute crisis are never proposed to each other; one of them may be.
      await crisisFlag(db, middle);
      assert.ok(names(await similar(db, me, 10)).includes("user11"));
      await crisisFlag(db, me);
      assert.ok(!names(await similar(db, me, 10)).includes("user11"));
      assert.ok(names(await similar(db, me, 10)).includes("user10"));
      await db.query("delete from public.safety_flags");

      await db.query("update public.users set onboarding_step = 'bio' where id = $1", [far.id]);
      assert.ok(!names(await similar(db, me, 10)).includes("user12"));
      await db.query("update public.users set onboarding_step = 'done' where id = $1", [far.id]);

      const { a } = await activeChat(
        db,
        { tg: 30, topics: [0, 1, 2] },
        { tg: 31, topics: [0, 1, 2] },
      );
      await setPortrait(db, a, [1, 0.05], {});
      await call(db, "set_diary_matching", { p_tg_id: a.tg, p_on: true });
      assert.ok(!names(await similar(db, me, 10)).includes("user30"));
      assert.equal((await similar(db, a)).status, "already_in_chat");
    });

    await t.step("a muted caller is told until when, and sees nobody", async () => {
      await mute(db, me);
      const result = await similar(db, me);
      assert.equal(result.status, "restricted");
      assert.equal(result.kind, "mute");
      assert.ok(result.ends_at);
      await db.query("delete from public.sanctions");
    });
  } finally {
    await db.close();
  }
});

Deno.test("teens and adults never see each other", async () => {
  const db = await createTestDb();
  try {
    const adult = await diaryUser(db, { tg: 1, topics: [0, 1], head: [1, 0] });
    const adult2 = await diaryUser(db, { tg: 2, topics: [0, 1], head: [0.9, 0.1] });
    const teen = await diaryUser(db, {
      tg: 3,
      topics: [0, 1],
      head: [1, 0.01],
      birthYear: TEEN_YEAR,
    });
    const teen2 = await diaryUser(db, {
      tg: 4,
      topics: [0, 1],
      head: [0.8, 0.2],
      birthYear: TEEN_YEAR,
    });
    assert.deepEqual(names(await similar(db, adult, 10)), ["user2"]);
    assert.deepEqual(names(await similar(db, teen, 10)), ["user4"]);
    assert.deepEqual(names(await similar(db, teen2, 10)), ["user3"]);
    assert.deepEqual(names(await similar(db, adult2, 10)), ["user1"]);
  } finally {
    await db.close();
  }
});

Deno.test("take_person_recommendation() makes one ordinary proposal", async (t) => {
  const db = await createTestDb({ pool: 4 });
  try {
    const me = await diaryUser(db, { tg: 1, topics: [0, 1, 2], top: [0], head: [1, 0] });
    const other = await diaryUser(db, {
      tg: 2,
      topics: [0, 1, 3],
      head: [1, 0.1],
      themes: { studies: 0.6 },
    });
    let card!: Json;

    await t.step("forged, foreign or wrong-kind cards change nothing", async () => {
      [card] = (await similar(db, me)).people;
      assert.equal((await takePerson(db, me, crypto.randomUUID())).status, "not_found");
      assert.equal((await takePerson(db, other, card.id)).status, "not_found", "not theirs");
      assert.equal((await takePerson(db, { id: "", tg: 99 }, card.id)).status, "not_found");
      const [topicCard] = (await topics(db, other)).topics;
      assert.equal((await takePerson(db, other, topicCard.id)).status, "not_found");
      assert.deepEqual(await matchesOf(db, me), []);
    });

    await t.step("a stale card changes nothing", async () => {
      await ageCards(db, me, 25);
      assert.equal((await takePerson(db, me, card.id)).status, "stale");
      assert.deepEqual(await matchesOf(db, me), []);
      assert.equal((await rowsOf(db, me)).filter((r) => r.taken_at).length, 0);
    });

    await t.step("every rule is checked again at the tap", async () => {
      [card] = (await similar(db, me)).people;
      await call(db, "set_diary_matching", { p_tg_id: other.tg, p_on: false });
      assert.equal((await takePerson(db, me, card.id)).status, "unavailable");
      await call(db, "set_diary_matching", { p_tg_id: other.tg, p_on: true });
      await block(db, other, me);
      assert.equal((await takePerson(db, me, card.id)).status, "unavailable");
      await db.query("delete from public.blocks");
      await mute(db, other);
      assert.equal((await takePerson(db, me, card.id)).status, "unavailable");
      await db.query("delete from public.sanctions");
      await call(db, "set_diary_matching", { p_tg_id: me.tg, p_on: false });
      assert.equal((await takePerson(db, me, card.id)).status, "diary_matching_off");
      await call(db, "set_diary_matching", { p_tg_id: me.tg, p_on: true });
      assert.deepEqual(await matchesOf(db, me), []);
    });

    await t.step("the proposal goes through the ordinary flow; the card is taken", async () => {
      await find(db, me); // searching does not stand in the way; the proposal ends the search
      const result = await takePerson(db, me, card.id);
      assert.equal(result.status, "proposed");
      const [match] = await matchesOf(db, me);
      assert.equal(match!.id, result.match_id);
      assert.equal(match!.state, "proposed");
      const queued = await db.query("select 1 from public.match_queue where user_id = $1", [
        me.id,
      ]);
      assert.equal(queued.length, 0);
      for (const user of [me, other]) {
        const proposal = (await outboxOf(db, user)).find((o) => o.kind === "proposal")!;
        assert.equal(proposal.payload.match_id, result.match_id);
        // Only topics both chose; the diary theme (studies) is never named.
        assert.deepEqual(proposal.payload.shared_topics, ["Переезд в другой город", "Эмиграция"]);
      }
      const rows = await rowsOf(db, me);
      assert.equal(rows.filter((r) => r.taken_at).length, 1);
      assert.equal(rows.find((r) => r.taken_at)!.id, card.id);
      const [event] = await db.query<Json>(
        "select user_id, data from public.domain_events where event = 'recommendation.taken'",
      );
      assert.equal(event!.user_id, me.id);
      assert.deepEqual(event!.data, {
        recommendation_id: card.id,
        kind: "person",
        match_id: result.match_id,
      });
      assert.equal((await takePerson(db, me, card.id)).status, "already_taken");
    });

    await t.step("both accept: the chat starts", async () => {
      const [match] = await matchesOf(db, me);
      for (const user of [me, other]) {
        await call(db, "respond_to_proposal", {
          p_tg_id: user.tg,
          p_match_id: match!.id,
          p_accept: true,
        });
      }
      assert.equal((await matchesOf(db, me))[0]!.state, "active");
      assert.equal((await similar(db, me)).status, "already_in_chat");
    });
  } finally {
    await db.close();
  }
});

Deno.test("two takes at once make exactly one proposal", async (t) => {
  const db = await createTestDb({ pool: 4 });
  try {
    await t.step("the same card tapped twice at once", async () => {
      const a = await diaryUser(db, { tg: 1, topics: [0, 1], head: [1, 0] });
      const b = await diaryUser(db, { tg: 2, topics: [0, 1], head: [1, 0.1] });
      const [card] = (await similar(db, a)).people;
      const results = await Promise.all([takePerson(db, a, card.id), takePerson(db, a, card.id)]);
      assert.deepEqual(results.map((r) => r.status).sort(), ["already_taken", "proposed"]);
      assert.equal((await matchesOf(db, a)).length, 1);
      assert.equal((await matchesOf(db, b)).length, 1);
    });

    await t.step("two people taking each other's card at once, five times over", async () => {
      for (let i = 0; i < 5; i++) {
        // Each pair in its own direction of the space, away from everyone else.
        const axis = (x: number[]) => [...Array(2 + 2 * i).fill(0), ...x];
        const c = await diaryUser(db, { tg: 100 + 2 * i, topics: [0, 1], head: axis([1]) });
        const d = await diaryUser(db, { tg: 101 + 2 * i, topics: [0, 1], head: axis([1, 0.1]) });
        const [forC] = (await similar(db, c)).people;
        const [forD] = (await similar(db, d)).people;
        assert.equal(forC.pseudonym, `user${d.tg}`);
        assert.equal(forD.pseudonym, `user${c.tg}`);
        const results = await Promise.all([
          takePerson(db, c, forC.id),
          takePerson(db, d, forD.id),
        ]);
        assert.deepEqual(results.map((r) => r.status).sort(), ["proposal_pending", "proposed"]);
        const matches = await matchesOf(db, c);
        assert.equal(matches.length, 1);
        assert.deepEqual(await matchesOf(db, d), matches);
        const pending = results.find((r) => r.status === "proposal_pending")!;
        assert.equal(pending.match_id, matches[0]!.id);
      }
    });

    await t.step("a take racing a /find of the other person makes one proposal", async () => {
      const e = await diaryUser(db, { tg: 5, topics: [0, 1], head: [...Array(20).fill(0), 1] });
      const f = await diaryUser(db, {
        tg: 6,
        topics: [0, 1],
        head: [...Array(20).fill(0), 1, 0.1],
      });
      const g = await makeUser(db, { tg: 7, topics: [0, 1] });
      await find(db, g);
      const [card] = (await similar(db, e)).people;
      const [taken, found] = await Promise.all([takePerson(db, e, card.id), find(db, f)]);
      const open = await db.query<Json>(
        "select user_id, match_id from public.match_members where user_id in ($1, $2, $3)",
        [e.id, f.id, g.id],
      );
      // f is in exactly one proposal: with e (the tap won) or with g (the search won).
      assert.equal(open.filter((m) => m.user_id === f.id).length, 1);
      if (taken.status === "proposed") {
        assert.equal(found.status, "proposal_pending");
      } else {
        assert.equal(found.status, "proposed");
        assert.equal(taken.status, "unavailable");
      }
    });
  } finally {
    await db.close();
  }
});

Deno.test("topic suggestions come from the portrait's themes and are added on a tap", async (t) => {
  const db = await createTestDb();
  try {
    // Topic indexes 0-2 are relocation, emigration, divorce; slugs below are not chosen.
    const me = await diaryUser(db, {
      tg: 1,
      topics: [0, 1, 2],
      top: [0],
      head: [1, 0],
      themes: { studies: 0.5, insomnia: 0.7, relocation: 0.9, anxiety: 0.25, pets: 0.1 },
    });

    await t.step("strong themes not chosen yet, strongest first", async () => {
      const result = await topics(db, me);
      assert.equal(result.status, "ok");
      assert.deepEqual(result.topics.map((x: Json) => x.slug), ["insomnia", "studies", "anxiety"]);
      assert.deepEqual(result.topics[0].title, "Бессонница");
      assert.deepEqual(result.topics.map((x: Json) => x.slug).includes("pets"), false);
      assert.equal((await topics(db, me, 1)).topics.length, 1);
      const rows = (await rowsOf(db, me)).filter((r) => r.kind === "topic");
      assert.equal(rows.length, 4);
      assert.ok(rows.every((r) => r.recommender === "portrait_themes_v1" && r.topic_id));
    });

    await t.step("only with the diary switch on, and only a complete profile", async () => {
      await call(db, "set_diary_matching", { p_tg_id: me.tg, p_on: false });
      assert.equal((await topics(db, me)).status, "diary_matching_off");
      await call(db, "set_diary_matching", { p_tg_id: me.tg, p_on: true });
      const blank = await diaryUser(db, { tg: 2, topics: [0, 1] });
      assert.equal((await topics(db, blank)).status, "no_portrait");
      assert.equal((await topics(db, { id: "", tg: 99 })).status, "profile_incomplete");
    });

    await t.step("a tap adds the topic through the topic picker's rules", async () => {
      const [insomnia] = (await topics(db, me)).topics;
      assert.equal(insomnia.slug, "insomnia");
      assert.equal((await takeTopic(db, { id: "", tg: 99 }, insomnia.id)).status, "not_found");
      assert.equal((await takeTopic(db, me, crypto.randomUUID())).status, "not_found");
      const added = await takeTopic(db, me, insomnia.id);
      assert.deepEqual(added, {
        status: "added",
        topic_id: insomnia.topic_id,
        title: "Бессонница",
      });
      const chosen = await db.query<Json>(
        "select t.slug from public.user_topics ut join public.topics t on t.id = ut.topic_id where ut.user_id = $1",
        [me.id],
      );
      assert.ok(chosen.some((c) => c.slug === "insomnia"));
      assert.equal((await takeTopic(db, me, insomnia.id)).status, "already_taken");
      assert.ok(!(await topics(db, me)).topics.some((x: Json) => x.slug === "insomnia"));
      const [event] = await db.query<Json>(
        "select data from public.domain_events where event = 'recommendation.taken'",
      );
      assert.deepEqual(event!.data, {
        recommendation_id: insomnia.id,
        kind: "topic",
        topic_id: insomnia.topic_id,
      });
    });

    await t.step("an older suggestion for a topic chosen meanwhile changes nothing", async () => {
      const [studies] = (await topics(db, me)).topics;
      assert.equal(studies.slug, "studies");
      await call(db, "toggle_topic", { p_tg_id: me.tg, p_topic_slug: "studies" });
      assert.equal((await takeTopic(db, me, studies.id)).status, "already_chosen");
      await call(db, "toggle_topic", { p_tg_id: me.tg, p_topic_slug: "studies" });
      await ageCards(db, me, 25);
      assert.equal((await takeTopic(db, me, studies.id)).status, "stale");
    });

    await t.step("no more than the profile has room for (10 topics)", async () => {
      // me has 4 topics: room for 6; a profile with 9 gets one suggestion, with 10 none.
      const nine = await diaryUser(db, {
        tg: 3,
        topics: [0, 1, 2, 3, 4, 5, 6, 7, 8],
        themes: { studies: 0.5, insomnia: 0.7 },
      });
      const [only, ...rest] = (await topics(db, nine)).topics;
      assert.equal(only.slug, "insomnia");
      assert.deepEqual(rest, []);
      await call(db, "toggle_topic", { p_tg_id: nine.tg, p_topic_slug: "cooking" });
      assert.equal((await topics(db, nine)).status, "topics_full");
      assert.equal((await takeTopic(db, nine, only.id)).status, "topics_full");
    });

    await t.step("recommendation_metrics() counts shown and taken per kind", async () => {
      const [card] = (await similar(db, me)).people ?? [];
      assert.equal(card, undefined, "nobody else opted in with a portrait");
      const other = await diaryUser(db, { tg: 4, topics: [0, 1], head: [1, 0.2] });
      const [person] = (await similar(db, me)).people;
      await takePerson(db, me, person.id);
      void other;
      const counts = await db.query<{ kind: string; shown: number; taken: number }>(
        `select kind, count(*)::int as shown, count(taken_at)::int as taken
           from public.recommendations group by kind`,
      );
      const metrics = await call(db, "recommendation_metrics");
      for (const row of counts) {
        assert.deepEqual(metrics[row.kind], { shown: row.shown, taken: row.taken });
      }
      assert.deepEqual(metrics.person, { shown: 1, taken: 1 });
      assert.equal(metrics.topic.taken, 1);
      assert.ok(metrics.topic.shown >= 8);
    });
  } finally {
    await db.close();
  }
});

Deno.test("erasing a profile removes its cards, as viewer and as the person shown", async () => {
  const db = await createTestDb();
  try {
    const a = await diaryUser(db, { tg: 1, topics: [0, 1], head: [1, 0], themes: { studies: 1 } });
    const b = await diaryUser(db, { tg: 2, topics: [0, 1], head: [1, 0.1] });
    const c = await diaryUser(db, { tg: 3, topics: [0, 1], head: [1, 0.2] });
    await similar(db, a);
    await topics(db, a);
    await similar(db, b);
    await similar(db, c);
    const count = async () =>
      (await db.query<{ n: number }>(
        "select count(*)::int as n from public.recommendations where $1 in (user_id, target_user_id)",
        [b.id],
      ))[0]!.n;
    assert.ok(await count() >= 3);
    assert.equal((await call(db, "delete_user", { p_tg_id: b.tg })).deleted, true);
    assert.equal(await count(), 0);
    assert.equal((await rowsOf(db, a)).length, 2, "a's card of c and topic card stay");
    assert.equal((await call(db, "delete_user", { p_tg_id: a.tg })).deleted, true);
    const left = await db.query<Json>("select user_id, target_user_id from public.recommendations");
    assert.deepEqual(left, [], "c's card of a went with a");
  } finally {
    await db.close();
  }
});
