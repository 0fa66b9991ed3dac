import type { MessageEntity } from "grammy/types";
import { foldLookalikes, normalizeText } from "../safety/normalize.ts";
import { detectPii, looksLikeFullName, maskPii, type PiiKind } from "../safety/pii.ts";

/**
 * Anonymises chat text before it leaves for an LLM (the AI coach), and checks the model's answer
 * for personal data before it is shown. Everything runs on the normalised text (`normalizeText`),
 * so invisible characters and look-alike letters cannot hide a phone or an e-mail.
 *
 * Found, each replaced by its own placeholder so the model still knows what was there:
 * - the chat partners' pseudonyms (their tokens, e.g. "[собеседник]"), with Russian endings;
 * - phones, e-mails, links and @usernames (`maskPii` from shared/safety/pii.ts);
 * - bank cards (Luhn), passports (next to "паспорт"/"серия"/"номер"), SNILS (mod-101
 *   checksum or the word "СНИЛС"), INN (checksum or the word "ИНН");
 * - Russian street addresses, as one span from the city or index to the flat;
 * - personal names: known first names and their short forms, patronymics, surnames next to them.
 *
 * Heuristics tuned for Russian chats: a rare masked ordinary word costs the coach little, a
 * leaked phone number costs the user their anonymity.
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
  | "address"
  | "name";

export interface Anonymized {
  text: string;
  /** Kinds hidden anywhere in the text (also in a truncated part), each once, in order. */
  kinds: AnonymizedKind[];
}

export interface AnonymizeOptions {
  /** The chat partners' display pseudonyms and the tokens that replace them. */
  pseudonyms?: Array<{ name: string; token: string }>;
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
  address: "[адрес]",
  name: "[имя]",
};

/**
 * The text with personal data replaced by placeholders and pseudonyms by their tokens, cut to
 * `maxLength` characters. A long text keeps its END: the coach answers the latest messages, so
 * the last words matter most; a cut start is marked with "…".
 */
