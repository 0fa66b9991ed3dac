import { normalizeText } from "./normalize.ts";

/**
 * Offline crisis detection for Russian text: suicidal intent, self-harm and abuse, in the words
 * people actually use (inflections, common misspellings, slang such as «выпилиться»), with
 * negation («не хочу умирать», «я не собираюсь покончить с собой») and everyday hyperbole
 * («умираю от смеха», «убить время», «хоть вешайся») left alone. A hit never silences anyone: the
 * caller still relays the message and offers help. The phrase list is our own (no third-party
 * lexicon), tested against the corpus in tests/safety/crisis_corpus.ts.
 */
export type CrisisLabel = "suicide" | "self_harm" | "abuse";

export interface CrisisHit {
  label: CrisisLabel;
  /** high: intent, a method or ongoing violence; medium: the subject is raised. */
  severity: "high" | "medium";
}

interface Rule {
  label: CrisisLabel;
  severity: "high" | "medium";
  pattern: RegExp;
  /** Whether «не …» right before the phrase turns it around («не хочу умирать»). */
  negatable: boolean;
}

const L = String.raw`\p{L}`;
/** A phrase as whole words: `\b` does not know Cyrillic. */
const words = (source: string) => new RegExp(String.raw`(?<!${L})(?:${source})(?!${L})`, "gu");

const DIE = String.raw`умереть|умирать|умиреть|сдохнуть|издохнуть|не жить|не существовать|` +
  String.raw`исчезнуть навсегда|уснуть и не проснуться|заснуть и не проснуться|не просыпаться|` +
  String.raw`покончить со всем|покончить с этим|уйти навсегда`;
const WANT = String.raw`хочу|хочется|хотелось бы|хотела бы|хотел бы|собираюсь|собралась|собрался|` +
  String.raw`решила|решил|думаю|мечтаю|пора|готова|готов|лучше|планирую|скоро|сегодня|завтра`;
const PLACE = String.raw`крыши|моста|окна|балкона|многоэтажки|этажа`;
const WHO = String.raw`муж|отец|отчим|папа|мама|мать|парень|брат|сожитель|партн[её]р|он|она|они`;

const RULES: Rule[] = [
  // Suicide: intent in so many words.
  {
    label: "suicide",
    severity: "high",
    negatable: true,
    pattern: words(
      String.raw`(?:по)?конч(?:у|ить|ать|ила|ил|аю)(?: с)? собой|кончу с собой|` +
        String.raw`убить себя|убью себя|убиваю себя|` +
        String.raw`выпилиться|выпилюсь|роскомнадзорнуться|` +
        String.raw`уйти из жизни|уйду из жизни|свести сч[её]ты с жизнью|сведу сч[её]ты|` +
        String.raw`вскрыть вены|вскрою вены|вскрыла вены|вскрыл вены|вскрыться|вскроюсь|` +
        String.raw`повешусь|повеситься|вешаться|` +
        String
          .raw`наглотаться таблеток|наглотаюсь таблеток|выпить все таблетки|выпью все таблетки|` +
        String
          .raw`(?:с|вы)?прыгн(?:у|уть) (?:с|из) (?:${PLACE})|брош(?:усь|иться) под (?:поезд|машину)|` +
        String
          .raw`(?:${WANT})(?: бы)?(?: (?:просто|уже|очень|так|тупо|реально|наконец))? (?:${DIE})|` +
        String.raw`(?:${DIE}) (?:хочу|хочется)|как бы (?:мне )?(?:${DIE}|покончить с собой)|` +
        // «устала жить», but not «устала жить в общаге».
        String.raw`(?:устала|устал|надоело|задолбало)(?: (?:уже|так|просто))? жить` +
        String.raw`(?! (?:в|на|с|со|у|без|под|рядом|вместе|одной|одна|один|так|здесь|там))`,
    ),
  },
  // Not wanting to live is negative by itself: «не» is part of the phrase.
  {
    label: "suicide",
    severity: "high",
    negatable: false,
    pattern: words(
      String.raw`не хочу (?:больше |уже |дальше )?жить|не хочется (?:больше |уже )?жить|` +
        String.raw`жить (?:больше |уже )?не хочу|жить (?:больше |уже )?не хочется|` +
        String.raw`незачем жить|нет смысла жить|смысла жить нет|не вижу смысла (?:в жизни|жить)|` +
        String.raw`лучше бы я (?:умерла|умер|не родилась|не родился)|лучше бы меня не было|` +
        String.raw`всем (?:будет )?лучше без меня|без меня всем будет лучше|` +
        String
          .raw`(?:предсмертн|прощальн)${L}* (?:записк|письм)${L}*|это мо[её] последнее сообщение`,
    ),
  },
  // The subject raised (a loss, a fear, a question): a gentle offer of help, medium.
  {
    label: "suicide",
    severity: "medium",
    negatable: true,
    pattern: words(
      String.raw`суи[цс]ид${L}*|суецид${L}*|суицыд${L}*|самоуби(?:й)?ств${L}*|суицидальн${L}*`,
    ),
  },
  {
    label: "self_harm",
    severity: "high",
    negatable: true,
    pattern: words(
      String.raw`(?:режу|резала|резал|порезала|порезал|резать|режусь|порежу) ` +
        String.raw`(?:себя|себе (?:руки|руку|вены|запястья|ноги|бёдра|бедра)|руки|вены|запястья)|` +
        String.raw`порезы на (?:руках|запястьях|ногах|бёдрах|бедрах)|` +
        String.raw`селфхарм${L}*|self ?harm|` +
        String
          .raw`причиня(?:ю|ть) себе боль|причинить себе боль|нан(?:ошу|осить|есу) себе (?:порезы|вред|травмы|раны)|` +
        String.raw`бью себя|(?:жгу|прижигаю) себя`,
    ),
  },
  {
    label: "abuse",
    severity: "high",
    negatable: true,
    pattern: words(
      String
        .raw`(?:${WHO}) (?:меня |нас )?(?:избивает|избивают|избил|избила|насилует|изнасиловал|` +
        String.raw`домогается|домогался|душил|душит)|` +
        // «бьёт» alone is too broad («бьёт рекорды», «бьёт по мячу»): only with «меня» / «нас».
        String.raw`(?:${WHO}) (?:меня|нас) (?:бь[её]т|бьют|бил|била|били)|` +
        String.raw`(?:${WHO}) (?:бь[её]т|бьют|бил|била|били) (?:меня|нас)|` +
        String.raw`меня (?:бь[её]т|бьют|избивает|избивают|избил|избили|били|насилует|насиловал|` +
        String
          .raw`изнасиловал${L}*|домогается|домогался|домогаются|душил|душат|трогал${L}* против воли)|` +
        String
          .raw`изнасиловал${L}*|изнасилован${L}*|домашнее насилие|домашнего насилия|насилие в семье|` +
        String.raw`угрожает (?:меня )?убить|грозится (?:меня )?убить`,
    ),
  },
];

