import assert from "node:assert/strict";
import { createTestDb } from "../support/test_db.ts";
import {
  activeChat,
  ageProposals,
  call,
  find,
  makeUser,
  outboxOf,
  proposedPair,
} from "./fixtures.ts";

const alice = { tg: 1, topics: [0, 1, 2] };
const bob = { tg: 2, topics: [0, 1, 3] };

function respond(
  db: Awaited<ReturnType<typeof createTestDb>>,
  tg: number,
  matchId: string,
  accept: boolean,
) {
  return call(db, "respond_to_proposal", { p_tg_id: tg, p_match_id: matchId, p_accept: accept });
}

Deno.test("accept then accept starts the chat exactly once", async (t) => {
  const db = await createTestDb();
  try {
    const { a, b, matchId } = await proposedPair(db, alice, bob);
    await t.step("the first accept waits for the partner", async () => {
      assert.equal((await respond(db, 1, matchId, true)).status, "waiting_for_partner");
      assert.equal((await call(db, "match_status", { p_tg_id: 1 })).status, "waiting_for_partner");
      assert.equal((await call(db, "match_status", { p_tg_id: 2 })).status, "proposed");
      assert.equal((await respond(db, 1, matchId, true)).status, "already_answered");
    });
    await t.step("the second accept starts the chat and tells both", async () => {
      assert.equal((await respond(db, 2, matchId, true)).status, "chat_started");
      assert.equal((await respond(db, 2, matchId, true)).status, "already_answered");
      assert.equal((await call(db, "match_status", { p_tg_id: 1 })).status, "in_chat");
      assert.equal((await outboxOf(db, a)).at(-1)?.kind, "chat_started");
      assert.equal((await outboxOf(db, b)).at(-1)?.payload.partner_pseudonym, "user1");
      assert.equal((await find(db, a)).status, "already_in_chat");
    });
    await t.step("every transition is an event with ids and enums only", async () => {
      const events = await db.query<{ event: string; data: Record<string, unknown> }>(
        "select event, data from public.domain_events where event like 'match.%' order by id",
      );
      assert.deepEqual(events.map((e) => e.event), [
        "match.proposed",
        "match.accepted",
        "match.accepted",
        "match.started",
      ]);
      assert.ok(events.every((e) => e.data.match_id === matchId));
    });
  } finally {
    await db.close();
  }
});

Deno.test("a decline returns the partner to the queue first in line and starts the cooldown", async () => {
  const db = await createTestDb();
  try {
    const { a, b, matchId } = await proposedPair(db, alice, bob);
    assert.equal((await respond(db, 1, matchId, true)).status, "waiting_for_partner");
    assert.equal((await respond(db, 2, matchId, false)).status, "declined");
    assert.equal((await respond(db, 1, matchId, true)).status, "expired");
    assert.equal((await outboxOf(db, a)).at(-1)?.kind, "proposal_declined");
    assert.equal((await outboxOf(db, b)).length, 1, "the decliner is told nothing new");
    const [queued] = await db.query<{ user_id: string; priority: boolean }>(
      "select user_id, priority from public.match_queue",
    );
    assert.equal(queued?.user_id, a.id);
    assert.equal(queued?.priority, true);
    // The decliner searching again is not proposed the same person during the cooldown.
    assert.equal((await find(db, b)).status, "queued");
    const cooldown = await db.query(
      "select 1 from public.recent_contacts where until > now() + interval '71 hours'",
    );
    assert.equal(cooldown.length, 1);
  } finally {
    await db.close();
  }
});

Deno.test("a third user's forged match id is not_found", async () => {
  const db = await createTestDb();
  try {
    const { matchId } = await proposedPair(db, alice, bob);
    await makeUser(db, { tg: 3, topics: [7, 8] });
    assert.equal((await respond(db, 3, matchId, true)).status, "not_found");
    assert.equal((await respond(db, 3, crypto.randomUUID(), true)).status, "not_found");
    assert.equal(
      (await call(db, "block_partner", { p_tg_id: 3, p_match_id: matchId })).status,
      "not_found",
    );
    assert.equal(
      (await call(db, "rate_chat", { p_tg_id: 3, p_match_id: matchId, p_score: 5 })).status,
      "not_found",
    );
  } finally {
    await db.close();
  }
});

