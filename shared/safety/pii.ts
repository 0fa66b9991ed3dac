import type { MessageEntity } from "grammy/types";
import { foldLookalikes, normalizeText } from "./normalize.ts";

/**
 * Finds contact details and real names in text people type into their profile or a chat, so the
 * bot can keep conversations anonymous: pseudonyms and bios must not carry a phone, an e-mail, a
 * Telegram username, a link or (for pseudonyms) a real full name, and the relay (`maskPii`) also
 * hides bank card numbers (13-19 digits that pass the Luhn check). Heuristics tuned for Russian
 * and CIS users; they prefer a rare false alarm to a leaked phone number.
 *
 * Every check first normalises the text (`normalizeText`: no invisible or control characters,
 * NFKC, right-to-left overrides written out in reading order), so what is checked is what a
 * reader sees, and `maskPii` returns the masked *normalised* text. Detection then also reads a
 * view without combining marks (s̶t̶r̶u̶c̶k̶ letters) in which look-alike letters are folded to
 * Latin (`foldLookalikes`): a username, link or e-mail written with Cyrillic or Greek look-alikes
 * is found there, and the original span is masked. A folded match only counts in a token that
 * also has Latin-script letters (or, for usernames, digits or "_"), so ordinary Russian words
 * never become usernames ("@мама", "т.е.").
 */

export type PiiKind = "phone" | "email" | "username" | "link" | "card" | "full_name";

