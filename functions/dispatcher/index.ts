// Supabase Edge Function: called by pg_cron (through pg_net) every 10 s to pick up stranded
// and failed Telegram updates, run the matching tick, send the outbox and make due refunds. Only wiring.
import { ConfigError, parseConfig } from "../../shared/config.ts";
import { buildDeps } from "../../shared/app/build_deps.ts";
import { createBot } from "../../shared/bot/create_bot.ts";
import { openDatabase } from "../../shared/db/open_db.ts";
import { buildDispatcher } from "../../shared/notifications/build_dispatcher.ts";
import { createDispatcherHandler } from "../../shared/notifications/dispatcher_http.ts";
import { createTelegramApi } from "../../shared/notifications/telegram_api.ts";
import { createPaymentsBeat } from "../../shared/payments/beat.ts";
import { safeHandler } from "../../shared/platform/safe_handler.ts";
import { createUpdatePipeline } from "../../shared/updates/pipeline.ts";

const config = parseConfig(Deno.env.toObject());
const { token, apiRoot } = config.telegram;
if (!token || !config.dispatcherSecret) {
  throw new ConfigError("TELEGRAM_BOT_TOKEN and DISPATCHER_SECRET must be set");
}
if (config.database.kind === "pglite") {
  throw new ConfigError("set SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY, or DATABASE_URL");
}
const deps = buildDeps(config, await openDatabase(config.database, { migrate: false }));
const dispatcher = await buildDispatcher({ ...deps, api: createTelegramApi({ token, apiRoot }) });
const bot = await createBot({ token, apiRoot }, deps);
await bot.init();
const pipeline = createUpdatePipeline({ ...deps, bot, leaseSeconds: config.leases.updateSeconds });
const handle = createDispatcherHandler({
  ...deps,
  secret: config.dispatcherSecret,
  dispatcher,
  sweepUpdates: pipeline.sweep,
  afterCycle: createPaymentsBeat({ ...deps, api: bot.api }),
});

Deno.serve(safeHandler(deps.logger, handle));
