import { run, type RunnerHandle } from "@grammyjs/runner";
import { type Api, Bot } from "grammy";
import type { Config } from "../config.ts";
import { buildDeps } from "../app/build_deps.ts";
import { buildApiApp } from "../app/build_api.ts";
import type { BotContext } from "../bot/context.ts";
import { registerCommands } from "../bot/commands.ts";
import { ALLOWED_UPDATES, createBot } from "../bot/create_bot.ts";
import type { Db } from "../db/db.ts";
import type { BotDeps } from "../bot/deps.ts";
import { openDatabase } from "../db/open_db.ts";
import type { Logger } from "../platform/logger.ts";
import { buildDispatcher } from "../notifications/build_dispatcher.ts";
import type { Dispatcher } from "../notifications/dispatcher.ts";
import { createPaymentsBeat } from "../payments/beat.ts";
import { createDispatcherHandler, runMatchingCycle } from "../notifications/dispatcher_http.ts";
import { safeHandler } from "../platform/safe_handler.ts";
import { enqueueUpdate } from "../updates/intake.ts";
import { createUpdatePipeline, type UpdatePipeline } from "../updates/pipeline.ts";
import { DEFAULT_DIST } from "../miniapp/build.ts";
import { registerMenuButton } from "../miniapp/bot_feature.ts";
import { createMiniAppHandler } from "../miniapp/serve.ts";
import { loadI18n } from "../bot/texts.ts";

export interface DevServer {
  url: string;
  shutdown(): Promise<void>;
}

const WEBHOOK_PATH = "/functions/v1/telegram-bot";
const DISPATCHER_PATH = "/functions/v1/dispatcher";

/**
 * One local process that plays Supabase: the Edge Functions under their Supabase paths, the
 * embedded database, and the scheduler pg_cron would run (matching tick, dispatcher, replay).
 */
export async function startDevServer(
  config: Config,
  logger: Logger,
  options: { miniAppDist?: URL } = {},
): Promise<DevServer> {
  const db: Db = await openDatabase(config.database);
  // Work that goes on after an answer (handling, sending) is tracked, so a shutdown waits for
  // it before closing the database.
  const background = new Set<Promise<unknown>>();
  const waitUntil = (task: Promise<unknown>) => {
    const tracked = task.catch(() => {}).finally(() => background.delete(tracked));
    background.add(tracked);
  };
  const deps = { ...buildDeps(config, db), waitUntil };

  let bot: Bot<BotContext> | undefined;
  let pipeline: UpdatePipeline | undefined;
  let dispatcher: Dispatcher | undefined;
  let runner: RunnerHandle | undefined;
  let webhook: ((req: Request) => Promise<Response>) | undefined;
  let dispatcherEndpoint: ((req: Request) => Promise<Response>) | undefined;
  const { token, apiRoot, mode } = config.telegram;
  if (token) {
    bot = await createBot({ token, apiRoot }, deps);
    await bot.init();
    pipeline = createUpdatePipeline({
      db,
      bot,
      logger,
      waitUntil,
      metrics: deps.metrics,
      leaseSeconds: config.leases.updateSeconds,
    });
    if (config.telegram.setMyCommands) await registerCommands(bot.api);
    if (config.telegram.miniAppUrl) {
      const i18n = await loadI18n();
      await registerMenuButton(
        bot.api,
        config.telegram.miniAppUrl,
        i18n.t("ru", "app-command-menu-button"),
      );
    }
    dispatcher = await buildDispatcher({ ...deps, api: bot.api });
    if (config.dispatcherSecret) {
      dispatcherEndpoint = createDispatcherHandler({
        ...deps,
        secret: config.dispatcherSecret,
        dispatcher,
        sweepUpdates: pipeline.sweep,
        afterCycle: createPaymentsBeat({ ...deps, api: bot.api }),
      });
    }
  }
  const api = buildApiApp(config, deps, () => void dispatcher?.kick().catch(() => {}));
  // The Mini App's built files (shared/miniapp/dist, built by main.ts or the tests).
  const miniApp = createMiniAppHandler({
    dist: options.miniAppDist ?? DEFAULT_DIST,
    botUsername: config.telegram.botUsername ?? bot?.botInfo.username,
  });

  const server = Deno.serve(
    {
      port: config.port,
      hostname: "0.0.0.0",
      onListen: () => {},
    },
    safeHandler(logger, (req) => {
      const path = new URL(req.url).pathname;
      if (path === WEBHOOK_PATH) return webhook ? webhook(req) : notFound("webhook mode is off");
      if (path === DISPATCHER_PATH) {
        return dispatcherEndpoint
          ? dispatcherEndpoint(req)
          : notFound("DISPATCHER_SECRET is not set");
      }
      return miniApp(req) ?? api.fetch(req);
    }),
  );
  const url = `http://localhost:${server.addr.port}`;
  if (!bot) printHowToGetAToken(url);

  if (bot && pipeline && mode === "webhook") {
    webhook = pipeline.webhook(config.telegram.webhookSecret!);
    if (config.telegram.publicUrl) {
      await bot.api.setWebhook(new URL(WEBHOOK_PATH, config.telegram.publicUrl).href, {
        secret_token: config.telegram.webhookSecret,
        allowed_updates: ALLOWED_UPDATES,
      });
    }
  } else if (bot && pipeline) {
    await bot.api.deleteWebhook();
    runner = pollIntoInbox(bot, db, pipeline);
  }

  const timers = startScheduler(config, deps, pipeline, dispatcher, logger, bot?.api);
  logger.info("dev_server_started", {
    url,
    bot: bot ? mode : "off",
    database: config.database.kind,
  });
  return {
    url,
    shutdown: async () => {
      timers.forEach(clearInterval);
      if (runner?.isRunning()) await runner.stop();
      await server.shutdown();
      while (background.size > 0) await Promise.all([...background]);
      await db.close();
    },
  };
}

