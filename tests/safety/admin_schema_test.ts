/**
 * The moderation views and actions in schema admin: readable by service_role and moderator
 * only (proved per role), the queue's priorities, no Telegram ids or text for moderators, and
 * every action audited. Runs on PGlite and on the real-PostgreSQL tier.
 */
import assert from "node:assert/strict";
import { DbError, type SqlDb } from "../../shared/db/db.ts";
import { createTestDb } from "../support/test_db.ts";

type Role = "anon" | "authenticated" | "service_role" | "moderator";

/** Runs a query as a role, as PostgREST (or a staff login in the moderator role) would. */
async function asRole<T>(db: SqlDb, role: Role, sql: string, params: unknown[] = []): Promise<T[]> {
  return await db.transaction(async (tx) => {
    await tx.exec(`set local role ${role}`);
    return await tx.query<T>(sql, params);
  });
}

async function deniedAs(db: SqlDb, role: Role, sql: string): Promise<boolean> {
  try {
    await asRole(db, role, sql);
    return false;
  } catch (error) {
    if (error instanceof DbError && error.code === "42501") return true;
    throw error;
  }
}

async function seed(db: SqlDb) {
  const ids = (await db.query<{ id: string }>(
    `insert into public.users (tg_id, pseudonym)
     values (910000001, 'Сова'), (910000002, 'Ёж'), (910000003, 'Лиса'), (910000004, 'Барсук'),
            (910000005, 'Кит')
     returning id`,
  )).map((r) => r.id);
  const [owl, hedgehog, fox, badger, whale] = ids as [string, string, string, string, string];
  // Three different people report the owl within a day: high priority. One reports the whale.
  for (const reporter of [hedgehog, fox, badger]) {
    await db.query(
      `insert into public.reports (reporter_user_id, reported_user_id, reason)
       values ($1, $2, 'abuse')`,
      [reporter, owl],
    );
  }
  await db.query(
    `insert into public.reports (reporter_user_id, reported_user_id, reason)
     values ($1, $2, 'spam')`,
    [fox, whale],
  );
  await db.query(
    `insert into public.sanctions (user_id, kind, reason, imposed_by)
     values ($1, 'warning', 'moderator', 'test')`,
    [badger],
  );
  await db.query(
    `insert into public.safety_flags (user_id, label, severity, source)
     values ($1, 'suicide', 'high', 'relay')`,
    [fox],
  );
  return { owl, hedgehog, fox, badger, whale };
}

const VIEWS = ["reports_queue", "safety_flags", "user_sanctions", "daily_metrics"];
// Empty on a fresh database (no tips yet), read the same way.
const READ_ROLE_VIEWS = ["tip_balances", "tip_reconciliation", "event_stats", "pending_events"];
const ACTIONS = [
  "admin.ban_user(gen_random_uuid())",
  "admin.mute_user(gen_random_uuid())",
  "admin.unban_user(gen_random_uuid())",
  "admin.resolve_report(0, 'dismissed')",
  "admin.review_flag(0)",
];

Deno.test("admin views: service_role and moderator read them, anon and authenticated cannot", async (t) => {
  const db = await createTestDb();
  try {
    await seed(db);
    for (const view of VIEWS) {
      await t.step(view, async () => {
        for (const role of ["anon", "authenticated"] as const) {
          assert.ok(
            await deniedAs(db, role, `select * from admin.${view}`),
            `${role} reads ${view}`,
          );
        }
        for (const role of ["service_role", "moderator"] as const) {
          const rows = await asRole(db, role, `select * from admin.${view}`);
          assert.ok(rows.length > 0, `${role} sees rows of ${view}`);
        }
      });
    }
    await t.step("the views run with the caller's rights (security_invoker)", async () => {
      const rows = await db.query<{ name: string; options: string[] | null }>(
        `select c.relname as name, c.reloptions as options
           from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'admin' and c.relkind = 'v' order by 1`,
      );
      assert.deepEqual(rows.map((r) => r.name), [...VIEWS, ...READ_ROLE_VIEWS].sort());
      for (const view of READ_ROLE_VIEWS) {
        for (const role of ["service_role", "moderator"] as const) {
          await asRole(db, role, `select * from admin.${view}`);
        }
        for (const role of ["anon", "authenticated"] as const) {
          assert.ok(await deniedAs(db, role, `select * from admin.${view}`), `${role}: ${view}`);
        }
      }
      for (const row of rows) assert.ok(row.options?.includes("security_invoker=true"), row.name);
    });
    await t.step("actions: anon and authenticated may not call them", async () => {
      for (const call of ACTIONS) {
        for (const role of ["anon", "authenticated"] as const) {
          assert.ok(await deniedAs(db, role, `select ${call}`), `${role}: ${call}`);
        }
        await asRole(db, "moderator", `select ${call}`);
      }
    });
    await t.step("a moderator never sees Telegram ids or profile text", async () => {
      assert.ok(await deniedAs(db, "moderator", "select tg_id from public.users"));
      assert.ok(await deniedAs(db, "moderator", "select bio from public.users"));
      assert.ok(await deniedAs(db, "moderator", "select * from public.relay_messages"));
      const columns = await db.query<{ column_name: string }>(
        `select column_name from information_schema.columns where table_schema = 'admin'`,
      );
      assert.ok(columns.length > 10);
      for (const { column_name } of columns) {
        assert.doesNotMatch(column_name, /tg_id|bio|text|payload/);
      }
    });
  } finally {
    await db.close();
  }
});

