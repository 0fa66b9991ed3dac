/**
 * Webhook benchmark: a mixed stream of Telegram updates (relayed chat messages, photos, edits,
 * a masked phone number, button taps) from users in active chats, posted to the real webhook
 * of the update pipeline, with the local Bot API stand-in answering. Measures
 *   - the webhook's answer (store in the inbox, 200) at a fixed rate and at saturation;
 *   - end to end: from the POST to the partner's copy reaching the Bot API stand-in (the
 *     worker handles the update after the answer, the outbox dispatcher sends the copy);
 *   - how fast the backlog of a saturation burst is worked off.
 * On PGlite by default; on a real PostgreSQL when TEST_DATABASE_URL is set (as for the tests:
 * `.ci/postgres.sh` prints it).
 *
 * Run alone: deno run -A tests/bench/webhook_bench.ts [--seconds=10]
 */
import type { Update } from "grammy/types";
import { createBot } from "../../shared/bot/create_bot.ts";
import type { SqlDb } from "../../shared/db/db.ts";
import { createLexicalEmbedder } from "../../shared/embedding/lexical_embedder.ts";
import { createPrometheusMetrics } from "../../shared/metrics/prometheus.ts";
import { systemClock } from "../../shared/platform/clock.ts";
import { silentLogger } from "../../shared/platform/logger.ts";
import { createWebhookHandler } from "../../shared/updates/intake.ts";
import { createUpdatePipeline } from "../../shared/updates/pipeline.ts";
import { buildDispatcher } from "../../shared/notifications/build_dispatcher.ts";
import { createMemoryRateLimiter } from "../../shared/platform/rate_limiter.ts";
import { createBotRateLimits } from "../../shared/safety/rate_limits.ts";
import { type OnboardedUser, onboardUser } from "../chat/fixtures.ts";
import { FakeTelegram } from "../support/fake_telegram.ts";
import { createTestDb, realPostgres } from "../support/test_db.ts";
import {
  callbackUpdate,
  messageUpdate,
  preCheckoutUpdate,
  textUpdate,
} from "../support/updates.ts";
import { type BenchModule, type BenchRow, formatTable } from "./table.ts";

const SECRET = "bench-webhook-secret-0123456789";

