/**
 * The AI coach port: suggestions for the sender of a chat message, shown only to them and never
 * sent by themselves. Adapters: the rule-based coach (Russian templates, no network; the
 * default) and an OpenAI-compatible chat-completions coach.
 */

/**
 * What a hint does, after the HAILEY trial's feedback kinds: an edit of the sender's own last
 * message, an empathic phrasing, an open question, a boundary reminder for a sensitive topic.
 */
export type HintType = "rephrase" | "empathy" | "question" | "boundary";

export const hintTypes: readonly HintType[] = ["rephrase", "empathy", "question", "boundary"];

export interface Hint {
  type: HintType;
  /** Ready to insert into the sender's input field: at most `maxHintLength` characters. */
  text: string;
}

/** Telegram's inline query text is at most 256 characters; «Вставить» puts a hint there. */
export const maxHintLength = 240;

/** One line of the chat as the coach sees it: already anonymised and truncated. */
export interface CoachContextLine {
  from: "self" | "partner";
  text: string;
}

export interface CoachRequest {
  /** Catalogue slugs the pair has in common (e.g. "pet_loss", "divorce", "burnout"). */
  topics: string[];
  /** The last messages of the chat, oldest first, anonymised. */
  context: CoachContextLine[];
  /** The sender's own last message (anonymised), the one a "rephrase" hint edits; null if none. */
  lastOwnMessage: string | null;
}

export interface Coach {
  /** Recorded with each hint (e.g. "rules-v1", "openai:gpt-4o-mini"). */
  readonly name: string;
  /** One to three hints; an empty list when there is nothing useful to say. */
  hints(request: CoachRequest, signal?: AbortSignal): Promise<Hint[]>;
}
