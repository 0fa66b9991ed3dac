/**
 * Diary benchmarks:
 * 1. the offline analysis of one entry (mood lexicon + theme detection) on 100- and
 *    2000-character diary entries made of our labelled sentences, p50/p95/p99, plus the worst
 *    of a set of hostile 4096-character inputs;
 * 2. the /mood chart for a realistic month (30 days of entries analysed and aggregated in SQL,
 *    mood_summary(), then moodReport(): the words and the PNG), cold and warm, light and dark,
 *    with the PNG's size;
 * 3. rebuilding every portrait from the domain event log (public.rebuild_portrait) for 10,000
 *    people whose diary events are generated in SQL, on PGlite and, when TEST_DATABASE_URL is
 *    set (`.ci/postgres.sh`), on the real PostgreSQL 15 too.
 * Results are printed; nothing is written (`deno task bench diary [--out=file.md]`).
 * Run alone: deno run -A tests/bench/diary_bench.ts
 */
import { analyzeMood } from "../../shared/diary/lexicon_analyzer.ts";
import { detectThemes } from "../../shared/diary/themes.ts";
import { moodReport, type MoodSummary } from "../../shared/diary/mood_report.ts";
import { loadI18n } from "../../shared/bot/texts.ts";
import { translatorFor } from "../../shared/notifications/translate.ts";
import type { SqlDb } from "../../shared/db/db.ts";
import { openPgliteDb } from "../../shared/db/pglite_db.ts";
import { onboardUser } from "../chat/fixtures.ts";
import { HELD_OUT, TUNING } from "../diary/mood_corpus.ts";
import { createTestDb, realPostgres } from "../support/test_db.ts";
import { type BenchModule, type BenchRow, formatTable } from "./table.ts";

const PORTRAIT_USERS = Number(Deno.env.get("BENCH_PORTRAIT_USERS") ?? 10_000);
const CHART_RUNS = 40;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const ms = (value: number) => `${value.toFixed(value < 10 ? 3 : 0)} ms`;

function spread(values: number[]): string {
  return `p50 ${ms(percentile(values, 50))}, p95 ${ms(percentile(values, 95))}, p99 ${
    ms(percentile(values, 99))
  }`;
}

async function timed<T>(fn: () => Promise<T> | T): Promise<[T, number]> {
  const started = performance.now();
  const result = await fn();
  return [result, performance.now() - started];
}

// ---------------------------------------------------------------------------------------------
// 1. The offline analysis

/**
 * `count` different diary entries of exactly `length` characters (code points), each a run of
 * consecutive corpus sentences starting at a different one, cut at the length.
 */
function entries(length: number, count: number): string[] {
  const sentences = [...TUNING, ...HELD_OUT].map((s) => s.text).filter((s) => s.length > 0);
  return Array.from({ length: count }, (_, i) => {
    let text = "";
    for (let k = i; text.length < length * 2; k++) text += `${sentences[k % sentences.length]} `;
    return Array.from(text).slice(0, length).join("");
  });
}

function hostileInputs(): string[] {
  const pieces = [
    "\u0000",
    "\u200b",
    "\u202e",
    "\ufeff",
    "\ud800",
    "гpуcтнo",
    "(",
    ")",
    "!!!",
    "не ",
    "нет сил ",
    "😭",
    "ＡＢＣ",
    "а\u0301",
  ];
  let mixed = "";
  for (let i = 0; mixed.length < 4096; i++) mixed += pieces[(i * 7) % pieces.length];
  return [
    mixed.slice(0, 4096),
    "(".repeat(4096),
    "не ".repeat(1365),
    "нет сил ".repeat(512),
    "ооооооо".repeat(585),
    "😭".repeat(2048),
    "грустно-".repeat(512),
    "гру\u200bстно ".repeat(512),
  ];
}

