import { type CrisisHit, readCrisis } from "./crisis.ts";
import { assessAbuse, type ToxicityCategory } from "./toxicity.ts";

/** What a moderator found in one text: a person possibly in crisis, abuse, both or neither. */
export interface TextVerdict {
  crisis: CrisisHit | null;
  toxicity: ToxicityCategory | null;
  /**
   * No rule names abuse but the learned model reads the text as aimed at the partner: the relay
   * holds it back without a strike (profiles go by the rules alone).
   */
  hurtful?: boolean;
  /**
   * No crisis found, but the text leans to one (`readCrisis`): the relay answers it as a crisis
   * only right after the same person's crisis signal in the same chat.
   */
  crisisLeaning?: boolean;
}

/**
 * The port the relay and the profile ask about a text (already masked of contact details).
 * The offline word lists are the default; an LLM adapter adds what they miss.
 */
export interface TextModerator {
  readonly name: string;
  check(text: string): Promise<TextVerdict>;
}

export const NOTHING_FOUND: TextVerdict = { crisis: null, toxicity: null };

/** Our own curated Russian lists (shared/safety/crisis.ts, toxicity.ts): fast, offline. */
export function createOfflineModerator(): TextModerator {
  return {
    name: "offline-lists",
    check(text) {
      if (!text) return Promise.resolve(NOTHING_FOUND);
      const abuse = assessAbuse(text);
      const crisis = readCrisis(text);
      return Promise.resolve({
        crisis: crisis.hit,
        toxicity: abuse.category,
        hurtful: abuse.hurtful,
        ...(crisis.hit === null && crisis.leaning ? { crisisLeaning: true } : {}),
      });
    },
  };
}
