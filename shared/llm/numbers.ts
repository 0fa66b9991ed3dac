/**
 * Long numbers for the LLM anonymiser (shared/coach/anonymize.ts). Its strict policy: any run of
 * five or more digits is personal until shown otherwise — a phone, a card, a Telegram id, an INN,
 * a passport, an order number or a code all identify someone, and a leaked one cannot be taken
 * back. A run is what a reader would read as one number:
 *
 * - digits joined by the separators people put in numbers (spaces of any width, dashes, dots,
 *   brackets, underscores, a leading "+"), at most three in a row: "8 (912) 345-67-89",
 *   "8 9 1 2 3 4 5 6 7 8 9";
 * - letters that look like digits count as digits inside a token that has real digits, or
 *   between two such tokens: "89l2З45б7O9" (l, З, б, O), "8 9OO 1ll 22 33";
 * - digits spelled in words, five or more of them: "восемь девятьсот двенадцать ...".
 *
 * Left alone, because they are clearly something else: dates (12.05.2024, 2024-05-12), year
 * ranges (2008-2010), times (15:30, where ":" is no separator), fractions and ranges written
 * with "/" (120/80, 5/2), and amounts of at most seven digits — with a currency or unit after
 * them ("15000 рублей", "10 000 шагов"), after a word about money ("зарплата 60000"), or round
 * thousands written in groups ("500 000").
 *
 * Offsets are UTF-16 offsets in the text given; every function keeps the text's length.
 */

export interface NumberRun {
  start: number;
  end: number;
  /** The digits read (look-alike letters as digits, spelled digits as "#"). */
  digits: string;
}

/** The separators of a number: spaces, the braille blank, dashes, dots, brackets, "_". */
const SEPARATOR = String.raw`[\s\u2800\-\u2010-\u2015\u2212.\u00b7\u2022()_]`;
const RUN = new RegExp(String.raw`(?:\+${SEPARATOR}{0,2})?\d(?:${SEPARATOR}{0,3}\d)*`, "gu");
const TRAILING = new RegExp(String.raw`${SEPARATOR}+$`, "u");

// Letters and signs typed for digits. Only read so next to real digits (see `digitView`).
const LOOKALIKE_DIGITS: Record<string, string> = {
  "О": "0",
  "о": "0",
  "O": "0",
  "o": "0",
  "З": "3",
  "з": "3",
  "I": "1",
  "l": "1",
  "|": "1",
  "І": "1",
  "і": "1",
  "Б": "6",
  "б": "6",
  "Ч": "4",
  "ч": "4",
  "S": "5",
  "s": "5",
  "B": "8",
  "В": "8",
  "Z": "2",
  "z": "2",
  "g": "9",
  "q": "9",
};
const TOKEN = /[0-9\-.()_+ОоOoЗзIl|ІіБбЧчSsBВZzgq\u2010-\u2015\u2212]+/gu;

/**
 * The text with look-alike letters read as digits where they stand among digits: inside a
 * token (letters, digits and number separators with no space) that has a real digit, or as a
 * whole short token between two tokens with digits ("8 9OO ЗЗ 44"). Same length as `text`.
 */
export function digitView(text: string): string {
  const tokens = [...text.matchAll(TOKEN)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    text: m[0],
    digits: /\d/.test(m[0]),
  }));
  // UTF-16 units, so offsets stay those of `text`.
  const out = text.split("");
  const fold = (token: { start: number; text: string }) => {
    for (let k = 0; k < token.text.length; k++) {
      const digit = LOOKALIKE_DIGITS[token.text[k]!];
      if (digit !== undefined) out[token.start + k] = digit;
    }
  };
  tokens.forEach((token, i) => {
    if (token.digits) return fold(token);
    const before = tokens[i - 1];
    const after = tokens[i + 1];
    const spaceOnly = (from: number, to: number) => /^\s{1,3}$/u.test(text.slice(from, to));
    if (
      token.text.length <= 4 && before?.digits && after?.digits &&
      spaceOnly(before.end, token.start) && spaceOnly(token.end, after.start) &&
      [...token.text].every((c) => LOOKALIKE_DIGITS[c] !== undefined)
    ) {
      fold(token);
    }
  });
  return out.join("");
}

// Dates: 12.05.2024, 1.5.24, 12/05/2024, 2024-05-12, with a plausible day and month.
const DATE =
  /(?<![\d.\/-])(?:(\d{1,2})([.\/-])(\d{1,2})\2(\d{4}|\d{2})|(\d{4})-(\d{1,2})-(\d{1,2}))(?![\d]|[.\/-]\d)/g;
