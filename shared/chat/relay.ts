import type { Message, MessageEntity } from "grammy/types";
import { maskPii } from "../safety/pii.ts";

/** What the relay passes on. Documents are refused: file names and contents can't be checked. */
export type RelayKind =
  | "text"
  | "photo"
  | "sticker"
  | "voice"
  | "video_note"
  | "animation"
  | "video"
  | "audio";

export type RefusalReason =
  | "forward"
  | "contact"
  | "location"
  | "poll"
  | "dice"
  | "document"
  | "other";

export type Classified = { kind: RelayKind } | { refused: RefusalReason } | { service: true };

// Telegram's own notices in a private chat (a pin, an auto-delete timer ...): nobody wrote them.
const serviceKeys = [
  "pinned_message",
  "message_auto_delete_timer_changed",
  "chat_background_set",
  "write_access_allowed",
  "users_shared",
  "chat_shared",
  "successful_payment",
  "refunded_payment",
  "connected_website",
  "proximity_alert_triggered",
] as const;

/** Sorts an incoming message into a relayed kind or a refusal with its reason. */
export function classifyMessage(message: Message): Classified {
  if (serviceKeys.some((key) => key in message)) return { service: true };
  // Forwards carry the original author's name or channel: never passed on.
  if (message.forward_origin) return { refused: "forward" };
  if (message.contact) return { refused: "contact" };
  if (message.venue || message.location) return { refused: "location" };
  if (message.poll) return { refused: "poll" };
  if (message.dice) return { refused: "dice" };
  if (message.text !== undefined) return { kind: "text" };
  // An animation message also has `document` set, so it is checked first.
  if (message.animation) return { kind: "animation" };
  if (message.photo) return { kind: "photo" };
  if (message.sticker) return { kind: "sticker" };
  if (message.voice) return { kind: "voice" };
  if (message.video_note) return { kind: "video_note" };
  if (message.video) return { kind: "video" };
  if (message.audio) return { kind: "audio" };
  if (message.document) return { refused: "document" };
  return { refused: "other" };
}

export const TEXT_LIMIT = 4096;
export const CAPTION_LIMIT = 1024;

/** A text or caption checked for personal data, with what was hidden. */
export interface Screened {
  text: string;
  /** Kinds of personal data hidden (empty: pass the original on untouched). */
  found: string[];
}

/**
 * Masks contact details in a text and in what its entities hide: a `text_link` URL is not part
 * of the visible text, and a `text_mention` points at an account. When anything is found the
 * entities are dropped with it (their offsets no longer fit the masked text).
 */
export function screenText(
  text: string,
  entities: MessageEntity[] | undefined,
  mask: string,
): Screened {
  const masked = maskPii(text, mask);
  const found = new Set<string>(masked.found);
  for (const entity of entities ?? []) {
    if (entity.type === "text_mention") found.add("mention");
    if (entity.type === "text_link") {
      const url = maskPii(entity.url, mask);
      for (const kind of url.found) found.add(kind);
      // Any hidden link could lead to a profile: links are masked as a kind of their own.
      if (url.found.length === 0) found.add("link");
    }
  }
  return { text: masked.text, found: [...found] };
}

/** Only a command at the very start makes a message a command; "/" in the middle is chat. */
export function isCommand(message: Message): boolean {
  return message.entities?.some((e) => e.type === "bot_command" && e.offset === 0) ?? false;
}
