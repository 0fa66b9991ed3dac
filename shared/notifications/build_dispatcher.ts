import type { Api } from "grammy";
import { loadI18n } from "../bot/texts.ts";
import type { Db } from "../db/db.ts";
import type { Metrics } from "../metrics/metrics.ts";
import type { Logger } from "../platform/logger.ts";
import { createDispatcher, type Dispatcher } from "./dispatcher.ts";
import { translatorFor } from "./translate.ts";

/** A dispatcher outside the bot (the scheduled endpoint): loads the Fluent texts itself. */
export async function buildDispatcher(
  deps: {
    db: Db;
    api: Api;
    logger: Logger;
    metrics: Metrics;
    leases?: { outboxSeconds: number };
  },
): Promise<Dispatcher> {
  const i18n = await loadI18n();
  return createDispatcher({
    ...deps,
    t: translatorFor(i18n),
    leaseSeconds: deps.leases?.outboxSeconds,
  });
}
