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

export function createDispatcher(deps: DispatcherDeps): Dispatcher {
  const maxAttempts = deps.maxAttempts ?? 3;
  let running: Promise<void> | undefined;
  let again = false;

  async function dispatchOnce(limit = defaultLimit): Promise<DispatchReport> {
    const claim = await deps.db.call<ClaimOutboxResult>("claim_outbox", {
      p_limit: limit,
      p_lease_seconds: deps.leaseSeconds ?? 60,
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
      // send (and so are the ones behind it).
      const stillMine = await deps.db.call<boolean>("renew_outbox_lease", {
        p_id: item.id,
        p_attempts: item.attempts,
        p_lease_seconds: deps.leaseSeconds ?? 60,
      });
      if (!stillMine) break;
      const outcome = await deliver(item);
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

  async function deliver(item: OutboxItem): Promise<OutboxResult> {
    let result: OutboxResult;
    let retryAfter: number | null = null;
    let messageId: number | null = null;
    try {
      messageId = await send(item);
      result = "sent";
      if (item.kind === "proposal" && typeof item.payload?.waited_seconds === "number") {
        deps.metrics.observe("time_to_proposal_seconds", item.payload.waited_seconds);
      }
    } catch (error) {
      ({ result, retryAfter } = classify(error, item.attempts, maxAttempts, item.kind));
      deps.logger.warn("outbox_delivery_failed", {
        outbox_id: Number(item.id),
        kind: item.kind,
        result,
        error_code: error instanceof GrammyError ? error.error_code : undefined,
        error: error instanceof Error ? error.name : typeof error,
      });
    }
    deps.metrics.inc("outbox_deliveries_total", { kind: item.kind, result });
    await deps.db.call("complete_outbox", {
      p_id: item.id,
      p_result: result,
      p_retry_after_seconds: retryAfter,
      p_message_id: messageId,
      p_attempts: item.attempts,
    });
    return result;
  }

  /** Sends one row; answers the id of the message it created, if any. */
  async function send(item: OutboxItem): Promise<number | null> {
    if (item.kind === "api_call" || item.kind === "relay") {
      const method = item.method ?? "";
      if (!isDeferredMethod(method)) throw new UnrenderableOutboxItem("unknown method");
      const params: Record<string, unknown> = { ...(item.payload?.params ?? {}) };
      if (item.reply_to_message_id) {
        params.reply_parameters = {
          message_id: Number(item.reply_to_message_id),
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

/** Maps a failed send to an outbox outcome. */
export function classify(
  error: unknown,
  attempts: number,
  maxAttempts: number,
  kind = "",
): { result: OutboxResult; retryAfter: number | null } {
  if (error instanceof GrammyError) {
    // The user blocked the bot, deleted the account or never opened a chat with it.
    if (error.error_code === 403) return { result: "gone", retryAfter: null };
    if (error.error_code === 400 && /chat not found/i.test(error.description)) {
      return { result: "gone", retryAfter: null };
    }
    // Survived auto-retry: retry_after was longer than it is willing to wait.
    if (error.error_code === 429) {
      return { result: "retry", retryAfter: Math.max(1, error.parameters.retry_after ?? 30) };
    }
    if (error.error_code >= 500) return { result: "retry", retryAfter: 30 };
    // A handler's call Telegram refuses ("message is not modified", too old to edit, copy of
    // a deleted message) will not get better by asking again.
    if (error.error_code === 400 && (kind === "api_call" || kind === "relay")) {
      return { result: "failed", retryAfter: null };
    }
  } else if (error instanceof HttpError) {
    return { result: "retry", retryAfter: 30 };
  }
  if (error instanceof UnrenderableOutboxItem) return { result: "failed", retryAfter: null };
  // `attempts` counts this one (claim_outbox increments it); null lets SQL back off.
  return attempts >= maxAttempts
    ? { result: "failed", retryAfter: null }
    : { result: "retry", retryAfter: null };
}
