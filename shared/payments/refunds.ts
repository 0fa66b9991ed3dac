import { type Api, GrammyError, HttpError } from "grammy";
import type { Db } from "../db/db.ts";
import type { Logger } from "../platform/logger.ts";
import type { Metrics } from "../metrics/metrics.ts";
import type { DueRefund, RefundOutcome } from "./contract.ts";

export interface RefundDeps {
  db: Db;
  api: Api;
  logger: Logger;
  metrics: Metrics;
}

/**
 * Calls refundStarPayment once and says how it went. Telegram's CHARGE_ALREADY_REFUNDED means
 * the Stars are back with the payer: done. Other 400s will not get better (unknown charge, too
 * old): failed. Rate limits, 5xx and network errors: retry later.
 */
export async function refundStars(
  api: Api,
  payerTgId: number,
  chargeId: string,
): Promise<RefundOutcome> {
  try {
    await api.refundStarPayment(payerTgId, chargeId);
    return "done";
  } catch (error) {
    if (error instanceof GrammyError) {
      if (/CHARGE_ALREADY_REFUNDED/i.test(error.description)) return "done";
      if (error.error_code === 429 || error.error_code >= 500) return "retry";
      return "failed";
    }
    if (error instanceof HttpError) return "retry";
    throw error;
  }
}

/** Refunds one queued payment and records the outcome (retries back off in SQL). */
export async function refundAndRecord(
  deps: RefundDeps,
  refund: { charge_id: string; payer_tg_id: number | null },
): Promise<RefundOutcome> {
  // A payment whose payer erased their profile cannot be refunded any more.
  const outcome = refund.payer_tg_id === null
    ? "failed"
    : await refundStars(deps.api, Number(refund.payer_tg_id), refund.charge_id);
  deps.metrics.inc("tip_refunds_total", { result: outcome });
  if (outcome !== "done") {
    deps.logger.warn("tip_refund_not_done", { result: outcome });
  }
  await deps.db.call("complete_tip_refund", {
    p_charge_id: refund.charge_id,
    p_result: outcome,
  });
  return outcome;
}

/** The beat's part: refunds that are due (new, or retried after a failure). */
export async function processDueRefunds(deps: RefundDeps, limit = 20): Promise<number> {
  const due = await deps.db.call<DueRefund[]>("claim_tip_refunds", { p_limit: limit });
  for (const refund of due ?? []) await refundAndRecord(deps, refund);
  return due?.length ?? 0;
}
