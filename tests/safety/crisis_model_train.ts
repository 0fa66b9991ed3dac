/**
 * Trains the crisis model (shared/safety/crisis_model.ts) on our own tuning corpora — never on a
 * held-out set — and, with `--write <file>`, writes its weights (the committed ones live in
 * shared/safety/crisis_model_weights.json). Deterministic: the same corpora give the same weights,
 * and tests/safety/crisis_model_test.ts checks that the committed file is what this produces.
 *
 *   deno run --allow-read --allow-write tests/safety/crisis_model_train.ts [--write <file>]
 *
 * It prints 5-fold cross-validated figures of the rules alone and rules + model on the corpora,
 * and picks the threshold: the lowest probability at which the combination's cross-validated
 * false alarms on the hard negatives stay within HARD_NEGATIVE_BUDGET.
 */
import { crisisWords, scoreCrisis } from "../../shared/safety/crisis.ts";
import { crisisFeatures, type CrisisModel } from "../../shared/safety/crisis_model.ts";
import { CRISIS, CRISIS_CONSTRUCTIONS, HARD_NEGATIVES, HARMLESS } from "./crisis_corpus.ts";
import { NOT_TOXIC, TOXIC } from "./toxicity_corpus.ts";
import { EVERYDAY, EVERYDAY_MORE, TUNING } from "../diary/mood_corpus.ts";

interface Sample {
  text: string;
  crisis: boolean;
  /** A negative written to look like a crisis: false alarms are counted on these. */
  hard: boolean;
}

const env = (name: string, fallback: number) => Number(Deno.env.get(name) ?? fallback);
const HARD_NEGATIVE_BUDGET = env("CM_BUDGET", 0.03);
const EPOCHS = env("CM_EPOCHS", 60);
const L2 = env("CM_L2", 1e-3);
const RATE = env("CM_RATE", 0.2);
/** Features seen in fewer samples are left out: one-off words only memorise. */
const MIN_COUNT = env("CM_MIN", 2);

/** Tuning corpora written by helpers who saw no code (tests/safety/crisis_tuning_*.json). */
const TUNING_FILES = [
  "./crisis_tuning_indirect.json",
  "./crisis_tuning_more_a.json",
  "./crisis_tuning_more_b.json",
  "./crisis_tuning_more_c.json",
  "./crisis_tuning_more_d.json",
];

interface Indirect {
  crisis: Array<{ text: string }>;
  negatives: Array<{ text: string }>;
}

/** Every tuning sample: the crisis corpora, their hard negatives and everyday text. */
export async function trainingSamples(): Promise<Sample[]> {
  const indirect: Indirect = { crisis: [], negatives: [] };
  for (const file of TUNING_FILES) {
    const part = JSON.parse(await Deno.readTextFile(new URL(file, import.meta.url))) as Indirect;
    indirect.crisis.push(...part.crisis);
    indirect.negatives.push(...part.negatives);
  }
  const samples: Sample[] = [];
  const add = (texts: Iterable<string>, crisis: boolean, hard: boolean) => {
    for (const text of texts) samples.push({ text, crisis, hard });
  };
  add(CRISIS.map(([text]) => text), true, false);
  add(CRISIS_CONSTRUCTIONS, true, false);
  add(indirect.crisis.map((item) => item.text), true, false);
  add(HARMLESS, false, true);
  add(HARD_NEGATIVES, false, true);
  add(indirect.negatives.map((item) => item.text), false, true);
  add(NOT_TOXIC, false, false);
  // Abuse at a partner («убей себя») is the abuse detector's, not a crisis of the writer.
  add(TOXIC.map(([text]) => text), false, false);
  add([...TUNING, ...EVERYDAY, ...EVERYDAY_MORE].map((s) => s.text), false, false);
  return samples;
}