Deno.test("the reports queue: several reporters raise priority, nobody is sanctioned by count", async (t) => {
  const db = await createTestDb();
  try {
    const { owl, whale } = await seed(db);
    const queue = await db.query<{
      reported_user_id: string;
      priority: string;
      recent_reporters: number;
      reported_pseudonym: string;
    }>("select * from admin.reports_queue");

    await t.step("three reporters within a day: high, listed first", () => {
      assert.equal(queue.length, 4);
      assert.deepEqual(
        queue.map((r) => [r.reported_pseudonym, r.priority]),
        [["Сова", "high"], ["Сова", "high"], ["Сова", "high"], ["Кит", "normal"]],
      );
      assert.equal(Number(queue[0]!.recent_reporters), 3);
    });
    await t.step("reports alone sanction nobody", async () => {
      const [row] = await db.query<{ n: number }>(
        "select count(*)::int as n from public.sanctions where user_id = $1",
        [owl],
      );
      assert.equal(row?.n, 0);
    });
    await t.step("old reports do not raise priority", async () => {
      await db.query(
        "update public.reports set created_at = now() - interval '3 days' where reported_user_id = $1",
        [owl],
      );
      const rows = await db.query<{ priority: string }>(
        "select priority from admin.reports_queue where reported_user_id = $1",
        [owl],
      );
      assert.deepEqual([...new Set(rows.map((r) => r.priority))], ["medium"]);
    });
    await t.step("a report that the person may be a minor is high at once", async () => {
      await db.query(
        `insert into public.reports (reporter_user_id, reported_user_id, reason)
         values ($1, $1, 'minor')`,
        [whale],
      );
      const rows = await db.query<{ reason: string; priority: string }>(
        "select reason, priority from admin.reports_queue where reason = 'minor'",
      );
      assert.equal(rows[0]?.priority, "high");
    });
  } finally {
    await db.close();
  }
});

