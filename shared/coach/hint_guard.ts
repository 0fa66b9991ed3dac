import { maxHintLength } from "./coach.ts";
import type { LlmGate } from "../llm/gate.ts";
import { detectCrisis } from "../safety/crisis.ts";
import {
  critiqueIn,
  DEFERS_TO_DOCTOR,
  detectHarmAdvice,
  FIRST_PERSON,
  HELP,
  LEAVING_SOMEONE,
  MEANS_AWAY,
  NARRATIVE,
  PAST_STORY,
  SENTENCE,
} from "./harm_advice.ts";
import { foldLookalikes, normalizeText } from "../safety/normalize.ts";
import { detectPii } from "../safety/pii.ts";
import { detectToxicity } from "../safety/toxicity.ts";
import { boundaryCrossed, type BoundaryKind, demeaning } from "./hint_boundaries.ts";
import { flaggedByHintModel } from "./hint_model.ts";

/** A hint is not a chat message: every crisis rule's hit stands (no veto by the chat model). */
const AS_HINT = { strict: true } as const;

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
 *   allowed; not the national helpline 8-800-2000-122 nor a count such as «5-4-3-2-1»), "@", a
 *   link ("http", "www.", "://", "t.me") or anything `detectPii` finds (phone, e-mail, username,
 *   link). URLs are reported here rather than as `injection`: a link is a way
 *   out of the anonymous chat whoever put it there;
 * - `crisis`: a crisis in the hint's own words — `detectCrisis` (shared/safety) finds a high
 *   signal in a sentence in the first person or a bare wish («я тоже не хочу жить», «хочется
 *   умереть»). A question about safety, a pointer to help (112, a hotline, /sos), a film or a
 *   book, calm disagreement and one's own past («когда-то я тоже думала…») are not;
 * - `harm_advice`: advice to harm oneself or others (`detectHarmAdvice`, below): self-harm and
 *   its methods, violence, revenge, illegal acts, eating-disorder advice, stopping treatment or
 *   dangerous health advice, harassment and stalking, manipulation of a partner (or of the
 *   person asking for support: money, guilt, «только я тебя понимаю»), soft encouragement
 *   («если решишь, я не осужу», «всем было бы проще без тебя»), and abuse excused: blame put on
 *   the one it happened to («что ты сама сделала не так?») or violence and control called love,
 *   normal or a thing to endure («ревнует — значит любит», «потерпи ради детей»);
 * - `abuse`: insults, threats, sexual harassment or hate (`detectToxicity`, shared/safety), and
 *   contempt with no insult word («неудивительно, что от тебя все ушли», `demeaning`);
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
 * - `legal_advice`: courts, claims, articles of law, rights and what to file where. A report to
 *   the police or a complaint («сохрани переписку и обратись в полицию», «подай жалобу
 *   платформе») is the usual advice for threats, stalking, blackmail and fraud and is allowed —
 *   but not around a partner or family (`CLOSE_PEOPLE`): there the coach cannot know whether a
 *   report is safe (leaving an abuser is when violence peaks), and that stays the person's call
 *   with a crisis centre. A report in a sentence that doubts or turns away the report itself is
 *   refused as `discourage_help` («в полицию бесполезно», «не обращайся в полицию»). Calling the
 *   police in danger («вызывай
 *   полицию») is allowed like 112, and «незаконно» said of an act the hint talks someone out of
 *   is no verdict. Suggesting to consult a lawyer («юрист», «адвокат») is allowed, like
 *   suggesting any specialist;
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
export { detectHarmAdvice, type HarmHit, type HarmKind, isImperative } from "./harm_advice.ts";

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
  | "not_russian"
  | BoundaryKind
  // The learned check (hint_model.ts) on a language model's hint.
  | "learned";

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
const DIGIT_RUN = /\d(?:[\s\-.()]{0,2}\d){4,}/gu;
/** The national children's and youth helpline: a pointer to help, not a contact to trade. */
const HELPLINE = /8[\s-]?800[\s-]?2000[\s-]?122/gu;

/**
 * A run of digits that could be a contact: not the helpline above, not a count such as the
 * grounding exercise «5-4-3-2-1» (single digits one apart).
 */
