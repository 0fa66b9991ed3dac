import assert from "node:assert/strict";
import { createTestDb, type TestDb } from "../support/test_db.ts";
import { call, find, type FixtureUser, makeUser, outboxOf } from "../matching/fixtures.ts";

const alice = { tg: 11, topics: [0, 1, 2] };
const bob = { tg: 12, topics: [0, 1, 3] };
const carol = { tg: 13, topics: [0, 1, 4] };

async function callPair(db: TestDb) {
  const a = await makeUser(db, alice);
  const b = await makeUser(db, bob);
  assert.equal((await call(db, "find_call", { p_tg_id: a.tg })).status, "queued");
  const proposed = await call(db, "find_call", { p_tg_id: b.tg });
  assert.equal(proposed.status, "proposed");
  const [row] = await db.query<{ id: string }>(
    "select id from public.calls where match_id = $1",
    [proposed.match_id],
  );
  return { a, b, matchId: proposed.match_id as string, callId: row!.id };
}

async function liveCall(db: TestDb) {
  const pair = await callPair(db);
  for (const who of [pair.a, pair.b]) {
    await call(db, "respond_to_proposal", {
      p_tg_id: who.tg,
      p_match_id: pair.matchId,
      p_accept: true,
    });
  }
  return pair;
}

function callRow(db: TestDb, id: string) {
  return db.query<{ state: string; end_reason: string | null }>(
    "select state, end_reason from public.calls where id = $1",
    [id],
  ).then((rows) => rows[0]!);
}

function signalCount(db: TestDb, id: string) {
  return db.query<{ n: number }>(
    "select count(*)::integer as n from public.call_signals where call_id = $1",
    [id],
  ).then((rows) => rows[0]!.n);
}

/** Makes `user`'s last heartbeat in the call `seconds` old. */
async function silence(db: TestDb, callId: string, user: FixtureUser, seconds: number) {
  await db.query(
    `update public.calls
        set a_seen_at = case when user_a = $2 then now() - make_interval(secs => $3) else a_seen_at end,
            b_seen_at = case when user_b = $2 then now() - make_interval(secs => $3) else b_seen_at end
      where id = $1`,
    [callId, user.id, seconds],
  );
}

function queueMode(db: TestDb, user: FixtureUser) {
  return db.query<{ mode: string }>("select mode from public.match_queue where user_id = $1", [
    user.id,
  ]).then((rows) => rows[0]?.mode);
}

Deno.test("two call searches are paired for a call; a text search is never paired with one", async (t) => {
  const db = await createTestDb();
  try {
    const a = await makeUser(db, alice);
    const c = await makeUser(db, carol);
    await t.step("a call search and a text search with shared topics stay apart", async () => {
      assert.equal((await call(db, "find_call", { p_tg_id: a.tg })).status, "queued");
      assert.equal((await find(db, c)).status, "queued");
      const tick = await call(db, "run_matching_tick");
      assert.equal(tick.pairs, 0);
      assert.equal(await queueMode(db, a), "call");
      assert.equal(await queueMode(db, c), "chat");
    });
    await t.step("a second call search is proposed a call, and the card says so", async () => {
      const b = await makeUser(db, bob);
      const proposed = await call(db, "find_call", { p_tg_id: b.tg });
      assert.equal(proposed.status, "proposed");
      const [m] = await db.query<{ kind: string; user_a: string; user_b: string }>(
        "select kind, user_a, user_b from public.matches where id = $1",
        [proposed.match_id],
      );
      assert.equal(m!.kind, "call");
      assert.ok([m!.user_a, m!.user_b].includes(a.id));
      const card = (await outboxOf(db, b)).at(-1)!;
      assert.equal(card.kind, "proposal");
      assert.equal(card.payload.call, true);
      const state = await call(db, "call_state", { p_tg_id: b.tg });
      assert.equal(state.status, "proposed");
      assert.equal(state.call.state, "proposed");
      assert.equal(state.call.partner_pseudonym, "user11");
      assert.deepEqual(state.call.shared_topics.length, 2);
      // The partner is a pseudonym, never a Telegram identity.
      assert.equal(/tg_id|"username"|first_name/.test(JSON.stringify(state)), false);
    });
    await t.step("the tick pairs call searches too, and only with each other", async () => {
      const d = await makeUser(db, { tg: 14, topics: [0, 1, 5] });
      const e = await makeUser(db, { tg: 15, topics: [0, 1, 6] });
      await db.query("insert into public.call_preferences (user_id) values ($1)", [d.id]);
      // Both queued without trying each other: the tick has to find them.
      await call(db, "find_call", { p_tg_id: d.tg });
      await db.query("delete from public.match_queue where user_id = $1", [d.id]);
      await db.query(
        "update public.match_queue set tried_at = null where user_id = $1",
        [c.id],
      );
      await call(db, "enqueue_user", { p_user_id: d.id, p_priority: false });
      await call(db, "enqueue_user", { p_user_id: e.id, p_priority: false });
      await db.query("update public.match_queue set mode = 'call' where user_id in ($1, $2)", [
        d.id,
        e.id,
      ]);
      const tick = await call(db, "run_matching_tick");
      assert.equal(tick.pairs, 1);
      const [m] = await db.query<{ kind: string }>(
        "select m.kind from public.match_members mm join public.matches m on m.id = mm.match_id where mm.user_id = $1",
        [d.id],
      );
      assert.equal(m?.kind, "call");
      assert.equal(await queueMode(db, c), "chat");
    });
  } finally {
    await db.close();
  }
});

