import assert from "node:assert/strict";
import { createApiApp } from "../../shared/api/create_api_app.ts";
import { buildMiniAppApi } from "../../shared/api/build_mini_app_api.ts";
import { signInitData } from "../../shared/matching/init_data.ts";
import { createMemoryRateLimiter } from "../../shared/platform/rate_limiter.ts";
import { createLexiconAnalyzer } from "../../shared/diary/lexicon_analyzer.ts";
import type { MoodAnalyzer } from "../../shared/diary/mood.ts";
import { loadI18n } from "../../shared/bot/texts.ts";
import { translatorFor } from "../../shared/notifications/translate.ts";
import { createPrometheusMetrics } from "../../shared/metrics/prometheus.ts";
import { ManualClock } from "../../shared/platform/clock.ts";
import { onboardUser } from "../chat/fixtures.ts";
import { createTestDb, type TestDb } from "../support/test_db.ts";

const BOT_TOKEN = "123456:TEST-token-for-the-diary-api";
const LONELY = "Очень одиноко сегодня, никому не нужна";
const HAPPY = "Какой чудесный день, я очень рада и благодарна друзьям";
const GRIEF = "Сегодня ровно год, как не стало папы. Съездила на кладбище, посидела у него.";

/** Stands in for the model people who turned AI analysis on get: recognisable by its name. */
const fakeAiAnalyzer: MoodAnalyzer = {
  name: "test-ai",
  version: "0",
  analyze: () =>
    Promise.resolve({
      valence: 0.5,
      arousal: 0.5,
      labels: [{ label: "calm", score: 0.9 }],
      analyzer: "test-ai",
      version: "0",
    }),
};

// deno-lint-ignore no-explicit-any
type Json = any;

async function startApi() {
  const db = await createTestDb();
  const clock = new ManualClock(new Date());
  const app = createApiApp({ db, metrics: createPrometheusMetrics() }, [{
    path: "/",
    app: buildMiniAppApi({
      db,
      botToken: BOT_TOKEN,
      clock,
      rateLimiter: createMemoryRateLimiter({ limit: 1000, windowSeconds: 60, clock }),
      diary: {
        analyzer: createLexiconAnalyzer(),
        aiAnalyzer: fakeAiAnalyzer,
        texts: async () => translatorFor(await loadI18n()),
      },
    }),
  }]);
  /** A request as `tgId` (null: without initData); a string body is sent as it is. */
  const call = async (tgId: number | null, method: string, path: string, body?: unknown) => {
    const initData = tgId === null ? null : await signInitData({
      auth_date: String(Math.floor(clock.now().getTime() / 1000)),
      user: JSON.stringify({ id: tgId, first_name: "Анна" }),
    }, BOT_TOKEN);
    return await app.request(`/api${path}`, {
      method,
      headers: {
        "content-type": "application/json",
        ...(initData ? { authorization: `tma ${initData}` } : {}),
      },
      ...(body === undefined
        ? {}
        : { body: typeof body === "string" ? body : JSON.stringify(body) }),
    });
  };
  /** The status and JSON answer of a request. */
  const json = async (tgId: number | null, method: string, path: string, body?: unknown) => {
    const res = await call(tgId, method, path, body);
    return { status: res.status, body: await res.json() as Json, headers: res.headers };
  };
  return { db, call, json };
}

/** Everything an API call could change: entries, aggregates, portraits, the log, settings. */
async function snapshot(db: TestDb): Promise<string> {
  const [row] = await db.query<{ s: unknown }>(
    `select jsonb_build_object(
       'entries', (select coalesce(jsonb_agg(to_jsonb(e) order by e.id), '[]') from public.diary_entries e),
       'aggregates', (select coalesce(jsonb_agg(to_jsonb(a) order by a.user_id, a.period, a.period_start), '[]')
                        from public.mood_aggregates a),
       'portraits', (select coalesce(jsonb_agg(to_jsonb(p) - 'embedding' order by p.user_id), '[]')
                       from public.user_portraits p),
       'events', (select count(*) from public.domain_events),
       'users', (select jsonb_agg(jsonb_build_array(u.tg_id, u.diary_reminder_minute,
                                                    u.diary_ai_analysis, u.diary_matching)
                                  order by u.tg_id) from public.users u)
     ) as s`,
  );
  return JSON.stringify(row!.s);
}

