/**
 * Matching benchmarks on the embedded database (PGlite, Postgres in WASM):
 * 1. candidates_for() for one user among 100,000 queued profiles, and the HNSW nearest-neighbour
 *    path over their 384-d embeddings (latency and recall@10 against an exact scan);
 * 2. run_matching_tick() over 10,000 waiting users.
 * Matching v2 is on: 60 % of the profiles let their diary help (themes and mood in the score).
 * Results are printed (`deno task bench matching [--out=file.md]`).
 */
import type { SqlDb } from "../../shared/db/db.ts";
import { createTestDb } from "../support/test_db.ts";
import type { BenchModule, BenchRow } from "./table.ts";

const PROFILES = Number(Deno.env.get("BENCH_PROFILES") ?? 100_000);
const TICK_USERS = Number(Deno.env.get("BENCH_TICK_USERS") ?? 10_000);
const QUERIES = 200;
const HNSW_M = Number(Deno.env.get("BENCH_HNSW_M") ?? 12);
const HNSW_EF_CONSTRUCTION = Number(Deno.env.get("BENCH_HNSW_EF_CONSTRUCTION") ?? 40);
const EF_SEARCH = [40, 100];

/**
 * n complete profiles in SQL: 3-8 topics each with Zipf-like popularity (topic rank r drawn as
 * 78 * u^1.6), 1-2 of them weight 2; 70 % give 3-7 free hours in a row, in one of ten time
 * zones; 5 % are 16-17; embeddings are the normalised sum of their topics' random centroids plus
 * noise, so people with similar topics are near each other as with a real text model.
 */
export async function generateProfiles(
  db: SqlDb,
  n: number,
  options: { embeddings: boolean },
): Promise<void> {
  // Bulk load: foreign-key and row triggers off (superuser-only session setting; the UTC hour
  // mask the preferences trigger keeps is computed inline instead), back on before queueing.
  await db.exec(`
    set session_replication_role = replica;
    select setseed(0.42);
    insert into public.users (tg_id, pseudonym, bio, birth_year, utc_offset_minutes,
      rules_accepted_at, onboarding_step)
    select 800000000 + i, 'user_' || i, 'bio ' || i,
           case when random() < 0.05 then extract(year from now())::int - 16 - (random() < 0.5)::int
                else 1960 + floor(random() * 45)::int end,
           (array[180, 180, 180, 120, 240, 300, 0, 60, 420, 600])[1 + floor(random() * 10)::int],
           now(), 'done'
      from generate_series(1, ${n}) as i;

    create temp table bench_topic_rank as
      select id, row_number() over (order by md5(slug)) as rank from public.topics;
    insert into public.user_topics (user_id, topic_id, weight)
    select x.user_id, x.topic_id, case when x.n <= 1 + (x.k > 5)::int then 2 else 1 end
      from (
        select d.user_id, d.topic_id, d.k,
               row_number() over (partition by d.user_id order by d.draw) as n
          from (
            select distinct on (u.id, tr.id) u.id as user_id, tr.id as topic_id, g.draw, u.k
              from (select id, 3 + floor(random() * 6)::int as k from public.users) u
              cross join lateral generate_series(1, u.k + 4) as g(draw)
              cross join lateral (
                select 1 + floor((select count(*) from bench_topic_rank) * power(random(), 1.6) + 0 * g.draw)::int as r
              ) pick
              join bench_topic_rank tr on tr.rank = pick.r
             order by u.id, tr.id, g.draw
          ) d
      ) x
     where x.n <= x.k;

    insert into public.preferences (user_id, purpose, available_hours, available_utc_mask)
    select h.id, (array['support', 'support', 'advice', 'friendship'])[1 + floor(random() * 4)::int],
           h.hours, public.utc_hour_mask(h.hours, h.utc_offset_minutes)
      from (
        select u.id, u.utc_offset_minutes,
               case when random() < 0.3 then '{}'::smallint[]
               else (select array_agg(distinct h)::smallint[]
                       from (select (st.s + g) % 24 as h
                               from (select floor(random() * 24)::int + 0 * length(u.id::text) as s) st,
                                    generate_series(0, 2 + floor(random() * 5)::int) g) hh)
               end as hours
          from public.users u
      ) h;

    -- 60 % let their diary help: a portrait with 1-3 themes (a share of entries 0.1-0.7) and a
    -- recent mood, valence uniform in -0.8..0.8 plus 3 % very low (-0.7..-1); about 15 % of
    -- them end up at or below the acute threshold (-0.6).
    update public.users set diary_matching = true where random() < 0.6;
    insert into public.user_portraits (user_id, entry_count, valence_mean, arousal_mean, themes)
    select u.id, 3 + floor(random() * 30)::int,
           case when random() < 0.03 then -0.7 - random() * 0.3 else random() * 1.6 - 0.8 end,
           random(),
           (select jsonb_object_agg(tr.slug, round((0.1 + random() * 0.6)::numeric, 4))
              from (select t.slug from public.topics t
                     order by md5(t.slug || u.id::text) limit 1 + abs(hashtext(u.id::text)) % 3) tr)
      from public.users u
     where u.diary_matching;
    reset session_replication_role;
  `);
  if (options.embeddings) {
    await db.exec(`
      set session_replication_role = replica;
      create temp table bench_centroids as
        select t.id as topic_id,
               extensions.l2_normalize(array(
                 select random() - 0.5 + 0 * t.id from generate_series(1, 384)
               )::extensions.vector(384)) as v
          from public.topics t;
      create temp table bench_noise as
        select i, extensions.l2_normalize(array(
                 select (random() - 0.5) * 0.8 + 0 * i from generate_series(1, 384)
               )::extensions.vector(384)) as v
          from generate_series(0, 999) as i;
      insert into public.profile_embeddings (user_id, embedding, model)
      select s.user_id,
             extensions.l2_normalize(s.v operator(extensions.+) nz.v),
             'bench'
        from (
          select ut.user_id, extensions.sum(c.v) as v, abs(hashtext(ut.user_id::text)) % 1000 as noise
            from public.user_topics ut
            join bench_centroids c on c.topic_id = ut.topic_id
           group by ut.user_id
        ) s
        join bench_noise nz on nz.i = s.noise;
      reset session_replication_role;
    `);
  }
}

