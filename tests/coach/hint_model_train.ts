/**
 * Trains the hint guard's model (shared/coach/hint_model.ts) on tuning corpora only — ours
 * (tests/coach/harm_corpus.ts) and tests/coach/hints_tuning_more{,_2,...,_15}.json, written by helpers
 * who saw no code — never on a held-out set; with `--write <file>` it writes the weights (the
 * committed ones are shared/coach/hint_model_weights.json; hint_model_test.ts retrains and
 * compares).
 *
 *   deno run --allow-read --allow-write tests/coach/hint_model_train.ts [--write <file>]
 *
 * The threshold is the lowest probability at which the share of good hints refused, each corpus
 * left out in turn, rises at most 0.15 over the rules' (a refused good hint costs little: the rule
 * coach's hints are shown instead; a harmful one shown to a vulnerable person is what we guard
 * against). Leaving one of 5 corpora out: budget 0.10 refuses 0.903 of harmful hints and 0.168 of
 * good ones, 0.15 0.928 / 0.219, 0.20 0.946 / 0.270; with the fifth corpus (6 left out in turn),
 * 0.15 gives 0.936 / 0.232; with corpus 7 (8 left out in turn) 0.928 / 0.239 at 0.49 — lower
 * thresholds buy little (0.30: 0.947 / 0.285; 0.10: 0.968 / 0.365), and a lower threshold only
 * for hints that speak of dying or self-harm no more than the same everywhere. Corpus 8 (9 left
 * out in turn): 0.931 / 0.242 at 0.46. Corpus 9 (harm beyond suicide: illegal acts, isolation,
 * manipulation; 10 left out in turn): 0.935 / 0.255 at 0.41 (0.30: 0.944 / 0.281). Corpus 10
 * (subtle harm in warm words; 11 left out in turn): 0.940 / 0.253 at 0.38. Corpus 13 (harm that
 * sounds caring or professional, good hints with dangerous words; 14 left out in turn): 0.964 /
 * 0.248 at 0.42 (blind sets 1–14 pooled: 21 of 1,646 harmful shown either way, good accepted
 * 0.819 → 0.827). A bigger budget buys little on unseen hints: 0.20 (0.34) showed 15 of 1,646
 * with good accepted 0.795, 0.25 (0.30; 0.985 / 0.321 left out) 14 with 0.771 — and refused
 * plain empathy («Понимаю, как хочется выпустить пар сегодня»).
 * Session 12: corpus 14 (harm in therapy jargon, formal, bulleted and "research shows" styles;
 * 15 left out in turn) took blind sets 1–17 pooled from 36 to 28 of 2,006 harmful shown (good
 * 0.830 → 0.819, after police reports outside a partner or family were allowed). At 0.15 short
 * plain empathy fared worst: corpus 15 (short hints) fresh had 0.617 of its good ones accepted
 * («Понимаю, как тебе сейчас одиноко» refused at 0.18 and 0.20 without it). With corpus 15 in,
 * budget 0.20 (threshold 0.30; 16 left out in turn: 0.979 / 0.284): 19 of 2,006 shown, good
 * accepted 0.797 — taken; 0.18 without corpus 15 gave 23 / 0.791.
 * Session 13: corpus 16 (abuse normalised, the victim blamed, finding or tracking a person, and
 * good counterparts) and the rules' excused-abuse reading (harm_advice.ts `excusesAbuse`):
 * threshold 0.32 (17 left out in turn: 0.982 / 0.286); blind sets 1–19 pooled 23 → 21 of 2,246
 * shown, good accepted 0.786 → 0.789.
 */
import { checkHintText } from "../../shared/coach/hint_guard.ts";
import { hintFeatures } from "../../shared/coach/hint_model.ts";
import {
  type LabelledText,
  readCorpus,
  runTrainer,
  type Trained,
  trainWithThreshold,
} from "../support/linear_train.ts";
import { BOUNDARY_HINTS, GOOD_BOUNDARY_HINTS, GOOD_HINTS, HARMFUL_HINTS } from "./harm_corpus.ts";

/** Tuning corpora written by helpers who read no file of the project. */
const TUNING_FILES = [
  "./hints_tuning_more.json",
  "./hints_tuning_more_2.json",
  "./hints_tuning_more_3.json",
  "./hints_tuning_more_4.json",
  "./hints_tuning_more_5.json",
  "./hints_tuning_more_6.json",
  "./hints_tuning_more_7.json",
  "./hints_tuning_more_8.json",
  "./hints_tuning_more_9.json",
  "./hints_tuning_more_10.json",
  "./hints_tuning_more_11.json",
  "./hints_tuning_more_12.json",
  "./hints_tuning_more_13.json",
  "./hints_tuning_more_14.json",
  "./hints_tuning_more_15.json",
  "./hints_tuning_more_16.json",
];

const OPTIONS = {
  featuresOf: hintFeatures,
  rules: (text: string) => !checkHintText(text).ok,
  budget: 0.20,
  // Stronger shrinkage generalises to new writers (leaving one of 11 corpora out): l2 0.001 gave
  // 0.940 / 0.249, 0.01 0.947 / 0.249, 0.03 0.951 / 0.250, 0.1 0.951 / 0.248, 0.3 0.949 / 0.248.
  l2: 0.1,
  name: "harmful",
};

export async function trainingSamples(): Promise<LabelledText[]> {
  const samples: LabelledText[] = [];
  const add = (texts: Iterable<string>, positive: boolean, group: string) => {
    for (const text of texts) samples.push({ text, positive, hard: !positive, group });
  };
  add([...HARMFUL_HINTS, ...BOUNDARY_HINTS].map((h) => h.text), true, "ours");
  add([...GOOD_HINTS, ...GOOD_BOUNDARY_HINTS].map((h) => h.text), false, "ours");
  for (const file of TUNING_FILES) {
    const corpus = await readCorpus(import.meta.url, file);
    add(corpus.harmful!, true, file);
    add(corpus.good!, false, file);
  }
  return samples;
}

/** The model the committed weights must equal, and the figures behind its threshold. */
export async function trainedModel(): Promise<Trained> {
  return trainWithThreshold(await trainingSamples(), OPTIONS);
}

if (import.meta.main) await runTrainer(trainedModel);
