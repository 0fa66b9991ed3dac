import assert from "node:assert/strict";
import {
  analyzeMood,
  checkLexicon,
  createLexiconAnalyzer,
  explainMood,
  LEXICON_ANALYZER_NAME,
  LEXICON_ANALYZER_VERSION,
} from "../../shared/diary/lexicon_analyzer.ts";
import {
  type MoodAnalysis,
  type MoodLabel,
  moodLabels,
  type MoodPick,
} from "../../shared/diary/mood.ts";
import {
  EVERYDAY,
  EVERYDAY_FIFTH,
  EVERYDAY_FOURTH,
  EVERYDAY_MORE,
  EVERYDAY_THIRD,
  HELD_OUT,
  type MoodSample,
  TUNING,
  type ValenceSign,
} from "./mood_corpus.ts";

/** Valence within ±0.15 reads as neutral: one weak word ("нормально") stays there. */
const NEUTRAL_BAND = 0.15;

function signOf(valence: number): ValenceSign {
  return valence > NEUTRAL_BAND ? "positive" : valence < -NEUTRAL_BAND ? "negative" : "neutral";
}

const labelsOf = (a: MoodAnalysis) => a.labels.map((l) => l.label);
const scoreOf = (a: MoodAnalysis, label: MoodLabel) =>
  a.labels.find((l) => l.label === label)?.score ?? 0;
const mood = (text: string, pick?: MoodPick) => analyzeMood({ text, pick });

function assertWellFormed(a: MoodAnalysis): void {
  assert.ok(a.valence >= -1 && a.valence <= 1, `valence ${a.valence}`);
  assert.ok(a.arousal >= 0 && a.arousal <= 1, `arousal ${a.arousal}`);
  assert.ok(a.labels.length <= 4, `${a.labels.length} labels`);
  assert.equal(new Set(labelsOf(a)).size, a.labels.length, "labels repeat");
  for (const [i, l] of a.labels.entries()) {
    assert.ok(moodLabels.includes(l.label), l.label);
    assert.ok(l.score >= 0.3 && l.score <= 1, `${l.label} ${l.score}`);
    if (i > 0) assert.ok(a.labels[i - 1]!.score >= l.score, "labels not sorted by score");
  }
  assert.equal(a.analyzer, LEXICON_ANALYZER_NAME);
  assert.equal(a.version, LEXICON_ANALYZER_VERSION);
}

interface Figures {
  signAccuracy: number;
  labelRecall: number;
  labelPrecision: number;
  /** Mean F1 of the three valence classes (positive, negative, neutral). */
  valenceMacroF1: number;
  /** Mean F1 over the emotion labels; a found "also" label is neither a hit nor a false alarm. */
  labelMacroF1: number;
  /** The same, with every found label that is not a main label counted as a false alarm. */
  labelMacroF1Strict: number;
  summary: string;
}

interface Confusion {
  tp: number;
  fp: number;
  fn: number;
}

const signs: readonly ValenceSign[] = ["positive", "negative", "neutral"];

const f1 = (c: Confusion) => (c.tp === 0 ? 0 : (2 * c.tp) / (2 * c.tp + c.fp + c.fn));

/**
 * Macro-F1: the unweighted mean of the classes' F1, over the classes that occur in the gold
 * labels or in the predictions (as scikit-learn does); a class never expected and never found
 * has no F1 and is left out.
 */
function macroF1<K extends string>(counts: Map<K, Confusion>): number {
  const seen = [...counts.values()].filter((c) => c.tp + c.fp + c.fn > 0);
  return seen.length === 0 ? 0 : seen.reduce((sum, c) => sum + f1(c), 0) / seen.length;
}

function confusionOf<K extends string>(keys: readonly K[]): Map<K, Confusion> {
  return new Map(keys.map((k) => [k, { tp: 0, fp: 0, fn: 0 }]));
}

/**
 * Checks every sample as a step (well-formed, never the opposite sign) and returns the figures:
 * sign accuracy; label recall (main labels found / main labels); label precision (labels found
 * that are main or "also" labels / labels found); the valence classes' macro-F1; the emotion
 * labels' macro-F1 (multi-label, one-vs-rest per label), lenient and strict about "also" labels.
 */
