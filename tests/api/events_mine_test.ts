import assert from "node:assert/strict";
import { makeUser } from "../matching/fixtures.ts";
import { ManualClock } from "../../shared/platform/clock.ts";
import { createMemoryRateLimiter } from "../../shared/platform/rate_limiter.ts";
import { startMiniAppApi } from "./mini_app_fixture.ts";

Deno.test("GET /events/mine: registrations, the schedule once built, announcements", async (t) => {
  const { db, request, close } = await startMiniAppApi();
  try {
    const anna = await makeUser(db, { tg: 930_001, topics: [0, 1] });
    const boris = await makeUser(db, { tg: 930_002, topics: [0, 1] });
    const [event] = await db.query<{ id: string }>(
      `insert into public.events (title, starts_at, capacity, round_minutes, pause_minutes)
       values ('Встреча', now() + interval '2 days', 4, 5, 1) returning id`,
    );
    const id = event!.id;
    await db.query(
      `insert into public.events (title, starts_at, created_by, moderation)
       values ('Моя встреча', now() + interval '3 days', $1, 'pending')`,
      [anna.id],
    );

    await t.step("nothing yet: empty lists, and the announcement with its moderation", async () => {
      const res = await request(anna.tg, "GET", "/events/mine");
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.deepEqual(res.body.registrations, []);
      assert.deepEqual(
        res.body.announced.map((e: { title: string; moderation: string }) => [
          e.title,
          e.moderation,
        ]),
        [["Моя встреча", "pending"]],
      );
    });

    await t.step("a registration shows with no schedule before it is built", async () => {
      assert.equal((await request(anna.tg, "POST", `/events/${id}/register`)).status, 200);
      const res = await request(anna.tg, "GET", "/events/mine");
      assert.equal(res.body.registrations.length, 1);
      const mine = res.body.registrations[0];
      assert.deepEqual([mine.event_id, mine.my_status, mine.schedule], [id, "registered", []]);
      const other = await request(boris.tg, "GET", "/events/mine");
      assert.deepEqual(other.body.registrations, [], "someone else's registration is not mine");
    });

    await t.step("once the schedule is built: the person's rounds, no partner named", async () => {
      assert.equal((await request(boris.tg, "POST", `/events/${id}/register`)).status, 200);
      await db.query(
        "update public.event_registrations set status = 'confirmed' where event_id = $1",
        [id],
      );
      await db.query("select public.build_event_schedule($1)", [id]);
      const res = await request(anna.tg, "GET", "/events/mine");
      const schedule = res.body.registrations[0].schedule;
      assert.ok(schedule.length >= 1, JSON.stringify(res.body));
      const first = schedule[0];
      assert.equal(first.round, 1);
      assert.equal(first.bye, false);
      const minutes = (Date.parse(first.ends_at) - Date.parse(first.starts_at)) / 60_000;
      assert.equal(minutes, 5);
      const text = JSON.stringify(res.body);
      assert.ok(!text.includes(boris.id) && !text.includes(String(boris.tg)));
    });

    await t.step("401 without initData, 404 not_registered for a stranger", async () => {
      assert.equal((await request(null, "GET", "/events/mine")).status, 401);
      const stranger = await request(930_099, "GET", "/events/mine");
      assert.deepEqual([stranger.status, stranger.body.error.code], [404, "not_registered"]);
    });
  } finally {
    await close();
  }
});

Deno.test("a request matching two declared paths (/events/mine, /events/{id}) is counted once", async () => {
  const clock = new ManualClock(new Date());
  const { db, request, close } = await startMiniAppApi({
    clock,
    rateLimiter: createMemoryRateLimiter({ limit: 2, windowSeconds: 60, clock }),
  });
  try {
    const anna = await makeUser(db, { tg: 931_001, topics: [0, 1] });
    assert.equal((await request(anna.tg, "GET", "/events/mine")).status, 200);
    assert.equal((await request(anna.tg, "GET", "/events/recommended")).status, 200);
    const third = await request(anna.tg, "GET", "/events/mine");
    assert.equal(third.status, 429);
    assert.equal(third.body.error.code, "rate_limited");
    assert.match(third.body.error.message, /Подождите 60 с/);
    assert.equal(third.headers.get("retry-after"), "60");
  } finally {
    await close();
  }
});
