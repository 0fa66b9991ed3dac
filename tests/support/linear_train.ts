/**
 * Training for the small text models of shared/safety/text_model.ts: logistic regression by plain
 * gradient descent over the samples in a fixed shuffled order (deterministic: the same corpora give the same
 * weights, so a test can retrain and compare with the committed file), and a threshold chosen by
 * cross-validation: leaving one corpus (one writer) out at a time where samples say who wrote
 * them, else 5-fold.
 */
import assert from "node:assert/strict";
import { probabilityOf, type TextModel } from "../../shared/safety/text_model.ts";

export interface LabelledText {
  text: string;
  /** The class the model should recognise (a crisis, a harmful hint). */
  positive: boolean;
  /** A negative written to look positive: false alarms are counted on these. */
  hard: boolean;
  /**
   * Who wrote it (a corpus file): cross-validation then leaves one writer out at a time, as text
   * nobody here wrote would come, instead of splitting every writer across the folds.
   */
  group?: string;
}

export interface TrainOptions {
  /** A text's features (shared/safety/text_model.ts `textFeatures` over some word reading). */
  featuresOf: (text: string) => string[];
  epochs?: number;
  l2?: number;
  rate?: number;
  /** Features seen in fewer samples are left out: one-off words only memorise. */
  minCount?: number;
  /** How much more an everyday negative (not hard) weighs than a hard one (default 1). */
  everydayWeight?: number;
}

type Weights = Omit<TextModel, "threshold">;

/**
 * One tuning corpus file (a JSON object whose arrays hold `{ text, kind }` items, beside `note`
 * and `written`): each array's texts by its name.
 */
export async function readCorpus(base: string, file: string): Promise<Record<string, string[]>> {
  const parsed = JSON.parse(await Deno.readTextFile(new URL(file, base))) as Record<
    string,
    unknown
  >;
  const texts: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(parsed)) {
    if (Array.isArray(value)) texts[name] = value.map((item: { text: string }) => item.text);
  }
  return texts;
}

/** Weights for `samples`, rounded to three decimals (the committed file's precision). */
export function trainLogistic(samples: readonly LabelledText[], options: TrainOptions): Weights {
  const { epochs = 60, l2 = 1e-3, rate = 0.2, minCount = 2, everydayWeight = 1 } = options;
  // A fixed shuffle: in the corpora's order (all crisis first, then the negatives) the last
  // steps of every epoch would all be negatives and pull the weights that way.
  const encoded = shuffled(
    samples.map((s) => ({
      features: options.featuresOf(s.text),
      y: s.positive,
      scale: !s.positive && !s.hard ? everydayWeight : 1,
    })),
  );
  const counts = new Map<string, number>();
  for (const { features } of encoded) {
    for (const f of features) counts.set(f, (counts.get(f) ?? 0) + 1);
  }
  const positives = samples.filter((s) => s.positive).length;
  // Both classes weigh the same in total.
  const weightOf = (positive: boolean) =>
    samples.length / (2 * (positive ? positives : samples.length - positives));
  // Each kept feature gets a number, so the updates run over a typed array (same arithmetic,
  // same order as by name: the weights do not change, training is several times faster).
  const idOf = new Map<string, number>();
  const rows = encoded.map(({ features, y, scale }) => ({
    y,
    scale,
    ids: Int32Array.from(features.filter((f) => counts.get(f)! >= minCount), (f) => {
      let id = idOf.get(f);
      if (id === undefined) idOf.set(f, id = idOf.size);
      return id;
    }),
  }));
  const weights = new Float64Array(idOf.size);
  let bias = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    const step = rate / (1 + epoch / 10);
    for (const { ids, y, scale } of rows) {
      let sum = bias;
      for (let k = 0; k < ids.length; k++) sum += weights[ids[k]!]!;
      const p = 1 / (1 + Math.exp(-sum));
      const gradient = (p - (y ? 1 : 0)) * weightOf(y) * scale;
      bias -= step * gradient;
      for (let k = 0; k < ids.length; k++) {
        const w = weights[ids[k]!]!;
        weights[ids[k]!] = w - step * (gradient + l2 * w);
      }
    }
  }
  const rounded: Record<string, number> = {};
  for (const [f, id] of [...idOf].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const w = weights[id]!;
    if (Math.abs(w) >= 0.005) rounded[f] = Math.round(w * 1000) / 1000;
  }
  return { bias: Math.round(bias * 1000) / 1000, weights: rounded };
}