async function runCorpus(t: Deno.TestContext, samples: MoodSample[]): Promise<Figures> {
  let signHits = 0;
  let expected = 0;
  let found = 0;
  let predicted = 0;
  let fair = 0;
  const misses: string[] = [];
  const perLabel = new Map<MoodLabel, { want: number; got: number }>();
  const bySign = confusionOf(signs);
  const byLabel = confusionOf(moodLabels);
  const byLabelStrict = confusionOf(moodLabels);
  for (const sample of samples) {
    await t.step(sample.text + (sample.pick ? ` [${sample.pick}]` : ""), () => {
      const a = mood(sample.text, sample.pick);
      assertWellFormed(a);
      const got = labelsOf(a);
      const sign = signOf(a.valence);
      const missing = sample.labels.filter((l) => !got.includes(l));
      const extra = got.filter((l) => !sample.labels.includes(l) && !sample.also?.includes(l));
      if (sign === sample.valence) {
        signHits++;
        bySign.get(sign)!.tp++;
      } else {
        bySign.get(sign)!.fp++;
        bySign.get(sample.valence)!.fn++;
      }
      for (const label of moodLabels) {
        const want = sample.labels.includes(label);
        const have = got.includes(label);
        const lenient = byLabel.get(label)!;
        const strict = byLabelStrict.get(label)!;
        if (want && have) {
          lenient.tp++;
          strict.tp++;
        } else if (want) {
          lenient.fn++;
          strict.fn++;
        } else if (have) {
          strict.fp++;
          if (!sample.also?.includes(label)) lenient.fp++;
        }
      }
      expected += sample.labels.length;
      found += sample.labels.length - missing.length;
      predicted += got.length;
      fair += got.length - extra.length;
      for (const label of sample.labels) {
        const counts = perLabel.get(label) ?? { want: 0, got: 0 };
        counts.want++;
        if (got.includes(label)) counts.got++;
        perLabel.set(label, counts);
      }
      if (sign !== sample.valence || missing.length > 0 || extra.length > 0) {
        misses.push(
          `${sample.text} → ${a.valence} [${got.join(", ")}] (want ${sample.valence} [${
            sample.labels.join(", ")
          }])`,
        );
      }
      // The one thing a sample must never do: come out with the opposite sign.
      if (sample.valence !== "neutral") {
        assert.notEqual(sign, sample.valence === "positive" ? "negative" : "positive");
      }
    });
  }
  const figures = {
    signAccuracy: signHits / samples.length,
    labelRecall: found / expected,
    labelPrecision: fair / predicted,
    valenceMacroF1: macroF1(bySign),
    labelMacroF1: macroF1(byLabel),
    labelMacroF1Strict: macroF1(byLabelStrict),
  };
  const recallByLabel = [...perLabel].map(([label, c]) => `${label} ${c.got}/${c.want}`).join(
    ", ",
  );
  const f1ByClass = (counts: Map<string, Confusion>) =>
    [...counts].filter(([, c]) => c.tp + c.fp + c.fn > 0)
      .map(([k, c]) => `${k} ${f1(c).toFixed(2)} (tp ${c.tp}, fp ${c.fp}, fn ${c.fn})`)
      .join(", ");
  const summary = `${samples.length} sentences: sign accuracy ${
    figures.signAccuracy.toFixed(3)
  }, valence macro-F1 ${figures.valenceMacroF1.toFixed(3)}, label macro-F1 ${
    figures.labelMacroF1.toFixed(3)
  } (strict ${figures.labelMacroF1Strict.toFixed(3)}), label recall ${
    figures.labelRecall.toFixed(3)
  }, label precision ${figures.labelPrecision.toFixed(3)}\n  valence F1 by class: ${
    f1ByClass(bySign)
  }\n  label F1 by label: ${
    f1ByClass(byLabel)
  }\n  recall by label: ${recallByLabel}\n  misses:\n    ${misses.join("\n    ") || "none"}`;
  return { ...figures, summary };
}

Deno.test("the word lists have no malformed or conflicting rows", () => {
  assert.deepEqual(checkLexicon(), []);
});