function contactDigits(low: string): boolean {
  for (const m of low.replace(HELPLINE, " ").matchAll(DIGIT_RUN)) {
    const parts = m[0].split(/[\s\-.()]+/u);
    const counts = parts.every((p) => p.length === 1) &&
      parts.every((p, i) => i === 0 || Math.abs(Number(p) - Number(parts[i - 1])) === 1);
    if (!counts) return true;
  }
  return false;
}
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
/** An emergency: «вызывай скорую», 112, 103. Taken pills are then a reason to call, not advice. */
const EMERGENCY = /(?:(?<!\d)(?:112|103)(?!\d)|(?<![\p{L}])скор(?:ую|ой|ая)(?![\p{L}]))/u;
/** Suggesting medicine even while deferring («попробуйте таблетки, но обсудите с врачом»). */
const SUGGESTS = new RegExp(
  String
    .raw`(?<![\p{L}])(?:попробуй|попробуйте|начни|начните|купи|купите|пропей|пропейте|увеличь|увеличьте|увеличить|уменьши|уменьшите|удвой|удвойте|добавь|добавьте|замени|замените)(?![\p{L}])`,
  "u",
);

/** Keeping to a treatment already there: «вовремя», «не пропускай», «продолжай». */
const ADHERENCE = new RegExp(
  String
    .raw`(?<![\p{L}])(?:нельзя\s+(?:\p{L}+\s+)?(?:бросать|отменять|прекращать|пропускать|бросить|отменить|прекратить)|не\s+(?:давай|давайте|дава${L}*)\s+(?:\p{L}+\s+)?совет${L}*|не\s+(?:предлагай|предлагайте|советуй|советуйте|навязывай|навязывайте|рекомендуй|рекомендуйте)|вовремя|регулярно|каждый\s+день|ежедневно|важно\s+(?:\p{L}+\s+)?(?:пить|принимать|допить|пропить|не\s+пропускать)|не\s+пропуска${L}*|не\s+пропусти${L}*|не\s+забыва${L}*|не\s+забудь${L}*|продолжа${L}*|не\s+бросай${L}*|не\s+отменя${L}*|по\s+графику|по\s+расписанию|как\s+обычно|не\s+(?:меняй|увеличивай|уменьшай|бери|брать|смешивай|удваивай)${L}*|лучше\s+не\s+совет${L}*|как\s+(?:прописано|назначено|назначил${L}*|выписано|прописал${L}*))`,
  "u",
);
/** A question that asks about medicine without offering any («есть ли доступ к таблеткам?»). */
const OFFERS = new RegExp(
  String
    .raw`(?<![\p{L}])(?:может|попробуешь|попробуете|почему\s+бы|не\s+хочешь|не\s+хотите|стоит|советую|посоветую|выпей|прими)(?![\p{L}])`,
  "u",
);

/** The doctor decides, said in any tense: «врач подобрал», «вместе с психиатром», «вопрос к врачу». */
const DOCTOR_DECIDES = new RegExp(
  String
    .raw`(?<![\p{L}])(?:(?:подбирает|назначает|выписывает|подберет|назначит)\s+(?:${L}+\s+)?(?:врач|доктор|психиатр)|(?:врач|доктор|психиатр|терапевт)${L}*\s+(?:${L}+\s+)?(?:подобрал${L}*|назначил${L}*|выписал${L}*|подбирает|назначает|подберет|помог${L}*)|(?:вместе\s+)?с\s+(?:врачом|психиатром|доктором|терапевтом)|(?:вопрос|вопросы)\s+к\s+(?:врачу|психиатру|доктору)|обсужда${L}*\s+с\s+(?:врачом|психиатром|доктором))`,
  "u",
);
/** Medicine only named as a topic: «рассказал про таблетки», «пишешь о таблетках». */
const MEDICINE_TOPIC = new RegExp(
  String
    .raw`(?<![\p{L}])(?:про|о|об)\s+(?:таблет|лекарств|препарат|антидепрессант)${L}*`,
  "gu",
);
/** Giving means to someone who keeps them: «выдавать по одной», «отнеси в аптеку на утилизацию». */
const MEANS_KEPT = new RegExp(
  String.raw`(?<![\p{L}])(?:выдава${L}*|по\s+одной|отнеси|отнести|утилизац${L}*)(?![\p{L}])`,
  "u",
);

