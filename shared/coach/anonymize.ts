import type { MessageEntity } from "grammy/types";
import { foldLookalikes, normalizeText } from "../safety/normalize.ts";
import {
  cardsIn,
  detectPii,
  looksLikeFullName,
  luhnValid,
  maskPii,
  type PiiKind,
} from "../safety/pii.ts";

export { luhnValid };
import { spelledContactSpans } from "../llm/contacts.ts";
import {
  cyrillicSpellings,
  dictionaryForms,
  nameInfo,
  nameMorphologyReady,
  type NameReading,
  nameReading,
} from "../llm/names.ts";
import { longDigitRuns, type NumberRun, numberWordsEnd, spelledDigitRuns } from "../llm/numbers.ts";
import { organizationSpans } from "../llm/organizations.ts";
import { homePlaceSpans } from "../llm/places.ts";
import { everydayForms, isAffectionateForm, nameStarts, vocative } from "../llm/short_names.ts";
import { isPetForm, sameNickname } from "../llm/nickname_family.ts";
import { nicknameParts, nicknameTranslations } from "../llm/nickname_words.ts";

/**
 * Anonymises text before it leaves for an LLM (every model call goes through shared/llm/gate.ts,
 * which runs this on everything a request carries), and checks the coach model's answer for
 * personal data before it is shown. Everything runs on the normalised text (`normalizeText`), so
 * invisible characters and look-alike letters cannot hide a phone or an e-mail.
 *
 * The policy is the strictest one: a masked ordinary word costs the model little, a leaked
 * phone number costs a person their anonymity. Found, each replaced by its own placeholder so
 * the model still knows what was there:
 * - the people's own names, given per call: chat pseudonyms (their tokens, e.g. "[собеседник]")
 *   and Telegram names, in every case form (Az.js inflects dictionary words; endings otherwise),
 *   with "_", "-" or nothing between their words;
 * - phones, e-mails, links and @usernames (`maskPii` from shared/safety/pii.ts), and the
 *   obfuscated spellings of shared/llm/contacts.ts («ivan собака mail точка ru», "[at]",
 *   "lonely_fox_88" after «мой ник»);
 * - any run of five or more digits (shared/llm/numbers.ts: look-alike letters read as digits,
 *   digits dictated in words), unless it is clearly a date, a year range or an amount; the run
 *   is named by what it passes for: bank card (Luhn), SNILS (mod-101 checksum or the word),
 *   INN (checksum or the word), passport (next to "паспорт"/"серия"), phone, or just a number
 *   (a Telegram id, an order number, a code);
 * - passports' four-digit series next to «серия»/«паспорт»;
 * - Russian street addresses, as one span from the city or index to the flat;
 * - personal names: every word the Russian dictionary (shared/llm/names.ts, OpenCorpora via
 *   Az.js) reads only as a given name, surname or patronymic, in any case form; a word that is a
 *   name and also an ordinary word (Вера, Роман, Лев) only written with a capital mid-sentence,
 *   next to another part of a name or after «зовут»; surname-shaped unknown words mid-sentence;
 *   Latin-written names ("Dasha"). When the dictionary is not loaded, a list of about 290
 *   common names with generated case forms stands in.
 */

export type AnonymizedKind =
  | "pseudonym"
  | "phone"
  | "email"
  | "username"
  | "link"
  | "card"
  | "passport"
  | "snils"
  | "inn"
  | "number"
  | "address"
  | "organization"
  | "name"
  | "birthdate"
  | "date"
  | "car_plate";

export interface Anonymized {
  text: string;
  /** Kinds hidden anywhere in the text (also in a truncated part), each once, in order. */
  kinds: AnonymizedKind[];
}

/** A name known to belong to someone in the conversation, and what replaces it. */
export interface KnownName {
  name: string;
  token: string;
}

export interface AnonymizeOptions {
  /** The chat partners' display pseudonyms and the tokens that replace them. */
  pseudonyms?: KnownName[];
  /**
   * Real names known for the call: Telegram first and last names (and usernames). Each word is
   * matched on its own too ("Алексей Петров" also hides "Алексея"); a word that is also an
   * ordinary word ("Вера") only when written with a capital.
   */
  names?: KnownName[];
  /** At most this many characters are returned (default `defaultMaxLength`). */
  maxLength?: number;
}

export const defaultMaxLength = 600;

export const placeholders: Readonly<Record<Exclude<AnonymizedKind, "pseudonym">, string>> = {
  phone: "[телефон]",
  email: "[почта]",
  username: "[аккаунт]",
  link: "[ссылка]",
  card: "[карта]",
  passport: "[паспорт]",
  snils: "[снилс]",
  inn: "[инн]",
  number: "[номер]",
  address: "[адрес]",
  organization: "[организация]",
  name: "[имя]",
  birthdate: "[дата рождения]",
  date: "[дата]",
  car_plate: "[госномер]",
};

/**
 * The text with personal data replaced by placeholders and pseudonyms by their tokens, cut to
 * `maxLength` characters. A long text keeps its END: the coach answers the latest messages, so
 * the last words matter most; a cut start is marked with "…".
 */
export function anonymizeForLlm(text: string, options: AnonymizeOptions = {}): Anonymized {
  const normal = normalizeText(text).text;
  const spans = resolveOverlaps([
    ...knownNameSpans(normal, options.pseudonyms ?? [], "pseudonym"),
    ...knownNameSpans(normal, options.names ?? [], "name"),
    ...personalDataSpans(normal),
  ]);
  const replaced = replaceSpans(normal, spans);
  return {
    text: keepEnd(replaced.text, replaced.replacements, options.maxLength ?? defaultMaxLength),
    kinds: [...new Set(spans.map((span) => span.kind))],
  };
}

/** Kinds of personal data found (used to check model OUTPUT before it is shown). */
export function findPersonalData(text: string): AnonymizedKind[] {
  const normal = normalizeText(text).text;
  return [...new Set(resolveOverlaps(personalDataSpans(normal)).map((span) => span.kind))];
}

// ---------------------------------------------------------------------------------------------
// Checksums.

/**
 * Whether a SNILS ("112-233-445 95", 11 digits) has the right check number: the digits of the
 * number weighted 9..1 and summed; a sum below 100 is the check number, 100 and 101 give 00,
 * a larger sum is taken mod 101 and read the same way. Numbers up to 001-001-998 were issued
 * before the rule and pass with any check number.
 */
export function snilsValid(snils: string): boolean {
  const digits = snils.replace(/[\s-]/g, "");
  if (!/^\d{11}$/.test(digits)) return false;
  if (Number(digits.slice(0, 9)) <= 1001998) return true;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (9 - i);
  if (sum > 101) sum %= 101;
  const check = sum < 100 ? sum : 0;
  return check === Number(digits.slice(9));
}

const INN_WEIGHTS_10 = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const INN_WEIGHTS_11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const INN_WEIGHTS_12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