Deno.test("a call goes proposed -> connecting -> live -> ended(next) and the signals go with it", async (t) => {
  const db = await createTestDb();
  try {
    const { a, b, callId, matchId } = await liveCall(db);
    const third = await makeUser(db, carol);
    await t.step("both accepts open the call and tell both it is a call", async () => {
      assert.equal((await callRow(db, callId)).state, "connecting");
      const started = (await outboxOf(db, a)).find((o) => o.kind === "chat_started");
      assert.equal(started?.payload.call, true);
    });
    await t.step("signals reach only the partner, and nobody else may read or write", async () => {
      const sent = await call(db, "post_call_signal", {
        p_tg_id: a.tg,
        p_call_id: callId,
        p_kind: "offer",
        p_body: { sdp: "v=0" },
      });
      assert.equal(sent.status, "ok");
      const mine = await call(db, "call_signals_after", {
        p_tg_id: a.tg,
        p_call_id: callId,
        p_after: 0,
      });
      assert.equal(mine.signals.length, 0);
      const theirs = await call(db, "call_signals_after", {
        p_tg_id: b.tg,
        p_call_id: callId,
        p_after: 0,
      });
      assert.deepEqual(theirs.signals.map((s: { kind: string }) => s.kind), ["offer"]);
      const after = await call(db, "call_signals_after", {
        p_tg_id: b.tg,
        p_call_id: callId,
        p_after: theirs.signals[0].id,
      });
      assert.equal(after.signals.length, 0);
      for (
        const [fn, args] of [
          ["call_signals_after", { p_after: 0 }],
          ["post_call_signal", { p_kind: "answer", p_body: {} }],
          ["heartbeat_call", { p_connected: true }],
          ["end_call", { p_reason: "end" }],
          ["report_call", { p_reason: "abuse" }],
          ["call_details", {}],
        ] as const
      ) {
        const answer = await call(db, fn, { p_tg_id: third.tg, p_call_id: callId, ...args });
        assert.equal(answer.status, "forbidden", fn);
      }
    });
    await t.step("a connected heartbeat makes the call live", async () => {
      const beat = await call(db, "heartbeat_call", {
        p_tg_id: b.tg,
        p_call_id: callId,
        p_connected: true,
      });
      assert.equal(beat.call.state, "live");
      // The lower user id makes the offer (as in the match's user_a).
      assert.equal(beat.call.role, b.id < a.id ? "offerer" : "answerer");
    });
    await t.step("«Следующий» ends it, deletes the signals, and searches again", async () => {
      const next = await call(db, "end_call", {
        p_tg_id: a.tg,
        p_call_id: callId,
        p_reason: "next",
      });
      assert.equal(next.status, "ended");
      assert.equal(next.search.status, "queued");
      assert.deepEqual(await callRow(db, callId), { state: "ended", end_reason: "next" });
      assert.equal(await signalCount(db, callId), 0);
      assert.equal(await queueMode(db, a), "call");
      const told = (await outboxOf(db, b)).slice(-2);
      assert.deepEqual(told.map((o) => o.kind), ["chat_ended", "rate_request"]);
      assert.equal(told[0]!.payload.reason, "next");
      assert.equal(told[0]!.payload.call, true);
      const late = await call(db, "post_call_signal", {
        p_tg_id: b.tg,
        p_call_id: callId,
        p_kind: "answer",
        p_body: { sdp: "v=0" },
      });
      assert.equal(late.status, "not_open");
      const state = await call(db, "call_state", { p_tg_id: b.tg });
      assert.equal(state.status, "idle");
      assert.equal(state.last_call.end_reason, "next");
      assert.equal(state.last_call.match_id, matchId);
      const rated = await call(db, "rate_chat", { p_tg_id: b.tg, p_match_id: matchId, p_score: 5 });
      assert.equal(rated.status, "saved");
    });
  } finally {
    await db.close();
  }
});

