// Helpers of the video room's browser test and bench: Chromium with a synthetic camera and
// microphone, a Mini App page on the call screen that records the signals it sends, WebRTC's
// own statistics of the page's call.
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import { user as testUser } from "../support/updates.ts";
import {
  type AppPage,
  CHROMIUM,
  CHROMIUM_FLAGS,
  type MiniAppServer,
  openApp,
  waitFor,
} from "../miniapp/harness.ts";

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
  options: { denyCamera?: boolean } = {},
): Promise<CallPage> {
  const app = await openApp(browser, server, testUser(tgId, "Анна"), { deferNavigation: true });
  if (options.denyCamera) {
    // The person says no to the camera (the microphone is allowed).
    await app.page.evaluateOnNewDocument(`{
      const devices = navigator.mediaDevices;
      const ask = devices.getUserMedia.bind(devices);
      devices.getUserMedia = (constraints) => constraints && constraints.video
        ? Promise.reject(new DOMException("Permission denied", "NotAllowedError"))
        : ask(constraints);
    }`);
  }
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