/**
 * Queues everyone, set-based, with the same snapshot enqueue_user() takes (topic vectors with
 * the diary's themes, the recent mood and the crisis guard from the same functions).
 */
export async function enqueueAll(db: SqlDb, spreadMinutes: number): Promise<void> {
  await db.exec(`
    select public.refresh_topic_idf();
    insert into public.match_queue (user_id, enqueued_at, expires_at, age_pool, arm, topic_bits,
      top_bits, utc_mask, helpfulness, topic_vec, purpose, valence, arousal, acute)
    select u.id, now() - random() * make_interval(mins => ${spreadMinutes}),
           now() + interval '20 hours', public.age_pool(u.birth_year),
           public.experiment_arm(u.id, 'matching_fallback'),
           t.bits, t.top, p.available_utc_mask, 0.5,
           public.user_topic_vector(u.id, cfg.value), p.purpose, mood.valence, mood.arousal,
           public.in_acute_crisis(u.id, mood.valence, cfg.value)
      from public.users u
      join (
        select user_id,
               bit_or(b'1'::bit(1024) >> (topic_id % 1024)) as bits,
               coalesce(bit_or(b'1'::bit(1024) >> (topic_id % 1024)) filter (where weight = 2),
                        b'0'::bit(1024)) as top
          from public.user_topics group by user_id
      ) t on t.user_id = u.id
      cross join (select public.matching_settings() as value) cfg
      left join public.preferences p on p.user_id = u.id
      left join lateral public.recent_mood(u.id, cfg.value) mood on true;
    analyze;
  `);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)} ms`;

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

async function candidateBench(log: (line: string) => void): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const db = await createTestDb();
  try {
    await db.exec("drop index public.profile_embeddings_hnsw_idx");
    const generate = await timed(() => generateProfiles(db, PROFILES, { embeddings: true }));
    log(`generated ${PROFILES} profiles with embeddings in ${ms(generate)}`);
    const enqueue = await timed(() => enqueueAll(db, 240));
    log(`queued them in ${ms(enqueue)}`);
    const [signal] = await db.query<{ diary: number; mood: number; acute: number }>(
      `select count(*) filter (where u.diary_matching)::int as diary,
              count(q.valence)::int as mood, count(*) filter (where q.acute)::int as acute
         from public.match_queue q join public.users u on u.id = q.user_id`,
    );
    log(
      `diary signal: ${signal!.diary} with diary themes, ${signal!.mood} with a mood, ${
        signal!.acute
      } acute`,
    );
    rows.push({
      metric: "setup",
      value: `${PROFILES} profiles`,
      note: `generate ${(generate / 1000).toFixed(1)} s, queue ${(enqueue / 1000).toFixed(1)} s`,
    });

    const sample = (await db.query<{ user_id: string }>(
      `select user_id from public.match_queue order by md5(user_id::text) limit ${QUERIES}`,
    )).map((r) => r.user_id);
    await db.query("select * from public.candidates_for($1, 10)", [sample[0]]);
    const latencies: number[] = [];
    let found = 0;
    for (const id of sample) {
      const started = performance.now();
      const result = await db.query("select * from public.candidates_for($1, 10)", [id]);
      latencies.push(performance.now() - started);
      if (result.length > 0) found++;
    }
    rows.push({
      metric: "candidates_for(user, 10) p50 / p95",
      value: `${ms(percentile(latencies, 50))} / ${ms(percentile(latencies, 95))}`,
      note: `${QUERIES} users, ${found} got candidates; queue of ${PROFILES}`,
    });

    const build = await timed(() =>
      db.exec(`
        set maintenance_work_mem = '512MB';
        create index profile_embeddings_hnsw_idx on public.profile_embeddings
          using hnsw (embedding extensions.vector_cosine_ops)
          with (m = ${HNSW_M}, ef_construction = ${HNSW_EF_CONSTRUCTION});
        analyze public.profile_embeddings;
      `)
    );
    log(`HNSW index (m=${HNSW_M}, ef_construction=${HNSW_EF_CONSTRUCTION}) built in ${ms(build)}`);
    rows.push({
      metric: "HNSW build",
      value: `${(build / 1000).toFixed(1)} s`,
      note: `${PROFILES} x 384-d, m=${HNSW_M}, ef_construction=${HNSW_EF_CONSTRUCTION}`,
    });

    const exact = new Map<string, Set<string>>();
    const exactTimes: number[] = [];
    for (const id of sample) {
      let ids: string[] = [];
      exactTimes.push(
        await timed(async () => {
          ids = await db.transaction(async (tx) => {
            await tx.exec("set local enable_indexscan = off");
            const result = await tx.query<{ user_id: string }>(
              `select e.user_id from public.profile_embeddings e
                order by e.embedding operator(extensions.<=>)
                         (select q.embedding from public.profile_embeddings q where q.user_id = $1)
                limit 10`,
              [id],
            );
            return result.map((r) => r.user_id);
          });
        }),
      );
      exact.set(id, new Set(ids));
    }
    rows.push({
      metric: "exact kNN@10 p50 / p95",
      value: `${ms(percentile(exactTimes, 50))} / ${ms(percentile(exactTimes, 95))}`,
      note: "sequential scan",
    });

    for (const ef of EF_SEARCH) {
      const times: number[] = [];
      let hits = 0;
      for (const id of sample) {
        let ids: string[] = [];
        times.push(
          await timed(async () => {
            ids = await db.transaction(async (tx) => {
              await tx.exec(
                `set local hnsw.ef_search = ${ef}; set local hnsw.iterative_scan = relaxed_order`,
              );
              const [q] = await tx.query<{ embedding: string }>(
                "select embedding::text from public.profile_embeddings where user_id = $1",
                [id],
              );
              const result = await tx.query<{ user_id: string }>(
                `select e.user_id from public.profile_embeddings e
                  order by e.embedding operator(extensions.<=>) $1::extensions.vector
                  limit 10`,
                [q!.embedding],
              );
              return result.map((r) => r.user_id);
            });
          }),
        );
        const truth = exact.get(id)!;
        hits += ids.filter((x) => truth.has(x)).length;
      }
      const recall = hits / (sample.length * 10);
      log(`HNSW ef_search=${ef}: recall@10 ${recall.toFixed(3)}`);
      rows.push({
        metric: `HNSW kNN@10 (ef_search=${ef}) p50 / p95`,
        value: `${ms(percentile(times, 50))} / ${ms(percentile(times, 95))}`,
        note: `recall@10 = ${recall.toFixed(3)} vs exact`,
      });
    }
    const plan = await db.transaction(async (tx) => {
      await tx.exec("set local hnsw.iterative_scan = relaxed_order");
      return await tx.query<Record<string, string>>(
        `explain select user_id from public.profile_embeddings
          order by embedding operator(extensions.<=>) (select embedding from public.profile_embeddings limit 1)
          limit 10`,
      );
    });
    const usesIndex = plan.some((r) =>
      Object.values(r)[0]!.includes("profile_embeddings_hnsw_idx")
    );
    rows.push({ metric: "HNSW query plan uses the index", value: String(usesIndex) });
  } finally {
    await db.close();
  }
  return rows;
}

async function tickBench(log: (line: string) => void): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const db = await createTestDb();
  try {
    // The tick never uses the HNSW index; inserting 10k rows into it one by one is slow.
    await db.exec("drop index public.profile_embeddings_hnsw_idx");
    await generateProfiles(db, TICK_USERS, { embeddings: true });
    await enqueueAll(db, 4);
    log(`${TICK_USERS} users waiting`);
    const [before] = await db.query<{ n: number }>(
      "select count(*)::int as n from public.match_queue",
    );
    let result: Record<string, number> = {};
    const first = await timed(async () => {
      result = await db.call<Record<string, number>>("run_matching_tick");
    });
    const [after] = await db.query<{ n: number }>(
      "select count(*)::int as n from public.match_queue",
    );
    log(`tick: ${ms(first)}, ${result.pairs} pairs`);
    rows.push({
      metric: `run_matching_tick() over ${before!.n} waiting`,
      value: ms(first),
      note: `${result.pairs} pairs made, ${after!.n} left waiting`,
    });
    // The rest of a cold start: the next ticks (pg_cron runs one every 10 s) until one pairs
    // nobody.
    let drained = Number(result.pairs);
    let ticks = 1;
    let slowest = 0;
    for (let i = 0; i < 6; i++) {
      const took = await timed(async () => {
        result = await db.call<Record<string, number>>("run_matching_tick");
      });
      slowest = Math.max(slowest, took);
      ticks++;
      drained += Number(result.pairs);
      if (Number(result.pairs) === 0) break;
    }
    const [left] = await db.query<{ n: number }>(
      "select count(*)::int as n from public.match_queue",
    );
    rows.push({
      metric: `following ticks until one pairs nobody`,
      value: `slowest ${ms(slowest)}`,
      note: `${ticks} ticks in all, ${drained} pairs, ${left!.n} left waiting`,
    });

    // Nobody can be paired: one distinct topic each, so every search reads its whole window.
    await db.exec(`
      delete from public.match_members;
      delete from public.matches;
      truncate public.outbox;
      delete from public.match_queue;
      insert into public.match_queue (user_id, enqueued_at, expires_at, age_pool, arm, topic_bits,
        top_bits, topic_vec, utc_mask, helpfulness)
      select u.id, now() - random() * interval '4 minutes', now() + interval '20 hours', 'adult',
             'strict', b'1'::bit(1024) >> (abs(hashtext(u.id::text)) % 1000), b'0'::bit(1024),
             ('{' || (abs(hashtext(u.id::text)) % 1000 + 1) || ':1}/1024')::extensions.sparsevec,
             null, 0.5
        from public.users u;
      analyze public.match_queue;
    `);
    const sweep = await timed(async () => {
      result = await db.call<Record<string, number>>("run_matching_tick");
    });
    rows.push({
      metric: `tick, ${TICK_USERS} waiting, none pairable, all due (full resweep)`,
      value: ms(sweep),
      note: `${result.pairs} pairs; exact searches stop at tick_budget_ms, the rest stay due`,
    });
    const steady = await timed(async () => {
      result = await db.call<Record<string, number>>("run_matching_tick");
    });
    rows.push({
      metric: `next tick (the people the budget did not reach)`,
      value: ms(steady),
      note: `${result.pairs} pairs`,
    });
    await db.exec(
      "update public.match_queue set tried_at = now() - random() * interval '660 seconds'",
    );
    const typical = await timed(async () => {
      result = await db.call<Record<string, number>>("run_matching_tick");
    });
    rows.push({
      metric: `steady tick, ${TICK_USERS} waiting, ~1/6 due`,
      value: ms(typical),
      note: `tried_at spread over the last 660 s; resweep_seconds = 600`,
    });
  } finally {
    await db.close();
  }
  return rows;
}

const NOTES = `## How matching works (what these figures measure)

