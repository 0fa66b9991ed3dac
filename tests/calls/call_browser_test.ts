// The video room end to end: real headless Chromium (a synthetic camera and microphone) and a
// real TURN server (Debian's coturn on loopback), two or more pages as registered people.
import assert from "node:assert/strict";
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import { makeUser } from "../matching/fixtures.ts";
import { user as testUser } from "../support/updates.ts";
import {
  type AppPage,
  browserTest,
  CHROMIUM,
  CHROMIUM_FLAGS,
  type MiniAppServer,
  openApp,
  startMiniAppServer,
  waitFor,
} from "../miniapp/harness.ts";
import { coturnInstalled, startCoturn } from "./coturn.ts";

const TURN_SECRET = "browser-test-turn-secret";

/** Chromium with a fake camera and microphone that never asks for permission. */
export async function launchMediaBrowser(): Promise<Browser> {
  const userDataDir = await Deno.makeTempDir({ prefix: "call-chromium-" });
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    args: [
      ...CHROMIUM_FLAGS.filter((flag) => flag !== "--mute-audio"),
      "--mute-audio",
      "--use-fake-device-for-media-stream",
      "--use-fake-ui-for-media-stream",
      "--autoplay-policy=no-user-gesture-required",
      // Several pages talk at once: none of them is a throttled background tab.
      "--disable-background-timer-throttling",
      "--disable-renderer-backgrounding",
      "--disable-backgrounding-occluded-windows",
      `--user-data-dir=${userDataDir}`,
    ],
    headless: true,
    defaultViewport: { width: 390, height: 844, deviceScaleFactor: 1 },
  });
  const close = browser.close.bind(browser);
  browser.close = async () => {
    await close();
    await Deno.remove(userDataDir, { recursive: true }).catch(() => {});
  };
  return browser;
}

export interface CallPage {
  app: AppPage;
  /** Every signal this page POSTed (the test's signalling log). */
  sent: Array<{ kind: string; candidate?: string; sdp?: string }>;
}

/** Opens the Mini App for a registered person, goes to the call screen, records signals. */
export async function openCallPage(
  browser: Browser,
  server: MiniAppServer,
  tgId: number,
): Promise<CallPage> {
  const app = await openApp(browser, server, testUser(tgId, "Анна"), { deferNavigation: true });
  const sent: CallPage["sent"] = [];
  app.page.on("request", (request) => {
    if (request.method() === "POST" && /\/calls\/[^/]+\/signal$/.test(request.url())) {
      sent.push(JSON.parse(request.postData() ?? "{}"));
    }
  });
  if (Deno.env.get("CALL_TEST_DEBUG")) {
    app.page.on("console", (m) => console.log(`[${tgId}] ${m.type()}: ${m.text()}`));
    app.page.on("pageerror", (e) => console.log(`[${tgId}] error: ${e}`));
  }
  await app.navigate();
  await app.page.waitForSelector('[data-nav="call"]', { timeout: 15_000 });
  await app.page.evaluate(`document.querySelector('[data-nav="call"]').click()`);
  await app.page.waitForSelector('[data-screen="call"]');
  return { app, sent };
}

/** What the page's current call shows in WebRTC's own statistics. */
export async function callStats(page: Page) {
  return await page.evaluate(async () => {
    const room = (globalThis as unknown as {
      __callRoom?: {
        peer: {
          connectionState: string;
          getStats(): Promise<{ forEach(fn: (s: Record<string, unknown>) => void): void }>;
        } | null;
        requests: number;
      };
    }).__callRoom;
    const media = (globalThis as unknown as { __callMedia?: { requests: number } }).__callMedia;
    const pc = room?.peer;
    if (!pc) return null;
    const stats = await pc.getStats();
    let framesDecoded = 0;
    let pair: { local?: string; remote?: string } = {};
    const byId = new Map<string, Record<string, unknown>>();
    stats.forEach((s) => byId.set(String(s.id), s));
    for (const s of byId.values()) {
      if (s.type === "inbound-rtp" && s.kind === "video") {
        framesDecoded += Number(s.framesDecoded ?? 0);
      }
      if (s.type === "transport" && s.selectedCandidatePairId) {
        const p = byId.get(String(s.selectedCandidatePairId));
        pair = {
          local: String(byId.get(String(p?.localCandidateId))?.candidateType),
          remote: String(byId.get(String(p?.remoteCandidateId))?.candidateType),
        };
      }
    }
    return {
      framesDecoded,
      pair,
      state: pc.connectionState,
      getUserMedia: media?.requests ?? 0,
      requests: room.requests,
    };
  });
}

/** Waits until the page decodes the partner's video; returns ms it took. */
export async function waitForFrames(page: Page, ms = 20_000): Promise<number> {
  const started = Date.now();
  await waitFor(async () => ((await callStats(page))?.framesDecoded ?? 0) > 0, ms);
  return Date.now() - started;
}

/**
 * Presses a button once it is enabled: a DOM click, which works on a page that is not in
 * front (puppeteer's mouse click waits for a frame such a page may never draw).
 */
export async function press(side: CallPage, selector: string, timeout = 15_000) {
  const enabled = `${selector}:not([disabled])`;
  await side.app.page.waitForSelector(enabled, { timeout });
  await side.app.page.evaluate(`document.querySelector(${JSON.stringify(enabled)}).click()`);
}

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
  "video room: match, consent, relay-only media, next, report, a page closed",
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
        assertRelayOnly([boris, dmitry]);
      });
    } finally {
      await browser.close();
      await server.close();
      await turn.stop();
    }
  },
);
