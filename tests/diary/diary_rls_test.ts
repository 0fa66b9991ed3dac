import assert from "node:assert/strict";
import type { SqlDb } from "../../shared/db/db.ts";
import { onboardUser } from "../chat/fixtures.ts";
import { createTestDb } from "../support/test_db.ts";
import {
  assertSameAggregates,
  countAs,
  recomputedAggregates,
  runAs,
  storedAggregates,
  writeEntry,
} from "./diary_db_fixtures.ts";

/**
 * Row level security and grants on the diary's tables, per PostgREST role, on the migrated
 * schema (as tests/db/rls_test.ts does: `set local role` plus the JWT claims in a transaction).
 * What the migrations grant: an authenticated user (a Mini App session whose `sub` is
 * public.users.id) reads and writes their own diary entries, reads their own mood aggregates
 * and some columns of their own portrait; diary_sessions are the bot's alone; anon gets nothing.
 * A direct write must keep what is derived from the entries (aggregates, event log, portrait)
 * as consistent as the bot's functions keep it.
 */

const TABLES = ["diary_entries", "mood_aggregates", "diary_sessions", "user_portraits"] as const;

/** The portrait columns an authenticated user may read (not the per-entry state, not the vector). */
const PORTRAIT_COLUMNS =
  "user_id, entry_count, valence_mean, arousal_mean, labels, themes, updated_at";

interface Seeded {
  alice: { tgId: number; userId: string; entries: string[] };
  bob: { tgId: number; userId: string; entries: string[] };
}

async function seed(db: SqlDb): Promise<Seeded> {
  const a = await onboardUser(db, 896_001);
  const b = await onboardUser(db, 896_002);
  const alice = { tgId: a.id, userId: a.userId, entries: [] as string[] };
  const bob = { tgId: b.id, userId: b.userId, entries: [] as string[] };
  for (
    const text of [
      "Весь день тревожно, не могу уснуть, бессонница",
      "Гуляла в парке, было спокойно и радостно",
      "Устала на работе, нет сил",
    ]
  ) {
    alice.entries.push((await writeEntry(db, alice.tgId, text)).id);
    bob.entries.push((await writeEntry(db, bob.tgId, `${text} (Боб)`, { pick: "scale_2" })).id);
  }
  return { alice, bob };
}

async function countOf(db: SqlDb, table: string, userId: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `select count(*)::int as n from public.${table} where user_id = $1`,
    [userId],
  );
  return row!.n;
}

Deno.test("the diary's tables have row level security enabled", async () => {
  const db = await createTestDb();
  try {
    const rows = await db.query<{ name: string; rls: boolean }>(
      `select c.relname as name, c.relrowsecurity as rls
         from pg_catalog.pg_class c
         join pg_catalog.pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relname = any($1::text[])
        order by c.relname`,
      [`{${TABLES.join(",")}}`],
    );
    assert.deepEqual(rows, [...TABLES].sort().map((name) => ({ name, rls: true })));
  } finally {
    await db.close();
  }
});

Deno.test("anon can neither read nor write any diary table", async (t) => {
  const db = await createTestDb();
  try {
    const { alice } = await seed(db);
    for (const table of TABLES) {
      await t.step(`${table}: the rows exist, anon sees none`, async () => {
        assert.ok((await countOf(db, table, alice.userId)) > 0, "seeded");
        const visible = await countAs(db, "anon", null, `select * from public.${table}`);
        assert.ok(visible === 0 || visible === "denied", `anon sees ${visible}`);
        // Even claiming to be Alice in the JWT does not help the anon role.
        const claimed = await countAs(db, "anon", alice.userId, `select * from public.${table}`);
        assert.ok(claimed === 0 || claimed === "denied", `anon with a sub sees ${claimed}`);
      });
      await t.step(`${table}: anon updates and deletes are refused`, async () => {
        for (
          const sql of [
            `update public.${table} set user_id = user_id`,
            `delete from public.${table}`,
          ]
        ) {
          const { error } = await runAs(db, "anon", alice.userId, sql);
          assert.equal(error?.code, "42501", sql);
        }
        assert.ok((await countOf(db, table, alice.userId)) > 0, "nothing was removed");
      });
    }
    await t.step("anon cannot insert an entry", async () => {
      const { error } = await runAs(
        db,
        "anon",
        alice.userId,
        "insert into public.diary_entries (user_id, body) values ($1, 'x')",
        [alice.userId],
      );
      assert.equal(error?.code, "42501");
    });
  } finally {
    await db.close();
  }
});

