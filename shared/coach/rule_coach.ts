import type { Translate } from "../notifications/translate.ts";
import { type Coach, type CoachRequest, type Hint, type HintType, maxHintLength } from "./coach.ts";
import { checkHintText } from "./hint_guard.ts";

/**
 * The rule-based coach: Russian templates from locales/ru/coach.ftl, no network. Its hints follow
 * the HAILEY trial (Sharma et al., 2023, Nature Machine Intelligence), where feedback that
 * suggested a concrete edit of a peer supporter's reply — replace this phrase, insert that one —
 * made replies more empathic:
 *
 * - `rephrase`: the sender's own last message, whole and ready to send, with every unhelpful
 *   phrase found replaced by a validating one (`unhelpfulPhrases`: «не переживай» → «понимаю,
 *   как это тревожно»). A message with none of them but also without any empathy gets one
 *   inserted in front (the empathy hint below); one with empathy but no question gets the open
 *   question below appended. An insertion takes the place of the hint it inserts.
 * - `empathy`: validation of the feeling named in the partner's last message (`feelings`), else
 *   of the shared topic, else a general one.
 * - `question`: an open question about the topic, else a general one.
 * - `boundary`: a reminder for a sensitive topic (don't compare losses, don't push advice, don't
 *   ask about a death or a diagnosis, look after yourself); for other topics only when the
 *   partner's last message names a feeling.
 *
 * At most three, in that order. Which topic and which numbered variant are picked from a hash of
 * the request, so the same request always gets the same hints and different ones differ. Hints
 * the sender might send say «ты» when the sender's own messages do (`addressForm`), «вы»
 * otherwise; boundary reminders are the bot speaking and say «вы». Every hint is run through
 * `checkHintText`; one that fails is dropped.
 *
 * The sender's message reaches the coach anonymised: «[адрес]», «[имя]», «[телефон]», the
 * partners' tokens. A person would paste a hint as it is, so a message holding a placeholder (or
 * cut short by the anonymiser, «…» in front) is never rephrased: the other hints stand alone.
 */
export function createRuleCoach(t: Translate): Coach {
  return {
    name: ruleCoachName,
    hints(request, signal) {
      // In the executor, so an aborted signal (or a bug) rejects rather than throws.
      return new Promise((resolve) => {
        signal?.throwIfAborted();
        resolve(ruleHints(t, request));
      });
    },
  };
}

export const ruleCoachName = "rules-v1";

/** Topics with their own empathy and question templates in coach.ftl. */
export const templateTopics: readonly string[] = [
  "pet_loss",
  "bereavement",
  "divorce",
  "breakup",
  "job_loss",
  "relative_illness",
  "chronic_illness",
  "addiction_in_family",
  "caring_for_parents",
  "infertility",
  "disability",
  "money_trouble",
  "burnout",
  "loneliness",
  "anxiety",
  "panic_attacks",
  "low_mood",
  "emigration",
  "relocation",
  "career_change",
  "new_parenthood",
  "studies",
  "first_job",
  "retirement",
  "self_doubt",
  "work_stress",
  "insomnia",
  "shyness",
  "finding_myself",
];

/** The sensitive topics (sensitivity 2 in supabase/seed.sql): they have boundary templates. */
export const sensitiveTopics: readonly string[] = [
  "pet_loss",
  "bereavement",
  "divorce",
  "breakup",
  "job_loss",
  "relative_illness",
  "chronic_illness",
  "addiction_in_family",
  "caring_for_parents",
  "infertility",
  "disability",
  "money_trouble",
  "burnout",
  "loneliness",
  "anxiety",
  "panic_attacks",
  "low_mood",
  "emigration",
];

/** How many numbered variants coach.ftl has of each kind of template. */
export const variantCounts = {
  topic: 2,
  feeling: 2,
  generic: 3,
} as const;

/** «ты» or «вы»: the `form` variable of coach.ftl. */
export type AddressForm = "ty" | "vy";

const L = String.raw`\p{L}`;
/** What often trails a «не …» phrase and goes with it: «не переживай так», «…из-за этого». */
const TRAIL = String
  .raw`(?:\s+(?:так(?:\s+сильно)?|из-за\s+(?:этого|него|нее|них|ерунды|пустяков|такого)|по\s+этому\s+поводу|об\s+этом))?`;

