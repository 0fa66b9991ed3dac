import { stemmer } from "@orama/stemmers/russian";

/**
 * What the diary's two word readers (the mood lexicon and the theme lists) share: Snowball's
 * Russian stems, cached, and the patterns that undo common disguises of a word.
 */

const stemCache = new Map<string, string>();

/** The Snowball stem of a lower-case Cyrillic word (other words as they are), cached. */
export function stemOf(word: string): string {
  let stem = stemCache.get(word);
  if (stem === undefined) {
    if (stemCache.size > 50_000) stemCache.clear();
    stem = /[а-я]/.test(word) ? stemmer(word) : word;
    stemCache.set(word, stem);
  }
  return stem;
}

export const CYRILLIC = /[\u0400-\u04ff]/;
export const LATIN = /[a-z]/;
// Latin letters that look Cyrillic: one table for the safety detectors and the diary.
export { LATIN_LOOKALIKES } from "../safety/language.ts";
/** A letter stretched three times or more («оооочень»). Global: reset lastIndex before test. */
export const STRETCH = /(\p{L})\1{2,}/gu;
/** Particles hyphenated to a word («как-то», «кто-нибудь»). */
export const PARTICLE_SUFFIX = /-(?:то|же|таки|ка|нибудь|либо)$/;
