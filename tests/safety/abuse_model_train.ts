/**
 * Trains the abuse model (shared/safety/text_model.ts over the words as toxicity.ts reads them)
 * on tuning corpora only — ours (tests/safety/toxicity_corpus.ts) and
 * tests/safety/abuse_tuning_*.json, written by helpers who saw no code — never on a held-out
 * set; with `--write <file>` it writes the weights (the committed ones are
 * shared/safety/abuse_model_weights.json; abuse_model_test.ts retrains and compares).
 *
 *   deno run --allow-read --allow-write tests/safety/abuse_model_train.ts [--write <file>]
 *
 * It prints figures with each corpus left out in turn and picks the threshold: the lowest
 * probability at which harmless look-alikes held back rise at most 0.04 over the rules' (a held
 * back harmless message costs its sender a rephrasing and no strike, but it happens in ordinary
 * chat too: about 1 % of unseen everyday messages at this budget, 1.7 % at 0.05).
 *
 * Leaving one corpus out: 5 corpora (a–d and ours) 0.615 / 0.050 / everyday 0.010; with E–H
 * (2026-12-06, 2,000 + 2,000 by four more writers) 0.702 / 0.054 / 0.011; with I (long messages)
 * 0.712 / 0.053 / 0.011 (10 corpora); with J and L (session 14: tender «threats» and teasing
 * against real threats dressed as jokes) 0.696 / 0.057 / 0.009 (12 corpora; J and L are hard
 * for the model on purpose). K stays out: tests/safety/toxicity_test.ts checks on it. Chosen
 * against J+K+L, K+L and L alone by blind abuse sets 3–14 and ordinary chat: J+L kept recall
 * (0.914) and held back the fewest harmless messages (false positives 0.056 → 0.049).
 */
import {
  abuseFeatures,
  abuseWordCount,
  detectToxicity,
  modelSpeaks,
} from "../../shared/safety/toxicity.ts";
import {
  type LabelledText,
  readCorpus,
  runTrainer,
  type Trained,
  trainWithThreshold,
} from "../support/linear_train.ts";
import { NOT_TOXIC, TOXIC } from "./toxicity_corpus.ts";
import { EVERYDAY, EVERYDAY_MORE, TUNING } from "../diary/mood_corpus.ts";

const TUNING_FILES = [
  "./abuse_tuning_a.json",
  "./abuse_tuning_b.json",
  "./abuse_tuning_c.json",
  "./abuse_tuning_d.json",
  "./abuse_tuning_e.json",
  "./abuse_tuning_f.json",
  "./abuse_tuning_g.json",
  "./abuse_tuning_h.json",
  "./abuse_tuning_i.json",
  "./abuse_tuning_j.json",
  "./abuse_tuning_l.json",
];
/** Crisis corpora: people in pain write dark words at nobody; none of it is abuse. */
const CRISIS_FILES = [
  "./crisis_tuning_indirect.json",
  "./crisis_tuning_more_a.json",
  "./crisis_tuning_more_b.json",
];

const OPTIONS = {
  featuresOf: abuseFeatures,
  rules: (text: string) => detectToxicity(text) !== null,
  speaks: (text: string) => modelSpeaks(abuseWordCount(text)),
  budget: 0.04,
  name: "abusive",
};

export async function trainingSamples(): Promise<LabelledText[]> {
  const samples: LabelledText[] = [];
  const add = (texts: Iterable<string>, positive: boolean, hard: boolean, group?: string) => {
    for (const text of texts) samples.push({ text, positive, hard, group });
  };
  add(TOXIC.map(([text]) => text), true, false, "ours");
  add(NOT_TOXIC, false, true, "ours");
  for (const file of TUNING_FILES) {
    const corpus = await readCorpus(import.meta.url, file);
    add(corpus.abusive!, true, false, file);
    add(corpus.negatives!, false, true, file);
  }
  for (const file of CRISIS_FILES) {
    add((await readCorpus(import.meta.url, file)).crisis!, false, false);
  }
  add([...TUNING, ...EVERYDAY, ...EVERYDAY_MORE].map((s) => s.text), false, false);
  // Short replies and friendly imperatives («Смотри», «Подожди минутку»): with few words the
  // model would otherwise lean on an imperative alone.
  for (const file of ["./chat_everyday.json", "./chat_everyday_2.json"]) {
    add((await readCorpus(import.meta.url, file)).messages!, false, false);
  }
  return samples;
}

/** The model the committed weights must equal, and the figures behind its threshold. */
export async function trainedModel(): Promise<Trained> {
  return trainWithThreshold(await trainingSamples(), OPTIONS);
}

if (import.meta.main) await runTrainer(trainedModel);