// 2008-2010, 1990–1995.
const YEAR_RANGE = /(?<!\d)(?:19|20)\d{2}\s?[-\u2010-\u2015\u2212]\s?(?:19|20)\d{2}(?!\d)/g;

// Amounts: at most seven digits, solid or in groups of three ("1 500 000", "15.000").
const AMOUNT = String
  .raw`(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f.,]\d{3}){1,2}(?![\d])|(?<![\d.,])\d{5,7}(?![\d])`;
const CURRENCY_BEFORE = String.raw`(?:[₽$€£¥₸₴]|руб\.?|р\.|rub|usd|eur)\s?`;
// A currency, a count word or a unit after the number. "к"/"k" as in "50к".
const UNIT_AFTER = String
  .raw`(?:,\d{1,2})?\s?(?:[₽$€£¥₸₴%]|(?:руб|рубл|р\.|тыс|т\.р|тр\b|млн|к\b|k\b|usd|eur|евро|долл|бакс|грив|гривн|тенге|сом|драм|лари|сум\b|манат|шаг|км\b|м\b|метр|кг|г\b|гр\b|грамм|мг|мл|л\b|литр|ккал|калори|процент|штук|шт\b|раз\b|человек|людей|подписчик|просмотр|лайк|балл|очк|слов|символ|знак|страниц|минут|секунд|час|дн|дней|сут|недел|месяц|лет|год|руб))`;
const AMOUNT_WITH_UNIT = new RegExp(
  String.raw`(?:${CURRENCY_BEFORE})(?:${AMOUNT})|(?:${AMOUNT})(?=${UNIT_AFTER})`,
  "giu",
);
const MONEY_WORDS = String
  .raw`(?:зарплат|зп\b|оклад|стои|стоимост|цен[аеуы]|долг|кредит|ипотек|аренд|заплат|плач|плати|потрат|сумм|накопи|займ|занял|одолжи|перев[её]л|перевела|скинул|должен|должна|выиграл|проиграл|получа|зарабатыва|доход|пенси|пособи|штраф|бюджет|копил|трат|вернул|вернуть|отдал|продал|купил|взял)`;
const AMOUNT_AFTER_MONEY_WORD = new RegExp(
  String.raw`(?<!\p{L})${MONEY_WORDS}\p{L}*(?:\s+\p{L}{1,12}){0,2}[\s:—-]+(${AMOUNT})`,
  "giu",
);
// Round thousands in groups: "60 000", "1 000 000".
const ROUND_THOUSANDS =
  /(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f](?:\d{3}))*[ \u00a0\u202f]000(?![\d])/g;

/** Dates, year ranges and amounts, as [start, end) ranges (in `digits`, the digit view). */
function exemptRanges(digits: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const m of digits.matchAll(DATE)) {
    const day = Number(m[1] ?? m[7]);
    const month = Number(m[3] ?? m[6]);
    if (day >= 1 && day <= 31 && month >= 1 && month <= 12) {
      ranges.push([m.index, m.index + m[0].length]);
    }
  }
  for (const pattern of [YEAR_RANGE, AMOUNT_WITH_UNIT, ROUND_THOUSANDS]) {
    for (const m of digits.matchAll(pattern)) ranges.push([m.index, m.index + m[0].length]);
  }
  for (const m of digits.matchAll(AMOUNT_AFTER_MONEY_WORD)) {
    const start = m.index + m[0].length - m[1]!.length;
    ranges.push([start, m.index + m[0].length]);
  }
  return ranges;
}

/** Runs of five or more digits (look-alikes read as digits), dates and amounts excepted. */
export function longDigitRuns(text: string): NumberRun[] {
  const digits = digitView(text);
  let blanked = digits;
  const exempt = exemptRanges(digits);
  if (exempt.length > 0) {
    const chars = blanked.split("");
    for (const [start, end] of exempt) {
      for (let k = start; k < end; k++) if (/\d/.test(chars[k]!)) chars[k] = "#";
    }
    blanked = chars.join("");
  }
  const runs: NumberRun[] = [];
  for (const m of blanked.matchAll(RUN)) {
    const raw = m[0].replace(TRAILING, "");
    const found = raw.replace(/\D/g, "");
    if (found.length >= 5) runs.push({ start: m.index, end: m.index + raw.length, digits: found });
  }
  return runs;
}

