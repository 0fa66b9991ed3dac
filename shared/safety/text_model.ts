import type { Word } from "./language.ts";

/**
 * Small learned second opinions beside the rules: logistic regression over what a text's words
 * are (six- and five-letter beginnings, negated forms, neighbouring stems and, for some models,
 * stems one word apart, the concepts of a rule index and concepts that meet in one sentence).
 * Rules catch what they were written for; people say things indirectly («я всё решила, кота
 * заберёт сестра»), and a weighted sum of many weak signals generalises further than one more
 * rule. Used by the crisis detector (crisis_model_weights.json), the abuse detector
 * (abuse_model_weights.json) and the coach's hint guard (shared/coach/hint_model_weights.json);
 * each is trained offline (tests/support/linear_train.ts) on tuning corpora only, never on a
 * held-out set, and a test retrains and compares with the committed weights.
 */
export interface TextModel {
  bias: number;
  weights: Record<string, number>;
  /** Probability at or above which the model speaks. */
  threshold: number;
}

const NEGATIONS = new Set(["не", "ни", "нет", "никогда"]);
/** Concepts that meet within this many words in a sentence make a pair feature. */
const PAIR_SPAN = 5;
const PREFIX = 5;
/**
 * A word's key: its first six letters (the whole word if shorter). As good as a Snowball stem in
 * cross-validation and far cheaper: the detectors read every word of every message.
 */
const KEY = 6;
const NEGATION_SPAN = 2;

/**
 * Which features a detector's model reads. `skips`: stems one word apart too («я уже всё решила»
 * meets «я решила»): leaving one corpus out, crisis recall 0.820 → 0.831 and hints 0.951 → 0.957
 * at equal false alarms, the abuse model none better (0.712 → 0.709) — it goes without.
 */
export interface FeatureOptions {
  skips?: boolean;
}

/** The features of a text's words (as a rule index read them): unique strings. */
export function textFeatures(words: readonly Word[], options: FeatureOptions = {}): string[] {
  return [...featureSet(words, options)];
}

/** Whether the model's probability for the words reaches its threshold. */
export function modelSays(model: TextModel, words: readonly Word[]): boolean {
  return modelProbability(model, words) >= model.threshold;
}

/** The model's probability for the words. */
export function modelProbability(
  model: Omit<TextModel, "threshold">,
  words: readonly Word[],
  options: FeatureOptions = {},
): number {
  return probabilityOf(model, featureSet(words, options));
}

function featureSet(words: readonly Word[], { skips = false }: FeatureOptions): Set<string> {
  const features = new Set<string>();
  const owns = words.map((word) => wordFeatures(word.text));
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const own = owns[i]!;
    const negated = negatedAt(words, i);
    features.add(own.key);
    // Word beginnings join what a six-letter key keeps apart («прощание», «прощаюсь»).
    if (own.prefix) features.add(own.prefix);
    if (negated) features.add(own.negated);
    const next = words[i + 1];
    if (next && next.sentence === word.sentence) {
      features.add(stemPair(BIGRAMS, own.stem, owns[i + 1]!.stem));
      // And the word after next: «я уже всё решила» meets «я решила» («k:я_решила»).
      const after = words[i + 2];
      if (skips && after && after.sentence === word.sentence) {
        features.add(stemPair(SKIPS, own.stem, owns[i + 2]!.stem));
      }
    }
    for (const concept of word.concepts) {
      const named = conceptFeatures(concept);
      features.add(named.plain);
      if (negated) features.add(named.negated);
      for (let j = i + 1; j < Math.min(words.length, i + 1 + PAIR_SPAN); j++) {
        const other = words[j]!;
        if (other.sentence !== word.sentence) break;
        for (const second of other.concepts) {
          if (second !== concept) features.add(pairFeature(concept, second));
        }
      }
    }
  }
  return features;
}

// The detectors read every word of every message: a word's and a concept's feature strings are
// made once and kept (the caches are cleared when they grow, like the rule index's).
interface OwnFeatures {
  stem: string;
  key: string;
  prefix: string | null;
  negated: string;
}
const wordCache = new Map<string, OwnFeatures>();
const conceptCache = new Map<string, { plain: string; negated: string }>();
const pairCache = new Map<string, Map<string, string>>();

function wordFeatures(text: string): OwnFeatures {
  let own = wordCache.get(text);
  if (!own) {
    if (wordCache.size > 50_000) wordCache.clear();
    const stem = keyOf(text);
    own = {
      stem,
      key: `s:${stem}`,
      prefix: text.length >= PREFIX ? `x:${text.slice(0, PREFIX)}` : null,
      negated: `n:${stem}`,
    };
    wordCache.set(text, own);
  }
  return own;
}

function conceptFeatures(concept: string): { plain: string; negated: string } {
  let named = conceptCache.get(concept);
  if (!named) {
    named = { plain: `c:${concept}`, negated: `nc:${concept}` };
    conceptCache.set(concept, named);
  }
  return named;
}

/**
 * «b:stem_key» (a word's stem and the next word's key) or «k:stem_key» (and the key of the word
 * after the next one): made once per pair and kept, cleared when too many are kept.
 */
interface StemPairs {
  tag: string;
  rows: Map<string, Map<string, string>>;
  kept: number;
}
const BIGRAMS: StemPairs = { tag: "b", rows: new Map(), kept: 0 };
const SKIPS: StemPairs = { tag: "k", rows: new Map(), kept: 0 };

function stemPair(pairs: StemPairs, stem: string, key: string): string {
  let row = pairs.rows.get(stem);
  if (!row) pairs.rows.set(stem, row = new Map());
  let pair = row.get(key);
  if (!pair) {
    if (++pairs.kept > 100_000) {
      pairs.rows.clear();
      pairs.kept = 0;
    }
    pair = `${pairs.tag}:${stem}_${key}`;
    row.set(key, pair);
  }
  return pair;
}

/** «p:a|b» with the two concepts in order, whichever came first in the text. */
function pairFeature(a: string, b: string): string {
  let row = pairCache.get(a);
  if (!row) pairCache.set(a, row = new Map());
  let pair = row.get(b);
  if (!pair) {
    pair = a < b ? `p:${a}|${b}` : `p:${b}|${a}`;
    row.set(b, pair);
  }
  return pair;
}

function keyOf(word: string): string {
  return word.length > KEY ? word.slice(0, KEY) : word;
}

/** Whether a negation stands up to NEGATION_SPAN words before word `i` in its sentence. */
function negatedAt(words: readonly Word[], i: number): boolean {
  for (let j = i - 1; j >= Math.max(0, i - NEGATION_SPAN); j--) {
    const word = words[j]!;
    if (word.sentence !== words[i]!.sentence) return false;
    if (NEGATIONS.has(word.text)) return true;
  }
  return false;
}

/** The model's probability for a text's features. */
export function probabilityOf(
  model: Omit<TextModel, "threshold">,
  features: Iterable<string>,
): number {
  let sum = model.bias;
  for (const feature of features) sum += model.weights[feature] ?? 0;
  return 1 / (1 + Math.exp(-sum));
}