function analysisBench(log: (line: string) => void): BenchRow[] {
  const rows: BenchRow[] = [];
  const short = entries(100, 200);
  const long = entries(2000, 50);
  const started = performance.now();
  analyzeMood({ text: short[0]! });
  detectThemes(short[0]!);
  const cold = performance.now() - started;
  rows.push({
    metric: "analysis, first call in this process",
    value: ms(cold),
    note: "builds the lexicon indexes; warm already if another bench ran first (run alone)",
  });
  for (
    const [name, texts, rounds] of [["100 chars", short, 10], ["2000 chars", long, 10]] as const
  ) {
    // Warm-up: one pass over every text.
    for (const text of texts) {
      analyzeMood({ text });
      detectThemes(text);
    }
    const both: number[] = [];
    const moodOnly: number[] = [];
    const themesOnly: number[] = [];
    for (let round = 0; round < rounds; round++) {
      for (const [i, text] of texts.entries()) {
        const pick = i % 5 === 0 ? "scale_2" as const : null;
        let started = performance.now();
        analyzeMood({ text, pick });
        detectThemes(text);
        both.push(performance.now() - started);
        started = performance.now();
        analyzeMood({ text, pick });
        moodOnly.push(performance.now() - started);
        started = performance.now();
        detectThemes(text);
        themesOnly.push(performance.now() - started);
      }
    }
    log(`analysis ${name}: ${texts.length} different entries x ${rounds} rounds`);
    rows.push(
      {
        metric: `analyse an entry (mood + themes), ${name}`,
        value: spread(both),
        note: `${both.length} runs over ${texts.length} different entries`,
      },
      { metric: `  mood lexicon alone, ${name}`, value: spread(moodOnly) },
      { metric: `  theme detection alone, ${name}`, value: spread(themesOnly) },
    );
  }
  let worst = 0;
  let worstLength = 0;
  for (const text of hostileInputs()) {
    analyzeMood({ text }); // warm
    const times: number[] = [];
    for (let k = 0; k < 5; k++) {
      const started = performance.now();
      analyzeMood({ text });
      detectThemes(text);
      times.push(performance.now() - started);
    }
    const median = percentile(times, 50);
    if (median > worst) [worst, worstLength] = [median, text.length];
  }
  rows.push({
    metric: "analyse, worst hostile input (median of 5)",
    value: ms(worst),
    note:
      `${hostileInputs().length} inputs of ~4096 chars (NUL, bidi, look-alikes, "(" x4096, "не " x1365...); worst is ${worstLength} chars`,
  });
  return rows;
}

// ---------------------------------------------------------------------------------------------
// 2. The /mood chart

/** One person with a month of diary: 1-3 entries on 26 of the last 30 days, analysed. */
async function monthOfDiary(db: SqlDb): Promise<number> {
  const person = await onboardUser(db, 898_001);
  const sentences = [...TUNING, ...HELD_OUT];
  let message = 1;
  let k = 0;
  for (let daysAgo = 29; daysAgo >= 0; daysAgo--) {
    if ([3, 9, 16, 22].includes(daysAgo)) continue;
    for (let n = 0; n < 1 + (daysAgo % 3 === 0 ? 2 : daysAgo % 2); n++) {
      const sample = sentences[(k++ * 37) % sentences.length]!;
      await db.call("start_diary", { p_tg_id: person.id, p_pick: sample.pick ?? null });
      const added = await db.call<{ entry_id: string }>("add_diary_entry", {
        p_tg_id: person.id,
        p_message_id: message++,
        p_body: sample.text,
      });
      await db.query(
        "update public.diary_entries set local_date = local_date - $2::int where id = $1",
        [added.entry_id, daysAgo],
      );
      const mood = analyzeMood({ text: sample.text, pick: sample.pick });
      await db.call("record_mood_analysis", {
        p_entry_id: added.entry_id,
        p_valence: mood.valence,
        p_arousal: mood.arousal,
        p_labels: mood.labels,
        p_analyzer: mood.analyzer,
        p_version: mood.version,
        p_themes: detectThemes(sample.text),
      });
    }
  }
  return person.id;
}