// The tuned set was written alongside the lexicon and tuned until it passed, so these figures
// only show the rules do what they were made for; the floors leave room for a few sentences to
// change when the lexicon grows, and catch a real regression.
// The macro-F1 floors were set after their first run (valence 0.991, labels 0.997, strict
// 0.913), with the same kind of room.
Deno.test(
  "the tuned corpus: sign accuracy ≥ 0.95, label recall ≥ 0.95, precision ≥ 0.9, " +
    "macro-F1 valence ≥ 0.93, labels ≥ 0.93 (strict ≥ 0.85)",
  async (t) => {
    assert.ok(TUNING.length >= 150, `${TUNING.length} sentences`);
    const f = await runCorpus(t, TUNING);
    console.log(`tuned corpus, ${f.summary}`);
    assert.ok(f.signAccuracy >= 0.95, `sign accuracy ${f.signAccuracy}`);
    assert.ok(f.labelRecall >= 0.95, `label recall ${f.labelRecall}`);
    assert.ok(f.labelPrecision >= 0.9, `label precision ${f.labelPrecision}`);
    assert.ok(f.valenceMacroF1 >= 0.93, `valence macro-F1 ${f.valenceMacroF1}`);
    assert.ok(f.labelMacroF1 >= 0.93, `label macro-F1 ${f.labelMacroF1}`);
    assert.ok(f.labelMacroF1Strict >= 0.85, `strict label macro-F1 ${f.labelMacroF1Strict}`);
  },
);

// The held-out set was labelled before the lexicon existed and never tuned against. Its floors
// were fixed before its first run (well above chance: three signs, ten labels); that first run
// gave sign 0.909, recall 0.865, precision 0.951. Do not raise them by tuning on this set.
// The macro-F1 floors came later, after a run (valence 0.856, labels 0.920, strict 0.850):
// unlike the others they were not fixed blind. The neutral class has only 4 sentences here, so
// one sentence moves the valence macro-F1 by up to ~0.1; the floors leave more than that.
Deno.test(
  "the held-out corpus: sign accuracy ≥ 0.7, label recall ≥ 0.6, precision ≥ 0.6, " +
    "macro-F1 valence ≥ 0.7, labels ≥ 0.75 (strict ≥ 0.7)",
  async (t) => {
    assert.ok(HELD_OUT.length >= 40, `${HELD_OUT.length} sentences`);
    const f = await runCorpus(t, HELD_OUT);
    console.log(`held-out corpus, ${f.summary}`);
    assert.ok(f.signAccuracy >= 0.7, `sign accuracy ${f.signAccuracy}`);
    assert.ok(f.labelRecall >= 0.6, `label recall ${f.labelRecall}`);
    assert.ok(f.labelPrecision >= 0.6, `label precision ${f.labelPrecision}`);
    assert.ok(f.valenceMacroF1 >= 0.7, `valence macro-F1 ${f.valenceMacroF1}`);
    assert.ok(f.labelMacroF1 >= 0.75, `label macro-F1 ${f.labelMacroF1}`);
    assert.ok(f.labelMacroF1Strict >= 0.7, `strict label macro-F1 ${f.labelMacroF1Strict}`);
  },
);

Deno.test("macro-F1 is computed as defined", () => {
  const counts = new Map<string, Confusion>([
    ["a", { tp: 3, fp: 1, fn: 0 }], // F1 6/7
    ["b", { tp: 0, fp: 2, fn: 1 }], // F1 0
    ["c", { tp: 0, fp: 0, fn: 0 }], // never expected, never found: left out
  ]);
  assert.ok(Math.abs(macroF1(counts) - 3 / 7) < 1e-12, `${macroF1(counts)}`);
  assert.equal(macroF1(new Map()), 0);
});

Deno.test("no sentence is in both corpora", () => {
  const tuned = new Set([...TUNING, ...EVERYDAY_ALL].map((s) => s.text));
  assert.deepEqual(HELD_OUT.filter((s) => tuned.has(s.text)).map((s) => s.text), []);
  assert.equal(tuned.size, TUNING.length + EVERYDAY_ALL.length, "a tuning sentence repeats");
});

const EVERYDAY_ALL = [
  ...EVERYDAY,
  ...EVERYDAY_MORE,
  ...EVERYDAY_THIRD,
  ...EVERYDAY_FOURTH,
  ...EVERYDAY_FIFTH,
];