Deno.test("the tick expires unanswered proposals and requeues whoever had accepted", async () => {
  const db = await createTestDb();
  try {
    const { a, b, matchId } = await proposedPair(db, alice, bob);
    await respond(db, 2, matchId, true);
    await ageProposals(db, 6);
    const tick = await call(db, "run_matching_tick");
    assert.equal(tick.expired_proposals, 1);
    assert.equal(tick.pairs, 0);
    assert.deepEqual((await outboxOf(db, a)).at(-1)?.payload, {
      match_id: matchId,
      requeued: false,
    });
    assert.deepEqual((await outboxOf(db, b)).at(-1)?.payload, {
      match_id: matchId,
      requeued: true,
    });
    const queued = await db.query<{ user_id: string }>("select user_id from public.match_queue");
    assert.deepEqual(queued.map((q) => q.user_id), [b.id]);
    assert.equal((await respond(db, 1, matchId, true)).status, "expired");
    assert.equal((await call(db, "match_status", { p_tg_id: 1 })).status, "idle");
  } finally {
    await db.close();
  }
});

Deno.test("an answer after the deadline expires the proposal on the spot", async () => {
  const db = await createTestDb();
  try {
    const { matchId } = await proposedPair(db, alice, bob);
    await ageProposals(db, 6);
    assert.equal((await respond(db, 1, matchId, true)).status, "expired");
    const [row] = await db.query<{ state: string }>("select state from public.matches");
    assert.equal(row?.state, "expired");
  } finally {
    await db.close();
  }
});

Deno.test("concurrency: nobody is ever in two matches", async (t) => {
  await t.step("two ticks at once pair each person once", async () => {
    const db = await createTestDb();
    try {
      for (let i = 0; i < 30; i++) {
        const user = await makeUser(db, { tg: 100 + i, topics: [0, 1, 2 + (i % 3)] });
        await db.query("select public.enqueue_user($1, false)", [user.id]);
      }
      const [first, second] = await Promise.all([
        call(db, "run_matching_tick"),
        call(db, "run_matching_tick"),
      ]);
      assert.equal(first!.pairs + second!.pairs, 15);
      const counts = await db.query<{ n: number }>(
        `select count(*)::int as n from (
           select user_a as u from public.matches union all select user_b from public.matches
         ) x group by u having count(*) > 1`,
      );
      assert.equal(counts.length, 0);
      assert.equal((await db.query("select 1 from public.match_members")).length, 30);
    } finally {
      await db.close();
    }
  });

  await t.step("two accepts at once make exactly one chat", async () => {
    const db = await createTestDb();
    try {
      const { matchId } = await proposedPair(db, alice, bob);
      const results = await Promise.all([
        respond(db, 1, matchId, true),
        respond(db, 2, matchId, true),
      ]);
      assert.deepEqual(results.map((r) => r.status).sort(), [
        "chat_started",
        "waiting_for_partner",
      ]);
      const started = await db.query(
        "select 1 from public.domain_events where event = 'match.started'",
      );
      assert.equal(started.length, 1);
      const chats = await db.query("select 1 from public.outbox where kind = 'chat_started'");
      assert.equal(chats.length, 2);
    } finally {
      await db.close();
    }
  });

  await t.step("the match_members key refuses a second open match", async () => {
    const db = await createTestDb();
    try {
      const { a } = await proposedPair(db, alice, bob);
      const c = await makeUser(db, { tg: 3, topics: [0, 1] });
      await assert.rejects(
        db.query(
          "select public.create_proposals(array[$1::uuid], array[$2::uuid], array[0.5::float8])",
          [a.id, c.id],
        ),
        /match_members_pkey/,
      );
    } finally {
      await db.close();
    }
  });
});

