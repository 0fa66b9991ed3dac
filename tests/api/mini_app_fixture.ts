import { createApiApp } from "../../shared/api/create_api_app.ts";
import { buildMiniAppApi, type MiniAppApiDeps } from "../../shared/api/build_mini_app_api.ts";
import { signInitData } from "../../shared/matching/init_data.ts";
import { createPrometheusMetrics } from "../../shared/metrics/prometheus.ts";
import { ManualClock } from "../../shared/platform/clock.ts";
import { createMemoryRateLimiter } from "../../shared/platform/rate_limiter.ts";
import { createTestDb, type TestDb } from "../support/test_db.ts";

export const BOT_TOKEN = "123456:TEST-token-for-the-mini-app-api";

// deno-lint-ignore no-explicit-any
export type Json = any;

/** The Mini App API as the `api` function serves it, on a fresh test database. */
export async function startMiniAppApi(extra: Partial<MiniAppApiDeps> = {}) {
  const db: TestDb = await createTestDb();
  const clock = extra.clock ?? new ManualClock(new Date());
  const metrics = createPrometheusMetrics();
  const mini = buildMiniAppApi({
    db,
    botToken: BOT_TOKEN,
    clock,
    metrics,
    rateLimiter: createMemoryRateLimiter({ limit: 1000, windowSeconds: 60, clock }),
    ...extra,
  });
  const app = createApiApp({ db, metrics }, [{ path: "/", app: mini }]);
  /** A request as `tgId` (null: without initData); a string body is sent as it is. */
  const request = async (tgId: number | null, method: string, path: string, body?: unknown) => {
    const initData = tgId === null ? null : await signInitData({
      auth_date: String(Math.floor(clock.now().getTime() / 1000)),
      user: JSON.stringify({ id: tgId, first_name: "Анна" }),
    }, BOT_TOKEN);
    const res = await app.request(`/functions/v1/api${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...(initData ? { authorization: `tma ${initData}` } : {}),
      },
      ...(body === undefined
        ? {}
        : { body: typeof body === "string" ? body : JSON.stringify(body) }),
    });
    const text = await res.text();
    let parsed: Json = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON (the reference page): the text itself.
    }
    return { status: res.status, body: parsed, headers: res.headers };
  };
  return { db, app, mini, clock, metrics, request, close: () => db.close() };
}

/** A fingerprint of every row the person owns, to show a refused request changed nothing. */
export async function personState(db: TestDb, tgId: number): Promise<string> {
  const rows = await db.query(
    `select to_jsonb(u) - 'last_seen_at' as u,
            (select jsonb_agg(to_jsonb(p) - 'updated_at') from public.preferences p
              where p.user_id = u.id) as p,
            (select jsonb_agg(jsonb_build_array(ut.topic_id, ut.weight) order by ut.topic_id)
               from public.user_topics ut where ut.user_id = u.id) as t,
            (select count(*) from public.domain_events d where d.user_id = u.id) as events
       from public.users u where u.tg_id = $1`,
    [tgId],
  );
  return JSON.stringify(rows);
}