export interface Percentiles {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface PhaseResult {
  name: string;
  /** Updates answered per second while posting. */
  acceptedPerSecond: number;
  answer: Percentiles;
  /** POST to the partner's copy at the Bot API (text and photo relays). */
  endToEnd: Percentiles;
  /**
   * From the first POST (for an intake-only phase: from the end of posting) until every update
   * was handled and every send made.
   */
  drainedAfterSeconds: number;
  /** Updates handled per second over that time. */
  handledPerSecond: number;
  /** Requests without a 200, updates that failed, relays that never arrived. */
  failed: number;
  /** POST of a pre_checkout_query to the bot's answerPreCheckoutQuery (1 update in 20). */
  checkout: Percentiles;
}

interface Rig {
  db: SqlDb;
  /** While true the webhook only stores updates; `drain` processes them. */
  defer(on: boolean): void;
  telegram: FakeTelegram;
  post(update: Update): Promise<number>;
  nextUpdate(): Update;
  /** Every 20th update is a pre-checkout query for a real pending tip. */
  withCheckouts(on: boolean): void;
  /** Waits until the inbox is empty and the outbox has nothing pending. */
  drain(timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

/** `pairs` couples in active chats (through the SQL functions) behind the pipeline's webhook. */
async function startRig(pairs: number, paceRequests: boolean): Promise<Rig> {
  const telegram = new FakeTelegram();
  const apiRoot = telegram.start();
  const db = await createTestDb({ pool: 10 });
  const background = new Set<Promise<unknown>>();
  const metrics = createPrometheusMetrics();
  // Every safety check on, as in production: the limits are counted (set high enough that the
  // stream is never refused), the crisis rules read every relayed text.
  const deps = {
    db,
    embedder: createLexicalEmbedder(),
    clock: systemClock,
    logger: silentLogger,
    metrics,
    rateLimits: createBotRateLimits({
      metrics,
      limiter: (_name, use) =>
        createMemoryRateLimiter({
          limit: use === "notices" ? 1 : 1_000_000,
          windowSeconds: 10,
          clock: systemClock,
        }),
    }),
    logSalt: "bench",
    waitUntil: (task: Promise<unknown>) => {
      const tracked = task.catch(() => {}).finally(() => background.delete(tracked));
      background.add(tracked);
    },
  };
  const bot = await createBot(
    { token: telegram.token, apiRoot, botInfo: telegram.botInfo, paceRequests },
    deps,
  );
  const pipeline = createUpdatePipeline({ ...deps, bot });
  // The scheduled dispatcher of production (pg_cron every 10 s), for sends whose retry is due.
  const dispatcherBeat = await buildDispatcher({ ...deps, api: bot.api });
  // The pipeline's webhook, with a switch: while `deferred`, updates are only stored (what the
  // webhook alone can take); processing starts when the backlog is drained.
  let deferred = false;
  const handle = createWebhookHandler({
    ...deps,
    secretToken: SECRET,
    afterQueued: () => {
      if (!deferred) pipeline.kickInBackground();
    },
  });

  const couples: Array<[OnboardedUser, OnboardedUser]> = [];
  for (let i = 0; i < pairs; i++) {
    const a = await onboardUser(db, 900_000 + 2 * i);
    const b = await onboardUser(db, 900_001 + 2 * i);
    await db.call("find_partner", { p_tg_id: a.id });
    const found = await db.call<{ status: string; match_id?: string }>("find_partner", {
      p_tg_id: b.id,
    });
    if (found.status !== "proposed") throw new Error(`pairing failed: ${found.status}`);
    for (const u of [a, b]) {
      await db.call("respond_to_proposal", {
        p_tg_id: u.id,
        p_match_id: found.match_id,
        p_accept: true,
      });
    }
    couples.push([a, b]);
  }
  // Payers with a pending tip for a chat that ended: their pre-checkout queries are approved.
  const checkouts: Update[] = [];
  for (let i = 0; i < 20; i++) {
    const a = await onboardUser(db, 950_000 + 2 * i);
    const b = await onboardUser(db, 950_001 + 2 * i);
    await db.call("find_partner", { p_tg_id: a.id });
    const found = await db.call<{ match_id: string }>("find_partner", { p_tg_id: b.id });
    for (const u of [a, b]) {
      await db.call("respond_to_proposal", {
        p_tg_id: u.id,
        p_match_id: found.match_id,
        p_accept: true,
      });
    }
    await db.call("end_chat", { p_tg_id: a.id, p_reason: "stop" });
    const tip = await db.call<{ payload: string; amount: number }>("create_tip", {
      p_tg_id: a.id,
      p_match_id: found.match_id,
      p_amount: 50,
      p_source: "bot",
    });
    checkouts.push(preCheckoutUpdate(a, tip));
  }
  // The pairing notices are not part of the measurement.
  await db.exec("update public.outbox set status = 'sent', sent_at = now()");

  let n = 0;
  let checkoutsOn = false;
  const sentTexts = new Map<number, Update>();
  return {
    db,
    telegram,
    defer(on) {
      deferred = on;
    },
    withCheckouts(on) {
      checkoutsOn = on;
    },
    nextUpdate() {
      if (checkoutsOn && n % 20 === 19) {
        const query = checkouts[(n++ / 20 | 0) % checkouts.length]!;
        // A fresh query id and update id each time, as Telegram sends them.
        return preCheckoutUpdate(
          { id: query.pre_checkout_query!.from.id, first_name: "Тест" },
          {
            payload: query.pre_checkout_query!.invoice_payload,
            amount: query.pre_checkout_query!.total_amount,
          },
        );
      }
      const [a, b] = couples[n % couples.length]!;
      const from = (n >> 1) % 2 === 0 ? a : b;
      const roll = n++ % 20;
      if (roll < 14) {
        const update = textUpdate(from, `Сообщение номер ${n}: как прошёл день?`);
        sentTexts.set(from.id, update);
        return update;
      }
      if (roll < 16) {
        return messageUpdate(from, {
          photo: [{ file_id: "p", file_unique_id: "p", width: 1, height: 1 }],
          caption: "фото",
        });
      }
      if (roll < 17) {
        const last = sentTexts.get(from.id);
        if (last?.message) {
          return {
            update_id: last.update_id + 5_000_000,
            edited_message: { ...last.message, text: `${last.message.text} (изм.)`, edit_date: 1 },
          } as Update;
        }
      }
      if (roll < 18) return textUpdate(from, "Позвони мне +7 912 345-67-89");
      // Button taps: keep chatting, and a stale proposal button.
      return roll === 18
        ? callbackUpdate(from, "c:end:n")
        : callbackUpdate(from, "m:y:5b0a3f4e-7d2c-4b1a-9e8f-0123456789ab");
    },
    async post(update) {
      const started = performance.now();
      const res = await handle(
        new Request("http://localhost/functions/v1/telegram-bot", {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "x-telegram-bot-api-secret-token": SECRET,
          },
          body: JSON.stringify(update),
        }),
      );
      await res.body?.cancel();
      if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
      return performance.now() - started;
    },
    async drain(timeoutMs) {
      const deadline = performance.now() + timeoutMs;
      let nextSweep = 0;
      while (performance.now() < deadline) {
        await Promise.all([...background]);
        const [row] = await db.query<{ inbox: number; pending: number }>(
          `select (select count(*)::int from public.update_inbox) as inbox,
                  (select count(*)::int from public.outbox where status = 'pending') as pending`,
        );
        if (row?.inbox === 0 && row.pending === 0 && background.size === 0) return;
        // What the sweep does in production: a worker that stopped after its rounds goes on.
        if (row?.inbox) pipeline.kickInBackground();
        // And the dispatcher beat (every 10 s in production) picks up a send whose lease or
        // retry pause ran out; without it one retried row could wait here for ever.
        if (!row?.inbox && row?.pending && performance.now() > nextSweep) {
          nextSweep = performance.now() + 1000;
          await dispatcherBeat.kick();
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      const left = await db.query(
        `select kind, method, count(*)::int as n, min(next_attempt_at) as next
           from public.outbox where status = 'pending' group by 1, 2`,
      );
      throw new Error(`the backlog was not worked off in time: ${JSON.stringify(left)}`);
    },
    async close() {
      await Promise.all([...background]);
      await telegram.stop();
      await db.close();
    },
  };
}

function percentiles(values: number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return {
    count: sorted.length,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: sorted.at(-1) ?? 0,
  };
}

type Load =
  | { kind: "rate"; perSecond: number }
  | { kind: "saturation"; senders: number; intakeOnly?: boolean };

/** Posts for `seconds` under `load`, then waits for the backlog and measures. */
async function phase(rig: Rig, name: string, load: Load, seconds: number): Promise<PhaseResult> {
  const answers: number[] = [];
  const postedAt = new Map<string, number>();
  let errors = 0;
  const [before] = await rig.db.query<{ n: number }>(
    "select count(*)::int as n from public.failed_updates",
  );
  const callsBefore = rig.telegram.calls.length;
  const checkoutPostedAt = new Map<string, number>();
  const postOne = async (update: Update) => {
    const message = update.message;
    const started = performance.now();
    if (update.pre_checkout_query) checkoutPostedAt.set(update.pre_checkout_query.id, started);
    // Texts without contacts and photos are relayed as copies (a masked text is a new message).
    if (message && (message.photo || !message.text?.includes("+7"))) {
      postedAt.set(`${message.chat.id}:${message.message_id}`, started);
    }
    try {
      answers.push(await rig.post(update));
    } catch {
      errors++;
    }
  };

  const intakeOnly = load.kind === "saturation" && load.intakeOnly === true;
  rig.defer(intakeOnly);
  const start = performance.now();
  if (load.kind === "rate") {
    // Open loop: one update every 1000/rate ms, whatever the answers take.
    const inFlight: Promise<void>[] = [];
    const total = Math.round(load.perSecond * seconds);
    for (let i = 0; i < total; i++) {
      const wait = start + (i * 1000) / load.perSecond - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      inFlight.push(postOne(rig.nextUpdate()));
    }
    await Promise.all(inFlight);
  } else {
    // Closed loop: senders post back to back.
    const end = start + seconds * 1000;
    await Promise.all(
      Array.from({ length: load.senders }, async () => {
        while (performance.now() < end) await postOne(rig.nextUpdate());
      }),
    );
  }
  const postingSeconds = (performance.now() - start) / 1000;
  rig.defer(false);
  // With intake only, processing is timed from the end of posting (the backlog alone).
  const processingFrom = intakeOnly ? performance.now() : start;
  await rig.drain(300_000);
  const drainedAfterSeconds = (performance.now() - processingFrom) / 1000;

  // A copy names the message it copies: that is how it is matched to its POST.
  const endToEnd: number[] = [];
  const checkout: number[] = [];
  for (const call of rig.telegram.calls.slice(callsBefore)) {
    if (call.method === "answerPreCheckoutQuery" && call.payload.ok === true) {
      const posted = checkoutPostedAt.get(String(call.payload.pre_checkout_query_id));
      if (posted !== undefined) checkout.push(call.at - posted);
    }
    if (call.method !== "copyMessage" || call.failed) continue;
    const posted = postedAt.get(`${call.payload.from_chat_id}:${call.payload.message_id}`);
    if (posted !== undefined) endToEnd.push(call.at - posted);
  }
  const [after] = await rig.db.query<{ n: number }>(
    "select count(*)::int as n from public.failed_updates",
  );
  return {
    name,
    acceptedPerSecond: answers.length / postingSeconds,
    answer: percentiles(answers),
    endToEnd: percentiles(endToEnd),
    drainedAfterSeconds,
    handledPerSecond: answers.length / drainedAfterSeconds,
    failed: errors + (after?.n ?? 0) - (before?.n ?? 0) + (postedAt.size - endToEnd.length) +
      (checkoutPostedAt.size - checkout.length),
    checkout: percentiles(checkout),
  };
}

export async function runWebhookBench(
  options: { seconds?: number; pairs?: number } = {},
): Promise<PhaseResult[]> {
  const seconds = options.seconds ?? 10;
  const pairs = options.pairs ?? 200;
  const results: PhaseResult[] = [];
  {
    const rig = await startRig(pairs, false);
    try {
      await phase(rig, "warm-up", { kind: "rate", perSecond: 50 }, 1);
      results.push(
        await phase(rig, "handler only: 100 updates/s", { kind: "rate", perSecond: 100 }, seconds),
      );
      results.push(
        await phase(rig, "handler only: webhook alone at saturation, 32 senders", {
          kind: "saturation",
          senders: 32,
          intakeOnly: true,
        }, seconds),
      );
      results.push(
        await phase(rig, "handler only: saturation with processing, 32 senders", {
          kind: "saturation",
          senders: 32,
        }, seconds),
      );
    } finally {
      await rig.close();
    }
  }
  {
    // Production pacing: Telegram allows ~30 messages/s per bot and 1/s per chat, so the
    // end-to-end figure is taken at a rate the Bot API can carry.
    const rig = await startRig(pairs, true);
    try {
      await phase(rig, "warm-up", { kind: "rate", perSecond: 20 }, 1);
      results.push(
        await phase(rig, "paced: 20 updates/s", { kind: "rate", perSecond: 20 }, seconds),
      );
      results.push(
        await phase(rig, "paced: 100 updates/s (answers only)", {
          kind: "rate",
          perSecond: 100,
        }, Math.min(seconds, 3)),
      );
      // Payments: a pre-checkout query must be answered within Telegram's 10 s while the
      // relays of 100 updates/s queue behind the message limits.
      rig.withCheckouts(true);
      results.push(
        await phase(rig, "paced: 100 updates/s with pre-checkout queries", {
          kind: "rate",
          perSecond: 100,
        }, seconds),
      );
      rig.withCheckouts(false);
    } finally {
      await rig.close();
    }
  }
  return results;
}

export function engineName(): string {
  return realPostgres ? "PostgreSQL 15 (native, local)" : "PGlite (in memory)";
}

export function toRows(results: PhaseResult[]): BenchRow[] {
  const ms = (p: Percentiles) =>
    `${p.p50.toFixed(1)} / ${p.p95.toFixed(1)} / ${p.p99.toFixed(1)} ms`;
  return results.flatMap((r) => [
    ...(r.checkout.count > 0
      ? [{
        metric: `${r.name}: POST to answerPreCheckoutQuery p50/p95/p99`,
        value: ms(r.checkout),
        note: `${r.checkout.count} queries, max ${r.checkout.max.toFixed(0)} ms`,
      }]
      : []),
    {
      metric: `${r.name}: webhook answer p50/p95/p99`,
      value: ms(r.answer),
      note: `${r.answer.count} updates, ${r.acceptedPerSecond.toFixed(0)}/s accepted, max ${
        r.answer.max.toFixed(1)
      } ms`,
    },
    {
      metric: `${r.name}: POST to relayed copy p50/p95/p99`,
      value: ms(r.endToEnd),
      note: `${r.endToEnd.count} copies, max ${r.endToEnd.max.toFixed(0)} ms`,
    },
    {
      metric: `${r.name}: all handled and sent after`,
      value: `${r.drainedAfterSeconds.toFixed(1)} s`,
      note: `${r.handledPerSecond.toFixed(0)} updates/s handled, ${r.failed} failed`,
    },
  ]);
}

export const webhookBench: BenchModule = {
  name: "webhook",
  async run(log) {
    log(`engine: ${engineName()}, 200 active chats`);
    return toRows(await runWebhookBench({ seconds: 10 }));
  },
};

if (import.meta.main) {
  const arg = (name: string) => Deno.args.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
  console.log(`engine: ${engineName()}`);
  console.log(
    formatTable(toRows(await runWebhookBench({ seconds: Number(arg("seconds") ?? 10) }))),
  );
}