Deno.test("chat relay maps message ids both ways and forgets them when the chat ends", async (t) => {
  const db = await createTestDb();
  try {
    const { a, b, matchId } = await activeChat(db, alice, bob);
    await t.step("relay_target names the partner", async () => {
      const target = await call(db, "relay_target", { p_tg_id: 1 });
      assert.deepEqual(target, {
        status: "ok",
        match_id: matchId,
        partner_tg_id: 2,
        partner_reply_to_message_id: null,
      });
    });
    await t.step("replies map in either direction, edits find the copy", async () => {
      // Alice's message 10 arrived as 500 in Bob's chat; Bob's 20 arrived as 600 in Alice's.
      await call(db, "record_relay", {
        p_match_id: matchId,
        p_tg_id: 1,
        p_sender_message_id: 10,
        p_partner_message_id: 500,
        p_kind: "text",
      });
      await call(db, "record_relay", {
        p_match_id: matchId,
        p_tg_id: 2,
        p_sender_message_id: 20,
        p_partner_message_id: 600,
        p_kind: "photo",
      });
      const bobRepliesToAlice = await call(db, "relay_target", {
        p_tg_id: 2,
        p_reply_to_message_id: 500,
      });
      assert.equal(bobRepliesToAlice.partner_reply_to_message_id, 10);
      const aliceRepliesToHerself = await call(db, "relay_target", {
        p_tg_id: 1,
        p_reply_to_message_id: 10,
      });
      assert.equal(aliceRepliesToHerself.partner_reply_to_message_id, 500);
      const aliceRepliesToBob = await call(db, "relay_target", {
        p_tg_id: 1,
        p_reply_to_message_id: 600,
      });
      assert.equal(aliceRepliesToBob.partner_reply_to_message_id, 20);
      assert.deepEqual(await call(db, "relayed_copy", { p_tg_id: 1, p_sender_message_id: 10 }), {
        status: "ok",
        partner_tg_id: 2,
        partner_message_id: 500,
      });
      assert.equal(
        (await call(db, "relayed_copy", { p_tg_id: 1, p_sender_message_id: 11 })).status,
        "not_found",
      );
      const [stats] = await db.query<
        { messages_total: number; messages_by_kind: Record<string, number> }
      >(
        "select messages_total, messages_by_kind from public.chat_stats",
      );
      assert.equal(stats?.messages_total, 2);
      assert.deepEqual(stats?.messages_by_kind, { text: 1, photo: 1 });
    });
    await t.step("/stop ends the chat, tells the partner, asks both to rate", async () => {
      const ended = await call(db, "end_chat", { p_tg_id: 1, p_reason: "stop" });
      assert.equal(ended.status, "ended");
      assert.equal(ended.partner_tg_id, 2);
      assert.equal((await db.query("select 1 from public.relay_messages")).length, 0);
      assert.deepEqual((await outboxOf(db, b)).slice(-2).map((o) => o.kind), [
        "chat_ended",
        "rate_request",
      ]);
      assert.equal((await outboxOf(db, b)).at(-2)?.payload.reason, "stop");
      assert.equal((await outboxOf(db, a)).at(-1)?.kind, "rate_request");
      assert.equal((await call(db, "relay_target", { p_tg_id: 2 })).status, "no_chat");
      assert.equal(
        (await call(db, "end_chat", { p_tg_id: 2, p_reason: "stop" })).status,
        "no_chat",
      );
      const cooldown = await db.query("select 1 from public.recent_contacts where until > now()");
      assert.equal(cooldown.length, 1);
    });
    await t.step("each person rates once, and ratings feed helpfulness", async () => {
      assert.equal(
        (await call(db, "rate_chat", { p_tg_id: 1, p_match_id: matchId, p_score: 6 })).status,
        "invalid_score",
      );
      assert.equal(
        (await call(db, "rate_chat", { p_tg_id: 1, p_match_id: matchId, p_score: 5 })).status,
        "saved",
      );
      assert.equal(
        (await call(db, "rate_chat", { p_tg_id: 1, p_match_id: matchId, p_score: 1 })).status,
        "already_rated",
      );
      assert.equal(
        (await call(db, "rate_chat", { p_tg_id: 2, p_match_id: matchId, p_score: 3 })).status,
        "saved",
      );
      const [help] = await db.query<{ bob: number; alice: number }>(
        "select public.user_helpfulness($1, 0.5) as bob, public.user_helpfulness($2, 0.5) as alice",
        [b.id, a.id],
      );
      assert.equal(help?.bob, 1);
      assert.equal(help?.alice, 0.5);
    });
  } finally {
    await db.close();
  }
});