// Everyday language (issue 17), four batches written by the engineer who extended the lexicon.
// Each batch was run once before any change made for it (LEXICON.md has those first figures:
// the honest part), then tuned against; these floors only keep what the tuning reached.
Deno.test(
  "the everyday corpus: sign accuracy ≥ 0.9 (polar ≥ 0.9), label recall ≥ 0.75, precision ≥ 0.75",
  async (t) => {
    assert.ok(EVERYDAY_ALL.length >= 300, `${EVERYDAY_ALL.length} sentences`);
    const f = await runCorpus(t, EVERYDAY_ALL);
    console.log(`everyday corpus, ${f.summary}`);
    const polar = EVERYDAY_ALL.filter((s) => s.valence !== "neutral");
    const polarHits = polar.filter((s) => signOf(mood(s.text, s.pick).valence) === s.valence);
    assert.ok(f.signAccuracy >= 0.9, `sign accuracy ${f.signAccuracy}`);
    assert.ok(polarHits.length / polar.length >= 0.9, `polar ${polarHits.length}/${polar.length}`);
    assert.ok(f.labelRecall >= 0.75, `label recall ${f.labelRecall}`);
    assert.ok(f.labelPrecision >= 0.75, `label precision ${f.labelPrecision}`);
  },
);

Deno.test("a negation flips a good word and only softens a bad one", async (t) => {
  await t.step("«я не рада» is negative", () => {
    assert.ok(mood("я рада").valence > NEUTRAL_BAND);
    const a = mood("я не рада");
    assert.ok(a.valence < -NEUTRAL_BAND, `${a.valence}`);
    assert.deepEqual(labelsOf(a), []);
  });
  await t.step("«не грустно» is neutral, with no sadness", () => {
    const a = mood("мне не грустно");
    assert.equal(signOf(a.valence), "neutral");
    assert.ok(a.valence >= 0);
    assert.deepEqual(labelsOf(a), []);
  });
  await t.step("an emphatic negation («ни капли не страшно») turns positive", () => {
    const plain = mood("не страшно");
    const emphatic = mood("ни капли не страшно");
    assert.ok(emphatic.valence > plain.valence);
    assert.equal(signOf(emphatic.valence), "positive");
    assert.deepEqual(labelsOf(emphatic), []);
    assert.equal(signOf(mood("совсем не устала").valence), "positive");
    assert.equal(signOf(mood("мне уже не больно").valence), "positive");
  });
  await t.step("«не могу сказать, что рада» reaches over the comma", () => {
    assert.ok(mood("не могу сказать, что рада").valence < -NEUTRAL_BAND);
    assert.ok(mood("не то чтобы я злилась").valence >= 0);
  });
  await t.step("«радости нет» and «без радости» negate too", () => {
    assert.ok(mood("радости нет").valence < 0);
    assert.ok(mood("без радости").valence < 0);
    assert.ok(mood("нет надежды").valence < 0);
  });
  await t.step("«чуть не расплакалась» is no negation", () => {
    const a = mood("чуть не расплакалась");
    assert.ok(a.valence < 0);
    assert.deepEqual(labelsOf(a), ["sadness"]);
  });
  await t.step("a negation stops at a comma or a far-off word", () => {
    const a = mood("Я не злюсь на него, просто устала");
    assert.deepEqual(labelsOf(a), ["tiredness"]);
    assert.ok(labelsOf(mood("не знаю почему, но грустно")).includes("sadness"));
  });
  await t.step("a phrase never reaches over a negation: «мне не плохо» is not «мне плохо»", () => {
    assert.ok(mood("мне не плохо").valence >= 0);
    assert.ok(mood("мне плохо").valence < -NEUTRAL_BAND);
  });
});

