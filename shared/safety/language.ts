import { normalizeText } from "./normalize.ts";

/**
 * What the safety detectors read instead of raw text: words, undisguised and tagged with the
 * concepts they belong to. Shared by the crisis and abuse detectors so that both see through
 * the same tricks:
 * - look-alike Latin letters and digits inside Cyrillic words («дyp4к» → «дурак»), whole Latin
 *   words read both as look-alikes and as transliteration («cyka» → «сука», «debil» → «дебил»);
 * - letters spaced out or split by dots, dashes or stars («т в а р ь», «у.б.ь.ю»);
 * - stretched letters («умиииираю»), ё as е, case;
 * - one-letter misspellings of the key words: a dropped, doubled, swapped or wrong letter
 *   («умерть», «убю», «покнчу»), for stems of five letters or more and for whole words marked
 *   with "~".
 * A concept is a set of word beginnings (stems: «умир» covers умираю, умирать, умирающий) or of
 * whole words (`=слово`). Matching is a few map look-ups per word, so a message of a thousand
 * characters is read in well under a millisecond.
 */

export interface Word {
  /** The undisguised word: lower case, ё as е. */
  text: string;
  /** Index of the sentence the word is in (split at . ! ? ; and line breaks). */
  sentence: number;
  /** Concepts this word belongs to (shared between words: never change it). */
  concepts: ReadonlySet<string>;
}

/** Latin letters that look Cyrillic, for words typed with a mix («гpуcтнo»). */
export const LATIN_LOOKALIKES: Readonly<Record<string, string>> = {
  a: "а",
  b: "в",
  c: "с",
  e: "е",
  h: "н",
  k: "к",
  m: "м",
  o: "о",
  p: "р",
  t: "т",
  x: "х",
  y: "у",
};

// What else stands for a Cyrillic letter in a disguised word: u and r, digits, symbols.
const VISUAL: Record<string, string> = {
  ...LATIN_LOOKALIKES,
  u: "и",
  r: "г",
  "0": "о",
  "1": "и",
  "3": "з",
  "4": "ч",
  "6": "б",
  "9": "д",
  "@": "а",
  "$": "с",
  "€": "е",
};

// Transliteration of a Latin-only word (longest sequences first).
const TRANSLIT: Array<[string, string]> = [
  ["shch", "щ"],
  ["sch", "щ"],
  ["zh", "ж"],
  ["kh", "х"],
  ["ch", "ч"],
  ["sh", "ш"],
  ["ts", "ц"],
  ["yu", "ю"],
  ["ju", "ю"],
  ["ya", "я"],
  ["ja", "я"],
  ["yo", "е"],
  ["jo", "е"],
  ["a", "а"],
  ["b", "б"],
  ["v", "в"],
  ["w", "в"],
  ["g", "г"],
  ["d", "д"],
  ["e", "е"],
  ["z", "з"],
  ["i", "и"],
  ["j", "й"],
  ["y", "ы"],
  ["k", "к"],
  ["l", "л"],
  ["m", "м"],
  ["n", "н"],
  ["o", "о"],
  ["p", "п"],
  ["r", "р"],
  ["s", "с"],
  ["t", "т"],
  ["u", "у"],
  ["f", "ф"],
  ["h", "х"],
  ["x", "кс"],
  ["c", "к"],
  ["q", "к"],
  ["'", "ь"],
  ["0", "о"],
  ["3", "з"],
  ["4", "ч"],
  ["6", "б"],
];

const CYRILLIC = /[а-яё]/;
const LATIN_OR_DIGIT = /[a-z0-9@$€]/;
const SINGLE_LETTER_WORDS = new Set(["а", "и", "я", "в", "с", "к", "у", "о"]);

/** Readings of one raw token: the visual one first, then a transliteration for Latin words. */
function readingsOf(token: string): string[] {
  if (CYRILLIC.test(token)) {
    if (!LATIN_OR_DIGIT.test(token)) return [token];
    return [token.replace(/[a-z0-9@$€]/g, (c) => VISUAL[c] ?? c)];
  }
  if (!/[a-z]/.test(token)) return [token];
  const visual = [...token].every((c) => c in VISUAL)
    ? token.replace(/./g, (c) => VISUAL[c]!)
    : null;
  let translit = "";
  for (let i = 0; i < token.length;) {
    const pair = TRANSLIT.find(([from]) => token.startsWith(from, i));
    if (pair) {
      translit += pair[1];
      i += pair[0].length;
    } else {
      translit += token[i];
      i++;
    }
  }
  return visual && visual !== translit ? [visual, translit] : [translit];
}