// Digits in words: how many digits each word writes, and what it can absorb after it
// ("девятьсот двенадцать" is three digits, "двадцать пять" two).
const UNIT_WORDS = "ноль нуль один одна два две три четыре пять шесть семь восемь девять";
const TEEN_WORDS = "десять одиннадцать двенадцать тринадцать четырнадцать пятнадцать " +
  "шестнадцать семнадцать восемнадцать девятнадцать";
const TENS_WORDS = "двадцать тридцать сорок пятьдесят шестьдесят семьдесят восемьдесят девяносто";
const HUNDRED_WORDS = "сто двести триста четыреста пятьсот шестьсот семьсот восемьсот девятьсот";
const NUMBER_WORDS = new Map<string, "unit" | "teen" | "tens" | "hundred">([
  ...UNIT_WORDS.split(" ").map((w) => [w, "unit"] as const),
  ...TEEN_WORDS.split(" ").map((w) => [w, "teen"] as const),
  ...TENS_WORDS.split(" ").map((w) => [w, "tens"] as const),
  ...HUNDRED_WORDS.split(" ").map((w) => [w, "hundred"] as const),
]);
const NUMBER_TOKEN = /[\p{L}]+|\d+/gu;

/**
 * Numbers dictated in words (digits allowed among them): "восемь девятьсот двенадцать триста
 * сорок пять", "8 девятьсот 123 45 67". Five or more digits in a row, spaces, commas or dashes
 * between.
 */
export function spelledDigitRuns(text: string): NumberRun[] {
  const runs: NumberRun[] = [];
  let current: { start: number; end: number; digits: number; words: number; last: string } | null =
    null;
  const close = () => {
    if (current && current.digits >= 5 && current.words >= 2) {
      runs.push({ start: current.start, end: current.end, digits: "#".repeat(current.digits) });
    }
    current = null;
  };
  const lower = text.toLowerCase().replaceAll("ё", "е");
  for (const m of (lower.length === text.length ? lower : text).matchAll(NUMBER_TOKEN)) {
    const token = m[0];
    const kind = /^\d+$/.test(token) ? "digits" : NUMBER_WORDS.get(token);
    if (kind === undefined) {
      close();
      continue;
    }
    if (current && !/^[\s,\-–—]{1,3}$/u.test(text.slice(current.end, m.index))) close();
    let digits: number;
    if (kind === "digits") digits = token.length;
    else if (kind === "unit") digits = current && /tens|hundred/.test(current.last) ? 0 : 1;
    else if (kind === "teen" || kind === "tens") {
      digits = current?.last === "hundred" ? 0 : 2;
    } else digits = 3;
    const end = m.index + token.length;
    if (current) {
      current.end = end;
      current.digits += digits;
      current.words += kind === "digits" ? 0 : 1;
      current.last = kind;
    } else {
      current = {
        start: m.index,
        end,
        digits,
        words: kind === "digits" ? 0 : 1,
        last: kind,
      };
    }
  }
  close();
  return runs;
}

// What else names a number in a nickname read aloud: «Сова2003» is «сова две тысячи три» or
// «две тыщи три», «Кот_777» «кот три семёрки».
const NUMBER_NOUNS = new RegExp(
  "^(?:тысяч[аиуеь]?|тыщ[аиуеь]?|тыс|нол[ья]|единиц[аыу]|едини?чк[аи]|двойк[аи]|тройк[аи]|" +
    "четв[её]рк[аи]|пят[её]рк[аи]|шест[её]рк[аи]|сем[её]рк[аи]|восьм[её]рк[аи]|девятк[аи])$",
  "u",
);

/**
 * Where a run of numbers read aloud or written in digits ends, if one starts right after `from`
 * (spaces between): «две тысячи три», «три семёрки», «ноль ноль семь», «2003». `from` when none.
 */
export function numberWordsEnd(text: string, from: number): number {
  let end = from;
  for (;;) {
    const m = /^(?:\s+|\s*-\s*)(\p{L}+|\d+)(?![\p{L}\d])/u.exec(text.slice(end));
    if (!m) break;
    const word = m[1]!.toLowerCase().replaceAll("ё", "е");
    if (!/^\d+$/.test(word) && !NUMBER_WORDS.has(word) && !NUMBER_NOUNS.test(word)) break;
    end += m[0].length;
  }
  return end;
}
