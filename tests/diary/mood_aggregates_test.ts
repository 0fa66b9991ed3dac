import assert from "node:assert/strict";
import type { SqlDb } from "../../shared/db/db.ts";
import type { MoodSummary } from "../../shared/diary/mood_report.ts";
import { onboardUser } from "../chat/fixtures.ts";
import { createTestDb } from "../support/test_db.ts";
import {
  assertSameAggregates,
  editEntry,
  isoWeekStart,
  recomputedAggregates,
  runAs,
  storedAggregates,
  writeEntry,
} from "./diary_db_fixtures.ts";

/**
 * The mood aggregates per day, ISO week and month in the writer's own calendar: fixed UTC
 * offsets on both sides of UTC, with 45- and 30-minute ones and the extremes (+14:00, −12:00),
 * and the incremental bookkeeping (write, analyse, edit and re-analyse, delete) checked against
 * a recomputation from scratch.
 */

interface Writer {
  tgId: number;
  userId: string;
  offset: number;
  zone: string;
}

/** Fixed offsets, none with daylight saving time: Nepal, Kiribati (Line Islands), Baker Island. */
const ZONES: Array<{ zone: string; offset: number }> = [
  { zone: "Asia/Kathmandu", offset: 5 * 60 + 45 },
  { zone: "UTC-03:30", offset: -(3 * 60 + 30) },
  { zone: "Pacific/Kiritimati", offset: 14 * 60 },
  { zone: "Etc/GMT+12", offset: -12 * 60 },
  { zone: "UTC", offset: 0 },
  { zone: "Asia/Kolkata", offset: 5 * 60 + 30 },
];

async function writers(db: SqlDb, firstTgId: number): Promise<Writer[]> {
  const result: Writer[] = [];
  for (const [i, { zone, offset }] of ZONES.entries()) {
    const person = await onboardUser(db, firstTgId + i);
    await db.query("update public.users set timezone = $2, utc_offset_minutes = $3 where id = $1", [
      person.userId,
      zone,
      offset,
    ]);
    result.push({ tgId: person.id, userId: person.userId, offset, zone });
  }
  return result;
}

/** The calendar date at `ms` (epoch milliseconds) for a UTC offset in minutes. */
function localDate(ms: number, offsetMinutes: number): string {
  return new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 10);
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Moves a not yet analysed entry to another moment (as if written then, in that calendar). */
async function backdate(db: SqlDb, entryId: string, at: Date, day: string): Promise<void> {
  const [row] = await db.query<{ analysed: boolean }>(
    `update public.diary_entries set created_at = $2, local_date = $3 where id = $1
     returning analyzed_at is not null as analysed`,
    [entryId, at.toISOString(), day],
  );
  assert.equal(row!.analysed, false, "only an unanalysed entry is moved");
}

