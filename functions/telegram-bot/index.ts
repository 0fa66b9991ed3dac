// Supabase Edge Function: the Telegram webhook. Only wiring; all logic lives in shared/.
import { ConfigError, parseConfig } from "../../shared/config.ts";
import { buildDeps } from "../../shared/app/build_deps.ts";
import { waitUntil } from "../../shared/app/edge_runtime.ts";
import { createBot } from "../../shared/bot/create_bot.ts";
import { createWebhookHandler } from "../../shared/bot/webhook.ts";
import { createSupabaseDb } from "../../shared/db/supabase_db.ts";

const config = parseConfig(Deno.env.toObject());
const { token, apiRoot, webhookSecret } = config.telegram;
if (!token || !webhookSecret) {
  throw new ConfigError("TELEGRAM_BOT_TOKEN and TELEGRAM_WEBHOOK_SECRET must be set");
}
if (config.database.kind !== "supabase") {
  throw new ConfigError("SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY must be set");
}
const db = createSupabaseDb(config.database);
const bot = await createBot({ token, apiRoot }, { ...buildDeps(config, db), waitUntil });
await bot.init();
const handle = createWebhookHandler(bot, webhookSecret);

Deno.serve((req) => handle(req));
