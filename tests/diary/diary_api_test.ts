import assert from "node:assert/strict";
import { createApiApp } from "../../shared/api/create_api_app.ts";
import { createMatchApi } from "../../shared/matching/api.ts";
import { signInitData } from "../../shared/matching/init_data.ts";
import { createMemoryRateLimiter } from "../../shared/platform/rate_limiter.ts";
import { createLexiconAnalyzer } from "../../shared/diary/lexicon_analyzer.ts";
import { loadI18n } from "../../shared/bot/texts.ts";
import { translatorFor } from "../../shared/notifications/translate.ts";
import { createPrometheusMetrics } from "../../shared/metrics/prometheus.ts";
import { ManualClock } from "../../shared/platform/clock.ts";
import { onboardUser } from "../chat/fixtures.ts";
import { createTestDb } from "../support/test_db.ts";

const BOT_TOKEN = "123456:TEST-token-for-the-diary-api";

Deno.test("the diary API: write, list, read, export, delete, the mood and its chart", async (t) => {
  const db = await createTestDb();
  const clock = new ManualClock(new Date());
  const app = createApiApp({ db, metrics: createPrometheusMetrics() }, [{
    path: "/",
    app: createMatchApi({
      db,
      botToken: BOT_TOKEN,
      clock,
      rateLimiter: createMemoryRateLimiter({ limit: 100, windowSeconds: 60, clock }),
      diary: {
        analyzer: createLexiconAnalyzer(),
        texts: async () => translatorFor(await loadI18n()),
      },
    }),
  }]);
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
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  };
  try {
    await onboardUser(db, 890_001);
    await onboardUser(db, 890_002);
    let id = "";
    await t.step("POST /diary writes and analyses an entry", async () => {
      const res = await call(890_001, "POST", "/diary", {
        text: "Очень одиноко сегодня, никому не нужна",
        pick: "feel_lonely",
      });
      assert.equal(res.status, 201);
      const entry = await res.json();
      id = entry.id;
      assert.ok(entry.valence < 0);
      assert.ok(entry.labels.some((l: { label: string }) => l.label === "loneliness"));
    });
    await t.step("GET /diary and /diary/:id read the author's own entries only", async () => {
      const page = await (await call(890_001, "GET", "/diary")).json();
      assert.equal(page.total, 1);
      assert.equal((await call(890_001, "GET", `/diary/${id}`)).status, 200);
      const other = await call(890_002, "GET", `/diary/${id}`);
      assert.equal(other.status, 404);
      await other.body?.cancel();
      assert.equal((await (await call(890_002, "GET", "/diary")).json()).total, 0);
    });
    await t.step("bad requests change nothing", async () => {
      for (
        const [tgId, method, path, body, status] of [
          [null, "GET", "/diary", undefined, 401],
          [890_001, "POST", "/diary", { text: "" }, 422],
          [890_001, "POST", "/diary", { text: "x", pick: "happy" }, 422],
          [890_001, "POST", "/diary", { text: "x".repeat(4097) }, 422],
          [890_001, "GET", "/diary?offset=-1", undefined, 422],
          [890_001, "GET", "/diary/not-a-uuid", undefined, 404],
          [890_002, "DELETE", `/diary/${id}`, undefined, 404],
          [890_009, "POST", "/diary", { text: "кто я" }, 404],
        ] as const
      ) {
        const res = await call(tgId, method, path, body);
        assert.equal(res.status, status, `${method} ${path}`);
        await res.body?.cancel();
      }
      assert.equal((await (await call(890_001, "GET", "/diary")).json()).total, 1);
    });
    await t.step("GET /mood and /mood/chart", async () => {
      const mood = await (await call(890_001, "GET", "/mood")).json();
      assert.equal(mood.days.length, 30);
      assert.equal(mood.top_labels[0].label, "loneliness");
      const chart = await call(890_001, "GET", "/mood/chart?theme=dark");
      assert.equal(chart.status, 200);
      assert.equal(chart.headers.get("content-type"), "image/png");
      const png = new Uint8Array(await chart.arrayBuffer());
      assert.deepEqual([...png.slice(1, 4)], [0x50, 0x4e, 0x47]);
    });
    await t.step("GET /diary/export and DELETE /diary/:id", async () => {
      const exported = await (await call(890_001, "GET", "/diary/export")).json();
      assert.equal(exported.entries[0].text, "Очень одиноко сегодня, никому не нужна");
      const res = await call(890_001, "DELETE", `/diary/${id}`);
      assert.equal(res.status, 200);
      await res.body?.cancel();
      assert.equal((await (await call(890_001, "GET", "/diary")).json()).total, 0);
    });
  } finally {
    await db.close();
  }
});
