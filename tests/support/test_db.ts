import type { SqlDb } from "../../shared/db/db.ts";
import { applyMigrations } from "../../shared/db/migrate.ts";
import { openPgliteDb, type PgliteDb } from "../../shared/db/pglite_db.ts";
import { createPostgresDb, type PostgresDb } from "../../shared/db/postgres_db.ts";

/**
 * Test databases. By default the embedded PGlite; with `TEST_DATABASE_URL` set (what
 * `.ci/postgres.sh` prints: a real PostgreSQL 15 set up like Supabase), a real server, so the
 * same tests run on both engines (`deno task test:postgres`).
 */
export const realPostgres = realPostgresSettings();

/** What every test can do with its database: SQL functions and raw SQL. */
export type TestDb = SqlDb;

let pgliteTemplate: Promise<PgliteDb> | undefined;

/**
 * A fresh, fully migrated database. Migrating takes seconds, so the first call builds a
 * template and every call gets its own copy of it (PGlite clone or `create database ...
 * template`, well under a second). `pool` is the real server's connection count (PGlite has
 * one).
 */
export async function createTestDb(options: { pool?: number } = {}): Promise<TestDb> {
  if (realPostgres) return await createPostgresTestDb(realPostgres, options.pool ?? 1);
  pgliteTemplate ??= openPgliteDb("memory://") as Promise<PgliteDb>;
  return (await pgliteTemplate).clone();
}

// ---------------------------------------------------------------------------------------------
// Real PostgreSQL

export interface RealPostgres {
  /** A superuser (supabase_admin): creates and drops the test databases. */
  adminUrl: string;
  /** The project's own role, `postgres` (not a superuser on Supabase). */
  appUrl: string;
  /** PostgREST's login role (`set role service_role` / `authenticated` after it). */
  authenticatorUrl: string;
  /** Supabase's setup applied, nothing of ours: the migrations are applied on a copy of it. */
  baseDatabase: string;
  /** A migrated copy of the base, copied again for every test. */
  templateDatabase: string;
}

function realPostgresSettings(): RealPostgres | undefined {
  const env = (name: string) => Deno.env.get(name) || undefined;
  const adminUrl = env("TEST_DATABASE_URL");
  if (!adminUrl) return undefined;
  return {
    adminUrl,
    appUrl: env("TEST_DATABASE_APP_URL") ?? adminUrl,
    authenticatorUrl: env("TEST_DATABASE_AUTHENTICATOR_URL") ?? adminUrl,
    baseDatabase: env("TEST_BASE_DATABASE") ?? "supabase_base",
    templateDatabase: env("TEST_TEMPLATE_DATABASE") ?? "ty_ne_odin_template",
  };
}

/** `url` with another database name. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

const TEST_DB_PREFIX = "ty_test_";
let templateReady: Promise<void> | undefined;

/** A superuser connection for one job (an open socket would fail Deno's leak check). */
async function asAdmin<T>(settings: RealPostgres, fn: (admin: PostgresDb) => Promise<T>) {
  const admin = createPostgresDb({ url: settings.adminUrl, max: 1 });
  try {
    return await fn(admin);
  } finally {
    await admin.close();
  }
}

async function createPostgresTestDb(settings: RealPostgres, pool: number): Promise<TestDb> {
  templateReady ??= asAdmin(settings, (admin) => prepareTemplate(settings, admin));
  await templateReady;
  // `deno test --parallel` runs test files side by side in one process, each with its own copy of
  // this module: the process id alone does not tell their databases apart, a random part does.
  const name = `${TEST_DB_PREFIX}${Deno.pid}_${crypto.randomUUID().replaceAll("-", "")}`;
  await asAdmin(
    settings,
    (admin) =>
      admin.exec(`create database ${name} template ${settings.templateDatabase} owner postgres`),
  );
  // By default one connection: session settings (`set role`) hold between queries, as on
  // PGlite. Benchmarks ask for a pool, as production has.
  const db = createPostgresDb({ url: withDatabase(settings.appUrl, name), max: pool });
  names.set(db, name);
  const close = db.close.bind(db);
  db.close = async () => {
    await close();
    await asAdmin(settings, (admin) => admin.exec(`drop database if exists ${name} with (force)`));
  };
  return db;
}

