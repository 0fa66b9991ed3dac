// Supabase Edge Function: the HTTP API (/health, /metrics, the Mini App routes). Only wiring.
import { ConfigError, parseConfig } from "../../shared/config.ts";
import { buildApiApp } from "../../shared/app/build_api.ts";
import { buildDeps } from "../../shared/app/build_deps.ts";
import { waitUntil } from "../../shared/app/edge_runtime.ts";
import { openDatabase } from "../../shared/db/open_db.ts";
import { buildDispatcher } from "../../shared/notifications/build_dispatcher.ts";
import { createTelegramApi } from "../../shared/notifications/telegram_api.ts";
import { safeHandler } from "../../shared/platform/safe_handler.ts";

const config = parseConfig(Deno.env.toObject());
if (config.database.kind === "pglite") {
  throw new ConfigError("set SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY, or DATABASE_URL");
}
const deps = buildDeps(config, await openDatabase(config.database, { migrate: false }));
const { token, apiRoot } = config.telegram;
const dispatcher = token
  ? await buildDispatcher({ ...deps, api: createTelegramApi({ token, apiRoot }) })
  : undefined;
// Notices a Mini App request queued go out after the response.
const afterWrite = dispatcher ? () => waitUntil(dispatcher.kick().catch(() => {})) : undefined;
const app = buildApiApp(config, deps, afterWrite);

Deno.serve(safeHandler(deps.logger, (req) => app.fetch(req)));
