/**
 * The database port. All bot and API code talks to Postgres only through SQL functions
 * (`call`), which is what both adapters can do: PGlite directly, Supabase through PostgREST
 * `.rpc()`. Each SQL function is one atomic transaction and returns JSON.
 */
export interface Db {
  /** Calls `public.<fn>(name => value, ...)` and returns its (JSON) result. */
  call<T = unknown>(fn: string, args?: Record<string, unknown>): Promise<T>;
  /** Cheap round trip used by `/health`. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** The embedded database can also run raw SQL: migrations, tests and benchmarks use it. */
export interface SqlDb extends Db {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  exec(sql: string): Promise<void>;
  transaction<T>(fn: (tx: SqlTx) => Promise<T>): Promise<T>;
}

export interface SqlTx {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  exec(sql: string): Promise<void>;
}

/** A SQL function raised an error (the PostgREST error shape, kept on both adapters). */
export class DbError extends Error {
  override name = "DbError";
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly details?: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

const identifier = /^[a-z_][a-z0-9_]*$/;

/** SQL function and argument names are interpolated, so they must be plain identifiers. */
export function assertIdentifier(name: string): string {
  if (!identifier.test(name)) throw new DbError(`invalid identifier: ${name}`, "42602");
  return name;
}

/**
 * Turns a JS value into a text parameter Postgres can cast to the function's declared type:
 * objects and arrays as JSON (functions take jsonb for structured input), the rest as text.
 */
export function toSqlParam(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** `select public.fn(a => $1, b => $2) as result`: named arguments, as PostgREST calls them. */
export function buildCall(
  fn: string,
  args: Record<string, unknown>,
): { sql: string; params: unknown[] } {
  const names = Object.keys(args).map(assertIdentifier);
  const placeholders = names.map((name, i) => `${name} => $${i + 1}`).join(", ");
  return {
    sql: `select public.${assertIdentifier(fn)}(${placeholders}) as result`,
    params: names.map((name) => args[name]),
  };
}

/** A driver's error (PGlite's or postgres.js's: both carry Postgres' fields) as a DbError. */
export function asDbError(error: unknown): DbError {
  if (error instanceof DbError) return error;
  const e = error as { message?: string; code?: string; detail?: string; hint?: string };
  return new DbError(e.message ?? String(error), e.code, e.detail, e.hint);
}
