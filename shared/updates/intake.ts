import type { Update } from "grammy/types";
import { z } from "zod";
import type { Db } from "../db/db.ts";
import type { Metrics } from "../metrics/metrics.ts";
import { sameSecret } from "../platform/constant_time.ts";
import type { Logger } from "../platform/logger.ts";

/** Telegram's updates are far smaller; anything bigger is not from Telegram. */
const MAX_BODY_BYTES = 1_000_000;

const updateShape = z.looseObject({ update_id: z.number().int().nonnegative().max(2 ** 53) });

export type EnqueueResult = "queued" | "duplicate";

/**
 * Stores an update in the inbox in one idempotent statement (keyed by update_id). Text is made
 * storable first: Postgres cannot hold U+0000 or a lone surrogate; both are dropped/replaced
 * here, and the handlers normalise the rest before any check.
 */
export async function enqueueUpdate(db: Db, update: Update): Promise<EnqueueResult> {
  const storable = makeStorable(update) as Update;
  const queued = await db.call<boolean>("enqueue_update", {
    p_update_id: storable.update_id,
    p_chat_key: chatKeyOf(storable),
    p_tg_user_id: senderOf(storable),
    p_payload: storable,
  });
  return queued ? "queued" : "duplicate";
}

export interface WebhookDeps {
  db: Db;
  metrics: Metrics;
  logger: Logger;
  /** TELEGRAM_WEBHOOK_SECRET: Telegram sends it in X-Telegram-Bot-Api-Secret-Token. */
  secretToken: string;
  /** Starts processing after the answer (EdgeRuntime.waitUntil on Supabase). */
  afterQueued: () => void;
}

/**
 * The Telegram webhook: checks the secret in constant time, stores the update and answers 200
 * at once; handling happens after the answer. A database that cannot take the update gets a
 * 500, so Telegram delivers it again later: accepted means stored.
 */
export function createWebhookHandler(deps: WebhookDeps): (req: Request) => Promise<Response> {
  if (deps.secretToken.length < 1) throw new TypeError("the webhook needs a secret token");
  return async (req) => {
    if (req.method !== "POST") return answer(405, "use POST");
    const given = req.headers.get("x-telegram-bot-api-secret-token") ?? "";
    if (!(await sameSecret(given, deps.secretToken))) return answer(401, "unauthorized");
    const length = Number(req.headers.get("content-length") ?? "0");
    if (length > MAX_BODY_BYTES) return answer(413, "too large");
    let update: Update;
    try {
      const text = await req.text();
      if (text.length > MAX_BODY_BYTES) return answer(413, "too large");
      const parsed = updateShape.safeParse(JSON.parse(text));
      if (!parsed.success) return answer(400, "not a Telegram update");
      update = parsed.data as unknown as Update;
    } catch {
      return answer(400, "not a Telegram update");
    }
    const started = performance.now();
    try {
      const result = await enqueueUpdate(deps.db, update);
      deps.metrics.observe("webhook_enqueue_seconds", (performance.now() - started) / 1000);
      if (result === "duplicate") {
        deps.metrics.updateHandled("duplicate", 0);
      } else {
        deps.afterQueued();
      }
      return answer(200, "ok");
    } catch (error) {
      deps.logger.error("update_enqueue_failed", {
        error: error instanceof Error ? error.name : typeof error,
      });
      return answer(500, "try again");
    }
  };
}

/** The chat whose updates must be handled in order (0 when an update has none). */
export function chatKeyOf(update: Update): number {
  const chat = update.message?.chat ?? update.edited_message?.chat ??
    update.callback_query?.message?.chat ?? update.my_chat_member?.chat ??
    update.chat_member?.chat;
  return chat?.id ?? senderOf(update) ?? 0;
}

function senderOf(update: Update): number | null {
  const from = update.message?.from ?? update.edited_message?.from ??
    update.callback_query?.from ?? update.my_chat_member?.from ??
    update.pre_checkout_query?.from ?? update.inline_query?.from;
  return from?.id ?? null;
}

/**
 * Makes every string storable as jsonb, which refuses U+0000 and lone surrogates. Both become
 * one-unit stand-ins (a zero-width space the text normaliser removes, U+FFFD), so Telegram's
 * entity offsets still fit.
 */
export function makeStorable(value: unknown): unknown {
  if (typeof value === "string") {
    return value.replaceAll("\u0000", "\u200B").replace(
      /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
      "\uFFFD",
    );
  }
  if (Array.isArray(value)) return value.map(makeStorable);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [key, makeStorable(inner)]),
    );
  }
  return value;
}

function answer(status: number, message: string): Response {
  return Response.json(status === 200 ? { ok: true } : { error: { message } }, { status });
}
