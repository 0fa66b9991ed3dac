/**
 * The video room (`deno task bench calls`):
 * 1. The API under 50 concurrent calls' signalling (offer, answer, relay candidates, polls,
 *    heartbeats, in-process requests): latency p50/p95 per request, on PGlite or, with
 *    TEST_DATABASE_URL set (`.ci/postgres.sh`), on the real PostgreSQL 15.
 * 2. With Debian's Chromium and coturn: 10 calls between two fresh pages each, the time from
 *    both accepting to the first decoded remote frame on both sides (relay only, loopback), and
 *    the signalling requests each call took until then.
 */
import { makeUser } from "../matching/fixtures.ts";
import { createTestDb, realPostgres } from "../support/test_db.ts";
import { callApp, clientOf, RELAY_CANDIDATE, SDP } from "../calls/fixtures.ts";
import { coturnInstalled, startCoturn } from "../calls/coturn.ts";
import { callStats, launchMediaBrowser, openCallPage, press } from "../calls/browser.ts";
import { CHROMIUM, startMiniAppServer } from "../miniapp/harness.ts";
import type { BenchModule, BenchRow } from "./table.ts";

const CALLS = 50;
const BROWSER_CALLS = 10;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

async function apiUnderLoad(log: (line: string) => void): Promise<BenchRow[]> {
  const engine = realPostgres ? "PostgreSQL 15" : "PGlite";
  const db = await createTestDb({ pool: 10 });
  try {
    const app = callApp(db, { pollMs: 200 });
    const pairs: Array<
      { offerer: ReturnType<typeof clientOf>; answerer: ReturnType<typeof clientOf>; id: string }
    > = [];
    for (let i = 0; i < CALLS; i++) {
      const a = await makeUser(db, { tg: 10_000 + 2 * i, topics: [0, 1, 2] });
      const b = await makeUser(db, { tg: 10_001 + 2 * i, topics: [0, 1, 3] });
      const ca = clientOf(app, a.tg);
      const cb = clientOf(app, b.tg);
      await ca.post("/calls/search");
      await cb.post("/calls/search");
      const state = await ca.get("/calls/state");
      const call = state.json.call;
      if (!call) throw new Error(`pair ${i} was not matched (${state.json.status})`);
      await ca.post(`/calls/${call.id}/answer`, { accept: true });
      await cb.post(`/calls/${call.id}/answer`, { accept: true });
      pairs.push(
        call.role === "offerer"
          ? { offerer: ca, answerer: cb, id: call.id }
          : { offerer: cb, answerer: ca, id: call.id },
      );
    }
    log(`${engine}: ${CALLS} calls open; each now signals at once`);
    const latencies: Record<string, number[]> = { signal: [], poll: [], heartbeat: [], turn: [] };
    const timed = async <T>(kind: string, request: Promise<T>) => {
      const started = performance.now();
      const answer = await request;
      latencies[kind]!.push(performance.now() - started);
      return answer;
    };
    const candidate = {
      kind: "candidate",
      candidate: RELAY_CANDIDATE,
      sdpMid: "0",
      sdpMLineIndex: 0,
    };
    const started = performance.now();
    await Promise.all(pairs.map(async ({ offerer, answerer, id }) => {
      await Promise.all([
        timed("turn", offerer.get(`/calls/${id}/turn`)),
        timed("turn", answerer.get(`/calls/${id}/turn`)),
      ]);
      await timed("signal", offerer.post(`/calls/${id}/signal`, { kind: "offer", sdp: SDP }));
      await timed("poll", answerer.get(`/calls/${id}/signal?after=0&wait=0`));
      await timed("signal", answerer.post(`/calls/${id}/signal`, { kind: "answer", sdp: SDP }));
      for (let i = 0; i < 3; i++) {
        await Promise.all([
          timed("signal", offerer.post(`/calls/${id}/signal`, candidate)),
          timed("signal", answerer.post(`/calls/${id}/signal`, candidate)),
        ]);
      }
      await Promise.all([
        timed("poll", offerer.get(`/calls/${id}/signal?after=0&wait=0`)),
        timed("poll", answerer.get(`/calls/${id}/signal?after=0&wait=0`)),
      ]);
      for (let i = 0; i < 3; i++) {
        await Promise.all([
          timed("heartbeat", offerer.post(`/calls/${id}/heartbeat`, { connected: true })),
          timed("heartbeat", answerer.post(`/calls/${id}/heartbeat`, { connected: true })),
        ]);
      }
    }));
    const took = performance.now() - started;
    const all = Object.values(latencies).flat();
    const rows: BenchRow[] = [{
      metric: `API p95, ${CALLS} concurrent calls' signalling (${engine})`,
      value: ms(percentile(all, 95)),
      note: `p50 ${ms(percentile(all, 50))}, ${all.length} requests in ${
        (took / 1000).toFixed(1)
      } s`,
    }];
    for (const [kind, values] of Object.entries(latencies)) {
      rows.push({
        metric: `  ${kind} p95 (${engine})`,
        value: ms(percentile(values, 95)),
        note: `p50 ${ms(percentile(values, 50))}, n=${values.length}`,
      });
    }
    return rows;
  } finally {
    await db.close();
  }
}

