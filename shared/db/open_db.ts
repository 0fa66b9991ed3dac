import type { Database } from "../config.ts";
import type { Db } from "./db.ts";
import { createPostgresDb, openPostgresDb } from "./postgres_db.ts";
import { createSupabaseDb } from "./supabase_db.ts";

/**
 * The database the configuration names. The embedded one and a self-hosted server are migrated
 * on open; a Supabase project is migrated by `supabase db push`, never by the bot.
 */
export async function openDatabase(
  database: Database,
  options: { migrate: boolean } = { migrate: true },
): Promise<Db> {
  switch (database.kind) {
    case "supabase":
      return createSupabaseDb(database);
    case "postgres":
      return options.migrate
        ? await openPostgresDb({ url: database.url })
        : createPostgresDb({ url: database.url });
    case "pglite": {
      // Loaded only here: the Edge Functions never bundle the embedded database.
      const { openPgliteDb } = await import("./pglite_db.ts");
      return await openPgliteDb(database.dataDir);
    }
  }
}