/** Whether an INN (10 digits for an organisation, 12 for a person) has the right check digits. */
export function innValid(inn: string): boolean {
  const digits = inn.replace(/\s/g, "");
  const checkDigit = (weights: number[]) =>
    weights.reduce((sum, weight, i) => sum + weight * Number(digits[i]), 0) % 11 % 10;
  if (/^\d{10}$/.test(digits)) return checkDigit(INN_WEIGHTS_10) === Number(digits[9]);
  if (/^\d{12}$/.test(digits)) {
    return checkDigit(INN_WEIGHTS_11) === Number(digits[10]) &&
      checkDigit(INN_WEIGHTS_12) === Number(digits[11]);
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Spans: what to replace, where, and which wins when two overlap.

interface Span {
  kind: AnonymizedKind;
  start: number;
  end: number;
  /** The placeholder or pseudonym token. */
  replacement: string;
}

// Contacts first (an e-mail that contains a pseudonym is still an e-mail), then the partners'
// pseudonyms (so the coach keeps who is who), then numbers with a checksum over the phone
// reading of the same digits, then the looser address and name rules.
const PRIORITY: Record<AnonymizedKind, number> = {
  email: 0,
  link: 1,
  username: 2,
  pseudonym: 3,
  card: 4,
  snils: 5,
  inn: 6,
  passport: 7,
  phone: 8,
  // A birthdate or a plate is read from its own context: it wins over a bare number or a name.
  birthdate: 8.5,
  date: 8.55,
  car_plate: 8.6,
  address: 9,
  name: 10,
  // "ИП Смирнова": the person's name wins.
  organization: 10.5,
  // A bare long number is the weakest reading: inside an address or a card it takes their name.
  number: 11,
};

/**
 * Non-overlapping spans, earliest first. A span that overlaps a stronger one is not dropped but
 * widens it, so no part of either survives.
 */
function resolveOverlaps(spans: Span[]): Span[] {
  const byPriority = [...spans].sort((a, b) =>
    PRIORITY[a.kind] - PRIORITY[b.kind] || a.start - b.start
  );
  let kept: Span[] = [];
  for (const span of byPriority) {
    const overlapping = kept.filter((k) => k.start < span.end && span.start < k.end);
    if (overlapping.length === 0) {
      kept.push({ ...span });
      continue;
    }
    const strongest = overlapping.reduce((a, b) => PRIORITY[b.kind] < PRIORITY[a.kind] ? b : a);
    const merged = {
      ...strongest,
      start: Math.min(span.start, ...overlapping.map((k) => k.start)),
      end: Math.max(span.end, ...overlapping.map((k) => k.end)),
    };
    kept = kept.filter((k) => !overlapping.includes(k));
    kept.push(merged);
  }
  return kept.sort((a, b) => a.start - b.start);
}

function replaceSpans(
  text: string,
  spans: Span[],
): { text: string; replacements: Array<[number, number]> } {
  let out = "";
  let from = 0;
  const replacements: Array<[number, number]> = [];
  for (const span of spans) {
    out += text.slice(from, span.start);
    replacements.push([out.length, out.length + span.replacement.length]);
    out += span.replacement;
    from = span.end;
  }
  return { text: out + text.slice(from), replacements };
}

const ELLIPSIS = "…";

/** The last `maxLength` characters at most, starting at a word and never inside a placeholder. */
function keepEnd(text: string, replacements: Array<[number, number]>, maxLength: number): string {
  if (text.length <= maxLength) return text;
  if (!(maxLength > ELLIPSIS.length)) return maxLength >= ELLIPSIS.length ? ELLIPSIS : "";
  let start = text.length - (maxLength - ELLIPSIS.length);
  const cutPlaceholder = replacements.find(([from, to]) => start > from && start < to);
  if (cutPlaceholder) start = cutPlaceholder[1];
  if (start > 0 && !/\s/.test(text[start - 1]!)) {
    // Mid-word: start at the next word. A text without spaces is cut where it must be.
    const nextSpace = text.slice(start).search(/\s/);
    if (nextSpace >= 0) start += nextSpace;
  }
  while (start < text.length && /\s/.test(text[start]!)) start++;
  if (/[\udc00-\udfff]/.test(text[start] ?? "")) start++;
  return ELLIPSIS + text.slice(start);
}

// ---------------------------------------------------------------------------------------------
// Known names: the people's pseudonyms and Telegram names, given per call.

// Russian noun and adjective endings, longest first so the alternation takes the whole ending.
// No "о": "Тихий" must not catch the adverb "тихо".
const ENDINGS =
  `ами ями ыми ими ого его ому ему ой ей ий ый ая яя ое ее ом ем ою ею ую юю ым им ах ях
  ов ев ые ие ых их а я у ю ы и е`.split(/\s+/).join("|");

const WORD_CHAR = String.raw`[\p{L}\p{N}_]`;
// Between the words of a known name: spaces, "_", "-", "." or nothing ("ТихийЛис").
const NAME_WORD_GAP = String.raw`[\s_.\-]*`;

/** One word of a known name and the forms it may take. */
interface KnownWord {
  /** A regex source for every form, in a capturing group. */
  source: string;
  /** The word as given, lower case, ё as е. */
  nominative: string;
  /** Forms other than the nominative count only written with a capital ("Коту", not "коту"). */
  obliqueNeedsCapital: boolean;
  /** Every form counts only written with a capital ("Вера", never "вера в себя"). */
  needsCapital: boolean;
}

interface KnownPattern {
  regex: RegExp;
  words: KnownWord[];
  /** Counts only where the partner is called by it (`addressed`), in any case. */
  calledOnly?: boolean;
}

const knownPatterns = new Map<string, KnownPattern[]>();
// A call names at most a few people; a name's compiled patterns are large (every form of every
// word, and what the regex engine compiles from them), so only the recent ones are kept.
const KNOWN_PATTERNS_KEPT = 100;

function knownNameSpans(
  text: string,
  known: KnownName[],
  kind: "pseudonym" | "name",
): Span[] {
  const spans: Span[] = [];
  // Longer names first: "Тихий Лис" before "Лис".
  const sorted = [...known].sort((a, b) => b.name.length - a.name.length);
  for (const { name, token } of sorted) {
    for (const pattern of patternsFor(name, kind)) {
      for (const m of text.matchAll(pattern.regex)) {
        if (m[0].length === 0) continue;
        // In lower case too where the partner is called by it («слушай волк, …», «призрак 👻»).
        // (Not an adjective: «серая, ты права» is said of someone, not to «Серая Сова».)
        const written = !pattern.calledOnly && capitalsAllow(pattern.words, m);
        const called = () =>
          (kind === "pseudonym" &&
            !pattern.words.some((word) => ADJECTIVE.test(word.nominative)) &&
            addressed(text, m.index, m.index + m[0].length)) ||
          // A name in lower case where called or signed: «ник, ты тут?» for Вероника, «обнимаю,
          // твоя светик», «это гуля,» for Gulya (not «тем, кто…»: no noun).
          (kind === "name" && nominal(m[0].toLowerCase().replace(/ё/g, "е")) &&
            (addressed(text, m.index, m.index + m[0].length) ||
              signed(text, m.index, m.index + m[0].length)));
        if (!written && !called()) continue;
        spans.push({ kind, start: m.index, end: m.index + m[0].length, replacement: token });
      }
    }
    if (kind === "name") spans.push(...affectionateSpans(text, name, token));
    if (kind === "pseudonym") {
      spans.push(
        ...misspeltSpans(text, name, token),
        ...byEarSpans(text, name, token),
        ...kinSpans(text, name, token),
      );
    }
  }
  return spans;
}

/**
 * A Telegram name's made-up affectionate forms («Нурсултан» → «нурик», «Валерия» → «лерусь»,
 * «Айгерим» → «айгеша», «Дима» → «диман», «Kseniya» → «ксюня»); never a word the dictionary knows
 * as an ordinary word («Мама» for «Мамед», even at the start of a sentence).
 */
function affectionateSpans(text: string, name: string, token: string): Span[] {
  const spans: Span[] = [];
  // A Latin-written name by its Cyrillic spellings («Kseniya» → ксения → «ксюня»).
  const words = splitName(normalizeText(name).text).flatMap((word) =>
    /^[a-z]{3,}$/iu.test(word)
      ? cyrillicSpellings(word).map((spelling) => spelling.replace(/ё/g, "е"))
      : [word]
  ).filter((word) => /^\p{Script=Cyrillic}{3,}$/u.test(word));
  const starts = words.flatMap(nameStarts);
  if (starts.length === 0) return spans;
  for (const m of text.matchAll(/\p{Script=Cyrillic}{4,}/gu)) {
    const word = m[0].toLowerCase().replace(/ё/g, "е");
    if (!isAffectionateForm(word, starts)) continue;
    // A form that is also a word («рустик», a style) only with a capital mid-sentence («я
    // Рустик»).
    const reading = nameReading(word);
    if (reading === "word" || reading === "maybe") {
      // Not a place («по Катуни») nor a short word («слушаю Тату»).
      const capitalMidSentence = /^\p{Lu}/u.test(m[0]) && !startsSentence(text, m.index);
      const called = addressed(text, m.index, m.index + m[0].length);
      const named = NAMED_BEFORE.test(text.slice(Math.max(0, m.index - 16), m.index));
      if (nameInfo(word)?.place) continue;
      if (!named && (!(capitalMidSentence || called) || word.length < 5)) continue;
    }
    spans.push({ kind: "name", start: m.index, end: m.index + m[0].length, replacement: token });
  }
  // A name cut to its first three letters, with a capital («Я Ксю», «Кир, ты тут?»): only what
  // no dictionary reads as a word.
  // In lower case where the partner is called by it («вик, а ты…»). Cut to four letters, only
  // where called or signed («Лейс,» for Лейсан, «дина жаным» for Динара).
  for (const m of text.matchAll(/(?<!\p{L})\p{L}\p{Ll}{2,3}(?!\p{L})/gu)) {
    const word = m[0].toLowerCase().replace(/ё/g, "е");
    const reading = nameReading(word);
    if (!starts.includes(word) || reading === "word") continue;
    const end = m.index + m[0].length;
    const called = addressed(text, m.index, end) || signed(text, m.index, end);
    if (word.length === 4 && !called) continue;
    if (!called && (reading === "maybe" || !/^\p{Lu}/u.test(m[0]))) continue;
    spans.push({ kind: "name", start: m.index, end: m.index + m[0].length, replacement: token });
  }
  return spans;
}

/** «меня зовут алёнка», «звать Рустик»: a form of the person's own name stands after these. */
const NAMED_BEFORE = /(?<!\p{L})(?:зовут|звать|имя)\s*:?\s*$/iu;

/** Whether each word of a match is written as its rule asks (a capital where needed). */
function capitalsAllow(words: KnownWord[], m: RegExpMatchArray): boolean {
  return words.every((word, i) => {
    const form = m[i + 1];
    if (form === undefined) return true;
    const capital = /^\p{Lu}/u.test(form);
    if (word.needsCapital) return capital;
    const oblique = form.toLowerCase().replace(/ё/g, "е") !== word.nominative;
    return !(word.obliqueNeedsCapital && oblique) || capital;
  });
}

/**
 * The patterns for a known name (cached): the whole name with its words in any case form, and
 * the name exactly as written (symbols and all: "Star*Girl (99)"). A Telegram name's words also
 * stand alone ("Алексей Петров" → "Алексея"); so do a pseudonym's nouns written with a capital
 * ("Тихий Лис" → "Лису, привет").
 */
function patternsFor(name: string, kind: "pseudonym" | "name"): KnownPattern[] {
  const key = `${kind}:${name}`;
  const cached = knownPatterns.get(key);
  if (cached) return cached;
  const normal = normalizeText(name).text.trim();
  const words = splitName(normal);
  const patterns: KnownPattern[] = [];
  const literalPattern = literalNamePattern(normal);
  if (literalPattern) patterns.push({ regex: literalPattern, words: [] });
  if (words.length > 0) {
    const single = words.length === 1;
    const phrase = words.map((word) => knownWord(word, kind, single));
    patterns.push(phrasePattern(phrase));
    // A handle with digits ("kuzya_2000") is one thing, not words — but a pseudonym's letters
    // alone, with a capital, are how the partner is called («Marta_88» → «Marta», «Марта»).
    const handle = /\d/.test(normal);
    if (!single && (!handle || kind === "pseudonym")) {
      for (const word of words) {
        if (!/\p{L}{2,}/u.test(word)) continue;
        if (kind === "pseudonym" && handle) {
          if (word.length >= 3 && !/\d/.test(word)) {
            patterns.push(phrasePattern([{ ...knownWord(word, kind, true), needsCapital: true }]));
            // In lower case too when it is no short word (`ownWordAnywhere`): «nightowl снова
            // тут» — a Latin word as written only («марте» is a month, not Marta_88).
            if (ownWordAnywhere(word)) {
              patterns.push(phrasePattern([
                spelledAsName(word) ? latinWord(word) : knownWord(word, kind, true),
              ]));
            }
          }
          continue;
        }
        if (kind === "pseudonym") {
          patterns.push(...pseudonymWordPatterns(word));
        } else {
          patterns.push(phrasePattern([knownWord(word, kind, true)]));
        }
      }
    }
  }
  if (kind === "pseudonym") {
    // A handle's first letter and its digits, in either alphabet: «М88», «M88» for «Marta_88».
    const handle = /^(\p{L})\p{L}*[\s_.-]*(\d{2,})$/u.exec(normal);
    if (handle) {
      const first = handle[1]!.toLowerCase();
      const letters = [first, ...cyrillicSpellings(first).map((c) => c[0]!)].flatMap((
        c,
      ) => [c, c.toUpperCase()]);
      patterns.push({
        regex: new RegExp(
          `(?<![\\p{L}\\p{N}])[${[...new Set(letters)].join("")}]${handle[2]}(?![\\p{L}\\p{N}])`,
          "gu",
        ),
        words: [],
      });
    }
    for (const word of words) {
      const affectionate = affectionatePseudonymPattern(word);
      if (affectionate) patterns.push(affectionate);
      const nickname = adjectiveNicknamePattern(word);
      if (nickname) patterns.push(nickname);
      // An English word by its Russian sense: «lonely.wolf» → «Волк», «snowflake21» → «Снежинка».
      for (const translation of nicknameTranslations(word.replace(/\d+/g, ""))) {
        patterns.push(...pseudonymWordPatterns(translation, true));
        const pet = affectionatePseudonymPattern(translation);
        if (pet) patterns.push(pet);
        const named = adjectiveNicknamePattern(translation);
        if (named) patterns.push(named);
      }
    }
    const initials = initialsPattern(words);
    if (initials) patterns.push(initials);
  }
  if (kind === "name") {
    for (const word of words) {
      const everyday = /^\p{Script=Cyrillic}+$/u.test(word) ? everydayNamePattern(word) : null;
      if (everyday) patterns.push(everyday);
    }
  }
  if (knownPatterns.size >= KNOWN_PATTERNS_KEPT) knownPatterns.clear();
  knownPatterns.set(key, patterns);
  return patterns;
}

/**
 * One word of a pseudonym of several words (or a translation of one), standing alone: a noun
 * with a capital ("Тихий Лис" → «Лису, привет»; a translation only inside a sentence), or in any
 * case where the partner is called by it (`addressed`: «сова, ты права», «слушай волк, …»); an
 * adjective only first in a sentence with a comma after it («Рыжая, ты лучшая») or with a capital
 * inside one: "Тихий" alone is just "quiet".
 */
function pseudonymWordPatterns(word: string, translated = false): KnownPattern[] {
  const patterns: KnownPattern[] = [];
  const adjective = ADJECTIVE.test(word.toLowerCase());
  if (adjective && word.length >= 4) {
    const form = knownWord(word, "pseudonym", true);
    patterns.push({
      regex: new RegExp(`(?<=(?:^|[.!?…\\n])\\s*)${form.source}(?=\\s*,)`, "giu"),
      words: [{ ...form, needsCapital: true }],
    });
    // With a capital inside a sentence it is the name («что-то Лунный сегодня тихий»).
    patterns.push(insideSentence(form));
  }
  if (adjective || word.length < 2) return patterns;
  if (!translated && spelledAsName(word) && ownWordAnywhere(word)) {
    patterns.push(phrasePattern([latinWord(word)]));
  }
  const noun = knownWord(word, "pseudonym", true);
  // A translation with a capital counts inside a sentence only: «Солнце выглянуло» is the sun.
  patterns.push(
    translated ? insideSentence(noun) : phrasePattern([{
      ...noun,
      needsCapital: !ownWordAnywhere(word) || spelledAsName(word),
    }]),
    // In any case where the partner is called by it («слушай волк, …», «призрак 👻»).
    { ...phrasePattern([noun]), calledOnly: true },
  );
  return patterns;
}

/**
 * Whether a pseudonym's own noun counts in lower case anywhere, as a one-word pseudonym does
 * («котёнок опять ноет» for Котёнок_Мяу, «медведь» for Бурый_Медведь_86, «nightowl снова тут»):
 * a Cyrillic noun on a stem of four letters or more, a Latin word of five letters or more. A short
 * one is an everyday word too often («кот», «лиса»).
 */
/**
 * A Latin word whose Cyrillic spelling is a name (or a name and a word): «marta» → «марта», also
 * a month's form. Only the Latin word itself counts in lower case anywhere.
 */
function spelledAsName(word: string): boolean {
  if (!/^[a-z]+$/iu.test(word)) return false;
  return cyrillicSpellings(word.toLowerCase()).some((spelling) => {
    const reading = nameReading(spelling);
    return reading === "name" || reading === "maybe";
  });
}

/** A Latin word exactly as written, in any case of letters. */
function latinWord(word: string): KnownWord {
  const lower = word.toLowerCase();
  return {
    source: `(${literal(lower)})`,
    nominative: lower,
    obliqueNeedsCapital: false,
    needsCapital: false,
  };
}

function ownWordAnywhere(word: string): boolean {
  const lower = word.toLowerCase().replace(/ё/g, "е");
  if (/^[a-z]+$/.test(lower)) return lower.length >= 5;
  return /^\p{Script=Cyrillic}+$/u.test(lower) && !ADJECTIVE.test(lower) && nominal(lower) &&
    lower.replace(/[аяоеыиуюйь]{1,2}$/u, "").length >= 4;
}

/** A word with a capital inside a sentence, not first in it nor in a title («Тихий Дон»). */
function insideSentence(word: KnownWord): KnownPattern {
  return {
    regex: new RegExp(
      `(?<=[^\\s.!?…«"„“(]\\s+)${word.source}(?!${WORD_CHAR})`,
      "giu",
    ),
    words: [{ ...word, needsCapital: true }],
  };
}

/** Words of a name: split at spaces, "_", "-", ".", symbols and camelCase ("ТихийЛис"). */
function splitName(name: string): string[] {
  return name
    .replace(/(\p{Ll})(\p{Lu})/gu, "$1 $2")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

function phrasePattern(words: KnownWord[]): KnownPattern {
  const body = words.map((word) => word.source).join(NAME_WORD_GAP);
  return { regex: new RegExp(`(?<!${WORD_CHAR})${body}(?!${WORD_CHAR})`, "giu"), words };
}

function knownWord(word: string, kind: "pseudonym" | "name", single: boolean): KnownWord {
  const lower = word.toLowerCase().replace(/ё/g, "е");
  const forms = new Set<string>([lower]);
  let stemSource: string | null = null;
  let reading: NameReading | null = null;
  if (/^\p{Script=Cyrillic}+$/u.test(lower)) {
    reading = nameReading(lower);
    const dictionary = dictionaryForms(lower);
    for (const form of dictionary ?? []) forms.add(form.replace(/ё/g, "е"));
    for (const form of caseForms(lower)) forms.add(form);
    // A Telegram name is also called by its everyday forms («Сергей» → «Серёжа», «Серёга», in
    // address «Серёж»); those that are also words («поля», «тема») only with a capital
    // (`everydayNamePattern`).
    if (kind === "name") { for (const form of everydayNameForms(lower).plain) forms.add(form); }
    // Words the dictionary does not know (or no dictionary): the stem with any ending
    // ("Шмыга" → "Шмыгой"). A bare stem is only the word itself when nothing was cut.
    const stem = lower.replace(/[аяоеыиуюйь]{1,2}$/u, "");
    if (dictionary === null && stem.length >= 3) {
      const stems = [stem, fleetingStem(lower)].filter((s): s is string => s !== null);
      stemSource = stems.map((s) => `${literal(s)}(?:${ENDINGS})${s === lower ? "?" : ""}`)
        .join("|");
    }
  } else if (/^[a-z]+$/.test(lower)) {
    // "Dasha" also hides "Даша" and its forms; a pseudonym's Latin word its Cyrillic spelling
    // ("Polar Fox" → «полар фокс»).
    for (const spelling of cyrillicSpellings(lower)) {
      const spelt = nameReading(spelling);
      if (kind === "pseudonym" && lower.length >= 3) {
        forms.add(spelling);
        for (const form of caseForms(spelling)) forms.add(form);
        // A word the dictionary knows declines as it does: «veterok» → «Ветерку».
        if (spelt === "word") {
          for (const form of dictionaryForms(spelling) ?? []) forms.add(form.replace(/ё/g, "е"));
        }
      } else if (kind === "pseudonym" && !single) {
        // A short word inside a phrase, a preposition mostly: «kot_v_sapogah» → «коту в сапогах».
        forms.add(spelling);
      }
      if (spelt !== "name" && spelt !== "maybe") continue;
      reading = spelt;
      // And its everyday forms as a Cyrillic name's: «Lesha» → «Лёха», «лёх».
      if (kind === "name") {
        for (const form of everydayNameForms(spelling).plain) forms.add(form);
      }
      for (const form of dictionaryForms(spelling) ?? [spelling]) {
        forms.add(form.replace(/ё/g, "е"));
      }
    }
  }
  const alternatives = [...forms].sort((a, b) => b.length - a.length).map(literal);
  if (stemSource) alternatives.push(stemSource);
  // A pseudonym's noun is called by its diminutive too: «Туман» → «Туманчик», «Звезда» →
  // «Звездочке», «Маяк» → «Маячок», «Лис» → «Лисичка».
  // (Only on a stem of four letters or more: «Лис» is no «лисички».)
  if (
    kind === "pseudonym" && /^\p{Script=Cyrillic}+$/u.test(lower) && !ADJECTIVE.test(lower) &&
    lower.replace(/[аяоеыиуюйь]$/u, "").length >= 4
  ) {
    alternatives.push(diminutiveSource(lower));
  }
  const stemLength = lower.replace(/[аяоеыиуюйь]{1,2}$/u, "").length;
  const commonWord = reading === "maybe" || reading === "word" ||
    (reading === null && AMBIGUOUS_NAMES.has(lower));
  return {
    source: `(${alternatives.join("|")})`,
    nominative: lower,
    // A one-word pseudonym on a short stem is often an ordinary word: "Кот" hides "Коту", but
    // «нет кота» stays.
    obliqueNeedsCapital: kind === "pseudonym" && single && stemLength < 4,
    needsCapital: kind === "name" && (commonWord || lower.length < 3),
  };
}

/** A name's everyday forms in every case, and how they are called («Серёж», «Коль»). */
function everydayNameForms(name: string): { plain: string[]; capitalOnly: string[] } {
  const plain = new Set<string>();
  const capitalOnly = new Set<string>();
  const called = vocative(name);
  if (called) plain.add(called);
  for (const everyday of everydayForms(name)) {
    // The dictionary reads many everyday forms two ways («дима» is also «дим», «лена» flax, «катя»
    // a gerund): for the person's own name those count in lower case too; only a form that is an
    // everyday word too («вера», «тема», «поля», «кости», «света», «колю») needs a capital.
    const reading = nameReading(everyday);
    const wordToo = reading === "word" || (reading === "maybe" && isCommonWord(everyday));
    const targetOf = (form: string) => wordToo || isCommonWord(form) ? capitalOnly : plain;
    for (const form of dictionaryForms(everyday) ?? caseForms(everyday)) {
      const folded = form.replace(/ё/g, "е");
      targetOf(folded).add(folded);
    }
    targetOf(everyday).add(everyday);
    const spoken = vocative(everyday);
    if (spoken) targetOf(spoken).add(spoken);
  }
  return { plain: [...plain], capitalOnly: [...capitalOnly] };
}

/**
 * A name's form that is also a word people write: «вера», «поля», «кости», «тема», «света»
 * («конец света»), «колю» («колю инсулин»), «мая» («9 мая») — not a rare one («дима» as «дим»).
 */
function isCommonWord(form: string): boolean {
  if (AMBIGUOUS_NAMES.has(form) || AMBIGUOUS_FORMS.has(form)) return true;
  const info = nameInfo(form);
  if (!info) return false;
  return info.reading === "word" ||
    (info.everydayWord && info.lemmas.some((lemma) => COMMON_LEMMAS.has(lemma)));
}

// Everyday words that share forms with everyday forms of names (Света, Коля, Костя, Тёма, Поля,
// Валя, Варя, Гена, Саня, Лёня, Рома, Майя, Соня, Лёва, Тома).
const COMMON_LEMMAS = new Set(
  "свет колоть коль кость тема поле валить варить ген сани лень ром май соня лев марка том стопа"
    .split(" "),
);

/** The everyday forms of a Telegram name that are also words, only with a capital. */
function everydayNamePattern(word: string): KnownPattern | null {
  const lower = word.toLowerCase().replace(/ё/g, "е");
  const { capitalOnly } = everydayNameForms(lower);
  if (capitalOnly.length === 0) return null;
  const alternatives = capitalOnly.sort((a, b) => b.length - a.length).map(literal);
  return phrasePattern([{
    source: `(${alternatives.join("|")})`,
    nominative: lower,
    obliqueNeedsCapital: false,
    needsCapital: true,
  }]);
}

/**
 * Where the writer signs with their own name or introduces it: «обнимаю, твоя светик», «это
 * ваша ксю, вернулась», «я гуля,» — the word after «это/твоя/ваша/я» with a sentence's end after.
 */
function signed(text: string, start: number, end: number): boolean {
  return (SIGNED_BEFORE.test(text.slice(Math.max(0, start - 16), start)) &&
    CALL_AFTER.test(text.slice(end, end + 16))) ||
    // «серый тут, если чо», «дюха на связи»: first in a sentence, announcing oneself.
    (startsSentence(text, start) && HERE_AFTER.test(text.slice(end, end + 16)));
}
const HERE_AFTER = /^\s+(?:тут|здесь|на\s+связи|на\s+месте|вернул(?:ся|ась))\s*(?:[,.!?…)]|$)/iu;
const SIGNED_BEFORE = /(?:^|[^\p{L}])(?:это|тво[йя]|ваш[а]?|я)\s+$/iu;

const ADJECTIVE = /(?:ый|ий|ой|ая|яя|ое|ее|ые|ие)$/u;
const DIMINUTIVE_SUFFIXES = "чик ик ок ек очк ечк ичк оньк еньк ушк юшк ул".split(" ");

/** A regex source for a noun's diminutives with any ending: туманчик(а), звездочк(е). */
function diminutiveSource(noun: string): string {
  const stem = noun.replace(/[аяоеыиуюйь]$/u, "");
  // «маяк» → «маяч(ок)», «флаг» → «флаж(ок)», «пух» → «пуш(ок)».
  const softened = stem.replace(/к$/u, "ч").replace(/г$/u, "ж").replace(/х$/u, "ш");
  const stems = [...new Set([stem, softened])];
  const bodies = stems.flatMap((s) => DIMINUTIVE_SUFFIXES.map((suffix) => literal(s + suffix)));
  return `(?:${bodies.join("|")})(?:${ENDINGS})?`;
}

/**
 * A pseudonym word's pet forms, with a capital only: on a short stem or from an adjective they are
 * ordinary words too («лисичка», «котик», «белочка»), but «Совушка, ты тут?», «Котик, прости»,
 * «Рыженькая моя» call the partner by the pseudonym («Сова», «Тихий Кот», «Рыжая»). A Latin
 * word counts by its Cyrillic spelling («Luna» → «Луночка»). Nouns on four letters or more have
 * theirs in `knownWord`, in lower case too.
 */
function affectionatePseudonymPattern(word: string): KnownPattern | null {
  const lower = word.toLowerCase().replace(/ё/g, "е");
  const spellings = /^[a-z]+$/.test(lower)
    ? cyrillicSpellings(lower)
    : /^\p{Script=Cyrillic}+$/u.test(lower)
    ? [lower]
    : [];
  const bodies = new Set<string>();
  for (const spelling of spellings) {
    if (ADJECTIVE.test(spelling)) {
      // «рыжая» → «рыженькая», «тихий» → «тихонький»; the adverb «тихонько» has no ending here.
      const stem = spelling.replace(ADJECTIVE, "");
      if (stem.length < 3) continue;
      for (const tail of ["еньк", "оньк"]) {
        bodies.add(`${literal(stem + tail)}(?:${ADJECTIVE_ENDINGS})`);
      }
      continue;
    }
    const stem = spelling.replace(/[аяоеыиуюйь]$/u, "");
    if (stem.length < 3) continue;
    // «белка» → «бел(очка)», «зайка» → «заи(нька)», «сова» → «сов(ушка)», «сов(ёнок)».
    const softened = stem.replace(/к$/u, "ч").replace(/г$/u, "ж").replace(/х$/u, "ш")
      .replace(/ц$/u, "ч");
    const stems = new Set([stem, softened, stem.replace(/к$/u, "")].filter((s) => s.length >= 3));
    for (const s of stems) {
      for (const suffix of PET_SUFFIXES) bodies.add(`${literal(s + suffix)}(?:${ENDINGS})?`);
      if (s.endsWith("й")) bodies.add(`${literal(`${s.slice(0, -1)}иньк`)}(?:${ENDINGS})`);
    }
  }
  if (bodies.size === 0) return null;
  const alternation = [...bodies].join("|");
  const forms = `(?:${alternation})`;
  // Inside a sentence, or first in one when the partner is called by it («Котик, прости»,
  // «Рыженькая моя, держись») — not «Котик мой умер» nor «Лисички и совы» at a sentence start.
  const inside = String.raw`(?<=[^\s.!?…«"„“(][\s«"„“(]+)(?=${forms}(?!${WORD_CHAR}))`;
  const called = String
    .raw`(?<=(?:^|[.!?…\n])[\s«"„“(]*)(?=${forms}\s*(?:мо[йяеи]\s*)?[,!?])`;
  const source = `(${alternation})`;
  return {
    regex: new RegExp(`(?:${inside}|${called})${source}(?!${WORD_CHAR})`, "giu"),
    words: [{ source, nominative: lower, obliqueNeedsCapital: false, needsCapital: true }],
  };
}
/**
 * The nickname a pseudonym adjective gives: «Тихая» → «Тихоня», «Злая» → «злюка», «Колючая» →
 * «колючка», «Потерянная» → «Потеряшка». Ordinary words too (a quiet one, a thorn), so only
 * with a capital, or where the partner is called by it: first in a sentence or after a comma,
 * a comma, «!», «?» or «моя» after it («ну хватит, злюка, перестань», «колючка моя, не
 * закрывайся»).
 */
function adjectiveNicknamePattern(word: string): KnownPattern | null {
  const lower = word.toLowerCase().replace(/ё/g, "е");
  if (!/^\p{Script=Cyrillic}+$/u.test(lower) || !ADJECTIVE.test(lower)) return null;
  const stem = lower.replace(ADJECTIVE, "");
  // A participle's stem without its «н»: «потерянн» → «потеря».
  const stems = new Set([stem, stem.replace(/н+$/u, "")].filter((s) => s.length >= 2));
  const bodies = new Set<string>();
  for (const s of stems) {
    for (const suffix of NICKNAME_SUFFIXES) {
      if (s.length + suffix.length < 5) continue;
      // The first letter in either case; the rest as typed (the regex is case-sensitive, so a
      // capital can be asked for).
      const first = s[0]!;
      bodies.add(`[${first.toUpperCase()}${first}]${literal(s.slice(1) + suffix)}(?:${ENDINGS})?`);
    }
  }
  if (bodies.size === 0) return null;
  const forms = [...bodies].join("|");
  const capital = String.raw`(?=\p{Lu})`;
  const called = String
    .raw`(?<=(?:^|[.!?…,\n])[\s«"„“(]*)(?=(?:${forms})\s*(?:мо[йяеи]\s*)?[,!?.…]|(?:${forms})$)`;
  return {
    regex: new RegExp(
      `(?<!${WORD_CHAR})(?:${capital}|${called})(?:${forms})(?!${WORD_CHAR})`,
      "gu",
    ),
    words: [],
  };
}
const NICKNAME_SUFFIXES = "оня уля юля юка ука ушк юшк ашк яшк шк ка".split(" ");
const PET_SUFFIXES = [
  ...DIMINUTIVE_SUFFIXES,
  ..."к ёнок онок енок ёныш еныш оныш ышк ишк ульк юльк".split(" "),
];

/**
 * A pseudonym of two or three words by its initials, in capitals: «Тихий Омут» → «ТО»,
 * «lonely_wolf» → «LW».
 */
function initialsPattern(words: string[]): KnownPattern | null {
  const letters = words.filter((word) => /^\p{L}/u.test(word)).map((word) => word[0]!);
  if (letters.length < 2 || letters.length > 3 || letters.length !== words.length) return null;
  const initials = letters.join("").toUpperCase();
  return {
    regex: new RegExp(`(?<![\\p{L}\\p{N}])${literal(initials)}(?![\\p{L}\\p{N}])`, "gu"),
    words: [],
  };
}

/**
 * A pseudonym's word misspelt, with a capital or where the partner is called by it: one the same
 * when read aloud — vowels reduced (о/а, е/и/ы), consonants devoiced, soft signs dropped —
 * as a form of the word («Ветир», «Ежык», «Рамашка», «маяг,» for «Ветер», «Ёжик», «Ромашка»,
 * «Маяк»). Four letters or more, and never a word the dictionary knows.
 */
function misspeltSpans(text: string, name: string, token: string): Span[] {
  const keys = misspeltKeys(name);
  if (keys.size === 0) return [];
  const spans: Span[] = [];
  for (const m of text.matchAll(/\p{Script=Cyrillic}{4,}/gu)) {
    // A misspelling is no word the dictionary knows («Волгу» is no «Волку», «Лиза» no «Лиса»).
    if (!keys.has(soundKey(m[0])) || nameReading(m[0]) !== "unknown") continue;
    if (!/^\p{Lu}/u.test(m[0]) && !addressed(text, m.index, m.index + m[0].length)) continue;
    spans.push(pseudonymSpan(m.index, m.index + m[0].length, token));
  }
  return spans;
}

/**
 * A word that begins as a pseudonym's word (or its Cyrillic spelling, or its Russian sense) and
 * stands where the partner is called by it, or where the writer names themself by it
 * (`selfNamed`): the nicknames partners make of a pseudonym («Одуван», «Соляш», «Котя»,
 * «Кофейка», «Черепаха» for «Одуванчик», «Солнышко», «Котик», «coffee_lover», «Черепашка»;
 * «veter» for «Veterok», «Солнце» for «Solnce»). The shared start is three letters or more and
 * half the shorter word — four and half the longer for a word the dictionary knows («Листья»
 * is no kin of «Лиса», «доброкачественная» none of «Добрый»). The word is no verb, adverb,
 * pronoun or other word a sentence opens with («Спасибо,», «Слушай,», «Всё,»), and stands first
 * in a sentence or after a greeting (`calledFirst`), as a call does.
 */
function kinSpans(text: string, name: string, token: string): Span[] {
  const roots = kinRoots(name);
  if (roots.length === 0) return [];
  const spans: Span[] = [];
  // The pseudonym's words (by index) a written word is kin to; `loose` for a word beside another
  // kin word, where an adjective of a noun counts on four letters («тигровой лилии» for
  // Tiger_Lily).
  const kinOf = (written: string, loose = false, family = true, alone = false): Set<number> => {
    const found = new Set<number>();
    const word = written.toLowerCase().replace(/ё/g, "е");
    const cyrillic = /^\p{Script=Cyrillic}+$/u.test(word);
    if (cyrillic && !nominal(word)) return found;
    // A word the dictionary knows shares four letters or more («Листья» is no kin of «Лиса»),
    // an adjective five with a noun («Небольшая» is not «небо»).
    const reading = cyrillic ? nameReading(word) : null;
    const known = reading === "word" || reading === "maybe";
    // (Not a three-letter word: «зая» is a pet form of «зайка».)
    const adjective = ANY_ADJECTIVE_FORM.test(word) && word.length >= 4;
    const spellings = /^[a-z]+$/.test(word)
      ? [word, ...cyrillicSpellings(word).map((spelling) => spelling.replace(/ё/g, "е"))]
      : [word];
    for (const spelling of spellings) {
      for (const { root, word: index, spelt, pairOnly } of roots) {
        // (Its pet form is a name alone: «совушка,» for nightowl_93.)
        if (alone && pairOnly && !isPetForm(written)) continue;
        // A Latin word's spelling has no soft signs: «пельмешек» for Pelmen («пелмен»).
        const shared = spelt
          ? sharedStart(spelling.replace(/[ьъ]/g, ""), root.replace(/[ьъ]/g, ""))
          : sharedStart(spelling, root);
        const nounRoot = !ANY_ADJECTIVE_FORM.test(root);
        const least = adjective && nounRoot && !loose ? 5 : known || adjective ? 4 : 3;
        // Half the longer word for a dictionary word («доброкачественная» is not «Добрый»).
        const half = known ? Math.max : Math.min;
        const startsAlike = shared >= least &&
          (shared * 2 >= half(spelling.length, root.length) || (loose && shared >= root.length));
        // One nickname by its suffixes: «вишня» for «Вишенка», «лиска» for «Лиса99».
        // (Not a Latin word's spelling, «судо» for sudo, nor the root itself in a case form.)
        const sameFamily = family && !spelt && !adjective && nounRoot &&
          !formOf(spelling, root) && sameNickname(spelling, root);
        if (startsAlike || sameFamily) {
          found.add(index);
        }
      }
    }
    return found;
  };
  const kin = (written: string) => kinOf(written, false, true, true).size > 0;
  // Kin, or the pseudonym's word itself in any case form («кот» for Кот_777).
  const kinOrOwn = (written: string, loose = false): Set<number> => {
    const found = kinOf(written, loose);
    for (const { root, word } of roots) if (formOf(written, root)) found.add(word);
    return found;
  };
  const words = [...text.matchAll(/\p{L}{2,}/gu)];
  const covered = (at: number) => spans.some((span) => span.start <= at && at < span.end);
  // Two words for two of the pseudonym's, in either order, a little word between or none, stand
  // for it wherever they are («кот тихий» for Тихий_кот, «ёжик из тумана», «волк одиночка» for
  // Lonely_Wolf).
  if (new Set(roots.map((root) => root.word)).size >= 2) {
    words.forEach((m, i) => {
      let j = i + 1;
      if (words[j] && LITTLE_WORD.test(words[j]![0])) j++;
      const next = words[j];
      if (!next || !/^[\s\p{L}]+$/u.test(text.slice(m.index + m[0].length, next.index))) return;
      const first = kinOrOwn(m[0], true);
      const second = kinOrOwn(next[0], true);
      const two = [...first].some((a) => [...second].some((b) => a !== b));
      if (!two) return;
      // The pseudonym's own words reordered are also plain speech («дождь тихий» for
      // silent_rain): those only where a name is called or given («ну я кот бродячий,»).
      const end = next.index + next[0].length;
      const derived = [m[0], next[0]].some((word) => !roots.some(({ root }) => formOf(word, root)));
      if (derived || pairNamed(text, m.index, end)) spans.push(pseudonymSpan(m.index, end, token));
    });
  }
  // A pseudonym with digits read aloud: «сова две тысячи три» for Сова2003, «кот три семёрки».
  if (/\d/.test(name)) {
    for (const m of words) {
      const end = m.index + m[0].length;
      const numberEnd = numberWordsEnd(text, end);
      if (numberEnd > end && kinOrOwn(m[0]).size > 0) {
        spans.push(pseudonymSpan(m.index, numberEnd, token));
      }
    }
  }
  // Where the message speaks of nicknames, a kin word is the pseudonym wherever it stands
  // («бегемотик хахах у тебя смешной ник»).
  const nicknameTalk = NICKNAME_TALK.test(text);
  // One word, or two where the partner is called by both («синяя птица, ты как?» for blue_bird).
  words.forEach((m, i) => {
    if (covered(m.index)) return;
    const end = m.index + m[0].length;
    const next = words[i + 1];
    if (next && /^\s+$/u.test(text.slice(end, next.index))) {
      const pairEnd = next.index + next[0].length;
      // (Not «Рыженькая моя,»: «моя» is no part of the name; nor «Лис ббб» ending a message.)
      const pair = [m[0], next[0]];
      if (
        !GREETING_PAIR.test(m[0]) && !GREETING_PAIR.test(next[0]) &&
        calledFirst(text, m.index, pairEnd) && PAIR_CALLED.test(text.slice(pairEnd)) &&
        pair.some((word) => kinOf(word, false, false).size > 0) && !POSSESSIVE.test(next[0]) &&
        pair.every((word) => !/^\p{Script=Cyrillic}+$/u.test(word) || nominal(word))
      ) {
        spans.push(pseudonymSpan(m.index, pairEnd, token));
        return;
      }
    }
    // An adjective alone in lower case is said of someone: «серая, ты права» (for «Серая Сова»)
    // — unless the writer names themself by it («рыжий снова на связи»).
    const plainAdjective = ADJECTIVE.test(m[0]) && m[0].length >= 4 && !/^\p{Lu}/u.test(m[0]);
    // «я ёжик и в жизни колючий»: the writer's own pseudonym noun after «я», when it is a pet
    // form (not «я сова, ложусь поздно», said of oneself by anyone).
    const self = selfNamed(text, m.index, end) ||
      (SELF_BEFORE.test(text.slice(Math.max(0, m.index - 8), m.index)) && !plainAdjective &&
        !ANY_ADJECTIVE_FORM.test(m[0].toLowerCase()) && isPetForm(m[0]) &&
        roots.some(({ root, spelt }) => !spelt && formOf(m[0], root)));
    // (A pet form is called after a comma too: «мне легче, пушистик 💛».)
    const where = self || calledFirst(text, m.index, end) ||
      (nicknameTalk && m[0].length >= 4) || (isPetForm(m[0]) && addressed(text, m.index, end));
    if (where && kin(m[0])) {
      // (Not «Добрый!», a greeting.)
      // (Called after a greeting it is the name: «слушай рыжий, а ты…».)
      const greeted = GREETING_BEFORE.test(text.slice(Math.max(0, m.index - 24), m.index));
      if ((plainAdjective && !self && !greeted) || GREETING_PAIR.test(m[0])) return;
      spans.push(pseudonymSpan(m.index, end, token));
    }
  });
  return spans;
}

/** Whether `word` is a case form of `root` (lower case, «е» for «ё»). */
function formOf(word: string, root: string): boolean {
  const lower = word.toLowerCase().replace(/ё/g, "е");
  if (lower === root) return true;
  // An adjective in any gender («голубое» for «голубой»; the dictionary gives one gender).
  if (ANY_ADJECTIVE_FORM.test(root) && ANY_ADJECTIVE_FORM.test(lower)) {
    return lower.replace(ANY_ADJECTIVE_FORM, "") === root.replace(ANY_ADJECTIVE_FORM, "");
  }
  const forms = dictionaryForms(root);
  return forms ? forms.some((form) => form.replace(/ё/g, "е") === lower) : false;
}

/** Two words where the partner is called by them or the writer names themself by them. */
function pairNamed(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 24), start);
  return (CALL_START.test(before) || /,\s*$/u.test(before) || PAIR_SELF_BEFORE.test(before)) &&
    (CALL_AFTER.test(text.slice(end, end + 16)) || YOU_AFTER.test(text.slice(end, end + 16)));
}
const PAIR_SELF_BEFORE = /(?:^|[^\p{L}])(?:я|это)\s+(?:же\s+|тут\s+|как\s+|тот\s+ещ[её]\s+)?$/iu;

const SELF_BEFORE = /(?:^|[^\p{L}])я\s+$/iu;
const GREETING_BEFORE =
  /(?<!\p{L})(?:слушай|привет|эй|здравствуй|спасибо|спокойной ночи|доброе утро|добрый вечер)\s*,?\s*$/iu;

/**
 * Little words inside a pseudonym read aloud («ёжик из тумана», «кот в сапогах»), or inside a
 * call by it («небо моё голубое», «туча ты моя»).
 */