async function browserCalls(log: (line: string) => void): Promise<BenchRow[]> {
  try {
    Deno.statSync(CHROMIUM);
  } catch {
    log("browser calls: skipped (no Chromium)");
    return [];
  }
  if (!coturnInstalled()) {
    log("browser calls: skipped (no coturn)");
    return [];
  }
  const secret = "bench-turn-secret-0123";
  const turn = await startCoturn(secret);
  const server = await startMiniAppServer({
    TURN_URLS: turn.urls.join(","),
    TURN_SECRET: secret,
    RATE_LIMIT_FIND: "1000/60",
  });
  const browser = await launchMediaBrowser();
  const times: number[] = [];
  const requests: number[] = [];
  try {
    for (let i = 0; i < BROWSER_CALLS; i++) {
      const tgA = 20_000 + 2 * i;
      const tgB = tgA + 1;
      await makeUser(server.bot.db, { tg: tgA, topics: [0, 1, 2] });
      await makeUser(server.bot.db, { tg: tgB, topics: [0, 1, 3] });
      const a = await openCallPage(browser, server, tgA);
      const b = await openCallPage(browser, server, tgB);
      let signalling = 0;
      for (const side of [a, b]) {
        side.app.page.on("request", (r) => {
          if (/\/calls\/[0-9a-f-]{36}\/(turn|signal|heartbeat)/.test(r.url())) signalling++;
        });
      }
      // The camera is on before the call (the fake device then sends frames from the start).
      await press(a, '[data-action="call-start"]');
      await a.app.page.waitForSelector('[data-call="searching"]');
      await press(b, '[data-action="call-start"]');
      for (const side of [a, b]) await side.app.page.waitForSelector('[data-action="call-accept"]');
      await press(a, '[data-action="call-accept"]');
      await a.app.page.waitForSelector('[data-call="waiting"]');
      const accepted = performance.now();
      await press(b, '[data-action="call-accept"]');
      for (const side of [a, b]) await side.app.page.waitForSelector('[data-call="room"]');
      for (const side of [a, b]) await press(side, '[data-action="call-camera"]');
      const decoded = [false, false];
      while (!decoded.every(Boolean)) {
        for (const [j, side] of [a, b].entries()) {
          if (!decoded[j]) decoded[j] = ((await callStats(side.app.page))?.framesDecoded ?? 0) > 0;
        }
        if (performance.now() - accepted > 30_000) throw new Error("no frames after 30 s");
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      times.push(performance.now() - accepted);
      requests.push(signalling);
      await press(a, '[data-action="call-end"]');
      await b.app.page.waitForSelector('[data-call="ended"]', { timeout: 20_000 });
      await a.app.page.close();
      await b.app.page.close();
      log(`call ${i + 1}: ${times.at(-1)!.toFixed(0)} ms, ${signalling} signalling requests`);
    }
  } finally {
    await browser.close();
    await server.close();
    await turn.stop();
  }
  return [
    {
      metric: "both accepted → first decoded remote frame on both sides, p95",
      value: ms(percentile(times, 95)),
      note: `p50 ${
        ms(percentile(times, 50))
      }, ${BROWSER_CALLS} calls, Chromium + coturn, relay only`,
    },
    {
      metric: "signalling requests per call until both decode",
      value: String(percentile(requests, 50)),
      note: `median; max ${Math.max(...requests)} (TURN credentials, signals, polls, heartbeats)`,
    },
  ];
}

export const callsBench: BenchModule = {
  name: "calls",
  async run(log) {
    const rows = await apiUnderLoad(log);
    if (!realPostgres) rows.push(...await browserCalls(log));
    return rows;
  },
};

if (import.meta.main) {
  const { formatTable } = await import("./table.ts");
  console.log(formatTable(await callsBench.run((line) => console.log(`  ${line}`))));
}
