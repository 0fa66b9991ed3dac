import { type Api, GrammyError, HttpError } from "grammy";
import type { Db } from "../db/db.ts";
import { hashId, type Logger } from "../platform/logger.ts";
import type { Metrics } from "../metrics/metrics.ts";
import { loadI18n } from "../bot/texts.ts";
import { type Translate, translatorFor } from "../notifications/translate.ts";
import type { DueRefund, RefundAttempt, RefundOutcome } from "./contract.ts";

export interface RefundDeps {
  db: Db;
  api: Api;
  logger: Logger;
  metrics: Metrics;
  /** Salt for the hashed payment id in logs. */
  logSalt: string;
  /** The Russian texts (the recipient's notice); loaded from the Fluent files when absent. */
  t?: Translate;
}

/**
 * Calls refundStarPayment once and says how it went. Telegram's CHARGE_ALREADY_REFUNDED means
 * the Stars are back with the payer: done. Other 400s will not get better (unknown charge, too
 * old): failed. Rate limits (with the wait Telegram asked for), 5xx and network errors: retry
 * later.
 */
export async function refundStars(
  api: Api,
  payerTgId: number,
  chargeId: string,
): Promise<RefundAttempt> {
  try {
    await api.refundStarPayment(payerTgId, chargeId);
    return { outcome: "done" };
  } catch (error) {
    if (error instanceof GrammyError) {
      if (/CHARGE_ALREADY_REFUNDED/i.test(error.description)) return { outcome: "done" };
      if (error.error_code === 429) {
        const retryAfter = Number(error.parameters?.retry_after);
        return Number.isFinite(retryAfter) && retryAfter > 0
          ? { outcome: "retry", retryAfterSeconds: Math.ceil(retryAfter) }
          : { outcome: "retry" };
      }
      if (error.error_code >= 500) return { outcome: "retry" };
      return { outcome: "failed" };
    }
    if (error instanceof HttpError) return { outcome: "retry" };
    throw error;
  }
}

/**
 * Makes one claimed refund and records the outcome: a retry waits at least what Telegram asked
 * (and backs off in SQL); a refund the payer asked for tells the tip's recipient, in the same
 * transaction that reverses their share.
 */
export async function refundAndRecord(
  deps: RefundDeps,
  refund: DueRefund,
): Promise<RefundOutcome> {
  // A payment whose payer erased their profile cannot be refunded any more.
  const attempt: RefundAttempt = refund.payer_tg_id === null
    ? { outcome: "failed" }
    : await refundStars(deps.api, Number(refund.payer_tg_id), refund.charge_id);
  const { outcome } = attempt;
  deps.metrics.inc("tip_refunds_total", { result: outcome });
  if (outcome !== "done") {
    deps.logger.warn("tip_refund_not_done", {
      result: outcome,
      // Operators find the payment by this hash of its charge id (salted like every log id).
      payment: await hashId(refund.charge_id, deps.logSalt),
      attempt: refund.attempts,
      retry_after_seconds: attempt.retryAfterSeconds,
    });
  }
  const facts = refund.recipient_notice;
  const notice = outcome === "done" && facts
    ? (deps.t ?? await defaultTexts())("payments-refunded-recipient", {
      pseudonym: facts.payer_pseudonym,
      amount: facts.amount,
      share: facts.share,
      hours: facts.refund_hours,
    })
    : null;
  await deps.db.call("complete_tip_refund", {
    p_charge_id: refund.charge_id,
    p_result: outcome,
    p_retry_after_seconds: attempt.retryAfterSeconds ?? null,
    p_recipient_notice: notice,
  });
  return outcome;
}

/**
 * The attempt made right away (after /refund, or for a payment that cannot be credited). It is
 * claimed first, like the beat's, so the two never try one refund at once; "claimed_elsewhere"
 * when the beat has it or Telegram's wait is not over.
 */
export async function refundNow(
  deps: RefundDeps,
  chargeId: string,
): Promise<RefundOutcome | "claimed_elsewhere"> {
  const claimed = await deps.db.call<DueRefund | null>("claim_tip_refund", {
    p_charge_id: chargeId,
  });
  if (!claimed) return "claimed_elsewhere";
  return await refundAndRecord(deps, claimed);
}

/** The beat's part: refunds that are due (new, or retried after a failure). */
export async function processDueRefunds(deps: RefundDeps, limit = 20): Promise<number> {
  const due = await deps.db.call<DueRefund[]>("claim_tip_refunds", { p_limit: limit });
  for (const refund of due ?? []) await refundAndRecord(deps, refund);
  return due?.length ?? 0;
}

let loadedTexts: Promise<Translate> | undefined;

/** The Fluent texts for callers without a translator (the beat), read on first use. */
function defaultTexts(): Promise<Translate> {
  loadedTexts ??= loadI18n().then(translatorFor).catch((error) => {
    loadedTexts = undefined;
    throw error;
  });
  return loadedTexts;
}
