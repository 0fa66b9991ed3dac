import { normalizeText } from "../safety/normalize.ts";
import {
  CYRILLIC,
  LATIN,
  LATIN_LOOKALIKES,
  PARTICLE_SUFFIX,
  stemOf,
  STRETCH,
} from "./russian_words.ts";
import {
  type MoodAnalysis,
  type MoodAnalyzer,
  type MoodInput,
  type MoodLabel,
  moodLabels,
  type MoodPick,
} from "./mood.ts";
import {
  BALANCE_MARKERS,
  CONTRAST,
  DIMINISHERS,
  EMPHATIC_NEGATION,
  EXCLAMATIONS,
  IGNORED_WORDS,
  INTENSIFIERS,
  IRONIC_WORDS,
  IRONY_EMOJI,
  type LabelWeights,
  type LexiconRow,
  MOOD_EMOJI,
  MOOD_PHRASES,
  MOOD_TOPICS,
  MOOD_WORDS,
  NEGATION_TRANSPARENT,
  NEGATORS,
  NO_LONGER,
  POST_INTENSIFIERS,
  SARCASM_CUES,
  SARCASM_OPENERS,
  STOPPING_LEMMAS,
  TOUCHED_TEARS,
} from "./mood_lexicon.ts";
import { LEMMA_FORMS, unpackForms } from "./lemma_forms.ts";

/**
 * The offline Russian mood analyser: no network, no model files, deterministic, a 4000-character
 * entry in a few milliseconds once warm.
 *
 * 1. The text is normalised (`normalizeText`), lowercased with ё → е, and split into words,
 *    emoji, emoticons and punctuation. A word mixing Cyrillic and Latin letters has its Latin
 *    look-alikes read as Cyrillic ("гpуcтнo"); letters stretched three times or more are
 *    shrunk ("грууустно"); "грустно-грустно" counts as a stronger "грустно".
 * 2. Phrases from the lexicon are found first ("нет сил", "камень с души"); then single words,
 *    by exact form, by lemma (a `~lemma` row reads every form of the word, from a table generated
 *    out of OpenCorpora's dictionary: lemma_forms.ts) or by Snowball stem (@orama/stemmers, the
 *    Snowball Russian algorithm), and emoji. An unlisted "не" + good word ("невкусно") reads as
 *    that word denied; "Класс!" as a remark on its own is praise.
 * 3. Each hit is weighed by the words before it in its clause: intensifiers ("очень", "так",
 *    "ужасно" when a mood word follows) and diminishers ("немного", "чуть") multiply it; a
 *    negation ("не", "ни", "нет", "без") up to one content word before it ("не могу сказать, что
 *    рада" reaches over "могу сказать, что") flips and damps its valence and drops its labels —
 *    a negated bad word only a little ("не грустно" is not joy), an emphatic one ("ни капли не
 *    страшно") more; "чуть не расплакалась" is no negation. "нет" right after a word negates it
 *    too ("радости нет"). Words after "но"/"однако"/"зато" weigh more than those before.
 *    Capitals, "!" and stretched letters raise arousal; capitals and "!" also strengthen hits.
 * 4. Valence is tanh(sum of weighted valences / √hits), a softened or repeated hit counting less
 *    than one: one clear word gives about ±0.5, several agreeing words approach ±1, a mixed long
 *    entry stays near 0. Arousal is the weighted mean of the hits' arousal, starting from a
 *    neutral 0.3. A label's score is 1 − e^(−1.2·evidence); labels below 0.3, or below 40 % of
 *    the strongest, are dropped; at most 4 are kept. Figures are rounded to 3 decimals.
 * 4a. Negation follows the language more closely: "не" and verbs of stopping toggle ("не могу
 *    не радоваться", "не перестаю улыбаться" are no denial), "ни", "ничего", "никакой", "нет"
 *    agree with them rather than cancel; "не то чтобы" is a hedge; "не помню, когда …" reaches
 *    over its comma; "давно не было так хорошо" is more than ever; fear, pain or a slip denied is
 *    relief, sadness or anger denied only their absence. Praise that opens a complaint is
 *    sarcasm ("Прекрасно, ещё и зарплату задержали"); a good word in «quotes» means the other;
 *    plans and wishes ("будет весело", the future of a lemma) weigh half; things and events
 *    (`MOOD_TOPICS`: "подарок", "штраф") weigh a third next to a word for a feeling; an
 *    exclamation with nothing else to read is mild excitement.
 * 4b. Version 2.1.0: ")" after a number or a single letter is a numbered list, not a smile;
 *    common misspellings of a listed word («гаржусь», «смеятся») are read as the word; an
 *    upside-down smile or an eye-roll makes praise next to it irony, a short remark of praise
 *    ("Обожаю понедельники.") is judged by the sentence after it, and once an entry is ironic,
 *    praise closing a sentence is too; a softened tiredness word ("устал немного") is nearly
 *    neutral; hits after "план", "список", "расписание" or "думаю" + an infinitive weigh a
 *    quarter; "с одной стороны", "смешанные чувства" pull the entry to neutral; tears among
 *    nothing but good news are being touched.
 * 5. The person's pick is blended in: its valence (and arousal for a feeling) weighs 45 % when the
 *    text says a lot and up to 100 % when it says nothing; a feeling adds its label.
 *
 * Limits (see LEXICON.md): it reads words, not meaning — irony, sarcasm, reported feelings of
 * others ("она грустит"), conditionals and rare words are missed or misread.
 */
export const LEXICON_ANALYZER_NAME = "lexicon-ru";
export const LEXICON_ANALYZER_VERSION = "2.1.0";

export function createLexiconAnalyzer(): MoodAnalyzer {
  return {
    name: LEXICON_ANALYZER_NAME,
    version: LEXICON_ANALYZER_VERSION,
    analyze(input: MoodInput, signal?: AbortSignal): Promise<MoodAnalysis> {
      try {
        signal?.throwIfAborted();
        return Promise.resolve(analyzeMood(input));
      } catch (error) {
        return Promise.reject(error);
      }
    },
  };
}

/** One thing the analyser found, for explaining a result. */
export interface MoodHit {
  /** The lexicon form, phrase or emoji that matched. */
  match: string;
  /** The text it matched. */
  text: string;
  valence: number;
  arousal: number;
  labels: LabelWeights;
  /** Intensifiers, diminishers, capitals, "!", contrast and repetition multiplied together. */
  weight: number;
  negated: boolean;
}

