import assert from "node:assert/strict";
import { createApiApp } from "../../shared/api/create_api_app.ts";
import { buildMiniAppApi } from "../../shared/api/build_mini_app_api.ts";
import { signInitData } from "../../shared/matching/init_data.ts";
import { createPrometheusMetrics } from "../../shared/metrics/prometheus.ts";
import { ManualClock } from "../../shared/platform/clock.ts";
import { createMemoryRateLimiter } from "../../shared/platform/rate_limiter.ts";
import { createTestDb } from "../support/test_db.ts";
import { call, type Json, makeUser } from "../matching/fixtures.ts";

const BOT_TOKEN = "123456:TEST-token-for-the-mini-app-api";

Deno.test("the Mini App's /events routes: list, register, cancel, confirm", async (t) => {
  const db = await createTestDb();
  const clock = new ManualClock(new Date());
  const app = createApiApp({ db, metrics: createPrometheusMetrics() }, [{
    path: "/",
    app: buildMiniAppApi({
      db,
      botToken: BOT_TOKEN,
      clock,
      rateLimiter: createMemoryRateLimiter({ limit: 1000, windowSeconds: 60, clock }),
    }),
  }]);
  const request = async (path: string, options: { tgId?: number; method?: string } = {}) => {
    const initData = options.tgId
      ? await signInitData({
        auth_date: String(Math.floor(clock.now().getTime() / 1000)),
        user: JSON.stringify({ id: options.tgId, first_name: "Анна" }),
      }, BOT_TOKEN)
      : undefined;
    const res = await app.request(`/api${path}`, {
      method: options.method ?? "GET",
      headers: initData ? { authorization: `tma ${initData}` } : {},
    });
    return { status: res.status, body: await res.json() as Json };
  };

  try {
    await makeUser(db, { tg: 601, topics: [0, 1] });
    await makeUser(db, { tg: 602, topics: [0, 1] });
    const [event] = await db.query<{ id: string }>(
      `insert into public.events (title, starts_at, capacity)
       values ('Встреча', now() + interval '2 days', 2) returning id`,
    );
    const id = event!.id;

    await t.step("every route needs a signed initData", async () => {
      for (
        const [method, path] of [
          ["GET", "/events"],
          ["POST", `/events/${id}/register`],
          ["DELETE", `/events/${id}/register`],
          ["POST", `/events/${id}/confirm`],
        ] as const
      ) {
        assert.equal((await request(path, { method })).status, 401, `${method} ${path}`);
      }
    });

    await t.step("the list has counts and the caller's status, never who", async () => {
      const { status, body } = await request("/events", { tgId: 601 });
      assert.equal(status, 200);
      assert.equal(body.events.length, 1);
      assert.equal(body.events[0].registered, 0);
      assert.equal(body.events[0].my_status, null);
    });

    await t.step("register, then the second person too; confirming is too early", async () => {
      const first = await request(`/events/${id}/register`, { tgId: 601, method: "POST" });
      assert.equal(first.status, 200);
      assert.equal(first.body.status, "registered");
      assert.equal(
        (await request(`/events/${id}/register`, { tgId: 601, method: "POST" })).status,
        409,
      );
      assert.equal(
        (await request(`/events/${id}/register`, { tgId: 602, method: "POST" })).status,
        200,
      );
      const early = await request(`/events/${id}/confirm`, { tgId: 601, method: "POST" });
      assert.deepEqual([early.status, early.body.error.code], [409, "too_early"]);
    });

    await t.step("inside the window confirming works; cancelling frees the place", async () => {
      await db.query("update public.events set starts_at = now() + interval '20 hours'");
      await call(db, "advance_events");
      const confirmed = await request(`/events/${id}/confirm`, { tgId: 601, method: "POST" });
      assert.equal(confirmed.body.status, "confirmed");
      const cancelled = await request(`/events/${id}/register`, { tgId: 602, method: "DELETE" });
      assert.equal(cancelled.body.status, "cancelled");
      const { body } = await request("/events", { tgId: 601 });
      assert.equal(body.events[0].registered, 1);
      assert.equal(body.events[0].my_status, "confirmed");
    });

    await t.step("an announcement: checked, pending, visible to its author only", async () => {
      const post = async (body: unknown) => {
        const initData = await signInitData({
          auth_date: String(Math.floor(clock.now().getTime() / 1000)),
          user: JSON.stringify({ id: 602, first_name: "Борис" }),
        }, BOT_TOKEN);
        const res = await app.request("/api/events", {
          method: "POST",
          headers: { authorization: `tma ${initData}`, "content-type": "application/json" },
          body: JSON.stringify(body),
        });
        return { status: res.status, body: await res.json() as Json };
      };
      const startsAt = new Date(Date.now() + 3 * 86_400_000).toISOString();
      // The bot's own reasons (newevent-refused-*), as /newevent answers them.
      const short = await post({ title: "Ок", startsAt });
      assert.deepEqual([short.status, short.body.error.code], [422, "title_refused"]);
      assert.equal(short.body.error.message, "Напишите, пожалуйста, хотя бы несколько слов.");
      const contact = await post({ title: "Пишите на a@b.ru", startsAt });
      assert.equal(contact.status, 422);
      assert.match(contact.body.error.message, /без телефонов, почты, ссылок и ников/);
      const abusive = await post({ title: "Тупые уроды, приходите", startsAt });
      assert.equal(abusive.status, 422);
      assert.equal(abusive.body.error.reason, "abusive");
      assert.match(abusive.body.error.message, /без оскорблений/);
      const extra = await post({ title: "Про тревогу", startsAt, extra: 1 });
      assert.deepEqual([extra.status, extra.body.error.code], [400, "invalid_input"]);
      // A start outside the window says why, as the bot does (announce_min_hours = 26).
      const at = (hours: number) => new Date(Date.now() + hours * 3600_000).toISOString();
      for (
        const [hours, why] of [[1, "too_soon"], [25, "too_soon"], [-1, "past"], [
          61 * 24,
          "too_far",
        ]]
      ) {
        const refused = await post({ title: "Про тревогу", startsAt: at(Number(hours)) });
        assert.equal(refused.status, 422);
        assert.equal(refused.body.error.code, why, `${hours} h`);
        assert.match(refused.body.error.message, /^[А-Я]/u);
      }
      const filed = await post({ title: "Тревога перед экзаменами", description: "", startsAt });
      assert.equal(filed.status, 201);
      assert.equal(filed.body.status, "pending");
      const own = await request(`/events/${filed.body.event_id}`, { tgId: 602 });
      assert.equal(own.body.event.moderation, "pending");
      assert.equal((await request(`/events/${filed.body.event_id}`, { tgId: 601 })).status, 404);
      const listed = await request("/events", { tgId: 601 });
      assert.ok(
        !listed.body.events.some((e: { event_id: string }) => e.event_id === filed.body.event_id),
      );
    });

    await t.step("malformed and unknown ids", async () => {
      const bad = await request("/events/not-a-uuid/register", { tgId: 601, method: "POST" });
      assert.equal(bad.status, 400);
      const unknown = await request(`/events/${crypto.randomUUID()}/confirm`, {
        tgId: 601,
        method: "POST",
      });
      assert.equal(unknown.status, 404);
      assert.equal((await request("/events?limit=0", { tgId: 601 })).status, 400);
    });
  } finally {
    await db.close();
  }
});
