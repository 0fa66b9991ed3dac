import type { Db } from "../db/db.ts";
import type { TickResult } from "../matching/contract.ts";
import type { Metrics } from "../metrics/metrics.ts";
import { constantTimeEqual } from "../platform/constant_time.ts";
import type { Logger } from "../platform/logger.ts";
import type { Dispatcher } from "./dispatcher.ts";

export interface DispatcherHandlerDeps {
  /** DISPATCHER_SECRET: pg_cron sends it in `x-dispatcher-secret`. */
  secret: string;
  db: Db;
  dispatcher: Dispatcher;
  metrics: Metrics;
  logger: Logger;
  /** Runs first on every beat: picks up stranded and failed Telegram updates. */
  sweepUpdates?: () => Promise<unknown>;
  /** Runs last (due refunds, the daily Stars reconciliation); its failure is only logged. */
  afterCycle?: () => Promise<unknown>;
}

export interface CycleReport {
  pairs: number;
  expired_proposals: number;
  expired_queue: number;
}

/** One scheduler beat: expire and pair in SQL, then send everything that queued up. */
export async function runMatchingCycle(
  deps: { db: Db; dispatcher: Dispatcher; metrics: Metrics },
): Promise<CycleReport> {
  const tick = await deps.db.call<TickResult>("run_matching_tick");
  const report = {
    pairs: Number(tick.pairs ?? 0),
    expired_proposals: Number(tick.expired_proposals ?? 0),
    expired_queue: Number(tick.expired_queue ?? 0),
  };
  if (report.pairs > 0) deps.metrics.inc("proposals_total", {}, report.pairs);
  await deps.dispatcher.kick();
  return report;
}

/**
 * `POST` with the right `x-dispatcher-secret` runs one cycle and answers its counts as JSON;
 * a missing or wrong secret gets 401, other methods 405.
 */
export function createDispatcherHandler(
  deps: DispatcherHandlerDeps,
): (req: Request) => Promise<Response> {
  if (deps.secret.length < 16) throw new TypeError("DISPATCHER_SECRET is too short");
  const expected = new TextEncoder().encode(deps.secret);
  return async (req) => {
    if (req.method !== "POST") return errorResponse(405, "use POST");
    const given = new TextEncoder().encode(req.headers.get("x-dispatcher-secret") ?? "");
    if (!constantTimeEqual(given, expected)) return errorResponse(401, "unauthorized");
    try {
      await deps.sweepUpdates?.();
      const report = await runMatchingCycle(deps);
      await deps.afterCycle?.().catch((error) =>
        deps.logger.error("dispatcher_after_cycle_failed", {
          error: error instanceof Error ? error.name : typeof error,
        })
      );
      return Response.json({ status: "ok", ...report });
    } catch (error) {
      deps.logger.error("dispatcher_cycle_failed", {
        error: error instanceof Error ? error.name : typeof error,
      });
      return errorResponse(500, "dispatcher cycle failed");
    }
  };
}

function errorResponse(status: number, message: string): Response {
  return Response.json({ error: { message } }, { status });
}
