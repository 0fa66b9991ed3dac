import assert from "node:assert/strict";
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { API_BASE_PATHS, createApiApp } from "../../shared/api/create_api_app.ts";
import { fail } from "../../shared/api/errors.ts";
import type { Db } from "../../shared/db/db.ts";
import { createPrometheusMetrics } from "../../shared/metrics/prometheus.ts";
import type { Logger } from "../../shared/platform/logger.ts";
import { createTestDb } from "../support/test_db.ts";

const brokenDb: Db = {
  call: () => Promise.reject(new Error("connection refused")),
  ping: () => Promise.reject(new Error("connection refused")),
  close: () => Promise.resolve(),
};

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const log = (event: string, fields?: object) =>
    void lines.push(JSON.stringify({ event, ...fields }));
  return { lines, info: log, warn: log, error: log };
}

Deno.test("GET /health reports whether the database answers", async (t) => {
  const db = await createTestDb();
  try {
    for (const base of API_BASE_PATHS) {
      await t.step(`200 ok under ${base} with a working database`, async () => {
        const app = createApiApp({ db, metrics: createPrometheusMetrics() });
        const response = await app.request(`${base}/health`);
        assert.equal(response.status, 200);
        assert.deepEqual(await response.json(), { status: "ok", database: "ok" });
        assert.equal(response.headers.get("cache-control"), "no-store");
      });
    }

    await t.step("503 when the database is unreachable, without the error text", async () => {
      const logger = recordingLogger();
      const app = createApiApp({ db: brokenDb, metrics: createPrometheusMetrics(), logger });
      const response = await app.request("/api/health");
      assert.equal(response.status, 503);
      assert.deepEqual(await response.json(), { status: "error", database: "unreachable" });
      assert.ok(logger.lines.every((line) => !line.includes("connection refused")));
    });
  } finally {
    await db.close();
  }
});

Deno.test("GET /metrics renders Prometheus text", async (t) => {
  const metrics = createPrometheusMetrics();
  metrics.updateHandled("ok", 0.01);

  await t.step("with the Prometheus content type", async () => {
    const app = createApiApp({ db: brokenDb, metrics });
    for (const base of API_BASE_PATHS) {
      const response = await app.request(`${base}/metrics`);
      assert.equal(response.status, 200);
      assert.match(response.headers.get("content-type")!, /^text\/plain; version=0\.0\.4/);
      assert.match(await response.text(), /telegram_updates_total\{outcome="ok"\} 1/);
    }
  });

  await t.step("a configured token is required when set", async () => {
    const app = createApiApp({ db: brokenDb, metrics, metricsToken: "scrape-token-123" });
    const refused = await app.request("/api/metrics");
    assert.equal(refused.status, 401);
    assert.equal((await refused.json()).error.code, "unauthorized");
    const wrong = await app.request("/api/metrics", {
      headers: { authorization: "Bearer nope" },
    });
    assert.equal(wrong.status, 401);
    const allowed = await app.request("/api/metrics", {
      headers: { authorization: "Bearer scrape-token-123" },
    });
    assert.equal(allowed.status, 200);
    await allowed.text();
  });
});

Deno.test("errors and unknown routes answer JSON", async (t) => {
  const logger = recordingLogger();
  const extra = new Hono()
    .get("/ok", (c) => c.json({ fine: true }))
    .get("/expected", () => fail(409, "already_in_chat"))
    .get("/restricted", () =>
      fail(403, "restricted", {
        params: { until: "2026-12-07 10:00" },
        extra: { kind: "mute", ends_at: "2026-12-07T10:00:00Z" },
      }))
    .get("/plain", () => {
      throw new HTTPException(400, { message: "Malformed JSON in request body" });
    })
    .get("/crash", () => {
      throw new Error("secret internals at /var/lib");
    });
  const app = createApiApp(
    { db: brokenDb, metrics: createPrometheusMetrics(), logger },
    [{ path: "/match", app: extra }],
  );

  await t.step("extra routes are mounted under both base paths", async () => {
    for (const base of API_BASE_PATHS) {
      const response = await app.request(`${base}/match/ok`);
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), { fine: true });
    }
  });

  await t.step("an ApiError becomes its status, code and Russian message", async () => {
    const response = await app.request("/api/match/expected");
    assert.equal(response.status, 409);
    assert.deepEqual(await response.json(), {
      error: {
        code: "already_in_chat",
        message: "Вы уже в чате с собеседником. Вернитесь в бота, чтобы продолжить разговор " +
          "или завершить его.",
      },
    });
  });

  await t.step("its extra fields sit next to error, its variables fill the text", async () => {
    const response = await app.request("/api/match/restricted");
    assert.equal(response.status, 403);
    const body = await response.json();
    assert.deepEqual([body.kind, body.ends_at], ["mute", "2026-12-07T10:00:00Z"]);
    assert.match(body.error.message, /действует до 2026-12-07 10:00/);
  });

  await t.step("Hono's own HTTPException gets a code by its kind", async () => {
    const response = await app.request("/api/match/plain");
    assert.equal(response.status, 400);
    const body = await response.json();
    assert.equal(body.error.code, "invalid_json");
    assert.match(body.error.message, /повреждённым/);
  });

  await t.step("any other error is a 500 without internals", async () => {
    const response = await app.request("/functions/v1/api/match/crash");
    assert.equal(response.status, 500);
    const text = await response.text();
    assert.deepEqual(JSON.parse(text), {
      error: {
        code: "internal",
        message: "Что-то пошло не так на нашей стороне. Мы уже разбираемся — попробуйте, " +
          "пожалуйста, чуть позже.",
      },
    });
    assert.ok(!text.includes("/var/lib"));
    assert.ok(logger.lines.some((line) => line.includes("api_error")));
    assert.ok(logger.lines.every((line) => !line.includes("/var/lib")));
  });

  await t.step("an unknown path is a JSON 404", async () => {
    for (const path of ["/api/nope", "/health", "/functions/v1/other/health"]) {
      const response = await app.request(path);
      assert.equal(response.status, 404, path);
      const body = await response.json();
      assert.equal(body.error.code, "not_found");
      assert.match(body.error.message, /Такого здесь нет/);
    }
  });

  await t.step("a wrong method on a known path is a JSON 404", async () => {
    const response = await app.request("/api/health", { method: "DELETE" });
    assert.equal(response.status, 404);
    await response.json();
  });

  await t.step("an extra route path must start with a slash", () => {
    assert.throws(
      () =>
        createApiApp({ db: brokenDb, metrics: createPrometheusMetrics() }, [{
          path: "x",
          app: extra,
        }]),
      TypeError,
    );
  });
});