export interface PiiOptions {
  /** Also look for a real-looking full name (pseudonyms only: bios mention authors and such). */
  names?: boolean;
  /** Also look for bank card numbers (`maskPii` always does). */
  cards?: boolean;
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

// A Telegram username: @ + 4-32 letters, digits, underscores, not glued to a word (e-mails). The
// rest of the word goes with it ("@ivanпетров" is masked whole).
// An Instagram-style handle may be shorter and hold dots ("@aru.zhan.s").
const HANDLE = String
  .raw`(?:[A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)+|[A-Za-z][A-Za-z0-9_]{3,31})(?![A-Za-z0-9_])[\p{L}\p{N}_]*`;
const USERNAME = new RegExp(String.raw`(?<![\p{L}\p{N}_@.])@${HANDLE}`, "gu");
// "name@" shows as "@name" inside right-to-left text (a leading U+200F, U+202B or U+2067 puts the
// neutral "@" on the other side), and normalising removes those marks: read it as a username.
const USERNAME_AT_END = new RegExp(
  String.raw`(?<![\p{L}\p{N}_@.])[A-Za-z][A-Za-z0-9_]{3,31}@(?![\p{L}\p{N}_.@])`,
  "gu",
);

// Common top-level domains people type; a fixed list keeps "Node.js" or "т.е." from matching.
// "ру" is how "ru" is often written to slip past filters.
const TLDS = [
  "ru",
  "рф",
  "ру",
  "su",
  "com",
  "net",
  "org",
  "info",
  "biz",
  "io",
  "me",
  "co",
  "cc",
  "tv",
  "fm",
  "ly",
  "gg",
  "to",
  "us",
  "uk",
  "de",
  "eu",
  "by",
  "kz",
  "ua",
  "uz",
  "kg",
  "am",
  "ge",
  "az",
  "md",
  "tj",
  "tm",
  "xyz",
  "online",
  "site",
  "app",
  "dev",
  "pro",
  "club",
  "link",
  "store",
  "shop",
  "top",
  "space",
  "live",
  "page",
  "blog",
  // Less common ones that link pages and site builders use (linktr.ee, *.tilda.ws).
  "ws",
  "ee",
  "lv",
  "lt",
  "pl",
  "it",
  "fr",
  "es",
  "il",
  "tr",
  "ai",
  "im",
  "sh",
  "be",
  "tech",
  "art",
  "fun",
  "life",
  "world",
  "website",
];

// Explicit schemes and well-known prefixes ("t . me / name" with spaces too).
const LINK_EXPLICIT = new RegExp(
  [
    String.raw`(?:https?|tg|ftp):\/\/\S+`,
    String.raw`(?<![\p{L}\p{N}])www\.\S+`,
    String.raw`(?<![\p{L}\p{N}])(?:t|telegram) ?\. ?me ?\/(?: ?[\p{L}\p{N}_+]\S*)?`,
    // Any Latin host spaced out to slip past filters, with a path: «vk . com / masha_k».
    String.raw`(?<![\p{L}\p{N}])[a-z][a-z\d-]* ?\. ?(?:${TLDS.join("|")}) ?\/ ?[\p{L}\p{N}_.@+-]+`,
  ].join("|"),
  "giu",
);

// A bare domain: name(.name)*.tld, optionally with a path.
const LINK_DOMAIN = new RegExp(
  String.raw`(?<![\p{L}\p{N}@.])(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+(?:${
    TLDS.join("|")
  })(?![\p{L}\p{N}])(?:\/\S*)?`,
  "giu",
);

// Digits with the separators people put in phone numbers: spaces of every width, the braille
// blank, dashes, dots, brackets, underscores.
const SEPARATOR = String.raw`[\s\u2800\-\u2010-\u2015\u2212.\u00b7\u2022()_]`;
const DIGIT_RUN = new RegExp(
  String.raw`(?:\+${SEPARATOR}*)?\(?\d(?:${SEPARATOR}{0,3}\d){6,16}`,
  "gu",
);
const TRAILING_SEPARATORS = new RegExp(String.raw`(?:${SEPARATOR}|\+)+$`, "u");
// A seven-digit city number written the usual way: 123-45-67.
const CITY_NUMBER = /^\d{3}[\s\-\u2010-\u2015]\d{2}[\s\-\u2010-\u2015]\d{2}$/u;
// A date on its own ("12.05.2024 15:30" is not a ten-digit phone): 12.05.2024, 1.5.24,
// 2024-05-12. Checked for a plausible day and month before it is set aside.
const DATE =
  /(?<![\d.\/-])(?:(\d{1,2})([.\/-])(\d{1,2})\2(?:\d{4}|\d{2})|\d{4}-(\d{1,2})-(\d{1,2}))(?!\d|[.\/-]\d)/g;

export interface Found {
  kind: PiiKind;
  start: number;
  end: number;
}

/**
 * The text as the detector reads it: combining marks out (8̶9̶9̶ or a̲t̲ are still digits and
 * letters) and, in `folded`, look-alikes folded. `at[k]` is the offset in the text of view
 * position k (`at[length]` is the text's length); null when the view is the text.
 */
interface View {
  plain: string;
  folded: string;
  at: Int32Array | null;
}

const HAS_MARK = /\p{M}/u;
const NON_MARKS = /\P{M}+/gu;

function viewOf(text: string): View {
  if (!HAS_MARK.test(text)) return { plain: text, folded: foldLookalikes(text), at: null };
  const at = new Int32Array(text.length + 1);
  let plain = "";
  for (const m of text.matchAll(NON_MARKS)) {
    for (let k = 0; k < m[0].length; k++) at[plain.length + k] = m.index + k;
    plain += m[0];
  }
  at[plain.length] = text.length;
  return { plain, folded: foldLookalikes(plain), at: at.subarray(0, plain.length + 1) };
}

function matchesOf(
  text: string,
  pattern: RegExp,
  kind: PiiKind,
  keep: (start: number, end: number) => boolean = () => true,
): Found[] {
  const found: Found[] = [];
  for (const m of text.matchAll(pattern)) {
    const end = m.index + m[0].length;
    if (keep(m.index, end)) found.push({ kind, start: m.index, end });
  }
  return found;
}

function phonesIn(text: string): Found[] {
  // Dates keep their length but lose their digits, so a run cannot go through them.
  const undated = text.replace(DATE, (date, day, _sep, month, isoMonth, isoDay) => {
    const d = Number(day ?? isoDay);
    const m = Number(month ?? isoMonth);
    return d >= 1 && d <= 31 && m >= 1 && m <= 12 ? "#".repeat(date.length) : date;
  });
  const found: Found[] = [];
  for (const m of undated.matchAll(DIGIT_RUN)) {
    const raw = m[0].replace(TRAILING_SEPARATORS, "");
    const digits = raw.replace(/\D/g, "");
    const isPhone = (digits.length >= 10 && digits.length <= 15) ||
      CITY_NUMBER.test(raw.trim()) || (raw.trim().startsWith("+") && digits.length >= 8);
    if (isPhone) found.push({ kind: "phone", start: m.index, end: m.index + raw.length });
  }
  return found;
}

// A bank card: 13-19 digits, solid or in groups split by one space or dash, that pass the Luhn
// check ("4276 5260 1815 9080"). Several numbers can stand in a row: every run of whole groups
// is tried, the longest valid one from the earliest group first.
const DIGIT_GROUPS = /(?<![\d+])\d+(?:[ \-\u2010-\u2015]\d+)*/g;

/** Bank card numbers (13-19 digits, Luhn-valid), solid or in groups: the relay's and the LLM's. */
export function cardsIn(text: string): Found[] {
  const found: Found[] = [];
  for (const m of text.matchAll(DIGIT_GROUPS)) {
    const groups = [...m[0].matchAll(/\d+/g)].map((g) => ({
      start: m.index + g.index,
      end: m.index + g.index + g[0].length,
      digits: g[0],
    }));
    let i = 0;
    while (i < groups.length) {
      let last = -1;
      let digits = "";
      for (let j = i; j < groups.length && digits.length < 19; j++) {
        digits += groups[j]!.digits;
        if (digits.length >= 13 && digits.length <= 19 && luhnValid(digits)) last = j;
      }
      if (last < 0) {
        i++;
        continue;
      }
      found.push({ kind: "card", start: groups[i]!.start, end: groups[last]!.end });
      i = last + 1;
    }
  }
  return found;
}

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

// Latin script (ASCII or not: ᴀ, ɡ) tells a spoofed handle or domain from a Russian word.
const LATIN = /\p{Script=Latin}/u;
const LATIN_OR_DIGIT = /[0-9_]|\p{Script=Latin}/u;

/** Every contact detail in the (normalised) text, earliest first, overlaps merged. */
function findAll(text: string, options: { cards: boolean }): Found[] {
  const { plain, folded, at } = viewOf(text);
  // A match only the folded view has counts in a token that is not purely Cyrillic or Greek.
  const mixed = (pattern: RegExp) => (start: number, end: number) =>
    pattern.test(plain.slice(start, end).replace(/@/g, ""));
  const inView = [
    ...matchesOf(plain, EMAIL, "email"),
    ...matchesOf(plain, LINK_EXPLICIT, "link"),
    ...matchesOf(plain, LINK_DOMAIN, "link"),
    ...matchesOf(plain, USERNAME, "username"),
    ...matchesOf(plain, USERNAME_AT_END, "username"),
    ...phonesIn(folded),
    ...(options.cards ? cardsIn(folded) : []),
  ];
  if (folded !== plain) {
    inView.push(
      ...matchesOf(folded, LINK_EXPLICIT, "link"),
      ...matchesOf(folded, LINK_DOMAIN, "link", mixed(LATIN)),
      ...matchesOf(folded, USERNAME, "username", mixed(LATIN_OR_DIGIT)),
      ...matchesOf(folded, USERNAME_AT_END, "username", mixed(LATIN_OR_DIGIT)),
    );
  }
  const all = at === null
    ? inView
    : inView.map((f) => ({ ...f, start: at[f.start]!, end: at[f.end]! }));
  const priority: Record<PiiKind, number> = {
    email: 0,
    link: 1,
    username: 2,
    card: 3,
    phone: 4,
    full_name: 5,
  };
  all.sort((a, b) => a.start - b.start || priority[a.kind] - priority[b.kind]);
  const kept: Found[] = [];
  for (const f of all) {
    const last = kept.at(-1);
    if (last && f.start < last.end) {
      if (priority[f.kind] < priority[last.kind]) {
        kept[kept.length - 1] = { ...f, start: last.start, end: Math.max(last.end, f.end) };
      } else {
        last.end = Math.max(last.end, f.end);
      }
      continue;
    }
    kept.push({ ...f });
  }
  return kept;
}

/** The kinds of personal data found, in the order they appear (each kind once). */
export function detectPii(text: string, options: PiiOptions = {}): PiiKind[] {
  const normal = normalizeText(text).text;
  const kinds = [...new Set(findAll(normal, { cards: options.cards ?? false }).map((f) => f.kind))];
  if (options.names && looksLikeFullName(normal)) kinds.push("full_name");
  return kinds;
}

export interface Masked {
  /** The normalised text with every contact replaced by the mask. */
  text: string;
  /** Kinds hidden, in order of appearance, each once. */
  found: PiiKind[];
  /** Present when entities were given: carried over to `text` (see `maskPii`). */
  entities?: MessageEntity[];
  /** Whether `text` or `entities` differ from the input (normalised or masked). */
  changed: boolean;
}

// Entities that describe the contact itself: they go with it.
const CONTACT_ENTITIES = new Set(["mention", "url", "email", "phone_number"]);

/**
 * Normalises the text, then replaces phones, e-mails, usernames, links and bank card numbers
 * with `mask` and says what it hid. Entities, when given, are carried over: an entity touching a masked contact
 * stretches over the mask, except mention/url/email/phone_number entities there, which go.
 */
export function maskPii(text: string, mask: string, entities?: MessageEntity[]): Masked {
  const normal = normalizeText(text, entities);
  const found = findAll(normal.text, { cards: true });
  const kinds = [...new Set(found.map((f) => f.kind))];
  if (found.length === 0) {
    return normal.entities === undefined
      ? { text: normal.text, found: kinds, changed: normal.changed }
      : { text: normal.text, found: kinds, entities: normal.entities, changed: normal.changed };
  }
  let masked = "";
  let from = 0;
  for (const f of found) {
    masked += normal.text.slice(from, f.start) + mask;
    from = f.end;
  }
  masked += normal.text.slice(from);
  if (normal.entities === undefined) return { text: masked, found: kinds, changed: true };
  return {
    text: masked,
    found: kinds,
    entities: entitiesAfterMask(normal.entities, found, mask.length),
    changed: true,
  };
}

function entitiesAfterMask(
  entities: MessageEntity[],
  found: Found[],
  maskLength: number,
): MessageEntity[] {
  // Where an offset lands: past each earlier mask by the difference in length; inside one, at
  // its start (`edge` 0) or end (`edge` 1).
  const place = (offset: number, edge: 0 | 1): number => {
    let shift = 0;
    for (const f of found) {
      if (offset <= f.start) break;
      if (offset < f.end) return f.start + shift + edge * maskLength;
      shift += maskLength - (f.end - f.start);
    }
    return offset + shift;
  };
  const result: MessageEntity[] = [];
  for (const entity of entities) {
    const end = entity.offset + entity.length;
    const touches = found.some((f) => f.start < end && f.end > entity.offset);
    if (touches && CONTACT_ENTITIES.has(entity.type)) continue;
    const start = place(entity.offset, 0);
    const length = place(end, 1) - start;
    if (length > 0) result.push({ ...entity, offset: start, length });
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Real full names: "Имя Фамилия", "Имя Отчество Фамилия", "Ivan Petrov".

const WORD = /^[A-ZА-ЯЁ][a-zа-яё]+(?:-[A-ZА-ЯЁ]?[a-zа-яё]+)?$/u;

const LOWER_WORD = /^[a-zа-яё]+(?:-[a-zа-яё]+)?$/u;

const PATRONYMIC = /(?:ович|евич|ьич|овна|евна|ична|инична)$/u;

// Fairy-tale titles end like patronymics: "Царевна Лягушка" is a nickname.
const FAIRY_TALE_TITLES = new Set(["царевна", "королевна", "царевич", "королевич"]);

const CYRILLIC_SURNAME =
  /(?:ов|ова|ев|ева|ёв|ёва|ин|ина|ын|ына|ский|ская|цкий|цкая|ской|енко|ук|юк|чук|ян|янц|дзе|швили|ых|их)$/u;
// Only transliterated CIS endings: English ones (-in, -son) are too common in plain words.
const LATIN_SURNAME = /(?:ov|ova|ev|eva|sky|skaya|skiy|enko|chuk|yan|dze|shvili)$/u;

// Russian adjectives: "Тихий Волков" or "Зелёная Долина" read as nicknames, not names.
const ADJECTIVE = /(?:ый|ий|ой|ая|яя|ое|ее|ые|ие)$/u;

// Common first names (and short forms) in Russia and the CIS, Cyrillic and Latin, lowercase.
const FIRST_NAMES = new Set(
  `
александр александра саша шура алексей алёша лёша алла алина алиса алёна альберт анастасия
настя анатолий андрей анна аня антон арина аркадий арсений артём артем артур богдан борис
вадим валентин валентина валерий валерия варвара василий василиса вера вероника виктор
виктория вика виталий владимир володя вова владислав влад всеволод вячеслав галина галя
геннадий георгий герман глеб григорий давид даниил данила даниэль дарья даша денис диана
дмитрий дима евгений евгения женя егор екатерина катя елена лена елизавета лиза захар зоя
иван ваня игорь илья инна ирина ира карина кирилл ксения ксюша лариса лев леонид лидия
любовь люба людмила люда майя максим макар маргарита рита марина мария маша марк матвей
милана мирон михаил миша надежда надя наталья наталия наташа никита николай коля нина олег
ольга оля павел паша пётр петр петя полина роман рома руслан светлана света семён семен
сергей серёжа серёжа софия софья соня станислав стас степан таисия тамара татьяна таня
тимофей тимур ульяна фёдор федор эдуард элина эльвира юлия юля юрий яна ярослав ярослава
айгуль айдар алия асель азамат бахыт гульнара дамир ерлан жанна камила лейла марат нурлан
рустам тимур фарид шамиль эльдар злата ева есения мирослава агата василиса
alexander alex alexandra sasha alexey aleksey alina alisa andrey andrei anna anastasia
anton artem artyom boris daria dasha denis dmitry dmitri dima egor ekaterina katya kate
elena lena elizaveta liza eugene evgeny evgenia ilya igor ivan irina kirill ksenia maxim
maksim maria masha mikhail misha natalia natalya natasha nikita nikolai nikolay olga oleg
pavel pasha petr peter polina roman ruslan sergey sergei svetlana sofia sophia tatiana
tatyana timur vadim valentina victor viktor victoria viktoriya vladimir vlad vladislav
yana yaroslav yulia julia yury yuri john james michael david daniel mary maria anne emma
olivia sophie kate michelle robert thomas paul mark
`.split(/\s+/).filter(Boolean),
);

function isFirstName(word: string): boolean {
  return FIRST_NAMES.has(word.toLowerCase().replace(/-.*$/, ""));
}

function isSurnameLike(word: string): boolean {
  const lower = word.toLowerCase();
  return lower.length >= 4 && (CYRILLIC_SURNAME.test(lower) || LATIN_SURNAME.test(lower));
}

/** "Имя Фамилия" / "Имя Отчество Фамилия" / "Ivan Petrov": 2-3 words that read so. */
export function looksLikeFullName(text: string): boolean {
  const words = normalizeText(text).text.trim().split(/\s+/);
  if (words.length < 2 || words.length > 3) return false;
  const lower = words.map((w) => w.toLowerCase());
  if (!lower.every((w) => LOWER_WORD.test(w))) return false;
  const hasPatronymic = lower.some((w) =>
    w.length >= 6 && PATRONYMIC.test(w) && !FAIRY_TALE_TITLES.has(w)
  );
  if (hasPatronymic) return true;
  const nameCount = words.filter(isFirstName).length;
  const surnameBesideName = nameCount > 0 &&
    words.some((w) => !isFirstName(w) && isSurnameLike(w));
  if (surnameBesideName) return true;
  // Written in lower case, only the strong signals above count.
  if (!words.every((w) => WORD.test(w))) return false;
  if (nameCount > 0) {
    // A known first name next to another name or a capitalised word that is not an adjective.
    return nameCount === words.length ||
      words.some((w) => !isFirstName(w) && !ADJECTIVE.test(w.toLowerCase()));
  }
  // No known first name: a surname-looking word beside a non-adjective word ("Злата Воронцова").
  // Adjective-shaped surnames (-ский, -ская) need a first name: "Морской Котик" is a nickname.
  return words.some((w, i) =>
    isSurnameLike(w) && !ADJECTIVE.test(w.toLowerCase()) &&
    words.some((other, j) => j !== i && !ADJECTIVE.test(other.toLowerCase()))
  );
}
