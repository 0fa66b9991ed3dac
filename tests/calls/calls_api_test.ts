import assert from "node:assert/strict";
import { createMemoryRateLimiter } from "../../shared/platform/rate_limiter.ts";
import { systemClock } from "../../shared/platform/clock.ts";
import { turnPassword } from "../../shared/calls/turn.ts";
import { createTestDb, type TestDb } from "../support/test_db.ts";
import { makeUser } from "../matching/fixtures.ts";
import {
  callApp,
  clientOf,
  HOST_CANDIDATE,
  initDataFor,
  RELAY_CANDIDATE,
  SDP,
  SRFLX_CANDIDATE,
  TURN_SECRET,
} from "./fixtures.ts";

const CYRILLIC = /[а-яё]/i;

/** Two registered people matched for a call, both accepted: the call is connecting. */
async function openCall(db: TestDb, app = callApp(db)) {
  const a = await makeUser(db, { tg: 501, topics: [0, 1, 2] });
  const b = await makeUser(db, { tg: 502, topics: [0, 1, 3] });
  const ca = clientOf(app, a.tg);
  const cb = clientOf(app, b.tg);
  assert.equal((await ca.post("/calls/search")).status, 202);
  const found = await cb.post("/calls/search");
  assert.equal(found.json.status, "proposed");
  const state = await ca.get("/calls/state");
  assert.equal(state.json.status, "proposed");
  const callId = state.json.call.id as string;
  assert.equal(
    (await ca.post(`/calls/${callId}/answer`, { accept: true })).json.status,
    "waiting_for_partner",
  );
  assert.equal(
    (await cb.post(`/calls/${callId}/answer`, { accept: true })).json.status,
    "chat_started",
  );
  const offerer = state.json.call.role === "offerer" ? ca : cb;
  const answerer = offerer === ca ? cb : ca;
  return { a, b, ca, cb, callId, offerer, answerer, app };
}

Deno.test("forged, expired or missing initData is 401; an unknown person 404", async () => {
  const db = await createTestDb();
  try {
    const app = callApp(db);
    await makeUser(db, { tg: 501, topics: [0, 1] });
    const forged = (await initDataFor(501)).replace("501", "502");
    const expired = await initDataFor(501, new Date(Date.now() - 25 * 3600_000));
    for (const auth of [forged, expired, "nonsense"]) {
      const answer = await clientOf(app, 501, auth).get("/calls/state");
      assert.equal(answer.status, 401);
      assert.equal(answer.json.error.code, "unauthorized");
      assert.match(answer.json.error.message, CYRILLIC);
    }
    const stranger = await clientOf(app, 999).post("/calls/search");
    assert.equal(stranger.status, 404);
    assert.equal(stranger.json.error.code, "not_registered");
  } finally {
    await db.close();
  }
});

Deno.test("without TURN the state says so and every call route answers 503 in Russian", async () => {
  const db = await createTestDb();
  try {
    const app = callApp(db, { turn: undefined });
    await makeUser(db, { tg: 501, topics: [0, 1] });
    const client = clientOf(app, 501);
    const state = await client.get("/calls/state");
    assert.equal(state.status, 200);
    assert.equal(state.json.video_configured, false);
    const search = await client.post("/calls/search");
    assert.equal(search.status, 503);
    assert.equal(search.json.error.code, "video_not_configured");
    assert.match(search.json.error.message, /не настроены/);
    const queued = await db.query("select 1 from public.match_queue");
    assert.equal(queued.length, 0, "nothing changed");
  } finally {
    await db.close();
  }
});