const LITTLE_WORD = /^(?:в|во|из|с|со|на|у|под|над|и|мой|моя|моё|мое|мои|ты)$/iu;
/** A message about nicknames: «смешной ник», «по нику поняла», «твой псевдоним». */
const NICKNAME_TALK =
  /(?<!\p{L})(?:ник(?:а|у|ом|е|и|нейм\p{L}*)?|псевдоним\p{L}*|погонял\p{L}*)(?!\p{L})/iu;

/** «Спокойной ночи,», «Вечер добрый!», «Добрый!»: a greeting, not a nickname. */
const GREETING_PAIR =
  /^(?:спокойной|доброй|добрый|доброе|доброго|добрых|хорошего|хорошей|хороших|приятного|приятной|приятных|сладких|всем|вечер|день|утро|утречко|ночи)$/iu;
/** Any case form of an adjective, roughly (the endings of `ADJECTIVE_ENDINGS` and soft ones). */
const ANY_ADJECTIVE_FORM =
  /(?:ая|яя|ой|ую|юю|ий|ый|ое|ее|ого|его|ому|ему|ым|им|ом|ие|ые|их|ых|ими|ыми)$/u;
const PAIR_CALLED = /^\s*(?:[,!?]|ты(?!\p{L}))/u;
const POSSESSIVE = /^(?:мо|тво)[йяеёи]$/iu;

/**
 * Where a writer names themself by their pseudonym: «это ёжик пишет», «дарк — это я»,
 * «ромашечка — так меня мама называла», «Я sunny» (a Latin word after «я»).
 */
function selfNamed(text: string, start: number, end: number): boolean {
  if (SELF_NAMED_AFTER.test(text.slice(end, end + 24))) return true;
  // (Not a Cyrillic word after «я»: a verb in slang or misspelt, «я волонтерю», «я бариста».)
  const latin = /^[a-z]+$/iu.test(text.slice(start, end));
  return latin && /(?:^|[^\p{L}])я\s+(?:тут\s+|же\s+|вот\s+)?$/iu.test(text.slice(0, start));
}
const SELF_NAMED_AFTER =
  /^(?:\s*[—–-]\s*(?:это\s+(?:я|мой\s+ник)|так\s+меня|мой\s+ник)|\s+(?:пишет|на\s+связи))(?!\p{L})/iu;

/** How many letters two words share at their start (й read as и). */
function sharedStart(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && foldShort(a[n]!) === foldShort(b[n]!)) n++;
  return n;
}
const foldShort = (letter: string) => (letter === "й" ? "и" : letter);

/** A word the dictionary does not know, or knows as a name, noun, adjective or participle. */
function nominal(word: string): boolean {
  const info = nameInfo(word);
  return info === null || info.reading !== "word" || info.nominal;
}

const kinRootCache = new Map<string, KinRoot[]>();
/** A start a nickname may grow from, and which of the pseudonym's words it comes from. */
interface KinRoot {
  root: string;
  word: number;
  /** A Latin word's Cyrillic spelling, not a word of the language («судо» for sudo). */
  spelt: boolean;
  /** A translation of half a Latin compound: counts beside the other half only («лунный свет»). */
  pairOnly?: boolean;
}
/** A pseudonym's words as they may begin a nickname: as written, spelt in Cyrillic, translated. */
function kinRoots(name: string): KinRoot[] {
  let roots = kinRootCache.get(name);
  if (roots) return roots;
  const found = new Map<string, { word: number; spelt: boolean; pairOnly?: boolean }>();
  splitName(normalizeText(name).text).forEach((word, index) => {
    const lower = word.toLowerCase().replace(/ё/g, "е").replace(/\d+/g, "");
    // (A short Latin title counts by its sense: «dr» is «доктор».)
    if (KIN_NOT_ROOT.has(lower)) return;
    if (lower.length < 3 && nicknameTranslations(lower).length === 0) return;
    // Nicknames grow from nouns and adjectives («всё_будет_хорошо» gives none).
    if (/^\p{Script=Cyrillic}+$/u.test(lower) && !nominal(lower)) return;
    found.set(lower, { word: index, spelt: false });
    if (/^[a-z]+$/.test(lower)) {
      for (const spelling of cyrillicSpellings(lower)) {
        const root = spelling.replace(/ё/g, "е");
        if (!found.has(root)) found.set(root, { word: index, spelt: true });
      }
      for (const translation of nicknameTranslations(lower)) {
        found.set(translation, { word: index, spelt: false });
      }
      // «moonlight»: each part counts as a word of its own («лунный свет», «owl,»).
      nicknameParts(lower).forEach((part, k) => {
        const at = index + (k + 1) / 10;
        if (!found.has(part)) found.set(part, { word: at, spelt: false });
        for (const translation of nicknameTranslations(part)) {
          if (!found.has(translation)) {
            found.set(translation, { word: at, spelt: false, pairOnly: true });
          }
        }
      });
    }
  });
  roots = [...found].map(([root, { word, spelt, pairOnly }]) => ({ root, word, spelt, pairOnly }));
  if (kinRootCache.size >= 1000) kinRootCache.clear();
  kinRootCache.set(name, roots);
  return roots;
}
/** Little words in pseudonyms that no nickname grows from («без_имени», «Чудо_в_перьях»). */
const KIN_NOT_ROOT = new Set(
  "без под над для при про из от до на по за the and from with".split(" "),
);

/**
 * Whether the word at `start`–`end` stands where a name is called, not where a word is said:
 * first in a sentence or after a greeting («слушай», «привет», «спасибо»), with a comma, «!»,
 * «?», a full stop, an emoji or the end after it; or after a comma with «!», «?», an emoji or
 * the end after it (not a list: «работа, дом, дети»). «Мой/моя» may stand between («бабочка
 * моя 🦋»).
 */
function addressed(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 24), start);
  const after = text.slice(end, end + 16);
  if (CALL_START.test(before)) return CALL_AFTER.test(after);
  return /,\s*$/u.test(before) && !ASIDE_BEFORE.test(before) && CALL_AFTER_COMMA.test(after);
}
/** A comma after a question word or an aside: «где, дома?», «может, собаку?». */
const ASIDE_BEFORE =
  /(?<!\p{L})(?:может|где|куда|когда|как|что|наверное|кстати|короче|видимо|конечно|например|или|типа|значит)\s*,\s*$/iu;
const CALL_START =
  /(?:^|[.!?…\n(]|(?<!\p{L})(?:привет|слушай|эй|ну(?:\s+что|\s+как)?|ой|спасибо|здравствуй|доброе утро|добрый вечер|спокойной ночи|дорог(?:ой|ая)|мил(?:ый|ая)|брат|братан|братишка|бро|сестр[её]нка|подруга|дружище)\s*,?)\s*$/iu;
const CALL_AFTER =
  /^\s*(?:мо[йяеёи](?!\p{L}))?\s*(?:[,!?.…)\n]|$|\p{Extended_Pictographic}|а\s+ты(?!\p{L})|(?:жаным|джан|жан|jan|джаным|канка|родн(?:ая|ой)|дорог(?:ая|ой))(?!\p{L}))/u;
/**
 * `addressed`, first in a sentence or after a greeting only, and also with «ты» after it
 * («Совушка ты как?», «волчонок ты мой»).
 */
function calledFirst(text: string, start: number, end: number): boolean {
  const after = text.slice(end, end + 16);
  // (Not a word a relative clause follows: «Рыбу, которую муж наловил».)
  return CALL_START.test(text.slice(Math.max(0, start - 24), start)) &&
    (CALL_AFTER.test(after) || YOU_AFTER.test(after)) && !/^\s*,\s*котор/u.test(after);
}
const YOU_AFTER = /^\s+ты(?!\p{L})/u;
const CALL_AFTER_COMMA = /^\s*(?:мо[йяеёи](?!\p{L}))?\s*(?:[!?)\n]|$|\p{Extended_Pictographic})/u;

function pseudonymSpan(start: number, end: number, token: string): Span {
  return { kind: "pseudonym", start, end, replacement: token };
}

/**
 * A Latin pseudonym's English words written in Cyrillic as they sound («night_owl» → «найт оул»,
 * «sunshine» → «саншайн», «blue_bird» → «блюберд», «Бёрд», «dark_angel» → «энджел»): the whole
 * phrase of two words or more anywhere; one word, if the dictionary does not know it as a word,
 * with a capital, where the partner is called by it, or — five letters or more — anywhere.
 */
function byEarSpans(text: string, name: string, token: string): Span[] {
  const { whole, one, short } = byEarPatterns(name);
  const spans: Span[] = [];
  // Two words or more in a row are the pseudonym wherever they stand («найт оул»).
  for (const m of whole ? text.matchAll(whole) : []) {
    spans.push(pseudonymSpan(m.index, m.index + m[0].length, token));
  }
  if (!one && !short) return spans;
  for (const m of text.matchAll(/\p{Script=Cyrillic}{3,}/gu)) {
    const word = m[0].replace(/ё/g, "е");
    const end = m.index + m[0].length;
    const called = addressed(text, m.index, end);
    // A short word by ear only where the partner is called by it («Скай, привет» for blue_sky).
    if (short?.test(word) && called) {
      spans.push(pseudonymSpan(m.index, end, token));
      continue;
    }
    if (!one?.test(word)) continue;
    // A word the dictionary knows only where the partner is called by it («Бёрд, ты…»: берд).
    if (nameReading(m[0]) !== "unknown" && !called) continue;
    const strong = /^\p{Lu}/u.test(m[0]) || called;
    if (!strong && m[0].length < 5) continue;
    spans.push(pseudonymSpan(m.index, end, token));
  }
  return spans;
}

interface ByEar {
  whole: RegExp | null;
  one: RegExp | null;
  short: RegExp | null;
}
const byEarCache = new Map<string, ByEar>();
function byEarPatterns(name: string): ByEar {
  let patterns = byEarCache.get(name);
  if (patterns) return patterns;
  const words = splitName(normalizeText(name).text).filter((word) => /^[a-z]{3,}$/i.test(word));
  const sources = words.map(byEarSource);
  patterns = {
    whole: words.length > 1
      ? new RegExp(
        `(?<!\\p{L})${sources.join(String.raw`[\s_-]*`)}(?:${ENDINGS})?(?!\\p{L})`,
        "giu",
      )
      : null,
    // Alone, a word of four letters or more: a short one read by ear is too loose («cat» → «Кейт»).
    one: words.some((word) => word.length >= 4)
      ? new RegExp(
        `^(?:${sources.filter((_, i) => words[i]!.length >= 4).join("|")})(?:${ENDINGS})?$`,
        "iu",
      )
      : null,
    short: words.some((word) => word.length === 3)
      ? new RegExp(
        `^(?:${sources.filter((_, i) => words[i]!.length === 3).join("|")})(?:${ENDINGS})?$`,
        "iu",
      )
      : null,
  };
  if (byEarCache.size >= 1000) byEarCache.clear();
  byEarCache.set(name, patterns);
  return patterns;
}

/** A regex source for how an English word may be written in Cyrillic by ear (lower case, е for ё). */
function byEarSource(word: string): string {
  const latin = word.toLowerCase();
  let source = "";
  for (let i = 0; i < latin.length;) {
    const rest = latin.slice(i);
    const chunk = BY_EAR_CHUNKS.find(([letters]) => rest.startsWith(letters)) ??
      [rest[0]!, BY_EAR_LETTERS[rest[0]!] ?? [rest[0]!]] as const;
    const [letters, sounds] = chunk;
    // A silent final «e» («shine», «flake»).
    const last = i + letters.length === latin.length;
    const options = letters === "e" && last ? [...sounds, ""] : sounds;
    source += `(?:${options.join("|")})`;
    i += letters.length;
  }
  return source;
}
const BY_EAR_CHUNKS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ["tion", ["шн", "шен"]],
  ["igh", ["ай"]],
  ["sh", ["ш"]],
  ["ch", ["ч", "ш", "к"]],
  ["th", ["т", "с", "з"]],
  ["ph", ["ф"]],
  ["gh", ["г", ""]],
  ["ck", ["к"]],
  ["qu", ["кв"]],
  ["wh", ["в", "у"]],
  ["wa", ["во", "ва", "уо"]],
  ["kn", ["н"]],
  ["oo", ["у"]],
  ["ee", ["и"]],
  ["ea", ["и", "е"]],
  ["ou", ["ау", "у"]],
  ["ow", ["оу", "ау", "о"]],
  ["ue", ["ю", "у"]],
  ["ew", ["ю"]],
  ["ay", ["ей", "эй"]],
  ["ai", ["ей", "эй"]],
  ["ey", ["ей", "и"]],
  ["oa", ["оу", "о"]],
  ["ie", ["и", "ай"]],
  ["ire", ["аер", "айер", "айр"]],
  ["ir", ["ер", "ёр", "ир"]],
  ["er", ["ер", "ёр", "эр", "а"]],
  ["ur", ["ер", "ёр", "ур"]],
  ["ll", ["лл", "л"]],
  ["tt", ["тт", "т"]],
  ["ss", ["сс", "с"]],
  ["nn", ["нн", "н"]],
  ["mm", ["мм", "м"]],
];
const BY_EAR_LETTERS: Readonly<Record<string, readonly string[]>> = {
  a: ["а", "э", "е", "ей", "эй"],
  b: ["б"],
  c: ["к", "с"],
  d: ["д"],
  e: ["е", "э", "и"],
  f: ["ф"],
  g: ["г", "дж"],
  h: ["х", ""],
  i: ["и", "ай"],
  j: ["дж"],
  k: ["к"],
  l: ["л"],
  m: ["м"],
  n: ["н"],
  o: ["о", "оу", "а", "у"],
  p: ["п"],
  q: ["к"],
  r: ["р"],
  s: ["с", "з"],
  t: ["т"],
  u: ["а", "у", "ю"],
  v: ["в"],
  w: ["в", "у"],
  x: ["кс"],
  y: ["и", "ай", "й"],
  z: ["з"],
};

const misspeltKeyCache = new Map<string, Set<string>>();
function misspeltKeys(name: string): Set<string> {
  let keys = misspeltKeyCache.get(name);
  if (keys) return keys;
  keys = new Set<string>();
  for (const word of splitName(normalizeText(name).text)) {
    const lower = word.toLowerCase().replace(/ё/g, "е");
    if (!/^\p{Script=Cyrillic}{4,}$/u.test(lower) || ADJECTIVE.test(lower)) continue;
    const forms = new Set([lower, ...(dictionaryForms(lower) ?? []), ...caseForms(lower)]);
    for (const form of forms) keys.add(soundKey(form));
    // A letter dropped from a long word: «Пинвин» for «Пингвин».
    if (lower.length >= 6) {
      for (let k = 1; k < lower.length - 1; k++) {
        for (const form of caseForms(lower.slice(0, k) + lower.slice(k + 1))) {
          keys.add(soundKey(form));
        }
      }
    }
    // Two neighbouring letters swapped in a longer word: «Фениск» for «Феникс».
    if (lower.length >= 5) {
      for (let k = 1; k + 1 < lower.length; k++) {
        const swapped = lower.slice(0, k) + lower[k + 1] + lower[k] + lower.slice(k + 2);
        for (const form of caseForms(swapped)) keys.add(soundKey(form));
      }
    }
  }
  if (misspeltKeyCache.size >= 1000) misspeltKeyCache.clear();
  misspeltKeyCache.set(name, keys);
  return keys;
}

/** A word as it sounds, roughly: о→а, е/ё/и/ы/э→и, я→а, ю→у, voiced consonants devoiced, ь/ъ dropped. */
function soundKey(word: string): string {
  return word.toLowerCase().replace(/[ьъ]/g, "").replace(/[оя]/g, "а").replace(/[еёиыэ]/g, "и")
    .replace(/ю/g, "у").replace(/б/g, "п").replace(/в/g, "ф").replace(/г/g, "к")
    .replace(/д/g, "т").replace(/ж/g, "ш").replace(/з/g, "с");
}
const ADJECTIVE_ENDINGS = "ая|ой|ую|ий|ый|ого|ому|ым|ом|ие|ые|их|ых|ими|ыми";

/** The stem with a fleeting vowel dropped: ветер → ветр(а), огонёк → огоньк(а), орёл → орл(а). */
function fleetingStem(word: string): string | null {
  if (/[лнь][её]к$/u.test(word)) return `${word.slice(0, -2)}ьк`;
  if (/[бвгджзклмнпрстфхцчшщ][оеё]к$/u.test(word)) return `${word.slice(0, -2)}к`;
  if (/[бвгджзклмнпрстфхцчшщ][еёо][рлц]$/u.test(word) && word.length >= 4) {
    return word.slice(0, -2) + word.slice(-1);
  }
  return null;
}

/**
 * The name exactly as written, case-insensitive, any spacing between its words, е and ё alike
 * (for names with symbols or digits, which the word patterns split away).
 */
function literalNamePattern(name: string): RegExp | null {
  const words = name.split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  const body = words.map((word) => literal(word.toLowerCase())).join(String.raw`\s+`);
  const before = new RegExp(`^${WORD_CHAR}`, "u").test(words[0]!) ? `(?<!${WORD_CHAR})` : "";
  const after = new RegExp(`${WORD_CHAR}$`, "u").test(words.at(-1)!) ? `(?!${WORD_CHAR})` : "";
  return new RegExp(before + body + after, "giu");
}

/** A regex source that matches `text` literally, with е and ё alike. */
function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\\/]/g, "\\$&").replace(/[её]/g, "[её]");
}

// ---------------------------------------------------------------------------------------------
// Everything but pseudonyms.

function personalDataSpans(normal: string): Span[] {
  const view = viewOf(normal);
  const inView = [
    ...cardSpans(view.text),
    ...passportSpans(view.text),
    ...snilsSpans(view.text),
    ...innSpans(view.text),
    ...numberSpans(view.text),
    ...phonePrefixSpans(view.text),
    ...birthdateSpans(view.text),
    ...oldDateSpans(view.text),
    ...carPlateSpans(view.text),
    ...organizationSpans(view.text).map((found) => span(found.kind, found.start, found.end)),
    ...workplacePhraseSpans(view.text),
    ...addressSpans(view.text),
    ...nameSpans(view.text),
  ];
  const at = view.offsets;
  const mapped = at === null
    ? inView
    : inView.map((span) => ({ ...span, start: at[span.start]!, end: at[span.end]! }));
  const spelled = spelledContactSpans(normal).map((found) =>
    span(found.kind, found.start, found.end)
  );
  return [...contactSpans(normal), ...spelled, ...mapped];
}

/**
 * The text the number, address and name rules read: superscript and other look-alike digits as
 * ASCII digits, combining marks out (a stress mark in "Мари́на" or a strikethrough over a digit
 * hides nothing). `offsets[k]` is the normalised text's offset of view position k; null when
 * the view has the same length.
 */
interface View {
  text: string;
  offsets: Int32Array | null;
}

const HAS_MARK = /\p{M}/u;
const NON_MARKS = /\P{M}+/gu;

function viewOf(normal: string): View {
  const folded = foldLookalikes(normal);
  let text = normal;
  if (folded !== normal) {
    // Only digits and blanks are taken from the folded text: its Latin letters would hide the
    // Russian words ("паспорт", "ул.") the rules look for.
    text = "";
    for (let k = 0; k < normal.length; k++) {
      const f = folded[k]!;
      text += (f >= "0" && f <= "9") || f === " " ? f : normal[k];
    }
  }
  if (!HAS_MARK.test(text)) return { text, offsets: null };
  const offsets = new Int32Array(text.length + 1);
  let plain = "";
  for (const m of text.matchAll(NON_MARKS)) {
    for (let k = 0; k < m[0].length; k++) offsets[plain.length + k] = m.index + k;
    plain += m[0];
  }
  offsets[plain.length] = text.length;
  return { text: plain, offsets: offsets.subarray(0, plain.length + 1) };
}

function span(kind: Exclude<AnonymizedKind, "pseudonym">, start: number, end: number): Span {
  return { kind, start, end, replacement: placeholders[kind] };
}

// ---------------------------------------------------------------------------------------------
// Phones, e-mails, links, usernames: shared/safety/pii.ts.

// maskPii says which kinds it hid, not where. Given one entity per character, it moves the
// entities of masked characters onto their mask: reading where each entity landed tells which
// characters went into which mask. The mask is made of private-use characters so it cannot be
// mistaken for text.
const CONTACT_MASK = "\ue000контакт\ue000";

function contactSpans(normal: string): Span[] {
  const perCharacter: MessageEntity[] = [];
  for (let k = 0; k < normal.length; k++) {
    perCharacter.push({ type: "pre", offset: k, length: 1, language: String(k) });
  }
  const masked = maskPii(normal, CONTACT_MASK, perCharacter);
  if (masked.found.length === 0) return [];
  const byMask = new Map<number, { start: number; end: number }>();
  for (const entity of masked.entities ?? []) {
    if (entity.type !== "pre" || entity.length !== CONTACT_MASK.length) continue;
    if (masked.text.slice(entity.offset, entity.offset + entity.length) !== CONTACT_MASK) continue;
    const k = Number(entity.language);
    const range = byMask.get(entity.offset);
    if (range === undefined) byMask.set(entity.offset, { start: k, end: k + 1 });
    else {
      range.start = Math.min(range.start, k);
      range.end = Math.max(range.end, k + 1);
    }
  }
  const ranges = [...byMask.values()].sort((a, b) => a.start - b.start);
  if (!sameMasking(normal, ranges, masked.text)) {
    // Never expected (the text is already normalised): hide it all rather than guess.
    return [span(contactKind(masked.found[0]!), 0, normal.length)];
  }
  const spans: Span[] = [];
  for (const { start, end } of ranges) {
    const found = normal.slice(start, end);
    const kind = contactKind(detectPii(found)[0] ?? masked.found[0]!);
    if (kind === "phone" && isPlainNumber(found)) continue;
    spans.push(span(kind, start, end));
  }
  return spans;
}

function sameMasking(
  normal: string,
  ranges: Array<{ start: number; end: number }>,
  masked: string,
): boolean {
  let rebuilt = "";
  let from = 0;
  for (const { start, end } of ranges) {
    rebuilt += normal.slice(from, start) + CONTACT_MASK;
    from = end;
  }
  return rebuilt + normal.slice(from) === masked;
}

function contactKind(kind: PiiKind): Exclude<AnonymizedKind, "pseudonym"> {
  return kind === "full_name" ? "name" : kind;
}

/**
 * pii.ts reads any ten digits as a phone. Solid ten digits starting with 1, 2, 5 or 6 are no
 * Russian number without its 8/+7 (codes start with 3, 4, 8 or 9), no Kazakh one (7) and no
 * Ukrainian one (0): an order number or "1234567890". An INN among them is still found by its
 * checksum.
 */
function isPlainNumber(found: string): boolean {
  return /^[1256]\d{9}$/.test(found);
}

// ---------------------------------------------------------------------------------------------
// Long numbers: shared/llm/numbers.ts finds them, named here by what they pass for.

function numberSpans(text: string): Span[] {
  return [...longDigitRuns(text), ...spelledDigitRuns(text)].map((run) =>
    span(numberKind(run, text), run.start, run.end)
  );
}

