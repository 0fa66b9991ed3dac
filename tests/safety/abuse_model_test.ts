import assert from "node:assert/strict";
import { assessAbuse, detectToxicity } from "../../shared/safety/toxicity.ts";
import type { TextModel } from "../../shared/safety/text_model.ts";
import { assertCommittedModel } from "../support/linear_train.ts";
import { realPostgres } from "../support/test_db.ts";
import { trainedModel } from "./abuse_model_train.ts";

/**
 * The abuse model's weights are data made by tests/safety/abuse_model_train.ts from tuning
 * corpora only: retraining must give exactly the committed file, so nobody edits weights by hand
 * and no held-out sentence can slip in.
 */
Deno.test({
  name: "the committed abuse model is what the training script makes of the tuning corpora",
  // Pure computation (up to a minute of training): once per run, in the PGlite tier.
  ignore: realPostgres !== undefined,
  fn: () =>
    assertCommittedModel(
      new URL("../../shared/safety/abuse_model_weights.json", import.meta.url),
      trainedModel,
    ),
});

Deno.test("the model holds back what no rule names, and a rule's hit stays a named category", () => {
  const never: TextModel = { bias: 0, weights: {}, threshold: 2 };
  const always: TextModel = { bias: 10, weights: {}, threshold: 0.5 };
  const veiled = "с твоими мозгами неудивительно, что с тобой никто не хочет общаться";
  assert.deepEqual(assessAbuse(veiled, never), { category: null, hurtful: false });
  assert.deepEqual(assessAbuse(veiled, always), { category: null, hurtful: true });
  assert.equal(detectToxicity("ты идиот"), "insult");
  assert.deepEqual(assessAbuse("ты идиот", always), { category: "insult", hurtful: false });
  assert.deepEqual(assessAbuse("12345", always), { category: null, hurtful: false });
  // The committed model passes ordinary warmth.
  assert.equal(assessAbuse("Спасибо, что выслушал, мне правда стало легче").hurtful, false);
});