/** Whole words or phrases, on text lowercased with ё read as е; global, for `matchAll`. */
const phrase = (source: string) =>
  new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${source})(?![\p{L}\p{N}])`, "gu");

export interface UnhelpfulPhrase {
  /** The coach.ftl key is `coach-rule-replace-<key>`. */
  key: string;
  pattern: RegExp;
  /** "phrase": replace the match; "sentence": replace from the match to the sentence's end. */
  scope: "phrase" | "sentence";
  /** Only when the rest of the message turns to the sender's own story («у меня тоже…»). */
  needsOwnStory?: boolean;
}

/**
 * Unhelpful phrases of Russian peer support and what replaces them (see coach.ftl). Patterns
 * run on the message lowercased with ё read as е; the replacement goes into the original text.
 */
export const unhelpfulPhrases: readonly UnhelpfulPhrase[] = [
  {
    // «Не переживай», «не волнуйтесь»: dismisses the worry instead of hearing it.
    key: "worry",
    pattern: phrase(
      String
        .raw`не\s+(?:переживай|переживайте|волнуйся|волнуйтесь|беспокойся|беспокойтесь|нервничай|нервничайте|бойся|бойтесь)${TRAIL}`,
    ),
    scope: "phrase",
  },
  {
    key: "dwell",
    pattern: phrase(
      String
        .raw`не\s+(?:парься|парьтесь|заморачивайся|заморачивайтесь|загоняйся|загоняйтесь|зацикливайся|зацикливайтесь|накручивай\s+себя|накручивайте\s+себя|бери\s+в\s+голову|берите\s+в\s+голову|думай\s+об\s+этом|думайте\s+об\s+этом)${TRAIL}`,
    ),
    scope: "phrase",
  },
  {
    // Toxic positivity: a promise nobody can keep. A wish («надеюсь, всё наладится») is fine.
    key: "fine",
    pattern: phrase(
      String
        .raw`(?<!надеюсь,?\s(?:что\s)?)все\s+(?:обязательно\s+|точно\s+|еще\s+)?(?:будет\s+(?:хорошо|нормально|в\s+порядке)|наладится|образуется|получится)|все\s+что\s+ни\s+делается,?\s+(?:все\s+)?к\s+лучшему|все\s+к\s+лучшему`,
    ),
    scope: "phrase",
  },
  {
    key: "worse",
    pattern: phrase(
      String
        .raw`(?:могло\s+быть|бывает|бывало)\s+(?:и|еще|гораздо|намного)\s+хуже|(?:другим|кому-то|некоторым|многим|людям)\s+(?:еще\s+|гораздо\s+|намного\s+|вообще\s+)?хуже`,
    ),
    scope: "phrase",
  },
  {
    key: "everyone",
    pattern: phrase(
      String
        .raw`(?:это|такое)\s+(?:со\s+всеми|у\s+всех|с\s+каждым)\s+бывает|(?:это|такое)\s+бывает\s+(?:у\s+всех|со\s+всеми|с\s+каждым)|(?:у\s+всех|со\s+всеми|с\s+каждым|у\s+каждого)\s+(?:так\s+|это\s+|такое\s+)?бывает(?:\s+(?:такое|так|это))?|все\s+через\s+это\s+проходят`,
    ),
    scope: "phrase",
  },
  {
    key: "dismiss",
    pattern: phrase(
      String
        .raw`(?:забей|забейте|плюнь|плюньте|наплюй|наплюйте)(?:\s+на\s+(?:это|него|нее|них|все|всех))?`,
    ),
    scope: "phrase",
  },
  {
    key: "pull",
    pattern: phrase(
      String
        .raw`соберись|соберитесь|возьми\s+себя\s+в\s+руки|возьмите\s+себя\s+в\s+руки|хватит\s+(?:ныть|грустить|страдать|жаловаться|раскисать)|не\s+(?:раскисай|раскисайте|ной|ныть)|будь\s+сильнее|будьте\s+сильнее|надо\s+быть\s+сильн${L}*`,
    ),
    scope: "phrase",
  },
  {
    key: "sad",
    pattern: phrase(
      String
        .raw`не\s+(?:грусти|грустите|плачь|плачьте|расстраивайся|расстраивайтесь|унывай|унывайте|печалься|печальтесь|вешай\s+нос|вешайте\s+нос)${TRAIL}|выше\s+нос|думай\s+о\s+хорошем|думайте\s+о\s+хорошем|думай\s+позитивно|думайте\s+позитивно|улыбнись|улыбнитесь`,
    ),
    scope: "phrase",
  },
  {
    key: "time",
    pattern: phrase(
      String
        .raw`время\s+лечит|время\s+все\s+(?:лечит|расставит(?:\s+по\s+местам)?)|со\s+временем\s+(?:все\s+)?(?:пройдет|забудется|отпустит)|(?:все|это)\s+пройдет|(?:все|это)\s+забудется`,
    ),
    scope: "phrase",
  },
  {
    // «Надо просто…»: makes the problem sound easy. The infinitive that follows stays.
    key: "just",
    pattern: phrase(
      String
        .raw`(?:(?:тебе|вам)\s+)?(?:надо|нужно|стоит|следует)\s+просто|(?:(?:тебе|вам)\s+)?просто\s+(?:надо|нужно|стоит)`,
    ),
    scope: "phrase",
  },
  {
    // «Зато…»: a silver lining. The rest of the sentence goes with it.
    key: "bright",
    pattern: phrase(
      String
        .raw`зато|(?:посмотри|посмотрите|взгляни|взгляните)\s+на\s+это\s+с\s+(?:другой|хорошей|положительной|светлой)\s+стороны|во\s+всем\s+есть\s+(?:свои\s+)?плюсы|(?:ищи|ищите|найди|найдите)\s+(?:в\s+этом\s+)?плюсы|(?:хорошо|радуйся|радуйтесь),?\s+что\s+хотя\s+бы`,
    ),
    scope: "sentence",
  },
  {
    key: "whatever",
    pattern: phrase(
      String
        .raw`ну\s+и\s+ладно|ну\s+и\s+пусть|(?:ну\s+)?и\s+(?:фиг|черт|бог)\s+с\s+(?:ним|ней|ними|этим)`,
    ),
    scope: "phrase",
  },
  {
    // Unsolicited advice: the whole «я бы на твоём месте…» sentence.
    key: "advice",
    pattern: phrase(
      String
        .raw`я\s+бы\s+на\s+(?:твоем|вашем)\s+месте|на\s+(?:твоем|вашем)\s+месте\s+я\s+бы|(?:тебе|вам)\s+(?:надо|нужно)\s+(?:срочно\s+)?(?:уйти|уволиться|развестись|бросить|расстаться)`,
    ),
    scope: "sentence",
  },
  {
    // «Я тебя прекрасно понимаю», then a story about oneself: the focus leaves the partner.
    key: "sameme",
    pattern: phrase(
      String
        .raw`я\s+(?:тебя|вас)\s+(?:так\s+|очень\s+хорошо\s+|очень\s+|прекрасно\s+|отлично\s+|полностью\s+|хорошо\s+|как\s+никто\s+(?:другой\s+)?)?понимаю|(?:я\s+)?(?:прекрасно\s+|отлично\s+|очень\s+хорошо\s+|полностью\s+)?понимаю\s+(?:тебя|вас)(?:\s+как\s+никто(?:\s+другой)?)?`,
    ),
    scope: "phrase",
    needsOwnStory: true,
  },
  {
    key: "sameme",
    pattern: phrase(
      String
        .raw`я\s+(?:точно\s+|прекрасно\s+|хорошо\s+)?знаю,?\s+(?:что\s+(?:ты\s+чувствуешь|вы\s+чувствуете)|каково\s+(?:тебе|вам)|как\s+(?:тебе|вам)\s+(?:сейчас\s+)?(?:тяжело|плохо|больно))`,
    ),
    scope: "phrase",
  },
  {
    // «Это всего лишь кошка»: belittles the loss.
    key: "minimize",
    pattern: phrase(
      String
        .raw`(?:это\s+(?:ведь\s+|же\s+)?(?:всего\s+лишь|всего-навсего|просто)|всего\s+лишь|всего-навсего)\s+(?:кошка|кот|котик|собака|пес|собачка|животное|питомец|хомяк|хомячок|попугай|рыбка|работа|бывший|бывшая|парень|девушка|деньги|отношения)|(?:ну\s+)?подумаешь`,
    ),
    scope: "phrase",
  },
  {
    // «Заведи нового», «найдёшь другого»: a replacement offered for a loss.
    key: "moveon",
    pattern: phrase(
      String
        .raw`(?:заведи|заведите|заведешь|заведете|возьми|возьмите|возьмешь|возьмете)\s+(?:себе\s+)?(?:нового|новую|новое|другого|другую|еще\s+одного|еще\s+одну)|(?:найдешь|найдете|встретишь|встретите)\s+(?:себе\s+)?(?:другого|другую|кого-то|нового|новую|получше|лучше|еще|другое|новое)|(?:мужиков|баб|парней|девушек|работ)\s+(?:много|полно|навалом)|на\s+(?:нем|ней)\s+свет\s+клином\s+не\s+сошелся`,
    ),
    scope: "sentence",
  },
];

/** Fillers that go with a replaced phrase they stand in front of. */
const LEAD = /(?<![\p{L}])(?:ну|ой|эх|да\s+ладно|короче|так\s+что|слушай|слушайте)\s*,?\s+$/u;

/** Turning to one's own story after «я тебя понимаю». */
const OWN_STORY = phrase(
  String
    .raw`у\s+меня|я\s+тоже|со\s+мной|мне\s+тоже|мой|моя|мое|мои|моего|моей|моим|моих|я\s+сам|я\s+сама|когда\s+я|у\s+нас|я\s+через`,
);

/** Signs that a message already validates the partner: then nothing is inserted in front. */
const EMPATHY_MARKERS = new RegExp(
  String
    .raw`(?<![\p{L}])(?:понима|представля|сочувств|соболезн|жаль|тяжел|сложно|больно|обидно|непросто|нелегко|страшно|тревожно|рядом|слышу|важно|понятн|нормально|обнима|береги|держись|держитесь|спасибо, что)`,
  "u",
);

export interface Feeling {
  /** The coach.ftl key is `coach-rule-feeling-<key>-<n>`. */
  key: string;
  pattern: RegExp;
}

/** Feeling words in the partner's last message, first one found wins (unless «не …»). */
export const feelings: readonly Feeling[] = [
  {
    key: "fear",
    pattern: phrase(String.raw`страшн${L}*|боюсь|страх${L}*|пугает|пугаюсь|жутко|испуг${L}*`),
  },
  {
    key: "anxiety",
    pattern: phrase(
      String
        .raw`тревожн${L}*|тревог${L}*|тревожусь|волнуюсь|нервничаю|беспокоюсь|паникую|паник${L}*`,
    ),
  },
  {
    key: "loneliness",
    pattern: phrase(
      String
        .raw`одинок${L}*|одиночеств${L}*|никому\s+не\s+нуж${L}*|не\s+с\s+кем\s+поговорить|совсем\s+один|совсем\s+одна`,
    ),
  },
  { key: "pain", pattern: phrase(String.raw`больно|болит\s+душа|разрывается|невыносимо`) },
  {
    key: "tiredness",
    pattern: phrase(
      String
        .raw`устал${L}*|усталост${L}*|нет\s+сил|без\s+сил|вымотан${L}*|измотан${L}*|выжат${L}*|выдохся|выдохлась`,
    ),
  },
  {
    key: "anger",
    pattern: phrase(
      String.raw`злюсь|злит|бесит|злость|зол|зла|ненавижу|раздражает|раздражение|в\s+ярости`,
    ),
  },
  {
    key: "hurt",
    pattern: phrase(
      String.raw`обидно|обида|обиду|обидел${L}*|обижен${L}*|предал${L}*|предательств${L}*`,
    ),
  },
  { key: "shame", pattern: phrase(String.raw`стыдно|стыд|стыжусь|неловко|позор${L}*`) },
  {
    key: "guilt",
    pattern: phrase(
      String
        .raw`виноват${L}*|моя\s+вина|чувство\s+вины|корю\s+себя|не\s+прощу\s+себе|не\s+могу\s+себе\s+простить`,
    ),
  },
  {
    key: "sadness",
    pattern: phrase(
      String
        .raw`грустно|грусть|грущу|тоскливо|тоска|тоскую|плачу|плакал${L}*|реву|печально|слезы|тяжело\s+на\s+душе`,
    ),
  },
  {
    key: "emptiness",
    pattern: phrase(
      String
        .raw`пусто|пустота|ничего\s+не\s+хочу|ничего\s+не\s+хочется|ничего\s+не\s+чувствую|апатия|ничего\s+не\s+радует`,
    ),
  },
  {
    key: "helplessness",
    pattern: phrase(
      String
        .raw`не\s+знаю,?\s+что\s+делать|беспомощн${L}*|растерян${L}*|опускаются\s+руки|руки\s+опускаются|тупик${L}*`,
    ),
  },
];

/** «ты»-forms: pronouns, 2nd person singular verbs, «ты» imperatives after «не». */
const TY_MARKERS = [
  phrase(
    String
      .raw`ты|тебя|тебе|тобой|тобою|твой|твоя|твое|твои|твоего|твоей|твоему|твоим|твоих|твоими|твою|твоем`,
  ),
  phrase(String.raw`${L}{2,}(?:ешь|ишь|ешься|ишься)`),
  phrase(String.raw`не\s+${L}+(?:ай|яй|уй|йся|ься|чь)`),
  // «держись», «успокойся»; not «запись» or past plurals («встретились»).
  phrase(String.raw`${L}+(?<![лп])ись|${L}+йся`),
];
/** «вы»-forms: pronouns, plural or polite imperatives. */
const VY_MARKERS = [
  phrase(
    String
      .raw`вы|вас|вам|вами|ваш|ваша|ваше|ваши|вашего|вашей|вашему|вашим|ваших|вашими|вашу|вашем`,
  ),
  phrase(String.raw`${L}+(?:йте|ьте|ите)(?:сь)?`),
];

/** «ты» when the sender's own messages use more «ты»-forms than «вы»-forms; «вы» otherwise. */
export function addressForm(ownTexts: readonly string[]): AddressForm {
  let ty = 0;
  let vy = 0;
  for (const text of ownTexts) {
    const low = fold(text);
    for (const re of TY_MARKERS) ty += [...low.matchAll(re)].length;
    for (const re of VY_MARKERS) vy += [...low.matchAll(re)].length;
  }
  return ty > vy ? "ty" : "vy";
}

/** The first feeling named in `text` and not negated («мне не страшно»), or null. */
export function detectFeeling(text: string): string | null {
  const low = fold(text);
  let best: { key: string; index: number } | null = null;
  for (const feeling of feelings) {
    for (const m of low.matchAll(feeling.pattern)) {
      if (/(?:^|[^\p{L}])не\s+$/u.test(low.slice(Math.max(0, m.index - 4), m.index))) continue;
      if (best === null || m.index < best.index) best = { key: feeling.key, index: m.index };
      break;
    }
  }
  return best?.key ?? null;
}

/** An edit of `message`: every unhelpful phrase replaced, or null if it has none. */
export function replaceUnhelpful(
  t: Translate,
  message: string,
  form: AddressForm,
): string | null {
  const low = fold(message);
  const spans: { start: number; end: number; key: string }[] = [];
  for (const rule of unhelpfulPhrases) {
    for (const m of low.matchAll(rule.pattern)) {
      let start = m.index;
      let end = start + m[0].length;
      // «Ну, не переживай»: the filler in front goes with the phrase.
      const lead = low.slice(0, start).match(LEAD);
      if (lead) start -= lead[0].length;
      if (rule.needsOwnStory && !new RegExp(OWN_STORY.source, "u").test(low.slice(end))) continue;
      if (rule.scope === "sentence") {
        const stop = low.slice(end).search(/[.!?…\n]/u);
        end = stop === -1 ? low.length : end + stop;
      }
      spans.push({ start, end, key: rule.key });
    }
  }
  if (spans.length === 0) return null;
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: typeof spans = [];
  for (const span of spans) {
    const last = kept.at(-1);
    if (last === undefined || span.start >= last.end) kept.push(span);
  }
  // The same replacement twice in a row reads badly («понимаю, как это тревожно, понимаю, как
  // это тревожно»): a later span with a key already used goes, with the separator before it.
  const used = new Set<string>();
  const edits = kept.map((span) => {
    const repeated = used.has(span.key);
    used.add(span.key);
    return { ...span, repeated };
  });
  let result = message;
  for (const span of edits.reverse()) {
    const atStart = startsSentence(message, span.start);
    if (span.repeated && atStart) {
      const after = result.slice(span.end).replace(/^[\s,;:—–-]*/u, "");
      result = result.slice(0, span.start) + capitalize(after);
      continue;
    }
    if (span.repeated) {
      const before = result.slice(0, span.start).replace(/[\s,;:—–-]*$/u, "");
      result = before + result.slice(span.end);
      continue;
    }
    const capital = atStart || isUpper(message.charAt(span.start));
    let fragment = t(`coach-rule-replace-${span.key}`, { form, start: atStart ? "yes" : "no" });
    fragment = capital ? capitalize(fragment) : fragment;
    result = result.slice(0, span.start) + fragment + result.slice(span.end);
  }
  return result;
}

function ruleHints(t: Translate, request: CoachRequest): Hint[] {
  const seed = fnv1a(
    [
      request.topics.join(","),
      ...request.context.map((line) => `${line.from}:${line.text}`),
      request.lastOwnMessage ?? "",
    ].join("\n"),
  );
  const pick = (salt: string, n: number) => fnv1a(`${seed}:${salt}`) % n + 1;

  const own = request.lastOwnMessage?.trim() || null;
  const form = addressForm([
    ...request.context.filter((line) => line.from === "self").map((line) => line.text),
    ...(own === null ? [] : [own]),
  ]);
  const partnerLast = request.context.findLast((line) => line.from === "partner")?.text ?? null;
  const feeling = partnerLast === null ? null : detectFeeling(partnerLast);

  const known = unique(request.topics).filter((topic) => templateTopics.includes(topic));
  const sensitive = known.filter((topic) => sensitiveTopics.includes(topic));
  const pool = sensitive.length > 0 ? sensitive : known;
  const topic = pool.length > 0 ? pool[pick("topic", pool.length) - 1]! : null;

  const empathy = feeling !== null
    ? t(`coach-rule-feeling-${feeling}-${pick("feeling", variantCounts.feeling)}`, { form })
    : topic !== null
    ? t(`coach-rule-empathy-${topic}-${pick("empathy", variantCounts.topic)}`, { form })
    : t(`coach-rule-empathy-generic-${pick("empathy", variantCounts.generic)}`, { form });
  const question = topic !== null
    ? t(`coach-rule-question-${topic}-${pick("question", variantCounts.topic)}`, { form })
    : t(`coach-rule-question-generic-${pick("question", variantCounts.generic)}`, { form });
  const boundary = topic !== null && sensitiveTopics.includes(topic)
    ? t(`coach-rule-boundary-${topic}-${pick("boundary", variantCounts.topic)}`)
    : feeling !== null
    ? t(`coach-rule-boundary-generic-${pick("boundary", variantCounts.generic)}`)
    : null;

  const echo = partnerLast?.trim() ?? "";
  const usable = (text: string) =>
    text.length <= maxHintLength && checkHintText(text).ok &&
    !(echo.length >= minEchoLength && text.includes(echo));

  const hints: Hint[] = [];
  const covered = new Set<HintType>();
  if (own !== null && !holdsPlaceholder(own)) {
    const replaced = replaceUnhelpful(t, own, form);
    if (replaced !== null) {
      if (usable(replaced)) hints.push({ type: "rephrase", text: replaced });
    } else if (partnerLast !== null && wordCount(own) >= 3) {
      // An insertion that cannot be used leaves its hint to be given on its own.
      const stop = /[\p{L}\p{N}]$/u.test(own) ? "." : "";
      const inserted = !EMPATHY_MARKERS.test(fold(own))
        ? { text: `${empathy} ${capitalize(own)}`, covers: "empathy" as const }
        : !own.includes("?")
        ? { text: `${own}${stop} ${question}`, covers: "question" as const }
        : null;
      if (inserted !== null && usable(inserted.text)) {
        hints.push({ type: "rephrase", text: inserted.text });
        covered.add(inserted.covers);
      }
    }
  }
  // Nothing from the partner yet: no empathy (there is nothing to validate), an opening question.
  if (partnerLast !== null && !covered.has("empathy")) {
    hints.push({ type: "empathy", text: empathy });
  }
  if (!covered.has("question")) hints.push({ type: "question", text: question });
  if (boundary !== null) hints.push({ type: "boundary", text: boundary });

  const seen = new Set<string>();
  return hints
    .filter((hint) => {
      if (seen.has(hint.text) || !usable(hint.text)) return false;
      seen.add(hint.text);
      return true;
    })
    .slice(0, 3);
}

/**
 * Whether an anonymised text holds something a person must not paste: a placeholder of the
 * anonymiser or a template (any square bracket: «[адрес]», «[собеседник]») or the «…» that marks
 * a start cut off.
 */
export function holdsPlaceholder(text: string): boolean {
  return /[[\]]/u.test(text) || text.trimStart().startsWith("…");
}

/** A hint holding the partner's whole last message (at least this long) is dropped. */
const minEchoLength = 12;

/** Lowercase with ё read as е, one UTF-16 unit for one, so offsets carry over. */
function fold(text: string): string {
  let out = "";
  for (const ch of text) {
    const lower = ch.toLowerCase();
    out += lower.length !== ch.length ? ch : lower === "ё" ? "е" : lower;
  }
  return out;
}

function startsSentence(text: string, index: number): boolean {
  return /(?:^|[.!?…]\s*|\n\s*)$/u.test(text.slice(0, index));
}

function isUpper(ch: string): boolean {
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function wordCount(text: string): number {
  return text.match(/\p{L}+/gu)?.length ?? 0;
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}

/** FNV-1a, 32 bits: a small stable hash to pick templates with. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
