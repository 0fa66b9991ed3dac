import postgres from "postgres";
import { asDbError, buildCall, type SqlDb, type SqlTx, toSqlParam } from "./db.ts";
import { applyMigrations } from "./migrate.ts";

export interface PostgresDbOptions {
  /** postgresql://user:password@host:port/database */
  url: string;
  /** Pool size. One keeps session settings (`set role`) between queries, as PGlite does. */
  max?: number;
  /**
   * Named prepared statements. Off for a transaction-mode pooler (Supabase's port 6543), which
   * hands each transaction a different server connection; on otherwise (the default decides by
   * the port).
   */
  prepare?: boolean;
}

/**
 * A direct connection to a real PostgreSQL: a self-hosted server, Supabase's database or its
 * pooler, and the real-PostgreSQL test tier. Speaks the same port as the PGlite adapter, so
 * every SQL function is called the same way (`select public.fn(p_x => $1)`).
 */
export function createPostgresDb(options: PostgresDbOptions): PostgresDb {
  const url = new URL(options.url);
  const sql = postgres(options.url, {
    max: options.max ?? 10,
    // Short-lived Edge isolates should not hold pooler connections they no longer use.
    idle_timeout: 30,
    prepare: options.prepare ?? url.port !== "6543",
    // Notices can quote values from a statement; logs hold no personal data.
    onnotice: () => {},
    // Parameters arrive as text already (`toSqlParam`, as PGlite takes them): postgres.js must
    // not serialise them again by the type the server infers (a JSON string would become a
    // jsonb string, "false" would become true). Results parse as PGlite parses them.
    types: {
      json: { to: 114, from: [114, 3802], serialize: asText, parse: (x: string) => JSON.parse(x) },
      boolean: { to: 16, from: [16], serialize: asText, parse: (x: string) => x === "t" },
      date: {
        to: 1184,
        from: [1082, 1114, 1184],
        serialize: asText,
        parse: (x: string) => new Date(x),
      },
      // int8 (counts, Telegram ids) as a number while it is exact.
      int8: {
        to: 20,
        from: [20],
        serialize: asText,
        parse: (x: string) => {
          const n = Number(x);
          return Number.isSafeInteger(n) ? n : BigInt(x);
        },
      },
    },
    connection: { application_name: "ty-ne-odin" },
  });
  return new PostgresDb(sql as unknown as Sql);
}

/** Opens a real PostgreSQL and applies the project's migrations (as `supabase db push` would). */
export async function openPostgresDb(options: PostgresDbOptions): Promise<PostgresDb> {
  const db = createPostgresDb(options);
  await applyMigrations(db, { shim: false });
  return db;
}

function asText(value: unknown): string {
  if (typeof value === "string") return value;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "boolean") return value ? "t" : "f";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

type Sql = postgres.Sql<Record<string, unknown>>;
type Runner = Pick<Sql, "unsafe">;

export class PostgresDb implements SqlDb {
  constructor(private readonly sql: Sql) {}

  async call<T>(fn: string, args: Record<string, unknown> = {}): Promise<T> {
    const { sql, params } = buildCall(fn, args);
    const rows = await this.query<{ result: T }>(sql, params);
    return rows[0]?.result as T;
  }

  async ping(): Promise<void> {
    await this.query("select 1");
  }

  query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return runQuery<T>(this.sql, sql, params);
  }

  exec(sql: string): Promise<void> {
    return runExec(this.sql, sql);
  }

  async transaction<T>(fn: (tx: SqlTx) => Promise<T>): Promise<T> {
    try {
      return await this.sql.begin((tx) =>
        fn({
          query: (text, params) => runQuery(tx, text, params),
          exec: (text) => runExec(tx, text),
        })
      ) as T;
    } catch (error) {
      throw asDbError(error);
    }
  }

  async close(): Promise<void> {
    await this.sql.end({ timeout: 5 });
  }
}

async function runQuery<T>(runner: Runner, text: string, params: unknown[] = []): Promise<T[]> {
  try {
    const rows = await runner.unsafe(
      text,
      params.map(toSqlParam) as postgres.ParameterOrJSON<never>[],
    );
    return [...rows] as T[];
  } catch (error) {
    throw asDbError(error);
  }
}

/** Several statements in one go (migrations, test setup): the simple query protocol. */
async function runExec(runner: Runner, text: string): Promise<void> {
  try {
    await runner.unsafe(text).simple();
  } catch (error) {
    throw asDbError(error);
  }
}