function numberKind(run: NumberRun, text: string): Exclude<AnonymizedKind, "pseudonym"> {
  const digits = run.digits;
  if (/^#+$/.test(digits)) return "phone"; // dictated in words
  if (digits.length >= 13 && digits.length <= 19 && luhnValid(digits)) return "card";
  if (digits.length === 11 && Number(digits.slice(0, 9)) > 1001998 && snilsValid(digits)) {
    return "snils";
  }
  if ((digits.length === 10 || digits.length === 12) && innValid(digits)) return "inn";
  const raw = text.slice(run.start, run.end).trim();
  const phoneLike = raw.startsWith("+") ||
    (digits.length === 11 && /^[78]/.test(digits)) ||
    (digits.length === 10 && /^9/.test(digits)) ||
    (digits.length === 7 && /^\d{3}[\s-]\d{2}[\s-]\d{2}$/.test(raw));
  return phoneLike ? "phone" : "number";
}

// ---------------------------------------------------------------------------------------------
// Bank cards: 13-19 digits, solid or in groups split by one space or dash, Luhn-valid.

function cardSpans(text: string): Span[] {
  const spans = cardsIn(text).map((card) => span("card", card.start, card.end));
  // A card's last four digits: «*7742», «•• 1234», «карта на 5531».
  for (const m of text.matchAll(CARD_TAIL)) {
    spans.push(span("card", m.index, m.index + m[0].length));
  }
  for (const m of text.matchAll(CARD_ENDING_WITH)) {
    const end = m.index + m[0].length;
    spans.push(span("card", end - m[1]!.length, end));
  }
  return spans;
}
const CARD_TAIL = /(?<![\p{L}\d*•])(?:\*{1,4}|•{1,4}|[хx]{2,4})\s?\d{4}(?!\d)/giu;
const CARD_ENDING_WITH =
  /(?<!\p{L})карт\p{L}*[^.!?\n\d]{0,24}?(?:(?:за|о)канчива\p{L}*\s+на|последние\s+(?:цифры|4|четыре)|с\s+номером|№)\s*:?\s*(\d{4})(?![\d.,:])/giu;

// ---------------------------------------------------------------------------------------------
// A phone given in pieces: its code alone («запиши 8 905 … а дальше …»), where phones are talked
// of — the rest is a run of digits the number rules take.

const PHONE_PREFIX = /(?<![\d+])(?:\+\s?7|8)[\s-]*\(?[79]\d{2}\)?(?![\d])/g;
const PHONE_TALK =
  /(?<!\p{L})(?:номер\p{L}*|тел(?:ефон\p{L}*|\.)?|звон\p{L}*|позвон\p{L}*|набер\p{L}*|набир\p{L}*|запиш\p{L}*|вотсап\p{L}*|ватсап\p{L}*|вацап\p{L}*|whatsapp|вайбер\p{L}*|viber|мобил\p{L}*|сотов\p{L}*|симк\p{L}*|цифр\p{L}*)(?!\p{L})/iu;

// The rest of a phone elsewhere in the message: «371 44 09».
const PHONE_REST = /(?<![\d.,])\d{3}[\s-]?\d{2}[\s-]?\d{2}(?![\d.,])/;
// A price, not a code: «8 900 руб», «заплатила 8 900».
const PRICE_AFTER = /^\s*(?:р(?!\p{L})|руб|₽|тыс|т\.р|тг|тенге|сом|грн|\$|€|евро|бакс|за\s)/iu;
const PRICE_BEFORE = /(?<!\p{L})(?:стои\p{L}*|заплатил\p{L}*|отдал\p{L}*|цена|за)\s*$/iu;

function phonePrefixSpans(text: string): Span[] {
  if (!PHONE_TALK.test(text) && !PHONE_REST.test(text)) return [];
  return [...text.matchAll(PHONE_PREFIX)].filter((m) =>
    !PRICE_AFTER.test(text.slice(m.index + m[0].length, m.index + m[0].length + 8)) &&
    !PRICE_BEFORE.test(text.slice(Math.max(0, m.index - 16), m.index))
  ).map((m) => span("phone", m.index, m.index + m[0].length));
}

// ---------------------------------------------------------------------------------------------
// Passports: series (4 digits, often 2 + 2) and number (6 digits).

const PASSPORT_NUMBER = /(?<![\d+])\d{2} ?\d{2} ?(?:№ ?)?\d{6}(?!\d)/g;
// "Паспорт", "серия" a little before the number say what it is; "номер" alone is said of
// phones too, so it counts only for the passport's own grouping ("4506 123456").
const PASSPORT_CONTEXT = /паспорт|пасп\.|сери[яиюей]/iu;
const NUMBER_BEFORE = /номер\s*:?\s*$/iu;
// "серия 4506 номер 123456", "серия 45 06, № 123456".
const PASSPORT_SERIES_AND_NUMBER =
  /сери[яиюей]\s*:?\s*(\d{2} ?\d{2})\s*,?\s*(?:и\s+)?(?:номер|№|ном\.|н\.)\s*:?\s*\d{6}(?!\d)/giu;

const PASSPORT_SERIES =
  /сери[яиюей]\s*(?:паспорта\s*)?[:№]?\s*(\d{2} ?\d{2})(?!\d|[.,:]\d|\s*г(?:од|г|\.|\s))/giu;

function passportSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(PASSPORT_NUMBER)) {
    const before = text.slice(Math.max(0, m.index - 40), m.index);
    const grouped = /^\d{2} ?\d{2} (?:№ ?)?\d{6}$/.test(m[0]);
    if (PASSPORT_CONTEXT.test(before) || (grouped && NUMBER_BEFORE.test(before))) {
      spans.push(span("passport", m.index, m.index + m[0].length));
    }
  }
  for (const m of text.matchAll(PASSPORT_SERIES_AND_NUMBER)) {
    const start = m.index + m[0].indexOf(m[1]!);
    spans.push(span("passport", start, m.index + m[0].length));
  }
  // The series alone, its number given apart: «серия паспорта 4506, а номер …».
  for (const m of text.matchAll(PASSPORT_SERIES)) {
    const start = m.index + m[0].length - m[1]!.length;
    spans.push(span("passport", start, m.index + m[0].length));
  }
  return spans;
}

// ---------------------------------------------------------------------------------------------
// SNILS: 11 digits, "112-233-445 95" or solid.

const SNILS = /(?<![\d+])\d{3}[ -]?\d{3}[ -]?\d{3}[ -]{0,2}\d{2}(?!\d)/g;
const SNILS_BEFORE = /снилс\p{L}*\s*[:№-]?\s*$/iu;

function snilsSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(SNILS)) {
    const digits = m[0].replace(/\D/g, "");
    // Without the word, only a checksum that was really checked counts: the early numbers pass
    // with anything.
    const checked = Number(digits.slice(0, 9)) > 1001998 && snilsValid(digits);
    const named = SNILS_BEFORE.test(text.slice(Math.max(0, m.index - 20), m.index));
    if (checked || named) spans.push(span("snils", m.index, m.index + m[0].length));
  }
  return spans;
}

// ---------------------------------------------------------------------------------------------
// Birthdates: a date is no personal number ("сдаю 12.03"), but a date of birth identifies someone
// with a name or a city beside it: "родилась 14.05.2003", "д.р. 3 марта 1998", "мой ДР
// 12/07/01", "дата рождения: 01.01.1990" — and, beside a birth word, without its year too ("у
// меня днюха 30 декабря", "др 11.11": the strictest policy for what leaves for a model).

const MONTH_NAMES = String
  .raw`(?:январ|феврал|март|апрел|ма[йяю]|июн|июл|август|сент[яе]бр|октябр|ноябр|декабр|січн|лют(?:ого|ага)|березн|квітн|травн|червн|липн|серпн|вересн|жовтн|листопад|грудн|студзен|сакавік|красавік|чэрвен|ліпен|жнів|жнiв|верасн|кастрычнік|лістапад|снежн|қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|қараша|желтоқсан)\p{L}*`;
// "14.05.2003", "12/07/01", "19.IV.85", "3 марта 1998", "14-го мая 2003 г.".
const ROMAN_MONTH = "(?:XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)";
const FULL_DATE =
  String.raw`(?<![\d.\/-])\d{1,2}(?:[.\/-](?:\d{1,2}|${ROMAN_MONTH})[.\/-](?:\d{4}|\d{2})` +
  String
    .raw`|(?:-?(?:го|е))?\s+${MONTH_NAMES}(?:\s+|,\s*)(?:\d{4}|\d{2}(?!\d)))(?:\s*(?:г\.|года?))?(?!\d)`;
const BIRTH_WORD = String
  .raw`(?<!\p{L})(?:родил\p{L}*|рожд[её]н\p{L}*|рождени\p{L}*|д\.\s?р\.?|др|г\.\s?р\.?|днюх\p{L}*|днюшк\p{L}*|бёзде\p{L}*|безде\p{L}*|исполнил\p{L}*|исполнит\p{L}*|исполня\p{L}*|стукнет|по\s+гороскопу|знак\s+зодиака|туған\s+күн\p{L}*|туган\s+кун\p{L}*|туғилган\s+кун\p{L}*|tug'?ilgan\s+kun\p{L}*|туулган\s+күн\p{L}*|нараджэнн\p{L}*|народженн\p{L}*|туган\s+көн\p{L}*)(?!\p{L})`;
// The word before the date ("родилась 14.05.2003", "мой ДР: 12/07/01", "день рождения у меня
// 3 марта 1998") or just after it ("14.05.2003 — мой день рождения", "1.1.90 г.р.").
// A day and a month without a year: "30 декабря", "1-го сентября", "23.11" (not "23.11.2024").
const DAY_MONTH = String
  .raw`(?<![\d.\/-])\d{1,2}(?:(?:-?(?:го|е))?\s+${MONTH_NAMES}|[.\/]\d{1,2}(?![.\/]?\d))`;
const BIRTH_DAY = `(?:${FULL_DATE}|${DAY_MONTH})`;
const BIRTH_DATE = new RegExp(
  String.raw`${BIRTH_WORD}[\s:,—-]*(?:\p{L}+\s+){0,2}?(${BIRTH_DAY})` +
    String.raw`|(${BIRTH_DAY})[\s,—-]*(?:\p{L}+\s+){0,2}?${BIRTH_WORD}`,
  "giu",
);

// The year first, the day after: «я 1995 г.р., 12 февраля», «2001 года рождения, 4 июля»,
// «родилась в 1997-м, 27 апреля», «я с 98-го, 15 ноября».
const YEAR_THEN_DAY = new RegExp(
  String
    .raw`(?<![\d.])(?:(?:19|20)\d{2}|\d{2})(?:-?(?:го|м|й))?(?:\s*(?:г\.\s?р\.|года\s+рождения))?` +
    String.raw`,\s*\d{1,2}\s+${MONTH_NAMES}`,
  "giu",
);
const BIRTH_NEAR = new RegExp(String.raw`${BIRTH_WORD}|(?<!\p{L})я\s+с\s+\d`, "iu");

// A date of birth in words, with its year: «двенадцатого марта девяносто восьмого», «29
// февраля двухтысячного», «тридцать первого декабря две тысячи третьего», «1 мая 95-го».
const ORDINAL_WORD = String
  .raw`(?:(?:двадцат|тридцат)\p{L}*\s+)?(?:перв|втор|трет|четв[её]рт|пят|шест|седьм|восьм|девят|десят|одиннадцат|двенадцат|тринадцат|четырнадцат|пятнадцат|шестнадцат|семнадцат|восемнадцат|девятнадцат|двадцат|тридцат)\p{L}*`;
const NUMBER_WORD = String
  .raw`(?:тысяч|двух|две|девятьсот|девяност|восьмидесят|восемьдесят|семидесят|семьдесят|шестидесят|шестьдесят|пятидесят|пятьдесят|сорок|двадцат|тридцат|одиннадцат|двенадцат|тринадцат|четырнадцат|пятнадцат|шестнадцат|семнадцат|восемнадцат|девятнадцат|перв|втор|трет|четв[её]рт|пят|шест|седьм|восьм|девят|десят|нулев)\p{L}*`;
const WORD_DATE = new RegExp(
  String.raw`(?<![\p{L}\d])(?:${ORDINAL_WORD}|\d{1,2})\s+${MONTH_NAMES}\s+` +
    String
      .raw`(?:${NUMBER_WORD}(?:\s+${NUMBER_WORD}){0,3}|(?:19|20)?\d{2}-?(?:го|м|й))(?![\p{L}\d])`,
  "giu",
);
const BIRTH_BESIDE = new RegExp(String.raw`${BIRTH_WORD}|(?<!\p{L})я\s+с\s*$`, "iu");
// The year alone after the birth word: «рождена в 96м», «родился в 1987 году».
const BIRTH_YEAR = new RegExp(
  String
    .raw`${BIRTH_WORD}\s+(?:\p{L}+\s+){0,2}?в\s+((?:19|20)?\d{2}(?:-?(?:м|ом|й))?)(?=\s+году|\s*г\.|[\s,.!?]|$)`,
  "giu",
);

// An age, then the day it comes: «мне через неделю 40, четырнадцатого декабря», «мне 30 будет
// 5 мая».
const AGE_THEN_DAY = new RegExp(
  String.raw`(?<!\p{L})мне\s+(?:\p{L}+\s+){0,3}?\d{1,2}(?:\s+(?:лет|год\p{L}*|будет))?[\s,—–-]+` +
    String.raw`((?:${ORDINAL_WORD}|\d{1,2}(?:-?(?:го|е))?)\s+${MONTH_NAMES})(?![\p{L}])`,
  "giu",
);

// A day and a month in words after a birth word, the year in words before them or none:
// «родился в девяносто шестом, двадцать третьего июля», «родилась двадцать третьего июля».
const WORD_BIRTH_DAY = new RegExp(
  String.raw`${BIRTH_WORD}[\s,:—–-]+(?:\p{L}+\s+){0,2}?((?:в\s+)?(?:${NUMBER_WORD}\s+){0,3}?` +
    String.raw`(?:${NUMBER_WORD},\s*)?${ORDINAL_WORD}\s+${MONTH_NAMES})(?![\p{L}])`,
  "giu",
);

function birthdateSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of [...text.matchAll(WORD_BIRTH_DAY), ...text.matchAll(AGE_THEN_DAY)]) {
    const start = m.index + m[0].lastIndexOf(m[1]!);
    spans.push(span("birthdate", start, start + m[1]!.length));
  }
  for (const m of text.matchAll(BIRTH_DATE)) {
    const date = m[1] ?? m[2]!;
    const start = m.index + m[0].indexOf(date);
    spans.push(span("birthdate", start, start + date.length));
  }
  for (const m of text.matchAll(WORD_DATE)) {
    const around = text.slice(Math.max(0, m.index - 40), m.index) + " " +
      text.slice(m.index + m[0].length, m.index + m[0].length + 30);
    if (
      BIRTH_BESIDE.test(text.slice(Math.max(0, m.index - 40), m.index)) || BIRTH_NEAR.test(around)
    ) {
      spans.push(span("birthdate", m.index, m.index + m[0].length));
    }
  }
  for (const m of text.matchAll(BIRTH_YEAR)) {
    const start = m.index + m[0].lastIndexOf(m[1]!);
    spans.push(span("birthdate", start, start + m[1]!.length));
  }
  for (const m of text.matchAll(YEAR_THEN_DAY)) {
    const around = text.slice(Math.max(0, m.index - 30), m.index + m[0].length + 20);
    if (BIRTH_NEAR.test(around)) spans.push(span("birthdate", m.index, m.index + m[0].length));
  }
  return spans;
}

// A full date five or more years back — a birth, a wedding, a death, a move — is someone's own
// history more than a plan: «я 16.07.1990», «с 09.11.2004», «1988-04-19», «27 апреля 1997»,
// «с 12-го апреля 1951».
// Dates of this year and the last few («сдаю 12.03.2025») pass.
const ANY_FULL_DATE = new RegExp(
  String.raw`(?<![\d.\/-])(?:\d{1,2}([.\/-])\d{1,2}\1(\d{4}|\d{2})|(\d{4})-\d{1,2}-\d{1,2}` +
    String.raw`|\d{1,2}(?:-?(?:го|е))?\s+${MONTH_NAMES}\s+(\d{4}))(?![\d]|[.\/-]\d)`,
  "giu",
);

function oldDateSpans(text: string, now = new Date().getFullYear()): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(ANY_FULL_DATE)) {
    const written = m[2] ?? m[3] ?? m[4]!;
    const year = written.length === 4
      ? Number(written)
      : Number(written) + (Number(written) > now % 100 ? 1900 : 2000);
    if (year <= now - 5) spans.push(span("date", m.index, m.index + m[0].length));
  }
  return spans;
}

// ---------------------------------------------------------------------------------------------
// Car plates. Russian: a letter, three digits, two letters and the region ("А123ВС 77",
// "а777аа199"), letters of the twelve a plate uses (Cyrillic or their Latin look-alikes);
// without the region only after a word about a car ("номер машины к 456 мн"): "в 100 мм" is a
// length. Ukrainian "АА 1234 ВВ", Belarusian "1234 АВ-7" by their shape; Kazakh "123 ABC 02"
// and the like only after a word about a car.

const PLATE_LETTER = "[АВЕКМНОРСТУХABEKMHOPCTYXІI]";
const PLATE_FORMS = [
  String.raw`${PLATE_LETTER}\s?\d{3}\s?${PLATE_LETTER}{2}(?:[\s\/]?(\d{2,3})(?:\s?rus)?)?`,
  String.raw`(${PLATE_LETTER}{2}\s?\d{4}\s?${PLATE_LETTER}{2})`,
  String.raw`(\d{4}\s?${PLATE_LETTER}{2}-\d)`,
  String.raw`(\d{3}\s?[A-Z]{2,3}\s?\d{2})`,
  String.raw`\d{3}\s?\p{L}{2,3}\s?\d{2}`,
  // Uzbekistan: region, letter, three digits, two letters («01 R 774 MA»).
  String.raw`(\d{2}\s?[A-Z]\s?\d{3}\s?[A-Z]{2})`,
];
const PLATE = new RegExp(
  String.raw`(?<![\p{L}\d])(?:${PLATE_FORMS.join("|")})(?![\p{L}\d])`,
  "giu",
);
const CAR_BEFORE =
  /(?<!\p{L})(?:госномер\p{L}*|номер\p{L}*|машин\p{L}*|авто\p{L}*|тачк\p{L}*|номера|гос\.?)(?!\p{L})[^.!?\n]{0,25}$/iu;

// Any other plate people type — spaced, dashed, Uzbek «01 A 123 BC», Armenian «35 OE 123», a
// motorbike's «7788 кт 23», «р-200-ау-716» — by its make-up: a run of short tokens (up to three
// letters, up to four digits, or both mixed up to seven) joined by one space or dash, three or
// more digits and two or more letters in all, a letter group between digits or a letter before
// three digits, with a word about a vehicle or a number near it.
const PLATE_TOKEN = /[\p{L}\d]+/gu;
const PLATE_PART = /^(?:\p{L}{1,3}|\d{1,4}|(?=[\p{L}\d]{2,7}$)(?=.*\d)(?=.*\p{L})[\p{L}\d]+)$/u;
const VEHICLE_NEAR =
  /(?<!\p{L})(?:госномер|номер|машин|авто|тачк|мот(?:ик|оцикл|о)?|такси|водител|регион|угнал|бэх|джип|камаз|грузовик|фур|фар|лад[аыеу]|грант|приор|жигул|солярис|камри|тойот|хендай|хёндай|киа|шкод|рено|форд|опел|мерс|бмв|ауди|фольксваген|нив[аыеу]|газел|уаз|ниссан|мазд|хонд|лексус|нексия|кобальт|парков|стоянк)\p{L}*/iu;

function plateLikeSpans(text: string): Span[] {
  const spans: Span[] = [];
  const tokens = [...text.matchAll(PLATE_TOKEN)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    text: m[0],
  }));
  let from = 0;
  while (from < tokens.length) {
    let to = from;
    while (
      to < tokens.length && PLATE_PART.test(tokens[to]!.text) &&
      (to === from || /^[ -]$/.test(text.slice(tokens[to - 1]!.end, tokens[to]!.start)))
    ) to++;
    if (to - from >= 2) {
      const raw = text.slice(tokens[from]!.start, tokens[to - 1]!.end);
      const compact = raw.replace(/[ -]/g, "");
      const digits = compact.replace(/\D/g, "").length;
      const letters = compact.length - digits;
      // Letters between digits, or a letter, three digits and two more letters (a flight «SU
      // 1234» has two letters only).
      const shaped = /\d[ -]?\p{L}{1,3}[ -]?\d/u.test(raw) ||
        (/^\p{L}{1,2}[ -]?\d{3}/u.test(raw) && letters >= 3);
      const around = text.slice(Math.max(0, tokens[from]!.start - 40), tokens[to - 1]!.end + 40);
      if (
        digits >= 3 && letters >= 2 && compact.length >= 6 && compact.length <= 11 && shaped &&
        VEHICLE_NEAR.test(around)
      ) {
        spans.push(span("car_plate", tokens[from]!.start, tokens[to - 1]!.end));
      }
    }
    from = Math.max(to, from + 1);
  }
  return spans;
}

function carPlateSpans(text: string): Span[] {
  const spans: Span[] = plateLikeSpans(text);
  for (const m of text.matchAll(PLATE)) {
    const byShape = m[1] !== undefined || m[2] !== undefined || m[3] !== undefined ||
      m[4] !== undefined || m[5] !== undefined;
    if (byShape || CAR_BEFORE.test(text.slice(Math.max(0, m.index - 40), m.index))) {
      spans.push(span("car_plate", m.index, m.index + m[0].length));
    }
  }
  return spans;
}

// ---------------------------------------------------------------------------------------------
// INN: 10 or 12 solid digits.

const INN = /(?<![\d+])(?:\d{12}|\d{10})(?!\d)/g;
const INN_BEFORE = /(?<!\p{L})инн\s*[:№-]?\s*$/iu;

function innSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(INN)) {
    const named = INN_BEFORE.test(text.slice(Math.max(0, m.index - 12), m.index));
    if (named || innValid(m[0])) spans.push(span("inn", m.index, m.index + m[0].length));
  }
  return spans;
}

// ---------------------------------------------------------------------------------------------
// Addresses.
//
// Pieces are found first, then pieces standing next to each other (only spaces, commas or
// semicolons between) join into one address. A chain is an address when it has a street, or two
// house parts ("дом 5, кв. 12"), or a postal index or house part next to a city. A city, an
// index or a lone "дом 5" says little on its own ("в доме 5 этажей", "2019 г. Москва"). After
// "адрес:" anything up to the last number of the sentence is the address.

/** "улица" → "[Уу]лица": words that may start a sentence, without making the rest case-blind. */
function anyCase(words: string[]): string {
  return words.map((w) => `[${w[0]!.toUpperCase()}${w[0]}]${w.slice(1)}`).join("|");
}

const STREET_WORDS = anyCase([
  "улиц(?:а|е|у|ы|ей)",
  "проспект(?:а|е|у|ом)?",
  "переул(?:ок|ка|ке|ку|ком)",
  "бульвар(?:а|е|у|ом)?",
  "шоссе",
  "набережн(?:ая|ой|ую)",
  "площад(?:ь|и|ью)",
  "проезд(?:а|е|у|ом)?",
  "тупик(?:а|е|у|ом)?",
  "алле(?:я|и|е|ю|ей)",
  "микрорайон(?:а|е|у|ом)?",
  "тракт(?:а|е|у|ом)?",
]);
const STREET_ABBREVIATIONS = anyCase(
  "ул пр-т пр-те пр-та пр-ту пр-кт просп пер б-р наб пр-д мкрн мкр".split(" "),
);
// "пр.", "ш.", "пл.", "бул." also mean other things ("и пр."): only with a house number.
const LOOSE_ABBREVIATIONS = anyCase("пр ш пл бул".split(" "));

const CAPITALISED = String.raw`\p{Lu}\p{Ll}*(?:-\p{Lu}?\p{Ll}+)*`;
// "Ленина", "Малая Бронная", "8 Марта", "2-я Тверская-Ямская".
const STREET_NAME = String.raw`(?:\d{1,3}(?:-?(?:я|й|го|ая|ий|ой))?\s+)?` +
  String.raw`${CAPITALISED}(?:\s+${CAPITALISED})?`;
// "5", "15-42", "5/2", "12а".
// «12», «12а», «12/3», «56к2» (a building of the house).
const HOUSE_NUMBER = String
  .raw`\d{1,4}(?:к\.?\d{1,2}|[а-яa-z])?(?:\s?[\/-]\s?\d{1,4}[а-яa-z]?)?(?![\p{L}\d])`;
// ", 5", " д. 5", " дом 5".
const HOUSE_AFTER_STREET = String.raw`,?\s*(?:(?:[Дд]|[Дд]ом)\.?\s*)?№?\s*${HOUSE_NUMBER}`;
const NOT_IN_WORD = String.raw`(?<![\p{L}\d-])`;
// What may follow a house number: its floor, entrance, flat or room («, 5-й этаж», «, второй
// подъезд», «, кв 77», «, комната 918»).
const HOUSE_PART_AFTER = String
  .raw`,?\s*(?:(?:\d{1,2}-?(?:й|ий|ый)|\p{Ll}+(?:ый|ой|ий))\s+)?(?:кв|квартир|подъезд|под\.|этаж|эт\.|корп|комнат)\p{L}*\.?\s*(?:№?\s*\d|[,.!?]|$|\p{Ll}+)`;

const STREET = new RegExp(
  [
    // "ул. Ленина, 5", "улица Пушкина", "мкр. 5", and "ул ленина 5" (a lower-case name only
    // with a number).
    NOT_IN_WORD +
    String.raw`(?:(?:${STREET_WORDS})\s+|(?:${STREET_ABBREVIATIONS})(?:\.\s*|\s+))` +
    String.raw`(?:${STREET_NAME}(?:${HOUSE_AFTER_STREET})?` +
    String.raw`|\p{Ll}+${HOUSE_AFTER_STREET}|\d{1,3}(?![\p{L}\d]))`,
    NOT_IN_WORD + String.raw`(?:${LOOSE_ABBREVIATIONS})\.\s*${STREET_NAME}${HOUSE_AFTER_STREET}`,
    // "Ленинский проспект, 15", "Кутузовский пр-т, 24", "на Садовой улице 3": only with a
    // number ("Новая улица" alone is no address).
    NOT_IN_WORD + String.raw`${CAPITALISED}\s+(?:(?:${STREET_WORDS})(?!\p{L})` +
    String.raw`|(?:${STREET_ABBREVIATIONS}|${LOOSE_ABBREVIATIONS})\.?(?![\p{L}-]))` +
    HOUSE_AFTER_STREET,
  ].join("|"),
  "gu",
);

// A street named without the word "улица", by its form, with a house number: "на Профсоюзной
// 14", "живу на Лесной, 8", "Тверская 7-23" (house and flat), "на Гагарина 10". Street names are
// mostly adjectives (-ая, -ой) or genitives of surnames (-ина, -ова); after "на"/"по" or with a
// flat after a dash, never before a unit ("на Новый 2 часа").
// (Also a hyphenated name: «Аль-Фараби», «Кара-Суу».)
const STREET_FORM = String
  .raw`(?:\p{Lu}\p{Ll}+(?:ая|ой|ую|ей|ий|ый|ого|его|ина|ына|ова|ева|ёва)(?:\s+\p{Lu}\p{Ll}+)?|\p{Lu}\p{Ll}+-\p{Lu}\p{Ll}+)`;
const NOT_A_UNIT = String
  .raw`(?![\p{L}\d]|\s*(?:лет|год|час|мин|раз|руб|р\.|₽|%|кг|км|м|человек|этаж|класс|курс|штук|шт|тыс|дн|мес|недел|сек|баллов|очк|сери|сезон|глав|том))`;
