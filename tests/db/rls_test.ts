import assert from "node:assert/strict";
import { DbError, type SqlDb } from "../../shared/db/db.ts";
import { createTestDb } from "../support/test_db.ts";

/**
 * Row level security, checked against the migrated schema. Queries run in a transaction with
 * `set local role <role>` and the JWT claims PostgREST would set, so they see exactly what a
 * Supabase API caller with that key would see.
 */

type Visible = number | "denied";

async function countAs(
  db: SqlDb,
  role: "anon" | "authenticated",
  userId: string | null,
  sql: string,
  params: unknown[] = [],
): Promise<Visible> {
  try {
    return await db.transaction(async (tx) => {
      await tx.query("select set_config('request.jwt.claims', $1, true)", [
        JSON.stringify(userId ? { sub: userId, role } : { role }),
      ]);
      await tx.exec(`set local role ${role}`);
      const rows = await tx.query<{ n: number }>(
        `select count(*)::int as n from (${sql}) q`,
        params,
      );
      return rows[0]!.n;
    });
  } catch (error) {
    if (error instanceof DbError && error.code === "42501") return "denied";
    throw error;
  }
}

/** Runs one statement as the role and returns its error, if any. */
async function runAs(
  db: SqlDb,
  role: "anon" | "authenticated",
  userId: string,
  sql: string,
  params: unknown[] = [],
): Promise<{ rows: Record<string, unknown>[]; error?: DbError }> {
  try {
    const rows = await db.transaction(async (tx) => {
      await tx.query("select set_config('request.jwt.claims', $1, true)", [
        JSON.stringify({ sub: userId, role }),
      ]);
      await tx.exec(`set local role ${role}`);
      return await tx.query(sql, params);
    });
    return { rows };
  } catch (error) {
    if (error instanceof DbError) return { rows: [], error };
    throw error;
  }
}

async function publicTables(db: SqlDb): Promise<Array<{ name: string; rls: boolean }>> {
  return await db.query<{ name: string; rls: boolean }>(`
    select c.relname as name, c.relrowsecurity as rls
      from pg_catalog.pg_class c
      join pg_catalog.pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind in ('r', 'p')
     order by c.relname
  `);
}

async function seedTwoUsers(db: SqlDb): Promise<{ alice: string; bob: string }> {
  const [alice, bob] = (await db.query<{ id: string }>(
    "insert into public.users (tg_id) values (900000001), (900000002) returning id",
  )).map((row) => row.id);
  let topics = await db.query<{ id: number }>("select id from public.topics order by id limit 2");
  if (topics.length < 2) {
    topics = await db.query<{ id: number }>(`
      insert into public.topics (slug, title, group_slug, group_title)
      values ('rls_test_a', 'A', 'test', 'Test'), ('rls_test_b', 'B', 'test', 'Test')
      returning id
    `);
  }
  for (
    const [user, topic] of [[alice, topics[0]!.id], [alice, topics[1]!.id], [bob, topics[0]!.id]]
  ) {
    await db.query("insert into public.user_topics (user_id, topic_id) values ($1, $2)", [
      user,
      topic,
    ]);
  }
  for (const user of [alice, bob]) {
    await db.query("insert into public.preferences (user_id, purpose) values ($1, 'support')", [
      user,
    ]);
    await db.query(
      `insert into public.profile_embeddings (user_id, embedding, model)
       values ($1, array_fill(0.05::real, array[384])::extensions.vector, 'test')`,
      [user],
    );
    await db.query(
      "insert into public.domain_events (user_id, event, data) values ($1, 'test.seeded', '{}')",
      [user],
    );
  }
  await db.query(
    "select public.enqueue_update(777, 900000001, 900000001, '{\"update_id\":777}'::jsonb)",
  );
  await db.query(
    "select public.record_failed_update(778, '{\"update_id\":778}'::jsonb, 900000001, 'Error')",
  );
  await db.query("insert into public.erasure_stats (day, erased_users) values (current_date, 1)");
  return { alice: alice!, bob: bob! };
}

Deno.test("every table in schema public has row level security enabled", async () => {
  const db = await createTestDb();
  try {
    const tables = await publicTables(db);
    assert.ok(tables.length >= 9, "the core tables exist");
    const withoutRls = tables.filter((table) => !table.rls).map((table) => table.name);
    assert.deepEqual(withoutRls, [], `tables without RLS: ${withoutRls.join(", ")}`);
  } finally {
    await db.close();
  }
});

Deno.test("anon reads nothing from any public table", async (t) => {
  const db = await createTestDb();
  try {
    await seedTwoUsers(db);
    for (const { name } of await publicTables(db)) {
      await t.step(name, async () => {
        const visible = await countAs(db, "anon", null, `select * from public.${name}`);
        assert.ok(visible === 0 || visible === "denied", `anon sees ${visible} rows of ${name}`);
      });
    }
    await t.step("the seeded rows do exist for the owner", async () => {
      const [row] = await db.query<{ n: number }>("select count(*)::int as n from public.users");
      assert.ok(row!.n >= 2);
    });
  } finally {
    await db.close();
  }
});