/** Adds an analysed entry on a given local day, as the bot's analysis would record it. */
async function entryOn(
  db: TestDb,
  userId: string,
  localDate: string,
  valence: number,
  label: string,
): Promise<void> {
  const [row] = await db.query<{ id: string }>(
    `insert into public.diary_entries (user_id, body, local_date) values ($1, 'запись', $2::date)
     returning id`,
    [userId, localDate],
  );
  await db.call("record_mood_analysis", {
    p_entry_id: row!.id,
    p_valence: valence,
    p_arousal: 0.5,
    p_labels: [{ label, score: 0.8 }],
    p_analyzer: "test",
    p_version: "1",
  });
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function periodStart(date: string, period: "day" | "week" | "month"): string {
  if (period === "day") return date;
  if (period === "month") return `${date.slice(0, 7)}-01`;
  const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0
  return addDays(date, -weekday);
}

Deno.test("diary API: entries are written, paged, read, edited and deleted by their author only", async (t) => {
  const { db, call, json } = await startApi();
  try {
    const anna = await onboardUser(db, 890_001);
    await onboardUser(db, 890_002);
    let id = "";

    await t.step("POST /diary/entries writes and analyses an entry", async () => {
      const res = await json(890_001, "POST", "/diary/entries", {
        text: LONELY,
        pick: "feel_lonely",
      });
      assert.equal(res.status, 201);
      id = res.body.id;
      assert.equal(res.body.body, LONELY);
      assert.equal(res.body.pick, "feel_lonely");
      assert.ok(res.body.valence < 0);
      assert.ok(res.body.labels.some((l: { label: string }) => l.label === "loneliness"));
      assert.equal(res.body.crisis, false);
    });

    await t.step("an entry that sounds like a crisis is flagged for the Mini App", async () => {
      const res = await json(890_001, "POST", "/diary/entries", { text: "не хочу больше жить" });
      assert.equal(res.status, 201);
      assert.equal(res.body.crisis, true);
      const gone = await json(890_001, "DELETE", `/diary/entries/${res.body.id}`);
      assert.equal(gone.status, 200);
    });

    await t.step("GET /diary/entries pages the author's entries, newest first", async () => {
      await json(890_001, "POST", "/diary/entries", { text: GRIEF });
      await json(890_001, "POST", "/diary/entries", { text: HAPPY });
      const all = await json(890_001, "GET", "/diary/entries");
      assert.equal(all.status, 200);
      assert.equal(all.body.total, 3);
      assert.equal(all.body.limit, 20);
      assert.equal(all.body.entries.length, 3);
      assert.equal(all.body.entries[2].id, id);
      const second = await json(890_001, "GET", "/diary/entries?offset=1&limit=1");
      assert.deepEqual(
        { total: second.body.total, offset: second.body.offset, limit: second.body.limit },
        { total: 3, offset: 1, limit: 1 },
      );
      assert.deepEqual(second.body.entries.map((e: { id: string }) => e.id), [
        all.body.entries[1].id,
      ]);
      assert.equal(all.headers.get("cache-control"), "private, no-store");
      assert.equal((await json(890_002, "GET", "/diary/entries")).body.total, 0);
    });

    await t.step(
      "GET /diary/entries/{id}: the author's own entry; anyone else's is 404",
      async () => {
        const own = await json(890_001, "GET", `/diary/entries/${id}`);
        assert.equal(own.status, 200);
        assert.equal(own.body.body, LONELY);
        const other = await json(890_002, "GET", `/diary/entries/${id}`);
        assert.equal(other.status, 404);
        assert.equal(other.body.error.code, "not_found");
        assert.equal(
          (await json(890_001, "GET", `/diary/entries/${crypto.randomUUID()}`)).status,
          404,
        );
      },
    );

    await t.step("PATCH /diary/entries/{id} edits the text and re-analyses it", async () => {
      const before = await json(890_001, "GET", "/mood/summary?period=day");
      const res = await json(890_001, "PATCH", `/diary/entries/${id}`, { text: HAPPY });
      assert.equal(res.status, 200);
      assert.equal(res.body.body, HAPPY);
      assert.equal(res.body.pick, "feel_lonely", "the pick stays");
      assert.ok(res.body.updated_at);
      // The figures are those of the new text (with the pick weighted in, as before).
      const fresh = await createLexiconAnalyzer().analyze({ text: HAPPY, pick: "feel_lonely" });
      assert.ok(Math.abs(res.body.valence - fresh.valence) < 1e-6);
      assert.deepEqual(
        res.body.labels.map((l: { label: string }) => l.label),
        fresh.labels.map((l) => l.label),
      );
      assert.ok(res.body.labels.some((l: { label: string }) => l.label === "joy"));
      const after = await json(890_001, "GET", "/mood/summary?period=day");
      // The day counts the entry once, with its new mood.
      assert.equal(after.body.current.entries, before.body.current.entries);
      assert.ok(after.body.current.valence > before.body.current.valence);
      const events = await db.query<{ event: string; data: unknown }>(
        `select event, data from public.domain_events
          where data ->> 'entry_id' = $1 order by id`,
        [id],
      );
      assert.deepEqual(events.map((e) => e.event), [
        "diary.entry_created",
        "mood.analyzed",
        "diary.entry_updated",
        "mood.analyzed",
      ]);
      assert.ok(!JSON.stringify(events).includes("чудесный"), "no text in the log");
      const [stored] = await db.query<{ body: string }>(
        "select body from public.diary_entries where id = $1",
        [id],
      );
      assert.equal(stored!.body, HAPPY);
    });

    await t.step("someone else's entry cannot be edited or deleted (404, no change)", async () => {
      const before = await snapshot(db);
      for (
        const [method, body] of [["PATCH", { text: "чужое" }], ["DELETE", undefined]] as const
      ) {
        const res = await json(890_002, method, `/diary/entries/${id}`, body);
        assert.equal(res.status, 404, method);
        assert.equal(res.body.error.code, "not_found");
      }
      assert.equal(await snapshot(db), before);
    });

    await t.step("GET /diary/export and DELETE /diary/entries/{id}", async () => {
      const exported = await call(890_001, "GET", "/diary/export");
      assert.match(exported.headers.get("content-disposition") ?? "", /diary\.json/);
      const texts = (await exported.json()).entries.map((e: { text: string }) => e.text);
      assert.deepEqual(texts, [HAPPY, GRIEF, HAPPY]);
      const res = await json(890_001, "DELETE", `/diary/entries/${id}`);
      assert.deepEqual(res, { status: 200, body: { status: "ok" }, headers: res.headers });
      assert.equal((await json(890_001, "GET", "/diary/entries")).body.total, 2);
      assert.equal((await json(890_001, "GET", `/diary/entries/${id}`)).status, 404);
      const [left] = await db.query<{ n: number }>(
        "select count(*)::int as n from public.diary_entries where user_id = $1",
        [anna.userId],
      );
      assert.equal(left!.n, 2);
    });
  } finally {
    await db.close();
  }
});

Deno.test("diary API: GET /mood/summary answers per day, ISO week and month; the chart is a PNG", async (t) => {
  const { db, call, json } = await startApi();
  try {
    const anna = await onboardUser(db, 891_001);
    const written = await json(891_001, "POST", "/diary/entries", { text: HAPPY });
    const today: string = (await json(891_001, "GET", "/mood/summary")).body.today;
    // Yesterday and three days ago (a gap before it), a week ago, and 40 days ago (another
    // month, outside the 30 days).
    const entries = [
      { date: today, valence: Number(written.body.valence), label: "joy" },
      { date: addDays(today, -1), valence: -0.5, label: "sadness" },
      { date: addDays(today, -3), valence: 0.25, label: "sadness" },
      { date: addDays(today, -7), valence: -0.25, label: "anxiety" },
      { date: addDays(today, -40), valence: -0.75, label: "anger" },
    ];
    for (const e of entries.slice(1)) await entryOn(db, anna.userId, e.date, e.valence, e.label);

    for (const [period, length] of [["day", 30], ["week", 12], ["month", 12]] as const) {
      await t.step(
        `period=${period}: ${length} buckets, the trend, the streak, top labels`,
        async () => {
          const res = await json(891_001, "GET", `/mood/summary?period=${period}`);
          assert.equal(res.status, 200);
          const s = res.body;
          assert.equal(s.period, period);
          assert.equal(s.buckets.length, length);
          assert.equal(s.buckets.at(-1).start, periodStart(today, period));
          assert.deepEqual(s.current, s.buckets.at(-1));
          assert.deepEqual(s.previous, s.buckets.at(-2));
          assert.equal(s.streak_days, 2);
          assert.equal(s.entries_total, 5);
          // The expected means, worked out here from the entries.
          const first = s.buckets[0].start;
          const expected = new Map<string, number[]>();
          for (const e of entries) {
            const start = periodStart(e.date, period);
            if (start < first) continue;
            expected.set(start, [...(expected.get(start) ?? []), e.valence]);
          }
          for (const bucket of s.buckets) {
            const values = expected.get(bucket.start) ?? [];
            assert.equal(bucket.entries, values.length, bucket.start);
            if (values.length === 0) assert.equal(bucket.valence, null);
            else {
              const mean = values.reduce((a, b) => a + b, 0) / values.length;
              assert.ok(
                Math.abs(bucket.valence - mean) < 0.001,
                `${bucket.start}: ${bucket.valence}`,
              );
            }
          }
          if (s.current.valence === null || s.previous.valence === null) {
            assert.equal(s.change, null);
          } else {
            assert.ok(Math.abs(s.change - (s.current.valence - s.previous.valence)) < 0.002);
          }
          const labels = s.top_labels.map((l: { label: string }) => l.label);
          // The entry of 40 days ago is outside the 30 days, inside 12 weeks and 12 months.
          assert.equal(labels.includes("anger"), period !== "day");
          assert.equal(labels[0], "sadness");
        },
      );
    }

    await t.step("the period defaults to week; someone without a profile gets 404", async () => {
      assert.equal((await json(891_001, "GET", "/mood/summary")).body.period, "week");
      const res = await json(891_999, "GET", "/mood/summary?period=day");
      assert.equal(res.status, 404);
      assert.equal(res.body.error.code, "not_registered");
    });

    await t.step("GET /mood/chart.png renders the chart in either theme", async () => {
      for (const theme of ["light", "dark"]) {
        const chart = await call(891_001, "GET", `/mood/chart.png?theme=${theme}`);
        assert.equal(chart.status, 200);
        assert.equal(chart.headers.get("content-type"), "image/png");
        const png = new Uint8Array(await chart.arrayBuffer());
        assert.deepEqual([...png.slice(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      }
      await onboardUser(db, 891_002);
      const empty = await json(891_002, "GET", "/mood/chart.png");
      assert.equal(empty.status, 404);
      assert.equal(empty.body.error.code, "no_entries");
    });
  } finally {
    await db.close();
  }
});

Deno.test("diary API: GET /portrait gives the person's own figures, never the embedding", async () => {
  const { db, json } = await startApi();
  try {
    const anna = await onboardUser(db, 892_001);
    await onboardUser(db, 892_002);
    await json(892_001, "POST", "/diary/entries", { text: LONELY });
    await json(892_001, "POST", "/diary/entries", { text: GRIEF });
    await db.query(
      `update public.user_portraits
          set embedding = ('[' || repeat('0.1,', 383) || '0.1]')::extensions.vector
        where user_id = $1`,
      [anna.userId],
    );
    const res = await json(892_001, "GET", "/portrait");
    assert.equal(res.status, 200);
    assert.deepEqual(Object.keys(res.body).sort(), [
      "arousal_mean",
      "entry_count",
      "labels",
      "status",
      "themes",
      "updated_at",
      "valence_mean",
    ]);
    const [stored] = await db.query<{ p: Json }>(
      `select jsonb_build_object('n', entry_count, 'v', valence_mean, 'a', arousal_mean,
                                 'labels', labels, 'themes', themes) as p
         from public.user_portraits where user_id = $1`,
      [anna.userId],
    );
    const p = stored!.p;
    assert.equal(res.body.entry_count, 2);
    assert.equal(res.body.entry_count, p.n);
    assert.equal(res.body.valence_mean, p.v);
    assert.equal(res.body.arousal_mean, p.a);
    assert.ok(res.body.valence_mean < 0);
    assert.deepEqual(
      Object.fromEntries(res.body.labels.map((l: Json) => [l.label, l.weight])),
      p.labels,
    );
    assert.deepEqual(
      Object.fromEntries(res.body.themes.map((t: Json) => [t.slug, t.weight])),
      p.themes,
    );
    const slugs = res.body.themes.map((t: Json) => t.slug);
    assert.ok(slugs.includes("loneliness") && slugs.includes("bereavement"), slugs.join());
    const titles = await db.query<{ slug: string; title: string }>(
      "select slug, title from public.topics where slug = any($1::text[])",
      [`{${slugs.join(",")}}`],
    );
    for (const { slug, title } of titles) {
      assert.equal(res.body.themes.find((t: Json) => t.slug === slug).title, title);
    }
    const weights = res.body.themes.map((t: Json) => t.weight);
    assert.deepEqual(weights, [...weights].sort((a: number, b: number) => b - a));
    assert.ok(!JSON.stringify(res.body).includes("0.1,0.1"));

    const empty = await json(892_002, "GET", "/portrait");
    assert.equal(empty.status, 200);
    assert.deepEqual(
      { ...empty.body },
      {
        status: "ok",
        entry_count: 0,
        valence_mean: null,
        arousal_mean: null,
        labels: [],
        themes: [],
        updated_at: null,
      },
    );
    assert.equal((await json(892_999, "GET", "/portrait")).status, 404);
  } finally {
    await db.close();
  }
});

Deno.test("diary API: GET and PATCH /diary/settings go through the bot's functions", async (t) => {
  const { db, json } = await startApi();
  try {
    const anna = await onboardUser(db, 893_001);
    const columns = async () =>
      (await db.query<{ r: number | null; ai: boolean; m: boolean }>(
        `select diary_reminder_minute as r, diary_ai_analysis as ai, diary_matching as m
           from public.users where id = $1`,
        [anna.userId],
      ))[0];

    await t.step("everything is off by default", async () => {
      const res = await json(893_001, "GET", "/diary/settings");
      assert.equal(res.status, 200);
      assert.deepEqual(res.body, {
        reminderMinute: null,
        aiAnalysis: false,
        useForMatching: false,
      });
    });

    await t.step("all three at once", async () => {
      const res = await json(893_001, "PATCH", "/diary/settings", {
        reminderMinute: 20 * 60,
        aiAnalysis: true,
        useForMatching: true,
      });
      assert.equal(res.status, 200);
      assert.deepEqual(res.body, { reminderMinute: 1200, aiAnalysis: true, useForMatching: true });
      assert.deepEqual({ ...await columns() }, { r: 1200, ai: true, m: true });
      const events = await db.query<{ event: string }>(
        "select event from public.domain_events where user_id = $1 order by id",
        [anna.userId],
      );
      assert.deepEqual(events.map((e) => e.event), ["diary.ai_analysis_on", "diary.matching_on"]);
      assert.deepEqual((await json(893_001, "GET", "/diary/settings")).body, res.body);
    });

    await t.step("AI analysis on: new entries go to the model", async () => {
      const res = await json(893_001, "POST", "/diary/entries", { text: LONELY });
      const [row] = await db.query<{ analyzer: string }>(
        "select analyzer from public.diary_entries where id = $1",
        [res.body.id],
      );
      assert.equal(row!.analyzer, "test-ai");
    });

    await t.step("one at a time: the others stay; null switches the reminder off", async () => {
      let res = await json(893_001, "PATCH", "/diary/settings", { reminderMinute: null });
      assert.deepEqual(res.body, { reminderMinute: null, aiAnalysis: true, useForMatching: true });
      res = await json(893_001, "PATCH", "/diary/settings", { useForMatching: false });
      assert.deepEqual(res.body, { reminderMinute: null, aiAnalysis: true, useForMatching: false });
      res = await json(893_001, "PATCH", "/diary/settings", { aiAnalysis: false });
      assert.deepEqual(res.body, {
        reminderMinute: null,
        aiAnalysis: false,
        useForMatching: false,
      });
      assert.deepEqual({ ...await columns() }, { r: null, ai: false, m: false });
    });

    await t.step("someone without a profile gets 404", async () => {
      assert.equal((await json(893_999, "GET", "/diary/settings")).status, 404);
      const res = await json(893_999, "PATCH", "/diary/settings", { aiAnalysis: true });
      assert.equal(res.status, 404);
      assert.equal(res.body.error.code, "not_registered");
    });
  } finally {
    await db.close();
  }
});

Deno.test("diary API: malformed bodies, queries and ids get 400 and change nothing", async () => {
  const { db, json } = await startApi();
  try {
    await onboardUser(db, 894_001);
    const { body: entry } = await json(894_001, "POST", "/diary/entries", { text: LONELY });
    const before = await snapshot(db);
    const cases: Array<[string, string, unknown, string | null]> = [
      ["POST", "/diary/entries", { text: "" }, "text"],
      ["POST", "/diary/entries", { text: "   " }, "text"],
      ["POST", "/diary/entries", { text: "x".repeat(4097) }, "text"],
      ["POST", "/diary/entries", { text: "x", pick: "happy" }, "pick"],
      ["POST", "/diary/entries", { text: "x", mood: 1 }, "mood"],
      ["POST", "/diary/entries", {}, "text"],
      ["POST", "/diary/entries", "not json", null],
      ["PATCH", `/diary/entries/${entry.id}`, { text: "" }, "text"],
      ["PATCH", `/diary/entries/${entry.id}`, { text: "x", pick: "scale_1" }, "pick"],
      ["PATCH", `/diary/entries/${entry.id}`, [], ""],
      ["PATCH", "/diary/entries/not-a-uuid", { text: "x" }, "id"],
      ["GET", "/diary/entries/not-a-uuid", undefined, "id"],
      ["DELETE", "/diary/entries/not-a-uuid", undefined, "id"],
      ["GET", "/diary/entries?offset=-1", undefined, "offset"],
      ["GET", "/diary/entries?offset=abc", undefined, "offset"],
      ["GET", "/diary/entries?limit=0", undefined, "limit"],
      ["GET", "/diary/entries?limit=51", undefined, "limit"],
      ["GET", "/diary/entries?page=2", undefined, "page"],
      ["GET", "/mood/summary?period=year", undefined, "period"],
      ["GET", "/mood/summary?period=", undefined, "period"],
      ["GET", "/mood/chart.png?theme=blue", undefined, "theme"],
      ["PATCH", "/diary/settings", {}, ""],
      ["PATCH", "/diary/settings", { reminderMinute: 100 }, "reminderMinute"],
      ["PATCH", "/diary/settings", { reminderMinute: 1321 }, "reminderMinute"],
      ["PATCH", "/diary/settings", { reminderMinute: 600.5 }, "reminderMinute"],
      ["PATCH", "/diary/settings", { reminderMinute: "600" }, "reminderMinute"],
      ["PATCH", "/diary/settings", { aiAnalysis: "yes" }, "aiAnalysis"],
      ["PATCH", "/diary/settings", { useForMatching: null }, "useForMatching"],
      ["PATCH", "/diary/settings", { aiAnalysis: true, colour: "red" }, "colour"],
      ["PATCH", "/diary/settings", "{", null],
    ];
    for (const [method, path, body, field] of cases) {
      const res = await json(894_001, method, path, body);
      const what = `${method} ${path} ${JSON.stringify(body)}`;
      assert.equal(res.status, 400, what);
      // The field at fault by name, a Russian reason to show, never zod's own words.
      assert.equal(res.body.error.code, field === null ? "invalid_json" : "invalid_input", what);
      assert.equal(res.body.error.field, field ?? undefined, what);
      assert.match(res.body.error.message, /^[А-Я][А-Яа-яЁё ,.:«»—]+$/u, what);
    }
    assert.equal(await snapshot(db), before);
  } finally {
    await db.close();
  }
});

Deno.test("diary API: every route needs initData; someone without a profile cannot write", async () => {
  const { db, json } = await startApi();
  try {
    const id = crypto.randomUUID();
    for (
      const [method, path] of [
        ["GET", "/diary/entries"],
        ["POST", "/diary/entries"],
        ["GET", `/diary/entries/${id}`],
        ["PATCH", `/diary/entries/${id}`],
        ["DELETE", `/diary/entries/${id}`],
        ["GET", "/diary/export"],
        ["GET", "/diary/settings"],
        ["PATCH", "/diary/settings"],
        ["GET", "/mood/summary"],
        ["GET", "/mood/chart.png"],
        ["GET", "/portrait"],
      ]
    ) {
      const res = await json(null, method!, path!, method === "GET" ? undefined : { text: "x" });
      assert.equal(res.status, 401, `${method} ${path}`);
    }
    const res = await json(894_999, "POST", "/diary/entries", { text: "кто я" });
    assert.equal(res.status, 404);
    assert.equal(res.body.error.code, "not_registered");
    await onboardUser(db, 894_998);
    for (const path of ["/diary", "/diary/x", "/mood", "/mood/chart"]) {
      const gone = await json(894_998, "GET", path);
      assert.deepEqual([gone.status, gone.body.error.code], [404, "not_found"], path);
    }
  } finally {
    await db.close();
  }
});

Deno.test("diary API: every diary, mood and portrait operation in the OpenAPI file is served", async () => {
  const { db, call, json } = await startApi();
  try {
    await onboardUser(db, 895_001);
    const spec = (await json(null, "GET", "/openapi.json")).body;
    const documented = Object.entries(spec.paths as Record<string, Record<string, unknown>>)
      .filter(([path]) => /^\/(diary|mood|portrait)/.test(path))
      .flatMap(([path, item]) =>
        Object.keys(item).filter((k) => k !== "parameters").map((method) => [method, path])
      );
    assert.equal(documented.length, 11);
    for (const [method, path] of documented) {
      const url = path!.replace("{id}", crypto.randomUUID());
      const verb = method!.toUpperCase();
      const res = await call(895_001, verb, url, verb === "GET" ? undefined : { text: "x" });
      const answer = await res.text();
      // Routed: whatever the answer, it is not the app's "no such route".
      assert.ok(!answer.includes('"Not found"'), `${verb} ${path}: ${res.status} ${answer}`);
    }
  } finally {
    await db.close();
  }
});
