/**
 * Trains the crisis detector's model (shared/safety/text_model.ts over the words as crisis.ts
 * reads them) on our own tuning corpora — never on a held-out set — and, with `--write <file>`,
 * writes its weights (the committed ones are shared/safety/crisis_model_weights.json;
 * tests/safety/crisis_model_test.ts checks that they are what this produces).
 *
 *   deno run --allow-read --allow-write tests/safety/crisis_model_train.ts [--write <file>]
 *
 * It prints cross-validated figures of the rules alone and rules + model — each tuning corpus left
 * out in turn, so a writer's style never helps to read the same writer — and picks the threshold:
 * the lowest probability at which the combination's false alarms on the hard negatives rise at
 * most 0.06 over the rules' (to about 0.07: the goal allows 0.10, and unseen text varies) and
 * ordinary text gets a check-in at most once in forty messages. The rules' own hits of score 2–3
 * stand only where the model reads at least `RULE_VETO` (shared/safety/crisis.ts), so the rules'
 * false alarms here are those left after the veto.
 *
 * Session 11: with the veto (0.3), corpus AR (a past crisis back now vs told as over; plans
 * through objects vs ordinary method words) and everyday text weighing three times a hard
 * negative, leaving one of 45 corpora out gives 0.839 / 0.071 (everyday 0.024) at 0.62 — without
 * the veto and the weighting 0.820 / 0.077 at 0.72; with the veto alone 0.830 / 0.062 at 0.69.
 * Everyday weight 5 instead of 3 bought 0.004 more recall for 0.005 more hard false alarms at
 * the same everyday rate; character 4-grams as features 0.842 / 0.064 at 0.66 (equal recall,
 * 0.008 fewer hard false alarms) for half a megabyte more weights and a retrained hint model —
 * not taken. Blind sets 2–16 pooled: 0.934 / 0.079 before, 0.940 / 0.048 after.
 */
import { crisisFeatures, rulesStand, scoreCrisis } from "../../shared/safety/crisis.ts";
import {
  type LabelledText,
  readCorpus,
  runTrainer,
  type Trained,
  trainWithThreshold,
} from "../support/linear_train.ts";
import { CRISIS, CRISIS_CONSTRUCTIONS, HARD_NEGATIVES, HARMLESS } from "./crisis_corpus.ts";
import { NOT_TOXIC, TOXIC } from "./toxicity_corpus.ts";
import { EVERYDAY, EVERYDAY_MORE, TUNING } from "../diary/mood_corpus.ts";

/** Tuning corpora written by helpers who saw no code (tests/safety/crisis_tuning_*.json). */
const TUNING_FILES = [
  "./crisis_tuning_indirect.json",
  "./crisis_tuning_more_a.json",
  "./crisis_tuning_more_b.json",
  "./crisis_tuning_more_c.json",
  "./crisis_tuning_more_d.json",
  "./crisis_tuning_more_e.json",
  "./crisis_tuning_more_f.json",
  "./crisis_tuning_more_g.json",
  "./crisis_tuning_more_h.json",
  "./crisis_tuning_more_i.json",
  "./crisis_tuning_more_j.json",
  "./crisis_tuning_more_k.json",
  "./crisis_tuning_more_l.json",
  "./crisis_tuning_more_m.json",
  "./crisis_tuning_more_n.json",
  "./crisis_tuning_more_o.json",
  "./crisis_tuning_more_p.json",
  "./crisis_tuning_more_q.json",
  "./crisis_tuning_more_r.json",
  "./crisis_tuning_more_s.json",
  "./crisis_tuning_more_t.json",
  "./crisis_tuning_more_u.json",
  "./crisis_tuning_more_v.json",
  "./crisis_tuning_more_w.json",
  "./crisis_tuning_more_x.json",
  "./crisis_tuning_more_y.json",
  "./crisis_tuning_more_z.json",
  "./crisis_tuning_more_aa.json",
  "./crisis_tuning_more_ab.json",
  "./crisis_tuning_more_ac.json",
  "./crisis_tuning_more_ad.json",
  "./crisis_tuning_more_ae.json",
  "./crisis_tuning_more_af.json",
  "./crisis_tuning_more_ag.json",
  "./crisis_tuning_more_ah.json",
  "./crisis_tuning_more_ai.json",
  "./crisis_tuning_more_aj.json",
  "./crisis_tuning_more_ak.json",
  "./crisis_tuning_more_al.json",
  "./crisis_tuning_more_am.json",
  "./crisis_tuning_more_an.json",
  "./crisis_tuning_more_ao.json",
  "./crisis_tuning_more_ap.json",
  "./crisis_tuning_more_ar.json",
];

