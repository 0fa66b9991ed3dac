import { normalizeText } from "./normalize.ts";

/**
 * Offline toxicity check for Russian chat messages: insults aimed at the partner, threats,
 * sexual harassment and hate slurs. Obfuscation is undone first: Latin look-alikes and digits
 * read as Cyrillic («дyp4к» → «дурак»), stretched letters shrink («дуууура»), letters split by
 * dots, spaces or stars join up («д.у.р.а», «т у п а я»). An insult counts when it is aimed at
 * someone («ты дура», «какой же ты идиот», a message that is nothing but «урод!»); swearing at
 * oneself or at a situation («я такая дура», «идиотская ситуация») does not. The word list is our
 * own, tested against tests/safety/toxicity_corpus.ts.
 */
export type ToxicityCategory = "insult" | "threat" | "sexual" | "hate";

const L = String.raw`\p{L}`;
const words = (source: string) => new RegExp(String.raw`(?<!${L})(?:${source})(?!${L})`, "u");

// Stems; each matches the word and its endings (дура, дуры, дурой…).
const INSULTS = [
  String.raw`дур(?:а|ы|е|у|ой|очка|ёха|еха|ак|ака|аку|аком|аки|ачьё|ачье)`,
  String.raw`идиот${L}*`,
  String.raw`дебил${L}*`,
  String.raw`кретин${L}*`,
  String.raw`придур${L}*`,
  String.raw`туп(?:ой|ая|ое|ые|ица|орылый|орылая|ень)`,
  String.raw`урод${L}*`,
  String.raw`мраз${L}*`,
  String.raw`твар(?:ь|и|ью)`,
  String.raw`сук(?:а|и|е|у|ой|ин сын)|сучк${L}*`,
  String.raw`шлюх${L}*`,
  String.raw`ублюд${L}*`,
  String.raw`чмо${L}*`,
  String.raw`ничтожеств${L}*`,
  String.raw`скотин${L}*`,
  String.raw`гнид${L}*`,
  String.raw`падл${L}*`,
  String.raw`мудак${L}*|мудил${L}*`,
  String.raw`долбо[её]б${L}*|далб[ао][её]б${L}*`,
  String.raw`уёб${L}*|уеб(?:ок|ище|ан)${L}*`,
  String.raw`хуесос${L}*`,
  String.raw`дегенерат${L}*`,
  String.raw`даун(?:ище)?`,
  String.raw`овц(?:а|ы)`,
  String.raw`коз[её]л|козлин${L}*`,
];
const INSULT = INSULTS.join("|");
// Words that only strengthen an insult («полный кретин», «просто урод»).
const FILLER = String.raw`же|какой|какая|просто|полный|полная|конченый|конченая|старый|старая|` +
  String.raw`тупая|тупой|мерзкий|мерзкая|жирный|жирная|вонючий|вонючая`;
// Built once: every relayed message is read with them.
const INSULT_ANYWHERE = new RegExp(String.raw`(?<!${L})(?:${INSULT})(?!${L})`, "gu");
const INSULT_OR_FILLER = new RegExp(String.raw`^(?:${INSULT}|${FILLER})$`, "u");

// Who an insult is aimed at: the partner (ты, вы, твой…) or an order (go away, shut up).
const ADDRESSED = words(
  String
    .raw`ты|вы|тебя|тебе|тобой|вас|вам|твой|твоя|твои|ваш|ваша|сам|сама|пошел|пошла|иди|катись|` +
    String.raw`заткнись|заткнитесь|замолчи|отвали|отвалите|проваливай|убирайся`,
);
const SELF = words(String.raw`я|меня|мне|себя|сама себе|сам себе`);

const THREAT = words(
  String.raw`(?:убью|зарежу|прибью|закопаю|урою|придушу|покалечу|изобью) (?:тебя|вас)|` +
    String.raw`(?:тебя|вас) (?:убью|зарежу|прибью|закопаю|урою|придушу|покалечу|изобью|найду)|` +
    String.raw`я (?:тебя|вас) найду|тебе конец|вам конец|ты труп|считай что ты труп|` +
    String.raw`знаю где ты живешь|знаю где ты живёшь|найду где ты живешь|найду где ты живёшь`,
);

