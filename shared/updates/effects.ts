import { InputFile, type Middleware, type Transformer } from "grammy";
import type { BotContext } from "../bot/context.ts";
import type { Db } from "../db/db.ts";

/**
 * Bot API methods whose effect a user sees (a message appears, changes or goes). While an
 * update is handled they are not called: they are collected and written to the outbox with
 * the update's completion, so a second pass over the same update sends nothing twice.
 * Everything else (answerCallbackQuery, getters) is called at once.
 */
const DEFERRED_METHODS = new Set([
  "sendMessage",
  "copyMessage",
  "sendPhoto",
  "sendAudio",
  "sendDocument",
  "sendVideo",
  "sendAnimation",
  "sendVoice",
  "sendVideoNote",
  "sendSticker",
  "sendLocation",
  "sendInvoice",
  "editMessageText",
  "editMessageCaption",
  "editMessageReplyMarkup",
  "deleteMessage",
  "leaveChat",
]);

export function isDeferredMethod(method: string): boolean {
  return DEFERRED_METHODS.has(method);
}

/** What a relayed copy needs to be recorded (reply threading, edits, counts) once delivered. */
export interface RelayMeta {
  match_id: string;
  sender_tg_id: number;
  sender_message_id: number;
  kind: string;
  /** The sender-side id of the message the sender replied to; resolved when sent. */
  reply_to?: number;
  /**
   * An edit of the message `sender_message_id` whose copy was still waiting in the outbox: it
   * goes out behind the copy and edits it (the copy's id is resolved when it is sent).
   */
  edit?: true;
}

export interface Effect {
  seq: number;
  tg_id: number;
  method: string;
  params: Record<string, unknown>;
  relay?: RelayMeta;
}

/** The effects of one update, in the order the handler produced them. */
export class UpdateEffects {
  readonly list: Effect[] = [];

  /**
   * A relayed copy for the partner (copyMessage or sendMessage params), or an edit of a copy
   * not sent yet (editMessageText or editMessageCaption params without message_id).
   */
  relay(
    method: "copyMessage" | "sendMessage" | "editMessageText" | "editMessageCaption",
    params: Record<string, unknown>,
    meta: RelayMeta,
  ) {
    this.list.push({
      seq: this.list.length,
      tg_id: Number(params.chat_id),
      method,
      params,
      relay: meta,
    });
  }

  /** A failed pass keeps none of what it meant to send; only the apology that follows. */
  discard(): void {
    this.list.length = 0;
  }

  /** Collects deferrable calls instead of making them; passes every other call through. */
  readonly transformer: Transformer = (prev, method, payload, signal) => {
    const params = payload as Record<string, unknown>;
    const chatId = params?.chat_id;
    if (!DEFERRED_METHODS.has(method) || typeof chatId !== "number" || hasFile(params)) {
      return prev(method, payload, signal);
    }
    this.list.push({ seq: this.list.length, tg_id: chatId, method, params });
    // deno-lint-ignore no-explicit-any
    return Promise.resolve({ ok: true, result: syntheticResult(method, chatId) as any });
  };
}

export type EffectsFlavor = { effects: UpdateEffects };

/**
 * The outermost handler of every update: collects its effects, and when it is handled (an
 * error the boundary stored counts as handled) records them in the outbox and removes the
 * update from the inbox in one call. An error that escapes leaves the update in the inbox,
 * where its lease runs out and another pass picks it up.
 */
export function recordEffects(db: Db): Middleware<BotContext> {
  return async (ctx, next) => {
    const effects = new UpdateEffects();
    ctx.effects = effects;
    ctx.api.config.use(effects.transformer);
    await next();
    await db.call("complete_update", {
      p_update_id: ctx.update.update_id,
      p_effects: effects.list,
    });
  };
}

/** Handlers do not use what a send returns, but grammY expects a message-shaped result. */
function syntheticResult(method: string, chatId: number): unknown {
  if (method.startsWith("send")) {
    return { message_id: 0, date: Math.floor(Date.now() / 1000), chat: { id: chatId } };
  }
  if (method === "copyMessage") return { message_id: 0 };
  return true;
}

/** An upload cannot wait in the database: such a call is made at once. */
function hasFile(value: unknown): boolean {
  if (value instanceof InputFile) return true;
  if (value && typeof value === "object") return Object.values(value).some(hasFile);
  return false;
}