- /find (find_partner) enqueues a snapshot of the profile (age pool, topic bit sets, UTC hour
  mask, helpfulness) and compares the newcomer with the queue in line order (up to
  enqueue_scan_limit rows, candidates_for): the first candidate_pool_size people who pass every
  rule are scored (weights from matching_config) and the best one is proposed.
- run_matching_tick() pairs people who are due (never tried since they were (re)queued, a
  soft-arm fallback that just began, or a last try older than resweep_seconds) in two passes,
  both greedy in queue order:
  1. sorted neighbourhood, set-based: the queue is sorted by topic set and by most-important
     topics; each person's next 3 neighbours in either order are candidate pairs (a pair needs
     one due person). Every rule is checked on each pair in SQL (age pool, shared topics with
     the soft fallback, UTC hours with the +-3 h tolerance, blocks, cooldown); the embedding
     tie-breaker is computed only for pairs within 2 x its weight of the person's best score. One
     plpgsql loop over the ordered pairs takes a pair when both people are free (a boolean array
     indexed by queue position); the chosen queue rows are locked with skip locked in one
     statement; proposals, members, events, both 'proposal' notifications (payload built
     set-based, with waited_seconds) and the queue deletes are one INSERT ... SELECT statement.
  2. the exact per-person search (candidates_for) for due people still waiting, until the tick
     has used tick_budget_ms (1200 ms); whoever it does not reach stays due for the next tick.
     So a cold start or a full resweep is spread over a few ticks, 10 s apart, instead of one
     long tick.
- Pass 1 finds ~85 % of the pairs the old per-person greedy made in one tick on a cold queue;
  the next tick (pass 1 again over those left, then pass 2) brings the total to about the same.
  Cost split on PGlite for the cold 10k tick: pass 1 query ~0.3 s + embedding tie-breaks
  ~0.3 s, writes for ~4,150 proposals ~0.9 s (of which foreign-key checks ~0.37 s). Native
  Postgres (Supabase) was not measured here.
- The HNSW rows measure the pgvector index over the same 100k profile embeddings (clustered by
  topic like real text embeddings): recall@10 against an exact scan. The matching score uses the
  embedding only as a 0.05 tie-breaker via primary-key lookups, so the tick does not need the
  index; it is there for "people like me" queries with hnsw.iterative_scan = relaxed_order.
`;

export const matchingBench: BenchModule = {
  name: "matching",
  async run(log) {
    const part = Deno.env.get("BENCH_MATCHING_PART");
    const tick = part === "candidates" ? [] : await tickBench(log);
    const candidates = part === "tick" ? [] : await candidateBench(log);
    const rows = [...tick, ...candidates];
    log("notes:");
    for (const line of NOTES.trim().split("\n")) log(line);
    return rows;
  },
};