Deno.test("phrases win over the words in them", async (t) => {
  const cases: Array<[string, MoodLabel, ValenceSign]> = [
    ["нет сил", "tiredness", "negative"],
    ["сил больше нет", "tiredness", "negative"],
    ["опустились руки", "tiredness", "negative"],
    ["на душе так тяжело", "sadness", "negative"],
    ["как камень с души", "calm", "positive"],
    ["всё бесит", "anger", "negative"],
    ["никому не нужна", "loneliness", "negative"],
    ["не с кем поговорить", "loneliness", "negative"],
    ["места себе не нахожу", "anxiety", "negative"],
    ["радости нет предела", "joy", "positive"],
    ["плакала от счастья", "joy", "positive"],
    ["всё будет хорошо", "hope", "positive"],
  ];
  for (const [text, label, sign] of cases) {
    await t.step(`«${text}» is ${label}`, () => {
      const a = mood(text);
      assert.equal(a.labels[0]?.label, label, JSON.stringify(a.labels));
      assert.equal(signOf(a.valence), sign);
    });
  }
  await t.step("«плачу за квартиру» is about money, not tears", () => {
    assert.deepEqual(mood("плачу за квартиру").labels, []);
  });
});

Deno.test("intensifiers strengthen and diminishers soften", async (t) => {
  await t.step("очень > plain > немного", () => {
    const strong = mood("очень грустно");
    const plain = mood("грустно");
    const soft = mood("немного грустно");
    assert.ok(strong.valence < plain.valence && plain.valence < soft.valence && soft.valence < 0);
    assert.ok(scoreOf(strong, "sadness") > scoreOf(plain, "sadness"));
    assert.ok(scoreOf(plain, "sadness") > scoreOf(soft, "sadness"));
    assert.ok(scoreOf(soft, "sadness") > 0, "a softened feeling is still named");
  });
  await t.step("every listed intensifier works", () => {
    const plain = mood("устала").valence;
    for (const word of ["очень", "совсем", "ужасно", "так", "слишком", "крайне"]) {
      assert.ok(mood(`${word} устала`).valence < plain, word);
    }
    for (const word of ["немного", "чуть", "слегка"]) {
      assert.ok(mood(`${word} устала`).valence > plain, word);
    }
  });
  await t.step("«ужасно устала» is tiredness only: «ужасно» just strengthens it", () => {
    assert.deepEqual(labelsOf(mood("ужасно устала")), ["tiredness"]);
    assert.deepEqual(labelsOf(mood("страшно одиноко")), ["loneliness"]);
    assert.ok(labelsOf(mood("мне страшно")).includes("anxiety"));
  });
  await t.step("a comparison after the word strengthens it: «устала как собака»", () => {
    assert.ok(mood("устала как собака").valence < mood("устала").valence);
    assert.ok(mood("смеялась до слёз").valence > mood("смеялась").valence);
    assert.deepEqual(labelsOf(mood("смеялась до слёз")), ["joy"]);
  });
  await t.step("stretched and doubled words count stronger", () => {
    assert.ok(mood("грууустно").valence < mood("грустно").valence);
    assert.ok(mood("грустно-грустно").valence < mood("грустно").valence);
  });
  await t.step("what follows «но» weighs more than what precedes it", () => {
    assert.equal(signOf(mood("Было тяжело, но сейчас уже легче.").valence), "positive");
    assert.ok(mood("Было весело, но я устала.").valence < 0);
  });
});

Deno.test("capitals and exclamation marks raise arousal", () => {
  const calm = mood("я рада");
  const loud = mood("Я РАДА!!!");
  assert.ok(loud.arousal > calm.arousal + 0.2, `${calm.arousal} → ${loud.arousal}`);
  assert.ok(loud.valence > calm.valence);
  assert.ok(mood("бесит!!!").arousal > mood("бесит").arousal);
  assert.ok(mood("устала").arousal < mood("злюсь").arousal, "tiredness is calmer than anger");
});