const STREET_BY_FORM = new RegExp(
  String
    .raw`(?<=(?:^|[\s(])(?:[Нн]а|[Пп]о|[Сс]|[Оо]т|[Вв]озле|[Оо]коло|[Нн]апротив)\s+)(?:\d{1,2}-?(?:я|й|ой|ая)\s+)?${STREET_FORM},?\s*\d{1,3}[а-яa-z]?` +
    String.raw`(?:\s?[\/-]\s?\d{1,4}[а-яa-z]?)?${NOT_A_UNIT}` +
    String.raw`|${NOT_IN_WORD}${STREET_FORM},?\s*\d{1,3}[а-яa-z]?\s?[\/-]\s?\d{1,4}${NOT_A_UNIT}` +
    // "Тверская, 12, кв 3", "Красноармейская 71А": a flat or a house letter says it anywhere.
    String
      .raw`|${NOT_IN_WORD}${STREET_FORM},?\s*\d{1,3}(?:[а-я](?![\p{L}\d])|,?\s*(?:кв|квартир\p{L}*)\.?\s*\d{1,4})` +
    // "Лесная 21, 5-й этаж, кв 77": a house with its floor, entrance or flat after it.
    String
      .raw`|${NOT_IN_WORD}${STREET_FORM},?\s*\d{1,3}[а-я]?(?=${HOUSE_PART_AFTER})` +
    // «на Мира 30, первый подъезд», «на Гоголя 11, комната 5»: any name after «на»/«по» so.
    String
      .raw`|(?<=(?:^|[\s(])(?:[Нн]а|[Пп]о)\s+)\p{Lu}\p{Ll}+,?\s*\d{1,3}[а-я]?(?=${HOUSE_PART_AFTER})` +
    // «на Мира, 4-15», «на Космонавтов 18а»: any street name after «на»/«по» with a house letter
    // or a house and flat.
    String
      .raw`|(?<=(?:^|[\s(])(?:[Нн]а|[Пп]о)\s+)\p{Lu}\p{Ll}+,?\s*\d{1,3}(?:[а-я]|\s?[\/-]\s?\d{1,4})${NOT_A_UNIT}` +
    // «на Гагарина у дома 12».
    String
      .raw`|(?<=(?:^|[\s(])(?:[Нн]а|[Пп]о)\s+)\p{Lu}\p{Ll}+\s+(?:у|возле|около|напротив)\s+дом(?:а|у)?\s*№?\s*\d{1,3}[а-я]?${NOT_A_UNIT}` +
    // «…подъездом, Победы 12/3», «на Победы 12/3»: any name with a house and flat (or building)
    // after a slash, after a comma or a preposition of place (not «Давление 120/80»).
    String
      .raw`|(?<=(?:,|(?<!\p{L})(?:[Нн]а|[Пп]о|[Сс]|[Оо]т|[Вв]озле|[Оо]коло|[Нн]апротив))\s+)\p{Lu}\p{Ll}{2,},?\s*\d{1,3}[а-я]?\/\d{1,4}(?![\d\/.])` +
    // «9 мкр, дом 3», «5-й микрорайон, д. 12»: a district by number and a house in it.
    String
      .raw`|(?<![\p{L}\d])\d{1,2}(?:-?(?:й|ый|ой))?\s*(?:мкрн?|микрорайон\p{L}*|квартал\p{L}*)\.?,?\s*(?:дом|д\.)\s*№?\s*\d{1,3}[а-я]?(?![\p{L}\d])` +
    // "Мой дом — Гороховая 4", "индекс 190000, Гороховая 4": after a word of home or mail.
    String
      .raw`|(?<=(?:дом|адрес|индекс\s+\d{6}|живу)[\s:—–,-]{1,4})${STREET_FORM},?\s*\d{1,3}[а-яa-z]?${NOT_A_UNIT}`,
  "gu",
);
// The house before its street: «в доме 5 по Ленина», «дом 14 по Набережной», «д. 3 по ул.
// Мира» (any letter case: the construction says it).
const HOUSE_THEN_STREET = new RegExp(
  String
    .raw`(?<![\p{L}\d])(?:(?:[Дд]ом(?:е|а|у)?|[Дд]\.)\s*№?\s*${HOUSE_NUMBER}\s+(?:по|на)|\d{1,3}-?(?:м|ом|й)\s+дом(?:е|а|у)?\s+(?:на|по))\s+` +
    String
      .raw`(?:(?:${STREET_WORDS}|${STREET_ABBREVIATIONS})\.?\s+(?=\p{Lu}))?\p{L}[\p{L}-]+(?![\p{L}\d])`,
  "gu",
);
// A street's form in lower case after «на», «по», «возле», «около», «у», «с» with a house number
// («на пушкинской 20», «возле ленина 5», «на студенческой 7б», «с 1-й парковой 9», «на малой
// бронной 24», «на кутузовском 26», «на первомайской, 21»), never before a unit.
const LOWER_STREET_FORM = String
  .raw`(?:\d{1,2}-?(?:я|й|ой|ая)\s+|\p{Ll}{3,}(?:ой|ая)\s+)?\p{Ll}{3,}(?:ской|цкой|овой|евой|иной|ной|ском|цком|ина|ова|ева)`;
const LOWER_STREET = new RegExp(
  String
    .raw`(?<=(?:^|[\s(])(?:на|по|возле|около|у|напротив|с|со)\s+)${LOWER_STREET_FORM},?\s*\d{1,3}[а-я]?(?:\s?[\/-]\s?\d{1,4})?${NOT_A_UNIT}` +
    // «пр. мира 44 кв 17», «пр.победы 121»: a loose abbreviation with a lower-case name and a
    // house number.
    String
      .raw`|${NOT_IN_WORD}(?:${LOOSE_ABBREVIATIONS})\.\s*\p{Ll}{3,}(?:\s+\p{Ll}{3,})?\s+${HOUSE_NUMBER}${NOT_A_UNIT}`,
  "gu",
);
// A flat or a house in words: «квартира тридцать один», «кв. сорок», «дом двадцать два».
const HOUSE_NUMBER_WORD = String
  .raw`(?:сто|двести|триста|девяносто|восемьдесят|семьдесят|шестьдесят|пятьдесят|сорок|тридцать|двадцать|девятнадцать|восемнадцать|семнадцать|шестнадцать|пятнадцать|четырнадцать|тринадцать|двенадцать|одиннадцать|десять|девять|восемь|семь|шесть|пять|четыре|три|два|один|одна)`;
// A street's name after «на»/«по» right before its house or flat, the number in words too:
// «на Садовой, дом 3», «на Космонавтов двадцать два, квартира тридцать один»; in lower case a
// street named after someone («на ленина дом 15»).
const STREET_BEFORE_HOUSE = new RegExp(
  String
    .raw`(?<=(?:^|[\s(])(?:[Нн]а|[Пп]о)\s+)(?:\p{Lu}\p{Ll}+|\p{Ll}+(?:ина|ына|ова|ева|ского|цкого))(?:\s+${HOUSE_NUMBER_WORD}){0,3}(?=,?\s*(?:дом|д\.|кв|квартир)\p{L}*\.?\s*№?\s*(?:\d|${HOUSE_NUMBER_WORD}))`,
  "gu",
);
// A street's form and a house number where the sentence is about where one lives: «живём в
// Сосновке, Лесная 12», «живу у мамы, Рабочая 40», «живём в пятиэтажке на Победы 21».
const HOUSE_WHERE_ONE_LIVES = new RegExp(
  String
    .raw`${NOT_IN_WORD}(?:${STREET_FORM}|(?<=(?:^|[\s(])(?:[Нн]а|[Пп]о|[Сс])\s+)\p{Lu}\p{Ll}+),?\s*` +
    String.raw`\d{1,3}[а-я]?(?:\s?[\/-]\s?\d{1,4})?${NOT_A_UNIT}`,
  "gu",
);
const SMALL_NAME_HOUSE_PART = new RegExp(
  String.raw`(?<![\p{L}\d])(?:ul\.\s*)?\p{L}{3,}(?:-\p{L}+)?\s+\d{1,3}[а-яa-z]?(?:\/\d{1,3})?` +
    String
      .raw`,?\s+(?:дом|д\.|кв\.?|квартира|комн\.?|комната|корп\.?|kv\.?|dom|d\.)\s*\d{1,4}(?![\p{L}\d])`,
  "giu",
);
const LIVING =
  /(?<!\p{L})(?:жив(?:у|[её]м|[её]т|ут|[её]шь|ет|ем)|сосед\p{L}*|проживаю|прописан\p{L}*|переехал\p{L}*|общаг\p{L}*|пятиэтажк\p{L}*|девятиэтажк\p{L}*|частн\p{L}*\s+(?:дом|сектор)\p{L}*|возим|забираю)(?!\p{L})/iu;
// Saint Petersburg's lines: "7-я линия", "на 5-й линии В.О.".
const LINE_STREET = new RegExp(
  String.raw`${NOT_IN_WORD}\d{1,2}-?(?:я|й)\s+лини(?:я|и|ю|ей)(?:${HOUSE_AFTER_STREET})?`,
  "gu",
);

// "д. 5", "дом 3", "корп. 2", "стр 1", "кв. 12", "подъезд 2", "этаж 5", "офис 305".
const HOUSE_PART_WORDS = anyCase([
  "д",
  "дом(?:а|е|у)?",
  "корп",
  "корпус(?:а|е)?",
  "к",
  "стр",
  "строени(?:е|я|и)",
  "кв",
  "квартир(?:а|е|у|ы)",
  "под",
  "подъезд(?:а|е)?",
  "эт",
  "этаж(?:а|е)?",
  "оф",
  "офис(?:а|е)?",
  "участ(?:ок|ка|ке)",
  "уч",
  "комнат(?:а|е|у|ы)",
]);
const HOUSE_PART = new RegExp(
  String.raw`(?<![\p{L}\d])(?:${HOUSE_PART_WORDS})(?:\.\s*|\s*)№?\s*(?:${HOUSE_NUMBER}` +
    String.raw`|${HOUSE_NUMBER_WORD}(?:\s+${HOUSE_NUMBER_WORD}){0,2}(?![\p{L}]))`,
  "gu",
);

// "г. Москва", "город Тула", "пос. Южный", "с. Иваново".
const CITY_WORDS = anyCase([
  "город(?:а|е|у)?",
  "пгт",
  "посёл(?:ок|ке|ка)",
  "посел(?:ок|ке|ка)",
  "деревн(?:я|е|и|ю)",
  "сел(?:о|е|а)",
  "станиц(?:а|е|ы)",
  "хутор(?:е|а)?",
]);
const CITY = new RegExp(
  String
    .raw`(?<![\p{L}\d])(?:(?:[Гг]|[Гг]ор|[Пп]ос|[Дд]ер|[Сс])\.\s*|(?:${CITY_WORDS})\s+|(?:СНТ|ДНТ|СТ)\s+)` +
    String.raw`(?:${CAPITALISED}|[«"„]${CAPITALISED}[»"“”])` +
    // «снт ромашка», «днт «Берёзка»» in any case of letters.
    String.raw`|(?<![\p{L}\d])(?:[Сс][Нн][Тт]|[Дд][Нн][Тт])\s+[«"„]?\p{L}[\p{L}-]+[»"“”]?`,
  "gu",
);

const POSTAL_INDEX = /(?<!\d)\d{6}(?!\d)/g;

// A village or a settlement's name alone finds a person, unlike a city's: «в деревне Малиновка»,
// «в деревне сосновка», «пгт краснообск», «в махалле богишамол», «селе верхние татышлы». In lower
// case a village's name only by its form (-овка, -ино, -ово, -ск…: «в деревне тишина» stays);
// after «пгт» and «махалля» whatever word follows is a name.
const VILLAGE_WORDS = "деревн(?:я|е|и|ю|ей)|сел(?:о|е|а|ом)|посёл(?:ок|ке|ка)|посел(?:ок|ке|ка)|" +
  "хутор(?:е|а)?|станиц(?:а|е|ы)|аул(?:е|а)?|кишлак(?:е|а)?";
const NAME_ONLY_WORDS = "пгт|кп|махалл(?:я|е|и|ю)";
const VILLAGE_FORM = String
  .raw`\p{Ll}{2,}(?:овк|евк|ёвк|инк)[аеуи]|\p{Ll}{2,}(?:ино|ыно|ово|ево|ёво|ское|цкое|ск)`;
const VILLAGE = new RegExp(
  String.raw`(?<![\p{L}\d])(?:(?:${anyCase([VILLAGE_WORDS])})\s+` +
    String
      .raw`(?:(?:верхн|нижн|нов|стар|больш|мал|красн)\p{Ll}*\s+)?(${VILLAGE_FORM}|${CAPITALISED})` +
    String.raw`|(?:${anyCase([NAME_ONLY_WORDS])})\s+[«"„]?(\p{L}[\p{L}-]{2,})[»"“”]?` +
    // «в д. Кузьминки», «из пос. Южный»: the short forms after a preposition, before a capital
    // only («д. 5» is a house, «гепатит С. Раньше» a letter).
    String
      .raw`|(?<=(?:^|[\s(])(?:в|во|из|до|под|у|от|около|возле)\s+)(?:[Дд](?:ер)?|[Сс]|[Пп](?:ос)?)\.\s*` +
    String.raw`(\p{Lu}\p{Ll}{2,}(?:[\s-]\p{Lu}\p{Ll}+)?))(?![\p{L}\d])`,
  "gu",
);

type AddressPart = "street" | "house" | "city" | "index";

// Where a workplace stands: a named place, then «на», «у», «возле» and a street («в Пятёрочке на
// Гагарина», «в ВТБ на Лесной», «в "Ригле" на Мира», «в Ленте на Пулковском шоссе»): the street
// with the employer finds the person even without a house number.
const STREET_OF_PLACE = new RegExp(
  String
    .raw`(?<!\p{L})(?:[Вв]|[Вв]о|[Ии]з|[Нн]а)\s+(?:\p{Ll}+\s+)?[«"„]?\p{Lu}[\p{L}\d-]*(?:\s+[\p{L}\d-]+){0,2}?[»"“”]?` +
    String.raw`\s+(?:на|у|возле|около)\s+` +
    String
      .raw`(\p{Lu}\p{Ll}+(?:\s+(?:${STREET_WORDS}|${STREET_ABBREVIATIONS})\.?)?)(?!\s+год)(?![\p{L}\d])`,
  "gu",
);

// «в колледже связи на Тверской», «в больнице на Ленина»: a workplace by its kind and its street.
// A school one goes to says where one is; a shop or a pharmacy only with work words near.
const STUDY_KINDS = "школ|гимнази|лице|колледж|техникум|университет|институт|садик|детсад";
const WORK_KINDS =
  "больниц|поликлиник|магазин|аптек|офис|склад|завод|кафе|банк|салон|филиал|отделени";
const STREET_OF_INSTITUTION = new RegExp(
  String
    .raw`(?<!\p{L})(?:[Вв]|[Вв]о|[Нн]а)\s+(?:${STUDY_KINDS}|${WORK_KINDS})\p{L}*(?:\s+\p{Ll}+){0,2}\s+(?:на|возле|около)\s+` +
    String
      .raw`(\p{Lu}\p{Ll}+(?:\s+(?:${STREET_WORDS}|${STREET_ABBREVIATIONS})\.?)?)(?!\s+год)(?![\p{L}\d])`,
  "gu",
);
const STUDY_PLACE = new RegExp(String.raw`^\p{L}+\s+(?:${STUDY_KINDS})`, "iu");

function addressSpans(text: string): Span[] {
  const parts: Array<{ part: AddressPart; start: number; end: number }> = [];
  const collect = (pattern: RegExp, part: AddressPart) => {
    for (const m of text.matchAll(pattern)) {
      parts.push({ part, start: m.index, end: m.index + m[0].length });
    }
  };
  collect(STREET, "street");
  collect(STREET_BY_FORM, "street");
  collect(LINE_STREET, "street");
  collect(HOUSE_THEN_STREET, "street");
  collect(LOWER_STREET, "street");
  collect(STREET_BEFORE_HOUSE, "street");
  collect(HOUSE_PART, "house");
  collect(NUMBER_THEN_HOUSE_PART, "house");
  collect(DORMITORY, "street");
  collect(CITY, "city");
  collect(POSTAL_INDEX, "index");
  parts.sort((a, b) => a.start - b.start || b.end - a.end);
  const spans = labelledAddressSpans(text);
  for (const m of text.matchAll(STREET_OF_INSTITUTION)) {
    // A school one goes to says where one is; a shop or a pharmacy only when one works there
    // («заходила в аптеку на Ленина» is an errand).
    const around = text.slice(Math.max(0, m.index - 60), m.index + m[0].length + 60);
    if (!STUDY_PLACE.test(m[0]) && !STUDY_OR_WORK.test(around)) continue;
    const start = m.index + m[0].lastIndexOf(m[1]!);
    spans.push(span("address", start, start + m[1]!.length));
  }
  // «живу в Кузьминках», «я с Текстильщиков»: a district or a village where one lives.
  for (const place of homePlaceSpans(text)) spans.push(span("address", place.start, place.end));
  for (const m of text.matchAll(VILLAGE)) {
    const name = m[1] ?? m[2] ?? m[3]!;
    const start = m.index + m[0].lastIndexOf(name);
    // The adjective before the name («верхние татышлы») goes with it.
    const adjective = /(\p{L}+)\s+$/u.exec(text.slice(m.index, start));
    const from = m[1] !== undefined && adjective && !new RegExp(`^(?:${VILLAGE_WORDS})$`, "iu")
        .test(adjective[1]!)
      ? m.index + adjective.index
      : start;
    spans.push(span("address", from, start + name.length));
  }
  for (const m of text.matchAll(HOUSE_WHERE_ONE_LIVES)) {
    const sentence = sentenceAround(text, m.index, m.index + m[0].length);
    if (LIVING.test(sentence)) spans.push(span("address", m.index, m.index + m[0].length));
  }
  // «самал 2 дом 58», «притыцкого 83 комн 1204», «lenina 5 kv 12»: a name typed small, a
  // number, then a house, a flat or a room and its number.
  for (const m of text.matchAll(SMALL_NAME_HOUSE_PART)) {
    spans.push(span("address", m.index, m.index + m[0].length));
  }
  // «Алматы, Аль-Фараби 77»: a town, then a name and a house number.
  for (const m of text.matchAll(TOWN_THEN_HOUSE)) {
    const end = m.index + m[0].length;
    if (nameInfo(m[1]!)?.place) spans.push(span("address", end - m[2]!.length, end));
  }
  for (const m of text.matchAll(PLACE_THEN_HOUSE)) {
    // A place or a name no dictionary knows, not an ordinary word («Спасибо, дом 3 …»).
    const info = nameInfo(m[1]!);
    if (info !== null && info.reading === "word" && !info.place) continue;
    spans.push(span("address", m.index, m.index + m[0].length));
  }
  // «Хрещатик 22, кв 5», «Профсоюзная 56к2, подъезд 3»: a flat or an entrance after a house
  // number makes the name before it a street, whatever the dictionary says of it.
  for (const m of text.matchAll(NAME_HOUSE_FLAT)) {
    if (/^(?:дом|корпус|строение|этаж|квартира|подъезд)$/iu.test(m[1]!)) continue;
    spans.push(span("address", m.index, m.index + m[0].length));
  }
  for (const m of text.matchAll(STREET_OF_PLACE)) {
    const start = m.index + m[0].lastIndexOf(m[1]!);
    spans.push(span("address", start, start + m[1]!.length));
  }
  // «на мира 12», «на гоголя, 25а», «на советской армии 205»: after «на» a street is named in
  // the genitive (a place one is at is in the prepositional: «на работе 12 часов»).
  for (const m of text.matchAll(GENITIVE_STREET_HOUSE)) {
    const words = m[1]!.toLowerCase().split(/\s+/u);
    const head = words[words.length - 1]!;
    const info = nameInfo(head);
    if (info?.verb || NOT_A_STREET_HEAD.test(head)) continue;
    const start = m.index + m[0].indexOf(m[1]!);
    spans.push(span("address", start, m.index + m[0].length));
  }
  // «СНТ «Рассвет»», «снт мичуринец-2», «участок 47» beside them: a garden plot.
  for (const m of text.matchAll(GARDEN_PLOT)) {
    spans.push(span("address", m.index, m.index + m[0].replace(/[\s,]+$/u, "").length));
  }
  // «юнусабад 19 квартал», «в солнечном 3 мкр», «мкр 5»: a numbered block of a district, with
  // its name before (not a word like «живу»).
  for (const m of text.matchAll(NUMBERED_BLOCK)) {
    const name = m[1];
    const named = name !== undefined && !nameInfo(name.toLowerCase())?.verb &&
      !BLOCK_NAME_NOT.test(name);
    // A quarter of a year is no block («во 2 квартале»): «квартал» needs its name or a house.
    if (!named && /^\d/.test(m[2]!) && /квартал/iu.test(m[2]!) && !m[3]) continue;
    const start = named ? m.index : m.index + m[0].indexOf(m[2]!, name?.length ?? 0);
    spans.push(span("address", start, m.index + m[0].length));
  }

  let chain: typeof parts = [];
  const closeChain = () => {
    if (chain.length > 0 && isAddress(chain.map((p) => p.part))) {
      spans.push(
        span("address", cityBefore(text, chain[0]!.start), Math.max(...chain.map((p) => p.end))),
      );
    }
    chain = [];
  };
  for (const part of parts) {
    const end = chain.length > 0 ? Math.max(...chain.map((p) => p.end)) : -1;
    const joins = chain.length > 0 &&
      (part.start < end || /^[\s,;]{0,3}$/.test(text.slice(end, part.start)));
    if (!joins) closeChain();
    chain.push(part);
  }
  closeChain();
  return spans;
}

const GENITIVE_STREET_HOUSE = new RegExp(
  String.raw`(?<!\p{L})на\s+(\p{L}+(?:ой|ей)\s+\p{L}{3,}(?:а|я|ы|и)|\p{L}{3,}(?:а|я|ы)|` +
    String
      .raw`\d{1,2}\s+(?:марта|мая|января|февраля|апреля|июня|июля|августа|сентября|октября|ноября|декабря)|` +
    String
      .raw`\d{2,3}\s+лет\s+\p{L}+),?\s+(?:д\.?\s*|дом\s+)?\d{1,3}[а-я]?(?:\/\d{1,3})?${NOT_A_UNIT}`,
  "giu",
);
// Words in «-а/-я/-ы» that are not a street's name: «на раза 3», «на часа 2», «на завтра 8».
const NOT_A_STREET_HEAD =
  /^(?:раза|часа|дня|года|месяца|недели|минуты|секунды|суток|пары|половины|трети|четверти|тысячи|сотни|штуки|копейки|рубля|куска|литра|метра|килограмма|человека|этажа|дома|квартиры|работы|учебы|учёбы|смены|руки|ноги|мне|тебя|себя|меня|него|нее|неё|них|всех|двоих|троих|связи|завтра|сегодня|послезавтра|утра|вечера|обеда|ужина|завтрака|начала|конца|середины)$/iu;
const GARDEN_PLOT = new RegExp(
  String
    .raw`(?<![\p{L}\d])(?:снт|СНТ|Снт|днт|ДНТ|днп|ДНП|тсн|ТСН|жк|ЖК|Жк|ж\/к|Ж\/К)(?!\p{L}|\.\s+\p{Lu})\.?\s*` +
    String.raw`(?:«[^»\n]{2,30}»|"[^"\n]{2,30}"|\p{Lu}\p{L}+(?:-\d{1,3})?|\p{L}+-\d{1,3}|` +
    String.raw`\p{L}+(?=\s*,\s*(?:линия|аллея|участок|уч\.|блок|корпус|кв)))` +
    String
      .raw`(?:\s*,?\s*(?:линия|аллея|\d{1,2}-я\s+аллея|участок|уч\.?|блок|корпус|кв\.?|квартира)` +
    String.raw`(?:\s*[\p{L}\d]{1,4})?(?:\s*\d{1,4})?)*`,
  "gu",
);
// «4 подъезд», «7 этаж», «второй подъезд»: a part of a house, its number first (an address
// only with another part or a street beside it: «Квартира 88, 4 подъезд, 7 этаж»).
const NUMBER_THEN_HOUSE_PART = new RegExp(
  String
    .raw`(?<![\p{L}\d])(?:\d{1,4}(?:-?(?:й|м|го|ый|ий))?|(?:перв|втор|трет|четв[её]рт|пят|шест|седьм|восьм|девят|десят)\p{L}{1,3})` +
    String.raw`\s*(?:подъезд\p{L}*|корпус\p{L}*|кв(?!\p{L}|\.?\s*м(?!\p{L}))\.?)`,
  "giu",
);
const BLOCK_WORD = String.raw`(?:мкр|мкрн|микрорайон\p{L}*|квартал\p{L}*|кв-л)`;
const NUMBERED_BLOCK = new RegExp(
  String.raw`(?<![\p{L}\d])(?:(\p{L}{4,})\s+)?(\d{1,3}(?:-?(?:й|м|го))?\s*-?${BLOCK_WORD}\.?` +
    String.raw`|${BLOCK_WORD}\.?\s*№?\s*\d{1,3})(?![\p{L}\d])` +
    String.raw`(,?\s*(?:дом|д\.)\s*\d{1,3}|\s+\d{1,3}\s*дом)?`,
  "giu",
);
const BLOCK_NAME_NOT =
  /^(?:живу|живем|живём|жили|живет|живёт|этот|этом|наш|нашем|мой|моем|моём|около|возле|рядом|через)$/iu;
// A dormitory by its number: «в общаге №3, комната 214».
const DORMITORY =
  /(?<![\p{L}\d])(?:общаг|общежити)\p{L}*\s*(?:№\s*\d{1,3}|\d{1,3}(?=\s*(?:[,;)]|$|комн|корп|блок)))(?![\p{L}\d])/giu;

// A town, a comma, a name and a house number: the name and number are a street and a house
// (the town alone is said freely).
const TOWN_THEN_HOUSE = new RegExp(
  String.raw`(?<![\p{L}\d-])(\p{Lu}[\p{L}-]+),\s*(\p{Lu}[\p{L}-]+(?:\s+\p{Lu}\p{Ll}+)?,?\s*` +
    String.raw`\d{1,3}[а-я]?(?:\s?[\/-]\s?\d{1,4})?)${NOT_A_UNIT}`,
  "gu",
);

