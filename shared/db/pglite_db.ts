import { PGlite } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite-pgvector";
import { asDbError, buildCall, type SqlDb, type SqlTx, toSqlParam } from "./db.ts";
import { applyMigrations } from "./migrate.ts";

/** Opens the embedded Postgres (file-backed or `memory://`) and brings its schema up to date. */
export async function openPgliteDb(dataDir: string): Promise<SqlDb> {
  if (!dataDir.startsWith("memory://")) {
    // PGlite's own mkdir is not recursive.
    await Deno.mkdir(dataDir, { recursive: true });
  }
  const pg = await PGlite.create(dataDir, { extensions: { vector } });
  const db = new PgliteDb(pg);
  await applyMigrations(db);
  return db;
}

export class PgliteDb implements SqlDb {
  constructor(private readonly pg: PGlite) {}

  async call<T>(fn: string, args: Record<string, unknown> = {}): Promise<T> {
    const { sql, params } = buildCall(fn, args);
    const rows = await this.query<{ result: T }>(sql, params);
    return rows[0]?.result as T;
  }

  async ping(): Promise<void> {
    await this.query("select 1");
  }

  async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    try {
      const result = await this.pg.query<T>(sql, params.map(toSqlParam));
      return result.rows;
    } catch (error) {
      throw asDbError(error);
    }
  }

  async exec(sql: string): Promise<void> {
    try {
      await this.pg.exec(sql);
    } catch (error) {
      throw asDbError(error);
    }
  }

  transaction<T>(fn: (tx: SqlTx) => Promise<T>): Promise<T> {
    return this.pg.transaction((tx) =>
      fn({
        query: async <R>(sql: string, params: unknown[] = []) => {
          try {
            return (await tx.query<R>(sql, params.map(toSqlParam))).rows;
          } catch (error) {
            throw asDbError(error);
          }
        },
        exec: async (sql: string) => {
          try {
            await tx.exec(sql);
          } catch (error) {
            throw asDbError(error);
          }
        },
      })
    );
  }

  /** A copy of this database (schema and rows): tests start from one migrated template. */
  async clone(): Promise<PgliteDb> {
    // clone() is typed as the interface, but it returns a PGlite.
    return new PgliteDb((await this.pg.clone()) as PGlite);
  }

  async close(): Promise<void> {
    if (!this.pg.closed) await this.pg.close();
  }
}
