/**
 * /similar at scale: similar_people() for callers among BENCH_PROFILES (100,000) complete
 * profiles, 60 % with a diary portrait and half of those opted in, 5 % teens. Latency of the
 * whole call (filters, shown rows and cards included) through the HNSW index, the exact answer
 * by a sequential scan, and how many of the exact answer's people the call finds.
 *
 * Run alone: `deno run -A tests/bench/similar_bench.ts` (PGlite, or real PostgreSQL with
 * TEST_DATABASE_URL); also `deno task bench similar`.
 */
import type { SqlDb } from "../../shared/db/db.ts";
import { createTestDb } from "../support/test_db.ts";
import { type BenchRow, formatTable } from "./table.ts";
import type { BenchModule } from "./table.ts";

const PROFILES = Number(Deno.env.get("BENCH_PROFILES") ?? 100_000);
const QUERIES = Number(Deno.env.get("BENCH_QUERIES") ?? 200);

/**
 * Users with 3 topics each; 60 % have a portrait whose vector is the normalised sum of its 1-3
 * themes' random centroids plus noise (people writing about the same things are near each
 * other); half of those switched the diary on.
 */
export async function generate(db: SqlDb, n: number): Promise<void> {
  await db.exec(`
    set session_replication_role = replica;
    select setseed(0.24);
    insert into public.users (tg_id, pseudonym, birth_year, utc_offset_minutes,
      rules_accepted_at, onboarding_step, diary_matching)
    select 700000000 + i, 'user_' || i,
           case when random() < 0.05 then extract(year from now())::int - 17
                else 1960 + floor(random() * 45)::int end,
           180, now(), 'done', false
      from generate_series(1, ${n}) as i;
    insert into public.user_topics (user_id, topic_id, weight)
    select u.id, t.id, 1
      from public.users u
      cross join lateral (
        select t.id from public.topics t order by md5(t.slug || u.id::text) limit 3
      ) t;
    create temp table bench_centroids as
      select t.slug,
             extensions.l2_normalize(array(
               select random() - 0.5 + 0 * t.id from generate_series(1, 384)
             )::extensions.vector(384)) as v
        from public.topics t;
    create temp table bench_noise as
      select i, extensions.l2_normalize(array(
               select (random() - 0.5) + 0 * i from generate_series(1, 384)
             )::extensions.vector(384)) as v
        from generate_series(0, 999) as i;
    create temp table bench_themes as
      select u.id as user_id, tr.slug, round((0.2 + random() * 0.6)::numeric, 4) as weight
        from public.users u
        cross join lateral (
          select t.slug from public.topics t
           order by md5(t.slug || u.id::text || 'theme') limit 1 + abs(hashtext(u.id::text)) % 3
        ) tr
       where abs(hashtext(u.id::text || 'portrait')) % 10 < 6;
    insert into public.user_portraits (user_id, entry_count, themes, embedding, embedding_model)
    select th.user_id, 5, jsonb_object_agg(th.slug, th.weight),
           extensions.l2_normalize(
             extensions.sum(c.v) operator(extensions.+)
             (select nz.v from bench_noise nz where nz.i = abs(hashtext(th.user_id::text)) % 1000)
           ),
           'bench'
      from bench_themes th
      join bench_centroids c on c.slug = th.slug
     group by th.user_id;
    update public.users u set diary_matching = true
      from public.user_portraits p
     where p.user_id = u.id and abs(hashtext(u.id::text || 'opt')) % 2 = 0;
    reset session_replication_role;
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

async function run(log: (line: string) => void): Promise<BenchRow[]> {
  const db = await createTestDb();
  try {
    return await measure(db, log);
  } finally {
    await db.close();
  }
}

/** Loads the profiles into `db` (a fresh, migrated database) and measures. */
export async function measure(db: SqlDb, log: (line: string) => void): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  // Bulk load, then one index build (much faster than 60,000 inserts into the graph).
  await db.exec("drop index public.user_portraits_embedding_hnsw_idx");
  const loaded = await timed(() => generate(db, PROFILES));
  const built = await timed(() =>
    db.exec(`create index user_portraits_embedding_hnsw_idx on public.user_portraits
               using hnsw (embedding extensions.vector_cosine_ops); analyze;`)
  );
  const [shape] = await db.query<{ portraits: number; opted: number; teens: number }>(
    `select count(p.user_id)::int as portraits,
            count(*) filter (where u.diary_matching)::int as opted,
            count(*) filter (where u.diary_matching and public.age_pool(u.birth_year) = 'teen')::int
              as teens
       from public.users u left join public.user_portraits p on p.user_id = u.id`,
  );
  log(
    `${PROFILES} profiles, ${shape!.portraits} portraits, ${shape!.opted} opted in ` +
      `(${shape!.teens} teens); load ${ms(loaded)}, HNSW build ${ms(built)}`,
  );
  rows.push({
    metric: "setup",
    value: `${PROFILES} profiles`,
    note: `${shape!.opted} opted in, ${shape!.teens} of them teens; HNSW build ${
      (built / 1000).toFixed(1)
    } s`,
  });

  const callers = await db.query<{ tg_id: number; teen: boolean }>(
    `select u.tg_id, public.age_pool(u.birth_year) = 'teen' as teen
       from public.users u
      where u.diary_matching
      order by md5(u.id::text) limit ${QUERIES}`,
  );
  const similar = (tg: number) =>
    db.query<{ r: { people: Array<{ pseudonym: string }> } }>(
      "select public.similar_people($1) as r",
      [tg],
    );
  await similar(callers[0]!.tg_id);

  const indexed: number[] = [];
  const teenTimes: number[] = [];
  const found = new Map<number, string[]>();
  for (const caller of callers) {
    let names: string[] = [];
    const took = await timed(async () => {
      const [row] = await similar(caller.tg_id);
      names = row!.r.people.map((p) => p.pseudonym);
    });
    indexed.push(took);
    if (caller.teen) teenTimes.push(took);
    found.set(caller.tg_id, names);
  }
  rows.push({
    metric: "similar_people(user, 3) p50 / p95, HNSW",
    value: `${ms(percentile(indexed, 50))} / ${ms(percentile(indexed, 95))}`,
    note: `${callers.length} callers; the whole call (rules, shown rows, cards)`,
  });
  if (teenTimes.length > 0) {
    rows.push({
      metric: "  of which teen callers p50 / p95",
      value: `${ms(percentile(teenTimes, 50))} / ${ms(percentile(teenTimes, 95))}`,
      note: `${teenTimes.length} callers; most nearest rows are adults, skipped by the scan`,
    });
  }

  // The exact answer: every opted-in portrait of the caller's pool compared (a sequential
  // scan). The generated data has no blocks, chats, cooldowns or sanctions, so these columns
  // are the whole rule here.
  const exact: number[] = [];
  let hits = 0;
  let wanted = 0;
  for (const caller of callers.slice(0, Math.min(50, callers.length))) {
    let names: string[] = [];
    exact.push(
      await timed(async () => {
        names = await db.transaction(async (tx) => {
          await tx.exec("set local enable_indexscan = off; set local jit = off");
          const result = await tx.query<{ pseudonym: string }>(
            `with me as (
               select u.id, public.age_pool(u.birth_year) as pool, p.embedding
                 from public.users u join public.user_portraits p on p.user_id = u.id
                where u.tg_id = $1
             )
             select u.pseudonym
               from public.user_portraits p
               join public.users u on u.id = p.user_id, me
              where p.embedding is not null and u.id <> me.id and u.diary_matching
                and u.onboarding_step = 'done' and public.age_pool(u.birth_year) = me.pool
                and 1 - (p.embedding operator(extensions.<=>) me.embedding) >= 0.3
              order by p.embedding operator(extensions.<=>) me.embedding
              limit 3`,
            [caller.tg_id],
          );
          return result.map((r) => r.pseudonym);
        });
      }),
    );
    const viaIndex = new Set(found.get(caller.tg_id));
    hits += names.filter((name) => viaIndex.has(name)).length;
    wanted += names.length;
  }
  rows.push({
    metric: "the same 3 people by exact scan p50 / p95",
    value: `${ms(percentile(exact, 50))} / ${ms(percentile(exact, 95))}`,
    note: "what the call would cost without the index",
  });
  rows.push({
    metric: "similar_people recall@3 vs exact",
    value: wanted === 0 ? "n/a" : (hits / wanted).toFixed(3),
    note: `${wanted} people in the exact answers`,
  });

  const plan = await db.transaction(async (tx) => {
    await tx.exec("set local hnsw.iterative_scan = relaxed_order");
    return await tx.query<Record<string, string>>(
      `explain select u.id from public.user_portraits p join public.users u on u.id = p.user_id
        where p.embedding is not null and u.diary_matching and u.onboarding_step = 'done'
        order by p.embedding operator(extensions.<=>)
                 (select embedding from public.user_portraits where embedding is not null limit 1)
        limit 3`,
    );
  });
  rows.push({
    metric: "the nearest-portrait query uses the HNSW index",
    value: String(plan.some((r) => Object.values(r)[0]!.includes("embedding_hnsw_idx"))),
  });
  return rows;
}

export const similarBench: BenchModule = { name: "similar", run };

if (import.meta.main) {
  const rows = await run((line) => console.log(`  ${line}`));
  console.log(formatTable(rows));
}