Deno.test("an authenticated user reads only their own diary rows", async (t) => {
  const db = await createTestDb();
  try {
    const { alice, bob } = await seed(db);
    for (const table of ["diary_entries", "mood_aggregates"]) {
      await t.step(`${table}: exactly their own rows`, async () => {
        const own = await countOf(db, table, alice.userId);
        assert.ok(own > 0 && (await countOf(db, table, bob.userId)) > 0, "both have rows");
        assert.equal(
          await countAs(db, "authenticated", alice.userId, `select * from public.${table}`),
          own,
        );
        assert.equal(
          await countAs(
            db,
            "authenticated",
            alice.userId,
            `select * from public.${table} where user_id = $1`,
            [bob.userId],
          ),
          0,
        );
      });
    }
    await t.step("diary entries: Bob's text is not readable by Alice, her own is", async () => {
      const { rows } = await runAs(
        db,
        "authenticated",
        alice.userId,
        "select body from public.diary_entries order by created_at",
      );
      assert.equal(rows.length, 3);
      assert.ok(rows.every((r) => !String(r.body).includes("Боб")));
    });
    await t.step("user_portraits: the granted columns of their own portrait only", async () => {
      assert.equal(
        await countAs(
          db,
          "authenticated",
          alice.userId,
          `select ${PORTRAIT_COLUMNS} from public.user_portraits`,
        ),
        1,
      );
      const { rows } = await runAs(
        db,
        "authenticated",
        alice.userId,
        `select ${PORTRAIT_COLUMNS} from public.user_portraits`,
      );
      assert.equal(rows[0]!.user_id, alice.userId);
      assert.equal(
        await countAs(
          db,
          "authenticated",
          alice.userId,
          "select user_id from public.user_portraits where user_id = $1",
          [bob.userId],
        ),
        0,
      );
    });
    for (const column of ["entries", "embedding", "embedded_themes", "last_event_id", "*"]) {
      await t.step(`user_portraits.${column} is not readable`, async () => {
        assert.equal(
          await countAs(
            db,
            "authenticated",
            alice.userId,
            `select ${column} from public.user_portraits`,
          ),
          "denied",
        );
      });
    }
    await t.step("diary_sessions: not readable at all", async () => {
      assert.equal(
        await countAs(db, "authenticated", alice.userId, "select * from public.diary_sessions"),
        "denied",
      );
    });
    await t.step("without a sub claim nothing is visible", async () => {
      for (const table of ["diary_entries", "mood_aggregates"]) {
        assert.equal(
          await countAs(db, "authenticated", null, `select * from public.${table}`),
          0,
        );
      }
      assert.equal(
        await countAs(db, "authenticated", null, "select user_id from public.user_portraits"),
        0,
      );
    });
  } finally {
    await db.close();
  }
});

