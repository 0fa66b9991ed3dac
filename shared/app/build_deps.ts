import type { Config } from "../config.ts";
import type { BotDeps } from "../bot/deps.ts";
import type { Db } from "../db/db.ts";
import { createEmbedder } from "../embedding/create_embedder.ts";
import { createPrometheusMetrics } from "../metrics/prometheus.ts";
import { systemClock } from "../platform/clock.ts";
import { createJsonLogger } from "../platform/logger.ts";

/** The production set of dependencies around a database; entry points differ only in the Db. */
export function buildDeps(config: Config, db: Db): BotDeps {
  return {
    db,
    embedder: createEmbedder(config),
    clock: systemClock,
    logger: createJsonLogger(),
    metrics: createPrometheusMetrics(),
    logSalt: config.logSalt,
    leases: config.leases,
  };
}
