import { checkPublicText } from "../profile/validation.ts";
import { detectThemes } from "../diary/themes.ts";

export const EVENT_TITLE_MIN = 3;
export const EVENT_TITLE_MAX = 100;
export const EVENT_DESCRIPTION_MAX = 1000;

export type EventTextRefusal = "empty" | "too_long" | "contact" | "abusive";

/**
 * An event's title or description as everyone will read it (the bot's /newevent and the API's
 * POST /events): the visible text, or why not — empty, too long, holding a contact, or abusive.
 */
export function checkEventText(
  text: string,
  max: number,
  min = 1,
): { ok: true; value: string } | { ok: false; reason: EventTextRefusal } {
  const check = checkPublicText(text, max);
  if (check.ok) {
    return [...check.value].length < min ? { ok: false, reason: "empty" } : check;
  }
  if (check.reason === "too_long") return { ok: false, reason: "too_long" };
  if (check.reason === "abusive") return { ok: false, reason: "abusive" };
  return { ok: false, reason: check.reason === "invalid" ? "empty" : "contact" };
}

/** The catalogue topics an announcement is about, found in its text as in diary entries. */
export function announcementTopics(title: string, description: string): string[] {
  return detectThemes(`${title}. ${description}`).map((theme) => theme.slug);
}