/** A small deterministic pseudo-random sequence (the same run every time). */
function random(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

const TEXTS = [
  "Весь день тревожно, не могу успокоиться",
  "Гуляла в парке, было спокойно и хорошо",
  "Очень устала, нет сил",
  "Злюсь на начальника, всё бесит",
  "Спасибо подруге за поддержку, я так благодарна",
  "Одиноко, не с кем поговорить",
  "Сегодня отличный день, я счастлива!",
  "Сходила в магазин.",
  "Грустно и пусто на душе",
  "Всё будет хорошо, я верю",
];

Deno.test("a new entry is dated in the writer's calendar, whatever their offset", async (t) => {
  const db = await createTestDb();
  try {
    const people = await writers(db, 897_101);
    const written = new Map<string, { id: string; day: string }>();

    for (const person of people) {
      await t.step(`${person.zone} (${person.offset} min)`, async () => {
        const { id } = await writeEntry(db, person.tgId, "Сегодня спокойно и хорошо");
        const [entry] = await db.query<{ day: string; ms: number }>(
          `select local_date::text as day, (extract(epoch from created_at) * 1000)::float8 as ms
             from public.diary_entries where id = $1`,
          [id],
        );
        assert.equal(entry!.day, localDate(Number(entry!.ms), person.offset));
        written.set(person.zone, { id, day: entry!.day });
        const rows = await storedAggregates(db, [person.userId]);
        assert.deepEqual(
          rows.map((r) => [r.period, r.period_start, r.entries]),
          [
            ["day", entry!.day, 1],
            ["month", `${entry!.day.slice(0, 7)}-01`, 1],
            ["week", isoWeekStart(entry!.day), 1],
          ],
        );
      });
    }

    await t.step("+14:00 and −12:00 are never on the same day (26 hours apart)", () => {
      const east = Date.parse(written.get("Pacific/Kiritimati")!.day);
      const west = Date.parse(written.get("Etc/GMT+12")!.day);
      assert.ok([1, 2].includes((east - west) / 86_400_000), `${east} vs ${west}`);
    });

    await t.step("/mood's today and its day list follow the same calendar", async () => {
      for (const person of people) {
        const summary = await db.call<MoodSummary>("mood_summary", { p_tg_id: person.tgId });
        const [now] = await db.query<{ ms: number }>(
          "select (extract(epoch from now()) * 1000)::float8 as ms",
        );
        // Today is the date at some moment between the entry and now in their calendar.
        const day = written.get(person.zone)!.day;
        assert.ok(
          summary.today >= day && summary.today <= localDate(Number(now!.ms), person.offset),
          `${person.zone}: ${summary.today}`,
        );
        assert.equal(summary.days.length, 30);
        assert.equal(summary.days.at(-1)!.date, summary.today);
        assert.deepEqual(
          summary.days.filter((d) => d.entries > 0).map((d) => d.date),
          [day],
          person.zone,
        );
      }
    });
  } finally {
    await db.close();
  }
});

Deno.test("entries at the edges of weeks, months and years land in the local buckets", async (t) => {
  const db = await createTestDb();
  try {
    const people = new Map((await writers(db, 897_201)).map((p) => [p.zone, p]));
    // One UTC moment can be different days, weeks, months and years for different people.
    // Expected buckets written out by hand (2026-11-29 is a Sunday, 2026-12-31 a Thursday).
    const cases: Array<{
      zone: string;
      at: string;
      day: string;
      week: string;
      month: string;
    }> = [
      // Sunday 20:00 UTC is Monday 01:45 in Kathmandu: a new ISO week there.
      {
        zone: "Asia/Kathmandu",
        at: "2026-11-29T20:00:00Z",
        day: "2026-11-30",
        week: "2026-11-30",
        month: "2026-11-01",
      },
      // … and still Sunday 16:30 at −03:30: the week before.
      {
        zone: "UTC-03:30",
        at: "2026-11-29T20:00:00Z",
        day: "2026-11-29",
        week: "2026-11-23",
        month: "2026-11-01",
      },
      // Monday 12:00 UTC is Tuesday 1 December 02:00 at +14:00: a new month, same week.
      {
        zone: "Pacific/Kiritimati",
        at: "2026-11-30T12:00:00Z",
        day: "2026-12-01",
        week: "2026-11-30",
        month: "2026-12-01",
      },
      // Tuesday 1 December 02:00 UTC is still 30 November 22:30 at −03:30.
      {
        zone: "UTC-03:30",
        at: "2026-12-01T02:00:00Z",
        day: "2026-11-30",
        week: "2026-11-30",
        month: "2026-11-01",
      },
      // New Year comes first at +14:00 (the ISO week spans both years)…
      {
        zone: "Pacific/Kiritimati",
        at: "2026-12-31T11:00:00Z",
        day: "2027-01-01",
        week: "2026-12-28",
        month: "2027-01-01",
      },
      // … and last at −12:00.
      {
        zone: "Etc/GMT+12",
        at: "2027-01-01T11:00:00Z",
        day: "2026-12-31",
        week: "2026-12-28",
        month: "2026-12-01",
      },
      // 18:14 UTC is 23:59 in Kathmandu and 23:44 in Kolkata: the same day for both…
      {
        zone: "Asia/Kathmandu",
        at: "2027-01-31T18:14:00Z",
        day: "2027-01-31",
        week: "2027-01-25",
        month: "2027-01-01",
      },
      // … one minute later Kathmandu is in February, Kolkata not yet.
      {
        zone: "Asia/Kathmandu",
        at: "2027-01-31T18:15:00Z",
        day: "2027-02-01",
        week: "2027-02-01",
        month: "2027-02-01",
      },
      {
        zone: "Asia/Kolkata",
        at: "2027-01-31T18:15:00Z",
        day: "2027-01-31",
        week: "2027-01-25",
        month: "2027-01-01",
      },
      // A leap day that is not: 2027-02-28 23:30 at −03:30 → the next day is 1 March.
      {
        zone: "UTC-03:30",
        at: "2027-03-01T03:30:00Z",
        day: "2027-03-01",
        week: "2027-03-01",
        month: "2027-03-01",
      },
    ];

    await t.step("the hand-written dates agree with the offsets", () => {
      for (const c of cases) {
        const person = people.get(c.zone)!;
        assert.equal(localDate(Date.parse(c.at), person.offset), c.day, `${c.zone} ${c.at}`);
        assert.equal(isoWeekStart(c.day), c.week);
      }
    });

    await t.step("each entry counts in its own day, week and month", async () => {
      for (const c of cases) {
        const person = people.get(c.zone)!;
        const { id } = await writeEntry(db, person.tgId, "Грустно", { analyse: false });
        await backdate(db, id, new Date(c.at), c.day);
        await db.call("record_mood_analysis", {
          p_entry_id: id,
          p_valence: -0.5,
          p_arousal: 0.4,
          p_labels: [{ label: "sadness", score: 0.7 }],
          p_analyzer: "test",
          p_version: "1",
          p_themes: [],
        });
      }
      for (const [zone, person] of people) {
        const mine = cases.filter((c) => c.zone === zone);
        const count = (period: "day" | "week" | "month") => {
          const starts = new Map<string, number>();
          for (const c of mine) starts.set(c[period], (starts.get(c[period]) ?? 0) + 1);
          return [...starts].map(([start, n]) => [period, start, n]);
        };
        const expected = [...count("day"), ...count("month"), ...count("week")]
          .sort((a, b) => `${a[0]}${a[1]}`.localeCompare(`${b[0]}${b[1]}`));
        const stored = (await storedAggregates(db, [person.userId])).map((
          r,
        ) => [r.period, r.period_start, r.entries]);
        assert.deepEqual(stored, expected, zone);
      }
      assertSameAggregates(await storedAggregates(db), await recomputedAggregates(db));
    });

    await t.step("a later change of time zone moves no entry already written", async () => {
      const kathmandu = people.get("Asia/Kathmandu")!;
      const before = await storedAggregates(db, [kathmandu.userId]);
      await db.query("update public.users set utc_offset_minutes = -600 where id = $1", [
        kathmandu.userId,
      ]);
      assert.deepEqual(await storedAggregates(db, [kathmandu.userId]), before);
    });
  } finally {
    await db.close();
  }
});

Deno.test("incremental aggregates always equal a recomputation from scratch", async (t) => {
  const db = await createTestDb();
  try {
    const people = await writers(db, 897_301);
    const rand = random(2026);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
    const [clock] = await db.query<{ ms: number }>(
      "select (extract(epoch from now()) * 1000)::float8 as ms",
    );
    const now = Number(clock!.ms);
    type Live = {
      person: Writer;
      id: string;
      messageId: number | null;
      analysed: boolean;
    };
    const live: Live[] = [];
    const counts = { write: 0, late: 0, api: 0, edit: 0, again: 0, remove: 0, direct: 0 };

    const analyseLive = async (item: Live, text: string): Promise<void> => {
      // The same path as an edit's re-analysis: the old figures out, the new in.
      await editEntry(db, item.person.tgId, { id: item.id, messageId: item.messageId! }, text);
      item.analysed = true;
    };

    /** A new entry, written at a moment in the last 75 days (so months and weeks are crossed). */
    const write = async (person: Writer, analyse: boolean): Promise<void> => {
      const at = new Date(now - Math.floor(rand() * 75 * 86_400_000));
      const entry = await writeEntry(db, person.tgId, pick(TEXTS), {
        analyse: false,
        pick: rand() < 0.3 ? pick(["scale_2", "scale_4", "feel_tired"] as const) : null,
      });
      await backdate(db, entry.id, at, localDate(at.getTime(), person.offset));
      const item = { person, id: entry.id, messageId: entry.messageId, analysed: false };
      live.push(item);
      if (analyse) await analyseLive(item, pick(TEXTS));
    };

    const check = async (label: string) => {
      await t.step(label, async () => {
        assertSameAggregates(await storedAggregates(db), await recomputedAggregates(db));
      });
    };

    for (let step = 1; step <= 120; step++) {
      const roll = rand();
      const person = pick(people);
      const analysed = live.filter((e) => e.analysed && e.messageId !== null);
      if (live.length < 8 || roll < 0.3) {
        await write(person, true);
        counts.write++;
      } else if (roll < 0.38) {
        await write(person, false); // written, analysed later (or never)
        counts.late++;
      } else if (roll < 0.45) {
        // The Mini App's API path: write_diary_entry, then the analysis.
        const result = await db.call<{ entry_id: string }>("write_diary_entry", {
          p_tg_id: person.tgId,
          p_body: pick(TEXTS),
          p_pick: null,
        });
        const text = pick(TEXTS);
        await db.call("record_mood_analysis", {
          p_entry_id: result.entry_id,
          p_valence: Math.round((rand() * 2 - 1) * 1000) / 1000,
          p_arousal: Math.round(rand() * 1000) / 1000,
          p_labels: text.length % 2 === 0 ? [{ label: "joy", score: 0.6 }] : [],
          p_analyzer: "test",
          p_version: "1",
          p_themes: [],
        });
        live.push({ person, id: result.entry_id, messageId: null, analysed: true });
        counts.api++;
      } else if (roll < 0.65 && live.some((e) => e.messageId !== null)) {
        // A Telegram edit (of an analysed entry or of one not analysed yet).
        await analyseLive(pick(live.filter((e) => e.messageId !== null)), pick(TEXTS));
        counts.edit++;
      } else if (roll < 0.72 && analysed.length > 0) {
        // The same analysis stored twice (a retried update): counted once.
        const item = pick(analysed);
        const [row] = await db.query<{ body: string }>(
          "select body from public.diary_entries where id = $1",
          [item.id],
        );
        await analyseLive(item, row!.body);
        counts.again++;
      } else if (roll < 0.92) {
        const item = pick(live);
        const result = await db.call<{ status: string }>("delete_diary_entry", {
          p_tg_id: item.person.tgId,
          p_entry_id: item.id,
        });
        assert.equal(result.status, "ok");
        live.splice(live.indexOf(item), 1);
        counts.remove++;
      } else {
        // Deleted by its writer straight through the Data API (RLS, role authenticated).
        const item = pick(live);
        const { rows, error } = await runAs(
          db,
          "authenticated",
          item.person.userId,
          "delete from public.diary_entries where id = $1 returning id",
          [item.id],
        );
        assert.equal(error, undefined, error?.message);
        assert.equal(rows.length, 1);
        live.splice(live.indexOf(item), 1);
        counts.direct++;
      }
      if (step % 10 === 0) await check(`after ${step} changes`);
    }

    await t.step("every kind of change happened", () => {
      for (const [kind, n] of Object.entries(counts)) assert.ok(n > 0, `${kind}: ${n}`);
      console.log(`changes: ${JSON.stringify(counts)}, ${live.length} entries left`);
    });

    await t.step("/mood's days and weeks are the recomputed means", async () => {
      const fresh = await recomputedAggregates(db);
      for (const person of people) {
        const summary = await db.call<MoodSummary>("mood_summary", { p_tg_id: person.tgId });
        const mine = fresh.filter((r) => r.user_id === person.userId);
        const expectDays = Array.from({ length: 30 }, (_, i) => addDays(summary.today, i - 29))
          .map((date) => {
            const row = mine.find((r) => r.period === "day" && r.period_start === date);
            return {
              date,
              entries: row?.entries ?? 0,
              valence: row ? row.valence_sum / row.entries : null,
            };
          });
        assert.deepEqual(
          summary.days.map((d) => [d.date, d.entries]),
          expectDays.map((d) => [d.date, d.entries]),
          person.zone,
        );
        for (const [i, d] of summary.days.entries()) {
          const want = expectDays[i]!.valence;
          if (want === null) assert.equal(d.valence, null);
          else assert.ok(Math.abs(Number(d.valence) - want) <= 0.0005 + 1e-9, `${d.date}`);
        }
        for (const w of summary.weeks) {
          const row = mine.find((r) => r.period === "week" && r.period_start === w.start);
          assert.equal(w.entries, row?.entries ?? 0, `${person.zone} week ${w.start}`);
          assert.equal(w.start, isoWeekStart(w.start), "weeks start on Monday");
        }
      }
    });

    await t.step("deleting everything leaves no aggregate row", async () => {
      for (const item of [...live]) {
        await db.call("delete_diary_entry", { p_tg_id: item.person.tgId, p_entry_id: item.id });
      }
      assert.deepEqual(await storedAggregates(db), []);
    });
  } finally {
    await db.close();
  }
});