/** Extra sessions on a test database, for the concurrency tests. */
export function openSession(db: TestDb, options: { role?: "app" | "admin" } = {}): PostgresDb {
  if (!realPostgres) throw new Error("openSession needs TEST_DATABASE_URL");
  const name = databaseNameOf(db);
  const url = options.role === "admin" ? realPostgres.adminUrl : realPostgres.appUrl;
  return createPostgresDb({ url: withDatabase(url, name), max: 1 });
}

const names = new WeakMap<object, string>();

/** The URL a separate process (the dev server) uses to reach this test database. */
export function databaseUrlOf(db: TestDb): string {
  if (!realPostgres) throw new Error("databaseUrlOf needs TEST_DATABASE_URL");
  return withDatabase(realPostgres.appUrl, databaseNameOf(db));
}

function databaseNameOf(db: TestDb): string {
  const name = names.get(db);
  if (!name) throw new Error("not a real-PostgreSQL test database");
  return name;
}

/**
 * Builds the template when the migrations changed since it was built: a copy of Supabase's base,
 * the migrations applied as `postgres` (as `supabase db push` does; pg_cron is created there,
 * which is why `.ci/postgres.sh` names it `cron.database_name`). Then connections to it are
 * closed for good, pg_cron's launcher included, so it can be copied.
 */
async function prepareTemplate(settings: RealPostgres, admin: PostgresDb): Promise<void> {
  // Test files running side by side (`deno test --parallel`) each prepare it: one at a time. The
  // lock is the admin session's and goes with it.
  await admin.query("select pg_advisory_lock(hashtext('ty_test_template'))");
  const template = settings.templateDatabase;
  // Databases left by a test run that was killed.
  const stale = await admin.query<{ datname: string }>(
    "select datname from pg_database where datname like $1",
    [`${TEST_DB_PREFIX}%`],
  );
  for (const { datname } of stale) {
    // Only a dead process's: another test run beside this one still uses its databases.
    const owner = Number(datname.slice(TEST_DB_PREFIX.length).split("_")[0]);
    if (owner !== Deno.pid && !processAlive(owner)) {
      await admin.exec(`drop database if exists ${datname} with (force)`);
    }
  }
  const hash = await migrationsHash();
  const [current] = await admin.query<{ comment: string | null }>(
    "select shobj_description(oid, 'pg_database') as comment from pg_database where datname = $1",
    [template],
  );
  if (current?.comment !== hash) {
    await admin.exec(`drop database if exists ${template} with (force)`);
    await admin.exec(
      `create database ${template} template ${settings.baseDatabase} owner postgres`,
    );
    const app = createPostgresDb({ url: withDatabase(settings.appUrl, template), max: 1 });
    try {
      await applyMigrations(app, { shim: false });
    } finally {
      await app.close();
    }
    await admin.exec(`comment on database ${template} is '${hash}'`);
  }
  await admin.exec(`alter database ${template} with allow_connections false`);
  await admin.query(
    "select pg_terminate_backend(pid) from pg_stat_activity where datname = $1",
    [template],
  );
}

/** Whether a process with this id runs on this machine (Linux: /proc/<pid>). */
function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    Deno.statSync(`/proc/${pid}`);
    return true;
  } catch {
    return false;
  }
}

async function migrationsHash(): Promise<string> {
  const dir = new URL("../../supabase/", import.meta.url);
  const files = [...Deno.readDirSync(new URL("migrations/", dir))].map((e) => e.name).sort();
  let text = "";
  for (const file of files) {
    text += file + (await Deno.readTextFile(new URL(`migrations/${file}`, dir)));
  }
  text += await Deno.readTextFile(new URL("seed.sql", dir));
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("").slice(
    0,
    32,
  );
}
