import type { Middleware } from "grammy";
import type { Message } from "grammy/types";
import type { BotContext } from "./context.ts";
import { normalizeText } from "../safety/normalize.ts";

export type InputFlavor = {
  /** The incoming text or caption was changed by normalisation (so it differs from Telegram's). */
  inputChanged: boolean;
};

/**
 * Normalises an incoming message's text and caption in place before any feature sees them:
 * control, zero-width and format characters go, NFKC folds look-alike forms, entity offsets are
 * remapped. Every check (PII, topics, safety) then sees what a reader would see, and the relay
 * sends that checked text instead of copying the original.
 */
export function normalizeIncomingText(): Middleware<BotContext> {
  return (ctx, next) => {
    ctx.inputChanged = false;
    for (const message of [ctx.update.message, ctx.update.edited_message]) {
      if (message) ctx.inputChanged = normalizeMessage(message) || ctx.inputChanged;
    }
    return next();
  };
}

function normalizeMessage(message: Message): boolean {
  let changed = false;
  if (message.text !== undefined) {
    const normalized = normalizeText(message.text, message.entities);
    if (normalized.changed) {
      changed = true;
      message.text = normalized.text;
      if (normalized.entities) message.entities = normalized.entities;
      else delete message.entities;
    }
  }
  if (message.caption !== undefined) {
    const normalized = normalizeText(message.caption, message.caption_entities);
    if (normalized.changed) {
      changed = true;
      message.caption = normalized.text;
      if (normalized.entities) message.caption_entities = normalized.entities;
      else delete message.caption_entities;
    }
  }
  return changed;
}
