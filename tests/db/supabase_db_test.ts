import assert from "node:assert/strict";
import { DbError } from "../../shared/db/db.ts";
import { createSupabaseDb } from "../../shared/db/supabase_db.ts";
import { startFakePostgrest } from "../support/fake_postgrest.ts";
import { createTestDb } from "../support/test_db.ts";

const serviceRoleKey = "service-role-key-for-tests";

Deno.test("the Supabase adapter calls SQL functions through PostgREST rpc", async (t) => {
  const pg = await createTestDb();
  const postgrest = startFakePostgrest(pg, { serviceRoleKey });
  const db = createSupabaseDb({ url: postgrest.url, serviceRoleKey });
  try {
    await pg.exec(`
      create function public.test_echo(p_name text, p_items jsonb, p_count integer default 1)
      returns jsonb language sql security definer set search_path = '' as $$
        select jsonb_build_object('name', p_name, 'items', p_items, 'count', p_count)
      $$;
      revoke execute on function public.test_echo(text, jsonb, integer) from public, anon, authenticated;
      grant execute on function public.test_echo(text, jsonb, integer) to service_role;
      create function public.test_fail(p_reason text)
      returns void language plpgsql security definer set search_path = '' as $$
      begin
        raise exception 'refused: %', p_reason using errcode = 'P0001', detail = 'd', hint = 'h';
      end $$;
      grant execute on function public.test_fail(text) to service_role;
    `);

    await t.step("named arguments go in and the JSON result comes back", async () => {
      const result = await db.call("test_echo", {
        p_name: "Аня",
        p_items: [{ id: 1 }, { id: 2 }],
        p_count: 3,
      });
      assert.deepEqual(result, { name: "Аня", items: [{ id: 1 }, { id: 2 }], count: 3 });
      assert.deepEqual(postgrest.requests.at(-1), {
        fn: "test_echo",
        args: { p_name: "Аня", p_items: [{ id: 1 }, { id: 2 }], p_count: 3 },
      });
    });

    await t.step("a parameter with a default may be left out", async () => {
      assert.deepEqual(await db.call("test_echo", { p_name: "x", p_items: null }), {
        name: "x",
        items: null,
        count: 1,
      });
    });

    await t.step("a real migrated function works: enqueue_update is idempotent", async () => {
      const args = {
        p_update_id: 424242,
        p_chat_key: 1,
        p_tg_user_id: null,
        p_payload: { update_id: 424242 },
      };
      assert.equal(await db.call("enqueue_update", args), true);
      assert.equal(await db.call("enqueue_update", args), false);
    });

    await t.step("ping() calls health_check", async () => {
      await db.ping();
      assert.equal(postgrest.requests.at(-1)?.fn, "health_check");
    });

    await t.step("an SQL error is a DbError with code, details and hint", async () => {
      await assert.rejects(
        () => db.call("test_fail", { p_reason: "no" }),
        (error) => {
          assert.ok(error instanceof DbError);
          assert.equal(error.message, "refused: no");
          assert.equal(error.code, "P0001");
          assert.equal(error.details, "d");
          assert.equal(error.hint, "h");
          return true;
        },
      );
    });

    await t.step("an unknown function is a DbError with code PGRST202", async () => {
      await assert.rejects(
        () => db.call("no_such_function", { p_x: 1 }),
        (error) => error instanceof DbError && error.code === "PGRST202",
      );
    });

    await t.step("a function not granted to service_role is refused (42501)", async () => {
      await pg.exec(`
        create function public.test_private() returns jsonb language sql as $$ select '{}'::jsonb $$;
        revoke execute on function public.test_private() from public, anon, authenticated, service_role;
      `);
      await assert.rejects(
        () => db.call("test_private"),
        (error) => error instanceof DbError && error.code === "42501",
      );
    });

    await t.step("an invalid function name is refused before any request", async () => {
      const before = postgrest.requests.length;
      await assert.rejects(() => db.call("x; drop table users"), DbError);
      assert.equal(postgrest.requests.length, before);
    });
  } finally {
    await db.close();
    await postgrest.close();
    await pg.close();
  }
});

Deno.test("the Supabase adapter with a wrong key gets an error", async (t) => {
  const pg = await createTestDb();
  const postgrest = startFakePostgrest(pg, { serviceRoleKey });
  const db = createSupabaseDb({ url: postgrest.url, serviceRoleKey: "not-the-key" });
  try {
    await t.step("call() rejects with a DbError", async () => {
      await assert.rejects(() => db.call("health_check"), DbError);
    });
    await t.step("ping() rejects", async () => {
      await assert.rejects(() => db.ping());
    });
    await t.step("nothing ran", () => {
      assert.equal(postgrest.requests.length, 0);
    });
  } finally {
    await db.close();
    await postgrest.close();
    await pg.close();
  }
});

Deno.test("the Supabase adapter fails cleanly when the server is unreachable", async () => {
  const db = createSupabaseDb({
    url: "http://127.0.0.1:9",
    serviceRoleKey,
  });
  try {
    await assert.rejects(() => db.ping());
  } finally {
    await db.close();
  }
});