Deno.test("an authenticated user writes only their own entries, and nothing else", async (t) => {
  const db = await createTestDb();
  try {
    const { alice, bob } = await seed(db);
    const bobBodies = async () =>
      await db.query(
        "select id, body, valence from public.diary_entries where user_id = $1 order by id",
        [
          bob.userId,
        ],
      );
    const bobBefore = await bobBodies();

    await t.step("an entry for someone else is refused", async () => {
      const { error } = await runAs(
        db,
        "authenticated",
        alice.userId,
        "insert into public.diary_entries (user_id, body) values ($1, 'чужая запись')",
        [bob.userId],
      );
      assert.equal(error?.code, "42501");
      assert.match(error!.message, /row-level security/);
    });

    await t.step("an entry for oneself is stored, dated in their calendar", async () => {
      const { rows, error } = await runAs(
        db,
        "authenticated",
        alice.userId,
        `insert into public.diary_entries (user_id, body, pick)
         values ($1, 'Записала из приложения', 'scale_4')
         returning id, local_date::text as local_date, analyzed_at`,
        [alice.userId],
      );
      assert.equal(error, undefined, error?.message);
      assert.equal(rows.length, 1);
      const [today] = await db.query<{ d: string }>(
        "select ((now() at time zone 'utc') + interval '180 minutes')::date::text as d",
      );
      assert.equal(rows[0]!.local_date, today!.d, "Moscow's date (the fixture's +03:00)");
      assert.equal(rows[0]!.analyzed_at, null);
    });

    await t.step("an entry with made-up analysis, date or message id is refused", async () => {
      for (
        const [columns, values] of [
          ["valence, arousal, analyzed_at", "0.9, 0.5, now()"],
          ["labels", `'[{"label": "joy", "score": 1}]'`],
          ["local_date", "'2020-01-01'"],
          ["created_at", "'2020-01-01'"],
          ["tg_message_id", "424242"],
          ["analyzer, analyzer_version", "'x', '1'"],
        ]
      ) {
        const { error } = await runAs(
          db,
          "authenticated",
          alice.userId,
          `insert into public.diary_entries (user_id, body, ${columns}) values ($1, 'x', ${values})`,
          [alice.userId],
        );
        assert.equal(error?.code, "42501", columns);
      }
    });

    await t.step("Bob's entries cannot be changed or deleted by Alice", async () => {
      const update = await runAs(
        db,
        "authenticated",
        alice.userId,
        "update public.diary_entries set body = 'взлом' where user_id = $1 returning id",
        [bob.userId],
      );
      assert.equal(update.error, undefined);
      assert.equal(update.rows.length, 0);
      const removal = await runAs(
        db,
        "authenticated",
        alice.userId,
        "delete from public.diary_entries where user_id = $1 returning id",
        [bob.userId],
      );
      assert.equal(removal.error, undefined);
      assert.equal(removal.rows.length, 0);
      assert.deepEqual(await bobBodies(), bobBefore);
    });

    await t.step("an own entry cannot be handed over to someone else", async () => {
      const { error } = await runAs(
        db,
        "authenticated",
        alice.userId,
        "update public.diary_entries set user_id = $2 where id = $1",
        [alice.entries[0], bob.userId],
      );
      assert.equal(error?.code, "42501");
    });

    await t.step("an own entry's text and pick can be edited; its analysis cannot", async () => {
      const edit = await runAs(
        db,
        "authenticated",
        alice.userId,
        "update public.diary_entries set body = 'Поправила текст', pick = 'scale_3' where id = $1 returning updated_at",
        [alice.entries[1]],
      );
      assert.equal(edit.error, undefined, edit.error?.message);
      assert.equal(edit.rows.length, 1);
      assert.notEqual(edit.rows[0]!.updated_at, null);
      for (
        const set of [
          "valence = 1",
          "labels = '[]'",
          "local_date = '2020-01-01'",
          "analyzed_at = null",
          "tg_message_id = 1",
          "created_at = now()",
        ]
      ) {
        const { error } = await runAs(
          db,
          "authenticated",
          alice.userId,
          `update public.diary_entries set ${set} where id = $1`,
          [alice.entries[1]],
        );
        assert.equal(error?.code, "42501", set);
      }
    });

    await t.step("mood_aggregates, user_portraits, diary_sessions: no writes at all", async () => {
      for (
        const sql of [
          "update public.mood_aggregates set entries = 99 where user_id = $1",
          "delete from public.mood_aggregates where user_id = $1",
          `insert into public.mood_aggregates (user_id, period, period_start, entries)
           values ($1, 'day', '2020-01-01', 1)`,
          "update public.user_portraits set valence_mean = 1 where user_id = $1",
          "delete from public.user_portraits where user_id = $1",
          "insert into public.user_portraits (user_id) values ($1)",
          "update public.diary_sessions set expires_at = now() where user_id = $1",
          "delete from public.diary_sessions where user_id = $1",
          "insert into public.diary_sessions (user_id, expires_at) values ($1, now())",
        ]
      ) {
        const { error } = await runAs(db, "authenticated", alice.userId, sql, [alice.userId]);
        assert.equal(error?.code, "42501", sql);
      }
    });

    await t.step("the diary's functions are not callable by anon or authenticated", async () => {
      const callable = await db.query<{ fn: string }>(
        `select p.oid::regprocedure::text as fn
           from pg_catalog.pg_proc p
           join pg_catalog.pg_namespace n on n.oid = p.pronamespace
          where n.nspname = 'public'
            and (p.proname like '%diary%' or p.proname like '%mood%' or p.proname like '%portrait%')
            and (has_function_privilege('anon', p.oid, 'execute')
                 or has_function_privilege('authenticated', p.oid, 'execute'))`,
      );
      assert.deepEqual(callable, []);
      const { error } = await runAs(
        db,
        "authenticated",
        alice.userId,
        "select public.diary_export($1)",
        [bob.tgId],
      );
      assert.equal(error?.code, "42501");
    });
  } finally {
    await db.close();
  }
});

