// The Mini App's browser harness: a dev-style server in this process (the bot on a fresh PGlite
// database behind a local Bot API stand-in, the API and the built Mini App on a free port), and
// Debian's Chromium driven by puppeteer-core. Pages are opened the way Telegram opens them: a
// real signed launch-parameter hash, and a recorded bridge — every `postEvent` the SDK sends is
// kept, the client's answers (theme, viewport, safe area) are sent back through
// `window.Telegram.WebView.receiveEvent`, the SDK's own event path.
//
// Browser tests run on the PGlite tier only: they test the client, not SQL, and one Chromium
// per file on the 2-core CI machine is what keeps the whole run well under its time limit.
import assert from "node:assert/strict";
import axe from "axe-core";
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import { buildApiApp } from "../../shared/app/build_api.ts";
import { parseConfig } from "../../shared/config.ts";
import { DEFAULT_DIST, ensureMiniAppBuilt } from "../../shared/miniapp/build.ts";
import { createMiniAppHandler } from "../../shared/miniapp/serve.ts";
import { signInitData } from "../../shared/matching/init_data.ts";
import { buildDispatcher } from "../../shared/notifications/build_dispatcher.ts";
import { systemClock } from "../../shared/platform/clock.ts";
import { startTestBot, type TestBot } from "../support/harness.ts";
import { realPostgres } from "../support/test_db.ts";
import type { TestUser } from "../support/updates.ts";

export const CHROMIUM = Deno.env.get("CHROMIUM_PATH") ?? "/usr/bin/chromium";
/** Where screenshots go (`MINIAPP_SCREENSHOTS=<folder>`); none are taken when unset. */
export const SCREENSHOT_DIR = Deno.env.get("MINIAPP_SCREENSHOTS");

const chromiumFound = (() => {
  try {
    return Deno.statSync(CHROMIUM).isFile;
  } catch {
    return false;
  }
})();

/**
 * A browser test: one Chromium for the whole file (steps reuse it). It runs on the PGlite tier
 * only — the API's SQL is tested on both engines elsewhere; here the client is under test, and a
 * second browser run would add minutes to CI for nothing. Without Chromium it is skipped with a
 * message, unless REQUIRE_CHROMIUM=1 (CI) makes that a failure.
 */
export function browserTest(name: string, fn: (t: Deno.TestContext) => Promise<void>): void {
  if (!chromiumFound && Deno.env.get("REQUIRE_CHROMIUM") !== "1") {
    console.error(`${name}: skipped, no Chromium at ${CHROMIUM} (apt-get install chromium)`);
  }
  Deno.test({
    name,
    ignore: realPostgres !== undefined ||
      (!chromiumFound && Deno.env.get("REQUIRE_CHROMIUM") !== "1"),
    // puppeteer keeps its WebSocket and child process until browser.close(), inside the test.
    sanitizeResources: false,
    sanitizeOps: false,
    fn,
  });
}

export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
  "--hide-scrollbars",
  "--mute-audio",
];

/** Telegram Android's default day and night themes (what a real client sends). */
export const THEMES = {
  light: {
    bg_color: "#ffffff",
    text_color: "#000000",
    hint_color: "#a8a8a8",
    link_color: "#2678b6",
    button_color: "#50a8eb",
    button_text_color: "#ffffff",
    secondary_bg_color: "#f0f0f0",
    header_bg_color: "#527da3",
    accent_text_color: "#1c93e3",
    section_bg_color: "#ffffff",
    section_header_text_color: "#3a95d5",
    subtitle_text_color: "#82868a",
    destructive_text_color: "#cc2929",
    bottom_bar_bg_color: "#ffffff",
  },
  dark: {
    bg_color: "#212d3b",
    text_color: "#ffffff",
    hint_color: "#7d8b99",
    link_color: "#5eabe1",
    button_color: "#5288c1",
    button_text_color: "#ffffff",
    secondary_bg_color: "#151e27",
    header_bg_color: "#242d39",
    accent_text_color: "#64b5ef",
    section_bg_color: "#1d2733",
    section_header_text_color: "#79c4fc",
    subtitle_text_color: "#7b8790",
    destructive_text_color: "#ee686f",
    bottom_bar_bg_color: "#151e27",
  },
} as const;

export type ThemeName = keyof typeof THEMES;

export interface BridgeEvent {
  type: string;
  // deno-lint-ignore no-explicit-any
  data?: any;
}

export interface MiniAppServer {
  bot: TestBot;
  url: string;
  appUrl: string;
  botToken: string;
  close(): Promise<void>;
}

