import assert from "node:assert/strict";
import { createApiApp } from "../../shared/api/create_api_app.ts";
import { buildMiniAppApi } from "../../shared/api/build_mini_app_api.ts";
import { signInitData } from "../../shared/matching/init_data.ts";
import { createPrometheusMetrics } from "../../shared/metrics/prometheus.ts";
import { ManualClock } from "../../shared/platform/clock.ts";
import { createMemoryRateLimiter } from "../../shared/platform/rate_limiter.ts";
import { createTestDb } from "../support/test_db.ts";
import { call, type Json, outboxOf } from "../matching/fixtures.ts";
import { diaryUser } from "./fixtures.ts";

const BOT_TOKEN = "123456:TEST-token-for-the-mini-app-api";

Deno.test("the Mini App's /similar and /recommendations routes", async (t) => {
  const db = await createTestDb();
  const clock = new ManualClock(new Date());
  let writes = 0;
  const app = createApiApp({ db, metrics: createPrometheusMetrics() }, [{
    path: "/",
    app: buildMiniAppApi({
      db,
      botToken: BOT_TOKEN,
      clock,
      rateLimiter: createMemoryRateLimiter({ limit: 1000, windowSeconds: 60, clock }),
      afterWrite: () => void writes++,
    }),
  }]);
  const request = async (
    path: string,
    options: { tgId?: number; method?: string } = {},
  ) => {
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
    return { status: res.status, body: await res.json() as Json, headers: res.headers };
  };

  try {
    const anna = await diaryUser(db, {
      tg: 501,
      topics: [0, 1, 2],
      head: [1, 0],
      themes: { insomnia: 0.7 },
    });
    const boris = await diaryUser(db, { tg: 502, topics: [0, 1], head: [1, 0.1] });
    const shy = await diaryUser(db, { tg: 503, topics: [0, 1], head: [1, 0], optIn: false });

    await t.step("every route needs a signed initData", async () => {
      for (
        const [method, path] of [
          ["GET", "/similar"],
          ["POST", `/similar/${crypto.randomUUID()}/propose`],
          ["GET", "/recommendations/topics"],
          ["POST", `/recommendations/topics/${crypto.randomUUID()}`],
        ]
      ) {
        const res = await request(path!, { method });
        assert.equal(res.status, 401, path);
        assert.equal(typeof res.body.error.code, "string");
      }
    });

    await t.step("without the switch: 409 diary_matching_off, and shy never appears", async () => {
      const res = await request("/similar", { tgId: shy.tg });
      assert.equal(res.status, 409);
      assert.equal(res.body.error.code, "diary_matching_off");
      const cards = await request("/similar?limit=10", { tgId: anna.tg });
      assert.deepEqual(cards.body.people.map((p: Json) => p.pseudonym), ["user502"]);
    });

    await t.step("a malformed query or id is a 400 that records nothing", async () => {
      const before = await db.query("select 1 from public.recommendations");
      for (const query of ["limit=0", "limit=11", "limit=abc", "other=1"]) {
        const res = await request(`/similar?${query}`, { tgId: anna.tg });
        assert.equal(res.status, 400, query);
      }
      assert.equal(
        (await request("/similar/abc/propose", { tgId: anna.tg, method: "POST" })).status,
        400,
      );
      assert.equal(
        (await request("/recommendations/topics/abc", { tgId: anna.tg, method: "POST" })).status,
        400,
      );
      assert.equal((await db.query("select 1 from public.recommendations")).length, before.length);
    });

    await t.step("GET /similar, then propose: the ordinary proposal for both", async () => {
      const res = await request("/similar", { tgId: anna.tg });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get("cache-control"), "private, no-store");
      const [card] = res.body.people;
      assert.equal(card.pseudonym, "user502");
      assert.equal(card.closeness, "very_close");
      assert.deepEqual(card.shared_topics, ["Переезд в другой город", "Эмиграция"]);

      const foreign = await request(`/similar/${card.id}/propose`, {
        tgId: boris.tg,
        method: "POST",
      });
      assert.equal(foreign.status, 404);
      const unknown = await request(`/similar/${crypto.randomUUID()}/propose`, {
        tgId: anna.tg,
        method: "POST",
      });
      assert.equal(unknown.status, 404);
      assert.equal(writes, 0);

      const proposed = await request(`/similar/${card.id}/propose`, {
        tgId: anna.tg,
        method: "POST",
      });
      assert.equal(proposed.status, 200);
      assert.equal(proposed.body.status, "proposed");
      assert.equal(writes, 1, "the proposal cards are sent after the request");
      for (const user of [anna, boris]) {
        assert.ok(
          (await outboxOf(db, user)).some((o) =>
            o.kind === "proposal" && o.payload.match_id === proposed.body.match_id
          ),
        );
      }
      const again = await request(`/similar/${card.id}/propose`, {
        tgId: anna.tg,
        method: "POST",
      });
      assert.equal(again.status, 409);
      assert.equal(again.body.error.code, "already_taken");
      const pending = await request("/similar", { tgId: anna.tg });
      assert.equal(pending.status, 409);
      assert.equal(pending.body.error.code, "proposal_pending");
    });

    await t.step("topics: suggested, added once, counted", async () => {
      const res = await request("/recommendations/topics", { tgId: anna.tg });
      assert.equal(res.status, 200);
      const [insomnia] = res.body.topics;
      assert.equal(insomnia.slug, "insomnia");
      assert.equal(insomnia.title, "Бессонница");
      const foreign = await request(`/recommendations/topics/${insomnia.id}`, {
        tgId: boris.tg,
        method: "POST",
      });
      assert.equal(foreign.status, 404);
      const added = await request(`/recommendations/topics/${insomnia.id}`, {
        tgId: anna.tg,
        method: "POST",
      });
      assert.equal(added.status, 200);
      assert.deepEqual(added.body, {
        status: "added",
        topic_id: insomnia.topic_id,
        title: "Бессонница",
      });
      const again = await request(`/recommendations/topics/${insomnia.id}`, {
        tgId: anna.tg,
        method: "POST",
      });
      assert.equal(again.status, 409);
      assert.equal(again.body.error.code, "already_taken");
      const metrics = await call(db, "recommendation_metrics");
      assert.equal(metrics.topic.taken, 1);
      assert.equal(metrics.person.taken, 1);
    });

    await t.step("a muted user gets a 403 saying until when", async () => {
      await db.query(
        `insert into public.sanctions (user_id, kind, reason, imposed_by, ends_at)
         values ($1, 'mute', 'moderator', 'test', now() + interval '30 minutes')`,
        [shy.id],
      );
      await call(db, "set_diary_matching", { p_tg_id: shy.tg, p_on: true });
      const res = await request("/similar", { tgId: shy.tg });
      assert.equal(res.status, 403);
      assert.equal(res.body.error.code, "restricted");
      assert.equal(res.body.kind, "mute");
      assert.ok(res.body.ends_at);
    });
  } finally {
    await db.close();
  }
});
