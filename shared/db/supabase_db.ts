import { createClient } from "@supabase/supabase-js";
import { assertIdentifier, type Db, DbError } from "./db.ts";

export interface SupabaseDbOptions {
  /** The project URL, https://<ref>.supabase.co (or the local gateway). */
  url: string;
  /** The service_role key: SQL functions are granted to service_role only. */
  serviceRoleKey: string;
  /** For tests and proxies; the global fetch otherwise. */
  fetch?: typeof fetch;
}

/**
 * The hosted database through PostgREST: `call(fn, args)` is `POST /rest/v1/rpc/<fn>` with
 * the arguments as a JSON object of named parameters, exactly what the PGlite adapter does with
 * `select public.fn(p_x => ...)`. Errors keep PostgREST's `{code, details, hint, message}`.
 */
export function createSupabaseDb(options: SupabaseDbOptions): Db {
  const client = createClient(options.url, options.serviceRoleKey, {
    // A server has no browser session to keep or refresh.
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    global: options.fetch ? { fetch: options.fetch } : undefined,
  });

  async function call<T>(fn: string, args: Record<string, unknown> = {}): Promise<T> {
    // Same rule as the PGlite adapter, so a name that works in tests works in production.
    assertIdentifier(fn);
    Object.keys(args).forEach(assertIdentifier);
    const { data, error } = await client.rpc(fn, args);
    if (error) {
      throw new DbError(
        error.message,
        error.code || undefined,
        error.details ?? undefined,
        error.hint ?? undefined,
      );
    }
    return data as T;
  }

  return {
    call,
    async ping() {
      const result = await call<{ ok?: boolean }>("health_check");
      if (result?.ok !== true) throw new DbError("health_check did not answer ok", undefined);
    },
    async close() {
      // Nothing is held open between requests (no realtime channels are used).
      await client.removeAllChannels();
    },
  };
}
