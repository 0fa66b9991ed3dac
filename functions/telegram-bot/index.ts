// Supabase Edge Function: the Telegram webhook. Only wiring; all logic lives in shared/.
import { ConfigError, parseConfig } from "../../shared/config.ts";
import { buildDeps } from "../../shared/app/build_deps.ts";
import { waitUntil } from "../../shared/app/edge_runtime.ts";
import { createBot } from "../../shared/bot/create_bot.ts";
import { openDatabase } from "../../shared/db/open_db.ts";
import { safeHandler } from "../../shared/platform/safe_handler.ts";
import { createUpdatePipeline } from "../../shared/updates/pipeline.ts";

const config = parseConfig(Deno.env.toObject());
const { token, apiRoot, webhookSecret } = config.telegram;
if (!token || !webhookSecret) {
  throw new ConfigError("TELEGRAM_BOT_TOKEN and TELEGRAM_WEBHOOK_SECRET must be set");
}
if (config.database.kind === "pglite") {
  throw new ConfigError("set SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY, or DATABASE_URL");
}
const deps = {
  ...buildDeps(config, await openDatabase(config.database, { migrate: false })),
  waitUntil,
};
const bot = await createBot({ token, apiRoot }, deps);
await bot.init();
// Stores the update, answers 200, handles it after the answer (EdgeRuntime.waitUntil).
const pipeline = createUpdatePipeline({
  ...deps,
  bot,
  leaseSeconds: config.leases.updateSeconds,
});

Deno.serve(safeHandler(deps.logger, pipeline.webhook(webhookSecret)));