Deno.test("emoji and emoticons carry feelings", async (t) => {
  const cases: Array<[string, MoodLabel, ValenceSign]> = [
    ["😢", "sadness", "negative"],
    ["😭", "sadness", "negative"],
    ["😞", "sadness", "negative"],
    ["😔", "sadness", "negative"],
    ["☹️", "sadness", "negative"],
    ["🙁", "sadness", "negative"],
    ["😡", "anger", "negative"],
    ["🤬", "anger", "negative"],
    ["😠", "anger", "negative"],
    ["😰", "anxiety", "negative"],
    ["😱", "anxiety", "negative"],
    ["😨", "anxiety", "negative"],
    ["😴", "tiredness", "negative"],
    ["🥱", "tiredness", "negative"],
    ["❤️", "joy", "positive"],
    ["🥰", "joy", "positive"],
    ["😊", "joy", "positive"],
    ["🙂", "joy", "positive"],
    ["😄", "joy", "positive"],
    ["😂", "joy", "positive"],
    ["🙏", "gratitude", "positive"],
    ["🙏🏽", "gratitude", "positive"],
    ["😌", "calm", "positive"],
    ["🫂", "loneliness", "negative"],
    ["💪", "hope", "positive"],
    ["))))", "joy", "positive"],
    [":)", "joy", "positive"],
    ["грустно((", "sadness", "negative"],
    [":(", "sadness", "negative"],
  ];
  for (const [text, label, sign] of cases) {
    await t.step(`${text} is ${label}`, () => {
      const a = mood(text);
      assert.equal(a.labels[0]?.label, label, JSON.stringify(a.labels));
      assert.equal(signOf(a.valence), sign, `${a.valence}`);
    });
  }
  await t.step("a repeated emoji counts more, with diminishing returns", () => {
    const one = mood("😭").valence;
    const three = mood("😭😭😭").valence;
    const ten = mood("😭".repeat(10)).valence;
    assert.ok(three < one && ten <= three && ten >= -1);
  });
  await t.step("brackets around a remark are not smileys", () => {
    assert.deepEqual(mood("(см. выше) обычный день").labels, []);
    assert.equal(mood("(см. выше) обычный день").valence, 0);
  });
});

Deno.test("the person's pick is weighed in", async (t) => {
  const picks: Array<[MoodPick, number]> = [
    ["scale_1", -0.8],
    ["scale_2", -0.4],
    ["scale_3", 0],
    ["scale_4", 0.4],
    ["scale_5", 0.8],
    ["feel_sad", -0.6],
    ["feel_anxious", -0.55],
    ["feel_angry", -0.65],
    ["feel_tired", -0.4],
    ["feel_lonely", -0.55],
    ["feel_grateful", 0.65],
    ["feel_calm", 0.5],
  ];
  await t.step("with no feeling in the text, the pick decides the valence", () => {
    for (const [pick, valence] of picks) {
      assert.equal(mood("", pick).valence, valence, pick);
      assert.equal(mood("Сходила в магазин.", pick).valence, valence, pick);
    }
  });
  await t.step("a feeling pick adds its label", () => {
    const expected: Partial<Record<MoodPick, MoodLabel>> = {
      feel_sad: "sadness",
      feel_anxious: "anxiety",
      feel_angry: "anger",
      feel_tired: "tiredness",
      feel_lonely: "loneliness",
      feel_grateful: "gratitude",
      feel_calm: "calm",
    };
    for (const [pick, label] of Object.entries(expected)) {
      assert.deepEqual(labelsOf(mood("Сходила в магазин.", pick as MoodPick)), [label], pick);
    }
    assert.deepEqual(mood("Сходила в магазин.", "scale_1").labels, []);
    const both = labelsOf(mood("Сегодня отличный день, я просто счастлива!", "feel_tired"));
    assert.ok(both.includes("joy") && both.includes("tiredness"), both.join());
  });
  await t.step("against a clear text the pick weighs 45–55 %", () => {
    const text = "Сегодня отличный день, я просто счастлива, всё получилось!";
    const alone = mood(text).valence;
    const blended = mood(text, "scale_1").valence;
    const weight = (alone - blended) / (alone - -0.8);
    assert.ok(weight >= 0.45 && weight <= 0.55, `pick weight ${weight}`);
    assert.ok(blended < alone && blended > -0.8);
  });
  await t.step("the pick's arousal is blended in too", () => {
    assert.ok(mood("", "feel_anxious").arousal > mood("").arousal);
    assert.ok(mood("", "feel_calm").arousal < mood("").arousal);
    assert.equal(mood("", "scale_5").arousal, mood("").arousal);
  });
  await t.step("an unknown pick is ignored", () => {
    const text = "грустно";
    assert.deepEqual(
      analyzeMood({ text, pick: "scale_9" as MoodPick }),
      analyzeMood({ text, pick: null }),
    );
  });
});

