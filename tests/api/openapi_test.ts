import assert from "node:assert/strict";
import type { Api } from "grammy";
import type { HintService } from "../../shared/coach/hint_service.ts";
import { createLexiconAnalyzer } from "../../shared/diary/lexicon_analyzer.ts";
import { loadI18n } from "../../shared/bot/texts.ts";
import { translatorFor } from "../../shared/notifications/translate.ts";
import { startMiniAppApi } from "./mini_app_fixture.ts";

const texts = async () => translatorFor(await loadI18n());

/** The API with every optional feature on, as production builds it with a coach and tips. */
function fullApi() {
  return startMiniAppApi({
    coach: { hintsFor: () => Promise.resolve({ status: "no_chat" }) } as unknown as HintService,
    diary: { analyzer: createLexiconAnalyzer(), texts },
    tips: { api: {} as Api, texts },
  });
}

Deno.test("the served OpenAPI document lists exactly the mounted routes", async () => {
  const { mini, request, close } = await fullApi();
  try {
    const res = await request(null, "GET", "/openapi.json");
    assert.equal(res.status, 200);
    const doc = res.body;
    assert.equal(doc.openapi, "3.1.0");
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    // Hono's own list of handlers, middleware (ALL) and the document's own pages left out.
    const mounted = [
      ...new Set(
        mini.routes
          .filter((r) => r.method !== "ALL")
          .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, "{$1}")}`)
          .filter((r) => !/ \/(openapi\.json|docs)/.test(r)),
      ),
    ].sort();
    assert.deepEqual(documented, mounted);
    for (
      const route of [
        "GET /profile",
        "PATCH /profile",
        "GET /topics",
        "GET /events/mine",
        "DELETE /account",
        "GET /account/export",
        "POST /match/find",
        "POST /diary/entries",
        "POST /tips/create",
        "POST /ai/hint",
      ]
    ) {
      assert.ok(documented.includes(route), route);
    }
    // Every operation says how it fails, in the one error shape.
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, Json>>)) {
      for (const [method, op] of Object.entries(ops)) {
        assert.ok(op.responses["401"], `${method} ${path} documents 401`);
        assert.ok(op.responses["429"], `${method} ${path} documents 429`);
      }
    }
    assert.deepEqual(Object.keys(doc.components.schemas.Error.properties).sort(), [
      "ends_at",
      "error",
      "kind",
    ]);
    assert.deepEqual(doc.security, [{ initData: [] }]);
  } finally {
    await close();
  }
});

// deno-lint-ignore no-explicit-any
type Json = any;

Deno.test("the reference page loads Swagger UI from our own server, never a CDN", async () => {
  const { request, close } = await fullApi();
  try {
    const bare = await request(null, "GET", "/docs");
    assert.equal(bare.status, 301);
    assert.equal(bare.headers.get("location"), "/functions/v1/api/docs/");
    const page = await request(null, "GET", "/docs/");
    assert.equal(page.status, 200);
    const html = String(page.body);
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    assert.deepEqual(assets.sort(), ["init.js", "swagger-ui-bundle.js", "swagger-ui.css"]);
    assert.doesNotMatch(html, /https?:\/\//);
    const types: Record<string, RegExp> = {
      "init.js": /^text\/javascript/,
      "swagger-ui-bundle.js": /^text\/javascript/,
      "swagger-ui.css": /^text\/css/,
    };
    for (const asset of assets) {
      const res = await request(null, "GET", `/docs/${asset}`);
      assert.equal(res.status, 200, asset);
      assert.match(res.headers.get("content-type") ?? "", types[asset]!, asset);
      const body = String(res.body);
      assert.doesNotMatch(body, /sourceMappingURL/, asset);
      // No stylesheet, font or script comes from elsewhere.
      assert.doesNotMatch(body, /@import|url\(\s*["']?https?:/, asset);
    }
    const bundle = String((await request(null, "GET", "/docs/swagger-ui-bundle.js")).body);
    assert.ok(bundle.length > 500_000 && bundle.includes("SwaggerUIBundle"));
    const init = String((await request(null, "GET", "/docs/init.js")).body);
    assert.match(init, /url: "\.\.\/openapi\.json"/);
    assert.match(init, /validatorUrl: null/);
  } finally {
    await close();
  }
});