/**
 * The text as the detectors read it: lower case, ё as е, invisible characters gone, spaced-out
 * letters joined, stretched letters shrunk; sentence breaks kept as "\n".
 */
export function undisguise(text: string): string {
  let t = normalizeText(text).text.toLowerCase().replace(/ё/g, "е");
  // Letters split by separators: «т в а р ь», «у.б.ь.ю», «д-у-р-а», «с_у_к_а». A run of three
  // or more single letters joins, unless it could be ordinary one-letter words («а я и»).
  t = t.replace(
    /(?<![\p{L}\d])[\p{L}\d@$€](?:[ .\-_*]+[\p{L}\d@$€](?![\p{L}\d])){2,}/gu,
    (run) => {
      const letters = run.split(/[ .\-_*]+/);
      const ordinary = letters.every((l) => SINGLE_LETTER_WORDS.has(l)) && letters.length < 5;
      if (ordinary) return run;
      // A wider gap (two spaces or more, « / ») is a word boundary: «х о ч у   у м е р е т ь».
      return run.split(/\s{2,}|\s*\/\s*/).map((part) => part.replace(/[ .\-_*]+/g, "")).join(" ");
    },
  );
  // Stars inside a word hide letters («с*ка»): keep them as part of the word.
  return t.replace(/(\p{L})\1{2,}/gu, "$1");
}

