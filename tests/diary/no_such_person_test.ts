import assert from "node:assert/strict";
import { Api } from "grammy";
import { createApiApp } from "../../shared/api/create_api_app.ts";
import { buildMiniAppApi } from "../../shared/api/build_mini_app_api.ts";
import { signInitData } from "../../shared/matching/init_data.ts";
import { createMemoryRateLimiter } from "../../shared/platform/rate_limiter.ts";
import { createLexiconAnalyzer } from "../../shared/diary/lexicon_analyzer.ts";
import { loadI18n } from "../../shared/bot/texts.ts";
import { translatorFor } from "../../shared/notifications/translate.ts";
import { createPrometheusMetrics } from "../../shared/metrics/prometheus.ts";
import { ManualClock } from "../../shared/platform/clock.ts";
import type { HintService } from "../../shared/coach/hint_service.ts";
import { onboardUser } from "../chat/fixtures.ts";
import { createTestDb } from "../support/test_db.ts";

/**
 * One rule for "no such person" across the Mini App API: after /delete (or for someone who
 * never started the bot), every route about one's own data answers 404 not_registered — the
 * diary's lists and export as well as the portrait and the mood, where the lists used to
 * answer 200 with nothing in them. Only /safety/* stays open: the crisis lines are for anyone.
 */

const BOT_TOKEN = "123456:TEST-token-for-no-such-person";

// deno-lint-ignore no-explicit-any
type Json = any;

async function startApi() {
  const db = await createTestDb();
  const clock = new ManualClock(new Date());
  const texts = async () => translatorFor(await loadI18n());
  const app = createApiApp({ db, metrics: createPrometheusMetrics() }, [{
    path: "/",
    app: buildMiniAppApi({
      db,
      botToken: BOT_TOKEN,
      clock,
      rateLimiter: createMemoryRateLimiter({ limit: 1000, windowSeconds: 60, clock }),
      diary: { analyzer: createLexiconAnalyzer(), texts },
      // Never reached for someone unknown: the rule answers first.
      coach: {
        hintsFor: () => Promise.reject(new Error("the coach was asked")),
      } as unknown as HintService,
      tips: { api: new Api(BOT_TOKEN, { apiRoot: "http://127.0.0.1:9" }), texts },
    }),
  }]);
  const json = async (tgId: number, method: string, path: string, body?: unknown) => {
    const initData = await signInitData({
      auth_date: String(Math.floor(clock.now().getTime() / 1000)),
      user: JSON.stringify({ id: tgId, first_name: "Анна" }),
    }, BOT_TOKEN);
    const res = await app.request(`/api${path}`, {
      method,
      headers: { "content-type": "application/json", authorization: `tma ${initData}` },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    let parsed: Json = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // A PNG or other non-JSON answer.
    }
    return { status: res.status, body: parsed };
  };
  return { db, json };
}

/** A plausible body for each documented operation that takes one. */
function bodyFor(method: string, path: string): unknown {
  if (method === "GET" || method === "DELETE") return undefined;
  if (path === "/diary/entries" || path.startsWith("/diary/entries/")) {
    return { text: "Сегодня спокойный день." };
  }
  if (path === "/diary/settings") return { aiAnalysis: true };
  if (path === "/match/confirm") return { match_id: crypto.randomUUID(), accept: true };
  if (path === "/tips/create") return { match_id: crypto.randomUUID(), amount: 10 };
  if (path === "/ai/hint") return {};
  if (path === "/events") {
    return {
      title: "Вечер разговоров",
      description: "",
      startsAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
    };
  }
  return {};
}

Deno.test("after /delete, the diary's lists and export answer 404 not_registered like /portrait and /mood", async () => {
  const { db, json } = await startApi();
  try {
    await onboardUser(db, 896_001);
    const written = await json(896_001, "POST", "/diary/entries", { text: "Грустно сегодня." });
    assert.equal(written.status, 201);
    assert.equal((await json(896_001, "GET", "/diary/entries")).body.total, 1);
    assert.equal((await json(896_001, "GET", "/diary/export")).body.entries.length, 1);

    await db.call("delete_user", { p_tg_id: 896_001 });

    for (
      const path of [
        "/diary/entries",
        "/diary/export",
        "/diary/settings",
        `/diary/entries/${written.body.id}`,
        "/portrait",
        "/mood/summary",
        "/mood/summary?period=month",
        "/mood/chart.png",
      ]
    ) {
      const res = await json(896_001, "GET", path);
      assert.deepEqual([res.status, res.body?.error?.code], [404, "not_registered"], path);
    }
  } finally {
    await db.close();
  }
});

Deno.test("every documented route but /safety/* answers 404 not_registered to someone the bot does not know, and changes nothing", async () => {
  const { db, json } = await startApi();
  try {
    const spec = (await json(897_000, "GET", "/openapi.json")).body;
    const operations = Object.entries(spec.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, item]) =>
        Object.keys(item).filter((k) => k !== "parameters").map((m) => [m.toUpperCase(), path])
      ) as Array<[string, string]>;
    assert.ok(operations.length >= 30, `${operations.length} operations`);
    const count = async () =>
      (await db.query<{ n: number }>(
        `select (select count(*) from public.users) + (select count(*) from public.domain_events)
                + (select count(*) from public.diary_entries) as n`,
      ))[0]!.n;
    const before = await count();
    for (const [method, template] of operations) {
      const path = template.replaceAll(/\{[^}]+\}/g, crypto.randomUUID());
      const res = await json(897_001, method, path, bodyFor(method, template));
      if (template.startsWith("/safety/")) {
        assert.equal(res.status, 200, `${method} ${template} is for anyone`);
        continue;
      }
      assert.deepEqual(
        [res.status, res.body?.error?.code],
        [404, "not_registered"],
        `${method} ${template}: ${JSON.stringify(res.body)}`,
      );
    }
    assert.equal(await count(), before);
  } finally {
    await db.close();
  }
});

Deno.test("someone known but with a half-filled profile is not 'no such person': the diary says profile_incomplete (409) as the other routes do", async () => {
  const { db, json } = await startApi();
  try {
    await db.query(
      `insert into public.users (tg_id, pseudonym, timezone, utc_offset_minutes, onboarding_step)
       values (898001, 'Полпути', 'Europe/Moscow', 180, 'bio')`,
    );
    const write = await json(898_001, "POST", "/diary/entries", { text: "Первая запись." });
    assert.deepEqual([write.status, write.body.error.code], [409, "profile_incomplete"]);
    const find = await json(898_001, "POST", "/match/find", {});
    assert.deepEqual([find.status, find.body.error.code], [409, "profile_incomplete"]);
    const list = await json(898_001, "GET", "/diary/entries");
    assert.deepEqual([list.status, list.body.total], [200, 0]);
  } finally {
    await db.close();
  }
});