export function anonymizeForLlm(text: string, options: AnonymizeOptions = {}): Anonymized {
  const normal = normalizeText(text).text;
  const spans = resolveOverlaps([
    ...pseudonymSpans(normal, options.pseudonyms ?? []),
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

/** Whether a bank card number (13-19 digits; spaces and dashes ignored) passes the Luhn check. */
export function luhnValid(number: string): boolean {
  const digits = number.replace(/[\s-]/g, "");
  if (!/^\d{13,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

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
  address: 9,
  name: 10,
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
// Pseudonyms.

// Russian noun and adjective endings, longest first so the alternation takes the whole ending.
// No "о": "Тихий" must not catch the adverb "тихо".
const ENDINGS =
  `ами ями ыми ими ого его ому ему ой ей ий ый ая яя ое ее ом ем ою ею ую юю ым им ах ях
  ов ев ые ие ых их а я у ю ы и е`.split(/\s+/).join("|");

const WORD_CHAR = String.raw`[\p{L}\p{N}_]`;

function pseudonymSpans(text: string, pseudonyms: Array<{ name: string; token: string }>): Span[] {
  const spans: Span[] = [];
  // Longer pseudonyms first: "Тихий Лис" before "Лис".
  const sorted = [...pseudonyms].sort((a, b) => b.name.length - a.name.length);
  for (const { name, token } of sorted) {
    const pattern = pseudonymPattern(name);
    if (pattern === null) continue;
    for (const m of text.matchAll(pattern)) {
      if (m[0].length === 0) continue;
      spans.push({
        kind: "pseudonym",
        start: m.index,
        end: m.index + m[0].length,
        replacement: token,
      });
    }
  }
  return spans;
}

/**
 * The pseudonym as a case-insensitive pattern: whole words only, any spacing between words, е
 * and ё alike. A Cyrillic word also matches its case forms ("Тихого Лиса"), built from its stem
 * (the word without a final vowel, й or ь): for a one-word pseudonym only when that stem has 4+
 * letters, since "Соня" → "сон" would catch far too much.
 */
function pseudonymPattern(name: string): RegExp | null {
  const words = normalizeText(name).text.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  const minStem = words.length > 1 ? 3 : 4;
  const body = words.map((word) => pseudonymWordPattern(word, minStem)).join(String.raw`\s+`);
  const before = new RegExp(`^${WORD_CHAR}`, "u").test(words[0]!) ? `(?<!${WORD_CHAR})` : "";
  const after = new RegExp(`${WORD_CHAR}$`, "u").test(words.at(-1)!) ? `(?!${WORD_CHAR})` : "";
  return new RegExp(before + body + after, "giu");
}

function pseudonymWordPattern(word: string, minStem: number): string {
  const lower = word.toLowerCase();
  if (/^\p{Script=Cyrillic}+$/u.test(lower)) {
    const stem = lower.replace(/[аяоеёыиуюйь]{1,2}$/u, "");
    if (stem.length >= minStem) {
      // A bare stem is only the word itself when nothing was cut: "Лис" → "Лиса", but "Соня"
      // → "Сони", never "сон".
      return `${literal(stem)}(?:${ENDINGS})${stem === lower ? "?" : ""}`;
    }
  }
  return literal(lower);
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
    ...addressSpans(view.text),
    ...nameSpans(view.text),
  ];
  const at = view.offsets;
  const mapped = at === null
    ? inView
    : inView.map((span) => ({ ...span, start: at[span.start]!, end: at[span.end]! }));
  return [...contactSpans(normal), ...mapped];
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
// Bank cards: 13-19 digits, solid or in groups split by one space or dash, Luhn-valid.

const DIGIT_GROUPS = /(?<!\d)\+?\d+(?:[ -]\d+)*/g;

function cardSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(DIGIT_GROUPS)) {
    if (m[0].startsWith("+")) continue; // an international phone
    const groups = [...m[0].matchAll(/\d+/g)].map((g) => ({
      start: m.index + g.index,
      end: m.index + g.index + g[0].length,
      digits: g[0],
    }));
    // Several numbers can stand in a row ("карта 4276... 2 раза"): try every run of whole
    // groups, the longest valid one from the earliest group first.
    let i = 0;
    while (i < groups.length) {
      let found = -1;
      let digits = "";
      for (let j = i; j < groups.length && digits.length < 19; j++) {
        digits += groups[j]!.digits;
        if (digits.length >= 13 && digits.length <= 19 && luhnValid(digits)) found = j;
      }
      if (found < 0) {
        i++;
        continue;
      }
      spans.push(span("card", groups[i]!.start, groups[found]!.end));
      i = found + 1;
    }
  }
  return spans;
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
]);
const STREET_ABBREVIATIONS = anyCase("ул пр-т пр-кт просп пер б-р наб пр-д мкрн мкр".split(" "));
// "пр.", "ш.", "пл.", "бул." also mean other things ("и пр."): only with a house number.
const LOOSE_ABBREVIATIONS = anyCase("пр ш пл бул".split(" "));

const CAPITALISED = String.raw`\p{Lu}\p{Ll}*(?:-\p{Lu}?\p{Ll}+)*`;
// "Ленина", "Малая Бронная", "8 Марта", "2-я Тверская-Ямская".
const STREET_NAME = String.raw`(?:\d{1,3}(?:-?(?:я|й|го|ая|ий|ой))?\s+)?` +
  String.raw`${CAPITALISED}(?:\s+${CAPITALISED})?`;
// "5", "15-42", "5/2", "12а".
const HOUSE_NUMBER = String.raw`\d{1,4}[а-яa-z]?(?:\s?[\/-]\s?\d{1,4}[а-яa-z]?)?(?![\p{L}\d])`;
// ", 5", " д. 5", " дом 5".
const HOUSE_AFTER_STREET = String.raw`,?\s*(?:(?:[Дд]|[Дд]ом)\.?\s*)?№?\s*${HOUSE_NUMBER}`;
const NOT_IN_WORD = String.raw`(?<![\p{L}\d-])`;

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
]);
const HOUSE_PART = new RegExp(
  String.raw`(?<![\p{L}\d])(?:${HOUSE_PART_WORDS})(?:\.\s*|\s*)№?\s*${HOUSE_NUMBER}`,
  "gu",
);

// "г. Москва", "город Тула", "пос. Южный", "с. Иваново".
const CITY_WORDS = anyCase(["город(?:а|е|у)?", "пгт", "посёлок", "поселок", "деревня"]);
const CITY = new RegExp(
  String.raw`(?<![\p{L}\d])(?:(?:[Гг]|[Гг]ор|[Пп]ос|[Дд]ер|[Сс])\.\s*|(?:${CITY_WORDS})\s+)` +
    CAPITALISED,
  "gu",
);

const POSTAL_INDEX = /(?<!\d)\d{6}(?!\d)/g;

type AddressPart = "street" | "house" | "city" | "index";

function addressSpans(text: string): Span[] {
  const parts: Array<{ part: AddressPart; start: number; end: number }> = [];
  const collect = (pattern: RegExp, part: AddressPart) => {
    for (const m of text.matchAll(pattern)) {
      parts.push({ part, start: m.index, end: m.index + m[0].length });
    }
  };
  collect(STREET, "street");
  collect(HOUSE_PART, "house");
  collect(CITY, "city");
  collect(POSTAL_INDEX, "index");
  parts.sort((a, b) => a.start - b.start || b.end - a.end);
  const spans = labelledAddressSpans(text);

  let chain: typeof parts = [];
  const closeChain = () => {
    if (chain.length > 0 && isAddress(chain.map((p) => p.part))) {
      spans.push(span("address", chain[0]!.start, Math.max(...chain.map((p) => p.end))));
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

// "Адрес: Москва, Тверская 12-5" needs no street word: what follows "адрес:", "адрес доставки:"
// or "по адресу" is the address, up to its last number, within the sentence.
const ADDRESS_LABEL =
  /(?<!\p{L})(?:[Аа]дрес(?:а|у)?(?:\s+\p{Ll}+){0,2}\s*[:—–-]|[Пп]о\s+адресу:?)\s*/gu;
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
// - A known first name (full or short form, in any case form) written with a capital is a name,
//   even at the start of a sentence ("Маша сказала...").
// - A name that is also an ordinary word (Вера, Надежда, Любовь, Роман, Слава, Лев...) counts
//   only mid-sentence with a capital, or next to a surname or patronymic: «Вера в себя вернулась»,
//   «Любовь к музыке» and the song «Надежда» stay, «мою подругу зовут Вера» and «Вера Павловна»
//   go.
// - A patronymic (-ович, -евич, -овна, -евна and their case forms) is a name; -ич, -ична,
//   -инична ("Ильич", "Ильинична") only next to a first name.
// - A capitalised word with a surname ending (-ов, -ева, -ин, -ский, -енко, -ук...) is a name next
//   to a first name, a patronymic or initials ("И. С. Петров"), never alone: towns end so too.
// - "Слава богу" is never a name.
// - After "зовут" / "звать" / "имя" a known name counts in lower case too, and any capitalised
//   word counts.
// - Two capitalised Latin words that pii.ts's `looksLikeFullName` accepts ("Ivan Petrov").
// Lower-case names elsewhere are left: "коля", "катя", "света", "поля" are ordinary words too.

// About 290 nominatives, full and short forms, male and female, Russian and common CIS names; the
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
// "..., Слава богу": the word, not a name.
const IDIOM_AFTER = /^(?:богу|господу)$/iu;
const NAME_TRIGGER = /^(?:зовут|звать|зови|зовите|имя)$/u;

interface Word {
  text: string;
  start: number;
  end: number;
  /** "И." — one capital letter and a dot. */
  initial: boolean;
}

const WORDS = /\p{L}+(?:-\p{L}+)*/gu;

function nameSpans(text: string): Span[] {
  const words: Word[] = [];
  for (const m of text.matchAll(WORDS)) {
    const end = m.index + m[0].length;
    const initial = /^\p{Lu}$/u.test(m[0]) && text[end] === ".";
    words.push({ text: m[0], start: m.index, end: initial ? end + 1 : end, initial });
  }
  const forms = knownNameForms();
  const formOf = (word: Word) => {
    const lower = word.text.toLowerCase();
    const form = forms.get(lower.replace(/ё/g, "е")) ??
      forms.get(lower.split("-")[0]!.replace(/ё/g, "е"));
    return form && { ambiguous: form.ambiguous || AMBIGUOUS_FORMS.has(lower) };
  };
  const capitalised = (word: Word) => /^\p{Lu}/u.test(word.text);
  // Only spaces between (after an initial's dot, maybe none: "И.С.Петров").
  const adjacent = (a: Word | undefined, b: Word | undefined) =>
    a !== undefined && b !== undefined && a.end <= b.start &&
    /^\s*$/.test(text.slice(a.end, b.start));
  const isPatronymic = (word: Word) =>
    word.text.length >= 6 && PATRONYMIC.test(word.text.toLowerCase()) &&
    !NOT_PATRONYMICS.has(word.text.toLowerCase());
  const isSurname = (word: Word) =>
    capitalised(word) && word.text.length >= 4 && !word.initial &&
    SURNAME.test(word.text.toLowerCase()) && formOf(word) === undefined;

  const marked = new Array<boolean>(words.length).fill(false);
  words.forEach((word, i) => {
    const form = formOf(word);
    const previous = words[i - 1];
    const afterTrigger = previous !== undefined &&
      NAME_TRIGGER.test(previous.text.toLowerCase()) &&
      /^[\s:—-]+$/u.test(text.slice(previous.end, word.start));
    if (afterTrigger && (form !== undefined || capitalised(word)) && !word.initial) {
      marked[i] = true;
    } else if (form !== undefined && capitalised(word)) {
      marked[i] = !form.ambiguous || !readsAsWord(text, word, words[i + 1]);
    } else if (capitalised(word) && isPatronymic(word)) {
      marked[i] = true;
    }
  });
  // Spread to the neighbours: surnames, initials, ambiguous names and weak patronymics beside
  // a name; an ambiguous name beside a surname or patronymic.
  for (let changed = true; changed;) {
    changed = false;
    words.forEach((word, i) => {
      if (marked[i]) return;
      const neighbours = [i - 1, i + 1].filter((j) =>
        j >= 0 && j < words.length && adjacent(words[Math.min(i, j)], words[Math.max(i, j)])
      );
      const besideName = neighbours.some((j) => marked[j]);
      const form = formOf(word);
      const lower = word.text.toLowerCase();
      let isName = false;
      if (besideName) {
        isName = isSurname(word) || word.initial || (form !== undefined && capitalised(word)) ||
          WEAK_PATRONYMIC.test(lower) || isPatronymic(word);
      } else if (form !== undefined && capitalised(word)) {
        isName = neighbours.some((j) => isSurname(words[j]!) || isPatronymic(words[j]!));
      } else if (word.initial) {
        isName = neighbours.some((j) => isSurname(words[j]!));
      }
      if (isName) {
        marked[i] = true;
        changed = true;
      }
    });
  }
  // "Петров И. С.": a surname beside initials.
  words.forEach((word, i) => {
    if (!marked[i] && isSurname(word)) {
      const nextInitial = words[i + 1]?.initial && adjacent(word, words[i + 1]);
      if (nextInitial) {
        marked[i] = true;
        for (let j = i + 1; j < words.length && words[j]!.initial; j++) marked[j] = true;
      }
    }
  });
  // Latin full names: two capitalised words pii.ts reads as a name.
  for (let i = 0; i + 1 < words.length; i++) {
    const [a, b] = [words[i]!, words[i + 1]!];
    const latin = /^[A-Z][a-z]+$/.test(a.text) && /^[A-Z][a-z]+$/.test(b.text);
    if (latin && adjacent(a, b) && looksLikeFullName(`${a.text} ${b.text}`)) {
      marked[i] = marked[i + 1] = true;
    }
  }

  const spans: Span[] = [];
  words.forEach((word, i) => {
    if (!marked[i]) return;
    const last = spans.at(-1);
    if (last && marked[i - 1] && adjacent(words[i - 1], word)) last.end = word.end;
    else spans.push(span("name", word.start, word.end));
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
