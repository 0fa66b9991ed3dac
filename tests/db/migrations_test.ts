import assert from "node:assert/strict";
import { applyMigrations } from "../../shared/db/migrate.ts";
import { openPgliteDb } from "../../shared/db/pglite_db.ts";

const migrationsDir = new URL("../../supabase/migrations/", import.meta.url);

async function migrationFiles(): Promise<string[]> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(migrationsDir)) if (entry.isFile) names.push(entry.name);
  return names.sort();
}

Deno.test("migration files are named so the runner and the Supabase CLI both pick them up", async () => {
  const files = await migrationFiles();
  const badlyNamed = files.filter((name) => !/^\d{14}_[a-z0-9_]+\.sql$/.test(name));
  assert.deepEqual(badlyNamed, [], "names must be <14-digit timestamp>_<verb>_<object>.sql");
  const versions = files.map((name) => name.slice(0, 14));
  const repeated = versions.filter((version, i) => versions.indexOf(version) !== i);
  assert.deepEqual(repeated, [], "every timestamp must be unique");
});

Deno.test("migrations apply to an empty file-backed database and are not applied twice", async (t) => {
  const dir = await Deno.makeTempDir({ prefix: "pglite-migrations-" });
  const dataDir = `${dir}/nested/db`;
  const files = await migrationFiles();
  try {
    let topicCount = 0;

    await t.step("the first open applies every migration", async () => {
      const db = await openPgliteDb(dataDir);
      try {
        const applied = await db.query<{ version: string }>(
          "select version from supabase_migrations.schema_migrations order by version",
        );
        assert.deepEqual(applied.map((row) => row.version), files.map((f) => f.slice(0, 14)));

        const second = await applyMigrations(db);
        assert.deepEqual(second.applied, []);
        assert.equal(second.skipped, files.length);

        await db.query("insert into public.users (tg_id) values (123)");
        const [row] = await db.query<{ n: number }>("select count(*)::int as n from public.topics");
        topicCount = row!.n;
      } finally {
        await db.close();
      }
    });

    await t.step("reopening applies nothing and keeps the data and the seed", async () => {
      const db = await openPgliteDb(dataDir);
      try {
        const third = await applyMigrations(db);
        assert.deepEqual(third.applied, []);
        const users = await db.query<{ tg_id: number }>("select tg_id::int from public.users");
        assert.deepEqual(users, [{ tg_id: 123 }]);
        const [row] = await db.query<{ n: number }>("select count(*)::int as n from public.topics");
        assert.equal(row!.n, topicCount, "re-running the seed adds no duplicate topics");
      } finally {
        await db.close();
      }
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