Deno.test("direct writes keep the aggregates, the event log and the portrait consistent", async (t) => {
  const db = await createTestDb();
  try {
    const { alice, bob } = await seed(db);
    const users = [alice.userId, bob.userId];
    const events = async (event: string) =>
      await db.query<{ data: { entry_id: string } }>(
        "select data from public.domain_events where user_id = $1 and event = $2 order by id",
        [alice.userId, event],
      );

    await t.step("an own analysed entry deleted directly leaves the aggregates", async () => {
      const { rows, error } = await runAs(
        db,
        "authenticated",
        alice.userId,
        "delete from public.diary_entries where id = $1 returning id",
        [alice.entries[0]],
      );
      assert.equal(error, undefined, error?.message);
      assert.equal(rows.length, 1);
      assertSameAggregates(
        await storedAggregates(db, users),
        await recomputedAggregates(db, users),
      );
    });

    await t.step("… is logged as deleted (ids only) and leaves the portrait", async () => {
      assert.deepEqual(
        (await events("diary.entry_deleted")).map((e) => e.data),
        [{ entry_id: alice.entries[0] }],
      );
      const [portrait] = await db.query<{ entry_count: number; has_it: boolean }>(
        "select entry_count, entries ? $2 as has_it from public.user_portraits where user_id = $1",
        [alice.userId, alice.entries[0]],
      );
      assert.deepEqual(portrait, { entry_count: 2, has_it: false });
      assert.deepEqual(
        await db.call("rebuild_portrait", { p_user_id: alice.userId }),
        await db.call("stored_portrait", { p_user_id: alice.userId }),
      );
    });

    await t.step("a direct insert and edit are logged without their text", async () => {
      const inserted = await runAs(
        db,
        "authenticated",
        alice.userId,
        "insert into public.diary_entries (user_id, body) values ($1, 'Секретная мысль') returning id",
        [alice.userId],
      );
      assert.equal(inserted.error, undefined, inserted.error?.message);
      const id = inserted.rows[0]!.id as string;
      const edited = await runAs(
        db,
        "authenticated",
        alice.userId,
        "update public.diary_entries set body = 'Другая секретная мысль' where id = $1",
        [id],
      );
      assert.equal(edited.error, undefined, edited.error?.message);
      assert.ok((await events("diary.entry_created")).some((e) => e.data.entry_id === id));
      assert.ok((await events("diary.entry_updated")).some((e) => e.data.entry_id === id));
      const [log] = await db.query<{ text: string }>(
        "select string_agg(data::text, ' ') as text from public.domain_events",
      );
      assert.ok(!log!.text.includes("секретная"), "no entry text in the log");
      assert.ok(!log!.text.includes("Секретная"), "no entry text in the log");
    });

    await t.step("a blank entry is refused as the bot refuses it", async () => {
      const { error } = await runAs(
        db,
        "authenticated",
        alice.userId,
        "insert into public.diary_entries (user_id, body) values ($1, '   ')",
        [alice.userId],
      );
      assert.equal(error?.code, "23514");
    });

    await t.step("the bot's own functions still log each change once", async () => {
      const before = (await events("diary.entry_deleted")).length;
      const deleted = await db.call<{ status: string }>("delete_diary_entry", {
        p_tg_id: alice.tgId,
        p_entry_id: alice.entries[1],
      });
      assert.equal(deleted.status, "ok");
      assert.equal((await events("diary.entry_deleted")).length, before + 1);
      assertSameAggregates(
        await storedAggregates(db, users),
        await recomputedAggregates(db, users),
      );
      assert.deepEqual(
        await db.call("rebuild_portrait", { p_user_id: alice.userId }),
        await db.call("stored_portrait", { p_user_id: alice.userId }),
      );
    });
  } finally {
    await db.close();
  }
});