/** Whether a hint gives medical advice, sentence by sentence (see `DEFERS_TO_DOCTOR`). */
function medicalIn(low: string): boolean {
  if (DOSE.test(low)) return true;
  // A hint that leaves medicine to the doctor anywhere defers in every sentence («Не меняй дозу
  // сам. Это вопрос к врачу.»); named medicines and suggestions to take some stay refused.
  const deferredText = DEFERS_TO_DOCTOR.test(low) || DOCTOR_DECIDES.test(low);
  for (const m of low.matchAll(SENTENCE)) {
    const sentence = m[0].replace(MEDICINE_TOPIC, " ");
    const asks = sentence.includes("?") && !OFFERS.test(sentence);
    const away = MEANS_AWAY.test(sentence) || MEANS_KEPT.test(sentence);
    const defers = (asks || DEFERS_TO_DOCTOR.test(sentence) ||
      (deferredText && !OFFERS_TO_TAKE.test(sentence)) ||
      EMERGENCY.test(sentence) || away || ADHERENCE.test(sentence) || critiqueIn(sentence)) &&
      (away || !SUGGESTS.test(sentence));
    if ((defers ? MEDICAL_SPECIFIC : MEDICAL).test(sentence)) return true;
  }
  return false;
}
/** An order to take something: not deferred by a doctor named in another sentence. */
const OFFERS_TO_TAKE = new RegExp(
  String
    .raw`(?<![\p{L}])(?:выпей|выпейте|прими|примите|принимай|принимайте|пей|пейте|глотни|закинь${L}*)(?![\p{L}])`,
  "u",
);
/** A dose: a number with a unit or a frequency. */
const DOSE = new RegExp(
  String
    .raw`\d+(?:[.,]\d+)?\s*(?:мг|мл|мкг|грамм${L}*|миллиграмм${L}*|капел${L}*|капл${L}*|шт${L}*|раз${L}*\s+в\s+(?:день|сутки))(?![\p{L}])`,
  "u",
);