// A place, a comma and a house by its word: «Джал-23, дом 14», «Юнусабад, 14-квартал, дом 7».
const PLACE_THEN_HOUSE = new RegExp(
  String.raw`(?<![\p{L}\d-])(\p{Lu}\p{L}+)(?:-\d{1,3})?,\s*` +
    String.raw`(?:\d{1,3}-?(?:й\s+)?(?:квартал|кв-л|мкр|микрорайон)\p{L}*,?\s*)?` +
    String.raw`(?:дом|д\.)\s*№?\s*\d{1,4}[а-я]?(?![\p{L}\d])`,
  "gu",
);

const NAME_HOUSE_FLAT = new RegExp(
  String.raw`(?<![\p{L}\d-])(\p{Lu}\p{Ll}+)(?:\s+\p{Lu}\p{Ll}+)?\s+${HOUSE_NUMBER},?\s*` +
    String.raw`(?:кв|квартир|подъезд|под\.)\p{L}*\.?\s*№?\s*\d{1,4}(?![\p{L}\d])`,
  "gu",
);

/** The sentence a span stands in (to the nearest «.», «!», «?», «…» or line break). */
function sentenceAround(text: string, start: number, end: number): string {
  const before = text.slice(0, start);
  const from = Math.max(...[".", "!", "?", "…", "\n"].map((c) => before.lastIndexOf(c))) + 1;
  const after = text.slice(end).search(/[.!?…\n]/u);
  return text.slice(from, after < 0 ? text.length : end + after);
}

/** Where an address starts when a town stands before it: "Самара, Садовая 40-7". */
function cityBefore(text: string, start: number): number {
  const town = /(\p{Lu}[\p{L}-]+),\s*$/u.exec(text.slice(Math.max(0, start - 40), start));
  if (!town) return start;
  const info = nameInfo(town[1]!);
  return info === null || info.place ? start - town[0].length : start;
}

// "Адрес: Москва, Тверская 12-5" needs no street word: what follows "адрес:", "адрес доставки:"
// or "по адресу" is the address, up to its last number, within the sentence.
const ADDRESS_LABEL =
  /(?<!\p{L})(?:[Аа]дрес(?:а|у)?(?:\s+\p{Ll}+){0,2}\s*[:—–-]|[Пп]о\s+адресу:?|[Аа]дрес(?=\s+\p{Lu}[\p{L}-]*,?\s*\d))\s*/gu;
const SENTENCE_END = /[!?\n;]|\.(?=\s+\p{Lu})/gu;
// A full stop after these does not end the sentence ("г. Москва").
const ADDRESS_ABBREVIATIONS = new Set(
  "г ул д кв корп к стр пр просп пер наб мкр мкрн пос обл р-н ш пл б-р эт оф дер".split(" "),
);
const WITH_DIGIT = /[\p{L}\d\/-]*\d[\p{L}\d\/-]*/gu;

function labelledAddressSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const label of text.matchAll(ADDRESS_LABEL)) {
    const from = label.index + label[0].length;
    let rest = text.slice(from, from + 100);
    for (const stop of rest.matchAll(SENTENCE_END)) {
      const before = rest.slice(0, stop.index).match(/[\p{L}-]+$/u)?.[0].toLowerCase();
      if (stop[0] === "." && before !== undefined && ADDRESS_ABBREVIATIONS.has(before)) continue;
      rest = rest.slice(0, stop.index);
      break;
    }
    let end = -1;
    for (const token of rest.matchAll(WITH_DIGIT)) end = token.index + token[0].length;
    if (end > 0 && /\p{Lu}/u.test(rest.slice(0, end))) {
      spans.push(span("address", from, from + end));
    }
  }
  return spans;
}

function isAddress(parts: AddressPart[]): boolean {
  const count = (part: AddressPart) => parts.filter((p) => p === part).length;
  const houses = count("house");
  return count("street") > 0 || houses >= 2 ||
    (count("city") > 0 && (houses > 0 || count("index") > 0)) ||
    (count("index") > 0 && houses > 0);
}

// ---------------------------------------------------------------------------------------------
// Personal names.
//
// Each word is read with the dictionary (shared/llm/names.ts) and, as a fallback and for forms
// the dictionary lacks (Сашенька), with the list below:
// - A word that reads only as a name, surname or patronymic is a name anywhere, in any case
//   form: «Дарина, спасибо», «поговорила с Гульнарой», «Смирнова опять». Written in lower case,
//   only from four letters and not chat slang the dictionary happens to list as a name ("анон").
// - A name that is also an ordinary word (Вера, Надежда, Любовь, Роман, Слава, Лев, Волков...)
//   counts only written with a capital mid-sentence, or next to another part of a name:
//   «Вера в себя вернулась», «Любовь к музыке» and the song «Надежда» stay, «мою подругу зовут
//   Вера» and «Вера Павловна» go.
// - A patronymic (-ович, -евич, -овна, -евна and their case forms) is a name; -ич, -ична,
//   -инична ("Ильич", "Ильинична") only next to a first name.
// - A capitalised word the dictionary does not know, mid-sentence, with a surname ending (-ов,
//   -ева, -ин, -ский, -енко, -ук, -швили...) is a surname; next to a name, initials or a
//   patronymic any capitalised word that is not an ordinary word is.
// - "Слава богу" is never a name; famous writers and public figures (Толстой, Достоевский) are
//   left, with the first name beside them.
// - After "зовут" / "звать" / "имя" any capitalised word and any name in lower case count.
// - Latin-written names: a capitalised Latin word that reads as a Russian name when spelt in
//   Cyrillic ("Dasha", "Dmitry"), and two capitalised words pii.ts's `looksLikeFullName` accepts.

// About 560 nominatives, full and short forms, male and female: Russian, and Kazakh, Uzbek, Kyrgyz,
// Tatar, Bashkir, Azerbaijani, Georgian, Armenian and North Caucasian names the dictionary lacks; the
// case forms and affectionate forms are made by `caseForms` and `affectionateForms`.
const FIRST_NAMES = `
александр алексей анатолий андрей антон аркадий арсений артём артур богдан борис вадим валентин
валерий василий вениамин виктор виталий владимир владислав всеволод вячеслав геннадий георгий
герман глеб григорий давид даниил данила денис дмитрий евгений егор ефим захар иван игорь илья
кирилл константин лев леонид лука макар максим марк матвей мирон михаил никита николай олег павел
пётр платон родион роман ростислав руслан савелий святослав семён сергей станислав степан тимофей
тимур фёдор филипп эдуард эрик юрий яков ян ярослав
саша саня шура алёша лёша толя андрюша тоша боря валера вася витя вова володя влад слава гена
гоша жора гриша даня дима митя женя ваня илюша костя лёва макс миша коля паша петя рома серёжа
стас стёпа тёма федя юра ярик эдик сёма вадик виталик
сашка лёшка вовка димка женька ванька колька пашка петька гришка мишка серёжка славка
александра алина алиса алла алёна анастасия ангелина анна антонина арина валентина валерия
варвара василиса вера вероника виктория галина дарья диана ева евгения екатерина елена
елизавета жанна зинаида злата зоя инна ирина карина кира кристина ксения лариса лидия любовь
людмила майя маргарита марина мария марья милана надежда наталья наталия нина оксана олеся ольга
полина раиса регина светлана снежана софия софья таисия тамара татьяна ульяна эвелина элина
эльвира юлия яна ярослава эмилия стефания виолетта дарина есения мирослава агата фаина римма
настя аня валя лера варя вика галя даша катя лена лиза ира ксюша лида люба люда мила маша надя
наташа оля поля рита света соня тома таня уля юля тоня зина нюша катюша танюша
машка дашка танька катька ленка олька юлька наташка светка ирка галка
айгуль гульнара динара алия асель камила лейла диляра лилия роза зарина мадина амина лиана ника
лада марат рустам айдар азамат дамир ерлан нурлан фарид шамиль эльдар тагир ринат ильдар алишер
жандос ержан ербол нурсултан нуржан бауыржан асхат арман арсен азат айбек айдос алмас алибек
алтынбек аслан бекзат бахыт галымжан даурен данияр ерасыл ермек жанибек жасулан кайрат куаныш мади
максат мейрам мухтар нурбол нуркен олжас санжар серик серикбол талгат чингиз ильяс айгерим айжан
айнур акбота аружан асем газиза гульмира гульнур гульжан дильназ жанар жансая жулдыз замира индира
карлыгаш курманжан куралай ляззат меруерт молдир назерке назгуль нургуль салтанат сания сауле
томирис улжан шынар эльмира фаррух фарход шахзод сардор бахтиёр бехзод дилшод жасур жахонгир
журабек зафар искандар исломбек комил мансур мирзо мухаммад нодир отабек равшан сухроб улугбек
хуршид шерзод шохрух эркин азиз акмал анвар бобур даврон достон ильхом нигора дилноза дилфуза
гулнора гульчехра камола лобар мафтуна мохира мунира нилуфар нодира севара феруза хилола шахноза
шахло юлдуз зухра гулшан мехрибон кетеван нино тамар манана мзия натела ниноца тинатин гиорги гига
гоги леван зураб ираклий нодар реваз шота вахтанг автандил бесик мераб бадри ашот айк армен ваагн
гагик геворг карен левон микаел норайр овик рубен сурен тигран эдгар арутюн арев астхик гаяне
карине лилит нарине сирануш татевик шушаник хадижат патимат аминат зайнаб зарема зульфия луиза
марьям нажабат написат разият сабина салимат умукусум хава хеда залина фатима айшат асият магомед
ахмед абдулла абубакар адам ахмад ибрагим иса исмаил курбан мурад назир рамзан расул саид тамерлан
умар хусейн юсуп ясин алихан заур рамиль ильнур ильшат айрат радик рафаэль рифат фанис фарит
ильгиз ильназ ранис гульшат гузель гульназ айсылу алсу ильсия ильмира лейсан ляйсан миляуша рузиля
чулпан энже айзиля эльнур эльчин орхан турал рашад фуад вугар джавид гусейн керим самир теймур
фарида гюнай гюльнар севиндж бакыт бекболот адилет эрмек жыргал чынгыз айпери айзада бермет
бегимай жылдыз чолпон
`;

// Names that are also common words: their forms count only mid-sentence or beside a surname or
// patronymic.
const AMBIGUOUS_NAMES = new Set(
  `вера надежда любовь люба слава роман лев лука мила роза лилия виктория ника лада тома
  галка славка мишка серёжка лиана`.split(/\s+/).filter(Boolean),
);
// Single case forms of other names that are common words: "марка" (Марк), "поле" (Поля),
// "кости" (Костя), "вали" (Валя), "вари" (Варя), "тема" (Тёма written without ё), "галочка" (Галя).
const AMBIGUOUS_FORMS = new Set(
  `марка марку марке марки поля поли поле полю полей кости костей вали вари гены гене сани лени
  тема темы теме тему темой галочка галочки галочке галочку галочкой`.split(/\s+/).filter(Boolean),
);

// Stems that lose a vowel: Павел → Павла, Лев → Льва.
const FLEETING_STEMS: Record<string, string> = { павел: "павл", лев: "льв" };

/** The nominative and common case forms of a first name (lower case, ё as е). */
function caseForms(nominative: string): string[] {
  const name = nominative.replace(/ё/g, "е");
  if (name === "любовь") return [name, "любови", "любовью"];
  if (name.endsWith("ия")) {
    const stem = name.slice(0, -2);
    return [name, `${stem}ии`, `${stem}ию`, `${stem}ией`];
  }
  const stem = name.slice(0, -1);
  if (name.endsWith("а")) {
    const genitive = /[гкхжшщч]$/.test(stem) ? "и" : "ы";
    const instrumental = /[жшщчц]$/.test(stem) ? "ей" : "ой";
    return [name, stem + genitive, `${stem}е`, `${stem}у`, stem + instrumental];
  }
  if (name.endsWith("я")) return [name, `${stem}и`, `${stem}е`, `${stem}ю`, `${stem}ей`];
  if (name.endsWith("ий")) {
    const base = name.slice(0, -2);
    return [name, `${base}ия`, `${base}ию`, `${base}ием`, `${base}ии`];
  }
  if (name.endsWith("й") || name.endsWith("ь")) {
    return [name, `${stem}я`, `${stem}ю`, `${stem}ем`, `${stem}е`];
  }
  if (/[бвгджзклмнпрстфхцчшщ]$/.test(name)) {
    const base = FLEETING_STEMS[name] ?? name;
    const instrumental = /[жшщчц]$/.test(base) ? "ем" : "ом";
    return [name, `${base}а`, `${base}у`, base + instrumental, `${base}е`];
  }
  return [name];
}

const AFFECTIONATE_SUFFIXES = ["очка", "ечка", "енька", "онька", "уля", "юша", "уся"];

/** Affectionate forms: Лена → Леночка, Катя → Катенька, Маша → Машуля, Артём → Артёмка. */
function affectionateForms(nominative: string): string[] {
  const name = nominative.replace(/ё/g, "е");
  if (/[иь]я$/.test(name)) return []; // from the short form: Мария → Маша → Машенька
  if (/[ая]$/.test(name)) return AFFECTIONATE_SUFFIXES.map((suffix) => name.slice(0, -1) + suffix);
  if (/[бвгджзклмнпрстфхцчшщ]$/.test(name)) return [`${name}ка`];
  return [];
}

interface NameForm {
  ambiguous: boolean;
}

let nameForms: Map<string, NameForm> | undefined;

/** Every known form, lower case with ё as е (built on first use). */
function knownNameForms(): Map<string, NameForm> {
  if (nameForms) return nameForms;
  const forms = new Map<string, NameForm>();
  for (const nominative of FIRST_NAMES.split(/\s+/).filter(Boolean)) {
    const ambiguous = AMBIGUOUS_NAMES.has(nominative);
    const affectionate = ambiguous ? [] : affectionateForms(nominative);
    for (const form of [nominative, ...affectionate].flatMap(caseForms)) {
      const known = forms.get(form);
      forms.set(form, { ambiguous: ambiguous || (known?.ambiguous ?? false) });
    }
  }
  return nameForms = forms;
}

const PATRONYMIC =
  /^\p{L}{3,}(?:ович|евич|ёвич)(?:а|у|ем|е)?$|^\p{L}{3,}(?:овн|евн|ёвн)(?:а|ы|е|у|ой)$/u;
// Also the spoken "Иваныч", "Саныч".
const WEAK_PATRONYMIC = /^\p{L}{2,}(?:[иы]ч(?:а|у|ем|е)?|ичн(?:а|ы|е|у|ой))$/u;
// Words that end like patronymics.
const NOT_PATRONYMICS = new Set(
  "царевна королевна царевич королевич виновна условна безусловна греховна духовна любовна"
    .split(" "),
);

const SURNAME =
  /(?:(?:ов|ев|ёв|ин|ын)(?:а|у|ым|ом|е|ой|ою|ых|ыми|ы)?|(?:ск|цк)(?:ий|ой|ая|ого|ому|им|ом|ую|ие|их|ими)|енко|ко|дзе|швили|ых|их|(?:ук|юк|чук|ян|янц|ич|ец|ман|берг|штейн)(?:а|у|ом|ем|е)?)$/u;
// Surname endings no ordinary Russian word has, for surnames typed in lower case.
// The «-ов»/«-ев» forms only from eight letters: «здарова», «розмову», «десятиметровой» are not.
const LOWER_SURNAME = /(?:швили|дзе|ян(?:а|у|ом|ы|ов|ам)?|янц|енко|^\p{L}{5,}(?:ов|ев)(?:а|у))$/u;
// "..., Слава богу": the word, not a name.
const IDIOM_AFTER = /^(?:богу|господу)$/iu;
const NAME_TRIGGER = /^(?:зовут|звать|зови|зовите|звали|имя|кличут|величают)$/u;
// «фамилия у меня смешная — Непейпиво», «моя фамилия Шевчук», «по мужу Шевчук», «девичья
// Ковальчук»: a surname follows, whatever the dictionary says of it.
const SURNAME_LABEL =
  /(?<!\p{L})(?:фамили(?:я|ю|ей|и)(?:\s+\p{Ll}+){0,3}\s*[:—–-]|мо[яю]\s+фамили[яю]|фамилия\s+(?:у\s+меня|моя)(?:\s+\p{Ll}+){0,2}|фамили[яю]\s+(?=$)|по\s+мужу|девичья|в\s+девичестве)\s*$/iu;
// «Волк по фамилии»: the label after the surname.
// «Цой моя фамилия», «Есенина я по мужу», «Шевчук, не тот»: a surname, even a famous one.
const SURNAME_LABEL_AFTER =
  /^\s*,?\s*(?:по\s+фамилии|мо[яю]\s+фамили[яю]|я\s+по\s+(?:мужу|паспорту|отцу)|[.!]?\s*это\s+(?:моя\s+)?фамилия)/iu;
// The same said of a word the dictionary knows as a surname: «Шевчук, не тот», «Есенина по мужу».
const SURNAME_HINT_AFTER =
  /^\s*,?\s*(?:по\s+(?:мужу|паспорту|отцу)|не\s+т(?:от|ех|а|ой|е)(?!\p{L}))/iu;
// «Я Гоголь.», «Чайка я,»: the writer names themself by a surname.
const SELF_SURNAME_BEFORE = /(?:^|[.!?…]\s*)я\s+$/iu;
const SELF_SURNAME_AFTER = /^\s*[.,!…]/u;
const SURNAME_THEN_SELF = /^\s+я\s*[.,!…]/iu;

// Chat words the dictionary lists only as names: never a name written in lower case.
const LOWERCASE_NOT_NAMES = new Set(
  "анон джун миня мена лол кек вет эко ает альпин феник спартак зенит мила".split(" "),
);

// Famous people, by dictionary form: talked about, not identifying anyone in the chat.
const FAMOUS = new Set(
  `пушкин толстой достоевский чехов гоголь лермонтов тургенев булгаков набоков есенин
  маяковский цветаева ахматова бродский пастернак мандельштам блок горький солженицын шолохов
  куприн бунин грибоедов крылов некрасов тютчев островский шукшин стругацкий пелевин азимов
  толкин роулинг кинг ремарк хемингуэй фрейд юнг франкл ленин сталин путин ельцин горбачев
  брежнев хрущев гагарин менделеев павлов ломоносов высоцкий цой пугачева киркоров земфира лепс
  шевчук гребенщиков чайковский рахманинов шостакович айвазовский левитан шишкин репин малевич
  каренина карамазов онегин печорин раскольников обломов поттер холмс`.split(/\s+/).filter(
    Boolean,
  ),
);

// The given names the famous go by: «Юрий Шевчук» is the singer, «Денис Шевчук» someone's
// neighbour. Keys are FAMOUS entries; a surname missing here stays famous beside any name.
const FAMOUS_GIVEN: Record<string, string[]> = {
  пушкин: ["александр"],
  толстой: ["лев", "алексей", "татьяна"],
  достоевский: ["федор"],
  чехов: ["антон"],
  гоголь: ["николай"],
  лермонтов: ["михаил"],
  тургенев: ["иван"],
  булгаков: ["михаил"],
  набоков: ["владимир"],
  есенин: ["сергей"],
  маяковский: ["владимир"],
  цветаева: ["марина"],
  ахматова: ["анна"],
  бродский: ["иосиф"],
  пастернак: ["борис"],
  мандельштам: ["осип"],
  блок: ["александр"],
  горький: ["максим"],
  солженицын: ["александр"],
  шолохов: ["михаил"],
  куприн: ["александр"],
  бунин: ["иван"],
  грибоедов: ["александр"],
  крылов: ["иван"],
  некрасов: ["николай"],
  тютчев: ["федор"],
  шукшин: ["василий"],
  стругацкий: ["аркадий", "борис"],
  пелевин: ["виктор"],
  кинг: ["стивен"],
  ремарк: ["эрих"],
  фрейд: ["зигмунд"],
  юнг: ["карл"],
  франкл: ["виктор"],
  ленин: ["владимир"],
  сталин: ["иосиф"],
  путин: ["владимир"],
  ельцин: ["борис"],
  горбачев: ["михаил"],
  брежнев: ["леонид", "вера"],
  хрущев: ["никита"],
  гагарин: ["юрий", "полина"],
  менделеев: ["дмитрий"],
  ломоносов: ["михаил"],
  высоцкий: ["владимир"],
  цой: ["виктор"],
  пугачева: ["алла"],
  киркоров: ["филипп"],
  лепс: ["григорий"],
  шевчук: ["юрий"],
  гребенщиков: ["борис"],
  чайковский: ["петр"],
  рахманинов: ["сергей"],
  шостакович: ["дмитрий"],
  айвазовский: ["иван"],
  шишкин: ["иван"],
  репин: ["илья"],
  малевич: ["казимир"],
  каренина: ["анна"],
  онегин: ["евгений"],
  печорин: ["григорий"],
  раскольников: ["родион"],
  обломов: ["илья"],
  поттер: ["гарри"],
  холмс: ["шерлок"],
};

/** The famous person's given names and their everyday forms, or null when not listed. */
function famousGivenNames(lower: string, lemmas: readonly string[]): Set<string> | null {
  const key = [lower, ...lemmas].find((form) => FAMOUS_GIVEN[form] !== undefined) ??
    Object.keys(FAMOUS_GIVEN).find((name) => {
      const stem = name.replace(/(?:ий|ой|ый|ая|а|ь|й)$/u, "");
      return lower.startsWith(stem) && FAMOUS_ENDING.test(lower.slice(stem.length));
    });
  if (key === undefined) return null;
  return new Set(FAMOUS_GIVEN[key]!.flatMap((name) => [name, ...everydayForms(name)]));
}

// What famous people are known as: «поэт Есенин», «писатель Толстой», «певец Шевчук».
const FAME =
  /^(?:поэт|писател|певец|певиц|певц|актер|актёр|актрис|режисс|художник|композитор|президент|философ|музыкант|рэпер|рокер|автор|классик|генсек|вожд|космонавт)/u;

// Honorifics after a name: «Гулнора опа», «Фарход-ака», «Гузель-апа».
const HONORIFICS = new Set(
  "апа ака опа ага джан хон эже апай агай абый абзый тата".split(" "),
);
// Relations before a name: «брат Шерзод», «с дядей Мыколой», «подруга Dasha».
const RELATION =
  /^(?:брат|сестр|мам|пап|мать|матер|отец|отц|сын|доч|муж|жен[аеуы]|женой|парн|парень|девушк|друг|друз|подруг|сосед|коллег|начальни|шеф|т[её]т|дяд|дед|бабушк|баб[аеуы]|бабой|внук|внучк|племянни|свекров|т[её]щ|св[её]кр|тест[ьяюе]|золовк|невестк|зят|одноклассни|одногруппни|однокурсни|учител|преподавател|препод|врач|психолог|терапевт|тренер|завуч|директор|бывш|любим|знаком|приятел|товарищ|напарни|бригадир|куратор|классн|младш|старш)\p{L}*$/u;
// A relative or someone close, in the nominative: a name in apposition follows.
const KIN_NOMINATIVE =
  /^(?:муж|жена|брат|братик|братишка|сестра|сестр[её]нка|мама|мать|папа|отец|т[её]тя|дядя|дед|дедушка|бабушка|бабуля|баба|подруга|подружка|друг|дружок|сосед|соседка|девушка|парень|сын|сынок|дочь|дочка|коллега|начальник|начальница|свекровь|св[её]кор|тесть|т[её]ща|золовка|невестка|зять|племянник|племянница|внук|внучка|кум|кума|одноклассник|одноклассница|однокурсник|однокурсница|бывший|бывшая|отчим|мачеха|жених|невеста)$/u;
// Roles a surname follows that RELATION lacks: «физрук Орёл», «сержант Воробьёв».
const ROLE =
  /^(?:(?:физрук|сержант|прапорщик|командир|мастер|хирург|нотариус|логопед|декан|ректор|замдиректор|босс|менеджер|администратор|риелтор|репетитор|методист)(?:а|у|ом|е|ы|ов|ам|ами|ах)?|(?:старшин|медсестр|соседк|одноклассниц|начальниц|учительниц|классух|старост)(?:а|ы|е|у|ой)|(?:ротн|взводн|участков)(?:ый|ого|ому|ым|ом)|(?:следовател|воспитател|арендодател)(?:ь|я|ю|ем|е|ьница|ьницы)|вожат(?:ый|ая|ого|ой)|владел(?:ец|ьца|ьцу|ьцем|ица|ицы))$/u;
// ", мой одногруппник": an apposition after a name.
const APPOSITION =
  /^\s*,\s*(?:мой|моя|моё|мое|мои|моего|моей|моему|наш|наша|наше|наши|нашего|нашей|твой|твоя|его|её|ее|их)\s/u;
// Jobs among RELATION's words: only they take a complement before a surname («учитель физики
// Пак»), relatives do not («у дочки синдром Дауна»).
const JOB =
  /^(?:учител|преподавател|препод|начальни|директор|тренер|врач|завуч|куратор|бригадир|сосед|коллег|классн|психолог|терапевт)\p{L}*$/u;
// «из параллельного класса», «из бухгалтерии», «из соседнего подъезда»: a group of people.
const GROUP_AFTER =
  /^\s+(?:с\s+\p{Ll}+(?:ого|его)\s+(?:этаж|подъезд)|из\s+(?:\p{Ll}+(?:ого|его|ой|ей|их|ых)\s+)?(?:класс|параллел|групп|бухгалтери|отдел|подъезд|двор|офис|цех|бригад|смен|команд|секци|общаг|комнат|палат|кафедр|деканат|садик|квартир))\p{L}*/u;
