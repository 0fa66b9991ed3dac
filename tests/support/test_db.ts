import { openPgliteDb, type PgliteDb } from "../../shared/db/pglite_db.ts";

let template: Promise<PgliteDb> | undefined;

/**
 * A fresh, fully migrated in-memory database. Migrating takes seconds, so the first call
 * builds a template and every call gets its own clone of it (under a second).
 */
export async function createTestDb(): Promise<PgliteDb> {
  template ??= openPgliteDb("memory://") as Promise<PgliteDb>;
  return (await template).clone();
}
