import assert from "node:assert/strict";
import { buildMiniApp, unescapeNonAscii } from "../../shared/miniapp/build.ts";
import { createMiniAppHandler } from "../../shared/miniapp/serve.ts";

Deno.test("the Mini App's files are served under both gateway prefixes", async (t) => {
  const dist = new URL(`file://${await Deno.makeTempDir({ prefix: "miniapp-dist-" })}/dist/`);
  try {
    const manifest = await buildMiniApp(dist);
    const handle = createMiniAppHandler({ dist, botUsername: "ty_ne_odin_bot" });
    const get = async (path: string, method = "GET") => {
      const response = handle(new Request(`http://localhost${path}`, { method }));
      assert.ok(response, `${path} should be the app's`);
      return await response;
    };

    await t.step("index.html: no cache, a strict CSP, the bot's username", async () => {
      for (const base of ["/functions/v1/app/", "/app/"]) {
        const res = await get(base);
        assert.equal(res.status, 200);
        assert.equal(res.headers.get("cache-control"), "no-cache");
        assert.match(res.headers.get("content-security-policy")!, /script-src 'self'/);
        const html = await res.text();
        assert.match(html, /<meta name="bot-username" content="ty_ne_odin_bot"/);
        assert.match(html, /<title>Ты не один<\/title>/, "the title comes from app.ftl");
        assert.ok(html.includes(`./${manifest.js}`) && html.includes(`./${manifest.css}`));
      }
    });

    await t.step("hashed files are immutable, UTF-8 and smaller than the goal", async () => {
      const js = await get(`/functions/v1/app/${manifest.js}`);
      assert.equal(js.headers.get("cache-control"), "public, max-age=31536000, immutable");
      assert.equal(js.headers.get("content-type"), "text/javascript; charset=utf-8");
      const source = await js.text();
      assert.match(source, /Найти собеседника/, "Russian texts are bundled as characters");
      assert.ok(manifest.sizes[manifest.js]!.gzip < 150 * 1024);
      const css = await get(`/app/${manifest.css}`);
      assert.equal(css.headers.get("content-type"), "text/css; charset=utf-8");
      await css.body?.cancel();
    });

    await t.step("the bare prefix redirects relatively; unknown files are 404", async () => {
      const bare = await get("/functions/v1/app");
      assert.equal(bare.status, 308);
      assert.equal(bare.headers.get("location"), "app/");
      assert.equal((await get("/functions/v1/app/manifest.json")).status, 404);
      assert.equal((await get("/app/nope.js")).status, 404);
      assert.equal((await get("/app/", "POST")).status, 405);
      assert.equal(handle(new Request("http://localhost/functions/v1/api/health")), null);
    });

    await t.step("a missing build answers 503 with how to build it", async () => {
      const missing = createMiniAppHandler({ dist: new URL("./nothing-here/", dist) });
      const res = await missing(new Request("http://localhost/app/"))!;
      assert.equal(res.status, 503);
      assert.match(await res.text(), /deno task build:app/);
    });
  } finally {
    await Deno.remove(new URL("..", dist), { recursive: true });
  }
});

Deno.test("unescapeNonAscii() turns only non-ASCII escapes back into characters", () => {
  assert.equal(unescapeNonAscii(String.raw`"\u043F\u0440\u0438"`), `"при"`);
  assert.equal(unescapeNonAscii(String.raw`"\u0022\u005C"`), String.raw`"\u0022\u005C"`);
  assert.equal(unescapeNonAscii(String.raw`"\\u043F"`), String.raw`"\\u043F"`, "an escaped slash");
  assert.equal(
    unescapeNonAscii(String.raw`"\uD83D\uDE00\u2028"`),
    String.raw`"\uD83D\uDE00\u2028"`,
  );
});