const SEXUAL = words(
  String
    .raw`(?:скинь|пришли|покажи|кинь|отправь) (?:(?:мне|свои|своё|свое|своих|фото|фотку|фотки|фотографию) )*` +
    String.raw`(?:сиськи|грудь|голую|голой|голая|ню|интим${L}*|попку|жопу|киску|письку|член)|` +
    String.raw`(?:хочу|давай) (?:тебя )?(?:трахнуть|трахну|выебать|отыметь|поиметь)|` +
    String
      .raw`(?:трахну|выебу|отымею) (?:тебя|вас)|отсоси|соси|(?:давай|хочешь) (?:займемся|займёмся) сексом|` +
    String.raw`секс со мной|вирт со мной|(?:какого|какой) цвета (?:у тебя )?(?:трусы|трусики)`,
);

const HATE = words(
  String.raw`чурк${L}*|хач(?:и|ей|ам|ик|ики|ьё|ье)?|жид(?:ы|ов|ам|овск${L}*)?|черножоп${L}*|` +
    String.raw`пидор${L}*|пидар${L}*|педик${L}*|хохл(?:ы|ов|ам|ушк${L}*)|хохол|кацап${L}*|` +
    String.raw`узкоглаз${L}*|ниггер${L}*|даун(?:ы|ов)? (?:все|одни)`,
);

// Latin letters and digits people use for Cyrillic ones.
const LOOKALIKE: Record<string, string> = {
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
  u: "и",
  "0": "о",
  "1": "и",
  "3": "з",
  "4": "ч",
  "6": "б",
  "@": "а",
};

/** Text as the rules read it (see the module comment). */
function prepare(text: string): string {
  let t = normalizeText(text).text.toLowerCase().replace(/ё/g, "е");
  // Only in words that mix scripts or digits with Cyrillic: «ok» and «2024» stay as they are.
  t = t.replace(
    /[\p{L}\d@]+/gu,
    (word) =>
      /\p{Script=Cyrillic}/u.test(word)
        ? word.replace(/[a-z0-9@]/g, (c) => LOOKALIKE[c] ?? c)
        : word,
  );
  t = t.replace(/(\p{L})\1{2,}/gu, "$1");
  // «д.у.р.а», «т у п а я», «д*у*р*а»: three or more single letters with separators are one
  // word («я и ты» stays).
  t = t.replace(
    /(?<!\p{L})\p{L}(?:[\s.\-_*]+\p{L}(?!\p{L})){2,}/gu,
    (run) => run.replace(/[\s.\-_*]+/g, ""),
  );
  return t.replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}

/** The kind of abuse in a message, or null. */
export function detectToxicity(text: string): ToxicityCategory | null {
  const t = prepare(text);
  if (t.length === 0) return null;
  if (THREAT.test(t)) return "threat";
  if (SEXUAL.test(t)) return "sexual";
  if (HATE.test(t)) return "hate";
  const tokens = t.split(" ");
  for (const m of t.matchAll(INSULT_ANYWHERE)) {
    const before = t.slice(0, m.index).split(" ").filter(Boolean);
    const after = t.slice(m.index + m[0].length).split(" ").filter(Boolean).slice(0, 3);
    // «ты не дура»: a denial, not an insult.
    if (before.at(-1) === "не") continue;
    // Aimed at someone: a second-person word within three words either side.
    const around = `${before.slice(-3).join(" ")} ${after.join(" ")}`;
    if (ADDRESSED.test(around) && !SELF.test(before.at(-1) ?? "")) return "insult";
    // Or the message is nothing but insults: «урод!», «тупая овца», «полный кретин».
    if (tokens.every((token) => INSULT_OR_FILLER.test(token))) return "insult";
  }
  return null;
}
