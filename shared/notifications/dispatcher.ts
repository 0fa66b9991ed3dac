import { type Api, GrammyError, HttpError } from "grammy";
import type { Db } from "../db/db.ts";
import type { ClaimOutboxResult, OutboxItem, OutboxResult } from "../matching/contract.ts";
import { isDeferredMethod } from "../updates/effects.ts";
import type { Metrics } from "../metrics/metrics.ts";
import type { Logger } from "../platform/logger.ts";
import { renderOutboxItem, UnrenderableOutboxItem } from "./render.ts";
import type { Translate } from "./translate.ts";

export interface DispatcherDeps {
  db: Db;
  /** A grammY Api with the throttler and auto-retry transformers (see createTelegramApi). */
  api: Api;
  t: Translate;
  logger: Logger;
  metrics: Metrics;
  /** Errors other than 403/429/5xx are retried this many times before the row is 'failed'. */
  maxAttempts?: number;
  /** How long claimed rows stay reserved for this dispatcher (default 60 s). */
  leaseSeconds?: number;
}

export interface DispatchReport {
  claimed: number;
  sent: number;
  retried: number;
  gone: number;
  failed: number;
}

export interface Dispatcher {
  /** Claims up to `limit` due outbox rows, sends them and records each outcome. */
  dispatchOnce(limit?: number): Promise<DispatchReport>;
  /**
   * Drains the outbox (a few rounds at most). Calls made while a drain is running join it and
   * make it go round once more, so rows written meanwhile are not left behind.
   */
  kick(): Promise<void>;
}

const defaultLimit = 50;
const maxRounds = 20;

/** prepare_outbox_send: the lease renewed, and what the row's send depends on. */
type PreparedSend = {
  status: "ok" | "lost";
  reply_to_message_id?: number | null;
  edit_message_id?: number | null;
};

type CompleteOutboxResult = { status: string; undelivered?: string };

/** Why a relayed message could not be delivered (told to its sender). */
export type UndeliveredReason = "deleted" | "voice_forbidden" | "refused";

/** A queued edit whose copy never reached the partner: there is nothing to edit. */
export class CopyNotDelivered extends Error {
  override name = "CopyNotDelivered";
}

