import { Hono } from "hono";
import { type CallApiDeps, callRoutes } from "../../shared/calls/api.ts";
import { createCallWaker } from "../../shared/calls/waker.ts";
import { signInitData } from "../../shared/matching/init_data.ts";
import { ManualClock, systemClock } from "../../shared/platform/clock.ts";
import { createMemoryRateLimiter } from "../../shared/platform/rate_limiter.ts";
import { translatorFor } from "../../shared/notifications/translate.ts";
import { loadI18n } from "../../shared/bot/texts.ts";
import type { SqlDb } from "../../shared/db/db.ts";

export const BOT_TOKEN = "123456:TEST-token-for-the-video-room";
export const TURN_SECRET = "north-wind-turn-secret";
export const API = "/functions/v1/api";

/** Signed initData for a Telegram user, as the Mini App sends it. */
export async function initDataFor(tgId: number, authDate = new Date(), token = BOT_TOKEN) {
  return await signInitData({
    auth_date: String(Math.floor(authDate.getTime() / 1000)),
    query_id: "AAH-call",
    user: JSON.stringify({ id: tgId, first_name: "Анна" }),
  }, token);
}

/** The call routes as the API serves them (under /functions/v1/api). */
export function callApp(db: SqlDb, overrides: Partial<CallApiDeps> = {}): Hono {
  const clock = overrides.clock ?? systemClock;
  const app = new Hono();
  app.route(
    API,
    callRoutes({
      db,
      botToken: BOT_TOKEN,
      clock,
      turn: { urls: ["turn:127.0.0.1:3478?transport=udp"], secret: TURN_SECRET, ttlSeconds: 600 },
      signalLimiter: createMemoryRateLimiter({ limit: 10_000, windowSeconds: 60, clock }),
      searchLimiter: createMemoryRateLimiter({ limit: 100, windowSeconds: 60, clock }),
      texts: async () => translatorFor(await loadI18n()),
      waker: createCallWaker(),
      pollMs: 100,
      ...overrides,
    }),
  );
  return app;
}

export { ManualClock };

/** A client of one Telegram user against `app`. */
export function clientOf(app: Hono, tgId: number, auth?: string) {
  const header = async () => `tma ${auth ?? await initDataFor(tgId)}`;
  const request = async (method: string, path: string, body?: unknown) => {
    const response = await app.request(`${API}${path}`, {
      method,
      headers: {
        authorization: await header(),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return {
      status: response.status,
      headers: response.headers,
      // deno-lint-ignore no-explicit-any
      json: await response.json() as any,
    };
  };
  return {
    get: (path: string) => request("GET", path),
    post: (path: string, body?: unknown) => request("POST", path, body ?? {}),
    patch: (path: string, body: unknown) => request("PATCH", path, body),
    delete: (path: string) => request("DELETE", path),
  };
}

/** Relay and host candidates as Chromium writes them. */
export const RELAY_CANDIDATE =
  "candidate:3105763404 1 udp 41885695 127.0.0.1 50160 typ relay raddr 0.0.0.0 rport 0 generation 0 ufrag Ab1c network-cost 999";
export const HOST_CANDIDATE =
  "candidate:1467250027 1 udp 2122260223 192.168.1.20 56143 typ host generation 0 ufrag Ab1c network-cost 999";
export const SRFLX_CANDIDATE =
  "candidate:842163049 1 udp 1677729535 203.0.113.7 56143 typ srflx raddr 192.168.1.20 rport 56143 generation 0 ufrag Ab1c";
export const SDP = "v=0\r\no=- 4611 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";
