import assert from "node:assert/strict";
import { createTestDb } from "../support/test_db.ts";

/**
 * The bot reaches the database only through functions granted to service_role. A security
 * definer function that anon or authenticated may execute would let anyone with the public
 * anon key bypass row level security, so every such function in schemas public and admin
 * (the moderators' actions) is checked.
 */
Deno.test("security definer functions are safe to expose through PostgREST", async (t) => {
  const db = await createTestDb();
  try {
    const functions = await db.query<{
      signature: string;
      search_path_set: boolean;
      anon: boolean;
      authenticated: boolean;
      service_role: boolean;
    }>(`
      select p.oid::regprocedure::text as signature,
             exists (select 1 from unnest(coalesce(p.proconfig, '{}')) c where c like 'search_path=%')
               as search_path_set,
             has_function_privilege('anon', p.oid, 'execute') as anon,
             has_function_privilege('authenticated', p.oid, 'execute') as authenticated,
             has_function_privilege('service_role', p.oid, 'execute') as service_role
        from pg_catalog.pg_proc p
        join pg_catalog.pg_namespace n on n.oid = p.pronamespace
       where n.nspname in ('public', 'admin') and p.prosecdef
       order by 1
    `);
    assert.ok(functions.length > 0);

    await t.step("each one sets search_path", () => {
      const bad = functions.filter((f) => !f.search_path_set).map((f) => f.signature);
      assert.deepEqual(bad, []);
    });

    await t.step("none is executable by anon or authenticated", () => {
      const bad = functions.filter((f) => f.anon || f.authenticated).map((f) => f.signature);
      assert.deepEqual(
        bad,
        [],
        "add: revoke execute on function ... from public, anon, authenticated;",
      );
    });

    await t.step("each one is executable by service_role", () => {
      const bad = functions.filter((f) => !f.service_role).map((f) => f.signature);
      assert.deepEqual(bad, [], "add: grant execute on function ... to service_role;");
    });
  } finally {
    await db.close();
  }
});
