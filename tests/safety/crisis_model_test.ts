import assert from "node:assert/strict";
import { detectCrisis, scoreCrisis, SOS_PROBABILITY } from "../../shared/safety/crisis.ts";
import type { TextModel } from "../../shared/safety/text_model.ts";
import { assertCommittedModel } from "../support/linear_train.ts";
import { realPostgres } from "../support/test_db.ts";
import { trainedModel } from "./crisis_model_train.ts";

/**
 * The crisis model's weights are data made by tests/safety/crisis_model_train.ts from our tuning
 * corpora only: retraining must give exactly the committed file, so nobody edits weights by hand
 * and no held-out sentence can slip in.
 */
Deno.test({
  name: "the committed crisis model is what the training script makes of the tuning corpora",
  // Pure computation (up to a minute of training): once per run, in the PGlite tier.
  ignore: realPostgres !== undefined,
  fn: () =>
    assertCommittedModel(
      new URL("../../shared/safety/crisis_model_weights.json", import.meta.url),
      trainedModel,
    ),
});

Deno.test("the model adds a check-in where the rules see nothing, the SOS card where it is sure", () => {
  // Settling one's affairs, no word of dying: the rules score 0 (checked below).
  const indirect = "закрыла все долги, кот у сестры, письма в столе. больше ничего не держит";
  assert.equal(scoreCrisis(indirect).score, 0);
  const never: TextModel = { bias: 0, weights: {}, threshold: 2 };
  assert.equal(detectCrisis(indirect, { model: never }), null);
  // Probability 0.73: over the threshold, under SOS_PROBABILITY — the gentle check-in.
  const leaning: TextModel = { bias: 1, weights: {}, threshold: 0.62 };
  assert.deepEqual(detectCrisis(indirect, { model: leaning }), {
    label: "suicide",
    severity: "medium",
  });
  // Probability 0.98: the card itself.
  const sure: TextModel = { bias: 4, weights: {}, threshold: 0.62 };
  assert.ok(0.98 >= SOS_PROBABILITY);
  assert.deepEqual(detectCrisis(indirect, { model: sure }), { label: "suicide", severity: "high" });
  // The committed model is sure of this one.
  assert.deepEqual(detectCrisis(indirect), { label: "suicide", severity: "high" });
  assert.equal(detectCrisis("Люблю шахматы и прогулки"), null);
  // The rules still answer on their own, with the SOS card.
  assert.equal(detectCrisis("я хочу умереть", { model: never })?.severity, "high");
});

Deno.test("the model vetoes the rules' weaker hits where it reads no crisis, never the strongest", () => {
  // A model that reads no crisis anywhere (probability about 0.00005).
  const calm: TextModel = { bias: -10, weights: {}, threshold: 0.62 };
  // Score 3 (a rope bought): vetoed in a chat message, standing in a coach's hint.
  assert.equal(scoreCrisis("купил верёвку").score, 3);
  assert.equal(detectCrisis("купил верёвку", { model: calm }), null);
  assert.equal(detectCrisis("купил верёвку", { model: calm, strict: true })?.severity, "high");
  // Score 4 stands whatever the model reads.
  assert.equal(scoreCrisis("хочу покончить с собой сегодня").score, 4);
  assert.equal(
    detectCrisis("хочу покончить с собой сегодня", { model: calm })?.severity,
    "high",
  );
  // The committed model does not veto plain statements.
  for (const text of ["я хочу умереть", "не хочу жить", "наглотаюсь таблеток", "я режу руки"]) {
    assert.equal(detectCrisis(text)?.severity, "high", text);
  }
});
