import { stemOf } from "../diary/russian_words.ts";
import type { Word } from "./language.ts";

/**
 * A small learned second opinion for the crisis rules: logistic regression over what a text's
 * words are (Snowball stems, the crisis concepts of shared/safety/crisis.ts, negated forms,
 * neighbouring stems, concepts that meet in one sentence). The rules catch what they were written
 * for; people in crisis often say it indirectly («я всё решила, кота заберёт сестра»), and a
 * weighted sum of many weak signals generalises further than one more rule. Trained offline by
 * tests/safety/crisis_model_train.ts on our own tuning corpora only (the held-out sets never), its
 * weights are data (crisis_model_weights.json), and a test retrains and compares.
 */
export interface CrisisModel {
  bias: number;
  weights: Record<string, number>;
  /** Probability at or above which a text gets the private check-in. */
  threshold: number;
}

const NEGATIONS = new Set(["не", "ни", "нет", "никогда"]);
/** Concepts that meet within this many words in a sentence make a pair feature. */
const PAIR_SPAN = 5;
const PREFIX = 5;
const NEGATION_SPAN = 2;

/** The model's features of a text's words (as crisis.ts reads them): unique strings. */
export function crisisFeatures(words: readonly Word[]): string[] {
  const features = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const stem = stemOf(word.text);
    const negated = negatedAt(words, i);
    features.add(`s:${stem}`);
    // Word beginnings join what the stemmer keeps apart («прощание», «прощальный», «прощаюсь»).
    if (word.text.length >= PREFIX) features.add(`x:${word.text.slice(0, PREFIX)}`);
    if (negated) features.add(`n:${stem}`);
    const next = words[i + 1];
    if (next && next.sentence === word.sentence) features.add(`b:${stem}_${stemOf(next.text)}`);
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

/** Whether a negation stands up to NEGATION_SPAN words before word `i` in its sentence. */
function negatedAt(words: readonly Word[], i: number): boolean {
  for (let j = i - 1; j >= Math.max(0, i - NEGATION_SPAN); j--) {
    const word = words[j]!;
    if (word.sentence !== words[i]!.sentence) return false;
    if (NEGATIONS.has(word.text)) return true;
  }
  return false;
}

/** The model's probability that the words are a crisis. */
export function crisisProbability(model: CrisisModel, words: readonly Word[]): number {
  let sum = model.bias;
  for (const feature of crisisFeatures(words)) sum += model.weights[feature] ?? 0;
  return 1 / (1 + Math.exp(-sum));
}
