import assert from "node:assert/strict";
import { ManualClock } from "../../shared/platform/clock.ts";
import { turnPassword } from "../../shared/calls/turn.ts";
import { createTestDb } from "../support/test_db.ts";
import { makeUser } from "../matching/fixtures.ts";
import { allocate, coturnInstalled, startCoturn } from "./coturn.ts";
import { callApp, clientOf, initDataFor, TURN_SECRET } from "./fixtures.ts";

const installed = coturnInstalled();
if (!installed) {
  if (Deno.env.get("REQUIRE_TURN")) throw new Error("REQUIRE_TURN is set but coturn is missing");
  console.log("coturn tests skipped: Debian's coturn is not installed (.ci/run installs it)");
}

Deno.test({
  name: "coturn accepts the API's TURN credentials and refuses them after they expire",
  ignore: !installed,
  sanitizeResources: false,
  fn: async (t) => {
    const turn = await startCoturn(TURN_SECRET);
    const db = await createTestDb();
    try {
      // The API's clock is a test clock: credentials issued "an hour ago" are expired now.
      const clock = new ManualClock(new Date());
      const app = callApp(db, {
        clock,
        turn: { urls: turn.urls, secret: TURN_SECRET, ttlSeconds: 120 },
      });
      const a = await makeUser(db, { tg: 701, topics: [0, 1, 2] });
      const b = await makeUser(db, { tg: 702, topics: [0, 1, 3] });
      const ca = clientOf(app, a.tg);
      const cb = clientOf(app, b.tg);
      await ca.post("/calls/search");
      await cb.post("/calls/search");
      const callId = (await ca.get("/calls/state")).json.call.id;
      await ca.post(`/calls/${callId}/answer`, { accept: true });
      await cb.post(`/calls/${callId}/answer`, { accept: true });

      await t.step("fresh credentials get a relay allocation", async () => {
        const { json } = await ca.get(`/calls/${callId}/turn`);
        const [server] = json.ice_servers;
        assert.deepEqual(server.urls, turn.urls);
        assert.equal(await allocate(turn.port, server.username, server.credential), "allocated");
      });
      await t.step("a wrong password or another secret is refused (401)", async () => {
        const { json } = await cb.get(`/calls/${callId}/turn`);
        const [server] = json.ice_servers;
        assert.equal(await allocate(turn.port, server.username, "d3Jvbmc="), 401);
        const foreign = await turnPassword("another-secret-entirely", server.username);
        assert.equal(await allocate(turn.port, server.username, foreign), 401);
      });
      await t.step("credentials past their expiry are refused (401)", async () => {
        // Issued an hour ago (initData signed then too): long expired now.
        clock.advance(-3600_000);
        const earlier = clientOf(app, a.tg, await initDataFor(a.tg, clock.now()));
        const { json } = await earlier.get(`/calls/${callId}/turn`);
        clock.advance(3600_000);
        const [server] = json.ice_servers;
        assert.ok(Number(server.username.split(":")[0]) < Date.now() / 1000);
        assert.equal(await allocate(turn.port, server.username, server.credential), 401);
      });
    } finally {
      await db.close();
      await turn.stop();
    }
  },
});
