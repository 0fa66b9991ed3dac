import assert from "node:assert/strict";
import { createTestDb } from "../support/test_db.ts";

const migration = new URL(
  "../../supabase/migrations/20261122011000_schedule_outbox_dispatcher.sql",
  import.meta.url,
);

Deno.test("the pg_cron job posts to the dispatcher with the secret from Vault", async (t) => {
  const db = await createTestDb();
  try {
    // Stand-ins for Supabase's Vault view and pg_net, which PGlite does not have.
    await db.exec(`
      create schema vault;
      create table vault.decrypted_secrets (name text, decrypted_secret text);
      create schema net;
      create table net.requests (url text, headers jsonb, body jsonb, timeout integer);
      create function net.http_post(
        url text, headers jsonb, body jsonb, timeout_milliseconds integer
      ) returns bigint language sql as $$
        insert into net.requests values (url, headers, body, timeout_milliseconds) returning 1::bigint
      $$;
    `);
    const job = (await Deno.readTextFile(migration)).split("$job$")[1]!;

    await t.step("without the two Vault secrets it does nothing", async () => {
      await db.query(job);
      assert.deepEqual(await db.query("select * from net.requests"), []);
    });

    await t.step("with them it posts once, the secret in a header, not the URL", async () => {
      await db.exec(`insert into vault.decrypted_secrets values
        ('dispatcher_url', 'https://ref.supabase.co/functions/v1/dispatcher'),
        ('dispatcher_secret', 'dispatcher-secret-0123456789')`);
      await db.query(job);
      assert.deepEqual(await db.query("select * from net.requests"), [{
        url: "https://ref.supabase.co/functions/v1/dispatcher",
        headers: {
          "content-type": "application/json",
          "x-dispatcher-secret": "dispatcher-secret-0123456789",
        },
        body: {},
        timeout: 9000,
      }]);
    });
  } finally {
    await db.close();
  }
});
