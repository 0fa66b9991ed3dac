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
  const features = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const stem = keyOf(word.text);
    const negated = negatedAt(words, i);
    features.add(`s:${stem}`);
    // Word beginnings join what the stemmer keeps apart («прощание», «прощальный», «прощаюсь»).
    if (word.text.length >= PREFIX) features.add(`x:${word.text.slice(0, PREFIX)}`);
    if (negated) features.add(`n:${stem}`);
    const next = words[i + 1];
    if (next && next.sentence === word.sentence) features.add(`b:${stem}_${keyOf(next.text)}`);
    for (const concept of word.concepts) {
      features.add(`c:${concept}`);
      if (negated) features.add(`nc:${concept}`);
      for (let j = i + 1; j < Math.min(words.length, i + 1 + PAIR_SPAN); j++) {
        const other = words[j]!;
        if (other.sentence !== word.sentence) break;
        for (const second of other.concepts) {
          if (second !== concept) features.add(`p:${[concept, second].sort().join("|")}`);
        }
      }
    }
  }
  return [...features];
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
export function probabilityOf(model: Omit<TextModel, "threshold">, features: string[]): number {
  let sum = model.bias;
  for (const feature of features) sum += model.weights[feature] ?? 0;
  return 1 / (1 + Math.exp(-sum));
}
