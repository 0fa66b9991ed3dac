import type { SqlDb } from "./db.ts";

const supabaseDir = new URL("../../supabase/", import.meta.url);
const shimFile = new URL("./supabase_shim.sql", import.meta.url);

export interface MigrationReport {
  applied: string[];
  skipped: number;
}

/**
 * Creates what Supabase provides (roles, auth schema; embedded database only), applies
 * `supabase/migrations/*.sql` in order, tracked like the Supabase CLI does in
 * `supabase_migrations.schema_migrations`, then the idempotent `supabase/seed.sql`.
 */
export async function applyMigrations(
  db: SqlDb,
  options: { shim?: boolean } = {},
): Promise<MigrationReport> {
  // A real Supabase (or a server set up like one) already has what the shim recreates.
  if (options.shim ?? true) await db.exec(await Deno.readTextFile(shimFile));
  await db.exec(`
    create schema if not exists supabase_migrations;
    create table if not exists supabase_migrations.schema_migrations (
      version text primary key,
      name text not null,
      applied_at timestamptz not null default now()
    );
  `);
  const done = new Set(
    (await db.query<{ version: string }>(
      "select version from supabase_migrations.schema_migrations",
    )).map((row) => row.version),
  );
  const report: MigrationReport = { applied: [], skipped: 0 };
  for (const file of await listMigrations()) {
    const version = file.split("_")[0]!;
    if (done.has(version)) {
      report.skipped++;
      continue;
    }
    const sql = await Deno.readTextFile(new URL(`migrations/${file}`, supabaseDir));
    await db.transaction(async (tx) => {
      await tx.exec(sql);
      await tx.query(
        "insert into supabase_migrations.schema_migrations (version, name) values ($1, $2)",
        [version, file.slice(version.length + 1, -".sql".length)],
      );
    });
    report.applied.push(file);
  }
  await db.exec(await Deno.readTextFile(new URL("seed.sql", supabaseDir)));
  return report;
}

async function listMigrations(): Promise<string[]> {
  const files: string[] = [];
  for await (const entry of Deno.readDir(new URL("migrations/", supabaseDir))) {
    if (entry.isFile && /^\d{14}_[a-z0-9_]+\.sql$/.test(entry.name)) files.push(entry.name);
  }
  return files.sort();
}
