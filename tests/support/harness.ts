import type { Bot } from "grammy";
import type { Update } from "grammy/types";
import { createBot } from "../../shared/bot/create_bot.ts";
import type { BotContext } from "../../shared/bot/context.ts";
import type { BotDeps } from "../../shared/bot/deps.ts";
import type { SqlDb } from "../../shared/db/db.ts";
import { createLexicalEmbedder } from "../../shared/embedding/lexical_embedder.ts";
import { createPrometheusMetrics } from "../../shared/metrics/prometheus.ts";
import { ManualClock } from "../../shared/platform/clock.ts";
import { silentLogger } from "../../shared/platform/logger.ts";
import { createUpdatePipeline, type UpdatePipeline } from "../../shared/updates/pipeline.ts";
import { FakeTelegram } from "./fake_telegram.ts";
import { createTestDb } from "./test_db.ts";

export const WEBHOOK_SECRET = "test-webhook-secret-0123456789";

export interface TestBot {
  db: SqlDb;
  telegram: FakeTelegram;
  /** The Bot API stand-in's root URL. */
  apiRoot: string;
  bot: Bot<BotContext>;
  deps: BotDeps;
  clock: ManualClock;
  pipeline: UpdatePipeline;
  /** Waits for the background work (update processing, outbox dispatch) to finish. */
  settle(): Promise<void>;
  /** Posts an update and returns the answer at once, without waiting for its handling. */
  postOnly(update: Update): Promise<Response>;
  /** Posts an update to the webhook handler exactly as Telegram would. */
  post(update: Update, secret?: string | null): Promise<Response>;
  close(): Promise<void>;
}

/**
 * A bot on a fresh database, talking to a local Bot API stand-in, served as a webhook. Overrides
 * that need the database (e.g. the coach's service) are given as a function of it.
 */
export async function startTestBot(
  overrides: Partial<BotDeps> | ((db: SqlDb) => Partial<BotDeps>) = {},
): Promise<TestBot> {
  const telegram = new FakeTelegram();
  const apiRoot = telegram.start();
  const db = await createTestDb();
  const clock = new ManualClock(new Date());
  // Background work (the outbox dispatch after each update) is awaited by `post`.
  const background: Promise<unknown>[] = [];
  const deps: BotDeps = {
    db,
    embedder: createLexicalEmbedder(),
    clock,
    logger: silentLogger,
    metrics: createPrometheusMetrics(),
    logSalt: "test-salt",
    waitUntil: (task) => void background.push(task),
    ...(typeof overrides === "function" ? overrides(db) : overrides),
  };
  const bot = await createBot(
    // Unpaced: the per-chat one-message-a-second pacing would make every e2e step wait.
    { token: telegram.token, apiRoot, botInfo: telegram.botInfo, paceRequests: false },
    deps,
  );
  const pipeline = createUpdatePipeline({ ...deps, bot });
  const handle = pipeline.webhook(WEBHOOK_SECRET);
  const request = (update: Update, secret: string | null) =>
    handle(
      new Request("http://localhost/functions/v1/telegram-bot", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(secret === null ? {} : { "x-telegram-bot-api-secret-token": secret }),
        },
        body: JSON.stringify(update),
      }),
    );
  const settle = async () => {
    while (background.length > 0) await background.shift();
  };
  return {
    db,
    telegram,
    apiRoot,
    bot,
    deps,
    clock,
    pipeline,
    settle,
    postOnly: (update) => request(update, WEBHOOK_SECRET),
    post: async (update, secret = WEBHOOK_SECRET) => {
      const response = await request(update, secret);
      await settle();
      return response;
    },
    close: async () => {
      await telegram.stop();
      await db.close();
    },
  };
}