/**
 * Long polling feeds the same inbox as the webhook: a polled update is stored, then handled by
 * the worker, so a crash between the two loses nothing (the runner's offset moves on only
 * after the store succeeded).
 */
function pollIntoInbox(bot: Bot<BotContext>, db: Db, pipeline: UpdatePipeline): RunnerHandle {
  const intake = new Bot(bot.token, { botInfo: bot.botInfo, client: bot.api.options });
  intake.use(async (ctx) => {
    await enqueueUpdate(db, ctx.update);
    pipeline.kickInBackground();
  });
  return run(intake, { runner: { fetch: { allowed_updates: ALLOWED_UPDATES } } });
}

/** What pg_cron does on Supabase, done by timers locally. Each job logs and keeps going. */
function startScheduler(
  config: Config,
  deps: BotDeps,
  pipeline: UpdatePipeline | undefined,
  dispatcher: Dispatcher | undefined,
  logger: Logger,
  api: Api | undefined,
): ReturnType<typeof setInterval>[] {
  const db = deps.db;
  const every = (seconds: number, name: string, job: () => Promise<unknown>) =>
    setInterval(() => {
      job().catch((error) =>
        logger.error("scheduled_job_failed", {
          job: name,
          error: error instanceof Error ? error.name : "unknown",
        })
      );
    }, seconds * 1000);
  const timers = [
    every(3600, "purge_update_records", () => db.call("purge_update_records")),
    // pg_cron does this every 5 minutes on Supabase.
    every(60, "diary_reminders", () => db.call("queue_diary_reminders")),
    // Daily on Supabase; hourly here keeps a fresh dev database's topic weights current.
    every(3600, "topic_idf", () => db.call("refresh_topic_idf")),
    // pg_cron runs the events' state machine every 10 seconds on Supabase.
    every(10, "events_tick", () => db.call("advance_events")),
    // pg_cron ends calls whose side stopped sending heartbeats every 5 seconds on Supabase.
    every(5, "calls_sweep", () => db.call("sweep_calls")),
  ];
  if (pipeline) {
    // Picks up updates whose worker died (their lease ran out) and replays failed ones.
    timers.push(every(5, "update_sweep", () => pipeline.worker.kick()));
    timers.push(every(60, "replay_failed_updates", () => pipeline.replayFailed()));
  }
  if (dispatcher) {
    timers.push(
      every(
        config.matchingIntervalSeconds,
        "matching_cycle",
        () => runMatchingCycle({ db, dispatcher, metrics: deps.metrics }),
      ),
    );
  }
  if (api) timers.push(every(60, "payments_beat", createPaymentsBeat({ ...deps, api })));
  return timers;
}

function notFound(message: string): Response {
  return Response.json({ error: { code: "not_found", message } }, { status: 404 });
}

function printHowToGetAToken(url: string): void {
  console.log(`
The bot is not running: TELEGRAM_BOT_TOKEN is not set. The API is up at ${url}/functions/v1/api/health

How to get a bot token:
  1. Open Telegram and start a chat with @BotFather (https://t.me/BotFather).
  2. Send /newbot, choose a display name and a username ending in "bot".
  3. BotFather replies with a token like 123456789:AAE...; copy it.
  4. Run:  TELEGRAM_BOT_TOKEN=<token> deno task dev
     (long polling, no public URL needed; for a webhook set BOT_MODE=webhook,
      PUBLIC_URL=https://... and TELEGRAM_WEBHOOK_SECRET).
`);
}
