import { maxHintLength } from "./coach.ts";
import type { LlmGate } from "../llm/gate.ts";
import { stemOf } from "../diary/russian_words.ts";
import { detectCrisis } from "../safety/crisis.ts";
import { foldLookalikes, normalizeText } from "../safety/normalize.ts";
import { detectPii } from "../safety/pii.ts";
import { detectToxicity } from "../safety/toxicity.ts";

/**
 * The last check on a hint before the sender sees it. A model's output is untrusted: the
 * partner's text it read may carry a prompt injection, and the model may slip into being a
 * doctor, a lawyer or a fortune teller. The rule-based coach runs its own hints through here too.
 *
 * A hint is refused when it is:
 * - `empty`: nothing but whitespace;
 * - `too_long`: more than `maxHintLength` UTF-16 code units (what Telegram counts);
 * - `injection`: control or invisible format characters; markup (role tags such as
 *   `system:` or `<|im_start|>`, code fences, angle or curly brackets); words of a model talking
 *   about itself or its instructions («как языковая модель», «я ИИ», "ignore previous
 *   instructions", "system prompt"...);
 * - `placeholder`: a square bracket — a placeholder of the anonymiser or a template
 *   («[адрес]», «[имя]», «[собеседник]») a person would otherwise paste;
 * - `contact`: a run of five or more digits (spaces, dashes, dots and brackets between digits
 *   allowed), "@", a link ("http", "www.", "://", "t.me") or anything `detectPii` finds (phone,
 *   e-mail, username, link). URLs are reported here rather than as `injection`: a link is a way
 *   out of the anonymous chat whoever put it there;
 * - `crisis`: a crisis in the hint's own words — `detectCrisis` (shared/safety) finds a high
 *   signal in a sentence in the first person or a bare wish («я тоже не хочу жить», «хочется
 *   умереть»). A question about safety, a pointer to help (112, a hotline, /sos), a film or a
 *   book, calm disagreement and one's own past («когда-то я тоже думала…») are not;
 * - `harm_advice`: advice to harm oneself or others (`detectHarmAdvice`, below): self-harm and
 *   its methods, violence, revenge, illegal acts, eating-disorder advice, stopping treatment or
 *   dangerous health advice, harassment and stalking, manipulation of a partner;
 * - `abuse`: insults, threats, sexual harassment or hate (`detectToxicity`, shared/safety);
 * - `diagnosis`: a mental-health diagnosis put on someone («у вас депрессия», «похоже на ПТСР»,
 *   «это клиническая…», «он нарцисс»). Naming a condition the partner named is fine when nothing
 *   frames it as a verdict («жить с депрессией очень тяжело»);
 * - `medical_advice`: medicines, doses, prescriptions, treatment orders («примите…»,
 *   «антидепрессанты», «таблетки», «к психиатру за рецептом», «вам надо лечиться»). A gentle
 *   suggestion to talk to a psychologist, a doctor or a hotline is allowed, and so is medicine
 *   in general in a sentence that defers to the doctor («как назначил врач», «обсуди с врачом»),
 *   keeps to a treatment («не пропускай», «вовремя»), points to an emergency («вызывай скорую»),
 *   puts means away, asks without offering, or talks someone out of it — unless it names a
 *   medicine, gives a dose or suggests one («попробуй…»);
 * - `legal_advice`: courts, claims, articles of law, rights and what to file where. Decided: a
 *   police report («напишите заявление в полицию») is refused too — the coach cannot know whether
 *   that is safe for the person (in domestic abuse it often is not), and real danger is the
 *   crisis flow's job (/sos, 112). Calling the police in danger («вызывай полицию») is allowed
 *   like 112, and «незаконно» said of an act the hint talks someone out of is no verdict.
 *   Suggesting to consult a lawyer («юрист», «адвокат») is allowed, like suggesting any
 *   specialist;
 * - `promise`: a promise or guarantee of an outcome («я всё исправлю», «обещаю», «гарантирую»,
 *   «всё будет хорошо»; a wish — «надеюсь, всё наладится» — is fine, and so is a reminder not
 *   to promise: «не обещай, что всё будет хорошо»);
 * - `not_russian`: no letters, fewer than 80% Cyrillic letters, or letters of other Cyrillic
 *   alphabets (і ї є ґ ў ә қ ...), since hints are in Russian.
 *
 * Checks run in the order of `checkHintText` on the text normalised (`normalizeText`: NFKC, invisible characters
 * removed), lowercased, with ё read as е; the first match is the reason. Latin markers are also
 * looked for with Cyrillic look-alikes folded to Latin (`foldLookalikes`), so "ignоre" written
 * with a Cyrillic «о» is found too.
 */
export type HintRefusal =
  | "empty"
  | "too_long"
  | "crisis"
  | "harm_advice"
  | "abuse"
  | "placeholder"
  | "diagnosis"
  | "medical_advice"
  | "legal_advice"
  | "promise"
  | "injection"
  | "contact"
  | "not_russian";

export type HintCheck = { ok: true } | { ok: false; reason: HintRefusal };

const L = String.raw`\p{L}`;
/** A regexp matching any of `sources` starting at a word boundary (stems: any ending). */
const stems = (...sources: string[]) =>
  new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${sources.join("|")})`, "u");

/** Control characters (but line breaks and tabs) and invisible format characters. */
const HIDDEN_CHARACTERS = /[\p{Cc}\p{Cf}]/u;
const ALLOWED_CONTROLS = /[\n\t]/g;

/** Markup a chat message never needs; in a model's output it is a leaked prompt or role tag. */
export const MARKUP_MARKERS: readonly string[] = ["```", "<|", "|>", "<", ">", "{", "}", "[inst]"];

/** Role labels at the start of a line: «system:», "assistant:", «пользователь:»... */
const ROLE_TAG = new RegExp(
  String
    .raw`(?:^|\n)\s*(?:system|assistant|user|developer|tool|human|ai|система|ассистент|пользователь|модель|бот|помощник)\s*:`,
  "u",
);

/** Latin phrases of a model about itself or its instructions (checked with look-alikes folded). */
export const LATIN_INJECTION_MARKERS: readonly string[] = [
  "ignore previous",
  "ignore all",
  "ignore the above",
  "ignore above",
  "disregard",
  "previous instructions",
  "system prompt",
  "as an ai",
  "as a language model",
  "language model",
  "openai",
  "chatgpt",
  "gpt-",
  "anthropic",
  "jailbreak",
];

/** The same in Russian, as stems on lowercased text with ё → е. */
export const RUSSIAN_INJECTION_MARKERS: readonly string[] = [
  String
    .raw`(?:игнорируй|игнорируйте|забудь|забудьте|отмени|отмените)\s+(?:все\s+)?(?:предыдущ${L}*\s+|прошл${L}*\s+|свои\s+)?(?:инструкци|указани|правил|промпт)`,
  String.raw`системн${L}*\s+(?:промпт|подсказк|инструкци|сообщени)`,
  String.raw`промпт`,
  String
    .raw`(?:как|будучи)\s+(?:языков${L}*\s+модел|ии|нейросет|искусственн${L}*\s+интеллект|ассистент|чат-?бот)`,
  String
    .raw`я\s*(?:[—–-]\s*)?(?:ии|бот|чат-?бот|нейросеть|искусственн${L}*\s+интеллект|языков${L}*\s+модель|модель|ассистент)(?![\p{L}\p{N}])`,
  String.raw`нейросет`,
  String.raw`языков${L}*\s+модел`,
];

/** Contacts: five or more digits (with separators), "@", links. */
const DIGIT_RUN = /\d(?:[\s\-.()]{0,2}\d){4,}/u;
export const CONTACT_MARKERS: readonly string[] = ["@", "http", "www.", "://", "t.me", "tg://"];

/** Mental-health conditions (stems). Only a diagnosis when framed as one (see below). */
export const CONDITION_STEMS: readonly string[] = [
  String.raw`депресси`,
  String.raw`биполяр`,
  String.raw`маниакальн`,
  String.raw`птср`,
  String.raw`посттравматическ`,
  String.raw`окр(?![\p{L}])`,
  String.raw`сдвг`,
  String.raw`шизофрени`,
  String.raw`шизоид`,
  String.raw`психоз`,
  String.raw`психопат`,
  String.raw`социопат`,
  String.raw`нарцисс`,
  String.raw`невроз`,
  String.raw`неврастени`,
  String.raw`расстройств`,
  String.raw`дистими`,
  String.raw`циклотими`,
  String.raw`анорекси`,
  String.raw`булими`,
  String.raw`аутизм`,
  String.raw`деменци`,
  String.raw`алкоголизм`,
  String.raw`зависимост`,
  String.raw`панические\s+атаки`,
];

/**
 * What makes a condition a verdict: a frame, then only filler words (pronouns, hedges, the
 * adjectives of a condition's name), then a condition stem: «у вас, скорее всего, тревожное
 * расстройство», «похоже на ПТСР», «симптомы депрессии». «Жить с депрессией тяжело» has no frame.
 */
export const DIAGNOSIS_FRAMES: readonly string[] = [
  String
    .raw`у\s+(?:вас|тебя|него|нее|них|вашего|твоего|вашей|твоей|мамы|папы|мужа|жены|партнера|ребенка)`,
  String.raw`похоже(?:\s+на|,?\s+что|,?\s+это|,?\s+у)?`,
  String.raw`это`,
  String.raw`(?:вы|ты)\s+(?:страдаете|страдаешь|больны|болен|больна)`,
  String.raw`признак${L}*`,
  String.raw`симптом${L}*`,
  String.raw`диагноз${L}*`,
  String.raw`напоминает`,
  String.raw`смахивает\s+на`,
  String.raw`налицо`,
  String.raw`называется`,
  String.raw`(?:есть|имеется|развивается|развилась|развился|началась|начинается)`,
];

/** Words that may stand between a frame and a condition without breaking the verdict. */
export const DIAGNOSIS_FILLERS: readonly string[] = [
  "у",
  "вас",
  "тебя",
  "него",
  "нее",
  "вам",
  "тебе",
  "это",
  "что",
  "на",
  "же",
  "уже",
  "точно",
  "явно",
  "скорее",
  "всего",
  "наверное",
  "наверняка",
  "видимо",
  "возможно",
  "вероятно",
  "просто",
  "прям",
  "самая",
  "самое",
  "самый",
  String.raw`настоящ${L}*`,
  String.raw`типичн${L}*`,
  String.raw`классическ${L}*`,
  String.raw`легк${L}*`,
  String.raw`тяжел${L}*`,
  String.raw`сильн${L}*`,
  String.raw`начинающ${L}*`,
  String.raw`скрыт${L}*`,
  "есть",
  String.raw`тревожн${L}*`,
  String.raw`депрессивн${L}*`,
  String.raw`пограничн${L}*`,
  String.raw`паническ${L}*`,
  String.raw`биполярн${L}*`,
  String.raw`обсессивно-компульсивн${L}*`,
  String.raw`личност${L}*`,
  String.raw`пищев${L}*`,
];