/** Legal steps, articles and rights. Lawyers may be mentioned; what to file may not. */
export const LEGAL_PATTERNS: readonly string[] = [
  String
    .raw`(?:подай|подайте|подать|подавай|подавайте|подадите|подашь)\s+(?:${L}+\s+)?(?:в\s+суд|иск|на\s+алимент|на\s+развод)`,
  String.raw`(?:в|через|до|на)\s+суд(?:а|е|у|ом)?(?![\p{L}])`,
  String.raw`суд(?![\p{L}])`,
  String.raw`судебн`,
  String.raw`иск(?:а|е|ом|у|и|ов|овое|ового|овом|овую)?(?![\p{L}])`,
  String.raw`(?:статья|статье|статьи|статью|ст\.)\s*\d+`,
  String.raw`(?:ук|гк|ск|тк|нк|жк)\s+рф`,
  String.raw`коап`,
  String.raw`кодекс`,
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

/** A report to the police or a complaint («обратись в полицию», «подай заявление»). */
const REPORT = stems(
  String
    .raw`(?:подай|подайте|подать|подавай|подавайте|подадите|подашь|напиши|напишите|написать|пиши|пишите|писать)\s+(?:${L}+\s+)?(?:заявлени|жалоб|в\s+полици)`,
  String.raw`полици`,
);
/**
 * An intimate partner or the family home, where a report is the riskiest (leaving an abuser is
 * when violence peaks). A child told to go to the police with a trusted adult is not this.
 */
const CLOSE_PEOPLE = new RegExp(
  String
    .raw`(?<![\p{L}])(?:муж|мужа|мужу|мужем|жена|жены|жене|жену|женой|супруг${L}*|партнер${L}*|парен${L}*|парн${L}+|сожител${L}*|семь${L}*|семейн${L}*|домашн${L}*)(?![\p{L}])`,
  "u",
);
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

/**
 * Why a report the hint suggests is refused, if it is: around a partner or family it stays legal
 * advice (see `legal_advice` above); in a sentence that doubts it or turns it away («в полицию
 * бесполезно», «не пиши заявление», «без полиции», «полиция не защитит») it turns a person away
 * from help.
 */
function reportRefused(low: string): "legal_advice" | "discourage_help" | null {
  if (!REPORT.test(low)) return null;
  if (CLOSE_PEOPLE.test(low) && REPORT.test(legalText(low))) return "legal_advice";
  const doubted = [...low.matchAll(SENTENCE)].some(([sentence]) =>
    REPORT.test(legalText(sentence)) && REPORT_DOUBTED.test(sentence)
  );
  return doubted ? "discourage_help" : null;
}
const REPORT_DOUBTED = new RegExp(
  String.raw`(?<![\p{L}])(?:` + [
    String
      .raw`бесполезн${L}*|бессмысл${L}*|перебор|посме${L}*|разруш${L}*|хуже|усугуб${L}*|навред${L}*|зачем|толк${L}*|смысл${L}*|ложн${L}*|выдуман${L}*|липов${L}*`,
    // The report itself turned away: «не обращайся в полицию», «не пиши заявление», «без полиции»,
    // «полиция тебя не защитит» (not «не удаляй переписку — это доказательства для полиции»).
    String
      .raw`(?:не|ни)\s+(?:${L}+\s+)?(?:обраща|обрат|пиш|писа|напиш|пода|ход|иди|идт|пойд|звон|позвон|заявл|сообщ|жалу|пожалу|связ|вызыв|вызв|нужн|над|стоит|рекоменд|совет|предлага)${L}*`,
    String.raw`без\s+полици${L}*|полици${L}*\s+(?:${L}+\s+){0,3}не`,
  ].join("|") + `)(?![\p{L}])`,
  "u",
);

/** Calling the police in danger («вызывай полицию») is like calling 112, not a legal step. */
const CALL_POLICE = new RegExp(
  String
    .raw`(?<![\p{L}])(?<!(?:не|ни)\s)(?:звони|звоните|позвони|позвоните|позвонить|звонить|вызови|вызовите|вызывай|вызывайте|вызвать|набери|наберите)\s+(?:${L}+\s+)?(?:в\s+)?полици${L}*`,
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
    contactDigits(low) || CONTACT_MARKERS.some((m) => low.includes(m) || latin.includes(m)) ||
    detectPii(normal.replace(HELPLINE, " ")).length > 0
  ) {
    return refuse("contact");
  }
  if (crisisIn(low)) return refuse("crisis");
  const messages = suggestedMessages(normal);
  if (messages.some((m) => crisisInMessage(fold(m))) || endorsesWish(low)) {
    return refuse("crisis");
  }
  if (detectHarmAdvice(normal) !== null || messages.some((m) => detectHarmAdvice(m) !== null)) {
    return refuse("harm_advice");
  }
  if (
    detectToxicity(normal) !== null ||
    messages.some((m) => detectToxicity(m) !== null || MENACE.test(fold(m))) ||
    reportedSpeech(normal).some((m) => detectToxicity(m) !== null) ||
    (!QUOTE_MARK.test(normal) && !REPORTS_WORDS.test(low) && MENACE.test(low)) ||
    demeaning(low)
  ) {
    return refuse("abuse");
  }
  const boundary = boundaryCrossed(low);
  if (boundary) return refuse(boundary);
  if (DIAGNOSIS_IN_FRAME.test(low) || LABEL_ON_PERSON.test(low) || CLINICAL.test(low)) {
    return refuse("diagnosis");
  }
  if (medicalIn(low)) return refuse("medical_advice");
  if (LEGAL.test(legalText(low))) return refuse("legal_advice");
  const report = reportRefused(low);
  if (report) return refuse(report);
  if (PROMISE.test(low) || HUNDRED_PERCENT.test(low)) return refuse("promise");

  const letters = normal.match(ANY_LETTER)?.length ?? 0;
  const russian = normal.match(RUSSIAN_LETTERS)?.length ?? 0;
  if (letters === 0 || russian / letters < minRussianShare || OTHER_CYRILLIC.test(normal)) {
    return refuse("not_russian");
  }
  return { ok: true };
}

/**
 * A language model's hint: the rules above, then the learned second opinion (hint_model.ts),
 * which refuses more shapes of harm than rules can list. The rule coach's own hints take
 * `checkHintText` alone.
 */
export function checkModelHint(text: string): HintCheck {
  const check = checkHintText(text);
  if (!check.ok) return check;
  return flaggedByHintModel(text) ? refuse("learned") : check;
}

function refuse(reason: HintRefusal): HintCheck {
  return { ok: false, reason };
}

/** Lowercase with ё read as е. */
function fold(text: string): string {
  return text.toLowerCase().replaceAll("ё", "е");
}