Deno.test("a report from the room ends the call at once and files the report, marked as a call", async () => {
  const db = await createTestDb();
  try {
    const { a, b, callId, matchId } = await liveCall(db);
    const reported = await call(db, "report_call", {
      p_tg_id: b.tg,
      p_call_id: callId,
      p_reason: "abuse",
    });
    assert.equal(reported.status, "reported");
    assert.deepEqual(await callRow(db, callId), { state: "ended", end_reason: "report" });
    const [report] = await db.query<{ reported_user_id: string }>(
      "select reported_user_id from public.reports where match_id = $1",
      [matchId],
    );
    assert.equal(report?.reported_user_id, a.id);
    const card = await call(db, "moderation_report_card", {
      p_match_id: matchId,
      p_reporter_tg_id: b.tg,
    });
    assert.equal(card.call, true);
    assert.equal((await call(db, "call_state", { p_tg_id: a.tg })).last_call.end_reason, "report");
  } finally {
    await db.close();
  }
});

Deno.test("a side without heartbeat for 15 s is timed out by the sweep; the partner is told", async () => {
  const db = await createTestDb();
  try {
    const { a, b, callId } = await liveCall(db);
    await call(db, "heartbeat_call", { p_tg_id: a.tg, p_call_id: callId, p_connected: false });
    await call(db, "heartbeat_call", { p_tg_id: b.tg, p_call_id: callId, p_connected: true });
    assert.equal((await call(db, "sweep_calls")).ended, 0);
    await silence(db, callId, b, 14);
    assert.equal((await call(db, "sweep_calls")).ended, 0);
    await silence(db, callId, b, 16);
    assert.equal((await call(db, "sweep_calls")).ended, 1);
    assert.deepEqual(await callRow(db, callId), { state: "ended", end_reason: "timeout" });
    const told = (await outboxOf(db, a)).at(-1)!;
    assert.equal(told.kind, "chat_ended");
    assert.equal(told.payload.reason, "partner_gone");
    assert.equal(told.payload.call, true);
  } finally {
    await db.close();
  }
});

Deno.test("the partner's heartbeat stopping ends the call on the next own heartbeat", async () => {
  const db = await createTestDb();
  try {
    const { a, b, callId } = await liveCall(db);
    await call(db, "heartbeat_call", { p_tg_id: b.tg, p_call_id: callId, p_connected: true });
    await silence(db, callId, b, 20);
    const beat = await call(db, "heartbeat_call", {
      p_tg_id: a.tg,
      p_call_id: callId,
      p_connected: true,
    });
    assert.equal(beat.call.state, "ended");
    assert.equal(beat.call.end_reason, "timeout");
  } finally {
    await db.close();
  }
});

Deno.test("a declined call proposal puts the partner back into the call search", async () => {
  const db = await createTestDb();
  try {
    const { a, b, callId, matchId } = await callPair(db);
    await call(db, "respond_to_proposal", { p_tg_id: a.tg, p_match_id: matchId, p_accept: false });
    assert.deepEqual(await callRow(db, callId), { state: "ended", end_reason: "declined" });
    assert.equal(await queueMode(db, b), "call");
    assert.equal((await outboxOf(db, b)).at(-1)?.payload.call, true);
  } finally {
    await db.close();
  }
});

Deno.test("restricted people, unfinished profiles and «только текст» cannot start a call", async () => {
  const db = await createTestDb();
  try {
    const a = await makeUser(db, alice);
    const b = await makeUser(db, { ...bob, done: false });
    await db.query(
      `insert into public.sanctions (user_id, kind, reason, imposed_by, ends_at)
       values ($1, 'mute', 'moderator', 'test', now() + interval '1 hour')`,
      [a.id],
    );
    const refused = await call(db, "find_call", { p_tg_id: a.tg });
    assert.equal(refused.status, "restricted");
    assert.equal(refused.kind, "mute");
    assert.equal((await call(db, "find_call", { p_tg_id: b.tg })).status, "profile_incomplete");
    const c = await makeUser(db, carol);
    assert.equal((await call(db, "find_call", { p_tg_id: c.tg })).status, "queued");
    const set = await call(db, "set_call_preference", { p_tg_id: c.tg, p_preference: "text_only" });
    assert.equal(set.status, "ok");
    assert.equal(await queueMode(db, c), undefined);
    assert.equal((await call(db, "find_call", { p_tg_id: c.tg })).status, "text_only");
    assert.equal(
      (await call(db, "set_call_preference", { p_tg_id: c.tg, p_preference: "voice" })).status,
      "invalid_preference",
    );
  } finally {
    await db.close();
  }
});

Deno.test("/stop in the bot ends the call too, and its signals go", async () => {
  const db = await createTestDb();
  try {
    const { a, b, callId } = await liveCall(db);
    await call(db, "post_call_signal", {
      p_tg_id: a.tg,
      p_call_id: callId,
      p_kind: "offer",
      p_body: { sdp: "v=0" },
    });
    assert.equal((await call(db, "end_chat", { p_tg_id: b.tg, p_reason: "stop" })).status, "ended");
    assert.deepEqual(await callRow(db, callId), { state: "ended", end_reason: "end" });
    assert.equal(await signalCount(db, callId), 0);
  } finally {
    await db.close();
  }
});
