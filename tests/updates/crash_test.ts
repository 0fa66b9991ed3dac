/**
 * The crash test: the real dev server in a child process on a database that outlives it (a
 * PGlite folder, or a real PostgreSQL in the `test:postgres` tier), two users
 * in a chat, a burst of 50 messages, and the process killed hard (SIGKILL) three times: while
 * updates are being posted (some never answered), right after all were answered (handling not
 * done), and in the middle of the paced sending. This test plays Telegram: an update that got
 * no 200 is delivered again after the restart. In the end every message must have reached the
 * partner exactly once.
 */
import assert from "node:assert/strict";
import type { Update } from "grammy/types";
import type { SqlDb } from "../../shared/db/db.ts";
import { openPgliteDb } from "../../shared/db/pglite_db.ts";
import { onboardUser } from "../chat/fixtures.ts";
import { FakeTelegram } from "../support/fake_telegram.ts";
import { createTestDb, databaseUrlOf, realPostgres } from "../support/test_db.ts";
import { textUpdate } from "../support/updates.ts";

const SECRET = "crash-test-webhook-secret-0123";
const BURST = 50;

interface Child {
  process: Deno.ChildProcess;
  log: string[];
}

Deno.test({
  name: "no update is lost or relayed twice when the server is killed at any point",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn(t) {
    const telegram = new FakeTelegram();
    const apiRoot = telegram.start();
    const store = await openStore();
    const port = freePort();
    const base = `http://127.0.0.1:${port}`;
    const { anna, boris } = await prepareChat(store.db);
    await store.release();
    const burst = Array.from({ length: BURST }, (_, i) => textUpdate(anna, `Сообщение ${i + 1}`));
    const unanswered = new Set<Update>();
    const answered = new Set<Update>();
    const logs: string[] = [];
    let child: Child | undefined;

    const start = async () => {
      child = await startServer(store.env, port, apiRoot);
    };
    // A send Telegram has done but the outbox has not yet marked as sent is the one window in
    // which a crash doubles a message (Telegram has no idempotency key); it lasts milliseconds.
    // The kills below land outside it: after a pause in the calls to the Bot API.
    const killBetweenSends = async () => {
      await waitFor(() => performance.now() - telegram.lastCallAt >= 250, 30_000);
      await kill();
    };
    const kill = async () => {
      child!.process.kill("SIGKILL");
      await child!.process.status;
      logs.push(...child!.log);
    };
    /** Posts like Telegram: an update without a 200 stays to be delivered again. */
    const deliver = async (update: Update) => {
      try {
        const response = await fetch(`${base}/functions/v1/telegram-bot`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "x-telegram-bot-api-secret-token": SECRET,
          },
          body: JSON.stringify(update),
        });
        await response.body?.cancel();
        if (response.status === 200) {
          unanswered.delete(update);
          answered.add(update);
        } else {
          unanswered.add(update);
        }
      } catch {
        unanswered.add(update);
      }
    };
    const copies = () =>
      telegram.calls.filter((c) =>
        c.method === "copyMessage" && !c.failed && Number(c.payload.chat_id) === boris.id
      );

    try {
      await start();

      await t.step("killed while the burst is being posted", async () => {
        // Telegram refuses every relay meanwhile (429), so this kill cannot land between a
        // delivered send and its record (see killBetweenSends).
        telegram.failNext("copyMessage", {
          chatId: boris.id,
          errorCode: 429,
          description: "Too Many Requests: retry after 1",
          retryAfter: 1,
        }, 1000);
        const posting = (async () => {
          for (const update of burst.slice(0, 30)) await deliver(update);
        })();
        // Some answered, some in flight, some not sent yet.
        await waitFor(() => answered.size >= 5, 10_000);
        await kill();
        telegram.clearFailures();
        await posting;
        assert.ok(answered.size < 30, `killed mid-burst (${answered.size} of 30 answered)`);
        // Worst case: the answers were lost on the way too, so Telegram re-sends all of them.
        for (const update of burst.slice(0, 30)) unanswered.add(update);
      });

      await t.step("killed right after everything was answered", async () => {
        await start();
        for (const update of [...unanswered]) await deliver(update);
        for (const update of burst.slice(30)) await deliver(update);
        assert.equal(unanswered.size, 0, "every update was answered 200");
        await killBetweenSends();
      });

      await t.step("killed in the middle of the paced sending", async () => {
        await start();
        const before = copies().length;
        await waitFor(() => copies().length >= before + 3, 60_000);
        // Between two paced sends (one a second per chat), not during one.
        await killBetweenSends();
      });

      await t.step("after the last restart every message arrives exactly once", async () => {
        await start();
        await waitFor(
          () => new Set(copies().map((c) => c.payload.message_id)).size >= BURST,
          120_000,
        );
        await delay(1500); // a double would show up here
        const counts = new Map<number, number>();
        for (const copy of copies()) {
          const id = Number(copy.payload.message_id);
          counts.set(id, (counts.get(id) ?? 0) + 1);
        }
        const lost = burst.filter((u) => !counts.has(u.message!.message_id)).length;
        const doubled = [...counts.values()].filter((n) => n > 1).length;
        assert.equal(lost, 0, "accepted but lost");
        assert.equal(doubled, 0, "relayed twice");
        // The copies went out in the order they were written.
        assert.deepEqual(
          copies().map((c) => Number(c.payload.message_id)),
          burst.map((u) => u.message!.message_id),
        );
        await kill();
      });

      await t.step("the server's logs hold no Telegram id and no message text", () => {
        for (const line of logs) {
          assert.ok(!line.includes(String(anna.id)), `a log line carries an id: ${line}`);
          assert.ok(!line.includes("Сообщение"), `a log line carries text: ${line}`);
        }
      });
    } finally {
      try {
        child?.process.kill("SIGKILL");
      } catch { /* already gone */ }
      await telegram.stop();
      await store.remove();
    }
  },
});