export function createDispatcher(deps: DispatcherDeps): Dispatcher {
  const maxAttempts = deps.maxAttempts ?? 3;
  const leaseSeconds = deps.leaseSeconds ?? 60;
  let running: Promise<void> | undefined;
  let again = false;

  async function dispatchOnce(limit = defaultLimit): Promise<DispatchReport> {
    const claim = await deps.db.call<ClaimOutboxResult>("claim_outbox", {
      p_limit: limit,
      p_lease_seconds: leaseSeconds,
    });
    const items = claim?.items ?? [];
    const report: DispatchReport = {
      claimed: items.length,
      sent: 0,
      retried: 0,
      gone: 0,
      failed: 0,
    };
    // Chats in parallel (the throttler paces calls per chat and overall), each chat in order.
    const byChat = Map.groupBy(items, (item) => String(item.tg_id));
    const outcomes = (await Promise.all([...byChat.values()].map(deliverInOrder))).flat();
    for (const outcome of outcomes) {
      if (outcome === "sent") report.sent++;
      else if (outcome === "retry") report.retried++;
      else if (outcome === "gone") report.gone++;
      else report.failed++;
    }
    return report;
  }

  /** A chat's rows one after another; after a row that did not go out, the rest wait for it. */
  async function deliverInOrder(items: OutboxItem[]): Promise<OutboxResult[]> {
    const outcomes: OutboxResult[] = [];
    for (const [index, item] of items.entries()) {
      // Paced sends can outlast the claim: a row another dispatcher took meanwhile is its to
      // send (and so are the ones behind it). What depends on the rows before it (the copy a
      // reply or a queued edit points at) is looked up now that they have gone out.
      const prepared = await deps.db.call<PreparedSend>("prepare_outbox_send", {
        p_id: item.id,
        p_attempts: item.attempts,
        p_lease_seconds: leaseSeconds,
      });
      if (prepared.status !== "ok") break;
      const outcome = await deliver(item, prepared);
      outcomes.push(outcome);
      if (outcome !== "sent" && outcome !== "failed") {
        for (const rest of items.slice(index + 1)) {
          await deps.db.call("complete_outbox", {
            p_id: rest.id,
            p_result: "release",
            p_attempts: rest.attempts,
          });
        }
        break;
      }
    }
    return outcomes;
  }

  async function deliver(item: OutboxItem, prepared: PreparedSend): Promise<OutboxResult> {
    let result: OutboxResult;
    let retryAfter: number | null = null;
    let reason: UndeliveredReason | null = null;
    let messageId: number | null = null;
    try {
      messageId = await holdingLease(item, () => send(item, prepared));
      result = "sent";
      if (item.kind === "proposal" && typeof item.payload?.waited_seconds === "number") {
        deps.metrics.observe("time_to_proposal_seconds", item.payload.waited_seconds);
      }
    } catch (error) {
      ({ result, retryAfter, reason } = classify(error, item.attempts, maxAttempts, item.kind));
      deps.logger.warn("outbox_delivery_failed", {
        outbox_id: Number(item.id),
        kind: item.kind,
        result,
        error_code: error instanceof GrammyError ? error.error_code : undefined,
        error: error instanceof Error ? error.name : typeof error,
      });
    }
    deps.metrics.inc("outbox_deliveries_total", { kind: item.kind, result });
    const completed = await deps.db.call<CompleteOutboxResult>("complete_outbox", {
      p_id: item.id,
      p_result: result,
      p_retry_after_seconds: retryAfter,
      p_message_id: messageId,
      p_attempts: item.attempts,
      p_reason: reason,
    });
    // A relayed message that will not arrive; its sender has been told.
    if (completed?.undelivered) {
      deps.metrics.inc("relay_undelivered_total", { reason: completed.undelivered });
    }
    return result;
  }

  /**
   * Runs one send while renewing the row's lease, so a call that waits long (pacing, Telegram's
   * retry_after inside auto-retry, a slow network) is not claimed and sent again by another
   * dispatcher meanwhile. The renewals have stopped when this returns: none can land after the
   * outcome is recorded.
   */
  async function holdingLease<T>(item: OutboxItem, work: () => Promise<T>): Promise<T> {
    let renewal: Promise<unknown> = Promise.resolve();
    const timer = setInterval(() => {
      renewal = renewal.then(() =>
        deps.db.call<boolean>("renew_outbox_lease", {
          p_id: item.id,
          p_attempts: item.attempts,
          p_lease_seconds: leaseSeconds,
        })
      ).catch((error) =>
        deps.logger.warn("outbox_lease_renewal_failed", {
          outbox_id: Number(item.id),
          error: error instanceof Error ? error.name : typeof error,
        })
      );
    }, Math.max(200, (leaseSeconds * 1000) / 3));
    try {
      return await work();
    } finally {
      clearInterval(timer);
      await renewal;
    }
  }

  /** Sends one row; answers the id of the message it created, if any. */
  async function send(item: OutboxItem, prepared: PreparedSend): Promise<number | null> {
    if (item.kind === "api_call" || item.kind === "relay") {
      const method = item.method ?? "";
      if (!isDeferredMethod(method)) throw new UnrenderableOutboxItem("unknown method");
      const params: Record<string, unknown> = { ...(item.payload?.params ?? {}) };
      if (item.payload?.relay?.edit) {
        // The copy it corrects was never delivered (refused, or the chat ended first).
        if (!prepared.edit_message_id) throw new CopyNotDelivered();
        params.message_id = Number(prepared.edit_message_id);
      } else if (prepared.reply_to_message_id) {
        params.reply_parameters = {
          message_id: Number(prepared.reply_to_message_id),
          allow_sending_without_reply: true,
        };
      }
      const call = deps.api.raw[method as "sendMessage"] as unknown as (
        p: Record<string, unknown>,
      ) => Promise<unknown>;
      const result = await call(params);
      return typeof result === "object" && result !== null && "message_id" in result
        ? Number(result.message_id)
        : null;
    }
    const message = renderOutboxItem(deps.t, item.kind, item.payload);
    const sent = await deps.api.sendMessage(Number(item.tg_id), message.text, {
      ...(message.keyboard ? { reply_markup: message.keyboard } : {}),
      ...(message.replyTo
        ? { reply_parameters: { message_id: message.replyTo, allow_sending_without_reply: true } }
        : {}),
    });
    return sent.message_id;
  }

  function kick(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        for (let round = 0; round < maxRounds; round++) {
          again = false;
          const report = await dispatchOnce(defaultLimit);
          // A chat's rows come ten per claim: go on while anything was due.
          if (report.claimed === 0 && !again) break;
        }
      } finally {
        running = undefined;
      }
    })();
    return running;
  }

  return { dispatchOnce, kick };
}