Deno.test("rating is only possible after the chat ended", async () => {
  const db = await createTestDb();
  try {
    const { matchId } = await activeChat(db, alice, bob);
    assert.equal(
      (await call(db, "rate_chat", { p_tg_id: 1, p_match_id: matchId, p_score: 5 })).status,
      "not_found",
    );
  } finally {
    await db.close();
  }
});

Deno.test("block and report end the chat quietly and keep the pair apart for good", async (t) => {
  await t.step("block during a chat", async () => {
    const db = await createTestDb();
    try {
      const { a, b, matchId } = await activeChat(db, alice, bob);
      const blocked = await call(db, "block_partner", { p_tg_id: 1, p_match_id: matchId });
      assert.equal(blocked.status, "blocked");
      assert.equal(typeof blocked.duration_seconds, "number", "ending a chat reports its length");
      const told = (await outboxOf(db, b)).at(-1);
      assert.deepEqual(told?.payload, { match_id: matchId, reason: "ended_by_partner" });
      assert.equal(
        (await outboxOf(db, a)).at(-1)?.kind,
        "chat_started",
        "no rate request on block",
      );
      await db.exec("update public.recent_contacts set until = now() - interval '1 second'");
      await find(db, a);
      assert.equal((await find(db, b)).status, "queued", "never matched again");
    } finally {
      await db.close();
    }
  });

  await t.step("report after the chat ended stores the reason and blocks", async () => {
    const db = await createTestDb();
    try {
      const { a, b, matchId } = await activeChat(db, alice, bob);
      await call(db, "end_chat", { p_tg_id: 2, p_reason: "next" });
      assert.equal(
        (await call(db, "report_partner", {
          p_tg_id: 1,
          p_match_id: matchId,
          p_reason: "nonsense",
        })).status,
        "invalid_reason",
      );
      const before = (await outboxOf(db, b)).length;
      const reported = await call(db, "report_partner", {
        p_tg_id: 1,
        p_match_id: matchId,
        p_reason: "abuse",
      });
      assert.equal(reported.status, "reported");
      assert.equal(reported.duration_seconds, undefined, "the chat had already ended");
      assert.equal((await outboxOf(db, b)).length, before, "the reported person is not told");
      const [report] = await db.query<{ reason: string; reported_user_id: string }>(
        "select reason, reported_user_id from public.reports",
      );
      assert.deepEqual(report, { reason: "abuse", reported_user_id: b.id });
      const blocks = await db.query("select 1 from public.blocks where blocker_user_id = $1", [
        a.id,
      ]);
      assert.equal(blocks.length, 1);
      const events = await db.query<{ data: Record<string, unknown> }>(
        "select data from public.domain_events where event = 'user.reported'",
      );
      assert.deepEqual(events[0]?.data, { match_id: matchId, reason: "abuse" });
    } finally {
      await db.close();
    }
  });

  await t.step("block of a pending proposal requeues the other side", async () => {
    const db = await createTestDb();
    try {
      const { a, b, matchId } = await proposedPair(db, alice, bob);
      assert.equal(
        (await call(db, "block_partner", { p_tg_id: 2, p_match_id: matchId })).status,
        "blocked",
      );
      assert.equal((await outboxOf(db, a)).at(-1)?.kind, "proposal_declined");
      const queued = await db.query<{ user_id: string }>("select user_id from public.match_queue");
      assert.deepEqual(queued.map((q) => q.user_id), [a.id]);
      assert.equal((await call(db, "match_status", { p_tg_id: b.tg })).status, "idle");
    } finally {
      await db.close();
    }
  });
});

