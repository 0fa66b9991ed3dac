import assert from "node:assert/strict";
import { checkHintText, checkModelHint } from "../../shared/coach/hint_guard.ts";
import { assertCommittedModel } from "../support/linear_train.ts";
import { realPostgres } from "../support/test_db.ts";
import { trainedModel } from "./hint_model_train.ts";

Deno.test({
  name: "the committed hint model is what the training script makes of the tuning corpora",
  // Pure computation (up to a minute of training): once per run, in the PGlite tier.
  ignore: realPostgres !== undefined,
  fn: () =>
    assertCommittedModel(
      new URL("../../shared/coach/hint_model_weights.json", import.meta.url),
      trainedModel,
    ),
});

Deno.test("a model's hint the rules pass can still be refused by the learned check", () => {
  // Pressing the partner to stay: no rule word, a learned refusal.
  const guilt = "Можно сказать: «Не уходи, без тебя мне никто не нужен, останься до утра»";
  assert.equal(checkHintText(guilt).ok, true);
  assert.deepEqual(checkModelHint(guilt), { ok: false, reason: "learned" });
  const kind = "Звучит так, будто тебе сейчас очень одиноко. Хочешь рассказать, что случилось?";
  assert.equal(checkModelHint(kind).ok, true);
});