/** The analysis itself (synchronous; the port's `analyze` wraps it). Never throws. */
export function analyzeMood(input: MoodInput): MoodAnalysis {
  const { hits, bangs, capsWords, stretchedWords, balanced } = scan(input?.text);
  let sum = 0;
  let totalWeight = 0;
  /** Hits counted by weight up to 1 each: a softened or repeated one counts less. */
  let count = 0;
  let arousalSum = NEUTRAL_AROUSAL * AROUSAL_PRIOR_WEIGHT;
  let arousalWeight = AROUSAL_PRIOR_WEIGHT;
  const evidence = new Map<MoodLabel, number>();
  for (const hit of hits) {
    const { valence, weight } = hit;
    let effective = hit.negated ? valence * negationFactor(hit) : valence;
    // "немного устала", "устал слегка": a little tired is a plain report, nearly neutral.
    if (!hit.negated && valence < 0 && hit.intensity < 0.8 && (hit.labels.tiredness ?? 0) >= 0.7) {
      effective *= MILD_TIREDNESS;
    }
    sum += effective * weight;
    totalWeight += weight;
    count += Math.min(1, weight);
    const intensity = Math.min(1, Math.max(0, hit.intensity - 1));
    const arousal = hit.arousal + (1 - hit.arousal) * 0.3 * intensity;
    const arousalShare = hit.negated ? weight * 0.3 : weight;
    arousalSum += arousal * arousalShare;
    arousalWeight += arousalShare;
    if (hit.negated) continue;
    for (const label of moodLabels) {
      const strength = hit.labels[label];
      if (strength) evidence.set(label, (evidence.get(label) ?? 0) + strength * weight);
    }
  }
  let valence = Math.tanh(sum / Math.sqrt(Math.max(1, count)));
  if (balanced) valence *= BALANCED;
  let arousal = arousalSum / arousalWeight + Math.min(0.2, 0.05 * bangs) +
    Math.min(0.2, 0.07 * capsWords) + Math.min(0.1, 0.04 * stretchedWords);

  const pick = input?.pick && Object.hasOwn(PICKS, input.pick) ? PICKS[input.pick] : undefined;
  if (pick) {
    const confidence = 1 - Math.exp(-totalWeight);
    const pickWeight = 1 - (1 - PICK_MIN_WEIGHT) * confidence;
    valence = (1 - pickWeight) * valence + pickWeight * pick.valence;
    if (pick.arousal !== undefined) {
      arousal = (1 - pickWeight) * arousal + pickWeight * pick.arousal;
    }
    if (pick.label) evidence.set(pick.label, (evidence.get(pick.label) ?? 0) + PICK_EVIDENCE);
  }

  const scored = moodLabels
    .map((label) => ({ label, score: 1 - Math.exp(-LABEL_GAIN * (evidence.get(label) ?? 0)) }))
    .filter((l) => l.score > 0)
    .sort((a, b) => b.score - a.score || moodLabels.indexOf(a.label) - moodLabels.indexOf(b.label));
  const top = scored[0]?.score ?? 0;
  const labels = scored
    .filter((l) => l.score >= LABEL_THRESHOLD && l.score >= LABEL_RELATIVE * top)
    .slice(0, MAX_LABELS)
    .map((l) => ({ label: l.label, score: round(l.score) }));

  return {
    valence: round(clamp(valence, -1, 1)),
    arousal: round(clamp(arousal, 0, 1)),
    labels,
    analyzer: LEXICON_ANALYZER_NAME,
    version: LEXICON_ANALYZER_VERSION,
  };
}

/** What the analyser found in `text`, in text order (for support and for tuning the lexicon). */
export function explainMood(text: string): MoodHit[] {
  return scan(text).hits.map((hit) => ({
    match: hit.match,
    text: hit.text,
    valence: hit.valence,
    arousal: hit.arousal,
    labels: hit.labels,
    weight: round(hit.weight),
    negated: hit.negated,
  }));
}

/**
 * Problems in the word lists: values out of range, unknown labels, a form or stem claimed by two
 * different rows, forms not written the way text is folded. Empty when the lexicon is sound.
 */
export function checkLexicon(): string[] {
  return lexicon().problems;
}

// ---------------------------------------------------------------------------------------------
// Tuning constants (see LEXICON.md for how they were chosen).

/** Only this much of an entry is read: bounds the time a hostile text can take. */
const MAX_CHARS = 20_000;
/** Shorter stems are too ambiguous ("над" is "надеюсь" and the preposition): exact forms only. */
const MIN_STEM_LENGTH = 4;
/** Words allowed between two words of a phrase. */
const PHRASE_GAP = 3;
/** Content words allowed between a negation and the word it negates. */
const NEGATION_WINDOW = 1;
/** Content words allowed between an intensifier and the word it strengthens. */
const INTENSIFIER_WINDOW = 1;
const NEUTRAL_AROUSAL = 0.3;
const AROUSAL_PRIOR_WEIGHT = 0.5;
const LABEL_GAIN = 1.2;
const LABEL_THRESHOLD = 0.3;
const LABEL_RELATIVE = 0.4;
const MAX_LABELS = 4;
/** Weights of hits before and after "но" in the same sentence. */
const BEFORE_CONTRAST = 0.6;
const AFTER_CONTRAST = 1.3;
/** A plan or wish ("вечером отдохну", "хочу порадоваться") weighs this much of a feeling. */
const IRREALIS_WEIGHT = 0.5;
/** Words that make what follows in their clause a plan, a wish or a condition. */
const IRREALIS_MARKERS = new Set([
  "будет",
  "буду",
  "будем",
  "будут",
  "хочу",
  "хотим",
  "планирую",
  "планируем",
  "собираюсь",
  "собираемся",
  "надо",
  "нужно",
  "если",
]);
/** Words that head a plan or a list: what follows them in the sentence weighs this much. */
const PLAN_WORDS = new Set([
  "план",
  "планы",
  "плана",
  "планов",
  "расписание",
  "список",
  "списку",
  "списке",
  "чек-лист",
]);
/** "думаю поехать", "подумываю сменить": a plan when an infinitive follows. */
const THINKING_OF = new Set(["думаю", "подумываю", "думаем", "раздумываю", "прикидываю"]);
const INFINITIVE = /(?:ть|ться|чь)$/;
const PLAN_WEIGHT = 0.25;
/** "с одной стороны … с другой", "смешанные чувства": the writer weighs the day as even. */
const BALANCED = 0.2;
/** A softened tiredness word ("немного устала") weighs this much of its valence. */
const MILD_TIREDNESS = 0.5;
/** A topic word's weight next to a word for a feeling in the same sentence. */
const TOPIC_BESIDE_FEELING = 0.35;
/** The pick's least weight in the valence (when the text says a lot). */
const PICK_MIN_WEIGHT = 0.45;
const PICK_EVIDENCE = 1;

const PICKS: Readonly<
  Record<MoodPick, { valence: number; arousal?: number; label?: MoodLabel }>
> = {
  scale_1: { valence: -0.8 },
  scale_2: { valence: -0.4 },
  scale_3: { valence: 0 },
  scale_4: { valence: 0.4 },
  scale_5: { valence: 0.8 },
  feel_sad: { valence: -0.6, arousal: 0.25, label: "sadness" },
  feel_anxious: { valence: -0.55, arousal: 0.8, label: "anxiety" },
  feel_angry: { valence: -0.65, arousal: 0.85, label: "anger" },
  feel_tired: { valence: -0.4, arousal: 0.1, label: "tiredness" },
  feel_lonely: { valence: -0.55, arousal: 0.2, label: "loneliness" },
  feel_grateful: { valence: 0.65, arousal: 0.35, label: "gratitude" },
  feel_calm: { valence: 0.5, arousal: 0.1, label: "calm" },
};

/**
 * How a negation changes a word's valence: a bad word negated is only mildly good; a hedge
 * ("не то чтобы весело") only takes the edge off.
 */
function negationFactor(hit: Hit): number {
  if (hit.hedged) return hit.valence > 0 ? -0.3 : -0.1;
  if (hit.valence > 0) return hit.emphatic ? -0.8 : -0.7;
  if (hit.emphatic) return -0.5;
  // Fear, pain and a slip denied are relief ("не страшно", "не больно", "не сорвалась");
  // sadness or anger denied is only their absence ("не грустно", "не злюсь").
  const relief = (hit.labels.anxiety ?? 0) >= 0.6 || (hit.labels.shame ?? 0) >= 0.5 ||
    hit.match === "больно";
  return relief ? -0.4 : -0.2;
}

// ---------------------------------------------------------------------------------------------
// The lexicon, indexed on first use.

interface Entry {
  match: string;
  valence: number;
  arousal: number;
  labels: LabelWeights;
  /** From `MOOD_TOPICS`: a thing or event, not a word for a feeling. */
  topic?: boolean;
  /** An infinitive, future or imperative of a `~lemma` row: a plan or a wish, not a feeling. */
  irrealis?: boolean;
}

