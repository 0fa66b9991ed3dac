/**
 * Helpers for the diary's database tests: writing entries the way the bot does (writing mode,
 * then the offline analysis), the mood aggregates recomputed from scratch in TypeScript, and
 * running SQL as a PostgREST role.
 */
import assert from "node:assert/strict";
import { analyseEntry } from "../../shared/diary/analysis.ts";
import { createLexiconAnalyzer } from "../../shared/diary/lexicon_analyzer.ts";
import type { MoodPick } from "../../shared/diary/mood.ts";
import { DbError, type SqlDb } from "../../shared/db/db.ts";

const analyzer = createLexiconAnalyzer();
let nextMessageId = 1;

/** /diary (with an optional pick), one message, then its analysis, as the bot does them. */
export async function writeEntry(
  db: SqlDb,
  tgId: number,
  text: string,
  options: { pick?: MoodPick | null; analyse?: boolean } = {},
): Promise<{ id: string; messageId: number }> {
  const pick = options.pick ?? null;
  await db.call("start_diary", { p_tg_id: tgId, p_pick: pick });
  const messageId = nextMessageId++;
  const added = await db.call<{ status: string; entry_id: string }>("add_diary_entry", {
    p_tg_id: tgId,
    p_message_id: messageId,
    p_body: text,
  });
  assert.equal(added.status, "ok", JSON.stringify(added));
  if (options.analyse ?? true) {
    await analyseEntry({ db, analyzer }, { id: added.entry_id, text, pick });
  }
  return { id: added.entry_id, messageId };
}

/** A Telegram edit of the entry's message, then its new analysis (what the bot does). */
export async function editEntry(
  db: SqlDb,
  tgId: number,
  entry: { id: string; messageId: number },
  text: string,
): Promise<void> {
  const edited = await db.call<{ status: string; pick: MoodPick | null }>("edit_diary_entry", {
    p_tg_id: tgId,
    p_message_id: entry.messageId,
    p_body: text,
  });
  assert.equal(edited.status, "ok", JSON.stringify(edited));
  await analyseEntry({ db, analyzer }, { id: entry.id, text, pick: edited.pick });
}

export interface AggregateRow {
  user_id: string;
  period: "day" | "week" | "month";
  period_start: string;
  entries: number;
  valence_sum: number;
  arousal_sum: number;
  label_counts: Record<string, number>;
}

/** What mood_aggregates holds, in a stable order (dates as text: no driver time zone games). */
export async function storedAggregates(db: SqlDb, userIds?: string[]): Promise<AggregateRow[]> {
  const rows = await db.query<AggregateRow>(
    `select user_id::text, period, period_start::text, entries, valence_sum, arousal_sum,
            label_counts
       from public.mood_aggregates
      where $1::uuid[] is null or user_id = any($1::uuid[])
      order by user_id, period, period_start`,
    [userIds ? `{${userIds.join(",")}}` : null],
  );
  return rows.map((r) => ({
    ...r,
    valence_sum: Number(r.valence_sum),
    arousal_sum: Number(r.arousal_sum),
  }));
}

/** The Monday of the ISO week of a calendar date ("2026-11-29" (a Sunday) -> "2026-11-23"). */
export function isoWeekStart(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - sinceMonday * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The aggregates from scratch, in TypeScript: every analysed entry of the users counted in its
 * local day, ISO week and month. Independent of the SQL that keeps them incrementally.
 */
export async function recomputedAggregates(
  db: SqlDb,
  userIds?: string[],
): Promise<AggregateRow[]> {
  const entries = await db.query<{
    user_id: string;
    local_date: string;
    valence: number;
    arousal: number;
    labels: Array<{ label: string }>;
  }>(
    `select user_id::text, local_date::text, valence, arousal, labels
       from public.diary_entries
      where analyzed_at is not null and ($1::uuid[] is null or user_id = any($1::uuid[]))`,
    [userIds ? `{${userIds.join(",")}}` : null],
  );
  const buckets = new Map<string, AggregateRow>();
  for (const e of entries) {
    const starts: Array<[AggregateRow["period"], string]> = [
      ["day", e.local_date],
      ["week", isoWeekStart(e.local_date)],
      ["month", `${e.local_date.slice(0, 7)}-01`],
    ];
    for (const [period, start] of starts) {
      const key = `${e.user_id}|${period}|${start}`;
      const row = buckets.get(key) ?? {
        user_id: e.user_id,
        period,
        period_start: start,
        entries: 0,
        valence_sum: 0,
        arousal_sum: 0,
        label_counts: {},
      };
      row.entries++;
      row.valence_sum += Number(e.valence);
      row.arousal_sum += Number(e.arousal);
      for (const { label } of e.labels) {
        row.label_counts[label] = (row.label_counts[label] ?? 0) + 1;
      }
      buckets.set(key, row);
    }
  }
  return [...buckets.values()].sort((a, b) =>
    a.user_id.localeCompare(b.user_id) || a.period.localeCompare(b.period) ||
    a.period_start.localeCompare(b.period_start)
  );
}

/**
 * Asserts the stored aggregates equal the recomputation: the same buckets, counts and labels
 * exactly, the sums within float rounding (entries keep real, the sums double precision).
 */
export function assertSameAggregates(stored: AggregateRow[], fresh: AggregateRow[]): void {
  const key = (r: AggregateRow) => `${r.user_id} ${r.period} ${r.period_start}`;
  assert.deepEqual(stored.map(key), fresh.map(key), "the same buckets");
  for (const [i, s] of stored.entries()) {
    const f = fresh[i]!;
    assert.equal(s.entries, f.entries, `${key(s)}: entries`);
    assert.deepEqual(s.label_counts, f.label_counts, `${key(s)}: labels`);
    assert.ok(Math.abs(s.valence_sum - f.valence_sum) < 1e-5, `${key(s)}: valence sum`);
    assert.ok(Math.abs(s.arousal_sum - f.arousal_sum) < 1e-5, `${key(s)}: arousal sum`);
  }
}

export type Role = "anon" | "authenticated";

/**
 * Runs statements in one transaction as a PostgREST role with its JWT claims (`sub` = the user
 * id, as a Mini App session would carry): the rows (of the last statement) or the error.
 */
export async function runAs(
  db: SqlDb,
  role: Role,
  userId: string | null,
  sql: string,
  params: unknown[] = [],
): Promise<{ rows: Record<string, unknown>[]; error?: DbError }> {
  try {
    const rows = await db.transaction(async (tx) => {
      await tx.query("select set_config('request.jwt.claims', $1, true)", [
        JSON.stringify(userId ? { sub: userId, role } : { role }),
      ]);
      await tx.exec(`set local role ${role}`);
      return await tx.query<Record<string, unknown>>(sql, params);
    });
    return { rows };
  } catch (error) {
    if (error instanceof DbError) return { rows: [], error };
    throw error;
  }
}

/** How many rows the role sees, or "denied" when it may not read the table at all. */
export async function countAs(
  db: SqlDb,
  role: Role,
  userId: string | null,
  sql: string,
  params: unknown[] = [],
): Promise<number | "denied"> {
  const { rows, error } = await runAs(
    db,
    role,
    userId,
    `select count(*)::int as n from (${sql}) q`,
    params,
  );
  if (error?.code === "42501") return "denied";
  if (error) throw error;
  return rows[0]!.n as number;
}