Deno.test("empty and whitespace-only text is neutral", () => {
  for (const text of ["", " ", "   \n\t  ", "\u200b\u200b", "...", "\u0000"]) {
    const a = mood(text);
    assert.deepEqual(
      { valence: a.valence, arousal: a.arousal, labels: a.labels },
      { valence: 0, arousal: 0.3, labels: [] },
      JSON.stringify(text),
    );
  }
  assert.doesNotThrow(() => analyzeMood({ text: null as unknown as string }));
  assert.doesNotThrow(() => analyzeMood({ text: 42 as unknown as string }));
});

// How long these take is measured by `deno task bench diary` (tests hold no timed assertions).
Deno.test("hostile text does not crash it or make it malformed", async (t) => {
  const pieces = [
    "\u0000",
    "\u0007",
    "\u200b",
    "\u200d",
    "\u202e",
    "\u2066",
    "\ufeff",
    "\ud800",
    "\udfff",
    "гpуcтнo", // Latin p, c, o
    "ΒЕСЕЛО", // Greek Beta
    "(",
    ")",
    "!!!",
    "не ",
    "нет сил ",
    "😭",
    "\u{e0041}",
    "ＡＢＣ",
    "а\u0301",
    "\r\n",
    "—",
  ];
  let hostile = "";
  for (let i = 0; hostile.length < 4096; i++) hostile += pieces[(i * 7) % pieces.length];
  hostile = hostile.slice(0, 4096);
  const inputs = [
    hostile,
    "(".repeat(4096),
    ")".repeat(4096),
    "не ".repeat(1365),
    "нет сил ".repeat(512),
    "ооооооо".repeat(585),
    "😭".repeat(2048),
    "a".repeat(4096),
    "гру\u200bстно ".repeat(512),
    "грустно-".repeat(512),
  ];
  for (const [i, text] of inputs.entries()) {
    await t.step(`hostile input ${i + 1} (${text.length} chars)`, () => {
      assertWellFormed(mood(text));
    });
  }
  await t.step("Latin look-alikes and invisible characters do not hide a word", () => {
    assert.deepEqual(labelsOf(mood("мне гpуcтнo")), ["sadness"]);
    assert.deepEqual(labelsOf(mood("мне гру\u200bстно")), ["sadness"]);
    assert.deepEqual(labelsOf(mood("МНЕ ГPУCTHO")), ["sadness"]);
  });
});

Deno.test("a long mixed entry stays mixed: length alone does not push valence to ±1", () => {
  const text = "Утром было радостно. Потом стало грустно. ".repeat(30);
  assert.ok(Math.abs(mood(text).valence) < 0.5, `${mood(text).valence}`);
  const sad = "Мне грустно. ".repeat(30);
  assert.ok(mood(sad).valence < -0.9);
});

Deno.test("createLexiconAnalyzer() gives the same result as analyzeMood(), every time", async () => {
  const analyzer = createLexiconAnalyzer();
  assert.equal(analyzer.name, "lexicon-ru");
  assert.equal(analyzer.version, LEXICON_ANALYZER_VERSION);
  for (const sample of [...TUNING.slice(0, 20), ...HELD_OUT.slice(0, 5)]) {
    const input = { text: sample.text, pick: sample.pick };
    const first = await analyzer.analyze(input);
    assert.deepEqual(first, analyzeMood(input));
    assert.deepEqual(await analyzer.analyze(input), first);
  }
});

Deno.test("analyze() rejects when the signal is already aborted", async () => {
  const controller = new AbortController();
  controller.abort(new Error("stop"));
  await assert.rejects(
    createLexiconAnalyzer().analyze({ text: "грустно" }, controller.signal),
    /stop/,
  );
});

Deno.test("explainMood() lists what was found and how it was weighed", () => {
  const hits = explainMood("Я не рада, но очень устала 😴");
  assert.deepEqual(
    hits.map((h) => [h.match, h.negated]),
    [["рада", true], ["устала", false], ["😴", false]],
  );
  const tired = hits[1]!;
  assert.ok(tired.weight > 1, "«очень» and «но» strengthen it");
});