Deno.test("the room's API: consent, TURN credentials, relay-only signalling, next", async (t) => {
  const db = await createTestDb();
  try {
    const { b, ca, cb, callId, offerer, answerer, app } = await openCall(db);
    const third = await makeUser(db, { tg: 503, topics: [0, 1, 4] });
    const stranger = clientOf(app, third.tg);

    await t.step("TURN credentials follow the TURN REST scheme and are short-lived", async () => {
      const turn = await ca.get(`/calls/${callId}/turn`);
      assert.equal(turn.status, 200);
      assert.equal(turn.json.ice_transport_policy, "relay");
      const [server] = turn.json.ice_servers;
      const [expiry, opaque] = server.username.split(":");
      const left = Number(expiry) - Date.now() / 1000;
      assert.ok(left > 590 && left <= 600, `expires in ${left} s`);
      assert.match(opaque, /^[0-9a-f]{24}$/);
      assert.equal(server.credential, await turnPassword(TURN_SECRET, server.username));
      // Nothing of the person in it: an expiry and a random id, fresh for each request (a
      // substring test for the Telegram id would fail by chance on random hex).
      assert.match(server.username, /^\d+:[0-9a-f]{24}$/);
      const again = await ca.get(`/calls/${callId}/turn`);
      assert.notEqual(again.json.ice_servers[0].username.split(":")[1], opaque);
    });

    await t.step("a third person gets 403 everywhere and changes nothing", async () => {
      for (
        const answer of [
          await stranger.get(`/calls/${callId}`),
          await stranger.get(`/calls/${callId}/turn`),
          await stranger.get(`/calls/${callId}/signal?after=0&wait=0`),
          await stranger.post(`/calls/${callId}/signal`, {
            kind: "candidate",
            candidate: RELAY_CANDIDATE,
          }),
          await stranger.post(`/calls/${callId}/heartbeat`, { connected: true }),
          await stranger.post(`/calls/${callId}/end`),
          await stranger.post(`/calls/${callId}/report`, { reason: "abuse" }),
        ]
      ) {
        assert.equal(answer.status, 403);
        assert.equal(answer.json.error.code, "forbidden");
        assert.match(answer.json.error.message, CYRILLIC);
      }
      const rows = await db.query("select 1 from public.call_signals");
      assert.equal(rows.length, 0);
    });

    await t.step("host and srflx candidates are refused with 400 and never stored", async () => {
      for (const candidate of [HOST_CANDIDATE, SRFLX_CANDIDATE]) {
        const refused = await offerer.post(`/calls/${callId}/signal`, {
          kind: "candidate",
          candidate,
        });
        assert.equal(refused.status, 400);
        assert.equal(refused.json.error.code, "non_relay_candidate");
      }
      const inSdp = await offerer.post(`/calls/${callId}/signal`, {
        kind: "offer",
        sdp: `${SDP}a=${HOST_CANDIDATE}\r\n`,
      });
      assert.equal(inSdp.status, 400);
      assert.equal(inSdp.json.error.code, "non_relay_candidate");
      const junk = await offerer.post(`/calls/${callId}/signal`, {
        kind: "candidate",
        candidate: "x",
      });
      assert.equal(junk.json.error.code, "invalid_signal");
      const extra = await offerer.post(`/calls/${callId}/signal`, {
        kind: "restart",
        ip: "1.2.3.4",
      });
      assert.equal(extra.status, 400);
      assert.equal(extra.json.error.code, "invalid_input");
      assert.equal((await db.query("select 1 from public.call_signals")).length, 0);
    });

    await t.step(
      "an offer and a relay candidate reach the partner through the long poll",
      async () => {
        const waiting = answerer.get(`/calls/${callId}/signal?after=0&wait=10`);
        const offer = await offerer.post(`/calls/${callId}/signal`, { kind: "offer", sdp: SDP });
        assert.equal(offer.status, 200);
        const relay = await offerer.post(`/calls/${callId}/signal`, {
          kind: "candidate",
          candidate: RELAY_CANDIDATE,
          sdpMid: "0",
          sdpMLineIndex: 0,
        });
        assert.equal(relay.status, 200);
        const first = await waiting;
        assert.equal(first.json.state, "connecting");
        assert.ok(first.json.signals.length >= 1);
        assert.equal(first.json.signals[0].kind, "offer");
        const last = first.json.signals.at(-1).id;
        const rest = await answerer.get(`/calls/${callId}/signal?after=${offer.json.id}&wait=0`);
        assert.deepEqual(rest.json.signals.map((s: { kind: string }) => s.kind), ["candidate"]);
        assert.equal(rest.json.signals[0].body.candidate, RELAY_CANDIDATE);
        const own = await offerer.get(`/calls/${callId}/signal?after=0&wait=0`);
        assert.equal(own.json.signals.length, 0, "one's own signals do not come back");
        const empty = await answerer.get(`/calls/${callId}/signal?after=${relay.json.id}&wait=1`);
        assert.deepEqual(empty.json.signals, []);
        assert.ok(last >= offer.json.id);
      },
    );

    await t.step("a connected heartbeat makes it live", async () => {
      const beat = await answerer.post(`/calls/${callId}/heartbeat`, { connected: true });
      assert.equal(beat.json.call.state, "live");
      assert.equal(beat.json.call.partner_pseudonym.startsWith("user"), true);
    });

    await t.step(
      "«Следующий» ends it for both and searches again; the poll learns it",
      async () => {
        const waiting = cb.get(`/calls/${callId}/signal?after=999999&wait=10`);
        const next = await ca.post(`/calls/${callId}/next`);
        assert.equal(next.status, 200);
        assert.equal(next.json.status, "ended");
        assert.equal(next.json.search.status, "queued");
        const told = await waiting;
        assert.equal(told.json.state, "ended");
        assert.equal(told.json.end_reason, "next");
        assert.equal((await db.query("select 1 from public.call_signals")).length, 0);
        const again = await ca.post(`/calls/${callId}/end`);
        assert.equal(again.status, 409);
        assert.equal(again.json.error.code, "already_ended");
        const late = await cb.post(`/calls/${callId}/signal`, {
          kind: "candidate",
          candidate: RELAY_CANDIDATE,
        });
        assert.equal(late.status, 409);
        assert.equal((await cb.get(`/calls/${callId}/turn`)).status, 409);
        const state = await cb.get("/calls/state");
        assert.equal(state.json.last_call.end_reason, "next");
        const rated = await cb.post(`/calls/${callId}/rate`, { score: 5 });
        assert.equal(rated.json.status, "saved");
        const twice = await cb.post(`/calls/${callId}/rate`, { score: 4 });
        assert.equal(twice.json.status, "already_rated");
        assert.equal((await cb.post(`/calls/${callId}/rate`, { score: 9 })).status, 400);
        assert.equal((await cb.get("/calls/state")).json.last_call.rated, true);
        const outsider = await stranger.post(`/calls/${callId}/rate`, { score: 1 });
        assert.equal(outsider.status, 403);
        assert.equal((await ca.get("/calls/state")).json.status, "searching");
        void b;
      },
    );
  } finally {
    await db.close();
  }
});