/**
 * One word of a phrase: the stems of its alternatives (a text word with the same stem matches,
 * which covers the word itself) and its prefix patterns.
 */
interface PhraseWord {
  words: string[];
  stems: string[];
  prefixes: string[];
  /** Every form of its `~lemma` alternatives (matched as written). */
  forms: Set<string>;
}

interface Phrase {
  words: PhraseWord[];
  entry: Entry;
  /** For post-intensifiers: the factor, and no gaps allowed. */
  factor?: number;
  /** Has a negation word of its own ("нет сил"). */
  negative?: boolean;
}

interface Lexicon {
  exact: Map<string, Entry>;
  stems: Map<string, Entry>;
  /** Phrases by the stems of their first word. */
  phrases: Map<string, Phrase[]>;
  /** Phrases whose first word has a prefix pattern (tried at every word). */
  prefixPhrases: Phrase[];
  post: Map<string, Phrase[]>;
  emoji: Map<string, Entry>;
  /** Forms of the verbs of stopping ("перестала"). */
  stopping: Set<string>;
  exclamations: Map<string, Entry>;
  problems: string[];
}

let cached: Lexicon | undefined;

function lexicon(): Lexicon {
  return cached ??= buildLexicon();
}

const LABEL_SET = new Set<string>(moodLabels);
const FOLDED = /^[\p{Ll}\p{N}'-]+$/u;

function buildLexicon(): Lexicon {
  const problems: string[] = [];
  const checkRow = (row: LexiconRow) => {
    const [forms, valence, arousal, labels] = row;
    if (!(valence >= -1 && valence <= 1)) problems.push(`${forms}: valence ${valence}`);
    if (!(arousal >= 0 && arousal <= 1)) problems.push(`${forms}: arousal ${arousal}`);
    for (const [label, weight] of Object.entries(labels)) {
      if (!LABEL_SET.has(label)) problems.push(`${forms}: unknown label ${label}`);
      if (!(typeof weight === "number" && weight > 0 && weight <= 1)) {
        problems.push(`${forms}: ${label} weight ${weight}`);
      }
    }
  };

  const exact = new Map<string, Entry>();
  const stems = new Map<string, Entry>();
  const stemOwner = new Map<string, string>();
  /** Forms of `~lemma` rows, added after every written form (which wins). */
  const lemmaForms: Array<[string, Entry, string]> = [];
  /** Forms written out in a row: they settle which row a form shared by two lemmas goes to. */
  const written = new Set<string>();
  const topicRows = new Set<LexiconRow>(MOOD_TOPICS);
  for (const row of [...MOOD_WORDS, ...MOOD_TOPICS]) {
    checkRow(row);
    const [forms, valence, arousal, labels] = row;
    const topic = topicRows.has(row) || undefined;
    for (const item of forms.split(/\s+/).filter(Boolean)) {
      if (item.startsWith("~")) {
        const entry: Entry = { match: item, valence, arousal, labels, topic };
        const generated = LEMMA_FORMS[item.slice(1)];
        if (generated === undefined) {
          problems.push(`${item}: no forms generated (run tests/diary/lemma_forms.ts)`);
        }
        const plan: Entry = { ...entry, irrealis: true };
        for (const [form, irrealis] of generated === undefined ? [] : unpackForms(generated)) {
          lemmaForms.push([form, irrealis ? plan : entry, forms]);
        }
        continue;
      }
      const exactOnly = item.startsWith("=");
      const form = exactOnly ? item.slice(1) : item;
      written.add(form);
      if (!FOLDED.test(form) || form.includes("ё")) problems.push(`${form}: not lowercase/folded`);
      const entry: Entry = { match: form, valence, arousal, labels, topic };
      if (exact.has(form)) problems.push(`${form}: listed twice`);
      else exact.set(form, entry);
      if (exactOnly) continue;
      const stem = stemOf(form);
      if (stem.length < MIN_STEM_LENGTH) continue;
      const owner = stemOwner.get(stem);
      if (owner === undefined) {
        stemOwner.set(stem, forms);
        stems.set(stem, entry);
      } else if (owner !== forms) {
        problems.push(`stem ${stem} of ${form} is also a stem in "${owner}"`);
      }
    }
  }

  const lemmaOwner = new Map<string, string>();
  for (const [form, entry, owner] of lemmaForms) {
    const previous = lemmaOwner.get(form);
    if (previous !== undefined && previous !== owner && !written.has(form)) {
      problems.push(`${form} (${entry.match}) is also a form in "${previous}"`);
    }
    lemmaOwner.set(form, owner);
    if (!exact.has(form)) exact.set(form, entry);
  }

  const phrases = new Map<string, Phrase[]>();
  const prefixPhrases: Phrase[] = [];
  const addPhrase = (into: Map<string, Phrase[]>, phrase: Phrase) => {
    const first = phrase.words[0]!;
    if (first.prefixes.length > 0) prefixPhrases.push(phrase);
    // Keyed by "~stem" for written words and "=form" for forms matched as written (a lemma's
    // forms, short words): no need to stem thousands of forms when the lexicon is built.
    const keys = [
      ...first.stems.map((stem) => `~${stem}`),
      ...[...first.forms].map((f) => `=${f}`),
    ];
    for (const key of new Set(keys)) {
      const list = into.get(key);
      if (list) list.push(phrase);
      else into.set(key, [phrase]);
    }
  };
  const parsePhrase = (text: string): PhraseWord[] =>
    text.split(/\s+/).filter(Boolean).map((word) => {
      const alts = word.split("/");
      const words = alts.filter((alt) => !alt.endsWith("*") && !alt.startsWith("~"));
      const prefixes = alts.filter((alt) => alt.endsWith("*")).map((alt) => alt.slice(0, -1));
      const forms = new Set<string>();
      for (const lemma of alts.filter((alt) => alt.startsWith("~"))) {
        const generated = LEMMA_FORMS[lemma.slice(1)];
        if (generated === undefined) {
          problems.push(`${lemma}: no forms generated (run tests/diary/lemma_forms.ts)`);
        }
        for (const [form] of generated === undefined ? [] : unpackForms(generated)) forms.add(form);
      }
      // As for single words, a stem shorter than 4 letters is too ambiguous ("жалуюсь" and
      // "жалею" share "жал"): such a word matches only as written.
      const stems = words.map(stemOf).filter((stem) => stem.length >= MIN_STEM_LENGTH);
      for (const word of words) if (stemOf(word).length < MIN_STEM_LENGTH) forms.add(word);
      return { words, stems, prefixes, forms };
    });
  for (const row of MOOD_PHRASES) {
    checkRow(row);
    const [variants, valence, arousal, labels] = row;
    for (const variant of variants.split("|")) {
      const words = parsePhrase(variant);
      if (words.length < 2) problems.push(`phrase "${variant}" has fewer than two words`);
      if (!FOLDED.test(variant.replace(/[\s/*~:A-Z]/g, "")) || variant.includes("ё")) {
        problems.push(`phrase "${variant}": not lowercase/folded`);
      }
      const negative = words.some((word) => word.words.some((w) => NEGATORS.has(w)));
      addPhrase(phrases, {
        words,
        entry: { match: variant.trim(), valence, arousal, labels },
        negative,
      });
    }
  }
  const post = new Map<string, Phrase[]>();
  for (const [text, factor] of POST_INTENSIFIERS) {
    if (text.includes("*")) problems.push(`post-intensifier "${text}": no prefix patterns here`);
    addPhrase(post, {
      words: parsePhrase(text),
      entry: { match: text, valence: 0, arousal: 0, labels: {} },
      factor,
    });
  }

  const emoji = new Map<string, Entry>();
  for (const [key, [valence, arousal, labels]] of Object.entries(MOOD_EMOJI)) {
    checkRow([key, valence, arousal, labels]);
    emoji.set(key, { match: key, valence, arousal, labels });
  }
  const stopping = new Set<string>();
  for (const lemma of STOPPING_LEMMAS) {
    const generated = LEMMA_FORMS[lemma.slice(1)];
    if (generated === undefined) {
      problems.push(`${lemma}: no forms generated (run tests/diary/lemma_forms.ts)`);
    } else for (const [form] of unpackForms(generated)) stopping.add(form);
  }
  const exclamations = new Map<string, Entry>();
  for (const [key, [valence, arousal, labels]] of Object.entries(EXCLAMATIONS)) {
    checkRow([key, valence, arousal, labels]);
    exclamations.set(key, { match: key, valence, arousal, labels });
  }
  return { exact, stems, phrases, prefixPhrases, post, emoji, stopping, exclamations, problems };
}

// ---------------------------------------------------------------------------------------------
// Tokens.

interface Token {
  kind: "word" | "emoji" | "comma" | "break";
  /** Words: the candidate forms, best first (folded, then shrunk, then parts of a hyphenated
   * word). Emoji: the lookup key. */
  forms: string[];
  /** Words: the Snowball stem of each form. */
  stems: string[];
  raw: string;
  caps: boolean;
  stretched: boolean;
  /** "грустно-грустно": the same word twice. */
  doubled: boolean;
  sentence: number;
  /** Split at every comma, dash, sentence end and contrast word. */
  clause: number;
  /** Where a negation reaches: like `clause`, but a comma before "что"/"чтобы" does not split. */
  scope: number;
  /** Split only at ".", "!", "?", "…" and line ends (a sarcastic remark runs over ":" and "—"). */
  utterance: number;
  /** "но", "однако", "зато", and "а" after a comma: the sentence turns here. */
  contrast: boolean;
  /** Where the token starts in the text. */
  at: number;
}

const TOKEN = new RegExp(
  [
    String.raw`(?<word>[\p{L}\p{M}]+(?:[-‐][\p{L}\p{M}]+)*)`,
    String
      .raw`(?<emoji>\p{Extended_Pictographic}(?:[\ufe0e\ufe0f\u{1f3fb}-\u{1f3ff}]|\u200d\p{Extended_Pictographic})*)`,
    String.raw`(?<emoticon>[:;=]-?'?[)(Dd]|<3)`,
    String.raw`(?<paren>\)+|\(+)`,
    String.raw`(?<bang>!+)`,
    String.raw`(?<stop>[.?…;:\n]+)`,
    String.raw`(?<comma>[,—–]|\s-\s)`,
  ].join("|"),
  "gu",
);
const SCOPE_CONTINUES = new Set(["что", "чтобы", "будто"]);
/** What comes right before the ")" of a list item: a number, or a single letter on its own. */
const LIST_MARKER = /(?:\d|(?:^|[\s(])\p{L})$/u;
/** After a lone "(": nothing more on the line means a sad face ("грустно("), else a bracket. */
const LINE_END = /[ \t]*(?:$|[\n.!?])/y;

function tokenize(text: string): { tokens: Token[]; bangs: number[] } {
  const tokens: Token[] = [];
  const bangs: number[] = [0];
  let sentence = 0;
  let utterance = 0;
  let at = 0;
  let parenDepth = 0;
  const push = (kind: Token["kind"], forms: string[], raw: string, extra?: Partial<Token>) => {
    tokens.push({
      kind,
      forms,
      stems: kind === "word" ? forms.map(stemOf) : [],
      raw,
      caps: false,
      stretched: false,
      doubled: false,
      sentence,
      clause: 0,
      scope: 0,
      utterance,
      contrast: false,
      at,
      ...extra,
    });
  };
  const endSentence = () => {
    sentence++;
    bangs.push(0);
  };
  for (const m of text.matchAll(TOKEN)) {
    const g = m.groups!;
    at = m.index;
    if (g.word !== undefined) {
      push("word", ...wordForms(g.word));
    } else if (g.emoji !== undefined) {
      const key = g.emoji.replace(/[\ufe0e\ufe0f\u{1f3fb}-\u{1f3ff}]/gu, "");
      const first = String.fromCodePoint(key.codePointAt(0)!);
      push("emoji", key === first ? [key] : [key, first], g.emoji);
    } else if (g.emoticon !== undefined) {
      const e = g.emoticon;
      const key = e === "<3"
        ? "<3"
        : e.includes("'")
        ? ":'("
        : `:${/[Dd]$/.test(e) ? "D" : e.at(-1)}`;
      push("emoji", [key], e);
    } else if (g.paren !== undefined) {
      const p = g.paren;
      if (p.length >= 2) {
        push("emoji", [p[0] === ")" ? "))" : "(("], p);
      } else if (p === ")") {
        if (parenDepth > 0) parenDepth--;
        // "1) купить хлеба 2) …", "а) …": a numbered list, not a smile.
        else if (LIST_MARKER.test(text.slice(Math.max(0, m.index - 3), m.index))) continue;
        else push("emoji", [")"], p);
      } else {
        LINE_END.lastIndex = m.index + 1;
        if (LINE_END.test(text)) push("emoji", ["("], p);
        else parenDepth++;
      }
    } else if (g.bang !== undefined) {
      bangs[sentence]! += g.bang.length;
      push("break", [], g.bang);
      endSentence();
      utterance++;
    } else if (g.stop !== undefined) {
      push("break", [], g.stop);
      endSentence();
      if (/[.?…\n]/.test(g.stop)) utterance++;
    } else {
      push("comma", [], g.comma!);
    }
  }
  // Clauses and negation scopes.
  let clause = 0;
  let scope = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === "break") {
      t.clause = clause++;
      t.scope = scope++;
      continue;
    }
    if (t.kind === "comma") {
      t.clause = clause++;
      const next = tokens[i + 1];
      const continues = next?.kind === "word" && SCOPE_CONTINUES.has(next.forms[0]!);
      t.scope = continues ? scope : scope++;
      continue;
    }
    if (
      t.kind === "word" &&
      (CONTRAST.has(t.forms[0]!) || (t.forms[0] === "а" && tokens[i - 1]?.kind === "comma"))
    ) {
      t.contrast = true;
      clause++;
      scope++;
    }
    t.clause = clause;
    t.scope = scope;
  }
  return { tokens, bangs };
}

/** Candidate forms of a word, best first, and what its spelling says. */
function wordForms(raw: string): [string[], string, Partial<Token>] {
  let lower = raw.toLowerCase().replaceAll("ё", "е").replaceAll("‐", "-");
  if (CYRILLIC.test(lower) && LATIN.test(lower)) {
    lower = lower.replace(/[a-z]/g, (c) => LATIN_LOOKALIKES[c] ?? c);
  }
  const caps = raw.length >= 3 && raw === raw.toUpperCase() && raw !== raw.toLowerCase();
  const forms = [lower];
  STRETCH.lastIndex = 0;
  const stretched = STRETCH.test(lower);
  if (stretched) {
    forms.length = 0;
    forms.push(lower.replace(STRETCH, "$1"), lower.replace(STRETCH, "$1$1"));
  }
  let doubled = false;
  if (lower.includes("-")) {
    const base = forms[0]!;
    const stripped = base.replace(PARTICLE_SUFFIX, "");
    if (stripped !== base) forms.push(stripped);
    const parts = stripped.split("-");
    if (parts.length >= 2 && parts.every((p) => p === parts[0])) {
      forms.push(parts[0]!);
      doubled = true;
    }
  }
  return [forms, raw, { caps, stretched, doubled }];
}

// ---------------------------------------------------------------------------------------------
// Matching.

interface Hit {
  match: string;
  text: string;
  valence: number;
  arousal: number;
  labels: LabelWeights;
  first: number;
  last: number;
  sentence: number;
  weight: number;
  intensity: number;
  /** A plan, a wish or a condition, not a feeling now (weighs less). */
  irrealis: boolean;
  negated: boolean;
  emphatic: boolean;
  /** "не то чтобы …": a hedged negation, weaker than a denial. */
  hedged: boolean;
  /** A phrase with a negation of its own ("нет сил"). */
  negativePhrase: boolean;
  /** A thing or event (`MOOD_TOPICS`), weaker next to a word for a feeling. */
  topic: boolean;
}

interface Scan {
  hits: Hit[];
  /** The writer calls the day even ("смешанные чувства", "один плюс, один минус"). */
  balanced: boolean;
  bangs: number;
  capsWords: number;
  stretchedWords: number;
}

function scan(input: unknown): Scan {
  const normalized = normalizeText(typeof input === "string" ? input : "").text;
  const text = normalized.length > MAX_CHARS ? normalized.slice(0, MAX_CHARS) : normalized;
  const lex = lexicon();
  const { tokens, bangs } = tokenize(text);
  const n = tokens.length;
  /** The hit a token belongs to (phrase, word or post-intensifier: -1). */
  const owner = new Int32Array(n).fill(-2);
  const hits: Hit[] = [];
  /** Post-intensifiers by the position of their first word. */
  const postAt = new Map<number, number>();
  const postTokens: number[] = [];

  const matchesWord = (t: Token, word: PhraseWord) =>
    t.kind === "word" && (
      t.stems.some((s) => word.stems.includes(s)) ||
      t.forms.some((f) => word.forms.has(f)) ||
      (word.prefixes.length > 0 &&
        t.forms.some((f) => word.prefixes.some((prefix) => f.startsWith(prefix))))
    );
  const candidates = (map: Map<string, Phrase[]>, t: Token, withPrefix: boolean) => {
    let found: Phrase[] = [];
    for (let k = 0; k < t.forms.length; k++) {
      for (const key of [`~${t.stems[k]!}`, `=${t.forms[k]!}`]) {
        const more = map.get(key);
        if (more) found = found.length === 0 ? more : [...new Set([...found, ...more])];
      }
    }
    return withPrefix && lex.prefixPhrases.length > 0
      ? [...new Set([...found, ...lex.prefixPhrases])]
      : found;
  };
  /** Where `phrase` matches starting at token i: the positions of its words, or null. */
  const matchAt = (phrase: Phrase, i: number, gap: number): number[] | null => {
    if (!matchesWord(tokens[i]!, phrase.words[0]!)) return null;
    const at = [i];
    let j = i;
    for (let k = 1; k < phrase.words.length; k++) {
      let found = -1;
      let skipped = 0;
      for (let m = j + 1; m < n; m++) {
        const t = tokens[m]!;
        if (t.kind !== "word" || t.clause !== tokens[i]!.clause || owner[m] !== -2) break;
        if (matchesWord(t, phrase.words[k]!)) {
          found = m;
          break;
        }
        // Only a phrase that is itself negative reaches over a negation ("сил ни на что не
        // осталось"); "мне не плохо" is not "мне плохо".
        if (++skipped > gap || (!phrase.negative && t.forms.some((f) => NEGATORS.has(f)))) break;
      }
      if (found < 0) return null;
      at.push(found);
      j = found;
    }
    return at;
  };

  // Phrases, longest first at each position; then post-intensifiers.
  for (
    const [map, withPrefix, gap] of [[lex.phrases, true, PHRASE_GAP], [lex.post, false, 0]] as const
  ) {
    for (let i = 0; i < n; i++) {
      const t = tokens[i]!;
      if (t.kind !== "word" || owner[i] !== -2) continue;
      let best: { phrase: Phrase; at: number[] } | null = null;
      for (const phrase of candidates(map, t, withPrefix)) {
        const at = matchAt(phrase, i, gap);
        if (!at) continue;
        if (
          !best || at.length > best.at.length ||
          (at.length === best.at.length && at.at(-1)! < best.at.at(-1)!)
        ) {
          best = { phrase, at };
        }
      }
      if (!best) continue;
      const { phrase, at } = best;
      if (phrase.factor !== undefined) {
        for (const k of at) owner[k] = -1;
        postTokens.push(...at);
        postAt.set(i, phrase.factor);
        continue;
      }
      // Words in the phrase's gaps are not read on their own ("не смогла уснуть").
      for (let k = at[0]!; k <= at.at(-1)!; k++) if (owner[k] === -2) owner[k] = -3;
      for (const k of at) owner[k] = hits.length;
      hits.push({
        ...newHit(phrase.entry, tokens, at[0]!, at.at(-1)!),
        negativePhrase: phrase.negative === true,
      });
    }
  }

  // Single words and emoji.
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!;
    if (owner[i] !== -2 || (t.kind !== "word" && t.kind !== "emoji")) continue;
    const entry = t.kind === "word"
      ? lookupWord(lex, t) ?? lookupExclamation(lex, tokens, i)
      : lookupEmoji(lex, t);
    if (!entry) continue;
    owner[i] = hits.length;
    hits.push(newHit(entry, tokens, i, i));
  }
  hits.sort((a, b) => a.first - b.first);

  // A word that is also an intensifier ("ужасно", "страшно") only strengthens a mood word that
  // follows it in its clause.
  const demoted = new Set<number>();
  for (let h = 0; h < hits.length; h++) {
    const hit = hits[h]!;
    if (hit.first !== hit.last || INTENSIFIERS[tokens[hit.first]!.forms[0]!] === undefined) {
      continue;
    }
    const next = hits[h + 1];
    const between = next ? wordsBetween(tokens, hit.last, next.first) : null;
    if (between !== null && between <= 1) {
      demoted.add(h);
      continue;
    }
    // Right after a mood word it strengthens that word: "устала страшно", "грустно ужасно".
    const previous = hits[h - 1];
    if (previous && !demoted.has(h - 1) && wordsBetween(tokens, previous.last, hit.first) === 0) {
      demoted.add(h);
      const factor = INTENSIFIERS[tokens[hit.first]!.forms[0]!]!;
      previous.weight *= factor;
      previous.intensity *= factor;
    }
  }
  const kept: Hit[] = [];
  const keptOwner = new Int32Array(n).fill(-2);
  for (let h = 0; h < hits.length; h++) {
    if (demoted.has(h)) continue;
    const hit = hits[h]!;
    for (let k = hit.first; k <= hit.last; k++) keptOwner[k] = kept.length;
    kept.push(hit);
  }
  // Neutral phrases ("плачу за") only keep their words from being read.
  const neutral = (hit: Hit) => hit.valence === 0 && Object.keys(hit.labels).length === 0;
  for (const k of postTokens) keptOwner[k] = -1;

  // Modifiers, contrast, "!" and repetition.
  const contrastAt = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!;
    if (t.contrast) contrastAt.set(t.sentence, i);
  }
  let previousEmoji = "";
  let repeats = 0;
  for (const hit of kept) {
    const first = tokens[hit.first]!;
    if (first.kind === "emoji") {
      const key = first.forms[0]!;
      repeats = key === previousEmoji && hit.first > 0 && tokens[hit.first - 1]!.kind === "emoji"
        ? repeats + 1
        : 0;
      previousEmoji = key;
      hit.weight *= 0.5 ** repeats;
    } else {
      previousEmoji = "";
      applyModifiers(hit, tokens, keptOwner, lex);
      // A post-intensifier right after it, or one word later ("устала как собака").
      for (let k = hit.last + 1; k <= hit.last + 2 && k < n; k++) {
        const factor = postAt.get(k);
        if (factor === undefined) continue;
        if (wordsBetween(tokens, hit.last, k) !== null && keptOwner[hit.last + 1]! < 0) {
          hit.weight *= factor;
          hit.intensity *= factor;
        }
        break;
      }
      // A diminisher right after it softens it too: "устала немного".
      const next = tokens[hit.last + 1];
      const softer = next?.kind === "word" && next.clause === first.clause &&
          keptOwner[hit.last + 1] === -2
        ? DIMINISHERS[next.forms[0]!]
        : undefined;
      if (softer !== undefined && softer < 1) {
        hit.weight *= softer;
        hit.intensity *= softer;
      }
      if (tokens.slice(hit.first, hit.last + 1).some((t) => t.caps)) hit.weight *= 1.3;
      if (first.stretched) hit.weight *= 1.2;
      if (first.doubled) {
        hit.weight *= 1.3;
        hit.intensity *= 1.3;
      }
    }
    const turn = contrastAt.get(hit.sentence);
    if (turn !== undefined) hit.weight *= hit.first < turn ? BEFORE_CONTRAST : AFTER_CONTRAST;
    const exclaimed = bangs[hit.sentence] ?? 0;
    if (exclaimed > 0) hit.weight *= 1 + 0.1 * Math.min(3, exclaimed);
  }

  markSarcasm(kept, tokens, text);
  // "будет весело", "хочу отдохнуть", "если получится": a plan or a wish, not a feeling now.
  for (const hit of kept) {
    // "хочу поблагодарить" is thanking.
    if (hit.irrealis || hit.labels.gratitude) continue;
    const clause = tokens[hit.first]!.clause;
    for (let k = hit.first - 1; k >= 0 && hit.first - k <= 5; k--) {
      const t = tokens[k]!;
      if (t.clause !== clause) break;
      if (t.kind === "word" && IRREALIS_MARKERS.has(t.forms[0]!)) {
        hit.weight *= IRREALIS_WEIGHT;
        hit.irrealis = true;
        break;
      }
    }
  }
  // "План на завтра: …", "Составила расписание: …", "Думаю поехать …": what follows in the
  // sentence is a list or a plan, not a feeling.
  for (const hit of kept) {
    const utterance = tokens[hit.first]!.utterance;
    for (let k = hit.first - 1; k >= 0 && tokens[k]!.utterance === utterance; k--) {
      const t = tokens[k]!;
      if (t.kind !== "word") continue;
      const form = t.forms[0]!;
      const thinking = THINKING_OF.has(form) &&
        tokens.slice(k + 1, k + 5).some((w) =>
          w.kind === "word" && w.clause === t.clause && INFINITIVE.test(w.forms[0]!)
        );
      if (PLAN_WORDS.has(form) || thinking) {
        hit.weight *= PLAN_WEIGHT;
        hit.irrealis = true;
        break;
      }
    }
  }
  // "Первый снег!", "Сын принёс пятёрку, сам!": an exclamation with nothing else to read is
  // mild excitement, more often glad than not.
  const felt = new Set(kept.filter((hit) => !neutral(hit)).map((hit) => hit.sentence));
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!;
    if (t.kind !== "break" || !t.raw.startsWith("!") || felt.has(t.sentence)) continue;
    if (!tokens.some((w) => w.kind === "word" && w.sentence === t.sentence)) continue;
    felt.add(t.sentence);
    kept.push({
      ...newHit(EXCLAIMED, tokens, i, i),
      sentence: t.sentence,
    });
  }
  kept.sort((a, b) => a.first - b.first);
  // Next to a word for a feeling or a judgement, a thing or an event says less.
  const judged = new Set(
    kept.filter((hit) => !hit.topic && !neutral(hit) && hit.match !== EXCLAIMED.match)
      .map((hit) => tokens[hit.first]!.utterance),
  );
  for (const hit of kept) {
    if (hit.topic && judged.has(tokens[hit.first]!.utterance)) hit.weight *= TOPIC_BESIDE_FEELING;
  }

  let capsWords = 0;
  let stretchedWords = 0;
  for (const t of tokens) {
    if (t.caps) capsWords++;
    if (t.stretched) stretchedWords++;
  }
  const words = tokens.filter((t) => t.kind === "word").map((t) => t.forms[0]!);
  const balanced = BALANCE_MARKERS.some((marker) =>
    words.some((_, i) => marker.every((w, j) => w.split("/").includes(words[i + j] ?? "")))
  );
  // "Друзья подарили поездку, я расплакалась": tears among nothing but good news are being
  // touched, not grief.
  const good = kept.filter((hit) => hit.valence > 0 && !hit.negated && !neutral(hit));
  const bad = kept.filter((hit) =>
    hit.valence < 0 && !hit.negated && !TOUCHED_TEARS.has(hit.match)
  );
  if (good.length > 0 && bad.length === 0) {
    for (const hit of kept) {
      if (!TOUCHED_TEARS.has(hit.match) || hit.negated) continue;
      hit.valence = 0.4;
      hit.labels = { joy: 0.6, gratitude: 0.4 };
      hit.match = `${hit.match} (touched)`;
    }
  }
  return {
    balanced,
    hits: kept.filter((hit) => !neutral(hit)),
    bangs: bangs.reduce((a, b) => a + b, 0),
    capsWords,
    stretchedWords,
  };
}

/** What an exclamation alone adds (see scan). */
const EXCLAIMED: Entry = { match: "!", valence: 0.25, arousal: 0.6, labels: {} };

/** Words in «quotes» or "quotes": said with irony ("спасибо за такую «помощь»"). */
const SCARE_QUOTES = /[«„“"][^«»„“”"\n]{1,40}[»“”"]/gu;

/**
 * Praise that opens a sentence and is followed by a complaint is sarcasm: "Прекрасно, ещё и
 * зарплату задержали", "Ну просто супер: опять сломался лифт", "Обожаю, когда соседи сверлят в
 * семь утра". The opening word (one of `IRONIC_WORDS`, at most after "ну", "просто"...) turns
 * into annoyance when the rest of the sentence has a cue ("опять", "снова", "ещё и", "как
 * всегда", "конечно"), words in quotes, or a negative word.
 */
function markSarcasm(hits: Hit[], tokens: Token[], text: string): void {
  const quoted = new Set<number>();
  /** Where «quoted» words are in the text: [start, end) pairs. */
  const spans: Array<[number, number]> = [];
  for (const m of text.matchAll(SCARE_QUOTES)) {
    const token = tokens.find((t) => t.at >= m.index);
    if (token) quoted.add(token.utterance);
    spans.push([m.index, m.index + m[0].length]);
  }
  const inQuotes = (hit: Hit) => {
    const at = tokens[hit.first]!.at;
    return spans.some(([from, to]) => at > from && at < to);
  };
  // A good word in quotes is meant the other way ("за такую «помощь»").
  for (const hit of hits) {
    if (hit.valence > 0 && !hit.negated && inQuotes(hit)) {
      hit.valence = -0.4;
      hit.labels = { anger: 0.5 };
      hit.match = `${hit.match} (in quotes)`;
    }
  }
  const utteranceOf = (hit: Hit) => tokens[hit.first]!.utterance;
  const wordsIn = (utterance: number) =>
    tokens.filter((t) => t.kind === "word" && t.utterance === utterance).length;
  const sarcastic: Hit[] = [];
  for (const hit of hits) {
    const first = tokens[hit.first]!;
    if (first.kind !== "word" || hit.valence <= 0 || hit.negated) continue;
    if (!first.forms.some((f) => IRONIC_WORDS.has(f))) continue;
    const utterance = first.utterance;
    // The praise comes first: no feeling was named before it in the sentence.
    if (hits.some((other) => other.first < hit.first && utteranceOf(other) === utterance)) {
      continue;
    }
    // A short remark ("Обожаю понедельники.", "Великолепно.") is judged by the sentence after it.
    const last = wordsIn(utterance) <= SHORT_REMARK ? utterance + 1 : utterance;
    const after = hits.filter((other) =>
      other.first > hit.last && utteranceOf(other) >= utterance && utteranceOf(other) <= last
    );
    // More praise after it ("Спасибо маме, что опять выручила") is sincere.
    if (after.some((other) => other.valence > 0 && !other.negated && !other.topic)) continue;
    const rest: string[] = [];
    let turned = false;
    for (let k = hit.last + 1; k < tokens.length && tokens[k]!.utterance <= last; k++) {
      const t = tokens[k]!;
      if (t.kind !== "word") continue;
      rest.push(t.forms[0]!);
      if (t.contrast || CONCESSIVE.has(t.forms[0]!)) turned = true;
    }
    const cue = SARCASM_CUES.some((words) =>
      rest.some((_, i) => words.every((w, j) => rest[i + j] === w))
    );
    // A nuisance told as a fact, or annoyance, with no "но"/"хотя" between: not a mixed day
    // ("Прекрасный вечер, жаль, что короткий" stays sincere).
    const complaint = !turned &&
      after.some((other) =>
        other.valence < 0 && !other.negated && (other.topic || (other.labels.anger ?? 0) >= 0.5)
      );
    if (cue || complaint || quoted.has(utterance) || quoted.has(last)) {
      turnSarcastic(hit);
      sarcastic.push(hit);
    }
  }
  // Once the entry is sarcastic, praise that closes a sentence on its own ("Прекрасно, что
  // сказать.", "Чудесный вечер.") is the same irony.
  const firstIrony = sarcastic[0];
  if (firstIrony) {
    for (const hit of hits) {
      const first = tokens[hit.first]!;
      if (hit.first <= firstIrony.first || hit.valence <= 0 || hit.negated) continue;
      if (first.kind !== "word" || !first.forms.some((f) => IRONIC_WORDS.has(f))) continue;
      const u = first.utterance;
      const others = hits.filter((other) => other !== hit && utteranceOf(other) === u);
      if (wordsIn(u) <= SHORT_REMARK && others.every((o) => o.valence <= 0 || o.topic)) {
        turnSarcastic(hit);
      }
    }
  }
  // An upside-down smile or an eye-roll makes the praise of its sentence, or the sentence
  // before, ironic ("Спасибо за премию в сто рублей 🙃").
  for (const t of tokens) {
    if (t.kind !== "emoji" || !IRONY_EMOJI.has(t.forms[0]!)) continue;
    for (const hit of hits) {
      const u = utteranceOf(hit);
      if ((u === t.utterance || u === t.utterance - 1) && hit.valence > 0 && !hit.negated) {
        turnSarcastic(hit);
      }
    }
  }
}

/** How many words a remark may have to be judged by the sentence after it. */
const SHORT_REMARK = 3;

function turnSarcastic(hit: Hit): void {
  if (hit.match.endsWith("(sarcasm)")) return;
  hit.valence = -0.5;
  hit.arousal = 0.7;
  hit.labels = { anger: 0.6 };
  hit.match = `${hit.match} (sarcasm)`;
}

/** "хотя": what follows concedes, it does not turn the sentence. */
const CONCESSIVE = new Set(["хотя", "хоть", "жаль", "правда"]);

function newHit(entry: Entry, tokens: Token[], first: number, last: number): Hit {
  return {
    topic: entry.topic === true,
    match: entry.match,
    text: tokens.slice(first, last + 1).map((t) => t.raw).join(" "),
    valence: entry.valence,
    arousal: entry.arousal,
    labels: entry.labels,
    first,
    last,
    sentence: tokens[first]!.sentence,
    weight: entry.irrealis ? IRREALIS_WEIGHT : 1,
    intensity: 1,
    irrealis: entry.irrealis === true,
    negated: false,
    emphatic: false,
    hedged: false,
    negativePhrase: false,
  };
}

function lookupWord(lex: Lexicon, t: Token): Entry | undefined {
  for (let k = 0; k < t.forms.length; k++) {
    const form = t.forms[k]!;
    if (NEGATORS.has(form) || IGNORED_WORDS.has(form)) return undefined;
    const entry = lex.exact.get(form) ?? lex.stems.get(t.stems[k]!);
    if (entry) return entry;
  }
  return lookupNegatedPrefix(lex, t.forms[0]!) ?? lookupMisspelt(lex, t.forms[0]!);
}

/**
 * Common spelling mistakes in a word the lists do not have: an unstressed "о" written "а" or
 * the other way round ("гаржусь", "нармально"), "-тся"/"-ться" confused ("смеятся",
 * "кажеться"). Only a word of 6 letters or more, and only when the corrected spelling is a form
 * the lists have as written (or a stem of 5 letters or more): a near miss of a short word is too
 * often another word.
 */
function lookupMisspelt(lex: Lexicon, form: string): Entry | undefined {
  if (form.length < 6 || !CYRILLIC.test(form)) return undefined;
  const variants: string[] = [];
  if (form.endsWith("ться")) variants.push(form.slice(0, -4) + "тся");
  else if (form.endsWith("тся")) variants.push(form.slice(0, -3) + "ться");
  for (let i = 1; i < form.length - 2; i++) {
    const c = form[i];
    if (c !== "а" && c !== "о") continue;
    variants.push(form.slice(0, i) + (c === "а" ? "о" : "а") + form.slice(i + 1));
  }
  for (const variant of variants) {
    const stem = stemOf(variant);
    const entry = lex.exact.get(variant) ?? (stem.length >= 5 ? lex.stems.get(stem) : undefined);
    if (entry && !entry.topic) return { ...entry, match: `${entry.match} (misspelt)` };
  }
  return undefined;
}

/**
 * "невкусно", "нелегко", "неинтересный": a word the lists do not have, made of "не" and a good
 * word they do have, reads as that word denied (only good words: "не" + a bad word is rare and
 * mostly lexicalised, "небольшой").
 */
function lookupNegatedPrefix(lex: Lexicon, form: string): Entry | undefined {
  if (form.length < 6 || !form.startsWith("не")) return undefined;
  const base = form.slice(2);
  const entry = lex.exact.get(base) ?? lex.stems.get(stemOf(base));
  if (!entry || entry.valence <= 0) return undefined;
  return {
    match: `не+${entry.match}`,
    valence: -0.6 * entry.valence,
    arousal: entry.arousal,
    labels: { sadness: 0.3 },
  };
}

/** "Класс!", "Ну огонь.": a word of `EXCLAMATIONS` that is its clause alone (but openers). */
function lookupExclamation(lex: Lexicon, tokens: Token[], i: number): Entry | undefined {
  const t = tokens[i]!;
  const entry = lex.exclamations.get(t.forms[0]!);
  if (!entry) return undefined;
  for (let k = i - 1; k >= 0 && tokens[k]!.clause === t.clause; k--) {
    const other = tokens[k]!;
    if (other.kind === "word" && !SARCASM_OPENERS.has(other.forms[0]!)) return undefined;
  }
  const next = tokens[i + 1];
  return next === undefined || next.clause !== t.clause || next.kind !== "word" ? entry : undefined;
}

function lookupEmoji(lex: Lexicon, t: Token): Entry | undefined {
  for (const key of t.forms) {
    const entry = lex.emoji.get(key);
    if (entry) return entry;
  }
  return undefined;
}

/** Word tokens strictly between two positions in one clause, or null if the clause ends. */
function wordsBetween(tokens: Token[], from: number, to: number): number | null {
  if (to <= from) return null;
  let words = 0;
  for (let k = from + 1; k < to; k++) {
    const t = tokens[k]!;
    if (t.kind !== "word" || t.clause !== tokens[from]!.clause) return null;
    words++;
  }
  return tokens[to]!.clause === tokens[from]!.clause ? words : null;
}

/** Looks back from a word or phrase hit for negations, intensifiers and diminishers. */
function applyModifiers(hit: Hit, tokens: Token[], owner: Int32Array, lex: Lexicon): void {
  const start = tokens[hit.first]!;
  let content = 0;
  let intensity = 1;
  /** "не" and verbs of stopping seen: two cancel ("не могу не радоваться", "не перестаю"). */
  let toggles = 0;
  /** ни, ничего, никакой, нет, без: they agree with a "не" rather than cancel it. */
  let concord = false;
  /** The farthest "не" (where a hedge or "давно не … так" is looked for). */
  let farthestNe = -1;
  // Intensifiers inside a phrase's gaps ("на душе так тяжело").
  for (let k = hit.first + 1; k < hit.last; k++) {
    if (owner[k] !== -2) continue;
    const form = tokens[k]!.forms[0]!;
    intensity *= INTENSIFIERS[form] ?? DIMINISHERS[form] ?? 1;
  }
  for (let k = hit.first - 1; k >= 0 && hit.first - k <= 8; k--) {
    const t = tokens[k]!;
    if (t.scope !== start.scope) break;
    if (t.kind === "comma") continue;
    if (t.kind !== "word" || owner[k]! >= 0) break;
    if (owner[k] === -1) continue;
    if (lex.stopping.has(t.forms[0]!)) {
      // "перестала плакать": the crying stopped.
      toggles++;
      continue;
    }
    const form = t.forms.find((f) =>
      NEGATORS.has(f) || INTENSIFIERS[f] !== undefined || DIMINISHERS[f] !== undefined ||
      EMPHATIC_NEGATION.has(f)
    ) ?? t.forms[0]!;
    if (NEGATORS.has(form)) {
      if (content > NEGATION_WINDOW || (form === "без" && k !== hit.first - 1)) {
        break;
      }
      const before = tokens[k - 1]?.forms[0];
      const almost = before === "чуть" || before === "едва" ? 1 : before === "было" &&
          tokens[k - 2]?.forms[0] === "чуть"
        ? 2
        : 0;
      if (form === "не" && almost > 0) {
        // "чуть не расплакалась", "чуть было не сорвалась": almost, not a negation.
        hit.weight *= 0.8;
        k -= almost;
        continue;
      }
      if (form === "не" && NOT_KNOWING.has(tokens[k + 1]?.forms[0] ?? "")) {
        // "не знаю, что бы я без неё делала": not knowing is no denial of what follows.
        break;
      }
      if (form === "не") {
        toggles++;
        farthestNe = k;
      } else {
        concord = true;
      }
      if (form !== "не" && form !== "нет" && form !== "без") {
        hit.emphatic = true;
      }
      if (form === "не" && before !== undefined && NO_LONGER.has(before)) {
        hit.emphatic = true;
      }
      continue;
    }
    if (EMPHATIC_NEGATION.has(form) && (toggles > 0 || concord)) {
      hit.emphatic = true;
      continue;
    }
    const factor = INTENSIFIERS[form] ?? DIMINISHERS[form];
    if (factor !== undefined) {
      if (content <= INTENSIFIER_WINDOW && toggles === 0 && !concord) {
        intensity *= t.doubled ? factor * 1.2 : factor;
      }
      continue;
    }
    if (NEGATION_TRANSPARENT.has(form)) {
      continue;
    }
    content++;
    if (content > Math.max(NEGATION_WINDOW, INTENSIFIER_WINDOW)) {
      break;
    }
  }
  // A phrase with its own negation ("не было сил") agrees with "ни", "ничего" before it.
  let negated = toggles % 2 === 1 || (toggles === 0 && concord && !hit.negativePhrase);
  if (negated && farthestNe >= 0) {
    const word = (k: number) => tokens[k]?.kind === "word" ? tokens[k]!.forms[0]! : "";
    // "не то чтобы весело": a hedge, not a denial.
    if (word(farthestNe + 1) === "то" && SCOPE_CONTINUES.has(word(farthestNe + 2))) {
      hit.hedged = true;
    }
    // "давно не было так хорошо", "никогда ещё не была такой свободной": more than ever.
    if (hit.valence > 0) {
      let degree = false;
      for (let k = Math.max(0, farthestNe - 2); k < hit.first; k++) {
        if (DEGREE_WORDS.has(word(k))) degree = true;
      }
      let ever = false;
      for (let k = Math.max(0, farthestNe - 3); k < farthestNe; k++) {
        if (EVER_WORDS.has(word(k))) ever = true;
      }
      if (degree && ever) {
        negated = false;
        intensity *= 1.3;
      }
    }
  }
  if (!negated && negatedByMemory(hit, tokens)) {
    negated = true;
    hit.emphatic = true;
  }
  // "радости нет", "радости почему-то нет": a "нет" after the word (a filler or two between).
  for (let k = hit.last + 1; k <= hit.last + 3 && k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.kind !== "word" || t.clause !== tokens[hit.last]!.clause || owner[k] !== -2) break;
    if (t.forms[0] === "нет") {
      negated = true;
      break;
    }
    if (!NEGATION_TRANSPARENT.has(t.forms[0]!) && !FILLERS.has(t.forms[0]!)) break;
  }
  intensity = clamp(intensity, 0.3, 2.5);
  hit.negated = negated;
  hit.intensity = intensity;
  hit.weight *= intensity;
}

const NOT_KNOWING = new Set(["знаю", "понимаю", "представляю", "уверена", "уверен"]);

/** Words that may stand between a thing and the "нет" that denies it. */
const FILLERS = new Set(["почему-то", "совсем", "вообще", "никакой", "никакого", "как", "такой"]);

/** "так", "такой", "настолько": a degree that "давно/никогда не" compares against. */
const DEGREE_WORDS = new Set(["так", "такой", "такая", "такое", "таким", "такую", "настолько"]);
const EVER_WORDS = new Set(["давно", "никогда", "ни", "разу"]);
const REMEMBER = new Set(["помню", "вспомню", "припомню", "помнила", "помнил"]);
const FORGOT = new Set(["забыла", "забыл", "забыли"]);

/**
 * "не помню, когда в последний раз смеялась", "забыла, когда отдыхала": the thing has not
 * happened for long — a negation that reaches over the comma and the whole "когда" clause.
 */
function negatedByMemory(hit: Hit, tokens: Token[]): boolean {
  const sentence = tokens[hit.first]!.sentence;
  for (let k = hit.first - 1; k >= 1 && hit.first - k <= 10; k--) {
    const t = tokens[k]!;
    if (t.sentence !== sentence) return false;
    if (t.kind !== "word" || t.forms[0] !== "когда") continue;
    let j = k - 1;
    if (tokens[j]?.kind === "comma") j--;
    const verb = tokens[j];
    if (verb?.kind !== "word") return false;
    if (FORGOT.has(verb.forms[0]!)) return true;
    return REMEMBER.has(verb.forms[0]!) && tokens[j - 1]?.forms[0] === "не";
  }
  return false;
}

function clamp(x: number, lo: number, hi: number): number {
  return Number.isFinite(x) ? Math.min(hi, Math.max(lo, x)) : 0;
}

function round(x: number): number {
  const r = Math.round(x * 1000) / 1000;
  return r === 0 ? 0 : r;
}