Deno.test("language rules of issue 17: how far a negation reaches, and what turns it", async (t) => {
  const sign = (text: string) => signOf(mood(text).valence);
  await t.step("verbs of stopping negate, and «не» before them cancels", () => {
    assert.ok(mood("перестала плакать").valence > 0);
    assert.equal(sign("не перестаю смеяться"), "positive");
  });
  await t.step("«не могу не …» is a double negation", () => {
    assert.equal(sign("не могу не радоваться"), "positive");
  });
  await t.step("«не то чтобы …» is a hedge, weaker than a denial", () => {
    assert.ok(mood("не то чтобы весело").valence > mood("не весело").valence);
  });
  await t.step("«не помню, когда …» and «забыла, когда …» reach over the comma", () => {
    assert.equal(sign("Не помню, когда в последний раз смеялась."), "negative");
    assert.equal(sign("Забыла, когда отдыхала."), "negative");
  });
  await t.step("«давно/никогда не … так …» is more than ever", () => {
    assert.equal(sign("Никогда ещё не была такой счастливой."), "positive");
    assert.equal(sign("давно не смеялась"), "negative");
  });
  await t.step("«ничего хорошего», «никакой радости», «нечему радоваться»", () => {
    for (const text of ["ничего хорошего", "никакой радости", "нечему радоваться"]) {
      assert.equal(sign(text), "negative", text);
    }
  });
  await t.step("a phrase with its own negation agrees with «ни» before it", () => {
    assert.equal(sign("ни на что не было сил"), "negative");
  });
  await t.step("fear or a slip denied is relief; sadness denied is only its absence", () => {
    assert.equal(sign("не страшно"), "positive");
    assert.equal(sign("не сорвалась на детей"), "positive");
    assert.equal(sign("мне не грустно"), "neutral");
  });
  await t.step("«радости почему-то нет»: a filler between the thing and «нет»", () => {
    assert.equal(sign("радости почему-то нет"), "negative");
  });
  await t.step("«не знаю, что …» denies nothing", () => {
    assert.equal(sign("Не знаю, что бы я без тебя делала."), "positive");
  });
  await t.step("an unlisted «не» + good word reads as that word denied", () => {
    assert.equal(sign("невкусно"), "negative");
    assert.equal(sign("нелегко"), "negative");
  });
});

Deno.test("language rules of issue 17: idioms, sarcasm, plans and things", async (t) => {
  const sign = (text: string) => signOf(mood(text).valence);
  await t.step("idioms of joy that contain a negation", () => {
    for (const text of ["не нарадуюсь", "лучше не бывает", "жду не дождусь", "не зря старалась"]) {
      assert.equal(sign(text), "positive", text);
    }
  });
  await t.step("praise that opens a complaint is sarcasm", () => {
    assert.equal(sign("Прекрасно, опять сломался принтер."), "negative");
    assert.equal(sign("Обожаю, когда соседи сверлят."), "negative");
    assert.equal(sign("Спасибо за такую «поддержку»."), "negative");
  });
  await t.step("…but not praise followed by more praise or by a sincere «но»", () => {
    assert.equal(sign("Спасибо подруге, что опять выручила."), "positive");
    assert.equal(sign("Прекрасный вечер, жаль, что короткий."), "positive");
  });
  await t.step(
    "a word for praise counts only as a remark on its own («Класс!», not «новый класс»)",
    () => {
      assert.equal(sign("Класс!"), "positive");
      assert.equal(sign("Дочка пошла в новый класс."), "neutral");
    },
  );
  await t.step("a plan or a wish weighs half a feeling", () => {
    assert.ok(mood("будет весело").valence < mood("весело").valence);
    assert.ok(mood("будет весело").valence > 0);
  });
  await t.step("a thing or an event says less next to a word for a feeling", () => {
    assert.equal(sign("Праздник совсем не порадовал."), "negative");
    assert.equal(sign("Завтра праздник."), "positive");
  });
  await t.step("an intensifier after the word strengthens it («устала страшно»)", () => {
    assert.ok(mood("устала страшно").valence < mood("устала").valence);
    assert.deepEqual(labelsOf(mood("устала страшно")), ["tiredness"]);
  });
  await t.step("an exclamation with nothing else to read is mild excitement", () => {
    assert.equal(sign("Первый раз сама доехала до работы!"), "positive");
    assert.equal(sign("Первый раз сама доехала до работы."), "neutral");
  });
});
