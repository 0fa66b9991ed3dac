/**
 * Finds contact details and real names in text people type into their profile or a chat, so the
 * bot can keep conversations anonymous: pseudonyms and bios must not carry a phone, an e-mail, a
 * Telegram username, a link or (for pseudonyms) a real full name. Heuristics tuned for Russian
 * and CIS users; they prefer a rare false alarm to a leaked phone number.
 */

export type PiiKind = "phone" | "email" | "username" | "link" | "full_name";

export interface PiiOptions {
  /** Also look for a real-looking full name (pseudonyms only: bios mention authors and such). */
  names?: boolean;
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

// A Telegram username: @ + 4-32 letters, digits, underscores, not glued to a word (e-mails).
const USERNAME = /(?<![\p{L}\p{N}_@.])@[A-Za-z][A-Za-z0-9_]{3,31}(?![A-Za-z0-9_])/gu;

// Common top-level domains people type; a fixed list keeps "Node.js" or "т.е." from matching.
const TLDS = [
  "ru",
  "рф",
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
];

const LINK = new RegExp(
  [
    // Explicit schemes and well-known prefixes.
    String.raw`(?:https?|tg|ftp):\/\/\S+`,
    String.raw`(?<![\p{L}\p{N}])www\.\S+`,
    String.raw`(?<![\p{L}\p{N}])(?:t|telegram)\.me\/\S*`,
    // A bare domain: name(.name)*.tld, optionally with a path.
    String.raw`(?<![\p{L}\p{N}@.])(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+(?:${
      TLDS.join("|")
    })(?![\p{L}\p{N}])(?:\/\S*)?`,
  ].join("|"),
  "giu",
);

// Digits with the separators people put in phone numbers: spaces, dashes, dots, brackets.
const DIGIT_RUN = /(?:\+\s*)?\(?\d(?:[\s\-.()]{0,3}\d){6,16}/g;
// A seven-digit city number written the usual way: 123-45-67.
const CITY_NUMBER = /^\d{3}[\s-]\d{2}[\s-]\d{2}$/;

interface Found {
  kind: PiiKind;
  start: number;
  end: number;
}

function matchesOf(text: string, pattern: RegExp, kind: PiiKind): Found[] {
  return [...text.matchAll(pattern)].map((m) => ({
    kind,
    start: m.index,
    end: m.index + m[0].length,
  }));
}

function phonesIn(text: string): Found[] {
  const found: Found[] = [];
  for (const m of text.matchAll(DIGIT_RUN)) {
    const raw = m[0].replace(/[\s\-.(]+$/, "");
    const digits = raw.replace(/\D/g, "");
    const isPhone = (digits.length >= 10 && digits.length <= 15) ||
      CITY_NUMBER.test(raw.trim()) || (raw.trim().startsWith("+") && digits.length >= 8);
    if (isPhone) found.push({ kind: "phone", start: m.index, end: m.index + raw.length });
  }
  return found;
}

/** Every contact detail in the text, earliest first, overlaps merged (e-mail beats link). */
function findAll(text: string): Found[] {
  const all = [
    ...matchesOf(text, EMAIL, "email"),
    ...matchesOf(text, LINK, "link"),
    ...matchesOf(text, USERNAME, "username"),
    ...phonesIn(text),
  ];
  const priority: Record<PiiKind, number> = {
    email: 0,
    link: 1,
    username: 2,
    phone: 3,
    full_name: 4,
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
  const kinds = [...new Set(findAll(text).map((f) => f.kind))];
  if (options.names && looksLikeFullName(text)) kinds.push("full_name");
  return kinds;
}

/** Replaces phones, e-mails, usernames and links with «[скрыто]» and says what it hid. */
export function maskPii(text: string, mask: string): { text: string; found: PiiKind[] } {
  const found = findAll(text);
  let masked = text;
  for (const f of [...found].reverse()) {
    masked = masked.slice(0, f.start) + mask + masked.slice(f.end);
  }
  return { text: masked, found: [...new Set(found.map((f) => f.kind))] };
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
  const words = text.trim().split(/\s+/);
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