// A woman's surname form, which as a possessive adjective would need a noun after it.
const FEMININE_SURNAME = /(?:ова|ева|ина|ская|цкая)$/u;
// «Щукина, соседка по площадке, …», «Воробьёв, сержант роты»: a role noun in apposition.
const ROLE_APPOSITION = /^\s*,\s*(?:бывш\p{L}*\s+|старш\p{L}*\s+|главн\p{L}*\s+)?(\p{L}+)/u;
// What people do: a capitalised word that does it is a person («Роман из отдела предложил»,
// «Шахзод обещал»), not a novel («Роман вышел»), a feeling («Надежда умирает») or a word.
const HUMAN_VERBS = new Set(
  `сказать говорить написать писать ответить отвечать позвонить звонить обещать пообещать
  предложить предлагать спросить спрашивать приехать уехать переехать
  поссориться ругаться поругаться обидеть обижать накричать кричать орать плакать смеяться
  заметить принести заболеть уволить уволиться считать думать работать
  учиться пить бить избить позвать звать игнорировать подвезти родить жениться развестись врать
  обмануть просить попросить прислать отправить выслушать пригласить подарить обнять поцеловать
  встретить дружить переживать волноваться злиться ревновать угрожать караулить преследовать
  травить рассказать рассказывать узнать`.split(/\s+/).filter(Boolean),
);
// Pets have names too, and they are nobody's personal data: «мой кот Барсик заболел».
const PET =
  /^(?:кот|кош|котик|котён|котен|пёс|пес|пс[аеуо]|собак|собач|щен|попуга|хомяк|крол|черепах|рыбк|лошад|кон[ьяюе])\p{L}*$/u;
// Chat words written with a capital at the start of a sentence that no dictionary knows.
const CAPITALISED_NOT_NAMES = new Set(
  `щас ща чё че шо капец кароч крч ваще норм пжлст плз спс пасиб спасиб прив привки ок окей
  лан ладн мб хз имхо кст кстати збс жиза жесть блин пипец ужас лол кек ору`.split(/\s+/)
    .filter(Boolean),
);
// Given names of Central Asia and the Caucasus the dictionary may lack: by their endings.
const CIS_NAME = /(?:жон|жан|зод|бек|бай|хон|гуль|нора|мурод|улло|улла|иддин|уддин|гали|болат)$/u;
// Diminutive and colloquial suffixes, after the case ending is taken off: Ксюх(а), Полинк(е).
const CASE_ENDING = /(?:ами|ями|ой|ей|ою|ом|ем|ам|ах|а|я|е|и|у|ю|ы)$/u;
const DIMINUTIVE =
  /(?:ечк|очк|оньк|еньк|ушк|юшк|ульк|уль|юль|ул|юл|ус|юс|уш|юш|чик|ик|ок|ёк|ек|к|х|ш)$/u;
const NAME_ENDINGS = ["", "а", "я", "ша", "ня", "ся", "ля", "на", "ия", "ий", "й"];

/** A given name's pet form in any case: a listed one («жека», «вовчиком») or one made up. */
function petName(lower: string, loose = false): boolean {
  const stem = lower.replace(CASE_ENDING, "");
  const ending = lower.slice(stem.length);
  // (The case ending must fit: «ваной» is no form of «ваня».)
  const listed = [
    lower,
    ...(/^(?:а|ы|е|у|ой|ою)$/u.test(ending) ? [stem + "а"] : []),
    ...(/^(?:я|и|е|ю|ей|ею)$/u.test(ending) ? [stem + "я"] : []),
  ];
  if (listed.some((form) => everydayForms(form).length > 0)) return true;
  // A suffix on a common name, not an ambiguous one: «тимурчик», «айгульки», «катюхой» (not
  // «мотике», «симку»: a short base; not «петух»: «-х» only with a case ending).
  return PET_NAME_SUFFIXES.some((suffix) => {
    if (!stem.endsWith(suffix) || (suffix === "х" && (ending === "" || !/[юу]х$/u.test(stem)))) {
      return false;
    }
    const soft = stem.slice(0, -suffix.length);
    const base = soft.replace(/ь$/u, "");
    // («соньк» → «соня»: a soft sign before the suffix keeps a three-letter base; any where a
    // person is meant.)
    const least = loose || suffix.length >= 3 || suffix === "х" || soft !== base ? 3 : 4;
    if (base.length < least) return false;
    return (loose ? LOOSE_NAME_ENDINGS : NAME_ENDINGS).some((nameEnding) => {
      const known = knownNameForms().get(base + nameEnding);
      return (known !== undefined && !known.ambiguous) ||
        everydayForms(base + nameEnding).length > 0;
    });
  });
}
const PET_NAME_SUFFIXES = "чик ечк очк оньк еньк ушк юшк ик ок ек к х юш уш".split(" ");
// «алсушка» → Алсу, «руслик» → Руслан, «тамик» → Тамара.
const LOOSE_NAME_ENDINGS = [...NAME_ENDINGS, "у", "ан", "ат", "ара", "ий", "ения", "ель"];

/** Whether an unknown word is a known given name with a diminutive suffix: Ксюха, Полинке. */
function diminutiveOfName(lower: string): boolean {
  const stem = lower.replace(CASE_ENDING, "");
  const bases = new Set([stem, stem.replace(DIMINUTIVE, "")]);
  for (const base of bases) {
    if (base.length < 2) continue;
    for (const ending of NAME_ENDINGS) {
      const name = base + ending;
      if (name === lower || name.length < 3) continue;
      const info = nameInfo(name);
      if (info?.given && info.reading !== "word") return true;
    }
  }
  return false;
}

interface Word {
  text: string;
  start: number;
  end: number;
  /** "И." — one capital letter and a dot. */
  initial: boolean;
}

const WORDS = /\p{L}+(?:-\p{L}+)*/gu;
const POSSESSIVE_BETWEEN = /^(?:наш|наша|мой|моя|твой|твоя|ваш|ваша|их|его|е[её]|свой|своя)$/iu;
// "работаю в", "учусь на", "устроилась в", "уволили из", "подрабатываю курьером в", "у нас в",
// "взяли в", "закончила", "отчислили из", "на 3 курсе", "на биофаке", and up to two words more:
// an employer or a school.
const WORKPLACE_BEFORE =
  /(?<!\p{L})(?:(?:(?:\d|перв|втор|трет|четв[её]рт|пят|шест)\p{L}*\s+курс\p{L}*|\p{L}*фак\p{L}*|факультет\p{L}*|кафедр\p{L}*)|(?:взял\p{L}*|работа\p{L}*|подрабатыва\p{L}*|труж\p{L}*|вкалыва\p{L}*|паш(?:у|ет|ем)|уч(?:усь|ится|ишься|ился|илась|ились|атся)|устро\p{L}*|поступ\p{L}*|уволи\p{L}*|стажир\p{L}*|отчисл\p{L}*|перевел\p{L}*|перевёл\p{L}*)(?:\s+\p{Ll}+)?\s+(?:в|во|на|из)|у\s+нас\s+(?:в|во|на)|(?:законч|оконч)\p{L}*)\s+(?:\p{Ll}+\s+){0,2}$/iu;
// A work or study verb right before the preposition: «работаю в», «учусь во», «уволилась из».
const WORK_VERB_BEFORE =
  /(?<!\p{L})(?:работа\p{L}*|подрабатыва\p{L}*|уч(?:усь|ится|ишься|ился|илась|ились|атся)|устро\p{L}*|поступ\p{L}*|уволи\p{L}*|стажир\p{L}*|отчисл\p{L}*|взял\p{L}*|сократил\p{L}*)\s+(?:в|во|из)\s+$/iu;
// Kinds of place in slang, no employer: «в универ», «в айти», «в ритейле», «в декрет».
const SLANG_PLACE =
  /^(?:универ|униве|ритейл|ретейл|айти|декрет|общаг|садик|шараг|вуз|колл?едж|техникум|офис|фриланс|удаленк|удалёнк|маркетплейс|доставк|такси|магаз|супермаркет|кофейн|пиццери|кафешк|салон|стартап|госуслуг|бюджетник)\p{L}*$/iu;
// Kinds of workplace or place that name no employer, and phrases that only look like a place
// («в итоге», «в основном»): not masked before a role («в магазине кассиром», «в итоге курьером»).
const GENERIC_PLACE = new RegExp(
  "^(?:(?:школ|больниц|поликлиник|магазин|офис|банк|кафе|ресторан|столов|склад|завод|фабрик|фирм|" +
    "компани|контор|салон|аптек|садик|детсад|универ|институт|техникум|вуз|арми|полици|" +
    "деревн|город|посел|район|област|стран|такси|доставк|стройк|шахт|клиник|госпитал|лаборатори|" +
    "редакци|бюро|отдел|порт|рынк|рынок|супермаркет|автосервис|сервис|парикмахерск|колл|больничк|" +
    "гостиниц|отел|хостел|монастыр|музе|библиотек|театр|церкв|храм|мечет|администраци|мэри|частн|" +
    "государствен|бюджетн|торгов|маленьк|крупн|итог|основн|принцип|конц|начал|результат|прошл|" +
    "будущ|детств|молодост|юност|отпуск|декрет|смен|ночн|дневн|семейн|интернет|онлайн|удален|" +
    "удалён|москв|питер|айти|сел[оеау]?$|цех|бар[еуа]?$|суд[еуа]?$|дом[еуа]?$|сет[иь]$|ит$)\\p{L}*|" +
    "этом|этой|том|той|одном|одной|мо[её]м|моей|тво[её]м|твоей|сво[её]м|своей|нашем|нашей|вашем|" +
    "вашей|их|другом|другой|новом|новой|старом|старой|большом|большой|первом|первой|общем|целом|" +
    "семье|it)$",
  "iu",
);
// ---------------------------------------------------------------------------------------------
// The place right after a work or study verb and its preposition, in any case of letters:
// «работаю в шоколаднице», «учусь в суворовском училище» (a name before a kind of place), «в
// колледже связи», «в офисе мегафона» (a kind of place, then whose), «взяли в альфа банк». Not a
// kind of place alone («в магазине»), a city («в Москве»), a role («в магазине кассиром») or how
// one works («на износ», «в две смены»).

const WORK_THEN_PLACE =
  /(?<!\p{L})(?:(?:работа(?:ю|ет|ем|ешь|ют|ла|л|ли|ть)|подрабатыва\p{L}*|тружусь|труди\p{L}*|вкалыва\p{L}*|паш(?:у|ет|ем|ут)|пахал\p{L}*|устроил\p{L}*|уволил\p{L}*|уволили|стажиру\p{L}*)(?:\s+\p{Ll}+(?:ом|ем|ой|ей|ым|им|ами))?\s+(?:в|во|на|из)|(?:уч(?:усь|ится|ишься|ился|илась|ились|атся|имся)|поступил\p{L}*|отчислили)\s+(?:в|во|из))\s+$/iu;
const WORK_OR_STUDY_VERB =
  /(?<!\p{L})(?:работа|подрабатыва|тружусь|труди|вкалыва|паш[уе]|пахал|устроил|уволил|стажиру|уч[иаую]|поступил|отчислили)\p{L}*\s+(?:\p{L}+\s+)?(?:в|во|на|из)\s/iu;
const INSTITUTION =
  /^(?:завод|фабрик|комбинат|магазин|офис|салон|аптек|колледж|техникум|училищ|почт|банк|больниц|поликлиник|отделени|цех|склад|депо|кафе|ресторан|столов|клиник|госпитал|институт|университет|универ|академи|школ|гимнази|лице|садик|детсад|библиотек|театр|музе|компани|фирм|контор|агентств|центр|бюро|редакци|типографи|лаборатори|гостиниц|отел|пекарн|кофейн|пиццери|супермаркет|гипермаркет|автосервис|шахт|рудник|порт|аэропорт|вокзал|администраци|суд|прокуратур|отдел|мед|пед|политех|сеть|сети)\p{L}*$/iu;
// How or when one works, not where: «на себя», «на износ», «в две смены», «в ночь».
const NOT_A_WORKPLACE =
  /^(?:себя|износ|дому|полставки|ставку|пол|полную|смену|смены|сменах|ночь|ночную|ночных|ночные|день|две|три|двух|трех|трёх|выходные|праздники|минус|плюс|долг|основном|итоге|общем|целом|принципе|тишине|команде|паре|одиночку|одиночестве|режиме|поле|поля|полях|городе|деревне|селе|стране|районе|области|центре|удаленке|удалёнке|удаленку|удалёнку|декрете|отпуске|больничном|пенсии|армии|тюрьме|колонии|вахте|вахту|смене|сезон|сезоне|жаре|холоде|тепле|очереди|одну|одной|одном|двоих|троих|нем|ней|них|этом|этой|том|той|тот|ту|то|это|эту|свою|своей|своем|своём|моей|моем|моём|твоей|нашей|нашем|вашей|их|него|неё|нее|мужа|жены|маму|папу|основе|связи|бюджете|контракте|руках|ногах|выезде|подработке|подработку|подхвате|подмену|замену|неделю|месяц|год|кредит|рассрочку|налог|черную|чёрную|белую|серую)$/iu;
const TIME_OR_MANNER =
  /^(?:целый|целую|целые|весь|всю|все|каждый|каждую|каждые|днем|днём|ночью|утром|вечером|сутками|недавно|давно|уже|ещё|еще|тоже|также|сейчас|теперь|пока|до|после|с|у|и|а|но|на|в|по|за|где|что|как|когда|который|которая|которой|которое)$/iu;

function workplacePhraseSpans(text: string): Span[] {
  const spans: Span[] = [];
  // (Most messages have no work or study verb: the words are not read then.)
  if (!WORK_OR_STUDY_VERB.test(text)) return spans;
  const words = [...text.matchAll(/[\p{L}][\p{L}.-]*[\p{L}]|\p{L}/gu)];
  // Word k when only spaces stand before it (the phrase ends at punctuation).
  const at = (k: number) => {
    const w = words[k];
    const previous = words[k - 1];
    return w !== undefined && previous !== undefined &&
        /^\s+$/u.test(text.slice(previous.index + previous[0].length, w.index))
      ? w
      : undefined;
  };
  const lower = (k: number) => words[k]![0].toLowerCase().replace(/ё/g, "е");
  const end = (k: number) => words[k]!.index + words[k]![0].length;
  words.forEach((m, i) => {
    if (!WORK_THEN_PLACE.test(text.slice(Math.max(0, m.index - 48), m.index))) return;
    const first = lower(i);
    if (NOT_A_WORKPLACE.test(first) || TIME_OR_MANNER.test(first)) return;
    if (ANY_ADJECTIVE_FORM.test(first) && first.length >= 5) {
      // A name before a kind of place («суворовском училище», «кировском заводе»), not what kind
      // it is («в детском отделе», «в хорошую пекарню»).
      if (!/^\p{Lu}/u.test(m[0]) && !namedAdjective(first)) return;
      let k = i + 1;
      while (at(k) && ANY_ADJECTIVE_FORM.test(lower(k)) && k < i + 3) k++;
      if (at(k) && INSTITUTION.test(lower(k))) spans.push(span("organization", m.index, end(k)));
      return;
    }
    if (INSTITUTION.test(first)) {
      // A kind of place, then whose («колледже связи», «офисе мегафона»; with its adjective:
      // «техникуме железнодорожного транспорта»); not what it sells («магазине одежды»).
      const second = at(i + 1);
      if (!second) return;
      const next = lower(i + 1);
      const info = nameInfo(next);
      if (
        TIME_OR_MANNER.test(next) || NOT_A_WORKPLACE.test(next) || GOODS.test(next) ||
        info?.verb || info?.role || info?.place || ROLE_SUFFIX.test(next) ||
        (info !== null && info.reading === "word" && !info.nominal) ||
        !/(?:а|я|ы|и|ов|ев|ей|ых|их|ого|его)$/u.test(next) || /(?:к|ц)а$/u.test(next)
      ) {
        return;
      }
      const last = ANY_ADJECTIVE_FORM.test(next) && at(i + 2) ? i + 2 : i + 1;
      spans.push(span("organization", second.index, end(last)));
      return;
    }
    // A name of its own no dictionary reads as an everyday word («в читай-городе», «в
    // газпромнефти»), and a kind of place right after it («альфа банк»).
    const info = nameInfo(first);
    if (info !== null && info.reading !== "unknown" && !info.organization) return;
    // (Nor a kind of place written as one word: «колл-центре», «рыбзаводе», «автомойке».)
    if (SLANG_PLACE.test(first) || GENERIC_PLACE.test(first) || KIND_INSIDE.test(first)) return;
    const last = at(i + 1) && INSTITUTION.test(lower(i + 1)) ? i + 1 : i;
    spans.push(span("organization", m.index, end(last)));
  });
  return spans;
}
/** An adjective made from a place's or a person's name: «кировском», «суворовском», «казанском». */
function namedAdjective(word: string): boolean {
  const m = /^(\p{L}{3,}?)(?:ск|цк)(?:ий|ой|ая|ое|ого|ому|им|ом|ую|ие|их|ими|ей)$/u.exec(word);
  if (!m || /ическ$/u.test(m[1]! + "ск")) return false;
  const stem = m[1]!;
  return [stem, `${stem}ь`, `${stem}а`, `${stem}я`, `${stem}ов`].some((candidate) => {
    const info = nameInfo(candidate);
    return info !== null && (info.place || info.surname || info.given);
  });
}

const KIND_INSIDE = /(?:завод|центр|мойк|комбин|сервис|маркет|цех|склад|магаз)/iu;
// What a shop sells, not whose it is: «в магазине одежды», «в салоне красоты».
const GOODS =
  /^(?:одежды|обуви|продуктов|техники|электроники|мебели|цветов|игрушек|косметики|красоты|связи|сотовой|запчастей|стройматериалов|книг|сантехники|тканей|подарков|табака|алкоголя|напитков|хлеба|мяса|рыбы|овощей|фруктов|ремонта|быта|питания|здоровья|игры|игр)$/iu;

// A role right after the place («в додо пиццамейкером», «в вб курьером»): the dictionary's
// person nouns in the instrumental, or the suffix of an agent noun (the dictionary lacks many and
// reads «модератор» as a thing).
const ROLE_SUFFIX =
  /(?:ер|ор|ёр|ист|щик|чик|ник|тель|ант|ент|лог|граф|мейкер|лер|ар)ом$|(?:ниц|щиц|тк|рш|есс|их|к)ей$|(?:тк|ниц|щиц|есс)ой$/iu;
// A part of a workplace after it («в пятёрочке на складе», «на каспи в поддержке»).
const WORKPLACE_PART =
  /^[\s,]*(?:в|во|на)\s+(?:склад|конвейер|поддержк|пвз|колл?-?центр|выдач|касс|производств|кухн|участк|цех|ресепшен|аэс|раздач|приемк|приёмк|сборк|линии|проходн)\p{L}*/iu;
const BARE_IN_OR_FROM = /(?<!\p{L})(?:я|мы|сама|сам|он|она)\s+(?:в|во|из)\s+$/iu;
const STUDY_OR_WORK =
  /(?<!\p{L})(?:\p{L}*курс\p{L}*|уч(?:усь|ился|илась|имся|ишься)|сесси\p{L}*|отчисл\p{L}*|институт\p{L}*|универ\p{L}*|факультет\p{L}*|кафедр\p{L}*|студент\p{L}*|работа(?:ю|л|ла|ли|ем)|смен\p{L}*|бухгалтер\p{L}*|менеджер\p{L}*|препод\p{L}*|труж\p{L}*|отпахал\p{L}*|вкалыва\p{L}*|зарплат\p{L}*|вахт\p{L}*|начальни\p{L}*|проводни\p{L}*|повар\p{L}*|кассир\p{L}*|охранник\p{L}*|грузчик\p{L}*|медсестр\p{L}*)(?!\p{L})/iu;
// Short names in capitals that say nothing of where one is (countries, exams, diagnoses, state
// bodies): the rest, after the words above, are an employer or a school («в МТС», «КФУ»).
const COMMON_ABBREVIATIONS = new Set(
  ("США РФ СССР СНГ ЕС ООН ЕГЭ ОГЭ ВПР ВИЧ СПИД СДВГ ОКР ПТСР РПП ЗОЖ МЧС МВД ФСБ ГИБДД ДПС ЗАГС " +
    "ЖКХ ТВ ИИ IT ТЦ ТРЦ ЖК ОМС ДМС МФЦ ИП ООО ОАО ЗАО ПАО АО НКО").split(" "),
);
const ABBREVIATION = /^(?:\p{Lu}{2,6}|\p{Lu}\p{Ll}{1,3}\p{Lu}{1,4})$/u;
// Before a place: "в Питере", "из Королёва".
const PLACE_PREPOSITION = /^(?:в|во|из|под|до|около|возле|через|над|по)$/iu;
// A place or a pronoun before: «в озоне работаю», «я ливаю и расскажу» (a verb).
const AFTER_NO_NAME = /^(?:в|во|из|на|под|до|около|возле|через|над|по|я|ты|он|она|мы|вы|они)$/iu;
const CYRILLIC_WORD = /^[\p{Script=Cyrillic}-]+$/u;
const LATIN_WORD = /^[A-Za-z]+$/;

interface WordFacts {
  /** The dictionary's reading, corrected by the list where the dictionary lacks a name. */
  reading: NameReading;
  /** The list's own reading: it knows "Катя" as a name first, the dictionary as "rolling" too. */
  listed: NameReading | null;
  /** Some reading is a given name. */
  given: boolean;
  surname: boolean;
  patronymic: boolean;
  /** Also a place: "в Питере" is the city. */
  place: boolean;
  famous: boolean;
  /** A finite verb, and the dictionary forms of its readings. */
  verb: boolean;
  lemmas: string[];
  /** An abbreviation in the dictionary (мгту, вуз). */
  abbreviation?: boolean;
  /** An organisation's name in the dictionary (лукойл, мгимо). */
  organization?: boolean;
  /** A person's noun in the instrumental (курьером): the role one works in. */
  role?: boolean;
}

const NO_FACTS: WordFacts = {
  reading: "unknown",
  listed: null,
  given: false,
  surname: false,
  patronymic: false,
  place: false,
  famous: false,
  verb: false,
  lemmas: [],
};

const RANK: Record<NameReading, number> = { name: 3, maybe: 2, word: 1, unknown: 0 };

/** What is known about a word: the dictionary, the list fallback, Latin spellings. */
function factsOf(word: string): WordFacts {
  const lower = word.toLowerCase().replace(/ё/g, "е");
  if (LATIN_WORD.test(word)) {
    let best = NO_FACTS;
    for (const spelling of cyrillicSpellings(lower)) {
      const facts = factsOf(spelling);
      if (RANK[facts.reading] > RANK[best.reading]) best = facts;
    }
    return best;
  }
  const parts = lower.split("-");
  // "Гузель-апа", "Фарход-ака": a name with an honorific.
  if (parts.length === 2 && HONORIFICS.has(parts[1]!)) {
    const first = partFacts(parts[0]!);
    return { ...first, reading: first.reading === "word" ? "maybe" : "name" };
  }
  if (parts.length > 1) {
    // "Анна-Мария", "Римского-Корсакова": a name when every part is one; "кто-то" is not.
    const each = parts.map(partFacts);
    const personal = each.every((f) => f.reading === "name" || f.reading === "maybe");
    return {
      ...NO_FACTS,
      reading: personal ? (each.every((f) => f.reading === "name") ? "name" : "maybe") : "word",
      surname: personal && each.some((f) => f.surname),
      famous: each.some((f) => f.famous),
    };
  }
  return partFacts(lower);
}

// Their stems, for case forms when there is no dictionary: "Достоевского" → "достоевск".
const FAMOUS_STEMS = [...FAMOUS].map((name) => name.replace(/(?:ий|ой|ый|ая|а|ь|й)$/u, ""));
const FAMOUS_ENDING = /^(?:|а|я|у|ю|ом|ем|е|ым|им|ой|ей|ого|его|ому|ему|ых|их|и|ы|ая|ую|ий|ый)$/u;

function isFamous(lower: string, lemmas: string[] | undefined): boolean {
  if (FAMOUS.has(lower) || lemmas?.some((lemma) => FAMOUS.has(lemma))) return true;
  if (lemmas !== undefined) return false;
  return FAMOUS_STEMS.some((stem) =>
    lower.startsWith(stem) && FAMOUS_ENDING.test(lower.slice(stem.length))
  );
}

const FACTS = new Map<string, WordFacts>();

function partFacts(lower: string): WordFacts {
  const cached = FACTS.get(lower);
  if (cached && nameMorphologyReady()) return cached;
  const listed = knownNameForms().get(lower);
  const list: NameReading | null = listed
    ? (listed.ambiguous || AMBIGUOUS_FORMS.has(lower) ? "maybe" : "name")
    : null;
  const info = nameInfo(lower);
  const famous = isFamous(lower, info?.lemmas);
  if (info === null) return { ...NO_FACTS, reading: list ?? "unknown", listed: list, famous };
  let reading = info.reading;
  if (reading === "name" && list === "maybe") reading = "maybe";
  else if (reading === "word" && list !== null) reading = "maybe";
  else if (reading === "unknown" && list !== null) reading = list;
  const facts = {
    reading,
    listed: list,
    given: info.given,
    surname: info.surname,
    patronymic: info.patronymic,
    place: info.place,
    famous,
    verb: info.verb,
    lemmas: info.lemmas,
    abbreviation: info.abbreviation,
    organization: info.organization,
    role: info.role,
  };
  if (FACTS.size >= 50_000) FACTS.clear();
  FACTS.set(lower, facts);
  return facts;
}

/**
 * A word right after «в»/«на»/«из» with the role one works in or a part of a workplace after it
 * («в додо пиццамейкером», «в вб курьером», «на каспи в поддержке»), unless it names a kind of
 * place («в магазине кассиром»), a city, or is a name: the employer, in any case of letters.
 */