Deno.test("an authenticated user reads and edits only their own profile rows", async (t) => {
  const db = await createTestDb();
  try {
    const { alice, bob } = await seedTwoUsers(db);
    const own: Array<[string, string]> = [
      ["users", "id"],
      ["user_topics", "user_id"],
      ["preferences", "user_id"],
      ["profile_embeddings", "user_id"],
    ];

    for (const [table, column] of own) {
      await t.step(`${table}: exactly their own rows`, async () => {
        const [expected] = await db.query<{ n: number }>(
          `select count(*)::int as n from public.${table} where ${column} = $1`,
          [alice],
        );
        assert.ok(expected!.n > 0);
        assert.equal(
          await countAs(db, "authenticated", alice, `select * from public.${table}`),
          expected!.n,
        );
        assert.equal(
          await countAs(
            db,
            "authenticated",
            alice,
            `select * from public.${table} where ${column} = $1`,
            [bob],
          ),
          0,
        );
      });
    }

    for (const table of ["domain_events", "processed_updates", "failed_updates", "erasure_stats"]) {
      await t.step(`${table}: nothing`, async () => {
        const visible = await countAs(db, "authenticated", alice, `select * from public.${table}`);
        assert.ok(visible === 0 || visible === "denied", `sees ${visible}`);
      });
    }

    await t.step("without a sub claim an authenticated caller sees no profile rows", async () => {
      assert.equal(await countAs(db, "authenticated", null, "select * from public.users"), 0);
    });

    await t.step("adding a topic for another user is refused", async () => {
      const { error } = await runAs(
        db,
        "authenticated",
        alice,
        `insert into public.user_topics (user_id, topic_id)
         select $1, id from public.topics order by id desc limit 1`,
        [bob],
      );
      assert.ok(error, "the insert must fail");
      assert.equal(error.code, "42501");
      assert.match(error.message, /row-level security/);
    });

    await t.step("adding a topic for oneself is allowed", async () => {
      const { error, rows } = await runAs(
        db,
        "authenticated",
        alice,
        `insert into public.user_topics (user_id, topic_id)
         select $1, t.id from public.topics t
          where not exists (select 1 from public.user_topics u where u.user_id = $1 and u.topic_id = t.id)
          order by t.id limit 1
         returning user_id`,
        [alice],
      );
      assert.equal(error, undefined);
      assert.equal(rows.length, 1);
    });

    await t.step("updating another user's profile changes nothing", async () => {
      const { rows, error } = await runAs(
        db,
        "authenticated",
        alice,
        "update public.users set bio = 'hacked' where id = $1 returning id",
        [bob],
      );
      assert.equal(error, undefined);
      assert.equal(rows.length, 0);
      const [bobRow] = await db.query<{ bio: string | null }>(
        "select bio from public.users where id = $1",
        [bob],
      );
      assert.equal(bobRow!.bio, null);
    });

    await t.step("updating one's own bio works", async () => {
      const { rows, error } = await runAs(
        db,
        "authenticated",
        alice,
        "update public.users set bio = 'hi' where id = $1 returning id",
        [alice],
      );
      assert.equal(error, undefined);
      assert.equal(rows.length, 1);
    });

    await t.step("ids and dialog state of one's own row are not editable", async () => {
      const { error } = await runAs(
        db,
        "authenticated",
        alice,
        "update public.users set tg_id = 1 where id = $1",
        [alice],
      );
      assert.equal(error?.code, "42501");
    });

    await t.step("deleting another user's topics removes nothing", async () => {
      const { rows } = await runAs(
        db,
        "authenticated",
        alice,
        "delete from public.user_topics where user_id = $1 returning user_id",
        [bob],
      );
      assert.equal(rows.length, 0);
    });
  } finally {
    await db.close();
  }
});

Deno.test("domain_events is append-only", async (t) => {
  const db = await createTestDb();
  try {
    const [user] = await db.query<{ id: string }>(
      "insert into public.users (tg_id) values (900000011) returning id",
    );
    const [event] = await db.query<{ id: number }>(
      `insert into public.domain_events (user_id, event, data)
       values ($1, 'test.happened', '{"n": 1}') returning id`,
      [user!.id],
    );

    await t.step("changing an event is refused", async () => {
      await assert.rejects(
        () => db.query("update public.domain_events set data = '{}' where id = $1", [event!.id]),
        (error) => error instanceof DbError && error.code === "42501",
      );
    });

    await t.step("deleting an event is refused", async () => {
      await assert.rejects(
        () => db.query("delete from public.domain_events where id = $1", [event!.id]),
        (error) => error instanceof DbError && error.code === "42501",
      );
    });

    await t.step(
      "setting user_id to null by hand together with other changes is refused",
      async () => {
        await assert.rejects(
          () =>
            db.query(
              "update public.domain_events set user_id = null, event = 'x.y' where id = $1",
              [event!.id],
            ),
          DbError,
        );
      },
    );

    await t.step("deleting the user keeps the event and only drops its user", async () => {
      await db.query("delete from public.users where id = $1", [user!.id]);
      const rows = await db.query<{ user_id: string | null; event: string; data: unknown }>(
        "select user_id, event, data from public.domain_events where id = $1",
        [event!.id],
      );
      assert.deepEqual(rows, [{ user_id: null, event: "test.happened", data: { n: 1 } }]);
    });
  } finally {
    await db.close();
  }
});