/** Logistic regression by plain gradient descent over the samples in order (deterministic). */
export function train(samples: Sample[]): Omit<CrisisModel, "threshold"> {
  const encoded = samples.map((s) => ({ features: featuresOf(s.text), y: s }));
  const counts = new Map<string, number>();
  for (const { features } of encoded) {
    for (const f of features) counts.set(f, (counts.get(f) ?? 0) + 1);
  }
  const positives = samples.filter((s) => s.crisis).length;
  // Both classes weigh the same in total.
  const weightOf = (crisis: boolean) =>
    crisis ? samples.length / (2 * positives) : samples.length / (2 * (samples.length - positives));
  const weights = new Map<string, number>();
  let bias = 0;
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    const rate = RATE / (1 + epoch / 10);
    for (const { features, y } of encoded) {
      const kept = features.filter((f) => (counts.get(f) ?? 0) >= MIN_COUNT);
      let sum = bias;
      for (const f of kept) sum += weights.get(f) ?? 0;
      const p = 1 / (1 + Math.exp(-sum));
      const gradient = (p - (y.crisis ? 1 : 0)) * weightOf(y.crisis);
      bias -= rate * gradient;
      for (const f of kept) {
        const w = weights.get(f) ?? 0;
        weights.set(f, w - rate * (gradient + L2 * w));
      }
    }
  }
  const rounded: Record<string, number> = {};
  for (const [f, w] of [...weights].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (Math.abs(w) >= 0.005) rounded[f] = Math.round(w * 1000) / 1000;
  }
  return { bias: Math.round(bias * 1000) / 1000, weights: rounded };
}

function featuresOf(text: string): string[] {
  return crisisFeatures(crisisWords(text));
}

function probability(model: Omit<CrisisModel, "threshold">, text: string): number {
  let sum = model.bias;
  for (const f of featuresOf(text)) sum += model.weights[f] ?? 0;
  return 1 / (1 + Math.exp(-sum));
}

/** Cross-validated probabilities (5 folds by position) and the rules' verdicts. */
function crossValidate(samples: Sample[]): Array<{ s: Sample; p: number; rules: boolean }> {
  const out: Array<{ s: Sample; p: number; rules: boolean }> = [];
  for (let fold = 0; fold < 5; fold++) {
    const model = train(samples.filter((_, i) => i % 5 !== fold));
    samples.forEach((s, i) => {
      if (i % 5 === fold) {
        out.push({ s, p: probability(model, s.text), rules: scoreCrisis(s.text).score >= 2 });
      }
    });
  }
  return out;
}

/** The threshold and the cross-validated figures behind it. */
export function chooseThreshold(samples: Sample[]): { threshold: number; report: string[] } {
  const cv = crossValidate(samples);
  const crisis = cv.filter((r) => r.s.crisis);
  const hard = cv.filter((r) => !r.s.crisis && r.s.hard);
  const easy = cv.filter((r) => !r.s.crisis && !r.s.hard);
  const rate = (rows: typeof cv, t: number) =>
    rows.filter((r) => r.rules || r.p >= t).length / rows.length;
  const report = [
    `samples: ${crisis.length} crisis, ${hard.length} hard negatives, ${easy.length} everyday`,
    `rules alone: recall ${rate(crisis, 2).toFixed(3)}, hard false alarms ${
      rate(hard, 2).toFixed(3)
    }, everyday ${rate(easy, 2).toFixed(3)}`,
  ];
  let threshold = 0.99;
  for (let t = 0.99; t >= 0.3; t = Math.round((t - 0.01) * 100) / 100) {
    if (rate(hard, t) - rate(hard, 2) > HARD_NEGATIVE_BUDGET) break;
    threshold = t;
  }
  report.push(
    `rules + model at ${threshold} (5-fold): recall ${rate(crisis, threshold).toFixed(3)}, ` +
      `hard false alarms ${rate(hard, threshold).toFixed(3)}, everyday ${
        rate(easy, threshold).toFixed(3)
      }`,
  );
  return { threshold, report };
}

/** The model the committed weights must equal. */
export async function trainedModel(): Promise<{ model: CrisisModel; report: string[] }> {
  const samples = await trainingSamples();
  const { threshold, report } = chooseThreshold(samples);
  return { model: { ...train(samples), threshold }, report };
}

if (import.meta.main) {
  const { model, report } = await trainedModel();
  for (const line of report) console.log(line);
  console.log(`features kept: ${Object.keys(model.weights).length}`);
  const at = Deno.args.indexOf("--write");
  if (at >= 0) {
    const file = Deno.args[at + 1];
    if (!file) throw new Error("--write needs a file");
    await Deno.writeTextFile(file, JSON.stringify(model, null, 2) + "\n");
    console.log(`written: ${file}`);
  }
}