const OPTIONS = {
  featuresOf: crisisFeatures,
  rules: (text: string, probability: number) => rulesStand(scoreCrisis(text).score, probability),
  // 0.05 until session 11: the veto took the rules' hard false alarms 0.033 → 0.013, so the
  // budget binds long before the goal (blind false alarms are about 0.05).
  budget: 0.06,
  // Stronger shrinkage generalises to new writers: leaving one of 36 corpora out, l2 0.001 gave
  // 0.813 / 0.082 (everyday 0.023), 0.003 0.820 / 0.083, 0.01 0.819 / 0.081, 0.02 0.820 / 0.081
  // (everyday 0.019), 0.04 0.819 / 0.082.
  l2: 0.02,
  // Ordinary chat must stay quiet: a check-in on one message in forty is already a nuisance.
  everydayCap: 0.025,
  // The cap binds: ordinary text weighing three times as much lets the threshold fall further
  // at the same rate (leaving one out: at everyday 0.025, 0.830 → 0.842 recall).
  everydayWeight: 3,
  name: "crisis",
};

/** Every tuning sample: the crisis corpora, their hard negatives and everyday text. */
export async function trainingSamples(): Promise<LabelledText[]> {
  const samples: LabelledText[] = [];
  const add = (texts: Iterable<string>, positive: boolean, hard: boolean, group?: string) => {
    for (const text of texts) samples.push({ text, positive, hard, group });
  };
  add(CRISIS.map(([text]) => text), true, false, "ours");
  add(CRISIS_CONSTRUCTIONS, true, false, "ours");
  add(HARMLESS, false, true, "ours");
  add(HARD_NEGATIVES, false, true, "ours");
  for (const file of TUNING_FILES) {
    const corpus = await readCorpus(import.meta.url, file);
    add(corpus.crisis!, true, false, file);
    add(corpus.negatives!, false, true, file);
  }
  add(NOT_TOXIC, false, false);
  // Abuse at a partner («убей себя») is the abuse detector's, not a crisis of the writer.
  add(TOXIC.map(([text]) => text), false, false);
  add([...TUNING, ...EVERYDAY, ...EVERYDAY_MORE].map((s) => s.text), false, false);
  // Ordinary chat between strangers (helpers' corpora): without it the model learnt the crisis
  // writers' style («вот», «уже», «сегодня») and gave 4.5 % of ordinary messages a check-in. Sets 11
  // (heavy but safe) and 12 (replies mid-chat) came when blind ordinary chat still got a check-in
  // on 4–5 % (the everyday cap had been met on lighter text): with them the cap holds on the
  // heavy messages too (blind ordinary chat 1.6–1.8 %), at some recall.
  for (
    const file of [
      "./chat_everyday.json",
      "./chat_everyday_2.json",
      "./chat_everyday_7.json",
      "./chat_everyday_9.json",
      "./chat_everyday_11.json",
      "./chat_everyday_12.json",
    ]
  ) {
    add((await readCorpus(import.meta.url, file)).messages!, false, false);
  }
  return samples;
}

/** The model the committed weights must equal, and the figures behind its threshold. */
export async function trainedModel(): Promise<Trained> {
  return trainWithThreshold(await trainingSamples(), OPTIONS);
}

if (import.meta.main) await runTrainer(trainedModel);