function employerBeforeRole(
  text: string,
  words: Word[],
  facts: Array<WordFacts | null>,
  i: number,
): boolean {
  const word = words[i]!;
  const next = words[i + 1];
  if (!CYRILLIC_WORD.test(word.text) || word.text.length < 2 || GENERIC_PLACE.test(word.text)) {
    return false;
  }
  if (!/(?<!\p{L})(?:в|во|на|из)\s+$/iu.test(text.slice(Math.max(0, word.start - 4), word.start))) {
    return false;
  }
  const f = facts[i];
  if (f && (f.place || f.verb || f.given || f.famous)) return false;
  const roleNext = next !== undefined && /^\s+$/.test(text.slice(word.end, next.start)) &&
    CYRILLIC_WORD.test(next.text) &&
    (facts[i + 1]?.role === true || (ROLE_SUFFIX.test(next.text) && !/^вечер/iu.test(next.text)));
  return roleNext || WORKPLACE_PART.test(text.slice(word.end, word.end + 30));
}

function nameSpans(text: string): Span[] {
  const words: Word[] = [];
  for (const m of text.matchAll(WORDS)) {
    const end = m.index + m[0].length;
    const initial = /^\p{Lu}$/u.test(m[0]) && text[end] === ".";
    words.push({ text: m[0], start: m.index, end: initial ? end + 1 : end, initial });
  }
  // Initials, single letters and short all-capital abbreviations (ИНН, ПНД, МГУ) are no names.
  const facts = words.map((word) =>
    word.initial || word.text.length < 2 || /^\p{Lu}{2,3}$/u.test(word.text)
      ? null
      : factsOf(word.text)
  );
  const capitalised = (word: Word) => /^\p{Lu}/u.test(word.text);
  // Word i is followed by «ты», «вы», «ну», «спасибо»… (after a comma or not), or — for a
  // word that is only a name — by a comma: someone is being called («Роман, который я читаю» is
  // a novel).
  const calledBy = (i: number, onlyName: boolean) => {
    const word = words[i]!;
    const next = words[i + 1];
    const gap = next === undefined ? "" : text.slice(word.end, next.start);
    if (onlyName && /^\s*,/.test(gap)) return true;
    return next !== undefined && /^\s*,?\s+$/.test(gap) &&
      /^(?:ты|вы|тебе|тебя|вам|вас|ну|спасибо|привет)$/iu.test(next.text);
  };
  // Only spaces between (after an initial's dot, maybe none: "И.С.Петров").
  const adjacent = (a: Word | undefined, b: Word | undefined) =>
    a !== undefined && b !== undefined && a.end <= b.start &&
    /^\s*$/.test(text.slice(a.end, b.start));
  const neighboursOf = (i: number) =>
    [i - 1, i + 1].filter((j) =>
      j >= 0 && j < words.length && adjacent(words[Math.min(i, j)], words[Math.max(i, j)])
    );
  // Famous unless beside a given name the famous one does not have («Денис Шевчук»).
  const famousHere = (i: number) => {
    const f = facts[i];
    if (!f?.famous) return false;
    const known = famousGivenNames(words[i]!.text.toLowerCase().replace(/ё/g, "е"), f.lemmas);
    return known === null || !neighboursOf(i).some((j) => {
      const g = facts[j];
      if (!g?.given || g.famous || !capitalised(words[j]!)) return false;
      const forms = [words[j]!.text.toLowerCase().replace(/ё/g, "е"), ...g.lemmas];
      return !forms.some((form) => known.has(form));
    });
  };
  const famousBeside = (i: number) => neighboursOf(i).some(famousHere);
  const isPatronymic = (i: number) => {
    const word = words[i]!;
    const lower = word.text.toLowerCase();
    return capitalised(word) && !word.initial &&
      ((facts[i]?.patronymic ?? false) ||
        (word.text.length >= 6 && PATRONYMIC.test(lower) && !NOT_PATRONYMICS.has(lower)));
  };
  const isSurname = (i: number) => {
    const word = words[i]!;
    const f = facts[i];
    if (!f || !capitalised(word) || famousHere(i) || word.text.length < 3) return false;
    if (f.surname) return true;
    return word.text.length >= 4 && f.reading !== "name" && f.reading !== "word" &&
      SURNAME.test(word.text.toLowerCase());
  };

  // The words after i in its clause (up to six, to the next punctuation).
  const clauseAfter = (i: number) => {
    const after: number[] = [];
    for (let j = i + 1; j < words.length && after.length < 6; j++) {
      if (/[.!?;…,:\n—()«»"]/.test(text.slice(words[j - 1]!.end, words[j]!.start))) break;
      after.push(j);
    }
    return after;
  };
  const verbAfter = (i: number, human: boolean) =>
    clauseAfter(i).some((j) =>
      facts[j]?.verb && (!human || facts[j]!.lemmas.some((l) => HUMAN_VERBS.has(l)))
    );
  // «алсушка, сестра,», «у малики, сестры моей»: a relative in apposition after.
  // (Closed by a comma or an end, not a list: «ливаю, мама вырубила», «горы, мама, плов».)
  const kinAppositionAfter = (i: number) => {
    const m = /^\s*,\s*(\p{L}+)(?:\s+мо[йяи])?\s*(?:[,.!?…]|$)/u.exec(
      text.slice(words[i]!.end, words[i]!.end + 30),
    );
    return m !== null && KIN_NOMINATIVE.test(m[1]!.toLowerCase()) &&
      !/,\s*$/u.test(text.slice(Math.max(0, words[i]!.start - 3), words[i]!.start));
  };
  // «сонька моя»: a possessive right after.
  const possessiveAfter = (i: number) => {
    const next = words[i + 1];
    return next !== undefined && adjacent(words[i], next) &&
      /^(?:мо[йяи]|наш[аи]?)$/iu.test(next.text);
  };
  const petBefore = (i: number) => {
    const previous = words[i - 1];
    return previous !== undefined && adjacent(previous, words[i]) &&
      PET.test(previous.text.toLowerCase());
  };
  const relationBefore = (i: number) => {
    const previous = words[i - 1];
    return previous !== undefined && adjacent(previous, words[i]) &&
      RELATION.test(previous.text.toLowerCase());
  };
  const isJob = (k: number) => {
    const lower = words[k]?.text.toLowerCase() ?? "";
    return JOB.test(lower) || ROLE.test(lower);
  };
  const isRole = (k: number) => {
    const lower = words[k]?.text.toLowerCase() ?? "";
    return RELATION.test(lower) || ROLE.test(lower);
  };
  // A role right before, or two words before with its complement between («учитель физики
  // Пак», «начальник смены Мельник», «сосед сверху, Бобр»).
  const roleBefore = (i: number) => {
    const [one, two] = [words[i - 1], words[i - 2]];
    const gap = one ? text.slice(one.end, words[i]!.start) : "";
    if (!one || !/^[\s,]+$/u.test(gap)) return false;
    // A relative right before; a job before a comma too («сосед, Бобр, …»), not a relative
    // («с дочкой, Грю такой ворчун»).
    if (gap.includes(",") ? isJob(i - 1) : isRole(i - 1)) return true;
    // «начальник наш Лыков», «сосед мой Бобр»: a possessive between.
    if (
      two !== undefined && adjacent(two, one) && POSSESSIVE_BETWEEN.test(one.text) &&
      !gap.includes(",") && isRole(i - 2)
    ) {
      return true;
    }
    if (
      two !== undefined && adjacent(two, one) && !capitalised(one) &&
      one.text.length >= 4 && !facts[i - 1]?.verb && isJob(i - 2)
    ) {
      return true;
    }
    // Two words of complement: «начальник отдела кадров Шевчук», «препод по матану Крылов».
    const three = words[i - 3];
    const complement = (k: number) =>
      !capitalised(words[k]!) && !facts[k]?.verb &&
      (words[k]!.text.length >= 4 || /^(?:по|из|с)$/u.test(words[k]!.text));
    return three !== undefined && two !== undefined && adjacent(three, two) &&
      adjacent(two, one) && !gap.includes(",") && complement(i - 2) && complement(i - 1) &&
      isJob(i - 3);
  };
  // A job in apposition («Щукина, соседка по площадке»); not a relative («Да, мама живёт…»).
  const roleAfter = (i: number) => {
    const m = ROLE_APPOSITION.exec(text.slice(words[i]!.end, words[i]!.end + 40));
    return m !== null && ROLE.test(m[1]!.toLowerCase());
  };
  // «Белый, мой бывший парень, …»: a relative or a job named in an apposition.
  const relationInApposition = (i: number) => {
    if (!appositionAfter(i)) return false;
    const after = text.slice(words[i]!.end, words[i]!.end + 40).split(/[\s,]+/u).slice(2, 4);
    return after.some((w) => {
      const lower = w.toLowerCase();
      return (RELATION.test(lower) && !/^(?:друг|бывш|любим|знаком)/u.test(lower)) ||
        ROLE.test(lower);
    });
  };
  // «муж, ильнурчик,», «подруга, ляська,»: a relative, a comma, the name, a comma or an end.
  const relationAppositionBefore = (i: number) => {
    const before = text.slice(Math.max(0, words[i]!.start - 24), words[i]!.start);
    const m = /(\p{L}+)\s*,\s*$/u.exec(before);
    // (Not a list: «кот, сестра, вера».)
    return m !== null && KIN_NOMINATIVE.test(m[1]!.toLowerCase()) &&
      !/,\s*$/u.test(before.slice(0, m.index)) &&
      /^\s*(?:[,.!?…]|$)/u.test(text.slice(words[i]!.end, words[i]!.end + 4));
  };
  // «тётя заира», «девушка катя»: a relative named right before (not «купила маме цветы»).
  const kinNominativeBefore = (i: number) => {
    const previous = words[i - 1];
    return previous !== undefined && adjacent(previous, words[i]) &&
      KIN_NOMINATIVE.test(previous.text.toLowerCase());
  };
  const honorificAfter = (i: number) => {
    const next = words[i + 1];
    return next !== undefined && /^[\s-]+$/.test(text.slice(words[i]!.end, next.start)) &&
      HONORIFICS.has(next.text.toLowerCase());
  };
  // «Дойна из соседнего подъезда», «с Паком из бухгалтерии»: someone from a group of people.
  const groupAfter = (i: number) => GROUP_AFTER.test(text.slice(words[i]!.end, words[i]!.end + 40));
  const appositionAfter = (i: number) =>
    APPOSITION.test(text.slice(words[i]!.end, words[i]!.end + 24));
  // What makes an unknown or ambiguous capitalised word a person's name: a relation before it,
  // an honorific or an apposition after it, or a verb it does (any verb for a word no
  // dictionary knows, one only people do for a name that is also a word).
  const personContext = (i: number, anyVerb: boolean) =>
    relationBefore(i) || honorificAfter(i) || appositionAfter(i) || roleBefore(i) ||
    roleAfter(i) || groupAfter(i) || verbAfter(i, !anyVerb);

  const marked = new Array<false | "name" | "organization">(words.length).fill(false);
  words.forEach((word, i) => {
    const f = facts[i];
    if (!f || petBefore(i)) return;
    // After «фамилия …:», «по мужу», «девичья» a surname, even a famous one («по мужу Шевчук»).
    if (
      (SURNAME_LABEL.test(text.slice(Math.max(0, word.start - 40), word.start)) ||
        (SURNAME_LABEL_AFTER.test(text.slice(word.end, word.end + 24)) && capitalised(word)) ||
        (SURNAME_HINT_AFTER.test(text.slice(word.end, word.end + 24)) && capitalised(word) &&
          (f.surname || f.famous) && !startsSentence(text, word.start)) ||
        (capitalised(word) && (f.surname || f.famous) && (
          (SELF_SURNAME_BEFORE.test(text.slice(Math.max(0, word.start - 8), word.start)) &&
            SELF_SURNAME_AFTER.test(text.slice(word.end, word.end + 4))) ||
          (startsSentence(text, word.start) &&
            SURNAME_THEN_SELF.test(text.slice(word.end, word.end + 6)))
        ))) &&
      (capitalised(word) || f.reading !== "word")
    ) {
      marked[i] = "name";
      return;
    }
    // A famous surname is someone in the chat's life after a job or a relation («врач Шевчук»),
    // not after what made the famous one famous («поэт Есенин»).
    const someone = (j: number) =>
      (roleBefore(j) || relationBefore(j)) && !FAME.test(words[j - 1]?.text.toLowerCase() ?? "");
    const lifted = someone(i) ||
      neighboursOf(i).some((j) => facts[j]?.given === true && someone(j));
    if ((famousHere(i) || famousBeside(i)) && !lifted) return;
    const previous = words[i - 1];
    const afterTrigger = previous !== undefined &&
      NAME_TRIGGER.test(previous.text.toLowerCase()) &&
      /^[\s:—-]+$/u.test(text.slice(previous.end, word.start));
    const latin = LATIN_WORD.test(word.text);
    const lower = word.text.toLowerCase().replace(/ё/g, "е");
    const midSentence = !startsSentence(text, word.start);
    let isName = false;
    if (afterTrigger && (capitalised(word) || f.reading === "name" || f.reading === "maybe")) {
      isName = true;
    } else if (f.reading === "name") {
      isName = capitalised(word) ||
        (!latin && CYRILLIC_WORD.test(word.text) && word.text.length >= 4 &&
          !LOWERCASE_NOT_NAMES.has(lower));
    } else if (f.listed === "name" && capitalised(word)) {
      isName = true;
    } else if (f.reading === "maybe" && capitalised(word)) {
      // "в Питере", "из Королёва": towns are named after people too.
      const place = (f.place || (f.surname && !f.given)) &&
        PLACE_PREPOSITION.test(previous?.text ?? "");
      // A surname reading with a role beside it («Щукина, соседка по площадке»).
      isName = !place &&
        (!readsAsWord(text, word, words[i + 1]) ||
          (f.given && !/[«"“„]/.test(text[word.start - 1] ?? "") && personContext(i, false)) ||
          (f.surname &&
            (relationBefore(i) || roleBefore(i) || roleAfter(i) || relationInApposition(i) ||
              groupAfter(i))) ||
          // «Петрова опять завалила меня»: a woman's surname form doing something.
          (f.surname && FEMININE_SURNAME.test(lower) && !f.lemmas.includes(lower) &&
            verbAfter(i, false)));
    } else if (
      !capitalised(word) && !latin && CYRILLIC_WORD.test(word.text) && word.text.length >= 4 &&
      f.reading !== "word" && !f.verb && !LOWERCASE_NOT_NAMES.has(lower) &&
      !/^(?:аллах|бог|господ)/u.test(lower) &&
      // (A common name's pet form no dictionary reads as a word is a name wherever it stands:
      // «тимурчик сказал», «с катюхой»; a rarer one where a person is meant: «подруга, ляська,»,
      // «алсушка, сестра,», «элька со мной не дружит».)
      ((f.reading === "unknown" && petName(lower)) ||
        (((f.reading === "maybe" && f.given) ||
          (f.reading === "unknown" && (diminutiveOfName(lower) || petName(lower, true)))) &&
          (kinNominativeBefore(i) || relationAppositionBefore(i) || kinAppositionAfter(i) ||
            (f.reading === "unknown" && !AFTER_NO_NAME.test(words[i - 1]?.text ?? "") &&
              !/^(?:ха|хе|хи|ах|эх)+/u.test(lower) &&
              (verbAfter(i, true) || possessiveAfter(i))) ||
            (f.reading === "maybe" && startsSentence(text, word.start) && groupAfter(i)))))
    ) {
      // A given name's pet form typed small: «муж, ильнурчик,», «тётя заира», «у айгульки».
      isName = true;
    } else if (
      !capitalised(word) && f.surname && !f.place && word.text.length >= 5 &&
      /(?:ов|ев|ин|ын)а?$/u.test(lower) && f.lemmas.length >= 2 &&
      !(lower.endsWith("а") && f.lemmas.includes(lower)) &&
      (roleBefore(i) || groupAfter(i)) && !ADJECTIVE.test(lower)
    ) {
      // «одноклассник стрельцов», «комаров из соседнего отдела»: a surname typed small.
      isName = true;
    } else if (
      f.reading === "word" && capitalised(word) && midSentence && !latin && !f.place &&
      !f.verb && word.text.length >= 4 && !/[«"“„]/.test(text[word.start - 1] ?? "") &&
      !ADJECTIVE.test(lower) &&
      (groupAfter(i) || roleBefore(i) || relationBefore(i))
    ) {
      // «боюсь Мельника из третьей квартиры», «сосед Кузнец»: a surname that is also a word.
      isName = true;
    } else if (isPatronymic(i)) {
      isName = true;
    } else if (
      f.reading === "unknown" && capitalised(word) && !latin && CYRILLIC_WORD.test(word.text) &&
      word.text.length >= 3 && !CAPITALISED_NOT_NAMES.has(lower)
    ) {
      // Not in the dictionary: a name when it reads like one, else (mid-sentence) the name of
      // something — an employer, a shop, a place the dictionary lacks.
      const nameLike = (word.text.length >= 5 && SURNAME.test(lower)) || CIS_NAME.test(lower) ||
        diminutiveOfName(lower) || personContext(i, true);
      if (nameLike) isName = true;
      else if (midSentence && word.text.length >= 4) marked[i] = "organization";
    } else if (
      f.reading === "word" && capitalised(word) && (relationBefore(i) || honorificAfter(i))
    ) {
      isName = !f.place;
    } else if (
      f.reading === "word" && !latin && !f.verb && !f.place && CYRILLIC_WORD.test(word.text) &&
      word.text.length >= 4 && petName(lower) &&
      ((capitalised(word) && midSentence && verbAfter(i, false)) || possessiveAfter(i) ||
        verbAfter(i, true))
    ) {
      // A common name's pet form that is also a word: «вчера Сонька болела», «сонька моя», «с
      // гулькой поругались» (not «ем Алёнку, шоколадку»).
      isName = true;
    } else if (
      f.reading === "word" && capitalised(word) && !f.verb &&
      (roleBefore(i) || roleAfter(i) || relationInApposition(i) ||
        (groupAfter(i) && !isRole(i) && !f.place && midSentence))
    ) {
      // «физрук Орёл», «начальник цеха Гусь»: a word with a capital right after a role is a
      // surname, even one that names a town.
      isName = true;
    }
    // A surname typed small that no dictionary knows, by an ending only surnames have
    // («квирикашвили», «микеладзе», «манукян», «оспанову», «кенжебаева»).
    if (
      !isName && f.reading === "unknown" && !capitalised(word) && !latin &&
      CYRILLIC_WORD.test(word.text) && word.text.length >= 6 && LOWER_SURNAME.test(lower)
    ) {
      isName = true;
    }
    // A name called at the start of a sentence, in any case of letters: «Гуля, ты мне как
    // сестра», «Катюш, можно…», «вика ты где», «Кирюх, ну ты как».
    if (
      !isName && !midSentence && !latin && !f.verb && word.text.length >= 3 &&
      (f.reading === "name" || (f.reading === "maybe" && f.given) ||
        (f.reading === "unknown" && diminutiveOfName(lower))) &&
      calledBy(i, f.reading !== "maybe")
    ) {
      isName = true;
    }
    if (isName) marked[i] = "name";
  });
  // Where someone works or studies: «работаю в Пятёрочке», «учусь в КазНУ».
  words.forEach((word, i) => {
    if (marked[i]) return;
    if (employerBeforeRole(text, words, facts, i)) {
      marked[i] = "organization";
      return;
    }
    // In lower case: a short word no dictionary knows — an abbreviation typed small («я в мгту»,
    // «из кфу»); an organisation's name the dictionary knows («в лукойле», «в мгимо»); and, right
    // after a work or study verb only, a longer word it does not know («работаю в вкусвилле»,
    // «учусь в бауманке») — elsewhere those are mostly typos — unless it is a kind of place said
    // in slang («в универ», «в айти»).
    const unknownLower = !capitalised(word) && CYRILLIC_WORD.test(word.text) &&
      !COMMON_ABBREVIATIONS.has(word.text.toUpperCase()) && word.text.length >= 3 &&
      (((facts[i]?.reading === "unknown" || facts[i]?.abbreviation === true) &&
        word.text.length <= 5) ||
        facts[i]?.organization === true ||
        (facts[i]?.reading === "unknown" && !SLANG_PLACE.test(word.text) &&
          WORK_VERB_BEFORE.test(text.slice(Math.max(0, word.start - 40), word.start))));
    if (!capitalised(word) && !unknownLower) return;
    // Short names in capitals and Latin names («в Kaspi») need no dictionary reading.
    const abbreviation = (ABBREVIATION.test(word.text) || LATIN_WORD.test(word.text)) &&
      !COMMON_ABBREVIATIONS.has(word.text);
    if (!abbreviation && !facts[i]) return;
    const before = text.slice(Math.max(0, word.start - 50), word.start);
    // «я в МГТУ на втором курсе», «я из кфу, институт психологии»: a bare «в»/«из» with study or
    // work words in the same sentence.
    const nearWork = () =>
      STUDY_OR_WORK.test(text.slice(Math.max(0, word.start - 60), word.end + 60));
    // «отец 30 лет на Уралмаше отпахал»: a name with a capital no dictionary reads as a place,
    // right after «в»/«на»/«из», with work or study words near.
    const named = capitalised(word) && !(facts[i]?.place ?? false) &&
      (abbreviation || facts[i]?.reading === "unknown" || facts[i]?.organization === true) &&
      /(?<!\p{L})(?:в|во|на|из)\s+$/iu.test(before);
    // «в нгу на физфаке»: a short word no dictionary knows after «в» with study words near.
    const shortUnknown = unknownLower && word.text.length <= 5 &&
      facts[i]?.reading === "unknown" && !SLANG_PLACE.test(word.text);
    const placed = WORKPLACE_BEFORE.test(before) ||
      ((BARE_IN_OR_FROM.test(before) || named || shortUnknown) && nearWork());
    // A word in lower case right after the preposition only («работала в казмунайгазе»).
    if (!placed || (unknownLower && !/(?<!\p{L})(?:в|во|из)\s+$/iu.test(before))) return;
    // «учусь в Казани», «работаю в Москве»: a city is no employer.
    if (!abbreviation && facts[i]!.place) return;
    marked[i] = "organization";
    // «МГТУ ГА»: a second short name in capitals goes with the first.
    const next = words[i + 1];
    if (abbreviation && next && adjacent(word, next) && ABBREVIATION.test(next.text)) {
      marked[i + 1] = "organization";
    }
  });
  // Spread to the neighbours: surnames, initials, other capitalised name-like words and weak
  // patronymics beside a name; a name at the start of a sentence beside a surname or patronymic.
  for (let changed = true; changed;) {
    changed = false;
    words.forEach((word, i) => {
      if (marked[i] === "name" || facts[i]?.famous) return;
      const neighbours = neighboursOf(i);
      const besideName = neighbours.some((j) => marked[j] === "name");
      const f = facts[i] ?? null;
      const lower = word.text.toLowerCase();
      let isName = false;
      if (besideName) {
        isName = isSurname(i) || word.initial || isPatronymic(i) || WEAK_PATRONYMIC.test(lower) ||
          (capitalised(word) && f !== null && f.reading !== "word") ||
          // «Серёга Лапин»: a word with a capital and a surname's ending right after a name.
          (capitalised(word) && marked[i - 1] === "name" && neighbours.includes(i - 1) &&
            !f?.verb && word.text.length >= 5 && /(?:ов|ев|ёв|ин|ын)а?$/u.test(lower));
      } else if (f && f.reading !== "word" && capitalised(word)) {
        isName = neighbours.some((j) => isSurname(j) || isPatronymic(j));
      } else if (word.initial) {
        isName = neighbours.some((j) => isSurname(j));
      }
      if (isName) {
        marked[i] = "name";
        changed = true;
      }
    });
  }
  // "Петров И. С.": a surname beside initials.
  words.forEach((word, i) => {
    if (!marked[i] && isSurname(i)) {
      const nextInitial = words[i + 1]?.initial && adjacent(word, words[i + 1]);
      if (nextInitial) {
        marked[i] = "name";
        for (let j = i + 1; j < words.length && words[j]!.initial; j++) marked[j] = "name";
      }
    }
  });
  // Latin full names: two capitalised words pii.ts reads as a name.
  for (let i = 0; i + 1 < words.length; i++) {
    const [a, b] = [words[i]!, words[i + 1]!];
    const latin = /^[A-Z][a-z]+$/.test(a.text) && /^[A-Z][a-z]+$/.test(b.text);
    if (latin && adjacent(a, b) && looksLikeFullName(`${a.text} ${b.text}`)) {
      marked[i] = marked[i + 1] = "name";
    }
  }

  const spans: Span[] = [];
  words.forEach((word, i) => {
    const kind = marked[i];
    if (!kind) return;
    const last = spans.at(-1);
    if (last && marked[i - 1] === kind && adjacent(words[i - 1], word)) last.end = word.end;
    else spans.push(span(kind, word.start, word.end));
  });
  return spans;
}

/** Whether a capitalised name that is also a word is the word: «Надежда есть», «Слава богу». */
function readsAsWord(text: string, word: Word, next: Word | undefined): boolean {
  const title = /[«"“„]/.test(text[word.start - 1] ?? ""); // «Надежда» is a song
  return startsSentence(text, word.start) || title || IDIOM_AFTER.test(next?.text ?? "");
}

/**
 * Whether a word starts a sentence: nothing before it but spaces, quotes, dashes or emoji back
 * to the start of the text, a full stop, "!", "?", "…", ":", a line break or a ")" smiley.
 */
function startsSentence(text: string, start: number): boolean {
  for (let k = start - 1; k >= 0; k--) {
    const c = text[k]!;
    if (/[.!?…:\n)]/.test(c)) return true;
    if (/[\p{L}\p{N},;]/u.test(c)) return false;
  }
  return true;
}