async function chartBench(log: (line: string) => void): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const db = await openPgliteDb("memory://");
  try {
    const tgId = await monthOfDiary(db);
    const summaryTimes: number[] = [];
    let summary!: MoodSummary;
    for (let i = 0; i < 20; i++) {
      const [result, took] = await timed(() =>
        db.call<MoodSummary>("mood_summary", { p_tg_id: tgId })
      );
      summary = result;
      summaryTimes.push(took);
    }
    const days = summary.days.filter((d) => d.entries > 0).length;
    log(
      `a month of diary: ${summary.entries_total} entries on ${days} of 30 days, ${summary.top_labels.length} top labels`,
    );
    rows.push({
      metric: "mood_summary() (SQL, PGlite)",
      value: spread(summaryTimes),
      note: `${summary.entries_total} entries on ${days} of 30 days, from the aggregates`,
    });
    const t = translatorFor(await loadI18n());
    const rssBefore = Deno.memoryUsage().rss;
    const [coldReport, cold] = await timed(() => moodReport(t, summary, "light"));
    if (!coldReport.png) throw new Error("the chart did not render");
    rows.push({
      metric: "/mood report, first render in this process (cold)",
      value: ms(cold),
      note: "reads the fonts, compiles resvg's wasm, then renders (light)",
    });
    for (const theme of ["light", "dark"] as const) {
      const times: number[] = [];
      let size = 0;
      for (let i = 0; i < CHART_RUNS; i++) {
        const [report, took] = await timed(() => moodReport(t, summary, theme));
        times.push(took);
        size = report.png!.length;
      }
      rows.push({
        metric: `/mood report (words + PNG), warm, ${theme}`,
        value: `p50 ${ms(percentile(times, 50))}, p95 ${ms(percentile(times, 95))}`,
        note: `${CHART_RUNS} renders`,
      });
      rows.push({
        metric: `  PNG size, ${theme}`,
        value: `${size} bytes (${(size / 1024).toFixed(1)} KiB)`,
        note: "1080x1440",
      });
    }
    const rssAfter = Deno.memoryUsage().rss;
    rows.push({
      metric: "  process RSS growth over the renders",
      value: `${((rssAfter - rssBefore) / 1048576).toFixed(0)} MiB`,
      note: `RSS now ${(rssAfter / 1048576).toFixed(0)} MiB (PGlite included); Edge limit 256 MB`,
    });
  } finally {
    await db.close();
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// 3. Portrait rebuild from the log

/**
 * `n` people (tg ids from 700,000,001) with diary events as record_mood_analysis and
 * delete_diary_entry log them: per person 1-70 analysed entries (1 + 70 * u^3: mean ~18.5,
 * ~11 % over the portrait's 50), each logged as diary.entry_created, mood.analyzed (valence,
 * arousal, 0-3 labels, 0-2 catalogue themes) and portrait.updated; ~10 % of the entries deleted
 * later (diary.entry_deleted). Events of everyone are interleaved in time order, as in
 * production. Returns the event count and what the fold must give for people without eviction.
 */
async function generateDiaryLog(db: SqlDb, n: number): Promise<{ events: number }> {
  await db.exec(`
    select setseed(0.17);
    insert into public.users (tg_id, pseudonym, birth_year, utc_offset_minutes, rules_accepted_at,
                              onboarding_step, onboarding_completed_at)
    select 700000000 + i, 'bench_' || i, 1990, 180, now(), 'done', now()
      from generate_series(1, ${n}) as i;

    create temp table bench_slugs as
      select array_agg(slug order by slug) as slugs from public.topics;

    create temp table bench_entries as
      select u.id as user_id, gen_random_uuid() as entry_id,
             now() - interval '180 days' + random() * interval '179 days' as at,
             random() < 0.1 as deleted,
             round((random() * 2 - 1)::numeric, 4) as valence,
             round(random()::numeric, 4) as arousal
        from (
          select id, 1 + floor(70 * power(random(), 3))::int as k
            from public.users where tg_id > 700000000
        ) u
        cross join lateral generate_series(1, u.k) as g;

    create temp table bench_events as
      select e.at, e.user_id, 'diary.entry_created' as event,
             jsonb_build_object('entry_id', e.entry_id, 'local_date', e.at::date, 'pick', null,
                                'length', 40 + floor(random() * 400)::int) as data
        from bench_entries e
      union all
      select e.at + interval '1 second', e.user_id, 'mood.analyzed',
             jsonb_build_object(
               'entry_id', e.entry_id, 'local_date', e.at::date,
               'valence', e.valence, 'arousal', e.arousal,
               'labels', coalesce((
                 select jsonb_agg(jsonb_build_object('label', l, 'score',
                                                     round((0.3 + random() * 0.7)::numeric, 4)))
                   from unnest(array['joy', 'sadness', 'anxiety', 'anger', 'loneliness',
                                     'tiredness', 'gratitude', 'calm', 'hope', 'shame']) l
                  where random() < 0.15 + 0 * length(e.entry_id::text)
               ), '[]'::jsonb),
               'themes', coalesce((
                 select jsonb_agg(jsonb_build_object('slug', s, 'weight',
                                                     round((0.2 + random() * 0.8)::numeric, 4)))
                   from (
                     select s.slugs[1 + floor(random() * array_length(s.slugs, 1))::int] as s
                       from bench_slugs s, generate_series(1, floor(random() * 3)::int + 0 * length(e.entry_id::text))
                   ) picked
               ), '[]'::jsonb),
               'analyzer', 'lexicon-ru', 'version', '1.0.0')
        from bench_entries e
      union all
      select e.at + interval '2 seconds', e.user_id, 'portrait.updated',
             jsonb_build_object('entry_count', 1, 'valence_mean', e.valence,
                                'arousal_mean', e.arousal, 'labels', '{}'::jsonb,
                                'themes', '{}'::jsonb, 'after_event', 0)
        from bench_entries e
      union all
      select e.at + random() * interval '10 days', e.user_id, 'diary.entry_deleted',
             jsonb_build_object('entry_id', e.entry_id)
        from bench_entries e
       where e.deleted;

    insert into public.domain_events (occurred_at, user_id, event, data)
    select at, user_id, event, data from bench_events order by at, event;
    analyze public.domain_events;
    analyze public.users;
  `);
  const [row] = await db.query<{ n: number }>("select count(*)::int as n from bench_events");
  return { events: row!.n };
}

async function rebuildBench(
  db: SqlDb,
  engine: string,
  log: (line: string) => void,
): Promise<BenchRow[]> {
  const [generated, generate] = await timed(() => generateDiaryLog(db, PORTRAIT_USERS));
  log(
    `${engine}: ${PORTRAIT_USERS} people, ${generated.events} diary events generated in ${
      (generate / 1000).toFixed(1)
    } s`,
  );
  // The fold must give, for people with at most 50 entries (no eviction), one portrait entry per
  // entry not deleted: a check that the generated log is what rebuild_portrait expects.
  const [expected] = await db.query<{ users: number; entries: number }>(`
    select count(*)::int as users, coalesce(sum(live), 0)::int as entries
      from (
        select user_id, count(*) filter (where not deleted) as live
          from bench_entries group by user_id having count(*) <= 50
      ) x
  `);
  const [all, total] = await timed(() =>
    db.query<{ users: number; entries: number; small: number }>(`
      select count(*)::int as users,
             sum((r ->> 'entry_count')::int)::int as entries,
             sum((r ->> 'entry_count')::int) filter (where k.n <= 50)::int as small
        from (
          select u.id, public.rebuild_portrait(u.id) as r
            from public.users u where u.tg_id > 700000000
        ) p
        join (select user_id, count(*) as n from bench_entries group by user_id) k
          on k.user_id = p.id
    `)
  );
  const result = all[0]!;
  if (result.users !== PORTRAIT_USERS || result.small !== expected!.entries) {
    throw new Error(`rebuild gave ${JSON.stringify(result)}, expected ${JSON.stringify(expected)}`);
  }
  const sample = (await db.query<{ id: string }>(
    `select id from public.users where tg_id > 700000000 order by md5(id::text) limit 300`,
  )).map((r) => r.id);
  const single: number[] = [];
  for (const id of sample) {
    const [, took] = await timed(() => db.query("select public.rebuild_portrait($1)", [id]));
    single.push(took);
  }
  return [
    {
      metric: `${engine}: rebuild every portrait from the log`,
      value: `${(total / 1000).toFixed(1)} s for ${PORTRAIT_USERS} people`,
      note: `${
        (total / PORTRAIT_USERS).toFixed(2)
      } ms per person; one statement; ${generated.events} events, ${result.entries} portrait entries`,
    },
    {
      metric: `${engine}: rebuild_portrait(one person), one call each`,
      value: `p50 ${ms(percentile(single, 50))}, p95 ${ms(percentile(single, 95))}`,
      note: `${sample.length} people at random, round trip included`,
    },
  ];
}

async function portraitBench(log: (line: string) => void): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  // BENCH_PORTRAIT_ENGINES=pglite or =postgres runs one of the two.
  const engines = Deno.env.get("BENCH_PORTRAIT_ENGINES") ?? "pglite,postgres";
  if (engines.includes("pglite")) {
    const pglite = await openPgliteDb("memory://");
    try {
      rows.push(...await rebuildBench(pglite, "PGlite", log));
    } finally {
      await pglite.close();
    }
  }
  if (!engines.includes("postgres")) return rows;
  if (realPostgres) {
    const pg = await createTestDb();
    try {
      rows.push(...await rebuildBench(pg, "PostgreSQL 15", log));
    } finally {
      await pg.close();
    }
  } else {
    log("PostgreSQL 15: skipped (TEST_DATABASE_URL is not set; see .ci/postgres.sh)");
  }
  return rows;
}

export const diaryBench: BenchModule = {
  name: "diary",
  async run(log) {
    const part = Deno.env.get("BENCH_DIARY_PART");
    const rows: BenchRow[] = [];
    if (!part || part === "analysis") rows.push(...analysisBench(log));
    if (!part || part === "chart") rows.push(...await chartBench(log));
    if (!part || part === "portrait") rows.push(...await portraitBench(log));
    return rows;
  },
};

if (import.meta.main) {
  const rows = await diaryBench.run((line) => console.log(`  ${line}`));
  console.log(formatTable(rows));
}
