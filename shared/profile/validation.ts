import { normalizeText } from "../safety/normalize.ts";
import { detectPii, type PiiKind } from "../safety/pii.ts";
import { detectCrisis } from "../safety/crisis.ts";
import { detectAbusiveWords, detectPublicAbuse } from "../safety/toxicity.ts";

/**
 * Checks for what users type during onboarding. They mirror the SQL checks (which stay the last
 * word) and say precisely what is wrong, so the bot can explain it kindly.
 *
 * Each one reads the text as a reader would see it (`normalizeText`): control and invisible
 * characters are dropped silently rather than refused (the person typed or pasted something that
 * looks fine, and a NUL would break the database call), fullwidth digits count as digits, and the
 * value returned (and stored) is that clean text. What is left must still say something: a text
 * of only invisible characters, braille blanks or combining marks is empty.
 */
export type Check<T, R extends string> = { ok: true; value: T } | { ok: false; reason: R };

export const MIN_AGE = 16;
export const MAX_AGE = 100;
export const PSEUDONYM_MIN = 2;
export const PSEUDONYM_MAX = 32;
export const BIO_MAX = 160;
export const MAX_TOPICS = 10;
export const MIN_TOPICS = 2;
export const MAX_IMPORTANT_TOPICS = 3;

export type BirthYearRefusal = "format" | "implausible" | "too_young";

/** "1990", "1990 г.", "1990 год" -> 1990; under 16 and over 100 years are refused. */
export function parseBirthYear(text: string, currentYear: number): Check<number, BirthYearRefusal> {
  const match = normalizeText(text).text.trim().match(/^(\d{4})(?:\s*(?:г\.?|год[а]?))?$/u);
  if (!match) return { ok: false, reason: "format" };
  const year = Number(match[1]);
  if (year > currentYear || year < currentYear - MAX_AGE) {
    return { ok: false, reason: "implausible" };
  }
  if (currentYear - year < MIN_AGE) return { ok: false, reason: "too_young" };
  return { ok: true, value: year };
}

/**
 * Why a text was refused. `abusive`: an insult, threat, sexual demand or slur, which others
 * would read; `crisis` (a pseudonym only): the person may be in crisis («хочу умереть»), and
 * gets help rather than a new name.
 */
export type TextRefusal =
  | "too_short"
  | "too_long"
  | "invalid"
  | "abusive"
  | "crisis"
  | PiiKind;

/** The text a reader sees: normalised, the braille blank (an "invisible" filler) as a space. */
function visibleText(text: string): string {
  return normalizeText(text).text.replace(/\u2800/g, " ").trim();
}

/**
 * 2-32 characters on one line, with a letter, nothing that identifies the person, no rude or
 * abusive word (others see it on cards, whoever it is aimed at) and no crisis statement.
 */
export function checkPseudonym(text: string): Check<string, TextRefusal> {
  const visible = visibleText(text);
  const value = visible.replace(/\s+/g, " ");
  if ([...value].length < PSEUDONYM_MIN) return { ok: false, reason: "too_short" };
  if ([...value].length > PSEUDONYM_MAX) return { ok: false, reason: "too_long" };
  // Contacts first: "+7 999 ..." should hear "that is a phone", not "add a letter".
  const pii = detectPii(value, { names: true });
  if (pii[0]) return { ok: false, reason: pii[0] };
  // Line breaks and tabs are the only control characters normalising keeps.
  if (/[\n\t]/.test(visible) || !/\p{L}/u.test(value)) {
    return { ok: false, reason: "invalid" };
  }
  if (detectCrisis(value)) return { ok: false, reason: "crisis" };
  if (detectAbusiveWords(value)) return { ok: false, reason: "abusive" };
  return { ok: true, value };
}

/**
 * Text others will read (a bio, an event's title or description): at most `max` characters,
 * something visible, no contacts, no abuse (insults of the reader or of anyone by a strong word,
 * threats, explicit sexual words, slurs and calls for violence against a group). Real names are allowed (authors,
 * characters...).
 */
export function checkPublicText(
  text: string,
  max: number,
): Check<string, Exclude<TextRefusal, "too_short" | "crisis">> {
  const value = visibleText(text);
  if ([...value].length > max) return { ok: false, reason: "too_long" };
  if (!/[^\s\p{M}]/u.test(value)) return { ok: false, reason: "invalid" };
  const pii = detectPii(value);
  if (pii[0]) return { ok: false, reason: pii[0] as Exclude<PiiKind, "full_name"> };
  if (detectPublicAbuse(value)) return { ok: false, reason: "abusive" };
  return { ok: true, value };
}

/** At most 160 characters, no contacts, no abuse. */
export function checkBio(
  text: string,
): Check<string, Exclude<TextRefusal, "too_short" | "crisis">> {
  return checkPublicText(text, BIO_MAX);
}

/**
 * A typed UTC offset: "+3", "UTC+5:30", "-1", "GMT+4", "0", "МСК+4" (Moscow time + 4 hours,
 * as Russians often say). Returns minutes east of UTC, from -12:00 to +14:00.
 */
export function parseUtcOffset(text: string): Check<number, "format"> {
  const cleaned = normalizeText(text).text.trim().toLowerCase().replace(/\s+/g, "").replace(
    /[−–—]/g,
    "-",
  );
  const match = cleaned.match(/^(utc|gmt|мск)?(?:([+-])?(\d{1,2})(?:[:.](\d{2}))?)?$/u);
  if (!match || (!match[1] && match[3] === undefined)) return { ok: false, reason: "format" };
  const base = match[1] === "мск" ? 180 : 0;
  const sign = match[2] === "-" ? -1 : 1;
  const hours = Number(match[3] ?? 0);
  const minutes = Number(match[4] ?? 0);
  if (![0, 15, 30, 45].includes(minutes)) return { ok: false, reason: "format" };
  const total = base + sign * (hours * 60 + minutes);
  if (total < -720 || total > 840) return { ok: false, reason: "format" };
  return { ok: true, value: total };
}