// Hyperbole and idioms that read like a rule but are not («хоть вешайся» is not matched at all).
const HYPERBOLE = words(
  String.raw`(?:хоть|можно|впору|остаётся только|остается только) повеситься|повеситься можно|` +
    String.raw`умира(?:ю|ем|ешь) (?:от|со) (?:смеха|скуки|любопытства|голода|жары|усталости)|` +
    String.raw`(?:хочу|хочется) умереть от (?:смеха|стыда|счастья)`,
);

const NEGATION = new RegExp(
  String
    .raw`(?<!${L})(?:не|ни за что не|никогда не|никогда бы не)(?: (?:хочу|хотела|хотел|собираюсь|` +
    String.raw`собиралась|собирался|буду|стану|думаю|думала|думал|планирую|решусь|смогу)` +
    String.raw`(?: (?:о|об|про))?)?\s*$`,
  "u",
);

/** Text as the rules read it: normalised, lower case, ё as е, no stretched letters. */
function prepare(text: string): string {
  return normalizeText(text).text
    .toLowerCase()
    .replace(/ё/g, "е")
    // «умиииираю» -> «умираю»; two letters stay («жжёт», «ссора»).
    .replace(/(\p{L})\1{2,}/gu, "$1")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** The strongest crisis signal in the text, or null. */
export function detectCrisis(text: string): CrisisHit | null {
  const prepared = prepare(text);
  if (prepared.length === 0) return null;
  const idioms: Array<[number, number]> = [];
  for (const m of prepared.matchAll(HYPERBOLE)) idioms.push([m.index, m.index + m[0].length]);
  let best: CrisisHit | null = null;
  for (const rule of RULES) {
    for (const m of prepared.matchAll(rule.pattern)) {
      const start = m.index;
      const end = start + m[0].length;
      if (idioms.some(([a, b]) => start < b && end > a)) continue;
      if (rule.negatable && NEGATION.test(prepared.slice(Math.max(0, start - 40), start))) continue;
      if (!best || (best.severity === "medium" && rule.severity === "high")) {
        best = { label: rule.label, severity: rule.severity };
      }
      if (best.severity === "high") return best;
    }
  }
  return best;
}
