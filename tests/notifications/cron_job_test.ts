import assert from "node:assert/strict";
import { createTestDb, realPostgres } from "../support/test_db.ts";

const migration = new URL(
  "../../supabase/migrations/20261122011000_schedule_outbox_dispatcher.sql",
  import.meta.url,
);

Deno.test({
  name: "the pg_cron job posts to the dispatcher with the secret from Vault (stand-ins)",
  ignore: realPostgres !== undefined,
}, async (t) => {
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

Deno.test({
  name:
    "real PostgreSQL: the migration schedules the job; with real Vault it queues one pg_net post",
  ignore: realPostgres === undefined,
}, async () => {
  const db = await createTestDb();
  try {
    const jobs = await db.query<{ jobname: string; schedule: string }>(
      "select jobname, schedule from cron.job order by jobname",
    );
    assert.deepEqual(jobs.map((j) => [j.jobname, j.schedule]), [
      ["calls-sweep", "5 seconds"],
      ["diary-reminders", "*/5 * * * *"],
      ["events-tick", "10 seconds"],
      ["matching-tick", "10 seconds"],
      ["outbox-dispatcher", "10 seconds"],
      ["purge-update-records", "17 * * * *"],
      ["topic-idf", "23 3 * * *"],
    ]);
    const [{ command }] = await db.query<{ command: string }>(
      "select command from cron.job where jobname = 'outbox-dispatcher'",
    ) as [{ command: string }];
    // The reminder sweep is plain SQL; with nobody due it queues nothing.
    const [reminders] = await db.query<{ command: string }>(
      "select command from cron.job where jobname = 'diary-reminders'",
    );
    assert.deepEqual(await db.query(reminders!.command), [{ queue_diary_reminders: 0 }]);
    // The video room's sweep is plain SQL too; with no call it ends none.
    const [calls] = await db.query<{ command: string }>(
      "select command from cron.job where jobname = 'calls-sweep'",
    );
    assert.deepEqual(await db.query(calls!.command), [{
      sweep_calls: { status: "ok", ended: 0 },
    }]);
    // Without the secrets the job does nothing.
    await db.query(command);
    assert.deepEqual(await db.query("select 1 from net.http_request_queue"), []);
    // As the project owner sets it up (the migration's header).
    await db.query("select vault.create_secret($1, 'dispatcher_url')", [
      "https://ref.supabase.co/functions/v1/dispatcher",
    ]);
    await db.query(
      "select vault.create_secret('dispatcher-secret-0123456789', 'dispatcher_secret')",
    );
    await db.query(command);
    const queued = await db.query<{ url: string; headers: Record<string, string> }>(
      "select url, headers from net.http_request_queue",
    );
    assert.deepEqual(queued, [{
      url: "https://ref.supabase.co/functions/v1/dispatcher",
      headers: {
        "content-type": "application/json",
        "x-dispatcher-secret": "dispatcher-secret-0123456789",
      },
    }]);
  } finally {
    await db.close();
  }
});