Deno.test("a report from the room ends the call for both and files the report", async () => {
  const db = await createTestDb();
  try {
    const reported: string[] = [];
    const app = callApp(db, {
      onReport: (matchId) => {
        reported.push(matchId);
        return Promise.resolve();
      },
    });
    const { cb, callId, a } = await openCall(db, app);
    const answer = await cb.post(`/calls/${callId}/report`, { reason: "inappropriate" });
    assert.equal(answer.status, 200);
    assert.equal(answer.json.status, "reported");
    const [call] = await db.query<{ state: string; end_reason: string }>(
      "select state, end_reason from public.calls where id = $1",
      [callId],
    );
    assert.deepEqual(call, { state: "ended", end_reason: "report" });
    const rows = await db.query<{ reported_user_id: string }>(
      "select reported_user_id from public.reports",
    );
    assert.equal(rows[0]?.reported_user_id, a.id);
    assert.equal(reported.length, 1);
    const bad = await cb.post(`/calls/${callId}/report`, { reason: "boring" });
    assert.equal(bad.status, 400);
  } finally {
    await db.close();
  }
});

Deno.test("starting calls is rate limited like /find; restricted people are refused", async () => {
  const db = await createTestDb();
  try {
    const app = callApp(db, {
      searchLimiter: createMemoryRateLimiter({ limit: 1, windowSeconds: 60, clock: systemClock }),
    });
    const a = await makeUser(db, { tg: 601, topics: [0, 1, 2] });
    const client = clientOf(app, a.tg);
    assert.equal((await client.post("/calls/search")).status, 202);
    const limited = await client.post("/calls/search");
    assert.equal(limited.status, 429);
    assert.equal(limited.json.error.code, "rate_limited");
    assert.ok(Number(limited.headers.get("retry-after")) > 0);
    assert.match(limited.json.error.message, /Подождите \d+ с/);

    const m = await makeUser(db, { tg: 602, topics: [0, 1, 2] });
    await db.query(
      `insert into public.sanctions (user_id, kind, reason, imposed_by, ends_at)
       values ($1, 'temp_ban', 'moderator', 'test', now() + interval '2 hours')`,
      [m.id],
    );
    const refused = await clientOf(app, m.tg).post("/calls/search");
    assert.equal(refused.status, 403);
    assert.equal(refused.json.error.code, "restricted");
    assert.equal(refused.json.kind, "temp_ban");
    assert.ok(refused.json.ends_at);
    assert.match(refused.json.error.message, /закрыты до/);

    const pref = await clientOf(app, m.tg).patch("/calls/preference", { preference: "sometimes" });
    assert.equal(pref.status, 400);
  } finally {
    await db.close();
  }
});