interface Store {
  db: SqlDb;
  /** How the server finds the database. */
  env: Record<string, string>;
  /** Lets go of it before the server starts (PGlite allows one process at a time). */
  release(): Promise<void>;
  remove(): Promise<void>;
}

async function openStore(): Promise<Store> {
  if (realPostgres) {
    const db = await createTestDb();
    return {
      db,
      env: { DATABASE_URL: databaseUrlOf(db) },
      release: async () => {},
      remove: () => db.close(),
    };
  }
  const dataDir = await Deno.makeTempDir({ prefix: "crash-test-" });
  const db = await openPgliteDb(dataDir);
  return {
    db,
    env: { PGLITE_DATA_DIR: dataDir, DATABASE_URL: "" },
    release: () => db.close(),
    remove: () => Deno.remove(dataDir, { recursive: true }).catch(() => {}),
  };
}

/** Two onboarded users with an active chat, written before the server opens the database. */
async function prepareChat(db: SqlDb) {
  const anna = await onboardUser(db, 740_001, { pseudonym: "Сова" });
  const boris = await onboardUser(db, 740_002, { pseudonym: "Ёж" });
  await db.call("find_partner", { p_tg_id: anna.id });
  const found = await db.call<{ match_id: string }>("find_partner", { p_tg_id: boris.id });
  for (const u of [anna, boris]) {
    await db.call("respond_to_proposal", {
      p_tg_id: u.id,
      p_match_id: found.match_id,
      p_accept: true,
    });
  }
  // The pairing notices are not part of this test.
  await db.exec("update public.outbox set status = 'sent', sent_at = now()");
  return { anna, boris };
}

async function startServer(
  database: Record<string, string>,
  port: number,
  apiRoot: string,
): Promise<Child> {
  const process = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "shared/dev/main.ts"],
    env: {
      ...database,
      PORT: String(port),
      TELEGRAM_BOT_TOKEN: new FakeTelegram().token,
      TELEGRAM_API_ROOT: apiRoot,
      BOT_MODE: "webhook",
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      SET_MY_COMMANDS: "false",
      UPDATE_LEASE_SECONDS: "2",
      OUTBOX_LEASE_SECONDS: "3",
      MATCHING_INTERVAL_SECONDS: "1",
      // The burst is 50 messages in seconds, far over a person's relay limit.
      RATE_LIMIT_RELAY: "1000/10",
      NO_COLOR: "1",
    },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const log: string[] = [];
  for (const stream of [process.stdout, process.stderr]) {
    stream.pipeThrough(new TextDecoderStream()).pipeTo(
      new WritableStream({ write: (chunk) => void log.push(...chunk.split("\n")) }),
    ).catch(() => {});
  }
  await waitFor(async () => {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/functions/v1/api/health`);
      await response.body?.cancel();
      return response.status === 200;
    } catch {
      return false;
    }
  }, 30_000);
  return { process, log };
}

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitFor(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await delay(50);
  }
}
