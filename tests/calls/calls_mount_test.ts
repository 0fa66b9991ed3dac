import assert from "node:assert/strict";
import { buildApiApp } from "../../shared/app/build_api.ts";
import { parseConfig } from "../../shared/config.ts";
import { startTestBot } from "../support/harness.ts";

// The api function mounts the video room in the one composition root: its routes are in the
// generated document and a call route answers behind the root's initData check.
Deno.test("the API's root serves /calls and documents it with every other route", async () => {
  const bot = await startTestBot();
  try {
    const config = parseConfig({
      PGLITE_DATA_DIR: "memory://",
      TELEGRAM_BOT_TOKEN: bot.telegram.token,
      TELEGRAM_API_ROOT: bot.apiRoot,
    });
    const api = buildApiApp(config, bot.deps);
    const doc = await (await api.request("/functions/v1/api/openapi.json")).json();
    const paths = Object.keys(doc.paths as Record<string, unknown>);
    assert.ok(paths.includes("/calls/{id}/signal"), paths.join(" "));
    assert.ok(paths.includes("/match/find"));
    const res = await api.request("/functions/v1/api/calls/state", { method: "GET" });
    assert.equal(res.status, 401);
    assert.equal((await res.json()).error.code, "unauthorized");
  } finally {
    await bot.close();
  }
});