/** Splits undisguised text into sentences of raw tokens (letters, digits, look-alike symbols). */
function tokenize(text: string): Array<{ token: string; sentence: number }> {
  const out: Array<{ token: string; sentence: number }> = [];
  let sentence = 0;
  // An apostrophe inside a Latin word is a soft sign in transliteration («ub'yu»). `match`
  // gives plain strings: every message is read twice, and match objects per word add up.
  for (const token of text.match(TOKEN) ?? []) {
    if (SENTENCE_END.test(token)) {
      sentence++;
      continue;
    }
    // A word that is only stars or digits with stars is no word.
    if (!LETTER.test(token) && !DIGITS.test(token)) continue;
    out.push({ token: token.includes("*") ? token.replace(/^\*+|\*+$/g, "") : token, sentence });
  }
  return out;
}
const TOKEN = /[\p{L}\d@$€*]+(?:'[a-z]+)*|[.!?;\n…]+/gu;
const SENTENCE_END = /^[.!?;\n…]/u;
const LETTER = /\p{L}/u;
const DIGITS = /^\d+$/;

// ---------------------------------------------------------------------------------------------
// Concepts.

interface Term {
  concept: string;
  /** A stem matches any word starting with it; an exact term only the word itself. */
  exact: boolean;
  length: number;
  /** For a term that takes misspellings: the term itself. */
  fuzzyWord?: string;
}

/**
 * Concepts as lists of terms: "стем" or "=слово" (exact); "стем!" turns off misspellings; "~"
 * at the end allows one wrong letter even in a four-letter word («=хочу~» takes «хачу», «хочю»).
 */
export type ConceptTable = Record<string, string[]>;

/** The minimum length of a term for which one wrong letter is still a match. */
const FUZZY_MIN = 5;

/** Whether two words of one length differ in one letter, or in two neighbours swapped. */
function oneWrongOrSwapped(a: string, b: string): boolean {
  let first = -1;
  for (let k = 0; k < a.length; k++) {
    if (a[k] === b[k]) continue;
    if (first < 0) {
      first = k;
      continue;
    }
    // A second difference: only the swap of the first one's neighbour, and nothing after.
    return k === first + 1 && a[first] === b[k] && a[k] === b[first] &&
      a.slice(k + 1) === b.slice(k + 1);
  }
  return true;
}

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/**
 * An index of concept terms. `match(word)` gives every concept one of whose terms the word
 * starts with (or is, for exact terms), allowing one edit for long terms (symmetric-delete:
 * the term's one-letter deletions are indexed, so a dropped, extra, wrong or swapped letter is
 * found with a handful of look-ups). The first letter must be right: typos rarely hit it, and
 * it keeps unrelated words apart.
 */
export class ConceptIndex {
  readonly #exact = new Map<string, Term[]>();
  readonly #fuzzy = new Map<string, Term[]>();
  readonly #maxFuzzyLength: number;
  /**
   * First letter + second or third letter of every term that takes misspellings. One edit keeps
   * the first letter and leaves the term's second or third letter at the word's second or third
   * place, so a word with neither pair can skip the misspelling look-ups altogether.
   */
  readonly #fuzzyHeads = new Set<string>();
  readonly #cache = new Map<string, Set<string>>();
  /**
   * Every beginning of every key of the two maps: once a word's prefix (or a deletion of it) is
   * no key's beginning, longer prefixes cannot match either, so the look-ups stop there (a new
   * long word would otherwise cost a quadratic number of deletions).
   */
  readonly #exactHeads = new Set<string>();
  readonly #fuzzyKeyHeads = new Set<string>();
  /** Beginnings of ordinary words that are never read as a misspelling (`ordinaryWords`). */
  readonly #ordinary: ReadonlySet<string>;

  /**
   * `ordinaryWords`: beginnings of common words one letter away from a term («записалась» is no
   * misspelt «записка», «отправили» no «отравили», «к утру» no «умру»): they keep their exact
   * concepts but never take a misspelling's.
   */
  constructor(table: ConceptTable, ordinaryWords: readonly string[] = []) {
    this.#ordinary = new Set(ordinaryWords);
    let maxFuzzy = 0;
    for (const [concept, terms] of Object.entries(table)) {
      for (const raw of terms) {
        const exact = raw.startsWith("=");
        const strict = raw.endsWith("!");
        const loose = raw.endsWith("~");
        const word = raw.replace(/^=|[!~]$/g, "").replace(/ё/g, "е");
        const term: Term = { concept, exact, length: word.length };
        push(this.#exact, word, term);
        // Whole words are forms with close neighbours («готова», «голова»): only marked ones
        // take a misspelling.
        if (!strict && (loose ? word.length >= 4 : !exact && word.length >= FUZZY_MIN)) {
          const fuzzyTerm: Term = { ...term, fuzzyWord: word };
          for (const d of deletions(word)) {
            if (d[0] === word[0]) push(this.#fuzzy, d, fuzzyTerm);
          }
          push(this.#fuzzy, word, fuzzyTerm);
          maxFuzzy = Math.max(maxFuzzy, word.length);
          this.#fuzzyHeads.add(word[0]! + word[1]!).add(word[0]! + word[2]!);
        }
      }
    }
    this.#maxFuzzyLength = maxFuzzy;
    for (
      const [map, heads] of [[this.#exact, this.#exactHeads], [
        this.#fuzzy,
        this.#fuzzyKeyHeads,
      ]] as const
    ) {
      for (const key of map.keys()) {
        for (let size = 1; size <= key.length; size++) heads.add(key.slice(0, size));
      }
    }
  }

  /** Concepts of one undisguised word (cached: never change the set). */
  match(word: string): ReadonlySet<string> {
    const cached = this.#cache.get(word);
    if (cached) return cached;
    const found = new Set<string>();
    // `sharing`: a prefix that shares a deletion with the term — one wrong or swapped letter only
    // when the two deletions stand at the same place or swap neighbours («высплюсь» and
    // «выпилюсь» share «выплюсь» two edits apart).
    const add = (
      terms: Term[] | undefined,
      length: number,
      wholeWord: boolean,
      sharing?: string,
    ) => {
      if (!terms) return;
      for (const term of terms) {
        // A stem matches a prefix; an exact term only the whole word.
        if (term.length !== length || (term.exact && !wholeWord)) continue;
        if (sharing !== undefined && !oneWrongOrSwapped(sharing, term.fuzzyWord!)) continue;
        found.add(term.concept);
      }
    };
    const heads = this.#fuzzyHeads;
    const maxFuzzy = word.length >= 3 &&
        (heads.has(word[0]! + word[1]!) || heads.has(word[0]! + word[2]!)) &&
        !this.#isOrdinary(word)
      ? this.#maxFuzzyLength + 1
      : 0;
    const exactHeads = this.#exactHeads;
    const fuzzyHeads = this.#fuzzyKeyHeads;
    let exactAlive = true;
    let directAlive = true;
    // deletionAlive[i]: a deletion at `i` can still begin a key at longer prefixes.
    const deletionAlive: boolean[] = [];
    for (let size = 1; size <= word.length; size++) {
      const prefix = word.slice(0, size);
      const wholeWord = size === word.length;
      // Exactly a stem or a word.
      if (exactAlive) {
        add(this.#exact.get(prefix), size, wholeWord);
        exactAlive = exactHeads.has(prefix);
      }
      if (size < 3 || size > maxFuzzy) {
        if (!exactAlive && size >= 3) break;
        continue;
      }
      // A dropped letter: the prefix is one of a term's deletions (a term one letter longer).
      if (directAlive) {
        add(this.#fuzzy.get(prefix), size + 1, wholeWord);
        directAlive = fuzzyHeads.has(prefix);
      }
      // A wrong or swapped letter (a term as long, sharing a deletion), or an extra letter (a
      // deletion of the prefix is the term itself). The first letter is kept.
      let anyAlive = exactAlive || directAlive;
      for (let i = 1; i < size; i++) {
        if (deletionAlive[i] === false) continue;
        const deleted = prefix.slice(0, i) + prefix.slice(i + 1);
        if (!fuzzyHeads.has(deleted)) {
          deletionAlive[i] = false;
          continue;
        }
        anyAlive = true;
        const terms = this.#fuzzy.get(deleted);
        if (!terms) continue;
        add(terms, size, wholeWord, prefix);
        // An extra letter: the deletion is the term itself.
        for (const term of terms) {
          if (term.fuzzyWord === deleted && term.length === size - 1) {
            if (!term.exact || wholeWord) found.add(term.concept);
          }
        }
      }
      // Deletions further right begin with this prefix: dead with it (directAlive).
      if (!anyAlive) break;
    }
    if (this.#cache.size > 20_000) this.#cache.clear();
    this.#cache.set(word, found);
    return found;
  }

  #isOrdinary(word: string): boolean {
    if (this.#ordinary.size === 0) return false;
    for (let size = 3; size <= word.length; size++) {
      if (this.#ordinary.has(word.slice(0, size))) return true;
    }
    return false;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * The words of `text`, each with the concepts of any of its readings (`undisguised`: the text
 * has been through `undisguise` already).
 */
export function readWords(text: string, index: ConceptIndex, undisguised = false): Word[] {
  const words: Word[] = [];
  for (const { token, sentence } of tokenize(undisguised ? text : undisguise(text))) {
    // A plain Cyrillic word (most words): one reading, the index's cached set, shared and never
    // changed.
    if (PLAIN_CYRILLIC.test(token)) {
      words.push({ text: token, sentence, concepts: index.match(token) });
      continue;
    }
    const readings = readingsOf(token);
    if (readings.length === 1 && !readings[0]!.includes("*")) {
      words.push({ text: readings[0]!, sentence, concepts: index.match(readings[0]!) });
      continue;
    }
    const concepts = new Set<string>();
    for (const reading of readings) {
      if (reading.includes("*")) {
        for (const concept of matchStarred(reading, index)) concepts.add(concept);
      } else {
        for (const concept of index.match(reading)) concepts.add(concept);
      }
    }
    words.push({ text: readings[0]!, sentence, concepts });
  }
  return words;
}

// Stars standing for letters («с*ка», «п**дец»): each star run is tried as 1-3 common letters.
const STAR_FILLS = [
  "у",
  "и",
  "е",
  "а",
  "о",
  "ы",
  "я",
  "ю",
  "ь",
  "ди",
  "зд",
  "ук",
  "ер",
  "ла",
  "бл",
];

function matchStarred(word: string, index: ConceptIndex): Set<string> {
  const found = new Set<string>();
  const parts = word.split(/\*+/);
  if (parts.length > 3 || parts.join("").length < 2) return found;
  let candidates = [parts[0]!];
  for (const part of parts.slice(1)) {
    candidates = candidates.flatMap((c) => STAR_FILLS.map((fill) => c + fill + part));
  }
  for (const candidate of candidates) {
    for (const concept of index.match(candidate)) found.add(concept);
  }
  return found;
}

const PLAIN_CYRILLIC = /^[а-яё]+$/;

/** Whether any word in `words[from..to)` has `concept`. */
export function hasConcept(words: Word[], concept: string, from = 0, to = words.length): boolean {
  for (let i = Math.max(0, from); i < Math.min(words.length, to); i++) {
    if (words[i]!.concepts.has(concept)) return true;
  }
  return false;
}
