/**
 * Event benchmarks (`deno task bench events [--out=file.md]`), on PGlite, or on PostgreSQL with
 * TEST_DATABASE_URL set:
 * 1. one event of 300 confirmed participants (groups of at most 12, 5 rounds): the step from
 *    "confirmation closed" to READY — releases, balanced groups, every group's circle-method
 *    schedule and 300 schedule cards — and how long a round start takes to send: the messages
 *    it queues, at Telegram's ~30 messages a second;
 * 2. the state machine's tick with 100 events live (20 participants each): when a round opens
 *    in all of them at once, and a steady tick with nothing due.
 * Profiles come from the matching benchmark's generator (Zipf topics, portraits, diaries).
 */
import type { SqlDb } from "../../shared/db/db.ts";
import { createTestDb } from "../support/test_db.ts";
import { generateProfiles } from "./matching_bench.ts";
import { type BenchModule, type BenchRow, formatTable } from "./table.ts";

/** Telegram's broadcast limit: about 30 messages a second across all chats. */
const TELEGRAM_MESSAGES_PER_SECOND = 30;

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

/** An event starting in `startsInSeconds`, with `users` confirmed, in state reg_confirm. */
async function confirmedEvent(
  db: SqlDb,
  users: string[],
  startsInSeconds: number,
  rounds: number,
): Promise<string> {
  const [event] = await db.query<{ id: string }>(
    `insert into public.events (title, starts_at, rounds, capacity, group_size, state)
     values ('Бенчмарк', now() + make_interval(secs => $1), $2, 300, 12, 'reg_confirm')
     returning id`,
    [startsInSeconds, rounds],
  );
  await db.query(
    `insert into public.event_registrations (event_id, user_id, status, confirmed_at)
     select $1, u, 'confirmed', now() from unnest($2::uuid[]) u`,
    [event!.id, `{${users.join(",")}}`],
  );
  return event!.id;
}

async function outboxCount(db: SqlDb, kinds: string[]): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    "select count(*)::int as n from public.outbox where kind = any($1::text[])",
    [`{${kinds.join(",")}}`],
  );
  return row!.n;
}

async function bigEvent(log: (line: string) => void): Promise<BenchRow[]> {
  const db = await createTestDb();
  try {
    await generateProfiles(db, 300, { embeddings: false });
    await db.exec("select public.refresh_topic_idf()");
    const users = (await db.query<{ id: string }>("select id from public.users")).map((r) => r.id);
    // Confirmation closes now: the next tick makes the event READY.
    const eventId = await confirmedEvent(db, users, 3 * 3600 - 5, 5);
    let result: Record<string, number> = {};
    const ready = await timed(async () => {
      result = await db.call<Record<string, number>>("advance_events");
    });
    const groups = await db.query<{ n: number }>(
      `select count(*)::int as n from public.event_registrations
        where event_id = $1 group by group_no order by 1`,
      [eventId],
    );
    const cards = await outboxCount(db, ["event_schedule"]);
    log(`300 participants -> ready in ${ready.toFixed(0)} ms (${result.ready} event)`);

    // The schedule alone, built again from scratch.
    await db.query("delete from public.event_pairs where event_id = $1", [eventId]);
    const schedule = await timed(() =>
      db.query("select public.build_event_schedule($1)", [eventId])
    );

    // The first round opens: what it queues, and how long Telegram's limit makes sending it.
    await db.query("delete from public.outbox");
    await db.query(
      "update public.events set starts_at = now() - interval '5 seconds' where id = $1",
      [
        eventId,
      ],
    );
    const open = await timed(() => db.call("advance_events"));
    const burst = await outboxCount(db, ["event_round", "event_bye"]);
    await db.query("delete from public.outbox");
    await db.query(
      "update public.events set starts_at = now() - interval '5 minutes 5 seconds' where id = $1",
      [eventId],
    );
    const close = await timed(() => db.call("advance_events"));
    const closing = await outboxCount(db, ["event_round_ended"]);
    return [
      {
        metric: "300 confirmed -> READY (groups, schedules, 300 cards)",
        value: `${ready.toFixed(0)} ms`,
        note: `${groups.length} groups of ${groups[0]!.n}-${groups.at(-1)!.n}; ${cards} cards`,
      },
      {
        metric: "build_event_schedule alone, 300 people, 5 rounds",
        value: `${schedule.toFixed(0)} ms`,
        note: "8 seatings tried per group; blocks, cooldowns and met-before pairs checked",
      },
      {
        metric: "round start: SQL (relays opened, messages queued)",
        value: `${open.toFixed(0)} ms`,
        note: `${burst} messages queued`,
      },
      {
        metric: `round start: sending at ${TELEGRAM_MESSAGES_PER_SECOND} messages/s`,
        value: `${(burst / TELEGRAM_MESSAGES_PER_SECOND).toFixed(1)} s`,
        note: "the last participant hears of the round this long after the first",
      },
      {
        metric: "round end: SQL (relays closed, pause messages queued)",
        value: `${close.toFixed(0)} ms`,
        note: `${closing} messages, ${
          (closing / TELEGRAM_MESSAGES_PER_SECOND).toFixed(1)
        } s to send`,
      },
    ];
  } finally {
    await db.close();
  }
}

async function manyEvents(log: (line: string) => void): Promise<BenchRow[]> {
  const db = await createTestDb();
  try {
    await generateProfiles(db, 2000, { embeddings: false });
    await db.exec("select public.refresh_topic_idf()");
    const users = (await db.query<{ id: string }>("select id from public.users order by id"))
      .map((r) => r.id);
    for (let e = 0; e < 100; e++) {
      await confirmedEvent(db, users.slice(e * 20, e * 20 + 20), 3 * 3600 - 5, 5);
    }
    const ready = await timed(() => db.call("advance_events"));
    log(`100 events of 20 -> ready in ${ready.toFixed(0)} ms`);
    await db.query("update public.events set starts_at = now() - interval '5 seconds'");
    const opening = await timed(() => db.call("advance_events"));
    const [open] = await db.query<{ n: number }>(
      "select count(*)::int as n from public.matches where event_id is not null and state = 'active'",
    );
    const steady: number[] = [];
    for (let i = 0; i < 10; i++) steady.push(await timed(() => db.call("advance_events")));
    steady.sort((a, b) => a - b);
    return [
      {
        metric: "tick, 100 events becoming READY at once (2,000 people)",
        value: `${ready.toFixed(0)} ms`,
      },
      {
        metric: "tick, 100 running events opening a round at once",
        value: `${opening.toFixed(0)} ms`,
        note: `${open!.n} relays opened`,
      },
      {
        metric: "steady tick, 100 running events, nothing due (p50 / max of 10)",
        value: `${steady[5]!.toFixed(0)} / ${steady[9]!.toFixed(0)} ms`,
        note: "silence checks included",
      },
    ];
  } finally {
    await db.close();
  }
}

export const eventsBench: BenchModule = {
  name: "events",
  async run(log) {
    return [...await bigEvent(log), ...await manyEvents(log)];
  },
};

if (import.meta.main) {
  console.log(formatTable(await eventsBench.run(console.log)));
}