/** The bot, the API and the app on one free port, on a fresh embedded database. */
export async function startMiniAppServer(
  env: Record<string, string> = {},
): Promise<MiniAppServer> {
  const { manifest } = await ensureMiniAppBuilt();
  assert.ok(manifest.js);
  // The real clock: pages sign initData with the time now, and countdowns run in real time.
  const bot = await startTestBot({ clock: systemClock });
  const config = parseConfig({
    PGLITE_DATA_DIR: "memory://",
    TELEGRAM_BOT_TOKEN: bot.telegram.token,
    TELEGRAM_API_ROOT: bot.apiRoot,
    // Pages poll while searching; the tests' pace is not a person's.
    RATE_LIMIT_API_USER: "1000/60",
    RATE_LIMIT_API_IP: "5000/60",
    ...env,
  });
  const dispatcher = await buildDispatcher({ ...bot.deps, api: bot.bot.api });
  const background = new Set<Promise<unknown>>();
  const api = buildApiApp(config, bot.deps, () => {
    const task = dispatcher.kick().catch(() => {}).finally(() => background.delete(task));
    background.add(task);
  });
  const app = createMiniAppHandler({
    dist: DEFAULT_DIST,
    botUsername: bot.telegram.botInfo.username,
  });
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    (req) => app(req) ?? api.fetch(req),
  );
  const url = `http://127.0.0.1:${server.addr.port}`;
  return {
    bot,
    url,
    appUrl: `${url}/functions/v1/app/`,
    botToken: bot.telegram.token,
    close: async () => {
      await server.shutdown();
      while (background.size > 0) await Promise.all([...background]);
      await bot.settle();
      await bot.close();
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  const userDataDir = await Deno.makeTempDir({ prefix: "miniapp-chromium-" });
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    args: [...CHROMIUM_FLAGS, `--user-data-dir=${userDataDir}`],
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

export interface LaunchOptions {
  theme?: ThemeName;
  platform?: string;
  version?: string;
  /** When auth_date says the data was signed (default: now). */
  authDate?: Date;
  /** Sign with another token: a forged initData. */
  signWith?: string;
  /** No launch parameters at all: a plain browser. */
  outsideTelegram?: boolean;
  /** Open the page but do not load the app yet (call `navigate()` after setting up the page). */
  deferNavigation?: boolean;
  width?: number;
}

/** Signed initData the way Telegram builds it for a Mini App opened from the bot's menu. */
export async function initDataFor(
  user: TestUser,
  token: string,
  authDate = new Date(),
): Promise<string> {
  return await signInitData({
    query_id: `AAH${user.id}test`,
    user: JSON.stringify({
      id: user.id,
      first_name: user.first_name,
      username: user.username,
      language_code: "ru",
      allows_write_to_pm: true,
    }),
    auth_date: String(Math.floor(authDate.getTime() / 1000)),
    // Telegram adds an Ed25519 signature for third parties; this server checks only `hash`.
    signature: "dGVzdC1zaWduYXR1cmUtbm90LWNoZWNrZWQtaGVyZQ",
  }, token);
}

/** The launch URL: the app's address and the hash a Telegram client appends. */
export async function launchUrl(
  server: MiniAppServer,
  user: TestUser,
  options: LaunchOptions = {},
): Promise<string> {
  if (options.outsideTelegram) return server.appUrl;
  const initData = await initDataFor(user, options.signWith ?? server.botToken, options.authDate);
  const hash = new URLSearchParams({
    tgWebAppData: initData,
    tgWebAppVersion: options.version ?? "8.0",
    tgWebAppPlatform: options.platform ?? "android",
    tgWebAppThemeParams: JSON.stringify(THEMES[options.theme ?? "light"]),
    tgWebAppBotInline: "0",
  });
  return `${server.appUrl}#${hash}`;
}

/**
 * The Telegram client's side, installed before the page's scripts: records every postEvent and
 * answers the SDK's requests like a client does.
 */
function clientStandIn(theme: Record<string, string>) {
  const w = window as unknown as Record<string, unknown> & {
    Telegram?: { WebView?: { receiveEvent?: (type: string, data?: unknown) => void } };
  };
  const events: Array<{ type: string; data?: unknown }> = [];
  w.__bridge = events;
  const answer = (type: string, data: unknown) =>
    setTimeout(() => w.Telegram?.WebView?.receiveEvent?.(type, data), 0);
  w.TelegramWebviewProxy = {
    postEvent(type: string, data?: string) {
      events.push({ type, data: data ? JSON.parse(data) : undefined });
      if (type === "web_app_request_theme") answer("theme_changed", { theme_params: theme });
      if (type === "web_app_request_viewport") {
        answer("viewport_changed", {
          height: w.innerHeight,
          width: w.innerWidth,
          is_expanded: true,
          is_state_stable: true,
        });
      }
      if (type === "web_app_request_safe_area") {
        answer("safe_area_changed", { top: 0, bottom: 0, left: 0, right: 0 });
      }
      if (type === "web_app_request_content_safe_area") {
        answer("content_safe_area_changed", { top: 0, bottom: 0, left: 0, right: 0 });
      }
    },
  };
}

export interface AppPage {
  page: Page;
  /** Loads the app (done by openApp unless `deferNavigation`). */
  navigate(): Promise<void>;
  /** Everything the app sent to Telegram so far. */
  bridge(): Promise<BridgeEvent[]>;
  /** Events of one type the app sent to Telegram. */
  sent(type: string): Promise<BridgeEvent[]>;
  /** Sends an event from "Telegram" to the app (back button, invoice closed, theme…). */
  receive(type: string, data?: unknown): Promise<void>;
  /** Telegram's back button pressed: the app must go one screen back, to `screen`. */
  back(screen: string): Promise<void>;
  /** Waits for a screen (`data-screen`) to be shown with no loading state left. */
  screen(name: string): Promise<void>;
  click(selector: string): Promise<void>;
  /** Replaces a field's value the way typing does (an `input` event follows). */
  fill(selector: string, value: string): Promise<void>;
  text(): Promise<string>;
}

export async function openApp(
  browser: Browser,
  server: MiniAppServer,
  user: TestUser,
  options: LaunchOptions = {},
): Promise<AppPage> {
  const page = await browser.newPage();
  await page.setViewport({ width: options.width ?? 390, height: 844 });
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  await page.evaluateOnNewDocument(clientStandIn, THEMES[options.theme ?? "light"]);
  await page.emulateMediaFeatures([{
    name: "prefers-color-scheme",
    value: options.theme === "dark" ? "dark" : "light",
  }]);
  const url = await launchUrl(server, user, options);
  const app: AppPage = {
    page,
    navigate: async () => {
      await page.goto(url, { waitUntil: "domcontentloaded" });
    },
    bridge: () => page.evaluate(() => (window as unknown as { __bridge: BridgeEvent[] }).__bridge),
    sent: async (type) => (await app.bridge()).filter((e) => e.type === type),
    receive: async (type, data) => {
      await page.evaluate(
        (t, d) =>
          (window as unknown as {
            Telegram: { WebView: { receiveEvent(t: string, d: unknown): void } };
          }).Telegram.WebView.receiveEvent(t, d),
        type,
        data ?? null,
      );
    },
    back: async (screen) => {
      const depth = Number(await page.evaluate("document.documentElement.dataset.depth"));
      await app.receive("back_button_pressed");
      await page.waitForFunction(
        `Number(document.documentElement.dataset.depth) === ${depth - 1}`,
        { timeout: 3000 },
      ).catch(() => {
        throw new Error(`back from depth ${depth} did not go back`);
      });
      await app.screen(screen);
    },
    screen: async (name) => {
      try {
        await page.waitForSelector(`[data-screen="${name}"]`, { timeout: 10_000 });
        await page.waitForFunction('!document.querySelector(".loading")', { timeout: 10_000 });
      } catch (error) {
        const shown = await page.evaluate(
          `[document.querySelector("[data-screen]")?.dataset.screen,
            document.documentElement.dataset.depth, document.body.innerText]`,
        );
        throw new Error(`screen ${name} not shown; the page: ${JSON.stringify(shown)}`, {
          cause: error,
        });
      }
      assert.deepEqual(errors, [], "the page threw");
      await assertNotBlank(page);
    },
    click: async (selector) => {
      await page.waitForSelector(`${selector}:not([disabled])`, { timeout: 10_000 });
      await page.click(selector);
    },
    fill: async (selector, value) => {
      await page.waitForSelector(selector);
      await page.evaluate(
        `(() => { const e = document.querySelector(${JSON.stringify(selector)});
          e.value = ${JSON.stringify(value)};
          e.dispatchEvent(new Event("input", { bubbles: true })); })()`,
      );
    },
    text: () => page.evaluate("document.body.innerText") as Promise<string>,
  };
  if (!options.deferNavigation) await app.navigate();
  return app;
}

/** A blank page or an unexpected error screen fails the test. */
export async function assertNotBlank(page: Page): Promise<void> {
  const text = String(await page.evaluate("document.body.innerText")).trim();
  assert.ok(text.length > 20, `the screen is blank: ${JSON.stringify(text)}`);
}

/** axe-core on the current screen: no serious or critical violation. */
export async function assertAccessible(page: Page, label: string): Promise<void> {
  // Evaluated through the DevTools protocol: the page's CSP (no inline scripts) stays on.
  if (!(await page.evaluate(`"axe" in window`))) await page.evaluate(axe.source);
  // A string runs in the page (the DOM's types are not this program's).
  const violations = await page.evaluate(`axe.run(document, { resultTypes: ["violations"] })
    .then((result) => result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ") + ": " + n.failureSummary),
    })))`) as Array<{ id: string; impact: string; nodes: string[] }>;
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  assert.deepEqual(serious, [], `${label}: axe found serious/critical violations`);
}

/** A screenshot into MINIAPP_SCREENSHOTS (when set) as `<name>-<theme>.png`. */
export async function screenshot(page: Page, name: string, theme: ThemeName): Promise<void> {
  if (!SCREENSHOT_DIR) return;
  await Deno.mkdir(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}-${theme}.png`, fullPage: true });
}

/** Checks a screen: not blank, accessible, and photographed. */
export async function checkScreen(app: AppPage, name: string, theme: ThemeName): Promise<void> {
  await app.screen(name);
  await assertAccessible(app.page, `${name} (${theme})`);
  await screenshot(app.page, name, theme);
}

/** Polls until `check` holds (for things that happen in the background). */
export async function waitFor(check: () => boolean | Promise<boolean>, ms = 10_000) {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 50));
  }
}
