import assert from "node:assert/strict";
import type { SqlDb } from "../../shared/db/db.ts";
import { createLexiconAnalyzer } from "../../shared/diary/lexicon_analyzer.ts";
import type { MoodAnalyzer } from "../../shared/diary/mood.ts";
import type { LogFields, Logger } from "../../shared/platform/logger.ts";
import { startTestBot, type TestBot } from "../support/harness.ts";
import { callbackUpdate, textUpdate } from "../support/updates.ts";
import { buttonsOf, lastWithButton, type OnboardedUser, onboardUser } from "../chat/fixtures.ts";

/**
 * /delete leaves nothing of the diary. A person uses every part of it through the bot (picks,
 * entries, an edit, a deletion, /mood, the export, a reminder), then erases the profile. After
 * that, every table of every schema is read as text and searched: no entry text, no user id, no
 * Telegram id, no entry id except in the event log, whose rows have lost their user and carry
 * only ids, dates, slugs and numbers (the anonymised history the erasure design keeps, next to
 * erasure_stats). A second person's diary stays, which also shows the search finds what exists.
 */

/** Words no fixture, catalogue or text file of the bot contains. */
const ANNA_WORDS = ["Зурбаган", "квакозябра", "пирожковой", "Лукоморье", "Лиссабон"];
const BORIS_WORD = "Буратинович";
/** An entry whose analysis fails (a stand-in analyser throws on it). */
const FAILING_ENTRY = "Вспоминала Лиссабон, грустно";

const anna_entries = [
  "Снова бессонница, всю ночь думала про Зурбаган, тревожно",
  "Сегодня в пирожковой было уютно и радостно, спасибо друзьям",
  "Устала на работе, нет сил, квакозябра в отчёте",
  "Одиноко в Лукоморье, не с кем поговорить",
];

interface Table {
  schema: string;
  name: string;
}

/** Every table the test's role can read, in every schema but the system ones. */
async function readableTables(db: SqlDb): Promise<Table[]> {
  return await db.query<Table>(`
    select n.nspname as schema, c.relname as name
      from pg_catalog.pg_class c
      join pg_catalog.pg_namespace n on n.oid = c.relnamespace
     where c.relkind in ('r', 'p', 'm')
       and n.nspname not in ('pg_catalog', 'information_schema')
       and n.nspname not like 'pg\\_toast%' and n.nspname not like 'pg\\_temp%'
       and has_table_privilege(c.oid, 'select')
     order by 1, 2
  `);
}

/** Each table's rows as text ("schema.table" -> dump). */
async function dumpAll(db: SqlDb): Promise<Map<string, string>> {
  const dumps = new Map<string, string>();
  for (const { schema, name } of await readableTables(db)) {
    const quoted = `"${schema.replaceAll('"', '""')}"."${name.replaceAll('"', '""')}"`;
    const [row] = await db.query<{ dump: string | null }>(
      `select string_agg(t::text, E'\\n') as dump from ${quoted} t`,
    );
    dumps.set(`${schema}.${name}`, row!.dump ?? "");
  }
  return dumps;
}

/** The tables whose dump contains `needle` (case-insensitive). */
function tablesWith(dumps: Map<string, string>, needle: string): string[] {
  const lower = needle.toLowerCase();
  return [...dumps].filter(([, dump]) => dump.toLowerCase().includes(lower)).map(([t]) => t);
}

function capturingLogger(lines: string[]): Logger {
  const write = (level: string) => (event: string, fields: LogFields = {}) =>
    void lines.push(JSON.stringify({ level, event, ...fields }));
  return { info: write("info"), warn: write("warn"), error: write("error") };
}

/** Every string inside a JSON value. */
function stringsIn(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => [k, ...stringsIn(v)]);
  }
  return [];
}

