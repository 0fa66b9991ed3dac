// The video room end to end: real headless Chromium (a synthetic camera and microphone) and a
// real TURN server (Debian's coturn on loopback), two or more pages as registered people.
import assert from "node:assert/strict";
import { makeUser } from "../matching/fixtures.ts";
import { browserTest, startMiniAppServer, waitFor } from "../miniapp/harness.ts";
import {
  type CallPage,
  callStats,
  launchMediaBrowser,
  openCallPage,
  press,
  waitForFrames,
} from "./browser.ts";
import { coturnInstalled, startCoturn } from "./coturn.ts";

const TURN_SECRET = "browser-test-turn-secret";

async function acceptBoth(a: CallPage, b: CallPage) {
  for (const side of [a, b]) await press(side, '[data-action="call-accept"]');
  for (const side of [a, b]) {
    await side.app.page.waitForSelector('[data-call="room"]', { timeout: 15_000 });
  }
}

async function cameraOn(side: CallPage) {
  await press(side, '[data-action="call-camera"]');
}

function assertRelayOnly(pages: CallPage[]) {
  for (const page of pages) {
    for (const signal of page.sent) {
      if (signal.kind === "candidate") assert.match(signal.candidate ?? "", / typ relay( |$)/);
      for (const line of (signal.sdp ?? "").split(/\r?\n/)) {
        if (line.startsWith("a=candidate:")) assert.match(line, / typ relay( |$)/);
      }
    }
  }
}

const installed = coturnInstalled();

browserTest(
  "video room: match, consent, relay-only media, next, report, a closed page, no camera",
  async (t) => {
    if (!installed) {
      if (Deno.env.get("REQUIRE_TURN")) {
        throw new Error(
          "REQUIRE_TURN is set but coturn is missing",
        );
      }
      console.log("video room browser test skipped: coturn is not installed");
      return;
    }
    const turn = await startCoturn(TURN_SECRET);
    const server = await startMiniAppServer({
      TURN_URLS: turn.urls.join(","),
      TURN_SECRET,
      RATE_LIMIT_FIND: "100/60",
    });
    const browser = await launchMediaBrowser();
    try {
      const db = server.bot.db;
      for (
        const [tg, topics] of [[801, [0, 1, 2]], [802, [0, 1, 3]], [803, [0, 1, 4]], [804, [
          0,
          1,
          5,
        ]]] as const
      ) {
        await makeUser(db, { tg, topics: [...topics] });
      }
      const anna = await openCallPage(browser, server, 801);
      const boris = await openCallPage(browser, server, 802);

      await t.step(
        "two people start a call, accept the card, and see each other via TURN",
        async () => {
          await press(anna, '[data-action="call-start"]');
          await anna.app.page.waitForSelector('[data-call="searching"]');
          await press(boris, '[data-action="call-start"]');
          for (const side of [anna, boris]) {
            await side.app.page.waitForSelector('[data-action="call-accept"]', { timeout: 10_000 });
          }
          assert.match(await anna.app.text(), /user802/);
          await acceptBoth(anna, boris);
          await cameraOn(anna);
          await cameraOn(boris);
          await waitForFrames(anna.app.page);
          await waitForFrames(boris.app.page);
          for (const side of [anna, boris]) {
            const stats = (await callStats(side.app.page))!;
            assert.equal(stats.state, "connected");
            assert.deepEqual(stats.pair, { local: "relay", remote: "relay" });
            assert.equal(stats.getUserMedia, 1);
          }
          assert.ok(anna.sent.some((s) => s.kind === "candidate") || boris.sent.length > 0);
          assertRelayOnly([anna, boris]);
          const [call] = await db.query<{ state: string }>(
            "select state from public.calls order by created_at desc limit 1",
          );
          assert.equal(call?.state, "live");
        },
      );

      const clara = await openCallPage(browser, server, 803);
      await t.step(
        "«Следующий» connects a waiting third person without asking for the camera again",
        async () => {
          await press(clara, '[data-action="call-start"]');
          await clara.app.page.waitForSelector('[data-call="searching"]');
          await press(anna, '[data-action="call-next"]');
          await boris.app.page.waitForSelector('[data-call="ended"][data-reason="next"]', {
            timeout: 15_000,
          });
          for (const side of [anna, clara]) {
            await side.app.page.waitForSelector('[data-action="call-accept"]', { timeout: 15_000 });
          }
          await acceptBoth(anna, clara);
          await cameraOn(clara);
          await waitForFrames(anna.app.page);
          await waitForFrames(clara.app.page);
          const stats = (await callStats(anna.app.page))!;
          assert.equal(stats.getUserMedia, 1, "the stream is reused");
          assert.deepEqual(stats.pair, { local: "relay", remote: "relay" });
          assertRelayOnly([anna, clara]);
        },
      );

      await t.step(
        "a report ends the call on both sides at once and files the report",
        async () => {
          await press(clara, '[data-action="call-report"]');
          await press(clara, '[data-report="abuse"]');
          await clara.app.page.waitForSelector('[data-call="ended"]', { timeout: 10_000 });
          await anna.app.page.waitForSelector('[data-call="ended"][data-reason="report"]', {
            timeout: 25_000,
          });
          const reports = await db.query<{ kind: string }>(
            `select m.kind from public.reports r join public.matches m on m.id = r.match_id`,
          );
          assert.deepEqual(reports.map((r) => r.kind), ["call"]);
        },
      );

      await t.step("the partner closing the page ends the call within 20 s", async () => {
        const dmitry = await openCallPage(browser, server, 804);
        await press(boris, '[data-action="call-start"]');
        await press(dmitry, '[data-action="call-start"]');
        for (const side of [boris, dmitry]) {
          await side.app.page.waitForSelector('[data-action="call-accept"]', { timeout: 15_000 });
        }
        await acceptBoth(boris, dmitry);
        await waitFor(async () => (await callStats(boris.app.page))?.state === "connected", 20_000);
        assert.equal((await callStats(boris.app.page))!.getUserMedia, 1);
        const closed = Date.now();
        await dmitry.app.page.close();
        await boris.app.page.waitForSelector('[data-call="ended"]', { timeout: 20_000 });
        const took = Date.now() - closed;
        assert.ok(took <= 20_000, `ended after ${took} ms`);
        console.log(`partner closed the page: the call ended ${took} ms later`);
        assertRelayOnly([boris, dmitry]);
      });

      await t.step(
        "a refused camera makes the call voice only; the partner's video arrives",
        async () => {
          await makeUser(db, { tg: 805, topics: [0, 1, 6] });
          const eva = await openCallPage(browser, server, 805, { denyCamera: true });
          await press(boris, '[data-action="call-start"]');
          await press(eva, '[data-action="call-start"]');
          await eva.app.page.waitForSelector('[data-call="media-note"]');
          assert.match(await eva.app.text(), /только голосом/);
          for (const side of [boris, eva]) {
            await side.app.page.waitForSelector('[data-action="call-accept"]', { timeout: 15_000 });
          }
          await acceptBoth(boris, eva);
          await waitForFrames(eva.app.page);
          const stats = (await callStats(eva.app.page))!;
          assert.deepEqual(stats.pair, { local: "relay", remote: "relay" });
          assert.equal(await eva.app.page.evaluate(`globalThis.__callMedia.kind`), "audio");
          const cameraDisabled = await eva.app.page.evaluate(
            `document.querySelector('[data-action="call-camera"]').disabled`,
          );
          assert.equal(cameraDisabled, true);
          assertRelayOnly([boris, eva]);
        },
      );
    } finally {
      await browser.close();
      await server.close();
      await turn.stop();
    }
  },
);
