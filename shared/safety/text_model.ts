import type { Word } from "./language.ts";

/**
 * Small learned second opinions beside the rules: logistic regression over what a text's words
 * are (six- and five-letter beginnings, negated forms, neighbouring stems, the concepts of
 * a rule index and concepts that meet in one sentence). Rules catch what they were written for;
 * people say things indirectly («я всё решила, кота заберёт сестра»), and a weighted sum of many
 * weak signals generalises further than one more rule. Used by the crisis detector
 * (crisis_model_weights.json) and the coach's hint guard (shared/coach/hint_model_weights.json);
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

/** The features of a text's words (as a rule index read them): unique strings. */
export function textFeatures(words: readonly Word[]): string[] {
  return [...featureSet(words)];
}

/** Whether the model's probability for the words reaches its threshold. */
export function modelSays(model: TextModel, words: readonly Word[]): boolean {
  return modelProbability(model, words) >= model.threshold;
}

/** The model's probability for the words. */
export function modelProbability(
  model: Omit<TextModel, "threshold">,
  words: readonly Word[],
): number {
  return probabilityOf(model, featureSet(words));
}

function featureSet(words: readonly Word[]): Set<string> {
  const features = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const own = wordFeatures(word.text);
    const negated = negatedAt(words, i);
    features.add(own.key);
    // Word beginnings join what a six-letter key keeps apart («прощание», «прощаюсь»).
    if (own.prefix) features.add(own.prefix);
    if (negated) features.add(own.negated);
    const next = words[i + 1];
    if (next && next.sentence === word.sentence) {
      features.add(bigramFeature(own.stem, next.text));
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

/** «b:stem_key»: a word's stem and the next word's key. */
function bigramFeature(stem: string, next: string): string {
  let row = bigramCache.get(stem);
  if (!row) bigramCache.set(stem, row = new Map());
  const key = keyOf(next);
  let bigram = row.get(key);
  if (!bigram) {
    if (++bigramsKept > 100_000) {
      bigramCache.clear();
      bigramsKept = 0;
    }
    bigram = `b:${stem}_${key}`;
    row.set(key, bigram);
  }
  return bigram;
}
const bigramCache = new Map<string, Map<string, string>>();
let bigramsKept = 0;

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
