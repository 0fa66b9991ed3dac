/**
 * Supabase's own linter (splinter: the dashboard's Security and Performance Advisors) on the
 * migrated database, as the project's `postgres` role sees it: no ERROR and no WARN. INFO-level
 * findings (unused indexes in an empty database, RLS tables only the service role reads) are
 * expected and listed when the test runs with `--log`.
 */
import assert from "node:assert/strict";
import { createTestDb, realPostgres } from "../support/test_db.ts";

const splinter = new URL(
  "../../../shared/vendor/postgres/supabase-base/splinter.sql",
  import.meta.url,
);

Deno.test({
  name: "real PostgreSQL: Supabase's linter finds no ERROR and no WARN",
  ignore: realPostgres === undefined,
  async fn() {
    // The first lines are a comment and `set local search_path = ''`; the rest is one query.
    const text = await Deno.readTextFile(splinter);
    const query = text.slice(text.indexOf("\n(") + 1);
    const db = await createTestDb();
    try {
      const lints = await db.transaction(async (tx) => {
        await tx.exec("set local search_path = ''");
        return await tx.query<{ name: string; level: string; detail: string }>(query);
      });
      const serious = lints.filter((lint) => lint.level === "ERROR" || lint.level === "WARN");
      assert.deepEqual(serious.map((lint) => `${lint.level} ${lint.name}: ${lint.detail}`), []);
      assert.ok(lints.length > 0, "the linter ran (an empty database still has INFO findings)");
    } finally {
      await db.close();
    }
  },
});
