/**
 * Training for the small text models of shared/safety/text_model.ts: logistic regression by plain
 * gradient descent over the samples in their order (deterministic: the same corpora give the same
 * weights, so a test can retrain and compare with the committed file), and a threshold chosen by
 * 5-fold cross-validation.
 */
import { probabilityOf, type TextModel } from "../../shared/safety/text_model.ts";

export interface LabelledText {
  text: string;
  /** The class the model should recognise (a crisis, a harmful hint). */
  positive: boolean;
  /** A negative written to look positive: false alarms are counted on these. */
  hard: boolean;
}

export interface TrainOptions {
  /** A text's features (shared/safety/text_model.ts `textFeatures` over some word reading). */
  featuresOf: (text: string) => string[];
  epochs?: number;
  l2?: number;
  rate?: number;
  /** Features seen in fewer samples are left out: one-off words only memorise. */
  minCount?: number;
}

type Weights = Omit<TextModel, "threshold">;

/** Weights for `samples`, rounded to three decimals (the committed file's precision). */
export function trainLogistic(samples: readonly LabelledText[], options: TrainOptions): Weights {
  const { epochs = 60, l2 = 1e-3, rate = 0.2, minCount = 2 } = options;
  const encoded = samples.map((s) => ({ features: options.featuresOf(s.text), y: s.positive }));
  const counts = new Map<string, number>();
  for (const { features } of encoded) {
    for (const f of features) counts.set(f, (counts.get(f) ?? 0) + 1);
  }
  const positives = samples.filter((s) => s.positive).length;
  // Both classes weigh the same in total.
  const weightOf = (positive: boolean) =>
    samples.length / (2 * (positive ? positives : samples.length - positives));
  const weights = new Map<string, number>();
  let bias = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    const step = rate / (1 + epoch / 10);
    for (const { features, y } of encoded) {
      const kept = features.filter((f) => (counts.get(f) ?? 0) >= minCount);
      let sum = bias;
      for (const f of kept) sum += weights.get(f) ?? 0;
      const p = 1 / (1 + Math.exp(-sum));
      const gradient = (p - (y ? 1 : 0)) * weightOf(y);
      bias -= step * gradient;
      for (const f of kept) {
        const w = weights.get(f) ?? 0;
        weights.set(f, w - step * (gradient + l2 * w));
      }
    }
  }
  const rounded: Record<string, number> = {};
  for (const [f, w] of [...weights].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (Math.abs(w) >= 0.005) rounded[f] = Math.round(w * 1000) / 1000;
  }
  return { bias: Math.round(bias * 1000) / 1000, weights: rounded };
}

export interface ThresholdOptions extends TrainOptions {
  /** Whether the rules alone already say yes (the model only adds to them). */
  rules: (text: string) => boolean;
  /** How much the model may add to the rules' cross-validated false alarms on hard negatives. */
  budget: number;
  /** What the samples are called in the report («crisis», «harmful»). */
  name: string;
}

/** The lowest threshold within the budget, and the cross-validated figures behind it. */
export function chooseThreshold(
  samples: readonly LabelledText[],
  options: ThresholdOptions,
): { threshold: number; report: string[] } {
  const rows: Array<{ s: LabelledText; p: number; rules: boolean }> = [];
  for (let fold = 0; fold < 5; fold++) {
    const model = trainLogistic(samples.filter((_, i) => i % 5 !== fold), options);
    samples.forEach((s, i) => {
      if (i % 5 !== fold) return;
      const p = probabilityOf(model, options.featuresOf(s.text));
      rows.push({ s, p, rules: options.rules(s.text) });
    });
  }
  const positive = rows.filter((r) => r.s.positive);
  const hard = rows.filter((r) => !r.s.positive && r.s.hard);
  const easy = rows.filter((r) => !r.s.positive && !r.s.hard);
  const rate = (group: typeof rows, t: number) =>
    group.filter((r) => r.rules || r.p >= t).length / Math.max(1, group.length);
  const line = (label: string, t: number) =>
    `${label}: recall ${rate(positive, t).toFixed(3)}, hard false alarms ${
      rate(hard, t).toFixed(3)
    }, everyday ${rate(easy, t).toFixed(3)}`;
  let threshold = 0.99;
  for (let t = 0.99; t >= 0.3; t = Math.round((t - 0.01) * 100) / 100) {
    if (rate(hard, t) - rate(hard, 2) > options.budget) break;
    threshold = t;
  }
  return {
    threshold,
    report: [
      `samples: ${positive.length} ${options.name}, ${hard.length} hard negatives, ${easy.length} everyday`,
      line("rules alone", 2),
      line(`rules + model at ${threshold} (5-fold)`, threshold),
    ],
  };
}

/** Writes a model as `deno fmt` would (two-space JSON) and says so. */
export async function writeModel(model: TextModel, file: string): Promise<void> {
  await Deno.writeTextFile(file, JSON.stringify(model, null, 2) + "\n");
  console.log(`written: ${file}`);
}
