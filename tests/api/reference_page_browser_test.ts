import assert from "node:assert/strict";
import { browserTest, launchBrowser, SCREENSHOT_DIR } from "../miniapp/harness.ts";
import { startMiniAppApi } from "./mini_app_fixture.ts";

browserTest("the API reference page renders in Chromium from local assets only", async () => {
  const { app, request, close } = await startMiniAppApi();
  const server = Deno.serve(
    { port: 0, hostname: "127.0.0.1", onListen: () => {} },
    (req) => app.fetch(req),
  );
  const origin = `http://127.0.0.1:${server.addr.port}`;
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    const requested: string[] = [];
    const failed: string[] = [];
    page.on("request", (r) => void requested.push(r.url()));
    page.on("requestfailed", (r) => void failed.push(r.url()));
    const response = await page.goto(`${origin}/functions/v1/api/docs`, {
      waitUntil: "networkidle0",
    });
    assert.equal(response?.status(), 200);
    // Swagger UI draws one block per operation of the served document.
    const doc = (await request(null, "GET", "/openapi.json")).body;
    const operations = Object.values(doc.paths as Record<string, object>)
      .reduce((n, ops) => n + Object.keys(ops).length, 0);
    await page.waitForSelector(".opblock", { timeout: 15_000 });
    const drawn = await page.$$eval(".opblock", (blocks) => blocks.length);
    assert.equal(drawn, operations);
    const title = await page.$eval(".info .title", (el) => el.textContent ?? "");
    assert.match(title, /Ты не один/);
    assert.deepEqual(failed, []);
    const elsewhere = requested.filter((url) =>
      !url.startsWith(origin) && !url.startsWith("data:")
    );
    assert.deepEqual(elsewhere, [], "nothing is fetched from another origin");
    if (SCREENSHOT_DIR) {
      await Deno.mkdir(SCREENSHOT_DIR, { recursive: true });
      await page.screenshot({ path: `${SCREENSHOT_DIR}/api-reference.png`, fullPage: false });
    }
  } finally {
    await browser.close();
    await server.shutdown();
    await close();
  }
});