const DIAGNOSIS_IN_FRAME = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:${DIAGNOSIS_FRAMES.join("|")})(?:[\s,:—–-]+(?:${
    DIAGNOSIS_FILLERS.join("|")
  })(?![\p{L}]))*[\s,:—–-]+(?:${CONDITION_STEMS.join("|")})`,
  "u",
);
/** «Он нарцисс», «ты — психопат», «твой бывший — нарцисс»: a label put on a person. */
const LABEL_ON_PERSON = new RegExp(
  String
    .raw`(?<![\p{L}])(?:он|она|ты|вы|(?:твой|ваш|твоя|ваша|его|ее)(?:\s+${L}+)?)\s*(?:[—–-]\s*)?(?:же\s+|просто\s+|настоящ${L}*\s+|типичн${L}*\s+|явн${L}*\s+|классическ${L}*\s+)?(?:нарцисс|психопат|социопат|шизофреник|биполярник|невротик|истеричк|абьюзер|алкоголик)`,
  "u",
);
/** Always clinical language, framed or not. */
const CLINICAL = stems(String.raw`клиническ`);

/** Medicines, doses and prescriptions (stems); any of them makes a hint medical advice. */
export const MEDICAL_STEMS: readonly string[] = [
  "антидепрессант",
  "транквилизатор",
  "нейролептик",
  "успокоительн",
  "снотворн",
  "седативн",
  "таблет",
  "пилюл",
  "препарат",
  "лекарств",
  "медикамент",
  String.raw`(?:за|по|без)\s+рецепт`,
  String.raw`рецепт${L}*\s+(?:у|от)\s+(?:врача|психиатра|доктора|терапевта|невролога)`,
  "дозировк",
  String.raw`доз(?:а|у|е|ы|ой)?(?![\p{L}])`,
  "капсул",
  "ампул",
  "инъекци",
  "укол",
  "капельниц",
  "феназепам",
  "афобазол",
  "глицин",
  "новопассит",
  "персен",
  "валериан",
  "валерьян",
  "пустырник",
  "корвалол",
  "валокордин",
  "сертралин",
  "флуоксетин",
  "пароксетин",
  "эсциталопрам",
  "амитриптилин",
  "золофт",
  "прозак",
  "ксанакс",
  "алпразолам",
  "диазепам",
  "реланиум",
  "гидазепам",
  "атаракс",
  "кветиапин",
  "мелатонин",
  "донормил",
  String.raw`лити(?:й|я|ем)(?![\p{L}])`,
  "антибиотик",
  "витамин",
  "магне",
  String.raw`пропе(?:й|йте|ить)(?![\p{L}])`,
  String.raw`пропить\s+курс`,
  String.raw`курс\s+(?:лечени|приема)`,
  String
    .raw`(?:выпей|выпейте|выпить|попей|попейте|накатите|накати)\s+(?:${L}+\s+)?(?:вина|водк|коньяк|пива|рюмк|бокал|алкогол|чего-нибудь\s+покрепче)`,
  String
    .raw`(?:выпишет|выпишут|назначит|назначат|пропишет|пропишут)\s+(?:вам\s+|тебе\s+)?(?:что-нибудь|что-то|курс|лечение)`,
  String
    .raw`(?:надо|нужно|стоит|пора|следует|необходимо)\s+(?:бы\s+|срочно\s+)?(?:лечиться|полечиться|подлечиться|пролечиться|лечить\s+(?:нервы|депресси|голову))`,
  String
    .raw`(?:отмените|отмени|бросьте|брось|прекратите|прекрати)\s+(?:${L}+\s+)?(?:лечени|терапи|прием)`,
];
const MEDICAL = stems(...MEDICAL_STEMS);

/** Medicine in general: allowed where the hint defers to the doctor or points to an emergency. */
export const GENERIC_MEDICINE_STEMS: readonly string[] = [
  "таблет",
  "пилюл",
  "препарат",
  "лекарств",
  "медикамент",
  "антидепрессант",
  "транквилизатор",
  "нейролептик",
  "снотворн",
  "успокоительн",
  "инъекци",
  "укол",
  "антибиотик",
  "капельниц",
  String.raw`доз(?:а|у|е|ы|ой)?(?![\p{L}])`,
];
/** What is still medical advice when the hint defers to the doctor: names, classes, doses. */
const MEDICAL_SPECIFIC = stems(
  ...MEDICAL_STEMS.filter((stem) => !GENERIC_MEDICINE_STEMS.includes(stem)),
);
/**
 * Deferring to the doctor: «как назначил врач», «по назначению», «обсудите с врачом», «без
 * врача не…». Then «таблетки», «лекарства» are a reminder, not a prescription.
 */
const DEFERS_TO_DOCTOR = new RegExp(
  String.raw`(?<![\p{L}])(?:` + [
    String
      .raw`(?:как|что|которые|которое|которую|который)\s+(?:${L}+\s+)?(?:назначил|назначила|назначили|прописал|прописала|прописали|рекомендовал|рекомендовала|сказал|сказала|выписал|выписала)`,
    String.raw`по\s+назначению|назначенн${L}*|лечащ${L}*\s+врач${L}*`,
    String
      .raw`(?:врач|доктор|психиатр|терапевт)${L}*\s+(?:${L}+\s+)?(?:может|сможет|подберет|подскажет|поможет|решит|назначит|скорректирует|объяснит|посоветует|скажет|разрешит|отменит)`,
    String
      .raw`(?:обсуди|обсудите|обсудить|посоветуйся|посоветуйтесь|посоветоваться|проконсультируйся|проконсультируйтесь|спроси|спросите|спросить|уточни|уточните|уточнить|согласуй|согласуйте|скажи|скажите|сказать|расскажи|расскажите|рассказать|поговори|поговорите|поговорить|сообщи|сообщите|сообщить|покажись|покажитесь|обратись|обратитесь|обратиться)(?:\s+${L}+){0,4}?\s+(?:(?:с|у|к)\s+)?(?:своим\s+|своему\s+|своего\s+|лечащ${L}*\s+)?(?:врач|доктор|психиатр|терапевт)`,
    String
      .raw`без\s+(?:ведома\s+|консультации\s+|согласия\s+|разрешения\s+|разговора\s+с\s+|обсуждения\s+с\s+|согласования\s+с\s+)?(?:врач|доктор|психиатр)`,
  ].join("|") + `)`,
  "u",
);
/** An emergency: «вызывай скорую», 112, 103. Taken pills are then a reason to call, not advice. */
const EMERGENCY = /(?:(?<!\d)(?:112|103)(?!\d)|(?<![\p{L}])скор(?:ую|ой|ая)(?![\p{L}]))/u;
/** Suggesting medicine even while deferring («попробуйте таблетки, но обсудите с врачом»). */
const SUGGESTS = new RegExp(
  String
    .raw`(?<![\p{L}])(?:попробуй|попробуйте|начни|начните|купи|купите|пропей|пропейте|увеличь|увеличьте|уменьши|уменьшите|удвой|удвойте|добавь|добавьте|замени|замените)(?![\p{L}])`,
  "u",
);

/** Keeping to a treatment already there: «вовремя», «не пропускай», «продолжай». */
const ADHERENCE = new RegExp(
  String
    .raw`(?<![\p{L}])(?:нельзя\s+(?:\p{L}+\s+)?(?:бросать|отменять|прекращать|пропускать|бросить|отменить|прекратить)|не\s+(?:давай|давайте|дава${L}*)\s+(?:\p{L}+\s+)?совет${L}*|не\s+(?:предлагай|предлагайте|советуй|советуйте|навязывай|навязывайте|рекомендуй|рекомендуйте)|вовремя|регулярно|каждый\s+день|ежедневно|важно\s+(?:\p{L}+\s+)?(?:пить|принимать|допить|пропить|не\s+пропускать)|не\s+пропуска${L}*|не\s+пропусти${L}*|не\s+забыва${L}*|не\s+забудь${L}*|продолжа${L}*|не\s+бросай${L}*|не\s+отменя${L}*|по\s+графику|по\s+расписанию|как\s+обычно)`,
  "u",
);
/** A question that asks about medicine without offering any («есть ли доступ к таблеткам?»). */
const OFFERS = new RegExp(
  String
    .raw`(?<![\p{L}])(?:может|попробуешь|попробуете|почему\s+бы|не\s+хочешь|не\s+хотите|стоит|советую|посоветую|выпей|прими)(?![\p{L}])`,
  "u",
);

/** Whether a hint gives medical advice, sentence by sentence (see `DEFERS_TO_DOCTOR`). */
function medicalIn(low: string): boolean {
  if (DOSE.test(low)) return true;
  for (const m of low.matchAll(SENTENCE)) {
    const sentence = m[0];
    const asks = sentence.includes("?") && !OFFERS.test(sentence);
    const defers = (asks || DEFERS_TO_DOCTOR.test(sentence) || EMERGENCY.test(sentence) ||
      MEANS_AWAY.test(sentence) || ADHERENCE.test(sentence) || critiqueIn(sentence)) &&
      !SUGGESTS.test(sentence);
    if ((defers ? MEDICAL_SPECIFIC : MEDICAL).test(sentence)) return true;
  }
  return false;
}
/** A dose: a number with a unit or a frequency. */
const DOSE = new RegExp(
  String
    .raw`\d+(?:[.,]\d+)?\s*(?:мг|мл|мкг|грамм${L}*|миллиграмм${L}*|капел${L}*|капл${L}*|шт${L}*|раз${L}*\s+в\s+(?:день|сутки))(?![\p{L}])`,
  "u",
);

/** Legal steps, articles and rights. Lawyers may be mentioned; what to file may not. */
export const LEGAL_PATTERNS: readonly string[] = [
  String
    .raw`(?:подай|подайте|подать|подавай|подавайте|подадите|подашь)\s+(?:${L}+\s+)?(?:в\s+суд|иск|заявлени|жалоб|на\s+алимент|на\s+развод|в\s+полици)`,
  String.raw`(?:в|через|до|на)\s+суд(?:а|е|у|ом)?(?![\p{L}])`,
  String.raw`суд(?![\p{L}])`,
  String.raw`судебн`,
  String.raw`иск(?:а|е|ом|у|и|ов|овое|ового|овом|овую)?(?![\p{L}])`,
  String.raw`(?:статья|статье|статьи|статью|ст\.)\s*\d+`,
  String.raw`(?:ук|гк|ск|тк|нк|жк)\s+рф`,
  String.raw`коап`,
  String.raw`кодекс`,
  String.raw`полици`,
  String.raw`прокуратур`,
  String.raw`следовател`,
  String.raw`трудов${L}*\s+инспекци`,
  String.raw`по\s+закону`,
  String
    .raw`(?:имеете|имеешь|есть)\s+(?:полное\s+)?право\s+(?:требовать|потребовать|не\s+платить|не\s+возвращать|на\s+(?:компенсаци|выплат|пособи|алимент|возврат|долю|жиль|квартир|наследств|отпуск|больничн|вычет))`,
  String.raw`вправе\s+(?:требовать|потребовать|не)`,
  String.raw`незаконн`,
  String.raw`взыщ`,
  String.raw`взыск`,
  String.raw`отсуд`,
  String.raw`банкротств`,
];
const LEGAL = stems(...LEGAL_PATTERNS);
/**
 * The text the legal check reads: calling the police in danger («вызывай полицию») is like
 * calling 112, and «незаконно» about an act the hint talks someone out of («взламывать почту
 * незаконно») is no verdict; about the person («уволили вас незаконно») it stays one.
 */
function legalText(low: string): string {
  const text = low.replace(CALL_POLICE, " ");
  return text.replace(
    /[^.!?…\n]+/gu,
    (sentence) =>
      /(?<![\p{L}])(?:вас|вам|тебя|тебе|ваш\p{L}*|тво\p{L}*)(?![\p{L}])/u.test(sentence) &&
        !critiqueIn(sentence.replace(/незаконн\p{L}*/gu, " "))
        ? sentence
        : sentence.replace(/незаконн\p{L}*/gu, " "),
  );
}

/** Calling the police in danger («вызывай полицию») is like calling 112, not a legal step. */
const CALL_POLICE = new RegExp(
  String
    .raw`(?<![\p{L}])(?:звони|звоните|позвони|позвоните|позвонить|звонить|вызови|вызовите|вызывай|вызывайте|вызвать|набери|наберите)\s+(?:${L}+\s+)?(?:в\s+)?полици${L}*`,
  "gu",
);

/** Promises and guarantees of an outcome. */
export const PROMISE_PATTERNS: readonly string[] = [
  String
    .raw`(?:обещаю|обещаем|гарантирую|гарантируем|гарантия|гарантированно|клянусь|даю\s+слово|сто\s+процентов)(?![\p{L}])`,
  String
    .raw`я\s+(?:тебе\s+|вам\s+)?(?:все\s+|это\s+|обязательно\s+)?(?:исправлю|решу|улажу|починю|разрулю|вылечу|верну)(?![\p{L}])`,
  String
    .raw`я\s+(?:тебе\s+|вам\s+)?помогу\s+(?:тебе\s+|вам\s+)?(?:все\s+|это\s+)?(?:исправить|решить|уладить|наладить|вернуть)`,
  String
    .raw`(?:точно|обязательно|непременно|совершенно\s+точно)\s+(?:все\s+)?(?:наладится|получится|будет\s+хорошо|пройдет|образуется|вернется|поправится|выздоровеет|найдется|вылечится)`,
  String
    .raw`(?<!надеюсь,?\s(?:что\s)?|(?:не|никогда\s+не)\s+(?:обещай|обещайте|говори|говорите|пиши|пишите|уверяй|уверяйте),?\s+(?:ему\s+|ей\s+|им\s+)?(?:что\s+)?)все\s+(?:еще\s+)?(?:будет\s+(?:хорошо|отлично|в\s+порядке)|наладится|образуется)`,
];
const PROMISE = stems(...PROMISE_PATTERNS);
const HUNDRED_PERCENT = /100\s*%/u;

const RUSSIAN_LETTERS = /[а-яё]/giu;
const OTHER_CYRILLIC = /(?![а-яёА-ЯЁ])\p{Script=Cyrillic}/u;
const ANY_LETTER = /\p{L}/gu;
/** The share of letters that must be Russian Cyrillic. */
export const minRussianShare = 0.8;

const RUSSIAN_INJECTION = stems(...RUSSIAN_INJECTION_MARKERS);

/**
 * A placeholder of the anonymiser or a template («[адрес]», «[имя]», «[собеседник]»): square
 * brackets never belong in a message a person sends.
 */
const PLACEHOLDER = /[[\]]/u;

/** Whether `text` may be shown to the sender as a hint, and if not, why. */
export function checkHintText(text: string): HintCheck {
  if (typeof text !== "string" || text.trim() === "") return refuse("empty");
  if (text.length > maxHintLength) return refuse("too_long");
  if (HIDDEN_CHARACTERS.test(text.replace(ALLOWED_CONTROLS, ""))) return refuse("injection");

  const normal = normalizeText(text).text;
  const low = fold(normal);
  const latin = foldLookalikes(low).toLowerCase();

  if (
    MARKUP_MARKERS.some((m) => low.includes(m)) || ROLE_TAG.test(low) ||
    LATIN_INJECTION_MARKERS.some((m) => low.includes(m) || latin.includes(m)) ||
    RUSSIAN_INJECTION.test(low)
  ) {
    return refuse("injection");
  }
  if (PLACEHOLDER.test(low)) return refuse("placeholder");
  if (
    DIGIT_RUN.test(low) || CONTACT_MARKERS.some((m) => low.includes(m) || latin.includes(m)) ||
    detectPii(normal).length > 0
  ) {
    return refuse("contact");
  }
  if (crisisIn(low)) return refuse("crisis");
  if (detectHarmAdvice(normal) !== null) return refuse("harm_advice");
  if (detectToxicity(normal) !== null) return refuse("abuse");
  if (DIAGNOSIS_IN_FRAME.test(low) || LABEL_ON_PERSON.test(low) || CLINICAL.test(low)) {
    return refuse("diagnosis");
  }
  if (medicalIn(low)) return refuse("medical_advice");
  if (LEGAL.test(legalText(low))) return refuse("legal_advice");
  if (PROMISE.test(low) || HUNDRED_PERCENT.test(low)) return refuse("promise");

  const letters = normal.match(ANY_LETTER)?.length ?? 0;
  const russian = normal.match(RUSSIAN_LETTERS)?.length ?? 0;
  if (letters === 0 || russian / letters < minRussianShare || OTHER_CYRILLIC.test(normal)) {
    return refuse("not_russian");
  }
  return { ok: true };
}

function refuse(reason: HintRefusal): HintCheck {
  return { ok: false, reason };
}

/** Lowercase with ё read as е. */
function fold(text: string): string {
  return text.toLowerCase().replaceAll("ё", "е");
}

// ---------------------------------------------------------------------------------------------
// Advice to harm oneself or others.
//
// Read by language, not by phrase: each act is a head (verbs or nouns, any inflection through
// Snowball stems) with what must stand near it («выложи» + «фото» + «её»; «сядь» + «руль» +
// «выпив»), what makes it harmless («побей подушку») and whether doing it or NOT doing it is the
// harm (`protective`: treatment, eating, leaving someone alone). How the act is put decides:
// - an order (`isImperative`), a modal or a suggestion before or after it («стоит», «можно»,
//   «я бы», «попробуй», «почему бы не», «как вариант»), an order opening the sentence carried
//   to a purpose clause or a noun, «сделай это» after an act named before: advice;
// - «не» on the verb or on the modal, «вместо», «чем», a stopping verb («перестань», «брось»,
//   «откажись от») turn it around: «не мсти» is fine, «не ешь» and «брось лечение» are not;
// - a wish or thought told about («хочется отомстить», «мысли о…»), a question, a film or a
//   book, quoted words, one's own past are not advice;
// - praise of the act in the sentence («лучшее лекарство», «станет легче», «никто не узнает»)
//   makes it harmful unless the sentence also calls it bad («плохая идея», «опасно»).
// Then: a means with an amount («всю пачку снотворного»); a decision to die approved («уважаю
// твой выбор», «без тебя им будет легче») with no word of protection; and, last, a word of harm
// in a sentence that advises and does nothing to protect (`topicAdvice`).

/** What a harmful hint would have the sender do (or tell their partner to do). */
export type HarmKind =
  | "self_harm"
  | "violence"
  | "revenge"
  | "illegal"
  | "eating_disorder"
  | "medication"
  | "harassment"
  | "manipulation";

export interface HarmHit {
  kind: HarmKind;
  /**
   * How the act is put: `order` an imperative («отомсти»); `advice` a modal or a suggestion
   * («стоит», «можно», «я бы», «попробуй», «почему бы не»); `praise` the act called good
   * («месть — лучшее лекарство», «станет легче»); `method` a means with an amount
   * («всю пачку снотворного»).
   */
  how: "order" | "advice" | "praise" | "method";
  /** The word that names the act. */
  word: string;
}

/**
 * One harmful act as words. Heads are given as word forms and matched through their Snowball
 * stems (`stemOf`), so every inflection counts; a form starting with "=" is matched as is (for
 * pronouns, whose stems collide: «ей» and «её» are both «е»).
 */
interface ActSpec {
  kind: HarmKind;
  /** Verbs naming the act. */
  verbs?: readonly string[];
  /** Nouns naming it: an act with an advising verb before them, a modal, praise or alone. */
  nouns?: readonly string[];
  /** Each group needs one of its words within `REACH` words of the head (same sentence). */
  needs?: readonly (readonly string[])[];
  /** One of these near the head makes it harmless («побей подушку», «убей время»). */
  unless?: readonly string[];
  /** «себя», «себе»... near the head turn the act into self-harm («ударь себя»). */
  selfTurns?: boolean;
  /** Treatment, food, leaving someone alone: NOT doing it, or stopping it, is the harm. */
  protective?: boolean;
  /** An elliptic order: the words alone advise («два пальца в рот»). */
  elliptic?: boolean;
  /** The noun must stand alone as a subject («Смерть — выход», not «смерть мамы»). */
  bare?: boolean;
  /** How far `needs` may stand from the head (default `REACH`). */
  reach?: number;
  /** Harmful only as a wish for someone else: after «пусть» / «чтобы» («чтобы он пожалел»). */
  wished?: boolean;
}

/** Words of a lexicon written as one string, separated by spaces. */
const w = (words: string): string[] => words.trim().split(/\s+/);

/** Third persons as exact words: the target of revenge, stalking and exposure. */
const THEM = w(
  "=нем =его =её =ее =их =ему =ей =им =него =неё =нее =ней =ним =нему =ними =он " +
    "=она =они бывшего бывшей бывшему бывшим бывший бывшая обидчика обидчику",
);
const SELF = w("=себя =себе =собой =собою");
/** Again and again: what turns contact into harassment. */
const FREQUENTLY = w(
  "каждый каждую каждое ежедневно постоянно непрерывно безостановочно круглосуточно " +
    "пока разных других чужих фейковых ночью ночам сотни десятки сутки тайком десять " +
    "двадцать =сто сотню =дню заблокировала заблокировал заблокирует игнорирует " +
    "игнорит просила просил против",
);

/** The acts, by kind. Each is a head plus what must (or must not) stand near it. */
const ACTS: readonly ActSpec[] = [
  // --- Self-harm.
  {
    kind: "self_harm",
    verbs: w(
      "повеситься повесься повешусь вешаться вешайся удавиться удавись отравиться " +
        "отравись травиться травись наглотаться наглотайся застрелиться застрелись " +
        "утопиться утопись самоубиться",
    ),
  },
  {
    kind: "self_harm",
    verbs: w(
      "прыгнуть прыгни прыгай спрыгнуть спрыгни выпрыгнуть выпрыгни сброситься сбросься " +
        "броситься бросься шагнуть шагни лечь ляг",
    ),
    needs: [w(
      "крыши крыша моста мост окна окно балкона балкон этажа этаж высоты поезд поезда " +
        "рельсы электричку машину многоэтажки",
    )],
  },
  {
    kind: "self_harm",
    verbs: w("покончить покончи кончать кончай"),
    needs: [w("=собой =всем жизнью =разом =этим")],
  },
  {
    kind: "self_harm",
    verbs: w("закончить закончи завершить заверши кончить кончи"),
    needs: [w("=всем =все =всё"), w("=со =с =разом")],
  },
  {
    kind: "self_harm",
    verbs: w("исчезнуть исчезни уснуть усни заснуть засни раствориться растворись"),
    needs: [w("навсегда =насовсем проснуться просыпаться")],
  },
  {
    kind: "self_harm",
    verbs: w(
      "напиться напейся нажраться нажрись упиться упейся забухать забухай бухать бухай " +
        "запить запей",
    ),
    needs: [w(
      "беспамятства отключки смерти чертиков усрачки неделю дней таблетки таблетками " +
        "снотворное",
    )],
  },
  { kind: "self_harm", verbs: w("умереть умри умрите умирать умирай сдохнуть сдохни сдохните") },
  {
    kind: "self_harm",
    verbs: w(
      "уйти уйди уходить уходи закончить закончи оборвать оборви прервать прерви свести " +
        "сведи",
    ),
    needs: [w("жизни жизнь жизнью счеты")],
  },
  {
    kind: "self_harm",
    verbs: w(
      "вскрыть вскрой вскрыться вскройся вскрывать резать режь режьте режешь порезать " +
        "порежь порежьте порезаться порежься резаться режься режет режут режем режете " +
        "режется режутся надрезать надрежь резани чиркнуть чиркни полоснуть полосни",
    ),
    unless: w(
      "овощи хлеб торт салат мясо бумагу ленточку правду шины колеса покрышки колесо " +
        "пирог фрукты лук доску ткань ножовкой ножницами картон",
    ),
  },
  {
    kind: "self_harm",
    verbs: w(
      "прижечь прижги прижигать прижигай жечь жги обжечь обожги царапать царапай " +
        "расцарапать расцарапай поцарапать поцарапай колоть коли щипать щипай кусать " +
        "кусай",
    ),
    needs: [[
      ...SELF,
      ...w("кожу руки руку запястья запястье ноги бедра сигаретой зажигалкой иглой иголкой"),
    ]],
    unless: w("инсулин укол уколы лекарство лекарства витамины"),
  },
  {
    kind: "self_harm",
    verbs: w(
      "навредить навреди вредить вреди наказать накажи наказывать наказывай убить убей " +
        "убивать убивай изуродовать изуродуй калечить калечь",
    ),
    needs: [SELF],
  },
  {
    kind: "self_harm",
    verbs: w("спать есть пить"),
    needs: [w("суток сутки неделю дней")],
    unless: w("хорошо нормально достаточно больше"),
  },
  {
    kind: "self_harm",
    verbs: w("жить живи живите"),
    protective: true,
    unless: w(
      "прошлым прошлом ради =для =с =со =в =на =у =так =как =по =под =за воспоминаниями " +
        "чужой чужими одна один вместе отдельно иллюзиями надеждой страхе долг =без",
    ),
  },
  {
    kind: "self_harm",
    verbs: w("просыпаться проснуться просыпайся проснись"),
    protective: true,
    unless: w("рано пораньше будильник утром завтра ночью =от среди"),
  },
  {
    kind: "self_harm",
    verbs: w("разбить разбей бить бей ударить ударь колотить колоти"),
    needs: [w("кулаком кулаки =рукой =руки =руку головой =костяшки")],
    unless: w("подушку =подушке грушу =стол =столу"),
  },
  {
    kind: "self_harm",
    verbs: w("держаться держись цепляться цепляйся бороться борись хвататься хватайся"),
    needs: [w("жизнь =жизни жизнью")],
    protective: true,
  },
  {
    kind: "self_harm",
    verbs: w("дышать дыши дышите"),
    protective: true,
    unless: w("глубоко медленно ровно носом ртом воздухом часто быстро =так =этим =этом =им =ей"),
  },
  {
    kind: "self_harm",
    verbs: w(
      "звонить звони позвонить позвони вызывать вызывай вызвать вызови обращаться " +
        "обращайся обратиться обратись просить проси попросить попроси искать ищи",
    ),
    needs: [w(
      "скорую =112 =103 врачу врача помощи помощь доверия линию службу психологу " +
        "психиатру поддержки",
    )],
    protective: true,
    unless: ["=кроме"],
    reach: 3,
  },
  {
    kind: "self_harm",
    nouns: w("отключки сознания крови синяков шрамов обморока онемения ожога"),
    needs: [["=до"]],
  },
  {
    kind: "self_harm",
    nouns: w("следы шрамы синяки порезы ожоги"),
    needs: [w("руках руке теле коже запястьях бедрах ногах")],
  },
  {
    kind: "violence",
    nouns: w(
      "ружье ружья пистолет пистолета ствол оружие травмат обрез кастет сковородкой " +
        "сковородой битой палкой кулаком кастетом молотком кирпичом арматурой бутылкой " +
        "шокером шокер ремнем поясом пощечина пощечину пощечиной оплеуха оплеуху " +
        "подзатыльник подзатыльники порка порку затрещина затрещину",
    ),
  },
  {
    kind: "violence",
    verbs: w(
      "встретить встреть встречать встречай подловить подлови поймать поймай прижать " +
        "прижми зажать зажми",
    ),
    needs: [THEM, w("ребят толпой компанией пацанов друзей друзьями переулке гаражами темноте")],
  },
  {
    kind: "self_harm",
    verbs: w("втыкать втыкай воткнуть воткни вонзить вонзи колоть коли проткнуть проткни"),
    needs: [
      w("иголку иглу иголки булавку гвоздь циркуль ножницы"),
      w("палец пальцы руку кожу ногу =себя =себе"),
    ],
  },
  {
    kind: "self_harm",
    nouns: w(
      "ожоги ожогов самоубийство суицид порезы селфхарм самоповреждение самоповреждения " +
        "самоповреждений",
    ),
    unless: w("лапе лапу пальце коленке бумагой =у"),
  },
  { kind: "self_harm", nouns: ["смерть"], bare: true },
  {
    kind: "self_harm",
    verbs: w("шагнуть шагни сделать сделай прыгнуть прыгни"),
    needs: [
      w("шаг шагнуть вниз"),
      w("повыше высоты высоко крыши края окна моста балкона этажа пропасть обрыва"),
    ],
  },
  {
    kind: "self_harm",
    nouns: w("высоты высота этажей этажа этаж этаже"),
    needs: [w("хватит достаточно наверняка надежнее надежно мучиться насмерть разбиться выжить")],
    elliptic: true,
  },
  {
    kind: "self_harm",
    nouns: w("лезвие лезвия бритву бритва веревку веревка петлю петля яд яда крысиный"),
  },

  // --- Violence against others.
  {
    kind: "violence",
    verbs: w(
      "ударить ударь ударьте ударишь бить бей бейте бейся биться побить побей избить " +
        "избей избивать врезать врежь вмазать вмажь влепить влепи вломить вломи отлупить " +
        "отлупи лупить лупи отметелить отпинать пинать пинай пнуть пни толкнуть толкни " +
        "придушить придуши задушить задуши зарезать зарежь пырнуть пырни ткнуть ткни " +
        "застрелить застрели покалечить покалечь искалечить изувечить напасть напади " +
        "наброситься набросься отшлепать отшлепай шлепать шлепай выпороть выпори проучить " +
        "проучи отравить отрави травить трави подсыпать подсыпь поджечь подожги убить " +
        "убей убивать убивай прибить прибей грохнуть грохни замочить замочи покусать " +
        "избивай",
    ),
    unless: w(
      "=подушку =подушке грушу груше мяч мячу тесто рекорд рекорды время скуку тревогу " +
        "зайцев ладоши барабан тараканов комаров =рукам творчество =меня зомби монстров " +
        "комаров",
    ),
    selfTurns: true,
  },
  {
    kind: "self_harm",
    verbs: w("бить бей бейся биться ударить ударь удариться ударься колотить колоти побиться"),
    needs: [[...SELF, ...w("головой стену стенку стене кулаками")]],
    unless: w("=подушку =подушке грушу"),
  },
  {
    kind: "violence",
    verbs: w("плюнуть плюнь плевать плюй харкнуть харкни"),
    needs: [w("лицо =ей =ему =им =него =нее =неё =в")],
    unless: ["=на"],
  },
  {
    kind: "violence",
    verbs: w(
      "столкнуть столкни сбросить сбрось утопить утопи закопать закопай повесить повесь " +
        "связать свяжи",
    ),
    needs: [[...THEM, ...w("лестницы ребенка сына дочь мужа жену")]],
    unless: w("=себя фото фотки вес =кг напряжение =груз =трубку"),
  },
  {
    kind: "violence",
    verbs: w(
      "запереть запри запирать запирай отобрать отбери отнять отними забрать забери " +
        "лишить лиши",
    ),
    needs: [
      THEM,
      w(
        "дома квартире комнате ключ телефон паспорт ключи еды денег деньги карту " +
          "документы сна",
      ),
    ],
    unless: w("=свои =своё =свое =свой =свою"),
  },
  {
    kind: "violence",
    verbs: w(
      "тряхнуть тряхни трясти тряси схватить схвати таскать таскай оттаскать оттаскай " +
        "дернуть дерни хватать хватай",
    ),
    needs: [w("шкирку волосы горло шею грудки ворот воротник косу"), [
      ...THEM,
      ...w("ребенка сына дочь"),
    ]],
  },
  {
    kind: "violence",
    verbs: w(
      "перерезать перережь испортить испорти открутить открути повредить поврежди " +
        "подпилить подпили ослабить ослабь слить слей",
    ),
    needs: [w("тормоза тормозной тормозную проводку газ болты тормозах шланг")],
  },
  {
    kind: "violence",
    verbs: w("вылить вылей выливать выливай опрокинуть опрокинь"),
    needs: [THEM, w("ведро воду воды кипяток краску суп кофе чай")],
  },
  {
    kind: "violence",
    verbs: w("облить облей обливать плеснуть плесни брызнуть брызни"),
    needs: [w("кипятком кипяток кислотой кислоту бензином бензин краской зеленкой лицо грязью")],
  },
  {
    kind: "violence",
    verbs: w(
      "подраться подерись подеритесь драться дерись стукнуть стукни треснуть тресни " +
        "шарахнуть шарахни огреть огрей вдарить вдарь наподдать наподдай пришибить " +
        "пришиби прикончить прикончи зашибить зашиби поколотить поколоти отделать отделай " +
        "отмутузить отмутузь колотить колоти хлестнуть хлестни отхлестать отхлестай " +
        "ущипнуть ущипни укусить укуси",
    ),
    unless: w("подушку =подушке мяч =по =столу"),
    selfTurns: true,
  },
  {
    kind: "violence",
    verbs: w("устроить устрой устройте организовать организуй"),
    needs: [w(
      "темную разборку разборки драку расправу самосуд мордобой травлю бойкот ад " +
        "веселую сладкую гадость пакость подлянку скандал сцену",
    )],
  },
  {
    kind: "violence",
    verbs: w(
      "сбить сбей задавить задави переехать переедь поставить поставь выколоть выколи " +
        "вырвать вырви сломать сломай",
    ),
    needs: [w("машиной синяк синяки фингал глаза волосы =ему =ей")],
    unless: w("=себе =будильник =границы =цель"),
  },
  {
    kind: "violence",
    verbs: w("сломать сломай ломать ломай выбить выбей"),
    needs: [w("нос руку руки ногу ноги челюсть ребра пальцы зубы =ему =ей =им")],
  },
  {
    kind: "violence",
    verbs: w(
      "дать дай дайте дашь давать заехать заедь съездить съезди зарядить заряди " +
        "отвесить отвесь",
    ),
    needs: [w(
      "морду морде рожу лицу лицо челюсть глаз зубы сдачи подзатыльник пощечину ремня " +
        "леща тумака пинка оплеуху затрещину табло щам бубну",
    )],
  },
  {
    kind: "violence",
    verbs: w("получить получи огрести огреби схлопотать схлопочи отхватить отхвати"),
    needs: [w("морде морду лицу щам люлей звездюлей тумаков ремня зубам роже рожу башке голове")],
  },
  {
    kind: "violence",
    verbs: w("набить набей начистить начисти разбить разбей расквасить расквась"),
    needs: [w("морду лицо рожу физиономию нос табло ебало рыло")],
  },
  {
    kind: "violence",
    verbs: w(
      "разобраться разберись разберитесь поговорить поговори поговорите объяснить " +
        "объясни решить реши взять возьми прихватить прихвати",
    ),
    needs: [w(
      "по-мужски по-пацански гаражами кулаками силой физически кастет нож ножом " +
        "арматуру травмат пистолет =биту =битой популярно доходчиво",
    )],
  },
  {
    kind: "violence",
    verbs: w("сделать сделай сделайте делать делай причинить причини причинять причиняй"),
    needs: [w("больно боль вред страдания страдать")],
    selfTurns: true,
  },
  { kind: "violence", nouns: w("силой насильно принудительно") },
  {
    kind: "violence",
    verbs: w("заставить заставь заставлять заставляй принудить принуди"),
    needs: [w("силой кулаком ремнем угрозами побоями насильно")],
  },
  {
    kind: "violence",
    nouns: w(
      "отравленное отравленную отравленный отравленной антифриз антифриза мышьяк " +
        "мышьяка ртуть ртути отраву отравы отрава крысиного уксусную эссенцию",
    ),
  },
  {
    kind: "violence",
    verbs: w(
      "подсыпать подсыпь подлить подлей подмешать подмешай накапать накапай плеснуть " +
        "плесни добавить добавь",
    ),
    needs: [THEM, w("чай кофе еду суп напиток бокал стакан тарелку компот сок")],
    unless: w("мед сахар лимон молоко сливки =себе"),
  },
  {
    kind: "violence",
    verbs: w(
      "отправить отправь прислать пришли натравить натрави подослать подошли позвать " +
        "позови",
    ),
    needs: [w("ребят пацанов братву коллекторов бандитов собаку братьев качков друзей"), THEM],
    unless: w("=поговорить =помочь =поддержать"),
  },
  { kind: "violence", nouns: w("взбучку взбучки трепку трепки побои драку мордобой") },

  // --- Revenge: hurting back, exposing, addresses, reputation, property, lies.
  {
    kind: "revenge",
    verbs: w(
      "отомстить отомсти отомстите отомстишь мстить мсти мстите отыграться отыграйся " +
        "насолить насоли отплатить отплати поквитаться поквитайся подставить подставь " +
        "подставляй опозорить опозорь оклеветать оклевещи ославить ославь унизить унизь " +
        "растоптать растопчи наказать накажи",
    ),
    unless: w("плечо плечи добром =собой =себя"),
  },
  {
    kind: "revenge",
    nouns: w(
      "=месть =мести =местью вендетта вендетту отмщение назло отместку донос доносы " +
        "кляузу кляузы клевету ложный ложную ложное ложные ложных посмешище позорище " +
        "гадость пакость подлянку",
    ),
  },
  {
    kind: "revenge",
    verbs: w("оставить оставь оставлять"),
    needs: [
      THEM,
      w("=без =ни =на"),
      w("денег копейки жилья квартиры детей ничего гроша улице бобах с"),
    ],
    unless: w("покое =себя =себе"),
  },
  {
    kind: "revenge",
    verbs: w("снять сними вывести выведи перевести переведи забрать забери обнулить обнули"),
    needs: [
      w("=все =всё деньги сбережения накопления"),
      w("общей общего общие совместной совместного карты счета =его =её =ее"),
    ],
    unless: w("=свои =своё =свое"),
  },
  {
    kind: "revenge",
    verbs: w(
      "рассказать расскажи написать напиши растрепать растрепи разнести разнеси " +
        "раструбить раструби позвонить позвони",
    ),
    needs: [
      w("=всем =везде =всему соцсетях сети жене мужу начальнику родителям"),
      w("=он =она =его =её =ее"),
    ],
    unless: ["=мне", "=как"],
  },
  {
    kind: "revenge",
    verbs: w("удалить удали стереть сотри уничтожить уничтожь спрятать спрячь"),
    needs: [
      w("=его =её =ее =их"),
      w(
        "файлы работу проект диплом документы аккаунт курсовую отчет паспорт ключи " +
          "лекарства",
      ),
    ],
  },
  {
    kind: "revenge",
    verbs: w("подкинуть подкинь подбросить подбрось подложить подложи подсунуть подсунь"),
    needs: [w("запрещенное запрещенку наркотики закладку сумку карман вещи машину стол"), [
      ...THEM,
      ...w("сумку карман"),
    ]],
  },
  {
    kind: "revenge",
    verbs: w("зарегистрировать зарегистрируй подписать подпиши оформить оформи"),
    needs: [
      w("=его =её =ее =их"),
      w("почту номер телефон адрес фото"),
      w(
        "сайтах сайте знакомств рассылки рассылку форумах кредиты микрозаймы эскорт " +
          "объявления",
      ),
    ],
  },
  {
    kind: "revenge",
    verbs: w("заказать закажи вызвать вызови отправить отправь оформить оформи"),
    needs: [
      [...THEM, ...w("адрес")],
      w(
        "кучу много десяток десятки сотню оплатой наложенным ночью пицц катафалк " +
          "ритуальные",
      ),
    ],
    unless: ["=помочь"],
  },
  {
    kind: "revenge",
    nouns: w("анонимку анонимки анонимное анонимный анонимного анонимно"),
    needs: [THEM],
    elliptic: true,
  },
  {
    kind: "revenge",
    verbs: w("изменить измени изменять изменяй"),
    needs: [w("ответ отместку назло тем монетой")],
  },
  {
    kind: "revenge",
    verbs: w(
      "выложить выложи выкладывать выкладывай опубликовать опубликуй публиковать " +
        "публикуй запостить запости постить слить слей сливать сливай разослать разошли " +
        "рассылать рассылай переслать перешли распространить распространи показать покажи " +
        "показывать показывай отправить отправь отправлять скинуть скинь кинуть кинь " +
        "выставить выставь выставлять раскидать раскидай разместить размести повесить " +
        "повесь рассказать расскажи разболтать разболтай растрезвонить растрезвонь " +
        "приложить приложи",
    ),
    needs: [
      w(
        "скрин скрины скриншот скриншоты заскринь заскринить заскринив скринь сфоткай " +
          "сфотографируй засними запиши записи личные переписку переписки перепиской " +
          "интимные интимное интим нюдсы нюдс голые голым обнаженные компромат секреты " +
          "секрет тайну тайны тайнах личное слив",
      ),
      [
        ...THEM,
        ...w(
          "=всем =везде сеть интернет соцсети соцсетях чат чате паблик друзьям коллегам " +
            "общий",
        ),
      ],
    ],
  },
  {
    kind: "revenge",
    verbs: w(
      "выложить выложи выкладывать выкладывай опубликовать опубликуй публиковать " +
        "запостить запости слить слей сливать разослать разошли рассылать переслать " +
        "перешли распространить распространи показать покажи показывать отправить отправь " +
        "скинуть скинь кинуть кинь выставить выставь выставлять повесить повесь развесить " +
        "развесь расклеить расклей распечатать распечатай размножить размножь приложить " +
        "приложи залить залей",
    ),
    needs: [
      w(
        "фото фотки фотку фотографии фотографию фоточки снимки видео видос письма " +
          "сообщения переписку номер адрес данные паспорт",
      ),
      w("=его =её =ее =их бывшего бывшей мужа жены любовницы любовника"),
    ],
  },
  {
    kind: "revenge",
    verbs: w(
      "рассказать расскажи написать напиши сообщить сообщи донести донеси настучать " +
        "настучи нажаловаться нажалуйся пожаловаться пожалуйся доложить доложи сказать " +
        "скажи сдать сдай открыть открой рассказывать рассказывай",
    ),
    needs: [
      w("=его =её =ее =их"),
      w(
        "жене мужу начальнику начальству руководству руководителю работодателю родителям " +
          "девушке парню маме отцу семье детям коллегам друзьям глаза hr кадров",
      ),
    ],
  },
  {
    kind: "revenge",
    verbs: w(
      "испортить испорти портить порти подпортить подпорти разрушить разрушь разрушать " +
        "уничтожить уничтожь загубить загуби подмочить подмочи отравить отрави сломать " +
        "сломай ломать",
    ),
    needs: [w(
      "репутацию репутация карьеру карьера жизнь праздник свадьбу бизнес =его =её =ее " +
        "=их =него =нее =неё",
    )],
    unless: ["=себе", "=себя"],
  },
  {
    kind: "revenge",
    verbs: w("распустить распусти распускать распускай пустить пусти пускать"),
    needs: [w("слухи слух сплетни сплетню")],
  },
  {
    kind: "revenge",
    verbs: w(
      "оставить оставь оставлять написать напиши накидать накидай накрутить накрути " +
        "заказать закажи",
    ),
    needs: [
      w("отзывы отзыв отзывов дизлайки жалобы жалобу"),
      w(
        "плохие плохих гневные ложные ложных фейковые фейковых разных негативные " +
          "негативных кучу пачку десяток =его =её =ее",
      ),
    ],
  },
  {
    kind: "revenge",
    verbs: w(
      "закидать закидай забросать забросай обмазать обмажь намазать намажь залить залей " +
        "расцарапать расцарапай проколоть проколи прокалывать проткнуть проткни проткнула " +
        "проткнул порезать порежь спустить спусти поцарапать поцарапай царапать царапай " +
        "разбить разбей разгромить разгроми сломать сломай испортить испорти портить " +
        "порти облить облей поджечь подожги сжечь сожги сжигать жечь жги насыпать насыпь " +
        "налить налей изрезать изрежь разрисовать разрисуй",
    ),
    needs: [
      w(
        "шины шину колеса колесо машину машине тачку авто автомобиль окна окно стекло " +
          "стекла фары дверь вещи одежду телефон ноутбук имущество бак бензобак дачу " +
          "квартиру документы гараж забор",
      ),
      [...THEM, ...w("ключом гвоздем сахара сахар краской соседа соседей")],
    ],
  },
  {
    kind: "revenge",
    verbs: w(
      "соврать соври наврать наври врать ври солгать солги лгать лги оболгать " +
        "наговорить наговори выдумать выдумай придумать придумай сказать скажи написать " +
        "напиши",
    ),
    needs: [w(
      "работодателю начальнику начальству руководству руководителю hr неправда неправду " +
        "ложь посерьезнее домогался домогалась ворует",
    )],
  },
  {
    kind: "revenge",
    verbs: w(
      "пожалеть пожалеет пожалел пожалела пожалели поплатиться поплатится поплатился " +
        "поплатилась помучиться помучается помучился помучилась мучиться мучается мучился " +
        "мучилась страдать страдает страдал страдала расплачиваться расплачивается " +
        "расплатиться расплатится расплатился расплатилась ответить ответит ответил " +
        "ответила получить получит получил получила почувствовать почувствует " +
        "почувствовал почувствовала",
    ),
    needs: [w("=он =она =они")],
    wished: true,
  },

  // --- Illegal: drugs, theft, hacking, forgery, bribes, drunk driving, hidden income, fraud.
  {
    kind: "illegal",
    nouns: w(
      "наркотики наркотик наркоту наркотой травку травка травкой гашиш марихуана " +
        "марихуану косяк косячок закладку закладка закладки закладчиком закладчик " +
        "мефедрон меф спайс кокаин кокаина кокс амфетамин экстази мдма лсд героин метадон " +
        "даркнет даркнете вещества психоделики галлюциногены барыге барыга барыги дилеру " +
        "дилера дилер дурь дури шмаль шмали косячком косячка косячок наркоты",
    ),
  },
  {
    kind: "illegal",
    nouns: w(
      "травы траву травой фен фена соль соли кислоту кислоты марки марку колеса колес " +
        "грибы грибов порошок порошка",
    ),
    needs: [w(
      "купи купить закажи заказать достань достать употреби употребить покури покурить " +
        "курни закинься закинуться нюхни нюхнуть вколи антистресс расслабиться " +
        "расслабляет настроения вечеринке вечеринкой клубе кайф кайфа барыги дилера " +
        "граммов грамм закладку закладки прет торкнет галлюциногенные дорожку",
    )],
  },
  {
    kind: "illegal",
    verbs: w(
      "закинуться закинься накуриться накурись нюхнуть нюхни ширнуться ширнись " +
        "упороться упорись обдолбаться обдолбайся обнюхаться обнюхайся уколоться уколись " +
        "вмазаться вмажься",
    ),
    unless: w("сигарету кальян воздух прививку вакцину"),
  },
  {
    kind: "illegal",
    nouns: w("граммов грамма грамм дозу дозы"),
    needs: [w(
      "бота бот даркнет телеграм барыги барыга дилера дилер закладку закладки сайт " +
        "=бота",
    )],
  },
  {
    kind: "illegal",
    verbs: w(
      "регистрировать регистрируй зарегистрировать оформлять оформляй оформить оформи " +
        "официально",
    ),
    needs: [w(
      "бизнес ип доход доходы самозанятость работника работников сотрудников продажи " +
        "сдачу аренду",
    )],
    protective: true,
  },
  {
    kind: "illegal",
    verbs: w(
      "указывать указывай указать укажи показывать показывай декларировать декларируй " +
        "задекларировать отчитываться отчитывайся",
    ),
    needs: [w(
      "декларации декларацию налоговой налоговую доход доходы подработку заработок " +
        "зарплату",
    )],
    protective: true,
    unless: ["=все", "=всё"],
  },
  {
    kind: "illegal",
    verbs: w("обмануть обмани обманывать обманывай"),
    needs: [w(
      "страховую страховой банк налоговую государство соцзащиту пенсионный фонд " +
        "работодателя покупателей клиентов",
    )],
  },
  { kind: "illegal", verbs: w("угнать угони угонять угоняй угнал угнала") },
  {
    kind: "illegal",
    verbs: w("стянуть стяни тырить тырь умыкнуть умыкни спиздить спизди подрезать подрежь"),
    unless: w("волосы =брюки =юбку =ремень"),
  },
  {
    kind: "illegal",
    verbs: w(
      "заплатить заплати дать дай занести занеси сунуть сунь подсунуть подсунь " +
        "отблагодарить отблагодари",
    ),
    needs: [
      w(
        "контролеру кондуктору охраннику вахтеру преподавателю экзаменатору инспектору " +
          "гаишнику гаишникам чиновнику комиссии следователю судье полицейскому " +
          "проверяющему военкому",
      ),
      w("экзамен оценку права зачет справку денег деньги конверт штраф =чтобы"),
    ],
  },
  {
    kind: "illegal",
    verbs: w("продать продай продавать продавай толкнуть толкни сбыть сбудь"),
    needs: [w(
      "таблетки рецептурные препараты антидепрессанты снотворное феназепам лекарства " +
        "траву закладки данные аккаунты карту паспорт",
    )],
  },
  {
    kind: "illegal",
    verbs: w("подписать подпиши подписывать расписаться распишись"),
    needs: [["=за"], THEM],
  },
  {
    kind: "illegal",
    verbs: w("ехать езжай поехать поезжай водить води сесть садись сядь ездить езди рулить"),
    needs: [["=без"], w("прав страховки техосмотра")],
  },
  {
    kind: "illegal",
    verbs: w(
      "уклоняться уклоняйся уклониться уклонись увиливать увиливай косить коси откосить " +
        "откоси скрываться скрывайся бегать бегай",
    ),
    needs: [w("алиментов налогов армии призыва повестки военкомата приставов следствия полиции")],
  },
  {
    kind: "illegal",
    verbs: w("обналичить обналичь обналичивать отмыть отмой отмывать"),
    unless: w("руки посуду пятно"),
  },
  {
    kind: "illegal",
    verbs: w(
      "прихватить прихвати унести унеси вынести вынеси выносить выноси таскать таскай " +
        "продать продай заложить заложи присвоить присвой",
    ),
    needs: [w(
      "работы офиса склада магазина =его =её =ее =их чужое чужие чужую казенное " +
        "казенные",
    )],
    unless: w("мусор =свои =своё =свое =свою =себя =себе =мысли"),
  },
  {
    kind: "illegal",
    verbs: w(
      "украсть укради красть кради своровать своруй воровать воруй стащить стащи " +
        "спереть сопри стырить стырь утащить утащи обнести обнеси присвоить присвой " +
        "прикарманить прикарманы подворовывать подворовывай приворовывать тащить тащи",
    ),
    unless: w("поцелуй сердце минутку идею"),
  },
  {
    kind: "illegal",
    verbs: w("вынести вынеси выносить выноси взять возьми брать бери"),
    needs: [w(
      "магазина магазине супермаркета незаметно заплатив оплаты спроса тайком кассы " +
        "кассу",
    )],
  },
  {
    kind: "illegal",
    verbs: w(
      "платить плати заплатить заплати оплачивать оплати оплатить декларировать " +
        "задекларировать",
    ),
    needs: [w(
      "проезд налоги налог штраф штрафы алименты кредит товар покупки билет доход " +
        "доходы",
    )],
    protective: true,
  },
  { kind: "illegal", verbs: w("взломать взломай взламывать взламывай хакнуть хакни взлом") },
  {
    kind: "illegal",
    verbs: w(
      "подобрать подбери подбирать узнать узнай украсть укради угадать угадай выведать " +
        "выведай подсмотреть подсмотри",
    ),
    needs: [w("пароль пароли пароля пин-код пинкод код")],
  },
  {
    kind: "illegal",
    verbs: w(
      "залезть залезь влезть влезь лазить лазь зайти зайди забраться заберись прочитать " +
        "прочитай читать читай проверить проверь проверять проверяй посмотреть посмотри " +
        "просмотреть просмотри полистать полистай",
    ),
    needs: [
      w(
        "телефон телефоне почту почте аккаунт аккаунте страницу переписку переписки " +
          "компьютер ноутбук мессенджер телеграм чаты сообщения личку",
      ),
      w("=его =её =ее =их чужой чужую чужие тайком втихую незаметно спит"),
    ],
  },
  {
    kind: "illegal",
    verbs: w(
      "установить установи поставить поставь скачать скачай подключить подключи " +
        "подбросить подбрось спрятать спрячь",
    ),
    needs: [w(
      "шпион шпионскую шпионское слежки слежку слежение трекер следилку прослушку жучок " +
        "маячок шпионку",
    )],
  },
  {
    kind: "illegal",
    verbs: w(
      "подделать подделай подделывать подделывай сфальсифицировать сфальсифицируй " +
        "фальсифицировать",
    ),
  },
  {
    kind: "illegal",
    verbs: w(
      "нарисовать нарисуй состряпать состряпай купить купи покупать покупай достать " +
        "достань раздобыть раздобудь заказать закажи сделать сделай организовать " +
        "организуй подправить подправь исправить исправь",
    ),
    needs: [w(
      "справку справки больничный диплом права медкнижку рецепт подпись печать аттестат " +
        "паспорт документы чек чеки",
    )],
    unless: w("=свой =свою =свои =своё =свое"),
  },
  {
    kind: "illegal",
    verbs: w("купить купи достать достань слить слей скачать скачай"),
    needs: [
      w("ответы билеты ответов"),
      w("экзамен экзамену егэ огэ экзамене сессии зачету олимпиаде контрольной"),
    ],
  },
  {
    kind: "illegal",
    verbs: w("пробивать пробивай пробить выдавать выдавай давать давай"),
    needs: [w("чеки чек чеков")],
    protective: true,
  },
  {
    kind: "illegal",
    nouns: w(
      "поддельный поддельную поддельные поддельное фальшивый фальшивую фальшивые " +
        "липовый липовую липовые взятку взятки взяткой",
    ),
  },
  {
    kind: "illegal",
    verbs: w("подкупить подкупи подкупать занести занеси сунуть сунь"),
    unless: w("вещи документы руку руки нос"),
  },
  {
    kind: "illegal",
    verbs: w("сесть сядь садись садиться сядет сядешь садится садишься"),
    needs: [
      w("руль рулем машину машине машиной авто мотоцикл домой сам сама"),
      w(
        "выпивши выпившим выпившей выпив выпил выпила выпей выпейте пьяным пьяной пьяный " +
          "пьяная нетрезвым нетрезвой подшофе навеселе бокала бокалов бокал рюмки рюмок " +
          "пива вина алкоголя перегаром =пил =пила =пили =пьет =пьёт =выпивал",
      ),
    ],
  },
  {
    kind: "illegal",
    verbs: w(
      "ехать езжай поехать поезжай доехать доедь доедешь доезжай вести веди водить " +
        "гнать гони прокатиться прокатись ездить езди",
    ),
    needs: [w(
      "выпивши выпившим выпившей выпив пьяным пьяной пьяный пьяная нетрезвым нетрезвой " +
        "подшофе навеселе перегаром бокала бокалов рюмки рюмок",
    )],
    unless: w("такси =автобусе =метро =поезде =электричке пассажиром трезвый трезвым"),
  },
  {
    kind: "illegal",
    verbs: w(
      "скрыть скрой скрывать скрывай спрятать спрячь прятать прячь утаить утаи утаивать " +
        "занизить занизь обналичить обналичь вывести выведи переписать перепиши оформить " +
        "оформи",
    ),
    needs: [w(
      "доход доходы доходов заработок заработка зарплату зарплаты налоговой налоговая " +
        "налогов налоги алименты алиментов приставов приставы имущество фиктивно",
    )],
  },
  {
    kind: "illegal",
    nouns: w(
      "неофициально неофициальную неофициальной конверте конвертах черную серую серой " +
        "оформления",
    ),
    needs: [w(
      "зарплату зарплата зарплаты деньги доход доходы платить получай получать работай " +
        "работать алименты алиментов налоги налогов приставы приставов",
    )],
  },
  {
    kind: "illegal",
    verbs: w(
      "выписать выпиши попросить попроси оформить оформи сделать сделай взять возьми " +
        "получить получи",
    ),
    needs: [
      w("больничный справку рецепт диплом инвалидность"),
      w(
        "знакомого знакомый знакомую =без фиктивно фиктивный липовый липовую купить купи " +
          "заплатить заплати денег взятку",
      ),
    ],
  },
  {
    kind: "illegal",
    verbs: w("взять возьми оформить оформи брать бери"),
    needs: [
      w("кредит кредиты займ заем микрозайм микрозаймы рассрочку карту"),
      w("=его =её =ее =их чужой чужое чужие чужую паспорт бывшего бывшей мамин мамину"),
    ],
  },

  // --- Eating-disorder advice.
  {
    kind: "eating_disorder",
    verbs: w(
      "есть ешь ешьте кушать кушай кушайте поесть поешь поешьте покушать покушай " +
        "питаться питайся завтракать завтракай обедать обедай ужинать ужинай перекусить " +
        "перекуси перекусывать перекусывай",
    ),
    protective: true,
    unless: w("поедом =себя =мясо =сладкое =фастфуд =ночью =через =силу"),
  },
  {
    kind: "eating_disorder",
    nouns: w("еду еды едой пищу пищи завтрак завтраки обед обеды ужин ужины перекусы"),
    protective: true,
  },
  {
    kind: "eating_disorder",
    verbs: w(
      "есть ешь кушать кушай питаться питайся урезать урезай сократить сократи сокращай " +
        "съедать съедай съесть оставлять оставляй",
    ),
    needs: [w(
      "меньше поменьше реже порции порцию раз калорий калории максимум =более =одного " +
        "=одно =одну =одним =половину",
    )],
    unless: w("хотя хоть =сладкого =кофе"),
  },
  {
    kind: "eating_disorder",
    verbs: w("хотелось хотеться хочется захотелось захочется тянуло тянет"),
    needs: [w("=есть =кушать =жрать =перекусить =поесть =еды =сладкого")],
    protective: true,
  },
  {
    kind: "eating_disorder",
    verbs: w(
      "избавляться избавляйся избавиться избавься выблевать выблюй блевать блюй вырвать " +
        "вырви очищаться очищайся",
    ),
    needs: [w("съеденного съеденным еды пищи ужина обеда еду калорий туалет туалете =после")],
  },
  {
    kind: "eating_disorder",
    verbs: w("бежать беги бегите идти иди идите сходи сходить ходи"),
    needs: [
      ["туалет"],
      w("поешь поела поел съешь съела съел еды ужина обеда калории калорий срыва =после"),
    ],
  },
  {
    kind: "eating_disorder",
    verbs: w("прочистить прочисти очистить очисти промыть промой"),
    needs: [w("желудок желудка кишечник")],
  },
  {
    kind: "eating_disorder",
    nouns: w("приема приемов прием приемы"),
    needs: [["пищи"], w("=одного =одним =один =больше =более")],
    elliptic: true,
    unless: w("=хотя =минимум =меньше"),
  },
  {
    kind: "eating_disorder",
    verbs: w("худеть худей похудеть похудей сушиться сушись"),
    needs: [w(
      "любой срочно голодом голодая таблетками слабительным рвоту =есть =ешь жестко " +
        "неделями углеводов =никаких",
    )],
  },
  {
    kind: "eating_disorder",
    nouns: w("кефире яблоке яблоках гречке огурце огурцах воде чае капусте салате"),
    needs: [w("=одном =одной =одних =только")],
    elliptic: true,
    unless: ["=плюс", "=кроме"],
  },
  {
    kind: "eating_disorder",
    verbs: w("сжечь сожги сжигать отработать отработай отрабатывать сгонять сгоняй"),
    needs: [w("съеденное калории калорий съела съел съеденного ужин торт еду сладкое =все =всё")],
    unless: w("=его =её =ее вещи письма =их"),
  },
  {
    kind: "eating_disorder",
    nouns: w("голод голода аппетит аппетита чувство"),
    needs: [w(
      "пройдет пропадет уйдет отступит исчезнет заглушишь перебьешь обманешь притупится " +
        "утихнет",
    )],
    elliptic: true,
    unless: w("поешь поесть еда перекус перекуси поешьте съешь =ешь"),
  },
  {
    kind: "eating_disorder",
    nouns: w("диету диете диеты диетой"),
    needs: [w(
      "жесткую жесткой голодную голодной экстремальную экстремальной ребра кости =воде " +
        "калорий строжайшую питьевую питьевой",
    )],
  },
  {
    kind: "eating_disorder",
    verbs: w("голодать голодай поголодать поголодай голодайте"),
    nouns: w("голодание голоданием голодовка голодовку голодовкой"),
  },
  {
    kind: "eating_disorder",
    verbs: w("вызвать вызови вызывать вызывай вызовите вызывайте"),
    needs: [w("рвоту рвота рвотный")],
  },
  {
    kind: "eating_disorder",
    nouns: w(
      "слабительное слабительные слабительного слабительным мочегонное мочегонные " +
        "мочегонного рвоту",
    ),
  },
  { kind: "eating_disorder", nouns: ["пальца", "пальцы"], needs: [["рот"]], elliptic: true },
  {
    kind: "eating_disorder",
    verbs: w("сесть сядь садись сидеть сиди перейти перейди жить живи"),
    needs: [w("воду воде водичке чае кофе воздухе"), ["=на"]],
  },
  {
    kind: "eating_disorder",
    verbs: w("жевать жуй выплевывать выплевывай выплюнуть выплюнь"),
    needs: [w("выплевывай выплевывать выплюнь жуй жевать еду пищу")],
  },
  {
    kind: "eating_disorder",
    verbs: w(
      "заглушить заглуши глушить глуши перебить перебей обмануть обмани подавить подави " +
        "отбить отбей убить убей",
    ),
    needs: [w("голод голода аппетит аппетита")],
  },
  {
    kind: "eating_disorder",
    verbs: w("сбросить сбрось скинуть скинь похудеть худеть худей согнать сгони"),
    needs: [w("кг килограммов килограмм кило"), w("неделю неделе дня дней срочно любой месяц")],
  },
  {
    kind: "eating_disorder",
    nouns: w("калорий калории калориях калориями ккал"),
    needs: [w("#num минимум мало меньше =не лишних")],
  },

  // --- Stopping prescribed treatment.
  {
    kind: "medication",
    verbs: w(
      "ходить ходи сходить сходи обращаться обращайся обратиться обратись слушать " +
        "слушай слушаться слушайся",
    ),
    needs: [w(
      "врачу врачам врача врачей психиатру психиатра психотерапевту психологу терапевту " +
        "доктору доктора терапию онколога онкологу кардиолога кардиологу педиатра " +
        "педиатру эндокринолога невролога гинеколога специалистов медиков врачом",
    )],
    protective: true,
  },
  {
    kind: "medication",
    verbs: w(
      "принимать принимай принимайте принять прими пить пей пейте колоть коли колите " +
        "пропить пропей",
    ),
    needs: [w(
      "прописал прописала назначил назначила выписал выписала прописанное прописанные " +
        "рецепту таблетки таблеток таблетку лекарства лекарство лекарств препараты " +
        "препарат препаратов антидепрессанты антидепрессантов нейролептики инсулин " +
        "транквилизаторы назначенное назначенные уколы терапию курс лечение",
    )],
    protective: true,
  },
  {
    kind: "medication",
    verbs: w("лечиться лечись лечитесь лечить лечи"),
    protective: true,
    unless: w(
      "травами травками водкой голодом настойками настойкой народными содой заговорами " +
        "знахаркой бабкой травой медитацией",
    ),
  },
  {
    kind: "medication",
    nouns: w(
      "лечение лечения лечением терапию терапия терапии терапией психотерапию таблетки " +
        "таблеток таблетками лекарства лекарств лекарствами препараты препаратов " +
        "антидепрессанты антидепрессантов нейролептики нейролептиков инсулин инсулина " +
        "приема приемов приемы прием",
    ),
    protective: true,
  },

  // --- Harassment and stalking.
  {
    kind: "harassment",
    verbs: w(
      "писать пиши пишите написывать написывай звонить звони звоните названивать " +
        "названивай строчить строчи спамить спамь донимать донимай доставать доставай " +
        "напоминать напоминай отправлять отправляй слать шли присылать присылай встречать " +
        "встречай навещать навещай приезжать приезжай заходить заходи проверять проверяй " +
        "смотреть смотри просматривать просматривай мониторить мониторь следить следи",
    ),
    needs: [THEM, FREQUENTLY],
  },
  {
    kind: "harassment",
    verbs: w("писать пиши звонить звони просить проси подговорить подговори"),
    needs: [
      w("друзьям друзей родителям родителей подругам подруг коллегам родным маме"),
      w(
        "передали передать передадут передал уговорили уговорить повлияли повлиять дали " +
          "номер",
      ),
    ],
  },
  {
    kind: "harassment",
    verbs: w("давать давай дать дай"),
    needs: [w("прохода проходу покоя житья продыху спуску")],
    protective: true,
  },
  {
    kind: "harassment",
    verbs: w("принимать принимай принять прими слушать слушай слышать уважать уважай"),
    needs: [w("отказ отказа =нет отказы")],
    protective: true,
  },
  {
    kind: "harassment",
    verbs: w(
      "сдаваться сдавайся отступать отступай отступиться отступись останавливаться " +
        "останавливайся",
    ),
    needs: [w("согласится ответит вернется простит сдастся уступит покое =против =просит =нет")],
    protective: true,
  },
  {
    kind: "harassment",
    verbs: w(
      "сфотографировать сфотографируй сфоткать сфоткай фотографировать фоткай снимать " +
        "снимай заснять засними записывать записывай подслушивать подслушивай подслушать " +
        "подслушай",
    ),
    needs: [w("тайком незаметно втихую скрытой скрыто =без =спрятав"), THEM],
  },
  {
    kind: "harassment",
    verbs: w(
      "зарегистрироваться зарегистрируйся представиться представься познакомиться " +
        "познакомься написать напиши добавиться добавься выведать выведай выпытать " +
        "выпытай",
    ),
    needs: [w("чужим выдуманным вымышленным фейковым другим чужой ложным тайком все всё"), [
      ...THEM,
      ...w("именем лицом аккаунтом профилем страницей фото"),
    ]],
  },
  {
    kind: "harassment",
    verbs: w(
      "завалить завали заваливать заваливай забросать забросай бомбить бомби засыпать " +
        "засыпь закидать закидай",
    ),
    needs: [w("сообщениями звонками письмами сообщений смс голосовыми")],
  },
  {
    kind: "harassment",
    verbs: w(
      "караулить карауль подкараулить подкарауль поджидать поджидай подстеречь " +
        "подстереги выслеживать выслеживай выследить выследи преследовать преследуй " +
        "шпионить шпионь",
    ),
  },
  {
    kind: "harassment",
    verbs: w(
      "приходить приходи прийти приди явиться явись заявиться заявись ждать жди " +
        "подождать подожди дежурить дежурь поймать поймай стоять стой заявляться",
    ),
    needs: [
      w(
        "подъезда подъезде подъезду дома домой работы работе работу офиса двери дверью " +
          "квартиры окнами ночью предупреждения приглашения спроса",
      ),
      w("=его =её =ее =к =ней =нему =него =нее =ним =неё"),
    ],
  },
  {
    kind: "harassment",
    verbs: w("ходить ходи следовать следуй таскаться таскайся бегать бегай"),
    needs: [w("пятам следом хвостом")],
  },
  {
    kind: "harassment",
    verbs: w(
      "следить следи проследить проследи отследить отследи отслеживать отслеживай " +
        "мониторить мониторь вычислить вычисли пробить пробей",
    ),
    needs: [w(
      "=ним =ней =ними =его =её =ее =их =него =нее страницей страницу геолокацию " +
        "геолокацией перемещениями местоположение бывшим бывшей бывшего",
    )],
  },
  {
    kind: "harassment",
    verbs: w(
      "завести заведи создать создай сделать сделай зарегистрировать зарегистрируй " +
        "зарегать зарегай",
    ),
    needs: [w("фейк фейков фейковый фейковую фейковые фейковых левый левую левые")],
  },
  {
    kind: "harassment",
    verbs: w(
      "разузнать разузнай найти найди узнать узнай выяснить выясни вычислить вычисли " +
        "пробить пробей разыскать разыщи отыскать отыщи искать ищи раздобыть раздобудь " +
        "достать достань",
    ),
    needs: [
      w(
        "адрес адреса живет живут живешь работает номер телефон геолокацию местоположение " +
          "где учится паспорт квартиру бывает ходит гуляет",
      ),
      THEM,
    ],
  },
  {
    kind: "harassment",
    verbs: w("отстать отстань отставать отставай оставить оставь"),
    needs: [w("=от =покое =ее =её =его")],
    protective: true,
    unless: w("=себя =мне =меня =в"),
  },
  {
    kind: "harassment",
    verbs: w(
      "добиваться добивайся добейся добиться домогаться дожимать дожимай дожать дожми " +
        "продавить продави",
    ),
    needs: [w("=её =ее =его =нее =него =неё согласия своего сдастся согласится нет")],
  },
  {
    kind: "harassment",
    verbs: w(
      "напугать напугай запугать запугай пугать пугай пугнуть пугни припугнуть припугни " +
        "пригрозить пригрози угрожать угрожай шантажировать шантажируй терроризировать " +
        "терроризируй затравить затрави травить трави",
    ),
    unless: ["=себя", "=тараканов"],
  },
  // --- Manipulation: jealousy, gaslighting, isolation, guilt, lies, control.
  {
    kind: "manipulation",
    verbs: w("заставить заставь заставляй вызвать вызови вызывай провоцировать провоцируй"),
    needs: [w(
      "ревновать ревность ревности =вину =вины виноватым виноватой извиняться страдать " +
        "мучиться оправдываться ползать умолять",
    )],
  },
  {
    kind: "manipulation",
    verbs: w("запретить запрети запрещай запрещать ограничь ограничить"),
    needs: [w(
      "видеться общаться встречаться выходить работать звонить дружить ходить ездить " +
        "уходить подругами друзьями родителями семьей мамой",
    )],
  },
  {
    kind: "manipulation",
    verbs: w(
      "внушить внуши внушай убедить убеди убеждай доказать докажи повторять повторяй " +
        "напоминать напоминай сказать скажи говорить говори",
    ),
    needs: [
      w(
        "виноват виновата виноваты показалось кажется придумал придумала выдумываешь " +
          "придумывает придумываешь выдумывает преувеличивает накручивает истерит " +
          "сумасшедшая параноик пропадет пропадешь против сошла сошел ненормальная " +
          "ненормальный истеричка никому сама сам",
      ),
      [...THEM, ...w("=ты")],
    ],
    unless: w("=не =себе =себя =ни"),
  },
  {
    kind: "manipulation",
    verbs: w(
      "притвориться притворись притворяйся прикинуться прикинься изобразить изобрази " +
        "симулировать симулируй сделать сделай",
    ),
    needs: [w(
      "беременной беременность больной больным умирающей умирающим болезнь обморок " +
        "приступ вид попытку",
    )],
    unless: ["=спящей", "=спящим"],
  },
  {
    kind: "manipulation",
    verbs: w("давить дави надавить надави играть играй сыграть сыграй"),
    needs: [w("жалость жалости =вину =вины совесть чувства чувствах детей детях")],
  },
  {
    kind: "manipulation",
    verbs: w("разговаривать разговаривай общаться общайся отвечать отвечай"),
    needs: [
      w(
        "неделю неделями днями бойкот почувствует поймет извинится наказание наказать " +
          "=вину",
      ),
      w("=с =ему =ей =им =ним =ней"),
    ],
    protective: true,
  },
  {
    kind: "manipulation",
    verbs: w("игнорировать игнорируй молчать молчи замолчать замолчи"),
    needs: [w(
      "неделю неделями днями бойкот почувствует поймет извинится наказание наказать " +
        "=вину",
    )],
  },
  {
    kind: "manipulation",
    verbs: w(
      "пригрозить пригрози угрожать угрожай шантажировать шантажируй сказать скажи " +
        "написать напиши пообещать пообещай",
    ),
    needs: [
      w(
        "покончишь покончу убьешь убью умрешь умру заберешь заберу бросишь брошу уйдешь " +
          "уйду заболеешь заболею отниму отнимешь переживешь переживу выживешь выживу " +
          "пропадешь пропаду",
      ),
      ["=если", "=когда"],
    ],
    reach: 12,
  },
  {
    kind: "manipulation",
    verbs: w("забрать заберешь заберу отобрать отнять лишить увезти увези"),
    needs: [w("детей ребенка дочь сына")],
    unless: ["=свои", "=своих"],
  },
  {
    kind: "manipulation",
    verbs: w("требовать требуй потребуй контролировать контролируй отчитываться"),
    needs: [w(
      "отчет отчета отчитываться каждом каждый пароли пароль переписку шаге шагу тратах " +
        "деньги геолокацию",
    )],
  },
  {
    kind: "manipulation",
    verbs: w(
      "изолировать изолируй отдалить отдали оградить огради рассорить рассорь поссорить " +
        "поссорь настроить настрой",
    ),
    needs: [[...THEM, ...w("друзей подруг семьи родных родителей против")]],
    unless: ["=себя"],
  },
  {
    kind: "manipulation",
    verbs: w(
      "поругать поругай ругать ругай отчитать отчитай высмеять высмей высмеивать " +
        "высмеивай унизить унизь унижать унижай одернуть одерни осадить осади опустить " +
        "опусти",
    ),
    needs: [
      ["=при", "=перед"],
      w(
        "друзьях друзьями всех всеми коллегах коллегами детях детьми родителях гостях " +
          "гостями людях людьми подругами",
      ),
    ],
  },
  {
    kind: "manipulation",
    nouns: w(
      "послушной послушным послушными шелковой шелковым покорной покорным сговорчивой " +
        "сговорчивым",
    ),
    needs: [w("=станет =стала =стал =будет =пока =чтобы =сделать =сделай")],
    elliptic: true,
  },
  {
    kind: "manipulation",
    verbs: w("разрешать разрешай позволять позволяй пускать пускай давать давай дать дай"),
    needs: [w(
      "тратить выходить видеться общаться работать встречаться звонить деньги гулять " +
        "дружить учиться",
    )],
    protective: true,
    unless: ["=себе", "=себя"],
  },
  {
    kind: "manipulation",
    verbs: w("сказать скажи говори убедить убеди внушить внуши напомни напоминай"),
    needs: [["=никто"], w("поверит поверят поможет защитит возьмет полюбит")],
  },
  {
    kind: "manipulation",
    verbs: w("зависеть зависела зависел зависели нуждалась нуждался принадлежала принадлежал"),
    needs: [["=тебя", "=тебе"], w("=она =он =они")],
    wished: true,
  },
  {
    kind: "manipulation",
    nouns: w("молчанием игнором бойкотом игнорированием холодностью равнодушием"),
  },
  {
    kind: "manipulation",
    nouns: w("газлайтинг газлайтить газлайть манипулировать манипулируй манипуляцию"),
  },

  // --- Dangerous health advice.
  {
    kind: "medication",
    verbs: w("вылечить вылечи лечить лечи лечиться лечись заменить замени заменять заменяй"),
    needs: [
      w(
        "содой мочой керосином перекисью голодом голоданием заговором заговорами молитвой " +
          "водкой уринотерапией гомеопатией чесноком травами травяным сбором бадами " +
          "скипидаром медитацией солью настойками настойкой заговорами знахаркой",
      ),
      w(
        "рак рака раком диабет диабета инсулин инсулина онкологию опухоль опухоли " +
          "туберкулез вич депрессию шизофрению пневмонию инфекцию лекарства таблетки " +
          "химиотерапию антибиотики лечение эпилепсию гепатит",
      ),
    ],
  },
  {
    kind: "medication",
    verbs: w(
      "ехать поехать поезжай езжай идти иди сходить сходи обращаться обратиться " +
        "обратись везти вези отвезти отвези ложиться лечь ляг госпитализироваться",
    ),
    needs: [w(
      "больницу больницы врачу врача травмпункт скорую приемный стационар неотложку " +
        "поликлинику реанимацию",
    )],
    protective: true,
  },
  {
    kind: "medication",
    verbs: w("тратить трать тратиться тратьтесь потратиться платить плати"),
    needs: [w(
      "врачей врача врачам лечение лекарства анализы больницу обследование терапию " +
        "психолога",
    )],
    protective: true,
  },
  {
    kind: "medication",
    nouns: w("больницу травмпункт =скорую реанимацию неотложку приемный"),
    protective: true,
  },
  {
    kind: "medication",
    nouns: w(
      "химиотерапия химиотерапию химиотерапии химия химию антибиотики антибиотиков " +
        "вакцина вакцину прививки прививку капельницы",
    ),
    protective: true,
  },
  {
    kind: "medication",
    verbs: w(
      "смешать смешай смешивать смешивай запить запей запивать запивай совмещать " +
        "совмещай",
    ),
    needs: [w("алкоголем алкоголь водкой вином пивом спиртным энергетиком")],
  },
  {
    kind: "medication",
    verbs: w("удвоить удвой утроить утрой увеличить увеличь повысить повысь"),
    needs: [w("дозу дозировку =порцию")],
  },

  {
    kind: "harassment",
    nouns: w(
      "шантаж шантажом слежку слежка угрозы угрозами фейк фейка фейков фейковой " +
        "фейковый фейковую фейковых фейкового левой левого",
    ),
  },
  {
    kind: "harassment",
    verbs: w("знаешь знаю знать знает знаем"),
    needs: [["=где"], w("живет живут работает учится бывает ночует гуляет паркуется")],
  },
  {
    kind: "harassment",
    verbs: w("добавить добавь добавляй подписаться подпишись подружиться подружись"),
    needs: [
      w("друзья подруг подруги друзей коллег родственников"),
      w("=его =её =ее =их"),
      w("следить узнавать узнать знать шпионить следила следил"),
    ],
  },
];

/** Verbs that stop what follows: «брось», «перестань», «откажись от», «хватит». */
const STOP_VERBS = w(
  "бросить брось бросьте бросай бросать перестать перестань перестаньте переставай " +
    "прекратить прекрати прекратите прекращай отказаться откажись откажитесь " +
    "отказывайся отменить отмени отмените отменять отменяй слезть слезь слезай слезла " +
    "слез завязать завяжи завязывай забыть забудь забудьте забывай пропустить " +
    "пропусти пропускать пропускай выкинуть выкинь выбросить выброси заменить замени " +
    "заменять заменяй заменяйте заканчивать заканчивай =хватит =довольно =кончай",
);

/** Verbs that advise a noun act: «купи закладку», «попробуй мефедрон», «найди лезвие». */
const DOING_VERBS = w(
  "попробовать попробуй попробуйте купить купи купите достать достань раздобыть " +
    "раздобудь заказать закажи взять возьми принять прими принимай выпить выпей пить " +
    "пей покурить покури курить кури употребить употреби употреблять найти найди " +
    "сделать сделай устроить устрой начать начни использовать используй получать " +
    "получай работать работай подработать подработай держаться держись сидеть сиди " +
    "заняться займись дать дай глотнуть глотни вколоть вколи колоть коли выбрать " +
    "выбери пользоваться пользуйся подсесть подсядь подкинуть подкинь подбросить " +
    "подбрось сесть сядь садись написать напиши оставить оставь отправить отправь " +
    "подать подай распространить распространи пустить пусти выставить выставь " +
    "приготовить приготовь запастись запасись устраивать устраивай заслуживает " +
    "заслужил заслужила",
);

/** Single words that make the act that follows advice. */
const ADVICE_WORDS = new Set(w(
  "стоит стоило нужно надо следует следовало необходимо можно можешь можете пора " +
    "лучше советую советовал советовала рекомендую предлагаю попробуй попробуйте " +
    "попробовать пробуй давай давайте смело решайся решайтесь рискни разрешаю " +
    "обязательно бы вправе нормально пусть пускай продолжай продолжайте продолжать " +
    "предложил предложила предложу советовала посоветую посоветовал посоветовала " +
    "повод значит должна должен должны обязана обязан",
));
/** The same after the act: «мстить не стоит», «доехать можно». */
const ADVICE_AFTER = new Set(
  w("стоит стоило нужно надо следует можно нельзя лучше необязательно незачем"),
);
/** «не бойся отомстить»: a «не» that encourages. */
/** «не запрещай себе», «не сдерживайся»: a «не» that lets go. */
const LETTING_GO = new Set(w(
  "запрещай сдерживайся сдерживай отказывай останавливайся останавливай оглядывайся " +
    "сомневайся",
));
const ENCOURAGING_NOT = new Set(w(
  "бойся бойтесь стесняйся стесняйтесь сомневайся сомневайтесь тяни медли жалей " +
    "жалейте думай раздумывай колебайся робей",
));
const NEGATIONS = new Set(w("не ни нельзя незачем никогда"));
/** Words that stand between a «не» or a modal and its verb without breaking the link. */
const FILLERS = new Set(w(
  "ему ей им его ее их себе себя тебе вам мне нам ты вы он она они я же уж уже " +
    "больше так сразу просто вообще пока сейчас сегодня никому ничего никак совсем " +
    "даже и слишком очень стала стал стать станешь стану буду будешь будь будет " +
    "правда все всем всё тоже ведь наконец разом теперь обратно снова опять раз хотя " +
    "бы ли ну а по-тихому втихую тайком по-настоящему как следует немного чуть " +
    "чуть-чуть можно самой самому сама сам быстро спокойно ещё еще потом вечером " +
    "ночью утром",
));
/** A wish, a thought or a plan reported, not advised: «хочется отомстить», «мысли о том, чтобы…». */
const REPORTED = new Set(w(
  "хочу хочешь хочет хотим хотите хотят хочется хотелось хотел хотела хотели хотеть " +
    "захочется захотелось захочешь захотел захотела желание желания желанием желаешь " +
    "мысли мысль мыслей мыслях думаешь думаете думаю думал думала думать подумываешь " +
    "подумывал подумывала тянет тянуло порыв импульс соблазн искушение мечтаешь " +
    "мечтаю мечта фантазии собираешься собираетесь собирался собиралась планируешь " +
    "планы кажется казалось представляешь решил решила решишь готов готова пытаешься " +
    "пыталась пытался боишься боится страшно пугает пугают тяга тягу срываешься " +
    "понять понимаю рассказываешь пишешь говоришь сказал сказала",
));
const PURPOSE = new Set(w("чтобы пусть пускай"));
/** How to hurt: an act with one of these is an instruction. */
const HOW_TO_HURT = new Set(w(
  "глубже поглубже вдоль сильнее посильнее крепче покрепче острее поострее " +
    "наверняка насмерть больнее побольнее",
));
/** Commas before these words do not end the clause: «…, чтобы наказать себя». */
const CLAUSE_GLUE = new Set(w("чтобы и или пока"));

const REACH = 6;
const TRIGGER_REACH = 8;

/**
 * The act called good, as a whole sentence: «это поможет», «станет легче», «лучшее лекарство»,
 * «он заслужил», «никто не узнает», «это тоже выход». A match right after «не» does not count.
 */
const PRAISE = new RegExp(
  String.raw`(?<![\p{L}])(?:` + [
    String.raw`помо(?:жет|гает|гут|гают)`,
    String.raw`облегч${L}*`,
    String.raw`(?:станет|будет|сразу)\s+(?:\p{L}+\s+)?(?:легче|проще|спокойнее|лучше|веселее)`,
    String.raw`полегчает|отпустит|отпускает`,
    String
      .raw`(?:отличн|хорош|лучш|правильн|верн|надежн|идеальн|быстр|простейш|прост)${L}*\s+(?:\p{L}+\s+)?(?:идея|способ|выход|вариант|решение|лекарство|средство|план|метод)`,
    String.raw`(?:это|тоже|как)\s+(?:тоже\s+)?(?:выход|решение|вариант)`,
    String
      .raw`(?:это\s+)?(?:хорош|нормальн|отличн|рабоч)?${L}*\s*способ\s+(?:справиться|успокоиться|отвлечься|снять|выпустить|почувствовать|наказать|проучить|расслабиться|забыться)`,
    String.raw`(?:единственн|последн|лучш|верн)${L}*\s+(?:выход|способ|вариант|решение)`,
    String
      .raw`(?:лучш|отличн|идеальн|прекрасн|великолепн|действенн)(?:ий|ый|ая|ое|ее|ие|ые|им|ым|ого|его|ую|ей|ой)\s+${L}+`,
    String.raw`(?:он|она|они)\s+(?:сразу\s+)?(?:испугается|испугаются|приползет|приползут)`,
    String.raw`(?:все\s+)?проблемы\s+(?:решены|решатся|исчезнут|закончатся|уйдут)`,
    String.raw`посерьезнее`,
    String.raw`не\s+придется\s+платить|платить\s+не\s+придется`,
    String.raw`проще\s+всего|легче\s+всего|самое\s+простое|никто\s+не\s+(?:смотрит|видит)|проще`,
    String
      .raw`(?:и\s+)?это\s+(?:работает|справедливо|нормально|честно|правильно|помогает|действует|срабатывает)`,
    String.raw`(?:им|ей|ему|тебе|вам|всем)\s+(?:становится|стало)\s+(?:лучше|легче|спокойнее)`,
    String.raw`(?:и\s+)?все\s+(?:нормально|в\s+порядке|будет\s+нормально)`,
    String.raw`(?:хорош|отличн|добр|крепк)(?:ая|ий|ое|ие|ую|ей)\s+${L}+`,
    String.raw`лучше\s+(?:тысячи|любых|всяких|слов|разговоров)`,
    String.raw`правильно\s+(?:делают|делаешь|сделаешь|сделал${L}*|поступ${L}*)`,
    String
      .raw`несложно|элементарно|раз\s+плюнуть|(?:могу|можем)\s+(?:подсказать|научить|объяснить)`,
    String
      .raw`(?:станешь|будешь\s+выглядеть|будешь)\s+(?:красивее|стройнее|лучше|привлекательнее|легче|худее)|увидишь\s+(?:ребра|кости)|рано\s+или\s+поздно`,
    String
      .raw`(?:знал|знала|знали|понял|поняла|поняли)\s*,?\s+кто\s+(?:тут\s+|здесь\s+|в\s+доме\s+)?(?:главн${L}*|хозяин)`,
    String
      .raw`(?:пока\s+не|чтобы|быстр${L}*|и\s+ты)\s+(?:похудеешь|похудеют|похудеет|похудеть|сбросишь|сбросить|станешь\s+худ${L}*|станешь\s+стройн${L}*)`,
    String.raw`заслужил${L}*|заслуживает|заслуживают`,
    String.raw`так\s+(?:ему|ей|им|тебе|вам)\s+и\s+надо|поделом`,
    String
      .raw`(?:пусть|пускай)\s+(?:\p{L}+\s+)?(?:знает|знают|поймет|поймут|помучается|пожалеет|страдает|почувствует|увидят|увидит|краснеет|покраснеет|понервничает|ответит|расплачивается|попляшет|побегает|получит|узнает)`,
    String
      .raw`посмеются|посмеется|поржут|будет\s+знать|(?:знал|знала|знали|знает|знают)\s+(?:сво[её]\s+)?место`,
    String.raw`никто\s+(?:ничего\s+)?не\s+(?:узнает|заметит|поймет|догадается|спросит)`,
    String.raw`все\s+так\s+делают`,
    String.raw`ничего\s+(?:страшного|плохого|не\s+случится)`,
    String.raw`не\s+(?:стыдно|страшно|грех)`,
    String.raw`безопасн${L}*|безболезненн${L}*|надежнее|наверняка`,
    String.raw`расслабля${L}*|снимает\s+(?:стресс|тревогу|напряжение)|очищает|бодрит|отрезвляет`,
    String.raw`(?:имеешь|имеете)\s+(?:полное\s+)?право|вправе`,
    String.raw`не\s+(?:самое|самый|самая|такое|такой|такая)\s+плох${L}*|неплох${L}*`,
    String.raw`(?:вернет|вернуть)\s+контроль|лучше\s+любых|это\s+нормально|нормальн${L}*\s+способ`,
    String.raw`твое\s+(?:тело|право|дело)|твой\s+выбор`,
    String.raw`деньги\s+быстрые|быстрые\s+деньги|легкие\s+деньги|платят\s+хорошо`,
    String
      .raw`безобидн${L}*|ничего\s+(?:тебе\s+)?не\s+будет|никто\s+не\s+проверяет|(?:это|всего\s+лишь)\s+мелоч${L}*`,
    String
      .raw`не\s+(?:заметит|заметят|узнает|узнают|догадается|догадаются|поймает|поймают|спалит|спалят|найдет|найдут|проверит|проверят|докажет|докажут)`,
    String.raw`(?:больше\s+)?не\s+будет\s+(?:больно|плохо|страшно|тяжело|грустно)`,
    String
      .raw`(?:лучш|идеальн|отличн|правильн)${L}*\s+(?:диета|воспитательн${L}*|мера|лекарство|терапия)`,
    String
      .raw`(?:он|она|они)\s+(?:сразу\s+)?(?:поймет|поймут|отстанет|отстанут|вернет|вернут|оценит|оценят|сдастся|одумается|пожалеет)`,
    String.raw`и\s+(?:никак${L}*|все\s+закончится|вопрос\s+решится|вес\s+уйдет)`,
  ].join("|") + `)(?![\p{L}])`,
  "gu",
);

/** The act called bad: «плохая идея», «не выход», «опасно», «только хуже», «пожалеешь». */
const CRITIQUE = new RegExp(
  String.raw`(?<![\p{L}])(?:` + [
    String.raw`плох${L}*\s+(?:\p{L}+\s+)?(?:идея|вариант|способ|выход|мысль|решение|затея)`,
    String
      .raw`не\s+(?:\p{L}+\s+)?(?:выход|решение|вариант|способ|поможет|помогает|помогут|спасет|спасут|снимет|снимут|решит|решат|вернет|облегчит|стоит|надо|нужно|лучш${L}*|советую|принесет|принесут|сделает|работает|исправит|избавит)`,
    String.raw`навред${L}*|вред(?:но|на|ен|ит|ят|ом|а)?|опасн${L}*|рискованн${L}*|риск(?:ом|а|и)?`,
    String.raw`ошибк${L}*|пожалеешь|пожалеете|пожалеть\s+об`,
    String
      .raw`(?:только|лишь)\s+(?:\p{L}+\s+)?(?:хуже|добав${L}*|усугуб${L}*|навред${L}*|продлит|ранит|разрушит)`,
    String.raw`усугуб${L}*|обернуться\s+против|ударит\s+по\s+(?:тебе|вам)|того\s+не\s+стоит`,
    String.raw`незаконн${L}*|уголовн${L}*|преступлени${L}*|наказуем${L}*|нельзя`,
    String.raw`редко\s+(?:приносит|помогает)|плохо\s+(?:кончилось|закончилось|кончится)`,
    String.raw`новую\s+боль|(?:это|так)\s+не\s+(?:выход|решение)`,
    String.raw`небезопасн${L}*|противозаконн${L}*|уголовк${L}*|сажают|насилие|преследование|травля`,
    String
      .raw`(?:чуть|едва)\s+не\s+(?:\p{L}+\s+)?(?:закончил${L}*|угробил${L}*|умер${L}*|погиб${L}*|потерял${L}*)|больниц${L}*\s+(?:закончил${L}*|кончил${L}*)|закончил${L}*\s+больниц${L}*`,
    String
      .raw`(?:не\s+)?стоит\s+того|плохо\s+кончится|может\s+(?:закончиться|кончиться|обернуться)`,
    String
      .raw`друг(?:ой|ие|их|ого|ую)\s+(?:поддержк${L}*|способ${L}*|пут${L}*|выход${L}*|помощ${L}*)|заслуживаешь\s+(?:поддержки|помощи|заботы|другого)`,
  ].join("|") + `)(?![\p{L}])`,
  "gu",
);

/** Treatment called useless or bad: «лечение не нужно», «таблетки — химия». */
const DISMISS = new RegExp(
  String
    .raw`(?<![\p{L}])(?:не\s+нужн${L}*|вред(?:ят|ит|но|ны)|отрав${L}*|травят|химия|яд|бесполезн${L}*|ничего\s+не\s+понимают|(?:тянут|вытягива${L}*|выкачива${L}*)\s+деньги|деньги\s+(?:тянут|вытягива${L}*)|развод\s+на\s+деньги|не\s+помога${L}*|деньги\s+на\s+ветер|шарлатан${L}*|овощ${L}*|зомби|(?:только\s+)?калеч${L}*|(?:только\s+)?меша(?:ют|ет)|подсади${L}*|подсаживают|убива(?:ет|ют)|не\s+повод|обойдешься)`,
  "u",
);

/** A film, a book, a character: acts told as a story, not advised. */
const NARRATIVE = new RegExp(
  String
    .raw`(?<![\p{L}])(?:фильм${L}*|кино|сериал${L}*|книг${L}*|роман${L}*|персонаж${L}*|геро(?:й|я|ю|ем|е|и|ев|иня|ини|иню|иней)|сюжет${L}*|сцен(?:а|е|у|ы)|мультфильм${L}*|аниме|комикс${L}*|спектакл${L}*|песн${L}*|рассказ(?:е|а|ы)?|истори(?:и|ю|я)\s+(?:про|о|об)|игр(?:е|ах|ы|у|а))(?![\p{L}])`,
  "u",
);

/** Help: an emergency number, a hotline, a doctor, «/sos». */
const HELP = new RegExp(
  String
    .raw`(?:112|103|(?<![\p{L}])(?:скор(?:ую|ой|ая)|доверия|горяч${L}*\s+лини${L}*|лини${L}*\s+(?:помощи|поддержки)|/?sos|кризисн${L}*|неотложк${L}*|врач${L}*|психолог${L}*|специалист${L}*|помощ${L}*|позвони${L}*|звони${L}*|вызови${L}*|вызывай${L}*|обратись|обратитесь))`,
  "u",
);

/** Putting a means out of reach: «убери лезвия», «отдай таблетки на хранение». */
const MEANS_AWAY = new RegExp(
  String
    .raw`(?<![\p{L}])(?:убер${L}*|убрать|спрячь${L}*|спрятать|отдай${L}*|отдать|выброс${L}*|выкин${L}*|унеси${L}*|запри${L}*|избав${L}*|удали${L}*|удалить|заблокир${L}*|сотри|стереть)(?![\p{L}])`,
  "u",
);

/** Means of self-harm that an amount turns into a method: «всю пачку снотворного». */
const METHOD_NOUNS = w(
  "пузырек пузырька флакон флакона бутылек таблетки таблеток таблетку таблетками " +
    "снотворное снотворного снотворным снотворных лекарств лекарства лекарством " +
    "парацетамол парацетамола феназепам феназепама антидепрессантов антидепрессанты " +
    "яд яда уксус уксуса газ газом колес колеса препарата препаратов пачку упаковку " +
    "блистер",
);
/** Amounts right before the means («всю пачку», «много таблеток»). */
const AMOUNTS_BEFORE = w("все всю весь целую целый побольше больше много кучу несколько");
/** Amounts and ways that make a method of a means, a few words around it. */
const AMOUNTS = w(
  "запасом хватит достаточно девять девяти двенадцать пятнадцати пачку пачки " +
    "упаковку упаковки блистер блистера горсть сразу двойную тройную двойная " +
    "смертельную смертельная летальную двадцати двадцать десять десяти пятнадцать " +
    "тридцать сто #num наверняка запить запей водкой алкоголем спиртным вином",
);

interface Compiled {
  spec: ActSpec;
  verbs: Set<string>;
  nouns: Set<string>;
  needs: Array<{ stems: Set<string>; words: Set<string> }>;
  unless: { stems: Set<string>; words: Set<string> };
}

interface Lexicon {
  acts: Compiled[];
  /** Stem → the acts whose verbs or nouns have it. */
  byStem: Map<string, Array<{ act: Compiled; noun: boolean }>>;
  stop: { stems: Set<string>; words: Set<string> };
  doing: { stems: Set<string>; words: Set<string> };
  self: { stems: Set<string>; words: Set<string> };
  method: { stems: Set<string>; words: Set<string> };
  amount: { stems: Set<string>; words: Set<string> };
  amountBefore: { stems: Set<string>; words: Set<string> };
  /** The imperatives among the forms the lexicon lists. */
  orders: Set<string>;
  topics: Array<[HarmKind, { stems: Set<string>; words: Set<string> }]>;
  /** Objects that make a word of harm harmless («мяч», «подушку», «тревогу»). */
  harmless: { stems: Set<string>; words: Set<string> };
}

let lexicon: Lexicon | undefined;

/** The lexicon, stemmed on first use (no work at import time). */
function getLexicon(): Lexicon {
  if (lexicon) return lexicon;
  const byStem = new Map<string, Array<{ act: Compiled; noun: boolean }>>();
  const acts = ACTS.map((spec) => {
    const act: Compiled = {
      spec,
      verbs: new Set((spec.verbs ?? []).map(headKey)),
      nouns: new Set((spec.nouns ?? []).map(headKey)),
      needs: (spec.needs ?? []).map(wordSet),
      unless: wordSet(spec.unless ?? []),
    };
    for (const [stems, noun] of [[act.verbs, false], [act.nouns, true]] as const) {
      for (const stem of stems) {
        const list = byStem.get(stem) ?? [];
        list.push({ act, noun });
        byStem.set(stem, list);
      }
    }
    return act;
  });
  lexicon = {
    acts,
    byStem,
    stop: wordSet(STOP_VERBS),
    doing: wordSet(DOING_VERBS),
    self: wordSet(SELF),
    method: wordSet(METHOD_NOUNS),
    amount: wordSet(AMOUNTS),
    amountBefore: wordSet(AMOUNTS_BEFORE),
    topics: TOPICS.map(([kind, words]) => [kind, wordSet(words)]),
    harmless: wordSet([
      "мяч",
      "мячу",
      "подушку",
      "=подушке",
      "грушу",
      "тревогу",
      "время",
      "скуку",
      "рекорды",
      "рекорд",
      "комаров",
      "тараканов",
      "=свою",
      "=свои",
      "=свой",
    ]),
    orders: ordersOf([
      ...ACTS.flatMap((spec) => spec.verbs ?? []),
      ...STOP_VERBS,
      ...DOING_VERBS,
    ]),
  };
  return lexicon;
}

/**
 * The imperatives among listed verb forms: those ending like one, and «встреть», «ответь»
 * (-ть) when «встретить» is listed too.
 */
function ordersOf(forms: string[]): Set<string> {
  const words = new Set(forms.map((word) => fold(word.replace(/^=/, ""))));
  return new Set(
    [...words].filter((word) =>
      imperativeShape(word) || /[аеиоуыяю]ли$/u.test(word) ||
      (word.endsWith("ть") && words.has(`${word.slice(0, -1)}ить`))
    ),
  );
}

/** A head's index key: its stem, or "=word" for a word that must match as it is. */
function headKey(word: string): string {
  return word.startsWith("=") ? `=${fold(word.slice(1))}` : stemWord(word);
}

/** Words given with "=" are kept as they are; the others as stems. */
function wordSet(words: readonly string[]): { stems: Set<string>; words: Set<string> } {
  const set = { stems: new Set<string>(), words: new Set<string>() };
  for (const word of words) {
    if (word.startsWith("=")) set.words.add(fold(word.slice(1)));
    else set.stems.add(stemWord(word));
  }
  return set;
}

function stemWord(word: string): string {
  const low = fold(word);
  return /^\d+$/.test(low) ? "#num" : low.startsWith("#") ? low : stemOf(low);
}

interface Token {
  word: string;
  stem: string;
  clause: number;
  /** A «не» that belongs to an encouragement («не бойся», «почему бы не»). */
  encouraging?: boolean;
  /** Punctuation follows the word. */
  boundaryAfter?: boolean;
  /** Inside quotation marks. */
  quoted?: boolean;
}

interface Sentence {
  text: string;
  tokens: Token[];
  question: boolean;
  /** Opens with an advice frame: «Как вариант, …», «Один из способов — …». */
  framed: boolean;
}

const SENTENCE = /[^.!?…\n]+[.!?…]*/gu;
/**
 * Frames that make the rest of the sentence a suggestion: «Как вариант, …», «Один из способов
 * — …», «Совет: …», «Можно попробовать так: …».
 */
const FRAME = new RegExp(
  String
    .raw`^\s*(?:(?:а|ну|или)\s+)?(?:как\s+(?:вариант|выход|идея)|(?:один|одна|одно)\s+из\s+(?:способов|вариантов|выходов|решений|путей)|(?:мой\s+|небольшой\s+)?совет|вариант|идея|лайфхак|рецепт|план)(?![\p{L}])`,
  "u",
);
const PIECE = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*|[,;:()«»"„“”—–]|(?<=\s)-(?=\s)/gu;

/** Sentences of lowercased text (ё read as е), as words with their stems and clauses. */
function sentencesOf(low: string): Sentence[] {
  const sentences: Sentence[] = [];
  for (const m of low.matchAll(SENTENCE)) {
    const text = m[0];
    const tokens: Token[] = [];
    let clause = 0;
    let boundary = false;
    let quoted = false;
    for (const piece of text.matchAll(PIECE)) {
      const word = piece[0];
      if (word === "«" || word === "„" || word === "“") quoted = true;
      else if (word === "»" || word === "”") quoted = false;
      else if (word === '"') quoted = !quoted;
      if (!/[\p{L}\p{N}]/u.test(word)) {
        boundary = true;
        const last = tokens.at(-1);
        if (last) last.boundaryAfter = true;
        continue;
      }
      if (boundary) {
        // «…, чтобы наказать себя»: a comma before these words keeps the clause; a clause of
        // one or two words («Может, …», «Давай, …») joins the next one.
        const glued = word === "," || CLAUSE_GLUE.has(word);
        const short = tokens.filter((t) => t.clause === clause).length <= 2 &&
          !tokens.some((t) =>
            t.clause === clause && (REPORTED.has(t.word) || isImperative(t.word))
          );
        if (!glued && !short) clause++;
        boundary = false;
      }
      tokens.push({ word, stem: stemWord(word), clause, quoted });
    }
    markEncouragingNot(tokens);
    if (tokens.length > 0) {
      sentences.push({ text, tokens, question: text.includes("?"), framed: FRAME.test(text) });
    }
  }
  return sentences;
}

/** «не бойся», «не стесняйся», «почему бы (тебе) не»: the «не» there does not negate. */
function markEncouragingNot(tokens: Token[]): void {
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.word !== "не") continue;
    if (ENCOURAGING_NOT.has(tokens[i + 1]?.word ?? "")) token.encouraging = true;
    for (let j = i - 1; j >= Math.max(0, i - 3); j--) {
      if (tokens[j]!.word === "бы" && /^(?:почему|отчего|зачем)$/.test(tokens[j - 1]?.word ?? "")) {
        token.encouraging = true;
      }
    }
  }
}

/** Whether a word is the verb of some act in the lexicon. */
function isHeadVerb(token: Token): boolean {
  return (getLexicon().byStem.get(token.stem) ?? []).some((candidate) => !candidate.noun);
}

/** Whether a verb form is an imperative («отомсти», «режь», «вешайся», «брось», «выложите»). */
export function isImperative(word: string): boolean {
  if (/^(?:раз|пере|вы|при)?шли$|^(?:по|раз)?шлите$|^(?:по|ис)?трать(?:те)?$/u.test(word)) {
    return true;
  }
  // The lexicon's own orders («удали», «застрели») look like past plurals to the rules below.
  return getLexicon().orders.has(word) || imperativeShape(word);
}

/** The shape of an imperative, by its ending alone. */
function imperativeShape(word: string): boolean {
  if (/^(?:раз|пере|вы|при)?шли$|^(?:по|раз)?шлите$|^(?:по|ис)?трать(?:те)?$/u.test(word)) {
    return true;
  }
  // Participles and plural instrumentals («пугающими», «резаными»).
  if (
    /(?:ющ|ащ|ящ|ущ|вш)(?:ий|ая|ее|ие|его|ему|им|ими|их|ую|ей|ем|ое|ой|ые|ых|ым|ыми)$|(?:ими|ыми|ами|ями)$/u
      .test(word)
  ) {
    return false;
  }
  // Infinitives: -ть, -ечь/-очь/-ичь («беречь», «помочь»), and -ти after a consonant of the
  // root («найти», «нести»); «отомсти», «плати», «спрячь» are imperatives.
  if (/(?:ть|[еоиуы]чь)(?:ся|сь)?$/u.test(word)) return false;
  if (/(?:[йдз]ти|(?:не|ве|ме|гре|пле|цве|ра|спа|тря|кра|бре)сти)(?:сь)?$/u.test(word)) {
    return false;
  }
  if (/^(?:ешь|поешь|съешь|доешь|наешь)$/u.test(word)) return true;
  if (/[аеиёя]шь(?:ся)?$/u.test(word)) return false;
  if (/[аеиоуыэюя]л[аоие]?(?:сь|ся)?$/u.test(word)) return false;
  if (word.endsWith("сь")) {
    const base = word.slice(0, -2);
    return /(?:[ьйи]|те)$/u.test(base) || (/о$/u.test(base) && base.length >= 3);
  }
  if (word.endsWith("ся")) return /(?:[ьй]|[ьй]те)$/u.test(word.slice(0, -2));
  if (word.endsWith("те")) return /[ьйи]$/u.test(word.slice(0, -2));
  return /(?:[^аеиоуыэюя]ь|[аеоуыэюя]й|и)$/u.test(word) && word.length >= 3;
}

function inSet(token: Token, set: { stems: Set<string>; words: Set<string> }): boolean {
  return set.words.has(token.word) || set.stems.has(token.stem);
}

/** Whether one of `set` stands within `reach` words of `at` (the head itself excluded). */
function near(
  tokens: Token[],
  at: number,
  set: { stems: Set<string>; words: Set<string> },
  reach = REACH,
): boolean {
  for (let i = Math.max(0, at - reach); i <= Math.min(tokens.length - 1, at + reach); i++) {
    if (i !== at && inSet(tokens[i]!, set)) return true;
  }
  return false;
}

interface Mode {
  /** Advice to do (or, negated, not to do) the verb at the position. */
  advice: boolean;
  negated: boolean;
  how: "order" | "advice";
  /** A wish or a thought told about, not advised. */
  reported: boolean;
}

/**
 * How the verb at `at` is put: an order, advice, negated, reported or none of these. A noun
 * standing for its act (`verb` false) is never read as an imperative.
 */
function modeAt(sentence: Sentence, at: number, verb = true): Mode {
  const tokens = sentence.tokens;
  const clause = tokens[at]!.clause;
  const inClause = (i: number) => i >= 0 && i < tokens.length && tokens[i]!.clause === clause;
  const negatedBefore = (i: number) => {
    let j = i - 1;
    while (inClause(j) && FILLERS.has(tokens[j]!.word) && tokens[j]!.word !== "бы") j--;
    if (!inClause(j)) return false;
    const word = tokens[j]!.word;
    return (NEGATIONS.has(word) && !tokens[j]!.encouraging) || word === "чем";
  };
  let negated = negatedBefore(at);
  for (let j = at - 1; j >= Math.max(0, at - 3) && inClause(j); j--) {
    if (tokens[j]!.word === "вместо") negated = true;
  }
  const mode = (advice: boolean, how: Mode["how"] = "advice"): Mode => ({
    advice,
    negated,
    how,
    reported: false,
  });
  // «хоть вешайся», «хоть убей (не помню)»: an idiom, not an order.
  if (tokens[at - 1]?.word === "хоть") return mode(false);
  if (verb && isImperative(tokens[at]!.word)) return mode(true, "order");
  const reportedEarlier = sentence.question &&
    tokens.slice(0, at).some((t) => REPORTED.has(t.word));
  for (let k = at - 1; k >= Math.max(0, at - TRIGGER_REACH) && inClause(k); k--) {
    const word = tokens[k]!.word;
    // A noun's advice comes through its own verb: «лучше не лечиться настойками вместо лечения».
    if (
      !verb && !ADVICE_WORDS.has(word) && isHeadVerb(tokens[k]!) && tokens[k - 1]?.word === "не"
    ) break;
    if (REPORTED.has(word)) return { advice: false, negated, how: "advice", reported: true };
    if (word === "нельзя") return { ...mode(true), negated: true };
    if (
      tokens[k]!.encouraging ||
      (word === "право" && /^(?:имеешь|имеете)$/.test(tokens[k - 1]?.word ?? "")) ||
      (word === "время" && tokens[k - 1]?.word === "самое") ||
      (word === "смысл" && /^(?:имеет|есть)$/.test(tokens[k - 1]?.word ?? ""))
    ) {
      return reportedEarlier ? { ...mode(false), reported: true } : mode(true);
    }
    // «а что если…», «как насчёт…»: a suggestion put as a question.
    if (
      (word === "если" && /^(?:что|а)$/.test(tokens[k - 1]?.word ?? "")) ||
      (word === "насчет" && tokens[k - 1]?.word === "как")
    ) {
      return mode(true);
    }
    if (ADVICE_WORDS.has(word)) {
      if (tokens[k + 1]?.word === "ли") continue;
      // «не давай ей советов» is the verb «давать», not «давай сделаем».
      if (word.startsWith("дава") && tokens[k - 1]?.word === "не") continue;
      if (
        word === "бы" && /^(?:если|ли|как|что|кто|когда|чтобы)$/.test(tokens[k - 1]?.word ?? "")
      ) continue;
      if (
        word === "нормально" && !/^(?:это|вполне|—)$/.test(tokens[k - 1]?.word ?? "") && k !== 0
      ) continue;
      // «Значит, завтра голодаешь» advises; «портить машину — значит навредить себе» explains.
      if (word === "значит" && !tokens[k]!.boundaryAfter) continue;
      if (reportedEarlier) return { ...mode(false), reported: true };
      if (negatedBefore(k)) negated = true;
      return mode(true);
    }
  }
  for (let k = at + 1; k <= at + 3 && inClause(k); k++) {
    const word = tokens[k]!.word;
    if (ADVICE_AFTER.has(word)) {
      if (tokens[k + 1]?.word === "ли") break;
      if (word === "нельзя" || word === "необязательно" || word === "незачем" || negatedBefore(k)) {
        negated = true;
      }
      return mode(true);
    }
  }
  // «Пригрозишь ему — и он вернёт деньги»: a second-person verb opening a statement.
  if (verb && at === 0 && !sentence.question && /[еиё]шь(?:ся)?$/u.test(tokens[at]!.word)) {
    return mode(true);
  }
  if (sentence.framed && !sentence.question) return mode(true);
  // An order opening the sentence carries over: to a purpose clause («Добавь её подруг, чтобы
  // следить за ней»), to what a speech verb asks to say («Напиши ей, что знаешь, где она
  // живёт»), to an infinitive or a noun («Научись взламывать», «Сходи к барыге»).
  if (at > 0 && !sentence.question && openingOrder(sentence)) {
    const before = tokens.slice(Math.max(0, at - 3), at).map((t) => t.word);
    const infinitive = verb && /(?:ть|ти|чь)(?:ся|сь)?$/u.test(tokens[at]!.word);
    const sameClause = tokens[at]!.clause === tokens[0]!.clause;
    if (
      before.includes("чтобы") || (sameClause && (!verb || infinitive)) ||
      (before.includes("что") && SPEECH.has(tokens[0]!.word))
    ) {
      return mode(true);
    }
  }
  return mode(false);
}

/** The sentence opens with an order that is not about thinking («подумай», «пойми»). */
function openingOrder(sentence: Sentence): boolean {
  if (critiqueIn(sentence.text)) return false;
  const first = sentence.tokens[0]!;
  return first.word.length >= 3 && isImperative(first.word) && !NOT_VERBS.has(first.word) &&
    !MENTAL.has(first.word) && !MEANS_AWAY.test(first.word) &&
    !inSet(first, getLexicon().stop);
}

/** Orders to say something: what follows «что» is what to say. */
const SPEECH = new Set([
  "скажи",
  "скажите",
  "напиши",
  "напишите",
  "передай",
  "передайте",
  "сообщи",
  "сообщите",
  "намекни",
  "намекните",
  "пригрози",
  "пригрозите",
  "объясни",
  "объясните",
]);
/** Orders to think or notice: what follows is considered, not done. */
const MENTAL = new Set([
  "подумай",
  "подумайте",
  "пойми",
  "поймите",
  "помни",
  "помните",
  "представь",
  "представьте",
  "вспомни",
  "вспомните",
  "заметь",
  "заметьте",
  "знай",
  "знайте",
  "признай",
  "признайте",
  "посмотри",
  "посмотрите",
  "спроси",
  "спросите",
  "скажи",
  "скажите",
  "расскажи",
  "расскажите",
  "послушай",
  "послушайте",
  "смотри",
  "слушай",
  "обрати",
  "обратите",
  "учти",
  "учтите",
  "поверь",
  "поверьте",
  "прости",
  "простите",
  "прочитай",
  "прочитайте",
  "задумайся",
  "оцени",
]);

/** Words shaped like imperatives that open sentences without being verbs. */
const NOT_VERBS = new Set([
  "мысли",
  "твои",
  "свои",
  "мои",
  "ваши",
  "наши",
  "такси",
  "люди",
  "дети",
  "они",
  "эти",
  "те",
  "если",
  "вообще",
  "зачем",
  "почти",
  "очень",
  "после",
  "тебе",
  "друзья",
  "подруги",
  "врачи",
  "родители",
  "близкие",
  "деньги",
  "слезы",
  "иногда",
  "сейчас",
  "просто",
  "здесь",
  "потом",
]);

/** The first advice to harm found in the text (lowercased, ё as е), or null. */
export function detectHarmAdvice(text: string): HarmHit | null {
  const low = fold(normalizeText(text).text);
  // A decision to die approved may take two sentences («Пора всё прекратить. Ты имеешь право.»).
  if (!low.includes("?") && !NARRATIVE.test(low)) {
    const endorsed = endorsesDying(low);
    if (endorsed) return { kind: "self_harm", how: "praise", word: endorsed };
  }
  const context: Context = { asked: false, mentioned: null, previous: undefined };
  for (const sentence of sentencesOf(low)) {
    const hit = harmIn(sentence, context);
    if (hit) return hit;
    context.asked = sentence.question && praiseIn(sentence.text);
    context.previous = sentence;
  }
  return null;
}

/** What the sentences before tell about the current one. */
interface Context {
  /** The previous sentence asked a question that praises («Знаешь, что поможет?»). */
  asked: boolean;
  /** An act named before, however it was put («хочешь умереть»): «сделай это» then advises it. */
  mentioned: HarmKind | null;
  previous: Sentence | undefined;
}

/** «Сделай это», «решайся»: doing an act named before. */
const DO_IT = new Set([
  "сделай",
  "сделайте",
  "сделать",
  "делай",
  "делайте",
  "решайся",
  "решись",
  "решайтесь",
  "действуй",
  "действуйте",
  "рискни",
]);

function harmIn(sentence: Sentence, context: Context): HarmHit | null {
  const lex = getLexicon();
  const tokens = sentence.tokens;
  // «Знаешь, что поможет? Месть.»: a short answer to a question that praises.
  const answersPraise = context.asked && tokens.length <= 3;
  // «Выпил? Садись за руль»: a short sentence before lends its words.
  const lent = context.previous && context.previous.tokens.length <= 4
    ? context.previous.tokens
    : [];
  if (context.mentioned) {
    for (let at = 0; at < tokens.length; at++) {
      if (!DO_IT.has(tokens[at]!.word)) continue;
      const bare = tokens[at]!.word.startsWith("реш") || tokens[at]!.word.startsWith("действ") ||
        tokens[at]!.word === "рискни";
      if (!bare && tokens[at + 1]?.word !== "это" && tokens[at - 1]?.word !== "это") continue;
      // «Сделай это по-другому: напиши письмо и не отправляй».
      if (/(?<![\p{L}])(?:по-другому|иначе|вместо|мягче|словами)(?![\p{L}])/u.test(sentence.text)) {
        continue;
      }
      const mode = modeAt(sentence, at);
      if (mode.advice && !mode.negated) {
        return { kind: context.mentioned, how: mode.how, word: tokens[at]!.word };
      }
    }
  }
  const narrative = NARRATIVE.test(sentence.text);
  const judged = !sentence.question && !narrative;
  // «Я тоже когда-то голодала, чтобы похудеть…»: one's own story, not praise.
  const ownStory = PAST_STORY.test(sentence.text) && FIRST_PERSON.test(sentence.text);
  const praised = answersPraise ||
    (judged && !ownStory && praiseIn(sentence.text) && !critiqueIn(sentence.text));

  if (!sentence.question && !narrative) {
    // «Скажи всем, что он тебя бил, даже если это не так»: a lie told about someone.
    const lie = LIE.exec(sentence.text);
    if (lie && (openingOrder(sentence) || SPEECH.has(tokens[0]!.word))) {
      return { kind: "revenge", how: "order", word: lie[0] };
    }
  }

  for (let at = 0; at < tokens.length; at++) {
    // Quoted words are someone's words, not the hint's («ему пишут «убей себя»»).
    if (tokens[at]!.quoted) continue;
    const candidates = [
      ...lex.byStem.get(tokens[at]!.stem) ?? [],
      ...lex.byStem.get(`=${tokens[at]!.word}`) ?? [],
    ];
    if (candidates.length === 0) continue;
    for (const { act, noun } of candidates) {
      const spec = act.spec;
      if (
        !act.needs.every((group) =>
          near(tokens, at, group, spec.reach) || lent.some((token) => inSet(token, group))
        )
      ) continue;
      if (!spec.protective) context.mentioned = spec.kind;
      if (near(tokens, at, act.unless)) continue;
      if (spec.bare && !bareNoun(tokens, at)) continue;
      const kind: HarmKind = spec.selfTurns && near(tokens, at, lex.self) ? "self_harm" : spec.kind;
      const word = tokens[at]!.word;

      if (spec.wished) {
        const wished = tokens.slice(Math.max(0, at - 3), at).some((t) => PURPOSE.has(t.word));
        const reported = tokens.slice(0, at).some((t) => REPORTED.has(t.word));
        if (wished && !reported && !negatedRight(tokens, at)) return { kind, how: "advice", word };
        continue;
      }

      // «советы про лекарства», «говорить о мести»: a topic, not an act.
      if (noun && /^(?:про|о|об|обо|насчет|касательно)$/.test(tokens[at - 1]?.word ?? "")) continue;
      // The verb that carries the advice: the head, or for a noun the verb before it.
      let verbAt = at;
      let flipped = false;
      if (noun) {
        const governing = governingVerb(tokens, at, lex);
        if (governing) {
          verbAt = governing.at;
          flipped = governing.stop;
        }
        // «пей воду вместо еды», «без лечения»: the noun itself is negated (a noun standing
        // alone has its «вместо» read by `modeAt`).
        for (let j = at - 1; j >= Math.max(0, at - 2); j--) {
          const word = tokens[j]!.word;
          if (word === "без" || (word === "вместо" && governing)) flipped = !flipped;
        }
        // «кофе и сигареты вместо обеда»: replacing food or treatment proposes going without.
        if (
          !governing && (spec.kind === "eating_disorder" || spec.kind === "medication") &&
          tokens[at - 1]?.word === "вместо" && judged
        ) {
          if (!critiqueIn(sentence.text)) return { kind, how: "advice", word };
        }
      } else {
        const stop = stopBefore(tokens, at, lex);
        if (stop !== null) {
          verbAt = stop;
          flipped = true;
        }
      }
      const mode = spec.elliptic && !sentence.question
        ? { advice: true, negated: false, how: "order" as const, reported: false }
        : modeAt(sentence, verbAt, !noun || verbAt !== at);
      if (mode.reported) continue;
      const negated = mode.negated !== flipped;
      if (mode.advice) {
        if (spec.protective ? negated : !negated) return { kind, how: mode.how, word };
        continue;
      }
      if (spec.protective) {
        // «лечение тебе не нужно», «таблетки — это химия», «бросают терапию, и им лучше».
        if (
          judged && (noun || flipped) && !negated && dismissIn(sentence.text) &&
          !DEFERS_TO_DOCTOR.test(sentence.text)
        ) {
          return { kind, how: "praise", word };
        }
        if (negated && praised) return { kind, how: "praise", word };
        continue;
      }
      if (praised && !negated) return { kind, how: "praise", word };
      // «Режь вдоль», «если резать — то глубже»: how to hurt is a method.
      if (
        (kind === "self_harm" || kind === "violence") && !noun && !negated && judged &&
        tokens.slice(Math.max(0, at - 3), at + 4).some((t) => HOW_TO_HURT.has(t.word))
      ) {
        return { kind, how: "method", word };
      }
    }
  }
  return methodIn(sentence, lex, lent) ?? topicAdvice(sentence, context);
}

/**
 * What no act above catches, from the topic and the stance of the sentence: a word of harm
 * («интимные фото», «затрещина», «голодовка», «чужой номер») in a sentence that advises
 * (an order of the lexicon, a modal, praise, a frame, «многие так делают») and does nothing to
 * protect (no question, no «не надо», no critique, no help, no film, no past of one's own, no
 * wish only told about).
 */
function topicAdvice(sentence: Sentence, context: Context): HarmHit | null {
  if (sentence.question || NARRATIVE.test(sentence.text)) return null;
  const tokens = sentence.tokens;
  const lex = getLexicon();
  let kind: HarmKind | null = null;
  let word = "";
  // «У тебя же остались его фото? Вот и пригодятся.»: a short answer lends the question's words.
  const words = tokens.length <= 4 && context.previous?.question
    ? [...context.previous.tokens, ...tokens]
    : tokens;
  for (const [index, token] of words.entries()) {
    if (token.quoted) continue;
    // Idioms: «хоть убей», «убей меня, не помню».
    if (words[index - 1]?.word === "хоть" || /^(?:меня|мне)$/.test(words[index + 1]?.word ?? "")) {
      continue;
    }
    // «вместо мести», «без драки»; «ударь по мячу», «бить тревогу».
    if (/^(?:вместо|без|против)$/.test(words[index - 1]?.word ?? "")) continue;
    if (words.slice(Math.max(0, index - 3), index + 4).some((t) => inSet(t, lex.harmless))) {
      continue;
    }
    for (const [topicKind, set] of lex.topics) {
      if (inSet(token, set)) {
        kind = topicKind;
        word = token.word;
        break;
      }
    }
    if (kind) break;
  }
  if (kind === null) return null;
  const text = sentence.text;
  if (
    critiqueIn(text) || HELP.test(text) || DISSUADES.test(text) || MEANS_AWAY.test(text) ||
    (PAST_STORY.test(text) && FIRST_PERSON.test(text)) ||
    // A negated order talks out of it: «не садись за руль выпившим» (not «не запрещай себе»).
    tokens.some((t, i) =>
      t.word === "не" && isImperative(tokens[i + 1]?.word ?? "") &&
      !ENCOURAGING_NOT.has(tokens[i + 1]!.word) && !LETTING_GO.has(tokens[i + 1]!.word)
    )
  ) {
    return null;
  }
  const advises = tokens.some((t, i) =>
    !t.quoted && (
      lex.orders.has(t.word) ||
      (ADVICE_WORDS.has(t.word) && t.word !== "бы" && t.word !== "повод" &&
        tokens[i + 1]?.word !== "ли" && (t.word !== "значит" || t.boundaryAfter === true)) ||
      (t.word === "бы" && /^(?:я|мы|тебе|вам|ты|вы)$/.test(tokens[i - 1]?.word ?? ""))
    )
  ) || sentence.framed || praiseIn(text) || ENDORSES.test(text) || context.asked;
  if (!advises) return null;
  // A wish or a thought only told about: «понимаю, что хочется его проучить».
  if (tokens.some((t) => REPORTED.has(t.word)) && !tokens.some((t) => lex.orders.has(t.word))) {
    return null;
  }
  return { kind, how: "advice", word };
}

/** Talking someone out of it: «не надо», «лучше не», «ни в коем случае», «не вздумай». */
const DISSUADES = new RegExp(
  String
    .raw`(?<![\p{L}])(?:не\s+(?:надо|нужно|стоит|советую|советовала|советовал|вздумай|смей|делай|спеши|торопись|обязательно)|лучше\s+не|ни\s+в\s+коем\s+случае|нельзя|никогда\s+не|я\s+бы\s+не|против\s+того)(?![\p{L}])`,
  "u",
);
/** Telling someone it is fine to do: «многие так делают», «самое эффективное». */
const ENDORSES = new RegExp(
  String
    .raw`(?:(?<![\p{L}])(?:многие|все\s+так|самое\s+(?:эффективное|простое|надежное|безболезненное|действенное)|самый\s+(?:эффективный|простой|надежный|быстрый)|эффективн${L}*|пригодятся|пригодится|не\s+запрещай\s+себе|имеешь\s+(?:на\s+это\s+)?право|это\s+нормально|(?:там|так|тогда)\s+не\s+(?:видно|заметно)|не\s+(?:заметят|увидят)|влезешь|влезть)(?![\p{L}])|[—–]\s+и\s+(?:ты\s+|все\s+|никаких\s+)?\p{L})`,
  "u",
);

/** Words of harm by kind, for `topicAdvice`: stems, or "=word" as is. */
const TOPICS: ReadonlyArray<[HarmKind, readonly string[]]> = [
  ["self_harm", [
    "порезы",
    "порезов",
    "резать",
    "режь",
    "вены",
    "шрамы",
    "лезвие",
    "бритву",
    "петлю",
    "повеситься",
    "суицид",
    "самоубийство",
    "покончить",
    "умереть",
    "исчезнуть",
    "угарный",
    "бедра",
    "бедре",
    "запястья",
    "ожоги",
    "прижигать",
    "физическая",
    "физической",
    "наглотаться",
    "спрыгнуть",
    "прыгать",
    "высоты",
    "крыши",
    "выжить",
  ]],
  ["violence", [
    "ударить",
    "ударь",
    "избить",
    "бить",
    "драку",
    "кулаками",
    "кулаком",
    "нож",
    "ножом",
    "пистолет",
    "оружие",
    "затрещину",
    "затрещина",
    "пощечину",
    "пощечина",
    "ремнем",
    "ремень",
    "проучить",
    "проучи",
    "отравить",
    "отрави",
    "задушить",
    "убить",
    "сломать",
    "покалечить",
    "кипятком",
    "кислотой",
    "поджечь",
    "сжечь",
    "пацанами",
    "пацанов",
    "=побить",
    "=побей",
    "врезать",
    "наказать",
    "накажи",
    "взбучку",
    "отлупить",
  ]],
  ["revenge", [
    "=месть",
    "=мести",
    "отомстить",
    "отомсти",
    "интимные",
    "интимное",
    "нюдсы",
    "скрины",
    "скриншоты",
    "переписку",
    "компромат",
    "слухи",
    "сплетни",
    "репутацию",
    "опозорить",
    "анонимку",
    "паблик",
    "паблике",
    "сливает",
    "подставить",
    "испортить",
    "испорти",
    "шины",
    "гадости",
    "гадость",
    "изменщик",
    "руководству",
    "начальству",
    "испортить",
    "испорти",
  ]],
  ["illegal", [
    "наркотики",
    "закладку",
    "закладки",
    "травку",
    "косяк",
    "мефедрон",
    "кокаин",
    "феназепам",
    "рецептурный",
    "рецептурные",
    "кражу",
    "самообслуживания",
    "подделать",
    "взломать",
    "взлом",
    "взятку",
    "нелегально",
    "неофициально",
    "даркнет",
    "барыги",
  ]],
  ["eating_disorder", [
    "голодовка",
    "голодовки",
    "голодовку",
    "голодать",
    "голодание",
    "калорий",
    "калории",
    "похудеть",
    "похудеешь",
    "худеть",
    "рвоту",
    "слабительное",
    "диету",
    "диете",
    "ужинать",
    "завтракать",
    "обедать",
    "влезешь",
    "весы",
    "килограммов",
    "кило",
    "=ужинать",
    "сигаретах",
  ]],
  ["medication", [
    "антибиотики",
    "лития",
    "литий",
    "инсулин",
    "дозу",
    "дозировку",
    "перестраховываются",
    "химиотерапию",
    "антидепрессанты",
    "нейролептики",
  ]],
  ["harassment", [
    "слежку",
    "геолокацию",
    "отмечается",
    "заблокировала",
    "заблокировал",
    "появись",
    "появляйся",
    "караулить",
    "выследить",
    "спортзале",
    "=просила",
    "=просил",
    "подруги",
  ]],
  ["manipulation", [
    "ревности",
    "ревность",
    "ревновать",
    "виноватой",
    "виноватым",
    "пропадет",
    "пропадешь",
    "запрети",
    "запретить",
    "настраивают",
    "смеются",
    "спиной",
    "=должен",
    "=должна",
    "контролировать",
    "изолировать",
    "пригрози",
    "шантаж",
  ]],
];

/**
 * Beliefs that feed a wish to die («без тебя им будет легче», «никто не будет скучать»), and a
 * decision to die endorsed: a word of dying or leaving life with one of approval («уважаю твой
 * выбор», «смелое решение», «не бойся», «не мучай себя») and none of protection (help, «я рядом»,
 * «останься», «не надо»). Returns the word found.
 */
function endorsesDying(text: string): string | null {
  const burden = BURDEN.exec(text);
  if (burden) return burden[0];
  if (!DYING.test(text) || PROTECTS.test(text)) return null;
  return APPROVES.exec(text)?.[0] ?? null;
}

/** Telling what is not true: «даже если это не так», «хоть это и неправда». */
const LIE = new RegExp(
  String
    .raw`(?<![\p{L}])(?:даже\s+если\s+(?:это\s+)?(?:не\s+так|неправда|ложь|не\s+правда)|хоть\s+(?:это\s+)?(?:и\s+)?(?:неправда|ложь|не\s+так)|(?:не\s+)?важно,?\s+правда\s+(?:ли|это)|приукрась${L}*|выдумай|сочини)(?![\p{L}])`,
  "u",
);

const BURDEN = new RegExp(
  String.raw`(?<![\p{L}])(?:` + [
    String
      .raw`без\s+тебя\s+(?:\p{L}+\s+){0,3}?(?:будет|станет|стало\s+бы|было\s+бы)?\s*(?:\p{L}+\s+)?(?:легче|лучше|проще|спокойнее|свободнее)`,
    String
      .raw`никто\s+(?:по\s+тебе\s+|о\s+тебе\s+)?(?:не\s+будет|не\s+станет|и\s+не)\s+(?:по\s+тебе\s+|о\s+тебе\s+)?(?:скучать|плакать|жалеть|горевать|вспоминать|переживать)`,
    String
      .raw`(?:всем|им|близким|родным)\s+(?:\p{L}+\s+)?(?:будет|станет)\s+(?:только\s+)?(?:легче|лучше)\s+без\s+тебя`,
    String.raw`(?:ты|вы)\s+(?:всем|им)\s+(?:только\s+)?(?:мешаешь|обуза|в\s+тягость)`,
    String.raw`(?:ты|вы)\s+(?:никому|никому\s+здесь)\s+не\s+нуж${L}*`,
  ].join("|") + `)`,
  "u",
);
/** Dying, leaving life, a farewell. */
const DYING = new RegExp(
  String
    .raw`(?<![\p{L}])(?:умер${L}*|умир${L}*|умре${L}*|смерт${L}*|уйти|уйду|уйдешь|уход${L}*|покончи${L}*|закончи${L}*\s+(?:все|всё|с\s+собой|с\s+жизнью|разом)|суицид${L}*|самоубийств${L}*|прощальн${L}*|задумал${L}*|не\s+жить|жизн${L}*|вены|таблет${L}*|порез${L}*|высот${L}*|этаж${L}*|петл${L}*|снотворн${L}*|исчезн${L}*|уснуть\s+навсегда|мучи${L}*|мучай${L}*|навсегда|(?:все|всё)\s+закончится|прекрат${L}*\s+(?:это\s+)?(?:все|всё)|(?:все|всё)\s+прекрат${L}*|завещани${L}*)(?![\p{L}])`,
  "u",
);
/** Approval of a decision. */
const APPROVES = new RegExp(
  String.raw`(?<![\p{L}])(?:` + [
    String.raw`уважаю|поддерживаю|одобряю|понимаю\s+и\s+принимаю`,
    String.raw`тво(?:й|е|ё)\s+(?:выбор|решение|право)|(?:твоя|твоя\s+личная)\s+(?:жизнь|воля)`,
    String
      .raw`(?:смел|правильн|верн|взросл|мудр|осознанн)${L}*\s+(?:\p{L}+\s+)?(?:решени${L}*|выбор${L}*|шаг${L}*)`,
    String
      .raw`не\s+бойся|не\s+слушай|не\s+мучай\s+себя|не\s+мучайся|хватит\s+мучиться|не\s+(?:\p{L}+\s+){0,2}отговарива${L}*|не\s+(?:буду|стану)\s+(?:тебя\s+)?(?:останавливать|отговаривать|мешать)`,
    String
      .raw`сделай,?\s+(?:то,?\s+)?что\s+(?:задумал${L}*|решил${L}*|хочешь)|раз\s+(?:уж\s+)?(?:решил${L}*|так\s+решил${L}*)`,
    String
      .raw`(?:это\s+)?(?:просто\s+)?(?:отдых|покой|освобождени${L}*|избавлени${L}*|конец\s+мучени${L}*)`,
    String
      .raw`никто\s+не\s+(?:вправе|имеет\s+права)\s+(?:тебя\s+)?(?:останавливать|остановить|держать|осуждать)`,
    String
      .raw`станет\s+(?:легче|спокойнее|лучше|проще)|попрощай${L}*|попрощат${L}*|раздай\s+(?:свои\s+)?вещи|напиши\s+завещание|уйти\s+тихо`,
    String.raw`чтобы\s+никто\s+не\s+(?:помешал|остановил|нашел|успел)`,
    String
      .raw`(?:нет\s+)?ничего\s+(?:постыдного|плохого|страшного)|не\s+стыдно|имеешь\s+(?:полное\s+)?(?:на\s+это\s+)?право`,
  ].join("|") + `)(?![\p{L}])`,
  "u",
);
/** Protection: help, presence, a wish to keep the person alive. */
const PROTECTS = new RegExp(
  String
    .raw`(?<![\p{L}])(?:не\s+(?:надо|делай|спеши|торопись|решай)|пожалуйста|останься|оставайся|живи|помощ${L}*|112|доверия|врач${L}*|психолог${L}*|поговор${L}*|говори${L}*|расскаж${L}*|рядом|с\s+тобой|важн${L}*|нуж(?:на|ен|ны)\s+(?:мне|нам|им)|ценн${L}*|поддержк${L}*|выход\s+найд${L}*|переживем|справимся|не\s+одна|не\s+один|позвони${L}*|напиши\s+мне|спасибо)(?![\p{L}])`,
  "u",
);

/** The verb that governs a noun act within three words before it: a stopping or a doing verb. */
function governingVerb(
  tokens: Token[],
  at: number,
  lex: Lexicon,
): { at: number; stop: boolean } | null {
  const clause = tokens[at]!.clause;
  for (let j = at - 1; j >= Math.max(0, at - 3) && tokens[j]!.clause === clause; j--) {
    if (inSet(tokens[j]!, lex.stop)) return { at: j, stop: true };
    if (inSet(tokens[j]!, lex.doing) || lex.orders.has(tokens[j]!.word)) {
      return { at: j, stop: false };
    }
  }
  // The object first: «таблетки можно бросить», «лекарства нельзя бросать резко».
  for (let j = at + 1; j <= at + 4 && j < tokens.length && tokens[j]!.clause === clause; j++) {
    // «хватит», «довольно» after a noun mean «enough» («высоты хватит»).
    if (inSet(tokens[j]!, lex.stop) && !lex.stop.words.has(tokens[j]!.word)) {
      return { at: j, stop: true };
    }
  }
  return null;
}

/** A stopping verb right before a verb act («перестань принимать», «хватит себя резать»). */
function stopBefore(tokens: Token[], at: number, lex: Lexicon): number | null {
  const clause = tokens[at]!.clause;
  for (let j = at - 1; j >= Math.max(0, at - 3) && tokens[j]!.clause === clause; j--) {
    if (inSet(tokens[j]!, lex.stop)) return j;
    if (!FILLERS.has(tokens[j]!.word) && !/^(?:с|со|от|про|о|об)$/.test(tokens[j]!.word)) break;
  }
  return null;
}

function negatedRight(tokens: Token[], at: number): boolean {
  return tokens[at - 1]?.word === "не";
}

/** «Смерть — выход»: the noun ends its clause or is followed by «это». */
function bareNoun(tokens: Token[], at: number): boolean {
  const next = tokens[at + 1];
  return next === undefined || tokens[at]!.boundaryAfter === true || next.word === "это";
}

/** A means with an amount («выпей всю пачку снотворного»), unless help or putting it away. */
function methodIn(sentence: Sentence, lex: Lexicon, lent: Token[] = []): HarmHit | null {
  if (sentence.question || HELP.test(sentence.text) || MEANS_AWAY.test(sentence.text)) return null;
  if (NARRATIVE.test(sentence.text) || critiqueIn(sentence.text)) return null;
  // «Сколько таблеток нужно? Бери с запасом»: a short question before lends its means.
  if (lent.some((t) => inSet(t, lex.method)) && sentence.tokens.some((t) => inSet(t, lex.amount))) {
    return { kind: "self_harm", how: "method", word: lent.find((t) => inSet(t, lex.method))!.word };
  }
  const tokens = sentence.tokens;
  for (let at = 0; at < tokens.length; at++) {
    if (!inSet(tokens[at]!, lex.method)) continue;
    const before = tokens[at - 1];
    if (before && inSet(before, lex.amountBefore) && tokens[at - 2]?.word !== "не") {
      return { kind: "self_harm", how: "method", word: tokens[at]!.word };
    }
    for (let i = Math.max(0, at - 3); i <= Math.min(tokens.length - 1, at + 2); i++) {
      if (i === at || !inSet(tokens[i]!, lex.amount)) continue;
      // «не больше двух таблеток» is a limit, not a method.
      if (tokens[i - 1]?.word === "не") continue;
      return { kind: "self_harm", how: "method", word: tokens[at]!.word };
    }
  }
  return null;
}

function praiseIn(text: string): boolean {
  for (const m of text.matchAll(PRAISE)) {
    if (m[0].startsWith("не")) return true;
    if (!/(?:^|[^\p{L}])не\s+$/u.test(text.slice(Math.max(0, m.index - 4), m.index))) return true;
  }
  return false;
}

function critiqueIn(text: string): boolean {
  for (const m of text.matchAll(CRITIQUE)) {
    // «не самое плохое решение» praises.
    if (
      m[0].startsWith("плох") &&
      /не\s+(?:\p{L}+\s+)?$/u.test(text.slice(Math.max(0, m.index - 12), m.index))
    ) continue;
    return true;
  }
  return false;
}

function dismissIn(text: string): boolean {
  return DISMISS.test(text);
}

const FIRST_PERSON = /(?<![\p{L}])(?:я|мне|меня|мной|мы|нам|нас|мой|моя|мое|мои)(?![\p{L}])/u;

/** One's own past told («когда-то я тоже думала о самоубийстве»), not a crisis now. */
const PAST_STORY = new RegExp(
  String
    .raw`(?<![\p{L}])(?:было\s+время|когда-то|раньше|в\s+прошлом|лет\s+назад|в\s+юности|в\s+детстве|в\s+подростковом|тогда|однажды)(?![\p{L}])`,
  "u",
);

/**
 * A crisis in the hint's own words («я тоже не хочу жить», «покончи с этим»): detectCrisis's high
 * signals, sentence by sentence. A question about safety, a sentence that points to help
 * (112, a hotline, /sos) and a story about a film or a book are not the sender's crisis.
 */
function crisisIn(low: string): boolean {
  for (const m of low.matchAll(SENTENCE)) {
    const sentence = m[0];
    if (sentence.includes("?") || HELP.test(sentence) || NARRATIVE.test(sentence)) continue;
    if (critiqueIn(sentence) || PAST_STORY.test(sentence)) continue;
    // «Суицидальные мысли — не приговор»: talk about a crisis; the hint's own is in the first
    // person («я тоже не хочу жить») or a bare wish («хочется умереть»).
    if (!FIRST_PERSON.test(sentence) && !/^\s*(?:хочется|хочу|не\s+хочу)/u.test(sentence)) continue;
    if (detectCrisis(sentence)?.severity === "high") return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// A second opinion: a moderation endpoint.

/**
 * The port the hint service asks, after `checkHintText`, about a model's hints: which of them a
 * moderation model flags. It throws when it cannot tell (an error, a timeout): the caller then
 * shows none of them.
 */
export interface HintModerator {
  readonly name: string;
  flagged(texts: string[], signal?: AbortSignal): Promise<boolean[]>;
}

export interface OpenAiHintModeratorOptions {
  /** The only way to a model (shared/llm/gate.ts): it anonymises what the request carries. */
  gate: LlmGate;
  /** E.g. "omni-moderation-latest". */
  model: string;
  timeoutMs: number;
}

/**
 * OpenAI's moderation endpoint (`POST /v1/moderations`, every hint of an answer in one request,
 * through the LLM gate). A hint counts as flagged when the endpoint flags it in any category —
 * violence and illicit advice too, which `createOpenAiModerator` (shared/safety) does not map
 * — since a hint is optional and a rule hint can always take its place. Unlike that moderator it
 * fails closed: an error or a timeout throws, and the caller shows none of the hints.
 */
export function createOpenAiHintModerator(options: OpenAiHintModeratorOptions): HintModerator {
  const client = options.gate.client({ timeoutMs: options.timeoutMs, maxRetries: 0 });
  return {
    name: options.model,
    async flagged(texts, signal) {
      if (texts.length === 0) return [];
      await options.gate.ready();
      const response = await client.moderations.create(
        { model: options.model, input: texts },
        { signal },
      );
      const results = response.results ?? [];
      if (results.length !== texts.length) throw new TypeError("moderation results do not match");
      return results.map((result) =>
        result.flagged === true ||
        Object.values(result.categories ?? {}).some((value) => value === true)
      );
    },
  };
}