/** The same pseudo-random order every run (a linear congruential generator, seed 1). */
function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  let seed = 1;
  for (let i = out.length - 1; i > 0; i--) {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = seed % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export interface ThresholdOptions extends TrainOptions {
  /**
   * Whether the rules alone already say yes (the model only adds to them), given the model's
   * probability for the text (a detector may let the model veto weak rule hits).
   */
  rules: (text: string, probability: number) => boolean;
  /** Whether the model may speak on a text at all (the detector's own gate; default always). */
  speaks?: (text: string) => boolean;
  /** How much the model may add to the rules' cross-validated false alarms on hard negatives. */
  budget: number;
  /** At most this share of everyday text (cross-validated) may be flagged (default: no cap). */
  everydayCap?: number;
  /** What the samples are called in the report («crisis», «harmful»). */
  name: string;
}

/** The lowest threshold within the budget, and the cross-validated figures behind it. */
export function chooseThreshold(
  samples: readonly LabelledText[],
  options: ThresholdOptions,
): { threshold: number; report: string[] } {
  const groups = [...new Set(samples.flatMap((s) => s.group ? [s.group] : []))];
  const folds = groups.length > 1 ? groups : ["0", "1", "2", "3", "4"];
  // Samples of no group are spread over the folds.
  const foldOf = samples.map((s, i) => s.group ?? folds[i % folds.length]!);
  const rows: Array<{ s: LabelledText; p: number; rules: boolean }> = [];
  const speaks = options.speaks ?? (() => true);
  for (const fold of folds) {
    const model = trainLogistic(samples.filter((_, i) => foldOf[i] !== fold), options);
    samples.forEach((s, i) => {
      if (foldOf[i] !== fold) return;
      const p = speaks(s.text) ? probabilityOf(model, options.featuresOf(s.text)) : 0;
      rows.push({ s, p, rules: options.rules(s.text, p) });
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
    if (options.everydayCap !== undefined && rate(easy, t) > options.everydayCap) break;
    threshold = t;
  }
  return {
    threshold,
    report: [
      `samples: ${positive.length} ${options.name}, ${hard.length} hard negatives, ${easy.length} everyday`,
      line("rules alone", 2),
      line(
        `rules + model at ${threshold} (${
          groups.length > 1 ? `leave one of ${folds.length} corpora out` : "5-fold"
        })`,
        threshold,
      ),
    ],
  };
}

/** A trained model and the cross-validated figures behind its threshold. */
export interface Trained {
  model: TextModel;
  report: string[];
}

/** Weights from all `samples` and the threshold `chooseThreshold` picks for them. */
export function trainWithThreshold(
  samples: readonly LabelledText[],
  options: ThresholdOptions,
): Trained {
  // Every fold reads the same texts: each text's features are worked out once.
  const features = new Map<string, string[]>();
  const featuresOf = (text: string) => {
    let found = features.get(text);
    if (!found) features.set(text, found = options.featuresOf(text));
    return found;
  };
  const cached = { ...options, featuresOf };
  const { threshold, report } = chooseThreshold(samples, cached);
  return { model: { ...trainLogistic(samples, cached), threshold }, report };
}

/**
 * A training script's command line: prints the figures and, with `--write <file>`, writes the
 * weights as `deno fmt` would (two-space JSON).
 */
export async function runTrainer(trained: () => Promise<Trained>): Promise<void> {
  const { model, report } = await trained();
  for (const line of report) console.log(line);
  console.log(`features kept: ${Object.keys(model.weights).length}`);
  const at = Deno.args.indexOf("--write");
  if (at < 0) return;
  const file = Deno.args[at + 1] ?? "";
  await Deno.writeTextFile(file, JSON.stringify(model, null, 2) + "\n");
  console.log(`written: ${file}`);
}

/**
 * Committed weights are data a training script makes from tuning corpora only: retraining must
 * give exactly the committed file, so nobody edits weights by hand and no held-out sentence can
 * slip in.
 */
export async function assertCommittedModel(
  weights: URL,
  trained: () => Promise<Trained>,
): Promise<void> {
  const committed = JSON.parse(await Deno.readTextFile(weights)) as TextModel;
  const { model, report } = await trained();
  for (const line of report) console.log(line);
  assert.equal(committed.threshold, model.threshold);
  assert.equal(committed.bias, model.bias);
  assert.deepEqual(committed.weights, model.weights);
}