async function useTheWholeDiary(h: TestBot, person: OnboardedUser, texts: string[]) {
  await h.post(textUpdate(person, "/diary"));
  await h.post(callbackUpdate(person, "d:w:feel_anxious"));
  const first = textUpdate(person, `${texts[0]} (первая версия)`);
  await h.post(first);
  for (const text of texts.slice(1)) await h.post(textUpdate(person, text));
  // A Telegram edit of the first entry's message.
  const message = (first as unknown as { message: Record<string, unknown> }).message;
  await h.post({
    update_id: first.update_id + 2_000_000,
    edited_message: { ...message, text: texts[0], edit_date: 2 },
  } as never);
  await h.post(textUpdate(person, "/done"));
  // A reminder, the mood chart, the export.
  await h.post(callbackUpdate(person, "d:r:780"));
  await h.post(textUpdate(person, "/mood"));
  await h.post(callbackUpdate(person, "d:e"));
  // Writing mode open again (a diary_sessions row).
  await h.post(callbackUpdate(person, "d:w:-"));
}

Deno.test("/delete leaves nothing of the diary but anonymous ids and numbers", async (t) => {
  const logLines: string[] = [];
  const lexicon = createLexiconAnalyzer();
  const moodAnalyzer: MoodAnalyzer = {
    name: lexicon.name,
    version: lexicon.version,
    analyze: (input, signal) =>
      input.text.includes("Лиссабон")
        ? Promise.reject(new Error("analysis failed"))
        : lexicon.analyze(input, signal),
  };
  const h = await startTestBot({ logger: capturingLogger(logLines), moodAnalyzer });
  try {
    const anna = await onboardUser(h.db, 887_654_321);
    const boris = await onboardUser(h.db, 887_654_322);
    const entryIds: string[] = [];

    await t.step("Anna uses the whole diary; Boris writes too", async () => {
      await useTheWholeDiary(h, anna, anna_entries);
      await useTheWholeDiary(h, boris, [`${BORIS_WORD}: спокойный день`, "Радостно"]);
      // One of Anna's entries deleted from the list.
      await h.post(callbackUpdate(anna, "d:l:0"));
      const newest = buttonsOf(lastWithButton(h.telegram, anna.id, "d:o:")!)[0]!;
      await h.post(callbackUpdate(anna, `d:xy:${newest.slice("d:o:".length)}`));
      // The analysis of one entry fails: the update fails, its raw payload (with the entry's
      // text) is kept for a replay, and the failure is logged.
      await h.post(textUpdate(anna, FAILING_ENTRY));
      const rows = await h.db.query<{ id: string; analysed: boolean; body: string }>(
        `select id, analyzed_at is not null as analysed, body from public.diary_entries
          where user_id = $1 order by created_at`,
        [anna.userId],
      );
      assert.deepEqual(
        rows.map((r) => [r.body, r.analysed]),
        [
          [anna_entries[0], true], // the edit reached the entry
          ...anna_entries.slice(1, -1).map((text) => [text, true]),
          [FAILING_ENTRY, false],
        ],
      );
      entryIds.push(newest.slice("d:o:".length), ...rows.map((r) => r.id));
      const photo = h.telegram.callsOf("sendPhoto", anna.id);
      const exported = h.telegram.callsOf("sendDocument", anna.id);
      assert.ok(photo.length === 1 && exported.length === 1, "/mood and the export answered");
    });

    await t.step("before the erasure, the search finds her diary everywhere it is", async () => {
      const dumps = await dumpAll(h.db);
      for (
        const table of ["diary_entries", "mood_aggregates", "diary_sessions", "user_portraits"]
      ) {
        assert.ok(tablesWith(dumps, anna.userId).includes(`public.${table}`), table);
      }
      assert.ok(tablesWith(dumps, ANNA_WORDS[0]!).includes("public.diary_entries"));
      assert.deepEqual(tablesWith(dumps, "Лиссабон"), [
        "public.diary_entries",
        "public.failed_updates",
      ]);
      const [portrait] = await h.db.query<{ has_vector: boolean; themes: object }>(
        "select embedding is not null as has_vector, themes from public.user_portraits where user_id = $1",
        [anna.userId],
      );
      assert.ok(portrait!.has_vector && Object.keys(portrait!.themes).length > 0);
    });

    await t.step("/delete and its confirmation", async () => {
      await h.post(textUpdate(anna, "/delete"));
      const confirm = buttonsOf(lastWithButton(h.telegram, anna.id, "pr:del:")!).find((d) =>
        d.startsWith("pr:del:")
      )!;
      await h.post(callbackUpdate(anna, confirm));
      const [row] = await h.db.query<{ n: number }>(
        "select count(*)::int as n from public.users where id = $1",
        [anna.userId],
      );
      assert.equal(row!.n, 0);
    });

    const dumps = await dumpAll(h.db);

    await t.step("every schema's tables were searched", async () => {
      const [publicTables] = await h.db.query<{ n: number }>(
        `select count(*)::int as n from pg_catalog.pg_class c
           join pg_catalog.pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind in ('r', 'p')`,
      );
      const searched = [...dumps.keys()].filter((k) => k.startsWith("public.")).length;
      assert.equal(searched, publicTables!.n, "every public table was readable");
    });

    await t.step("no table holds her entries' text, old or new", () => {
      for (const word of ANNA_WORDS) assert.deepEqual(tablesWith(dumps, word), [], word);
      assert.deepEqual(tablesWith(dumps, "первая версия"), []);
    });

    await t.step("no table holds her user id or Telegram id", () => {
      assert.deepEqual(tablesWith(dumps, anna.userId), []);
      assert.deepEqual(tablesWith(dumps, String(anna.id)), []);
    });

    await t.step("the diary tables have nothing of hers", async () => {
      for (
        const table of ["diary_entries", "mood_aggregates", "diary_sessions", "user_portraits"]
      ) {
        const [row] = await h.db.query<{ n: number }>(
          `select count(*)::int as n from public.${table} t where not exists (
             select 1 from public.users u where u.id = t.user_id)`,
        );
        assert.equal(row!.n, 0, table);
      }
    });

    await t.step("her entry ids remain only in the log, in events without a user", async () => {
      for (const id of entryIds) {
        assert.deepEqual(tablesWith(dumps, id), ["public.domain_events"], id);
      }
      const events = await h.db.query<{ user_id: string | null; event: string; data: unknown }>(
        `select user_id, event, data from public.domain_events
          where data::text like any($1::text[])`,
        [`{${entryIds.map((id) => `%${id}%`).join(",")}}`],
      );
      assert.ok(events.length >= entryIds.length * 2, `${events.length} events`);
      for (const e of events) {
        assert.equal(e.user_id, null, e.event);
        assert.match(e.event, /^[a-z_.]+$/);
        for (const s of stringsIn(e.data)) {
          assert.match(s, /^[a-z0-9_.:-]+$/i, `${e.event}: ${JSON.stringify(s)} is not an id`);
        }
      }
      const [erased] = await h.db.query<{ n: number }>(
        "select count(*)::int as n from public.domain_events where event = 'user.deleted'",
      );
      assert.equal(erased!.n, 1);
    });

    await t.step("the logs never carried her text or her Telegram id", () => {
      assert.ok(logLines.length > 0, "something was logged");
      const log = logLines.join("\n").toLowerCase();
      for (const word of ANNA_WORDS) assert.ok(!log.includes(word.toLowerCase()), word);
      assert.ok(!log.includes(String(anna.id)));
    });

    await t.step("Boris's diary is untouched, and the search does find it", async () => {
      assert.ok(tablesWith(dumps, BORIS_WORD).includes("public.diary_entries"));
      for (const table of ["diary_entries", "mood_aggregates", "user_portraits"]) {
        assert.ok(tablesWith(dumps, boris.userId).includes(`public.${table}`), table);
      }
      const summary = await h.db.call<{ status: string; entries_total: number }>(
        "mood_summary",
        { p_tg_id: boris.id },
      );
      assert.deepEqual([summary.status, summary.entries_total], ["ok", 2]);
    });
  } finally {
    await h.close();
  }
});