/** The outcome of a failed send, and for a relay Telegram refused, why. */
export interface Classified {
  result: OutboxResult;
  retryAfter: number | null;
  reason: UndeliveredReason | null;
}

/**
 * Maps a failed send to an outbox outcome. Only what asking again can fix is retried (429,
 * 5xx, the network, and for notifications an unknown error a few times); a retry never comes
 * before the retry_after Telegram asked for.
 */
export function classify(
  error: unknown,
  attempts: number,
  maxAttempts: number,
  kind = "",
): Classified {
  const outcome = (
    result: OutboxResult,
    retryAfter: number | null = null,
    reason: UndeliveredReason | null = null,
  ): Classified => ({ result, retryAfter, reason });
  if (error instanceof GrammyError) {
    // A retry waits at least the retry_after Telegram gave (30 s when it gave none).
    const asked = error.parameters?.retry_after;
    const atLeastAsked = (seconds: number) =>
      typeof asked === "number" ? Math.max(seconds, Math.ceil(asked)) : 30;
    // The user blocked the bot, deleted the account or never opened a chat with it.
    if (error.error_code === 403) return outcome("gone");
    if (error.error_code === 400 && /chat not found|PEER_ID_INVALID/i.test(error.description)) {
      return outcome("gone");
    }
    // Survived auto-retry: retry_after was longer than it is willing to wait.
    if (error.error_code === 429) return outcome("retry", atLeastAsked(1));
    if (error.error_code >= 500) return outcome("retry", atLeastAsked(30));
    // A handler's call Telegram refuses ("message is not modified", too old to edit, copy of
    // a deleted message) will not get better by asking again.
    if (error.error_code === 400 && (kind === "api_call" || kind === "relay")) {
      return outcome("failed", null, kind === "relay" ? refusalReason(error.description) : null);
    }
  } else if (error instanceof HttpError) {
    return outcome("retry", 30);
  }
  if (error instanceof UnrenderableOutboxItem || error instanceof CopyNotDelivered) {
    return outcome("failed", null, kind === "relay" ? "refused" : null);
  }
  // `attempts` counts this one (claim_outbox increments it); null lets SQL back off.
  return attempts >= maxAttempts
    ? outcome("failed", null, kind === "relay" ? "refused" : null)
    : outcome("retry");
}

/** Telegram's reason for refusing a relayed copy, in the words the sender is told. */
function refusalReason(description: string): UndeliveredReason {
  if (/message to copy not found|message to forward not found/i.test(description)) {
    return "deleted";
  }
  if (/VOICE_MESSAGES_FORBIDDEN/i.test(description)) return "voice_forbidden";
  return "refused";
}