Deno.test("admin actions impose, lift and decide, each audited with who acted", async (t) => {
  const db = await createTestDb();
  try {
    const { owl, fox, whale } = await seed(db);
    const audit = async (event: string) =>
      await db.query<{ data: Record<string, unknown> }>(
        "select data from public.domain_events where event = $1 order by id",
        [event],
      );

    await t.step("resolve_report bans and closes every open report about the person", async () => {
      const [report] = await db.query<{ id: number }>(
        "select id from public.reports where reported_user_id = $1 order by id limit 1",
        [owl],
      );
      const [result] = await asRole<{ r: Record<string, unknown> }>(
        db,
        "moderator",
        "select admin.resolve_report($1, 'ban', 'оскорбления в трёх чатах', 'Модератор Аня') as r",
        [report!.id],
      );
      assert.equal(result!.r.status, "ok");
      assert.equal(result!.r.reports_closed, 3);
      const open = await db.query("select * from admin.reports_queue where reported_user_id = $1", [
        owl,
      ]);
      assert.equal(open.length, 0);
      const [sanction] = await db.query<{ kind: string; reason: string; imposed_by: string }>(
        "select kind, reason, imposed_by from public.sanctions where user_id = $1",
        [owl],
      );
      assert.deepEqual({ ...sanction }, {
        kind: "ban",
        reason: "report",
        imposed_by: "Модератор Аня",
      });
      const [event] = await audit("report.resolved");
      assert.equal(event!.data.decision, "ban");
      assert.equal(event!.data.resolved_by, "Модератор Аня");
      const [notice] = await db.query<{ kind: string }>(
        "select kind from public.outbox where user_id = $1 and kind = 'sanction'",
        [owl],
      );
      assert.ok(notice, "the person is told through the outbox");
    });

    await t.step("a second decision on the same report changes nothing", async () => {
      const [report] = await db.query<{ id: number }>(
        "select id from public.reports where reported_user_id = $1 order by id limit 1",
        [owl],
      );
      const [result] = await db.query<{ r: Record<string, unknown> }>(
        "select admin.resolve_report($1, 'dismissed') as r",
        [report!.id],
      );
      assert.equal(result!.r.status, "already_resolved");
    });

    await t.step("unban lifts it; the person is told; the audit names the login", async () => {
      const [result] = await db.query<{ r: Record<string, unknown> }>(
        "select admin.unban_user($1, 'ошибка') as r",
        [owl],
      );
      assert.equal(result!.r.status, "ok");
      const [restricted] = await db.query<{ r: Record<string, unknown> }>(
        "select public.restriction_of(910000001) as r",
      );
      assert.equal(restricted!.r.status, "none");
      const [event] = await audit("user.unsanctioned");
      assert.equal(typeof event!.data.lifted_by, "string");
      assert.ok(String(event!.data.lifted_by).length > 0);
    });

    await t.step("mute_user and a temporary ban end when their time is up", async () => {
      await db.query("select admin.mute_user($1, 15)", [whale]);
      const [muted] = await db.query<{ r: Record<string, unknown> }>(
        "select public.restriction_of(910000005) as r",
      );
      assert.equal(muted!.r.kind, "mute");
      assert.equal(muted!.r.minutes, 15);
      await db.query("select admin.ban_user($1, null, 7)", [fox]);
      const [banned] = await db.query<{ r: Record<string, unknown> }>(
        "select public.restriction_of(910000003) as r",
      );
      assert.equal(banned!.r.kind, "temp_ban");
      await db.query(
        "update public.sanctions set ends_at = now() - interval '1 second' where ends_at is not null",
      );
      const [free] = await db.query<{ r: Record<string, unknown> }>(
        "select public.restriction_of(910000003) as r",
      );
      assert.equal(free!.r.status, "none");
    });

    await t.step("bad arguments are refused and change nothing", async () => {
      const before = await db.query("select * from public.sanctions");
      for (
        const call of [
          "admin.mute_user(gen_random_uuid(), 0)",
          "admin.ban_user(gen_random_uuid(), null, -1)",
          "admin.resolve_report(1, 'shoot')",
        ]
      ) {
        await assert.rejects(
          db.query(`select ${call}`),
          (e: unknown) => e instanceof DbError && e.code === "22023",
        );
      }
      const [unknown] = await db.query<{ r: Record<string, unknown> }>(
        "select admin.ban_user(gen_random_uuid()) as r",
      );
      assert.equal(unknown!.r.status, "unknown_user");
      assert.equal((await db.query("select * from public.sanctions")).length, before.length);
    });

    await t.step("a crisis flag is marked seen once", async () => {
      const [flag] = await db.query<{ flag_id: number; reviewed_at: string | null }>(
        "select flag_id, reviewed_at from admin.safety_flags",
      );
      assert.equal(flag!.reviewed_at, null);
      const first = await db.query<{ r: Record<string, unknown> }>(
        "select admin.review_flag($1, null, 'Модератор Аня') as r",
        [flag!.flag_id],
      );
      assert.equal(first[0]!.r.status, "ok");
      const again = await db.query<{ r: Record<string, unknown> }>(
        "select admin.review_flag($1) as r",
        [flag!.flag_id],
      );
      assert.equal(again[0]!.r.status, "already_reviewed");
      assert.equal((await audit("safety.flag_reviewed")).length, 1);
    });

    await t.step("daily metrics count today's reports and sanctions", async () => {
      const [today] = await db.query<Record<string, unknown>>(
        "select * from admin.daily_metrics where day = current_date",
      );
      assert.equal(Number(today!.reports), 4);
      assert.equal(Number(today!.sanctions), 3);
    });
  } finally {
    await db.close();
  }
});