Deno.test("a user who blocked the bot or erased their profile ends the chat for the partner", async (t) => {
  await t.step("mark_user_gone during a chat", async () => {
    const db = await createTestDb();
    try {
      const { b } = await activeChat(db, alice, bob);
      assert.equal((await call(db, "mark_user_gone", { p_tg_id: 1 })).status, "ok");
      assert.deepEqual((await outboxOf(db, b)).at(-1)?.payload.reason, "partner_gone");
      assert.equal((await call(db, "match_status", { p_tg_id: 2 })).status, "idle");
    } finally {
      await db.close();
    }
  });

  await t.step("mark_user_gone during a proposal requeues the partner", async () => {
    const db = await createTestDb();
    try {
      const { b, matchId } = await proposedPair(db, alice, bob);
      await call(db, "mark_user_gone", { p_tg_id: 1 });
      assert.deepEqual((await outboxOf(db, b)).at(-1)?.payload, {
        match_id: matchId,
        requeued: true,
      });
      assert.equal((await call(db, "match_status", { p_tg_id: 2 })).status, "searching");
    } finally {
      await db.close();
    }
  });

  await t.step("deleting a user mid-chat tells the partner and leaves no reference", async () => {
    const db = await createTestDb();
    try {
      const { a, b, matchId } = await activeChat(db, alice, bob);
      await call(db, "record_relay", {
        p_match_id: matchId,
        p_tg_id: 1,
        p_sender_message_id: 1,
        p_partner_message_id: 2,
        p_kind: "text",
      });
      await db.query(
        "insert into public.blocks (blocker_user_id, blocked_user_id) values ($1, $2)",
        [b.id, a.id],
      );
      const hasDeleteUser = await db.query(
        "select 1 from pg_proc where proname = 'delete_user' and pronamespace = 'public'::regnamespace",
      );
      if (hasDeleteUser.length > 0) {
        await call(db, "delete_user", { p_tg_id: 1 });
      } else {
        await db.query("delete from public.users where id = $1", [a.id]);
      }
      assert.equal((await db.query("select 1 from public.users where id = $1", [a.id])).length, 0);
      assert.deepEqual((await outboxOf(db, b)).at(-1)?.payload, {
        match_id: matchId,
        reason: "partner_gone",
      });
      const references = await db.query<{ n: number }>(
        `select (select count(*) from public.matches where $1 in (user_a, user_b, ended_by))
              + (select count(*) from public.match_members where user_id = $1)
              + (select count(*) from public.match_queue where user_id = $1)
              + (select count(*) from public.relay_messages where sender_user_id = $1)
              + (select count(*) from public.ratings where $1 in (rater_user_id, rated_user_id))
              + (select count(*) from public.blocks where $1 in (blocker_user_id, blocked_user_id))
              + (select count(*) from public.reports where $1 in (reporter_user_id, reported_user_id))
              + (select count(*) from public.recent_contacts where $1 in (user_low, user_high))
              + (select count(*) from public.experiment_assignments where user_id = $1)
              + (select count(*) from public.outbox where user_id = $1)
              + (select count(*) from public.domain_events where user_id = $1) as n`,
        [a.id],
      );
      assert.equal(Number(references[0]?.n), 0);
      const [match] = await db.query<{ state: string; end_reason: string }>(
        "select state, end_reason from public.matches",
      );
      assert.deepEqual(match, { state: "ended", end_reason: "deleted" });
      assert.equal((await call(db, "match_status", { p_tg_id: 2 })).status, "idle");
    } finally {
      await db.close();
    }
  });
});