/**
 * A crisis in the hint's own words («я тоже не хочу жить», «покончи с этим»): detectCrisis's high
 * signals, sentence by sentence. A question about safety, a sentence that points to help
 * (112, a hotline, /sos) and a story about a film or a book are not the sender's crisis.
 */
function crisisIn(low: string): boolean {
  for (const m of low.matchAll(SENTENCE)) {
    const sentence = m[0];
    if (sentence.includes("?") || HELP.test(sentence) || NARRATIVE.test(sentence)) continue;
    // «Если ты решила расстаться, я не буду отговаривать»: an ordinary decision let through.
    if (ORDINARY_DECISION.test(sentence) && !WISH.test(sentence)) continue;
    if (critiqueIn(sentence) || PAST_STORY.test(sentence)) continue;
    // «Суицидальные мысли — не приговор»: talk about a crisis; the hint's own is in the first
    // person («я тоже не хочу жить») or a bare wish («хочется умереть»).
    if (!FIRST_PERSON.test(sentence) && !/^\s*(?:хочется|хочу|не\s+хочу)/u.test(sentence)) continue;
    if (detectCrisis(sentence, AS_HINT)?.severity === "high") return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// What the hint would have the person send.
//
// A hint is a message the person could send: quoted words after an order to say, write or send
// («Напиши ему: «…»», «Ответь так: …», «Можно отправить ей: …») are not someone else's speech
// but the hint's own words, so the crisis, harm and abuse checks read them as a message of their
// own (the harm check on the whole hint skips quoted words, as a story or a quote may hold them).

/** An order or an offer to say, write or send something (stems on lowercased text, ё as е). */
const SPEECH_ORDER = new RegExp(
  String
    .raw`(?<![\p{L}])(?:скаж(?:и|ите)|сказать|напиш(?:и|ите)|написать|ответ(?:ь|ьте)|ответить|отправ(?:ь|ьте)|отправить|отпиш(?:и|ите)|передай(?:те)?|сообщ(?:и|ите)|пошли(?:те)?|кин(?:ь|ьте)|черкни|добав(?:ь|ьте)|начни(?:те)?\s+с|попробуй(?:те)?\s+так|можно\s+так|например|вот\s+так)(?![\p{L}])`,
  "u",
);
const QUOTE_MARK = /[«»„“”"]/u;
/** A quote: «…», „…“, “…”, "…". */
const QUOTED = /«([^«»]+)»|„([^„“”]+)[“”]|“([^“”]+)”|"([^"]+)"/gu;

/**
 * The messages a hint suggests sending: a quote after an order to say or write (or right after
 * a colon), and what follows «напиши ему:» / «ответь так:» when it is not quoted.
 */
export function suggestedMessages(text: string): string[] {
  const low = fold(text);
  const messages: string[] = [];
  for (const m of text.matchAll(QUOTED)) {
    const before = low.slice(0, m.index);
    const inner = m[1] ?? m[2] ?? m[3] ?? m[4] ?? "";
    // A title («смотрела «Зелёную милю»?») is short and follows no order or colon.
    if (SPEECH_ORDER.test(before) || /:\s*$/u.test(before)) messages.push(inner);
  }
  for (const m of low.matchAll(/:\s*/gu)) {
    const before = low.slice(Math.max(0, m.index - 40), m.index);
    if (!SPEECH_ORDER.test(before)) continue;
    const rest = text.slice(m.index + m[0].length).replace(/[«»„“”"]/gu, "");
    if (rest.trim() !== "") messages.push(rest);
  }
  return messages;
}

/** «Скажи ему, что он …»: the words to pass on, in the second person (он/она → ты). */
const TELL_THAT = new RegExp(
  String
    .raw`(?<![\p{L}])(?:скаж(?:и|ите)|напиш(?:и|ите)|передай(?:те)?|сообщ(?:и|ите)|ответь(?:те)?)\s+(?:(?:ему|ей|им|собеседник${L}*|партнер${L}*|парню|девушке)\s*)?,?\s*что\s+(.+)`,
  "u",
);
const TO_SECOND_PERSON: Record<string, string> = {
  "он": "ты",
  "она": "ты",
  "его": "тебя",
  "ее": "тебя",
  "ему": "тебе",
  "ей": "тебе",
  "нем": "тебе",
  "ней": "тебе",
  "им": "тобой",
  "свои": "твои",
  "своими": "твоими",
  "своим": "твоим",
};

/** What a hint tells the person to pass on with «скажи ему, что …», in the second person. */
function reportedSpeech(text: string): string[] {
  const m = TELL_THAT.exec(fold(text));
  if (!m) return [];
  return [m[1]!.replace(/\p{L}+/gu, (word) => TO_SECOND_PERSON[word] ?? word)];
}

/** Menace: knowing where someone lives, watching them, finding them («я знаю, где ты живешь»). */
const MENACE = new RegExp(
  String.raw`(?<![\p{L}])(?:` + [
    String
      .raw`(?:я|мы)\s+(?!не\s)(?:\p{L}+\s+)?(?:знаю|знаем|в\s+курсе|выясн${L}*|узна${L}*|найду|найдем|нашел|нашла|вычислил${L}*|вычислю)\s*,?\s*(?:где|куда|в\s+какой|в\s+каком|откуда)\s+(?:\p{L}+\s+)?(?:ты|твоя|твой|твои|вы)`,
    String
      .raw`(?:я|мы)\s+(?:знаю|знаем)\s+(?:твой|ваш)\s+(?:адрес|дом|подъезд|школ${L}*|работ${L}*)`,
    String
      .raw`(?:я|мы)\s+(?:все|всё)\s+вижу|слежу\s+за\s+тобой|следим\s+за\s+тобой|я\s+тебя\s+(?:найду|достану|вычислю)`,
  ].join("|") + `)(?![\p{L}])`,
  "u",
);
/** The hint tells about menace rather than making it («если он пишет…, это угроза»). */
const REPORTS_WORDS = new RegExp(
  String
    .raw`(?<![\p{L}])(?:угроз${L}*|угрожа${L}*|пишет|написал${L}*|говорит|сказал${L}*|скриншот${L}*|полици${L}*|заблокир${L}*|фраз${L}*|слова)(?![\p{L}])`,
  "u",
);

/**
 * A crisis in a message the hint suggests sending: detectCrisis's high signals there are the
 * sender's words to the partner whoever speaks in them («может, и правда лучше уйти»). A
 * question, help, a film or one's past are not, and neither are words that protect.
 */
function crisisInMessage(text: string): boolean {
  const low = text.replace(LEAVING_SOMEONE, " ");
  for (const m of low.matchAll(SENTENCE)) {
    const sentence = m[0];
    if (sentence.includes("?") || HELP.test(sentence) || NARRATIVE.test(sentence)) continue;
    if (critiqueIn(sentence) || PAST_STORY.test(sentence)) continue;
    if (detectCrisis(sentence, AS_HINT)?.severity === "high" && !PROTECTS_LIFE.test(sentence)) {
      return true;
    }
  }
  return ENDORSES.test(low) && WISH.test(low) && !PROTECTS_LIFE.test(low);
}

/** Words that want the person alive: presence, help, a plea. */
const PROTECTS_LIFE = new RegExp(
  String
    .raw`(?<![\p{L}])(?:не\s+(?:надо|делай|спеши|торопись|уходи)|пожалуйста|останься|живи|помощ${L}*|доверия|врач${L}*|психолог${L}*|рядом\s+с\s+тобой|я\s+рядом|нужен\s+мне|нужна\s+мне|важен|важна|дорог${L}*)(?![\p{L}])`,
  "u",
);

/** Letting someone go through with it: «не буду отговаривать», «я с тобой до конца», «и правда». */
const ENDORSES = new RegExp(
  String.raw`(?<![\p{L}])(?:` + [
    String
      .raw`не\s+(?:буду|стану|собираюсь)\s+(?:тебя\s+|вас\s+)?(?:отговаривать|останавливать|мешать|удерживать|держать|переубеждать)`,
    String.raw`(?:мешать|отговаривать|останавливать)\s+(?:тебя\s+)?не\s+(?:буду|стану)`,
    String.raw`(?:с\s+тобой|поддержу\s+тебя)\s+до\s+конца`,
    String.raw`(?:может|наверное|пожалуй|возможно),?\s+(?:и\s+)?(?:правда|вправду|действительно)`,
    String.raw`имеешь\s+(?:полное\s+)?право\s+(?:сам${L}*\s+)?(?:решать|выбирать|уйти)`,
    String
      .raw`(?:решать|выбирать)\s+(?:только\s+)?(?:тебе|сам${L}*)|(?:твое|тво[её])\s+(?:решение|право|дело)`,
    String.raw`заслуживает\s+уважения|уважаю\s+(?:твое|тво[её])\s+решение`,
    // «я приму это без осуждения», «я не против», «это правильно», «вполне понятный шаг», «ты
    // заслужил этот покой», «горжусь, что ты сама приняла это решение».
    String.raw`(?:приму|принимаю)\s+(?:это|твой\s+выбор|тво[её]\s+решение)|я\s+не\s+против`,
    String
      .raw`(?:понятн|правильн|логичн|достойн)${L}*\s+(?:шаг|решение|выбор|выход)|это\s+правильно`,
    String.raw`заслужил${L}*\s+(?:покой|отдых|свобод${L}*|этот|тишин${L}*)`,
    String.raw`горжусь,?\s+что\s+ты\s+(?:сам${L}*\s+)?(?:принял${L}*|решил${L}*)`,
  ].join("|") + `)(?![\p{L}])`,
  "u",
);
/** A wish to die or hurt oneself, or a plan thought through («уже всё обдумал», «до конца»). */
const WISH = new RegExp(
  String
    .raw`(?<![\p{L}])(?:обдумал${L}*|задумал${L}*|закончить|покончить|уйти|умереть|не\s+проснуться|не\s+просыпаться|прыгнуть|прыжок|режь${L}*|порез${L}*|исчезнуть|не\s+жить|конец|до\s+конца|смерть|уход\s+из\s+жизни)(?![\p{L}])`,
  "u",
);

/**
 * Decisions of ordinary life: a breakup, a divorce, a new job, a move, leaving a course, whom
 * to tell and when («можно пока никому не рассказывать, если ты не готова»).
 */
const ORDINARY_DECISION = new RegExp(
  String
    .raw`(?<![\p{L}])(?:рассказыват${L}*|рассказать|признаться|признаваться|открыться|открываться|расстат${L}*|расстаться|развест${L}*|развод${L}*|разойтись|уволит${L}*|увольнени${L}*|переезд${L}*|переехать|отчислит${L}*|сменить\s+работу|бросить\s+(?:учебу|учёбу|работу|универ))(?![\p{L}])(?!\s+с\s+(?:жизн${L}*|собой|этим\s+миром))`,
  "u",
);

/** A decision with no object but «всё» («ты всё решил», «если ты правда готов»). */
const DECIDED_ALL = new RegExp(
  String
    .raw`(?<![\p{L}])(?:(?:все|всё)\s+(?:\p{L}+\s+)?(?:решил${L}*|обдумал${L}*|взвесил${L}*|продумал${L}*)|(?:правда|точно|твердо|окончательно)\s+(?:готов|готова|решил|решила)(?:[.,!…]|$))`,
  "u",
);

/** The hint itself endorses the partner's wish to die («…, я не буду тебя отговаривать»). */
function endorsesWish(text: string): boolean {
  // «Ты имеешь право уйти от него»: leaving a partner is no wish to die.
  const low = text.replace(LEAVING_SOMEONE, " ");
  let previous = "";
  for (const m of low.matchAll(SENTENCE)) {
    const sentence = m[0];
    // The wish may stand one sentence before its endorsement («Уход из жизни — как свежий
    // воздух. Ты заслужил этот глоток свободы.»).
    const wishBefore = previous !== "" && !previous.includes("?") &&
      detectCrisis(previous, AS_HINT) !== null;
    previous = sentence;
    if (sentence.includes("?") || HELP.test(sentence) || NARRATIVE.test(sentence)) continue;
    if (ORDINARY_DECISION.test(sentence) && !WISH.test(sentence)) continue;
    if (PROTECTS_LIFE.test(low)) return false;
    // What is let through is read without the letting: the crisis model reads «не буду тебя
    // отговаривать» itself as a crisis, whatever was decided («решила расстаться»).
    if (
      ENDORSES.test(sentence) &&
      (WISH.test(sentence) || wishBefore || DECIDED_ALL.test(low) ||
        detectCrisis(sentence.replace(ENDORSES, " "), AS_HINT) !== null)
    ) {
      return true;
    }
    // «…может, и правда лучше не проснуться»: a crisis echoed and agreed with.
    if (ENDORSES.test(sentence) && detectCrisis(sentence, AS_HINT)?.severity === "high") {
      return true;
    }
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
